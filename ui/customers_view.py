"""The parts of the Customers page: headline cards and the four tabs, each saying what it lacks."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import customers as C
from analysis import schema as S
from analysis.customer_charts import (
    concentration_chart,
    market_share_chart,
    retention_chart,
    satisfaction_chart,
    satisfaction_trend_chart,
)
from analysis.customer_charts import top_accounts_chart as accounts_chart
from analysis.dataset import Dataset
from analysis.kpi_registry import KPIS, currency_symbol, format_value, missing_inputs, short_money
from analysis.overview import value_of
from analysis.periods import PeriodChoice, PeriodSpec, shift_period
from ui.chart_view import show
from ui.text import plain

TREND_PERIODS = 8
LAST_12 = "Last 12 months"
SECTION_KPIS = ("nps", "csat", "customer_retention", "repeat_purchase_share", "market_share")


def _switch_on(what: str, lacks: list[str], how: str) -> None:
    """Say which table or column would switch a section on, instead of drawing an empty chart."""
    st.info(f"{what} needs: {', '.join(lacks)}. {how}", icon=":material/info:")


def _account_how(data: Dataset) -> str:
    """Return how to get accounts on the deals: add a deals sheet, or map its account column."""
    if S.DEALS not in data.tables:
        return "Add a deals sheet with the account (customer) of each deal."
    return "Map the account (customer) column of the deals on the Upload page."


def cards(
    h: C.Headline,
    data: Dataset,
    table: pd.DataFrame,
    team: str | None,
    window: str,
    currency: str | None,
) -> None:
    """Draw the headline numbers as cards against the previous period; none the data cannot have."""
    now, before = h.period, h.previous
    items = [
        (h.satisfaction_key or "nps", h.satisfaction, h.satisfaction_before, True),
        ("customer_retention", h.retention, h.retention_before, True),
        (
            "repeat_purchase_share",
            value_of(table, "repeat_purchase_share", now, team),
            value_of(table, "repeat_purchase_share", before, team),
            None,
        ),
        (
            "market_share",
            value_of(table, "market_share", now),
            value_of(table, "market_share", before),
            True,
        ),
    ]
    items = [item for item in items if not missing_inputs(data.tables, item[0])]
    columns = iter(st.columns(len(SECTION_KPIS)))  # the same card width whatever is shown
    for key, value, previous, better in items:
        company = key == "market_share" and team is not None
        delta = C.format_delta(key, value, previous)
        next(columns).metric(
            KPIS[key].label + (" (company)" if company else ""),
            format_value(key, value, currency),
            delta,
            delta_color="off" if better is None or delta == "no change" else "normal",
            delta_arrow="off" if delta == "no change" else "auto",
            delta_description=f"vs {before}",
            help=KPIS[key].definition + (" For the whole company." if company else ""),
        )
    if missing_inputs(data.tables, "customer_retention"):  # no accounts on the deals
        return
    next(columns).metric(
        f"Top {h.top_accounts or C.TOP_ACCOUNTS} accounts' share",
        "—" if h.top_share is None else f"{h.top_share:.0%}",
        C.format_delta("customer_retention", h.top_share, h.top_share_before),
        delta_color="off",
        delta_description="vs the 12 months before",
        help=f"Share of the revenue won in {window} that came from the biggest accounts. "
        "High means a lot rides on a few customers.",
    )


def _window(key: str, current: str, default_last_12: bool) -> tuple[str, bool]:
    """Draw the window picker and return its label and whether it is the last 12 months."""
    options = [current, LAST_12]
    pick = st.segmented_control(
        "Over", options, default=options[1 if default_last_12 else 0], key=key
    )
    return pick or options[0], pick == LAST_12


def satisfaction(
    data: Dataset, table: pd.DataFrame, spec: PeriodSpec, choice: PeriodChoice, team: str | None
) -> None:
    """Draw satisfaction per rep (this period or the last 12 months) and over time."""
    feedback = data.tables.get(S.CUSTOMER_FEEDBACK)
    kind = C.satisfaction_kind(feedback)
    if feedback is None or kind is None:
        lacks = missing_inputs(data.tables, "nps") or ["Customer feedback: Score"]
        how = "Add a customer feedback sheet (date, score 0–10 for NPS or 1–5 for CSAT, rep)."
        _switch_on("Customer satisfaction", lacks, how)
        return
    current = str(choice.current)
    teams = C.rep_teams(table)
    _, last_12 = _window("customers_sat_window", current, False)
    periods = C.window_periods(current, spec) if last_12 else [current]
    label = C.window_label(periods)
    name = "NPS" if kind == "nps" else "Customer satisfaction"
    with st.container(key="customers_sat_reps"):
        if S.REP not in feedback or feedback[S.REP].isna().all():
            field = S.TABLES[S.CUSTOMER_FEEDBACK].field(S.REP).label
            _switch_on(
                f"{name} per rep", [f"Customer feedback: {field}"], "Map it on the Upload page."
            )
        else:
            active = table.loc[(table["scope"] == "rep") & table["period"].isin(periods), "rep"]
            reps = C.satisfaction_by_rep(
                feedback, spec, periods, teams, team, active.dropna().astype(str).unique()
            )
            if reps.empty:
                st.info(f"No customer answered in {label}.")
            else:
                title = f"{name} per rep, {label}"
                show(satisfaction_chart(reps, kind, title, C.MIN_ANSWERS))
    trend_periods = C.last_periods(current, spec, TREND_PERIODS)
    with st.container(key="customers_sat_trend"):
        trend = C.satisfaction_over_time(feedback, spec, trend_periods, teams, team)
        if trend.empty:
            st.info(f"No customer answered in {C.window_label(trend_periods)}.")
        else:
            who = team or ("the company and each team" if teams else "the company")
            title = f"{name} per period, {who}"
            show(satisfaction_trend_chart(trend, kind, title, sorted(set(teams.values()))))
    st.caption(plain(KPIS[kind].definition))


def retention(
    data: Dataset, table: pd.DataFrame, spec: PeriodSpec, current: str, team: str | None
) -> None:
    """Draw customer retention and the repeat-purchase share per period, with both definitions."""
    if lacks := missing_inputs(data.tables, "customer_retention"):
        how = _account_how(data)
        _switch_on("Customer retention", lacks, how)
        return
    periods = C.last_periods(current, spec, TREND_PERIODS)
    rows = C.retention_over_time(table, periods, team)
    with st.container(key="customers_retention"):
        if rows.empty:
            st.info("Retention needs two periods of won deals with their accounts.")
        else:
            early = "The repeat-purchase share starts low: purchases before the data begins are not in it."
            show(retention_chart(rows, _retention_title(rows, spec, team), early))
    for key in C.RETENTION_KEYS:
        st.caption(f"**{KPIS[key].label}**: {plain(KPIS[key].definition)}")


def _retention_title(rows: pd.DataFrame, spec: PeriodSpec, team: str | None) -> str:
    """Return the retention chart's title: the last period's retention, in words."""
    kept = rows[rows["key"] == "customer_retention"]
    who = f", team {team}" if team else ""
    if kept.empty:
        return f"Repeat purchases{who}"
    value, period = float(kept["value"].iloc[-1]), str(kept["period"].iloc[-1])
    before = shift_period(period, spec)
    return f"{value:.0%} of {before}'s customers bought again in {period}{who}"


def market(
    data: Dataset,
    table: pd.DataFrame,
    spec: PeriodSpec,
    current: str,
    team: str | None,
    currency: str | None,
) -> None:
    """Draw the company's market share per period (company only: market figures have no teams)."""
    if lacks := missing_inputs(data.tables, "market_share"):
        how = "Add a Market sheet with the period and the total market revenue."
        _switch_on("Market share", lacks, how)
        return
    rows = C.market_over_time(table, C.last_periods(current, spec, TREND_PERIODS))
    with st.container(key="customers_market"):
        if rows.empty:
            st.info("The market figures cover none of the periods of the deals.")
        else:
            last = rows.iloc[-1]
            title = f"Market share: {last['share']:.1%} in {last['period']}"
            show(market_share_chart(rows, title, currency_symbol(currency)))
    note = " It is the whole company's, whichever team is picked." if team else ""
    st.caption(plain(KPIS["market_share"].definition + note))


