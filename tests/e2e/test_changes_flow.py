"""Real browser: this week's export and last week's uploaded on the Upload page, then What changed.

The point (what the pipeline due did, and who pushed deals out) must show without scrolling in
a 1280×800 window; screenshots of the window and of the whole page, in English and Dutch, are
saved as test-artifacts/screenshots/80_changes*.png.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.changed_exports import PUSHER, write_pair
from tests.e2e.conftest import ARTIFACTS, drawn, go, no_exception, shot, upload, wait_idle

pytestmark = pytest.mark.e2e
PROJECTOR = {"width": 1280, "height": 800}
WHOLE = {"width": 1600, "height": 3200}
# How far the last finding reaches below the top of the window, and how wide the page is.
REACH = """() => {
  const items = document.querySelectorAll(".st-key-changes_summary li");
  const last = items[items.length - 1];
  const main = document.querySelector("[data-testid='stMain']");
  return {bottom: last.getBoundingClientRect().bottom, scrolled: main.scrollTop,
          wide: document.documentElement.scrollWidth};
}"""


def _point_fits(page: Page, name: str) -> None:
    """Screenshot the window at 1280×800; fail when the findings need scrolling to be read."""
    page.set_viewport_size(PROJECTOR)
    wait_idle(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    reach = page.evaluate(REACH)
    print(name, reach)
    assert reach["scrolled"] == 0
    assert reach["bottom"] <= PROJECTOR["height"], reach
    assert reach["wide"] <= PROJECTOR["width"], reach


def test_what_changed_between_two_uploaded_exports(page: Page, tmp_path: Path) -> None:
    later, earlier = write_pair(tmp_path)
    upload(page, later)
    slot = page.locator(".st-key-upload_earlier [data-testid='stFileUploaderDropzoneInput']")
    slot.set_input_files(str(earlier))
    wait_idle(page)
    no_exception(page)
    expect(page.get_by_text("Compare with an earlier export", exact=True)).to_be_visible()
    expect(
        page.get_by_text("data up to 23 Sep 2026, compared as the earlier export.")
    ).to_be_visible()
    page.set_viewport_size(PROJECTOR)
    wait_idle(page)
    page.screenshot(path=str(ARTIFACTS / "80_changes_upload.png"))

    go(page, "What changed")
    expect(page.get_by_role("heading", name="What changed", exact=True)).to_be_visible()
    summary = page.locator(".st-key-changes_summary")
    expect(summary.get_by_text("Pipeline due in 2026-Q4:")).to_be_visible()
    expect(page.get_by_text(f"{PUSHER} pushed 3 deals worth")).to_be_visible()
    _point_fits(page, "80_changes_en")
    page.set_viewport_size(WHOLE)
    wait_idle(page)
    drawn(page, "changes_flow")
    expect(page.locator(".st-key-changes_reps")).to_contain_text(PUSHER)
    shot(page, "80_changes_en_whole")

    page.locator(".st-key-changes_by label", has_text="A rep").click()
    wait_idle(page)
    page.locator(".st-key-changes_rep").click()
    page.get_by_role("option", name=PUSHER).click()
    wait_idle(page)
    no_exception(page)
    drawn(page, "changes_flow")
    page.locator(".st-key-changes_category").click()
    page.get_by_role("option", name="Pushed out of the period (3)").click()
    wait_idle(page)
    no_exception(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download these deals (CSV)").click()
    saved = tmp_path / "pushed.csv"
    download.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 3
    assert {r["Close date now"] for r in rows} == {"29 Jan 2027"}
    shot(page, "80_changes_en_rep")

    go(page, "Rep deep-dive")
    page.locator(".st-key-rep_pick").click()
    page.get_by_role("option", name=PUSHER).click()
    wait_idle(page)
    expect(page.locator(".st-key-deepdive_changes")).to_contain_text(f"{PUSHER} pushed 3 deals")
    expect(page.locator(".st-key-deepdive_plan")).to_contain_text("go through each deal pushed out")
    page.locator(".st-key-deepdive_changes").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "80_changes_deepdive.png"))

    go(page, "What changed")
    page.locator("[data-testid='stSidebar'] label", has_text="Nederlands").click()
    wait_idle(page)
    no_exception(page)
    expect(page.get_by_role("heading", name="Wat is er veranderd", exact=True)).to_be_visible()
    summary = page.locator(".st-key-changes_summary")
    expect(summary.get_by_text("Pijplijn met sluitdatum in 2026-Q4:")).to_be_visible()
    page.locator(".st-key-changes_by label", has_text="Het hele bedrijf").click()
    _point_fits(page, "80_changes_nl")
    page.set_viewport_size(WHOLE)
    wait_idle(page)
    drawn(page, "changes_flow")
    shot(page, "80_changes_nl_whole")
