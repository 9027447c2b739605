"""Real browser: the Leads tab of the Pipeline & funnel page on the sample data."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from sample_data.generate import SLOW_RESPONSE_REP
from tests.e2e.conftest import drawn, go, open_tab, shot

pytestmark = pytest.mark.e2e


def test_leads_tab_names_the_slow_rep_and_answers_the_question(page: Page) -> None:
    go(page, "Pipeline & funnel")
    open_tab(page, "Leads")
    point = page.locator(".st-key-leads_point")
    expect(point).to_contain_text(f"{SLOW_RESPONSE_REP} is slowest")
    for key in ("leads_reps", "leads_trend", "leads_bands", "leads_sources"):
        drawn(page, key)
    expect(page.locator(".st-key-leads_bands")).to_contain_text("Yes:")
    assert page.locator("[data-testid='stException']").count() == 0
    shot(page, "08-pipeline-leads")