def accounts(
    data: Dataset,
    table: pd.DataFrame,
    spec: PeriodSpec,
    current: str,
    team: str | None,
    currency: str | None,
) -> None:
    """Draw the biggest accounts by revenue and how concentrated revenue is over accounts."""
    if lacks := missing_inputs(data.tables, "customer_retention"):
        how = _account_how(data)
        _switch_on("Revenue by account", lacks, how)
        return
    _, last_12 = _window("customers_accounts_window", current, True)
    periods = C.window_periods(current, spec) if last_12 else [current]
    label = C.window_label(periods)
    found, total = C.account_revenue(data.tables[S.DEALS], spec, periods, C.rep_teams(table), team)
    if found.empty:
        st.info(f"No won deal with an account in {label}.")
        return
    symbol = currency_symbol(currency)
    share = C.top_share(found)
    n = min(C.TOP_ACCOUNTS, len(found))
    left, right = st.columns(2)
    with left, st.container(key="customers_top_accounts"):
        title = f"Top {n} accounts: {share:.0%} of revenue, {label}"
        show(accounts_chart(found, title, symbol, C.TOP_ACCOUNTS))
    with right, st.container(key="customers_concentration"):
        half = C.accounts_for_share(found)
        title = f"{len(found):,} accounts bought in {label}"
        if half is not None and len(found) > 1:
            title = f"{half:,} of {len(found):,} accounts bring half the revenue"
        show(concentration_chart(found, title, C.TOP_ACCOUNTS))
    unassigned = total - float(found["revenue"].sum())
    note = f"Revenue won in {label}: {short_money(total, symbol)}."
    if unassigned > 0.5:
        note += f" {short_money(unassigned, symbol)} of it is on deals without an account."
    st.caption(plain(note))


def definitions() -> pd.DataFrame:
    """Return KPI, what it means and the variant chosen, for the KPIs of this page."""
    rows = [KPIS[k] for k in SECTION_KPIS]
    return pd.DataFrame(
        {
            "KPI": [k.label for k in rows],
            "What it means": [k.definition for k in rows],
            "Variant chosen": [k.variant or "" for k in rows],
        }
    )
