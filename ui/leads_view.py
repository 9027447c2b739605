"""The Leads tab of the Pipeline & funnel page: how fast leads get an answer and which convert.

Its view and charts are kept by `ui.memo` for the data shown, the period picked, the rep
followed and the language.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.charts import leads as LC
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodChoice, PeriodSpec
from analysis.pipeline.lead_views import LeadsView, leads_view
from analysis.pipeline.leads import response_trend
from analysis.words.catalogue import t
from analysis.words.message import text
from ui.chart_view import show
from ui.memo import chart, memo
from ui.text import plain, said


def draw_leads(
    data: Dataset, table: pd.DataFrame, spec: PeriodSpec, choice: PeriodChoice, lang: str
) -> None:
    """Draw the Leads tab of the data shown, up to the period picked."""
    leads = memo("leads.view", lambda: leads_view(data, table, spec, choice))
    if leads.absent:
        st.info(text(leads.absent, lang))
        return
    with st.container(key="leads_point"):
        if leads.response_lacks:
            st.info(text(leads.response_lacks, lang))
        elif leads.point:
            st.subheader(said(leads.point.team_text, lang))
            if leads.point.rep_text:
                st.subheader(said(leads.point.rep_text, lang))
            st.caption(said(leads.point_note, lang))
    rep = None
    if leads.reps_lacks:
        st.info(text(leads.reps_lacks, lang))
    elif leads.point:
        rep = st.columns(3)[0].selectbox(t("leads.follow", lang), leads.names,
                                         index=leads.first, key="leads_rep")  # fmt: skip
    if leads.point:
        left, right = st.columns(2)
        if rep is not None:
            with left, st.container(key="leads_reps"):
                hours = leads.point.team_hours
                show(chart("leads.reps", lambda: LC.rep_response_chart(
                    leads.reps, hours, leads.current, rep, lang=lang), rep, lang))  # fmt: skip
        with right if rep is not None else left, st.container(key="leads_trend"):
            show(chart("leads.trend", lambda: LC.response_trend_chart(response_trend(
                table, list(leads.trend_periods), rep), rep, lang=lang), rep, lang))  # fmt: skip
    _conversion(leads, lang)


def _conversion(leads: LeadsView, lang: str) -> None:
    """Draw which leads convert: by how fast they got an answer, and by source."""
    left, right = st.columns(2)
    with left, st.container(key="leads_bands"):
        st.subheader(t("leads.bands_title", lang))
        if leads.bands_lacks:
            st.info(text(leads.bands_lacks, lang))
        elif leads.verdict:
            head, _, rest = text(leads.verdict.sentence, lang).partition(": ")
            st.markdown(f"**{plain(head)}:** {plain(rest)}" if rest else plain(head))
            show(chart("leads.bands", lambda: LC.band_chart(
                leads.by_band, text(leads.span, lang), lang=lang), lang))  # fmt: skip
    with right, st.container(key="leads_sources"):
        st.subheader(t("leads.sources_title", lang))
        if leads.sources_lacks:
            st.info(text(leads.sources_lacks, lang))
        else:
            st.markdown(said(leads.source_note, lang))
            show(chart("leads.sources", lambda: LC.source_chart(
                leads.by_source, text(leads.span, lang), lang=lang), lang))  # fmt: skip
