"""Real browser: the Team health page on the sample data, looked at as a sales leader would."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from sample_data.generate import LOW_ENPS_TEAM
from tests.e2e.conftest import drawn, go, shot, wait_idle

pytestmark = pytest.mark.e2e


def test_team_health_names_the_falling_team(page: Page) -> None:
    page.set_viewport_size({"width": 1600, "height": 3400})  # the whole page in one shot
    go(page, "Team health")
    expect(page.get_by_role("heading", name="Team health")).to_be_visible()
    expect(page.get_by_text(f"Team {LOW_ENPS_TEAM}: eNPS −").first).to_be_visible()
    for key in ("health_bars", "health_trend", "health_team_bars", "health_morale"):
        drawn(page, key)
    expect(page.locator(".st-key-health_suggestions")).to_contain_text("at most 10 questions")
    shot(page, "08-team-health")

    page.locator(".st-key-health_team").click()
    page.get_by_role("option", name="North").click()
    wait_idle(page)
    drawn(page, "health_team_bars")
    expect(page.locator(".st-key-health_morale")).to_be_visible()
    assert page.locator("[data-testid='stException']").count() == 0
    shot(page, "09-team-health-north")
