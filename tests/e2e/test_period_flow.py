"""Real browser: an export taken mid-quarter, shown as 'this quarter so far' from the sidebar."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from tests.builders import sample_as_of
from tests.e2e.conftest import ROOT, go, shot, upload, wait_idle

pytestmark = pytest.mark.e2e

SAMPLE = ROOT / "sample_data" / "salescope_sample.xlsx"


def test_the_quarter_so_far_from_the_sidebar(page: Page, tmp_path: Path) -> None:
    sheets = sample_as_of(
        pd.read_excel(SAMPLE, sheet_name=None, engine="calamine"), pd.Timestamp("2026-08-20")
    )
    export = tmp_path / "crm_export_2026-08-20.xlsx"
    with pd.ExcelWriter(export) as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    upload(page, export)
    go(page, "Team overview")
    page.locator(".st-key-period_pick").click()
    page.get_by_role("option", name="2026-Q3 so far (51 days)").click()
    wait_idle(page)
    expect(
        page.get_by_text("Showing 2026-Q3 so far: 2026-07-01 to 2026-08-20 (51 days)")
    ).to_be_visible()
    shot(page, "60-quarter-so-far-overview")
    go(page, "Root causes")
    expect(page.get_by_text("Showing 2026-Q3 so far").first).to_be_visible()
    shot(page, "61-quarter-so-far-root-causes")
