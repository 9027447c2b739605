"""Real browser: the Customers page on the sample data, each tab drawn, one team picked."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from sample_data.generate import REPS
from tests.e2e.conftest import drawn, go, open_tab, shot, wait_idle

pytestmark = pytest.mark.e2e


def test_customers_page_on_the_sample(page: Page) -> None:
    go(page, "Customers")
    expect(page.get_by_role("heading", name="Customers", exact=True)).to_be_visible()
    expect(page.locator(".st-key-customers_headline")).to_contain_text("2026-Q3: NPS")
    drawn(page, "customers_sat_reps")
    drawn(page, "customers_sat_trend")
    shot(page, "customers-01-satisfaction")

    page.locator(".st-key-customers_sat_window").get_by_text("Last 12 months").click()
    wait_idle(page)
    drawn(page, "customers_sat_reps")
    best = max(REPS, key=lambda r: r.nps).name
    expect(page.locator(".st-key-customers_sat_reps")).to_contain_text(best)
    shot(page, "customers-02-satisfaction-12-months")

    open_tab(page, "Retention")
    drawn(page, "customers_retention")
    shot(page, "customers-03-retention")
    open_tab(page, "Market share")
    drawn(page, "customers_market")
    shot(page, "customers-04-market")
    open_tab(page, "Accounts")
    drawn(page, "customers_top_accounts")
    drawn(page, "customers_concentration")
    shot(page, "customers-05-accounts")

    page.locator(".st-key-customers_team").click()
    page.get_by_role("option", name="West").click()
    wait_idle(page)
    open_tab(page, "Satisfaction")
    drawn(page, "customers_sat_reps")
    assert page.locator("[data-testid='stException']").count() == 0
    shot(page, "customers-06-team-west")
