"""Real browser: the whole app in Dutch — every page from the Dutch navigation, its heading in
Dutch, its visible charts drawn, no exception; a full-page screenshot of each to look at."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from analysis.words.catalogue import t
from tests.e2e.conftest import no_exception, shot, wait_idle

pytestmark = pytest.mark.e2e
PAGES = ["upload", "team_overview", "rep_deep_dive", "root_causes", "pipeline", "forecast",
         "changes", "customers", "team_health", "meeting"]  # fmt: skip


def test_every_page_in_dutch(page: Page) -> None:
    page.locator("[data-testid='stSidebar'] label", has_text="Nederlands").click()
    wait_idle(page)
    nav = page.locator("[data-testid='stSidebarNav'] a")
    assert [nav.nth(i).inner_text().strip().splitlines()[-1] for i in range(nav.count())] == [
        t(f"nav.{key}", "nl") for key in PAGES
    ]
    for i, key in enumerate(PAGES):
        nav.nth(i).click()
        wait_idle(page)
        no_exception(page)
        title = t(f"nav.{key}", "nl")
        expect(page.get_by_role("heading", name=title, exact=True).first).to_be_visible()
        charts = page.locator("[data-testid='stVegaLiteChart']:visible")  # not in hidden tabs
        for n in range(charts.count()):
            expect(charts.nth(n).locator("svg.marks, canvas").first).to_be_attached()
        shot(page, f"nl-{i + 1}-{key.replace('_', '-')}")
