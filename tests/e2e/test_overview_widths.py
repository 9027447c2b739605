"""Real browser: the Team overview at 1366 and 1440 px wide, in English and Dutch — no KPI
card cuts its title or its value ('€2,109,…', 'Nieuwe deals (aanv…'); a screenshot of each."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from analysis.words.catalogue import t
from tests.e2e.conftest import drawn, go, shot, wait_idle

pytestmark = pytest.mark.e2e

CUT = """() => [...document.querySelectorAll("[data-testid='stMetric'] *")]
  .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow !== "visible")
  .map(e => e.textContent)"""


@pytest.mark.parametrize("width", [1366, 1440])
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_no_card_is_cut(browser: Browser, app_url: str, width: int, lang: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 1700})
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    try:
        tab.goto(app_url)
        wait_idle(tab)
        if lang == "nl":
            tab.locator("[data-testid='stSidebar'] label", has_text="Nederlands").click()
            wait_idle(tab)
        go(tab, t("nav.team_overview", lang))
        drawn(tab, "overview_attainment")
        cards = tab.locator("[data-testid='stMetric']")
        assert cards.count() == 6
        shot(tab, f"overview-{lang}-{width}")
        assert tab.evaluate(CUT) == []
    finally:
        context.close()
