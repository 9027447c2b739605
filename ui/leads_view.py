"""The Leads tab of the Pipeline & funnel page: lead response time and conversion."""

from __future__ import annotations

import streamlit as st

from analysis.charts.leads import band_chart, rep_response_chart, response_trend_chart, source_chart
from analysis.kpis.registry import missing_inputs
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import (
    TREND_PERIODS,
    PeriodSpec,
    all_periods,
    current_and_previous,
    period_bounds,
)
from analysis.pipeline import leads as L
from analysis.words.catalogue import t
from ui import state
from ui.chart_view import show as draw
from ui.text import plain


def _column_label(column: str, lang: str) -> str:
    """Return 'Leads: Lead source' for a column of the leads table."""
    return f"{t(f'tables.{S.LEADS}', lang)}: {S.TABLES[S.LEADS].field(column).label}"


def _needs(what: str, lacking: list[str], lang: str) -> None:
    """Say which table or column would switch a section on."""
    lacks = t("leads.and", lang).join(lacking)
    st.info(t("leads.needs", lang, what=t(f"leads.what.{what}", lang), lacks=lacks))


def show(data: Dataset, spec: PeriodSpec, lang: str = "en") -> None:
    """Draw lead response time and lead conversion (by response band and by source)."""
    leads = data.tables.get(S.LEADS)
    if leads is None or leads.empty:
        st.info(t("leads.no_sheet", lang))
        return
    choice = current_and_previous(data, spec)
    if choice.current is None:
        st.info(t("leads.no_dates", lang))
        return
    periods = all_periods(data, spec)
    periods = periods[: periods.index(choice.current) + 1]
    _response(data, periods, choice.previous, lang)
    _conversion(data, periods, spec, lang)


def _response(data: Dataset, periods: list[str], previous: str | None, lang: str) -> None:
    """Draw the point, response time per rep and response time over the periods."""
    current = periods[-1]
    lacking = missing_inputs(data.tables, L.RESPONSE, lang)
    with st.container(key="leads_point"):
        if lacking:
            _needs("response", lacking, lang)
            return
        table = state.current_kpis()[1]
        point = L.response_point(table, current, previous, periods[:-1][-L.HISTORY :], lang)
        st.subheader(plain(point.team_text))
        if point.rep_text:
            st.subheader(plain(point.rep_text))
        note = L.unanswered_note(table, current, lang)
        compared = " " + t("leads.compared", lang, previous=previous) if previous else ""
        st.caption(plain(note + compared))
    reps = L.rep_response(table, current)
    if reps.empty:
        _needs("rep_response", [_column_label(S.REP, lang)], lang)
        rep = None
    else:
        names = list(reps.dropna(subset=["median_hours"])["rep"])
        first = names.index(point.slowest) if point.slowest in names else 0
        rep = st.columns(3)[0].selectbox(
            t("leads.follow", lang), names, index=first, key="leads_rep"
        )
    left, right = st.columns(2)
    if rep is not None:
        with left, st.container(key="leads_reps"):
            draw(rep_response_chart(reps, point.team_hours, current, rep, lang=lang))
    beside = right if rep is not None else left
    with beside, st.container(key="leads_trend"):
        trend = L.response_trend(table, periods[-TREND_PERIODS:], rep)
        draw(response_trend_chart(trend, rep, lang=lang))


def _conversion(data: Dataset, periods: list[str], spec: PeriodSpec, lang: str) -> None:
    """Draw conversion by response-time band and by lead source, over all leads so far."""
    leads = data.tables[S.LEADS]
    end = period_bounds(periods[-1], spec)[1]
    span = t("leads.span", lang, first=periods[0], last=periods[-1])
    converting = missing_inputs(data.tables, L.CONVERSION, lang)
    left, right = st.columns(2)
    with left, st.container(key="leads_bands"):
        st.subheader(t("leads.bands_title", lang))
        lacking = converting + missing_inputs(data.tables, L.RESPONSE, lang)
        if lacking:
            _needs("bands", lacking, lang)
        else:
            by_band = L.conversion_by_band(leads, end)
            head, _, rest = L.verdict(by_band, lang).sentence.partition(": ")
            st.markdown(f"**{plain(head)}:** {plain(rest)}" if rest else plain(head))
            draw(band_chart(by_band, span, lang=lang))
    with right, st.container(key="leads_sources"):
        st.subheader(t("leads.sources_title", lang))
        has_source = S.SOURCE in leads and leads[S.SOURCE].notna().any()
        lacking = converting + ([] if has_source else [_column_label(S.SOURCE, lang)])
        if lacking:
            _needs("sources", lacking, lang)
        else:
            by_source = L.conversion_by_source(leads, end)
            st.markdown(plain(L.source_note(by_source, lang)))
            draw(source_chart(by_source, span, lang=lang))
