"""Real browser: every page at 1366 and 1440 pixels wide, in English and Dutch (the Team
overview's six cards also checked for text their box hides).

Laptops and projectors show 1366 or 1440 pixels: no card value or card title may be cut
("€2,109,…", "Nieuwe deals (aanv…"). Screenshots of the first screen of each page are saved
to look at.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from analysis.words.catalogue import t
from tests.e2e.conftest import ARTIFACTS, drawn, go, no_exception, shot, wait_idle

pytestmark = pytest.mark.e2e

PAGES = {
    "en": ["Team overview", "Rep deep-dive", "Root causes", "Pipeline & funnel", "Customers",
           "Team health", "Meeting mode & export"],
    "nl": ["Teamoverzicht", "Verkoper in detail", "Oorzaken", "Pipeline en funnel", "Klanten",
           "Teamgezondheid", "Vergadermodus & export"],
}  # fmt: skip
CUT = """() => [...document.querySelectorAll(
    "[data-testid='stMetric'] *")]
    .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.innerText)"""


WIDTHS = (1366, 1440)
HIDDEN = """() => [...document.querySelectorAll("[data-testid='stMetric'] *")]
  .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow !== "visible")
  .map(e => e.textContent)"""  # a card's text its box hides, shown or not


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_no_card_is_cut(browser: Browser, app_url: str, lang: str) -> None:
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    try:
        tab.goto(app_url)
        wait_idle(tab)
        if lang == "nl":
            tab.locator(".st-key-ui_language").get_by_text("Nederlands").click()
            wait_idle(tab)
        cut: dict[str, list[str]] = {}
        for n, name in enumerate(PAGES[lang], 2):
            go(tab, name)
            no_exception(tab)
            for width in WIDTHS:  # the same page, the window made narrower or wider
                tab.set_viewport_size({"width": width, "height": 900})
                tab.wait_for_timeout(300)  # the layout flows again (no rerun)
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                tab.screenshot(path=str(ARTIFACTS / f"50-{width}-{lang}-{n}.png"))  # first screen
                if found := tab.evaluate(CUT):
                    cut[f"{name} at {width} px"] = found
                if name == t("nav.team_overview", lang):  # the cards' page: all six, none hidden
                    drawn(tab, "overview_attainment")
                    assert tab.locator("[data-testid='stMetric']").count() == 6
                    shot(tab, f"overview-{lang}-{width}")
                    if found := tab.evaluate(HIDDEN):
                        cut[f"{name} at {width} px, hidden"] = found
            tab.set_viewport_size({"width": WIDTHS[0], "height": 900})
        assert not cut, f"cut: {cut}"
    finally:
        context.close()
