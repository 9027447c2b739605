"""Real browser: the Forecast page of an uploaded export, in English and Dutch, on a projector.

The top of the page (the as-of line, the headline, the cards and the range chart) must fit a
1280×800 window without scrolling; screenshots of the window and of the whole page are saved.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from analysis.words.catalogue import t
from sample_data.generate import write_workbook
from tests.e2e.conftest import ARTIFACTS, drawn, go, no_exception, shot, upload, wait_idle

pytestmark = pytest.mark.e2e
PROJECTOR = {"width": 1280, "height": 800}
# How far the range chart reaches below the top of the window, and how wide the page is.
REACH = """() => {
  const top = document.querySelector(".st-key-forecast_ranges [data-testid='stVegaLiteChart']");
  const main = document.querySelector("[data-testid='stMain']");
  return {bottom: top.getBoundingClientRect().bottom, scrolled: main.scrollTop,
          wide: document.documentElement.scrollWidth};
}"""


def _top_fits(page: Page, name: str) -> None:
    """Screenshot the window at 1280×800 and fail when the top of the page needs scrolling."""
    page.set_viewport_size(PROJECTOR)
    wait_idle(page)
    drawn(page, "forecast_ranges")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    reach = page.evaluate(REACH)
    print(name, reach)
    assert reach["scrolled"] == 0
    assert reach["bottom"] <= PROJECTOR["height"], reach
    assert reach["wide"] <= PROJECTOR["width"], reach


def test_forecast_page_in_english_and_dutch(page: Page, tmp_path: Path) -> None:
    export = write_workbook(tmp_path / "crm_export_seed7.xlsx", seed=7)
    upload(page, export)
    go(page, "Forecast")
    expect(page.get_by_role("heading", name="Forecast", exact=True)).to_be_visible()
    expect(page.get_by_text("Forecast for 2026-Q4, made from the data up to")).to_be_visible()
    expect(page.get_by_text("8 in 10 chance between").first).to_be_visible()
    expect(page.get_by_text("Likely revenue", exact=True)).to_be_visible()
    _top_fits(page, "75-forecast-en")
    page.set_viewport_size({"width": 1600, "height": 3000})  # the whole page in one shot
    wait_idle(page)
    for key in ("forecast_ranges", "forecast_backtest", "forecast_reliability"):
        drawn(page, key)
    expect(page.get_by_role("heading", name="Deals that matter most")).to_be_visible()
    expect(page.get_by_text("fell inside the 8-in-10 range")).to_be_visible()
    shot(page, "77-forecast-en-whole")

    page.locator(".st-key-forecast_by label", has_text="Per rep").click()
    wait_idle(page)
    no_exception(page)
    drawn(page, "forecast_ranges")
    expect(page.get_by_text("Where each rep will likely land")).to_be_attached()

    page.locator("[data-testid='stSidebar'] label", has_text="Nederlands").click()
    wait_idle(page)
    no_exception(page)
    expect(page.get_by_role("heading", name=t("forecast.title", "nl"), exact=True)).to_be_visible()
    expect(page.get_by_text("8 op 10 kans tussen").first).to_be_visible()
    expect(page.get_by_text("Waarschijnlijke omzet", exact=True)).to_be_visible()
    page.locator(".st-key-forecast_by label", has_text="Per team").click()
    _top_fits(page, "76-forecast-nl")
    page.set_viewport_size({"width": 1600, "height": 3000})  # the whole page in one shot
    wait_idle(page)
    shot(page, "78-forecast-nl-whole")
