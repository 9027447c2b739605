"""Every page: one part failing shows the plain sentence and its details, the rest renders."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, forget, open_page, upload_sheets

SENTENCE = "This part could not be worked out from this export."


def boom(*args: object, **kwargs: object) -> None:
    raise ValueError("Grouper and axis must be same length")


@pytest.fixture
def failing(monkeypatch: pytest.MonkeyPatch):
    """Return a function making computations raise (caches cleared), then the app run."""

    def fail(*targets: str) -> AppTest:
        for target in targets:  # a function imported by name elsewhere is patched there too
            monkeypatch.setattr(target, boom)
        forget()  # the test's own session: nothing worked out before the patch
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        return at

    return fail


def visit(at: AppTest, path: str) -> AppTest:
    """Switch to a page and run it (a part of it is meant to fail)."""
    at.switch_page(path).run()
    return at


def shown_failure(at: AppTest, count: int = 1) -> None:
    """Check the page raised nothing and shows the sentence `count` times, with the details."""
    assert not at.exception
    assert [w.value for w in at.warning].count(SENTENCE) == count
    assert "ValueError: Grouper and axis must be same length" in at.code[0].value
    assert "Traceback" in at.code[0].value


def test_root_causes_without_the_flagged_table_still_shows_the_bridge(failing) -> None:
    at = visit(failing("analysis.review.findings.flagged_table"), "pages/root_causes.py")
    shown_failure(at)
    assert at.main.get_by_key("rootcause_bridge").get("vega_lite_chart")
    assert "Mila Peters" in " ".join(
        m.value for m in at.main.get_by_key("rootcause_early").markdown
    )


def test_root_causes_without_findings_says_so_under_its_title(failing) -> None:
    at = visit(failing("ui.loads.find"), "pages/root_causes.py")
    shown_failure(at)
    assert at.title[0].value == "Root causes"


def test_deep_dive_without_the_rep_against_team_still_shows_the_plan(failing) -> None:
    broken = (
        "analysis.charts.diagnosis.rep_vs_team_chart",
        "analysis.review.rep_pack.rep_vs_team_chart",
    )
    at = visit(failing(*broken), "pages/rep_deep_dive.py")
    shown_failure(at)  # the chart; the one-to-one pack that holds it is made when asked for
    assert at.main.get_by_key("deepdive_bridge").get("vega_lite_chart")
    at.selectbox(key="rep_pick").set_value("Emma Smit").run()
    shown_failure(at)
    plan = " ".join(m.value for m in at.main.get_by_key("deepdive_plan").markdown)
    assert "Anna de Vries" in plan  # the team's best closer, named as the peer
    at.button(key="deepdive_make").click().run()
    failed = [e.value for e in at.main.get_by_key("deepdive_pack").error]
    assert len(failed) == 2  # the HTML and the PDF, each with why
    assert all("Grouper and axis must be same length" in e for e in failed)


def test_deep_dive_without_findings_still_compares_the_rep_with_the_team(failing) -> None:
    at = visit(failing("ui.loads.find"), "pages/rep_deep_dive.py")
    shown_failure(at, count=4)  # the verdict, the bridge, the plan and the pack need them
    assert at.selectbox(key="rep_pick").value == "Anna de Vries"  # first in the KPI table
    assert at.main.get_by_key("deepdive_vs_team").get("vega_lite_chart")
    assert at.main.get_by_key("deepdive_trend").get("vega_lite_chart")


def test_pipeline_without_its_load_still_shows_the_funnel_and_leads_tabs(failing) -> None:
    at = visit(failing("ui.loads.plan"), "pages/pipeline.py")
    shown_failure(at, count=2)  # the open pipeline and plan tabs need the load
    assert at.main.get_by_key("pipeline_funnel_chart").get("vega_lite_chart")
    assert at.main.get_by_key("leads_reps").get("vega_lite_chart")


def test_pipeline_without_the_funnel_chart_still_shows_the_open_pipeline(failing) -> None:
    at = visit(failing("analysis.charts.pipeline.funnel_chart"), "pages/pipeline.py")
    shown_failure(at)
    assert at.main.get_by_key("pipeline_stage_chart").get("vega_lite_chart")
    assert at.main.get_by_key("pipeline_plan_chart").get("vega_lite_chart")


def test_customers_without_satisfaction_per_rep_still_shows_the_headline_and_accounts(
    failing,
) -> None:
    at = visit(failing("analysis.customers.satisfaction.satisfaction_by_rep"), "pages/customers.py")
    shown_failure(at)
    assert at.main.get_by_key("customers_headline").subheader
    assert at.main.get_by_key("customers_top_accounts").get("vega_lite_chart")


def test_team_health_without_the_trend_still_shows_this_rounds_bars(failing) -> None:
    at = visit(failing("analysis.charts.health.enps_trend_chart"), "pages/team_health.py")
    shown_failure(at)
    assert at.main.get_by_key("health_bars").get("vega_lite_chart")
    assert at.main.get_by_key("health_results").dataframe


def test_meeting_without_findings_still_offers_the_review_of_the_kpis(failing) -> None:
    at = visit(failing("ui.loads.find"), "pages/meeting.py")
    shown_failure(at)
    assert at.radio(key="meeting_audience").value == "anonymous"
    shown = at.markdown[0].value.replace("\\", "")  # the review's title, Markdown-escaped
    assert "Sales review, 2026-Q3" in shown
    assert at.button(key="meeting_make")


def test_meeting_without_its_review_says_so_under_the_title(failing) -> None:
    at = visit(failing("analysis.review.team_review.team_review"), "pages/meeting.py")
    shown_failure(at)
    assert at.title[0].value == "Meeting mode & export"


def test_team_overview_without_the_leaderboard_still_shows_cards_and_attainment(failing) -> None:
    at = visit(failing("analysis.kpis.overview.recognition"), "pages/team_overview.py")
    shown_failure(at)
    assert at.metric[0].label == "Revenue"
    assert at.main.get_by_key("overview_attainment").get("vega_lite_chart")
    assert at.main.get_by_key("overview_trend").get("vega_lite_chart")


def test_team_overview_without_the_cards_still_shows_the_trend(failing) -> None:
    at = visit(failing("ui.overview_view.format_change"), "pages/team_overview.py")
    shown_failure(at)
    assert at.main.get_by_key("overview_trend").get("vega_lite_chart")


def test_upload_without_the_quality_table_still_lists_the_set_aside_rows(failing) -> None:
    at = visit(failing("analysis.render.data_quality.quality_table"), "pages/upload.py")
    shown_failure(at)
    assert at.metric[0].label == "Rows read"
    assert at.button(key="upload_sample")
    assert at.get("download_button")  # the downloads are still offered


HR = {
    "Staff": pd.DataFrame(
        {
            "Employee ID": ["E1", "E2"],
            "Full Name": ["Anna de Vries", "Bob Jansen"],
            "Department": ["Sales", "Finance"],
            "Salary": [52000, 48000],
        }
    ),
    "Products": pd.DataFrame({"Product": ["Widget"], "SKU": ["W-1"], "List Price": [9.5]}),
}


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "No sheet holds sales data (deals, activities, leads, customer feedback or an employee survey), so there is nothing to analyse.",
        ),
        (
            "nl",
            "Geen enkel tabblad bevat verkoopgegevens (deals, activiteiten, leads, klantfeedback of een medewerkersenquête), dus er valt niets te analyseren.",
        ),
    ],
)
def test_a_file_without_a_sales_table_says_so_naming_each_sheet(
    app: AppTest, lang: str, expected: str
) -> None:
    app.session_state["ui_language"] = lang
    upload_sheets(app, HR, name="hr.xlsx")
    said = [e.value.replace("\\", "") for e in app.error]
    (sentence,) = [s for s in said if s.startswith(expected)]
    assert "“hr.xlsx › Staff”" in sentence
    assert "“hr.xlsx › Products”" in sentence
    lacks = "as deals it lacks amount" if lang == "en" else "voor deals ontbreekt bedrag"
    assert lacks in sentence
    open_page(app, "pages/team_overview.py")  # the other pages say what to load, no error box
    assert app.info[0].value.startswith("Load an export" if lang == "en" else "Laad op de pagina")


def _stop_and_rerun_inside_sections() -> None:
    import streamlit as st

    from ui.sections import section

    runs = st.session_state["runs"] = st.session_state.get("runs", 0) + 1
    with section("rerun"):
        if runs == 1:
            st.rerun()  # a control-flow exception: the script starts again, no sentence
    with section("stop"):
        st.markdown(f"run {runs}")
        st.stop()
    st.markdown("never drawn")


def test_streamlit_control_flow_passes_through_a_section() -> None:
    at = AppTest.from_function(_stop_and_rerun_inside_sections).run()
    assert not at.exception
    assert [m.value for m in at.markdown] == ["run 2"]
    assert not at.warning


def test_pipeline_without_the_funnel_load_still_shows_the_open_pipeline(failing) -> None:
    at = visit(failing("ui.loads.funnel_table"), "pages/pipeline.py")
    shown_failure(at)
    assert at.main.get_by_key("pipeline_stage_chart").get("vega_lite_chart")
    assert at.main.get_by_key("pipeline_plan_chart").get("vega_lite_chart")
