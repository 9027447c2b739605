"""Team health page helpers: the cached eNPS frame and the parts drawn the same way twice."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.coaching.plan import Suggestion
from analysis.health.team_health import FEW_ANSWERS, enps_frame
from analysis.kpis.registry import missing_inputs
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec
from analysis.words.catalogue import t
from ui.text import plain


@st.cache_data(max_entries=8, show_spinner=False)
def _enps(survey: pd.DataFrame, grain: str, fiscal_start_month: int) -> pd.DataFrame:
    return enps_frame(survey, PeriodSpec(grain, fiscal_start_month))


def load_enps(
    survey: pd.DataFrame, grain: str, fiscal_start_month: int = 1, lang: str = "en"
) -> pd.DataFrame:
    """Return the eNPS frame of the survey table at this period grain (cached on the table)."""
    with st.spinner(t("health.counting", lang)):  # shown only when it takes a while
        return _enps(survey, grain, fiscal_start_month)


def survey_or_stop(data: Dataset, lang: str = "en") -> pd.DataFrame:
    """Return the employee-survey table, or say which sheet switches the page on and stop."""
    if missing_inputs(data.tables, "enps"):
        st.info(t("health.switch_on", lang))
        st.stop()
    return data.tables[S.EMPLOYEE_SURVEY]


def few_answers_note(lang: str = "en") -> str:
    """Return the sentence on teams with few answers, for captions."""
    return t("health.few_answers", lang, n=FEW_ANSWERS)


def show_suggestions(suggestions: list[Suggestion], lang: str = "en") -> None:
    """Draw each suggestion with its playbook and the numbers behind it."""
    for s in suggestions:
        said = {"lever": s.lever, "action": s.action, "because": s.because}
        parts = {name: plain(words.text(lang)) for name, words in said.items()}
        st.info(t("health.suggestion", lang, **parts))
