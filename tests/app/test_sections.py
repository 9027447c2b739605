"""Every page: one part failing shows the plain sentence and its details, the rest renders."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, open_page

SENTENCE = "This part could not be worked out from this export."


def boom(*args: object, **kwargs: object) -> None:
    raise ValueError("Grouper and axis must be same length")


@pytest.fixture
def failing(monkeypatch: pytest.MonkeyPatch):
    """Return a function making one computation raise (caches cleared), then the app run."""

    def fail(target: str) -> AppTest:
        monkeypatch.setattr(target, boom)
        st.cache_data.clear()
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        return at

    return fail


def shown_failure(at: AppTest, count: int = 1) -> None:
    """Check the page raised nothing and shows the sentence `count` times, with the details."""
    assert not at.exception
    assert [w.value for w in at.warning].count(SENTENCE) == count
    assert "ValueError: Grouper and axis must be same length" in at.code[0].value
    assert "Traceback" in at.code[0].value


def test_root_causes_without_the_flagged_table_still_shows_the_bridge(failing) -> None:
    at = open_page(failing("analysis.findings.flagged_table"), "pages/root_causes.py")
    shown_failure(at)
    assert at.main.get_by_key("rootcause_bridge").get("vega_lite_chart")
    assert "Mila Peters" in " ".join(
        m.value for m in at.main.get_by_key("rootcause_early").markdown
    )


def test_root_causes_without_findings_says_so_under_its_title(failing) -> None:
    at = open_page(failing("ui.state.find"), "pages/root_causes.py")
    shown_failure(at)
    assert at.title[0].value == "Root causes"


def test_deep_dive_without_the_rep_against_team_still_shows_the_plan(failing) -> None:
    at = open_page(failing("analysis.charts.rep_vs_team_chart"), "pages/rep_deep_dive.py")
    shown_failure(at, count=2)  # the chart, and the one-to-one pack that holds it
    assert at.main.get_by_key("deepdive_bridge").get("vega_lite_chart")
    at.selectbox(key="rep_pick").set_value("Emma Smit").run()
    shown_failure(at, count=2)
    plan = " ".join(m.value for m in at.main.get_by_key("deepdive_plan").markdown)
    assert "Anna de Vries" in plan  # the team's best closer, named as the peer


def test_deep_dive_without_findings_still_compares_the_rep_with_the_team(failing) -> None:
    at = open_page(failing("ui.state.find"), "pages/rep_deep_dive.py")
    shown_failure(at, count=4)  # the verdict, the bridge, the plan and the pack need them
    assert at.selectbox(key="rep_pick").value == "Anna de Vries"  # first in the KPI table
    assert at.main.get_by_key("deepdive_vs_team").get("vega_lite_chart")
    assert at.main.get_by_key("deepdive_trend").get("vega_lite_chart")
