"""Real browser: a reload keeps the upload (through the address), across pages; a lost one
says plainly that the sample is shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import ROOT, go, no_exception, shot, upload, wait_idle

pytestmark = pytest.mark.e2e

SAMPLE = ROOT / "sample_data" / "salescope_sample.xlsx"


def test_a_reload_keeps_the_upload_on_another_page(page: Page, tmp_path: Path) -> None:
    mine = tmp_path / "our_crm_export.xlsx"
    mine.write_bytes(SAMPLE.read_bytes())
    upload(page, mine)
    go(page, "Team overview")
    assert "data=" in page.url
    page.reload()
    wait_idle(page)
    no_exception(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    expect(sidebar.get_by_text("our_crm_export.xlsx")).to_be_visible()
    expect(page.get_by_role("heading", name="Team overview")).to_be_visible()
    shot(page, "40-reload-keeps-upload")


def test_a_lost_upload_says_the_sample_is_shown(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/team_overview?data=gone-since-the-server-restarted")
    wait_idle(page)
    no_exception(page)
    expect(page.get_by_text("is no longer kept after the page was reloaded")).to_be_visible()
    shot(page, "41-reload-lost-upload")
