"""The Leads tab of the Pipeline & funnel page: lead response time and conversion."""

from __future__ import annotations

import streamlit as st

from analysis import leads as L
from analysis import schema as S
from analysis.dataset import Dataset
from analysis.kpi_registry import missing_inputs
from analysis.lead_charts import band_chart, rep_response_chart, response_trend_chart, source_chart
from analysis.periods import PeriodSpec, all_periods, current_and_previous, period_bounds
from ui import state
from ui.chart_view import show as draw
from ui.text import plain

MAP_IT = "Map it on the Upload & mapping page."
TREND_PERIODS = 8


def _column_label(column: str) -> str:
    """Return 'Leads: Lead source' for a column of the leads table."""
    return f"{S.table_label(S.LEADS)}: {S.TABLES[S.LEADS].field(column).label}"


def _needs(what: str, lacking: list[str]) -> None:
    """Say which table or column would switch a section on."""
    st.info(f"{what} needs {' and '.join(lacking)}. {MAP_IT}")


def show(data: Dataset, spec: PeriodSpec) -> None:
    """Draw lead response time and lead conversion (by response band and by source)."""
    leads = data.tables.get(S.LEADS)
    if leads is None or leads.empty:
        st.info(
            "Lead response and conversion need a Leads sheet: one row per lead with the date it "
            "came in, and ideally its rep, source, first response and whether it became a deal. "
            + MAP_IT
        )
        return
    choice = current_and_previous(data, spec)
    if choice.current is None:
        st.info("The leads have no dates, so there are no periods to show.")
        return
    periods = all_periods(data, spec)
    periods = periods[: periods.index(choice.current) + 1]
    _response(data, periods, choice.previous)
    _conversion(data, periods, spec)


def _response(data: Dataset, periods: list[str], previous: str | None) -> None:
    """Draw the point, response time per rep and response time over the periods."""
    current = periods[-1]
    lacking = missing_inputs(data.tables, L.RESPONSE)
    with st.container(key="leads_point"):
        if lacking:
            _needs("Lead response time", lacking)
            return
        table = state.current_kpis()[1]
        point = L.response_point(table, current, previous, periods[:-1][-L.HISTORY :])
        st.subheader(plain(point.team_text))
        if point.rep_text:
            st.subheader(plain(point.rep_text))
        compared = f" Compared with {previous}." if previous else ""
        st.caption(plain(L.unanswered_note(table, current) + compared))
    reps = L.rep_response(table, current)
    if reps.empty:
        _needs("Response time per rep", [_column_label(S.REP)])
        rep = None
    else:
        names = list(reps.dropna(subset=["median_hours"])["rep"])
        first = names.index(point.slowest) if point.slowest in names else 0
        rep = st.columns(3)[0].selectbox("Follow a rep", names, index=first, key="leads_rep")
    left, right = st.columns(2)
    if rep is not None:
        with left, st.container(key="leads_reps"):
            draw(rep_response_chart(reps, point.team_hours, current, rep))
    beside = right if rep is not None else left
    with beside, st.container(key="leads_trend"):
        draw(response_trend_chart(L.response_trend(table, periods[-TREND_PERIODS:], rep), rep))


def _conversion(data: Dataset, periods: list[str], spec: PeriodSpec) -> None:
    """Draw conversion by response-time band and by lead source, over all leads so far."""
    leads = data.tables[S.LEADS]
    end = period_bounds(periods[-1], spec)[1]
    span = f"Leads created {periods[0]} – {periods[-1]}."
    converting = missing_inputs(data.tables, L.CONVERSION)
    left, right = st.columns(2)
    with left, st.container(key="leads_bands"):
        st.subheader("Do faster answers convert better?")
        lacking = converting + missing_inputs(data.tables, L.RESPONSE)
        if lacking:
            _needs("Conversion by time to first answer", lacking)
        else:
            by_band = L.conversion_by_band(leads, end)
            head, _, rest = L.verdict(by_band).sentence.partition(": ")
            st.markdown(f"**{plain(head)}:** {plain(rest)}" if rest else plain(head))
            draw(band_chart(by_band, span))
    with right, st.container(key="leads_sources"):
        st.subheader("Which sources convert?")
        has_source = S.SOURCE in leads and leads[S.SOURCE].notna().any()
        lacking = converting + ([] if has_source else [_column_label(S.SOURCE)])
        if lacking:
            _needs("Conversion by lead source", lacking)
        else:
            by_source = L.conversion_by_source(leads, end)
            st.markdown(plain(L.source_note(by_source)))
            draw(source_chart(by_source, span))
