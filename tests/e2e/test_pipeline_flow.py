"""Real browser: upload an export with a stage history, read the pipeline, funnel and plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from sample_data.generate import write_workbook
from tests.e2e.conftest import drawn, go, open_tab, shot, upload, wait_idle

pytestmark = pytest.mark.e2e


def test_pipeline_funnel_and_plan(page: Page, tmp_path: Path) -> None:
    export = write_workbook(tmp_path / "crm_export_seed7.xlsx", seed=7)
    upload(page, export)
    expect(page.get_by_text("crm_export_seed7.xlsx").first).to_be_visible()

    go(page, "Pipeline & funnel")
    expect(page.get_by_role("heading", name="Pipeline & funnel")).to_be_visible()
    expect(page.get_by_text("264 open deals worth €4.46M on 30 Sep 2026")).to_be_visible()
    drawn(page, "pipeline_stage_chart")
    drawn(page, "pipeline_age_chart")
    shot(page, "10-pipeline-open")

    open_tab(page, "Funnel")
    page.locator(".st-key-funnel_rep").click()
    page.get_by_role("option", name="Emma Smit").click()
    wait_idle(page)
    drawn(page, "pipeline_funnel_chart")
    expect(page.get_by_text("Worked out from the stage history").first).to_be_visible()
    shot(page, "11-pipeline-funnel-emma")

    open_tab(page, "Plan to target")
    drawn(page, "pipeline_plan_chart")
    expect(page.get_by_text("reps are short for 2026-Q4").first).to_be_visible()
    shot(page, "12-pipeline-plan")
