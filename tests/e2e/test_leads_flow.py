"""Real browser: the Leads tab of the Pipeline & funnel page on the sample data."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from sample_data.generate import SLOW_RESPONSE_REP
from tests.e2e.conftest import shot, wait_idle

pytestmark = pytest.mark.e2e


def _drawn(page: Page, key: str) -> None:
    chart = page.locator(f".st-key-{key} [data-testid='stVegaLiteChart']")
    expect(chart.locator("svg.marks, canvas").first).to_be_visible()


def test_leads_tab_names_the_slow_rep_and_answers_the_question(page: Page) -> None:
    page.locator("[data-testid='stSidebarNav'] a", has_text="Pipeline & funnel").click()
    wait_idle(page)
    page.get_by_role("tab", name="Leads").click()
    wait_idle(page)
    point = page.locator(".st-key-leads_point")
    expect(point).to_contain_text(f"{SLOW_RESPONSE_REP} is slowest")
    for key in ("leads_reps", "leads_trend", "leads_bands", "leads_sources"):
        _drawn(page, key)
    expect(page.locator(".st-key-leads_bands")).to_contain_text("Yes:")
    assert page.locator("[data-testid='stException']").count() == 0
    shot(page, "08-pipeline-leads")
