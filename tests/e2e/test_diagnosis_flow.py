"""Real browser: upload another seed's export, read the root causes, open a rep's plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from sample_data.generate import write_workbook
from tests.e2e.conftest import drawn, go, shot, upload, wait_idle

pytestmark = pytest.mark.e2e


def test_root_causes_and_a_reps_plan(page: Page, tmp_path: Path) -> None:
    export = write_workbook(tmp_path / "crm_export_seed11.xlsx", seed=11)
    upload(page, export)
    expect(page.get_by_text("crm_export_seed11.xlsx").first).to_be_visible()

    go(page, "Root causes")
    expect(page.get_by_role("heading", name="Root causes")).to_be_visible()
    drawn(page, "rootcause_bridge")
    flagged = page.locator(".st-key-rootcause_flagged")
    expect(flagged).to_contain_text("Emma Smit")
    expect(page.get_by_text("Mila Peters: Only 1 quarter of data")).to_be_visible()
    shot(page, "06-root-causes")

    go(page, "Rep deep-dive")
    page.locator(".st-key-rep_pick").click()
    page.get_by_role("option", name="Emma Smit").click()
    wait_idle(page)
    expect(page.get_by_text("Needs attention")).to_be_visible()
    drawn(page, "deepdive_vs_team")
    drawn(page, "deepdive_bridge")
    page.locator(".st-key-deepdive_make button").click()
    wait_idle(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="One-to-one pack (HTML, printable)").click()
    saved = tmp_path / "plan.html"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert "One-to-one: Emma Smit" in text
    assert "Anna de Vries" in text  # the peer to learn from
    assert page.locator("[data-testid='stException']").count() == 0
    shot(page, "07-rep-deep-dive-emma")
