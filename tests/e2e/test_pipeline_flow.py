"""Real browser: upload an export with a stage history, read the pipeline, funnel and plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from sample_data.generate import write_workbook
from tests.e2e.conftest import shot, wait_idle

pytestmark = pytest.mark.e2e


def _drawn(page: Page, key: str) -> None:
    chart = page.locator(f".st-key-{key} [data-testid='stVegaLiteChart']")
    expect(chart.locator("svg.marks, canvas").first).to_be_visible()


def _tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    wait_idle(page)
    assert page.locator("[data-testid='stException']").count() == 0


def test_pipeline_funnel_and_plan(page: Page, tmp_path: Path) -> None:
    export = write_workbook(tmp_path / "crm_export_seed7.xlsx", seed=7)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(export))
    wait_idle(page)
    expect(page.get_by_text("crm_export_seed7.xlsx").first).to_be_visible()

    page.locator("[data-testid='stSidebarNav'] a", has_text="Pipeline & funnel").click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="Pipeline & funnel")).to_be_visible()
    expect(page.get_by_text("264 open deals worth €4.46M on 30 Sep 2026")).to_be_visible()
    _drawn(page, "pipeline_stage_chart")
    _drawn(page, "pipeline_age_chart")
    shot(page, "10-pipeline-open")

    _tab(page, "Funnel")
    page.locator(".st-key-funnel_rep").click()
    page.get_by_role("option", name="Emma Smit").click()
    wait_idle(page)
    _drawn(page, "pipeline_funnel_chart")
    expect(page.get_by_text("Worked out from the stage history").first).to_be_visible()
    shot(page, "11-pipeline-funnel-emma")

    _tab(page, "Plan to target")
    _drawn(page, "pipeline_plan_chart")
    expect(page.get_by_text("reps are short for 2026-Q4").first).to_be_visible()
    shot(page, "12-pipeline-plan")
