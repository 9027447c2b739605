"""Real browser: meeting mode on a projector-sized screen, and the reports it sends on.

The HTML report is opened in a context with the network off (every request that is not the
file itself is refused and counted) and must still draw its charts; the PDF is turned into
PNG pages with pdftoppm and saved beside the screenshots.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, Route, expect

from analysis.words.catalogue import t
from sample_data.generate import write_workbook
from tests.e2e.conftest import ARTIFACTS, drawn, go, no_exception, shot, upload, wait_idle
from ui.state import SAMPLE_EARLIER

pytestmark = pytest.mark.e2e
SCREENS = ["headline", "board", "bridge", "flagged", "pipeline", "focus", "forecast"]
# The sample comes with its earlier exports (sample_data/): "Since last meeting" after the
# pipeline; an upload without earlier exports has no such screen.
SAMPLE_SCREENS = [*SCREENS[:5], *(["changes"] if SAMPLE_EARLIER else []), *SCREENS[5:]]
PROJECTOR = {"width": 1280, "height": 800}
# How far the screen's content reaches below the top of the window (pixels), and how wide.
REACH = """() => {
  const screen = document.querySelector("[class*='st-key-meeting_screen_']");
  const main = document.querySelector("[data-testid='stMain']");
  return {bottom: screen.getBoundingClientRect().bottom, top: main.scrollTop,
          wide: document.documentElement.scrollWidth};
}"""


def present_every_screen(
    page: Page, lang: str, first: int, screens: list[str] = SAMPLE_SCREENS
) -> list[dict]:
    """Step through every screen at 1280×800, screenshot each, return how far each reaches."""
    page.set_viewport_size(PROJECTOR)
    page.get_by_role("button", name=t("meeting.start", lang)).click()
    wait_idle(page)
    expect(page.locator("[data-testid='stSidebar']")).to_be_hidden()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    reached = []
    for number, key in enumerate(screens, first):
        screen = page.locator(f".st-key-meeting_screen_{key}")
        expect(screen).to_be_visible()
        if key in ("board", "bridge", "changes", "forecast"):
            drawn(page, f"meeting_screen_{key}")
        no_exception(page)
        page.screenshot(path=str(ARTIFACTS / f"{number}-meeting-{lang}-{key}.png"))
        reached.append({"screen": key, **page.evaluate(REACH)})
        page.keyboard.press("ArrowRight")  # the Next button's shortcut
        wait_idle(page)
    return reached


def fits(reached: list[dict]) -> None:
    """Fail when a screen needs scrolling at 1280×800 (down or sideways)."""
    over = [r for r in reached if r["bottom"] > PROJECTOR["height"] or r["wide"] > 1280]
    assert over == [], over


def _download(page: Page, name: str, to: Path) -> Path:
    with page.expect_download() as download:
        page.get_by_role("button", name=name).click()
    download.value.save_as(to)
    return to


def test_presentation_then_the_reports(page: Page, browser: Browser, tmp_path: Path) -> None:
    export = write_workbook(tmp_path / "crm_export_seed5.xlsx", seed=5)
    upload(page, export)
    go(page, "Meeting mode & export")
    expect(page.get_by_role("heading", name="Meeting mode & export")).to_be_visible()
    shot(page, "30-meeting-setup")

    reached = present_every_screen(page, "en", 31, SCREENS)  # no earlier export: no changes
    print("en", reached)
    fits(reached)
    expect(page.locator(".st-key-meeting_screen_forecast")).to_be_visible()
    page.keyboard.press("Escape")
    wait_idle(page)
    expect(page.locator("[data-testid='stSidebar']")).to_be_visible()
    page.set_viewport_size({"width": 1600, "height": 1500})

    page.get_by_role("button", name="Make the files").click()
    wait_idle(page)
    expect(page.get_by_text("Files ready")).to_be_visible()
    html = _download(page, "Review as web page", tmp_path / "review.html")
    pdf = _download(page, "Review as PDF", tmp_path / "review.pdf")
    xlsx = _download(page, "All numbers (Excel)", tmp_path / "review.xlsx")
    assert xlsx.read_bytes()[:2] == b"PK"
    assert {"Forecast", "Forecast deals"} <= set(load_workbook(xlsx, read_only=True).sheetnames)

    offline = browser.new_context(offline=True, viewport={"width": 1000, "height": 1400})
    refused: list[str] = []

    def only_the_file(route: Route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    offline.route("**/*", only_the_file)
    report = offline.new_page()
    report.goto(html.as_uri())
    charts = report.locator("figure svg")
    assert charts.count() == 4  # attainment, leaderboard, bridge, the teams' forecast ranges
    for i in range(4):
        expect(charts.nth(i).locator("path").first).to_be_attached()
    expect(report.get_by_role("heading", name="Why revenue moved")).to_be_visible()
    report.screenshot(path=str(ARTIFACTS / "36-report-html-offline.png"), full_page=True)
    offline.close()
    assert refused == []

    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is missing: apt-get install poppler-utils"
    subprocess.run([pdftoppm, "-r", "60", "-png", str(pdf), str(ARTIFACTS / "37-report-pdf")],
                   check=True)  # fmt: skip
    pages = sorted(ARTIFACTS.glob("37-report-pdf*.png"))
    assert len(pages) >= 2


def test_dutch_meeting_screens(page: Page) -> None:
    page.locator("[data-testid='stSidebar'] label", has_text="Nederlands").click()
    wait_idle(page)
    go(page, "Vergadermodus & export")
    expect(page.get_by_role("heading", name="Vergadermodus & export")).to_be_visible()
    page.set_viewport_size(PROJECTOR)
    page.get_by_role("button", name="Start de presentatie").click()
    wait_idle(page)
    # The sample's 2026-Q3 revenue, 2,070,648 euro, written the Dutch way; the sample says so.
    expect(page.get_by_role("heading", name="Hoe het team presteerde")).to_be_visible()
    expect(page.locator("[data-testid='stMetricValue']").first).to_have_text("€\u00a02.070.648")
    where = f"Voorbeeldgegevens 1 van {len(SAMPLE_SCREENS)}"
    expect(page.locator("p", has_text=where)).to_be_visible()
    page.get_by_role("button", name="Stoppen").click()
    wait_idle(page)
    reached = present_every_screen(page, "nl", 41)
    print("nl", reached)
    fits(reached)


def test_english_sample_screens_fit(page: Page) -> None:
    go(page, "Meeting mode & export")
    reached = present_every_screen(page, "en", 51)
    print("en-sample", reached)
    fits(reached)
