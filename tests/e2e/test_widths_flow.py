"""Real browser: every page at 1366 and 1440 pixels wide, in English and Dutch.

Laptops and projectors show 1366 or 1440 pixels: no card value or card title may be cut
("€2,109,…", "Nieuwe deals (aanv…"). Screenshots of the first screen of each page are saved
to look at.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.conftest import ARTIFACTS, go, no_exception, wait_idle

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


def _tab(browser: Browser, app_url: str, width: int) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    tab.goto(app_url)
    wait_idle(tab)
    return tab


@pytest.mark.parametrize("width", [1366, 1440])
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_no_card_is_cut(browser: Browser, app_url: str, width: int, lang: str) -> None:
    tab = _tab(browser, app_url, width)
    try:
        if lang == "nl":
            tab.locator(".st-key-ui_language").get_by_text("Nederlands").click()
            wait_idle(tab)
        cut: dict[str, list[str]] = {}
        for n, name in enumerate(PAGES[lang], 2):
            go(tab, name)
            no_exception(tab)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(ARTIFACTS / f"50-{width}-{lang}-{n}.png"))  # first screen
            if found := tab.evaluate(CUT):
                cut[name] = found
        assert not cut, f"cut at {width} px: {cut}"
    finally:
        tab.context.close()
