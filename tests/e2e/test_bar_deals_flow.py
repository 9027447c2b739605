"""Real browser: a click on a rep's bar of the Team overview lists that rep's deals behind it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import drawn, go, no_exception, shot, wait_idle

pytestmark = pytest.mark.e2e


def _bar(tab: Page, key: str) -> tuple[str, object]:
    """Return the rep of the first bar of the chart with this key, and the bar."""
    drawn(tab, key)
    bar = tab.locator(f".st-key-{key} svg.marks path[aria-roledescription='bar']").first
    label = bar.get_attribute("aria-label") or ""
    rep = re.search(r"Rep: ([^;]+)", label)
    assert rep, label
    return rep.group(1).strip(), bar


def test_a_click_on_a_leaderboard_bar_lists_the_reps_won_deals(page: Page) -> None:
    go(page, "Team overview")
    rep, bar = _bar(page, "overview_board_chart")
    bar.scroll_into_view_if_needed()
    bar.click()  # type: ignore[attr-defined]
    wait_idle(page)
    no_exception(page)
    panel = page.locator(".st-key-overview_bar_deals")
    expect(panel.get_by_text(f"{rep}: the deals behind “Revenue”, 2026-Q3")).to_be_visible()
    expect(panel.locator(".st-key-overview_bar_deals_table")).to_be_visible()
    panel.scroll_into_view_if_needed()
    shot(page, "70-leaderboard-bar-deals")


def test_a_click_on_an_attainment_bar_under_the_win_rate_board(page: Page) -> None:
    go(page, "Team overview")
    page.locator(".st-key-overview_board_kpi").click()
    page.get_by_role("option", name="Win rate").click()
    wait_idle(page)
    rep, bar = _bar(page, "overview_board_chart")
    bar.click()  # type: ignore[attr-defined]
    wait_idle(page)
    panel = page.locator(".st-key-overview_bar_deals")
    expect(panel.get_by_text(f"{rep}: the deals behind “Win rate”, 2026-Q3")).to_be_visible()
    expect(panel.get_by_text("Deals won or lost in 2026-Q3", exact=False)).to_be_visible()
    rep, bar = _bar(page, "overview_attainment_chart")
    bar.click()  # type: ignore[attr-defined]
    wait_idle(page)
    no_exception(page)
    expect(
        panel.get_by_text(f"{rep}: the deals behind “Target attainment”", exact=False)
    ).to_be_visible()
    panel.scroll_into_view_if_needed()
    shot(page, "71-attainment-bar-deals")
