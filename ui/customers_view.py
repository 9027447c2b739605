"""The parts of the Customers page: headline cards and the four tabs, each saying what it lacks."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.charts.customers import (
    concentration_chart,
    market_share_chart,
    retention_chart,
    satisfaction_chart,
    satisfaction_trend_chart,
)
from analysis.charts.customers import top_accounts_chart as accounts_chart
from analysis.customers import satisfaction as C
from analysis.kpis.overview import value_of
from analysis.kpis.registry import (
    currency_symbol,
    format_value,
    kpi_definition,
    kpi_label,
    kpi_variant,
    missing_inputs,
)
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import (
    TREND_PERIODS,
    PeriodChoice,
    PeriodSpec,
    last_periods,
    shift_period,
    window_periods,
)
from analysis.words import formats as F
from analysis.words.catalogue import t
from analysis.words.formats import short_money
from ui.chart_view import show
from ui.text import plain

LAST_12 = "Last 12 months"  # the window picker's value (shown in the page's language)
SECTION_KPIS = ("nps", "csat", "customer_retention", "repeat_purchase_share", "market_share")


def _switch_on(what: str, lacks: list[str], how: str, lang: str) -> None:
    """Say which table or column would switch a section on, instead of drawing an empty chart."""
    text = t("customers.needs", lang, what=t(f"customers.what.{what}", lang),
             lacks=", ".join(lacks), how=t(f"customers.how.{how}", lang))  # fmt: skip
    st.info(text, icon=":material/info:")


def _account_how(data: Dataset) -> str:
    """Return how to get accounts on the deals: add a deals sheet, or map its account column."""
    return "deals_sheet" if S.DEALS not in data.tables else "account_column"


def _field(table: str, column: str, lang: str) -> str:
    """Return 'Customer feedback: Score' for a column of a table."""
    return f"{t(f'tables.{table}', lang)}: {S.TABLES[table].field(column).label}"


def cards(
    h: C.Headline,
    data: Dataset,
    table: pd.DataFrame,
    team: str | None,
    window: str,
    currency: str | None,
    lang: str = "en",
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
    items = [item for item in items if not missing_inputs(data.tables, item[0], lang)]
    columns = iter(st.columns(len(SECTION_KPIS)))  # the same card width whatever is shown
    unchanged = t("formats.no_change", lang)
    for key, value, previous, better in items:
        label, definition = kpi_label(key, lang), kpi_definition(key, lang)
        if key == "market_share" and team is not None:
            label = t("customers.card.company", lang, label=label)
            definition = t("customers.card.company_help", lang, definition=definition)
        delta = C.format_delta(key, value, previous, lang)
        next(columns).metric(
            label,
            format_value(key, value, currency, lang),
            delta,
            delta_color="off" if better is None or delta == unchanged else "normal",
            delta_arrow="off" if delta == unchanged else "auto",
            delta_description=t("customers.card.versus", lang, previous=before),
            help=definition,
        )
    if missing_inputs(data.tables, "customer_retention", lang):  # no accounts on the deals
        return
    next(columns).metric(
        t("customers.card.top", lang, n=h.top_accounts or C.TOP_ACCOUNTS),
        F.percent(h.top_share, lang),
        C.format_delta("customer_retention", h.top_share, h.top_share_before, lang),
        delta_color="off",
        delta_description=t("customers.card.top_versus", lang),
        help=t("customers.card.top_help", lang, window=window),
    )


def _window(key: str, current: str, default_last_12: bool, lang: str) -> tuple[str, bool]:
    """Draw the window picker and return its label and whether it is the last 12 months."""
    options = [current, LAST_12]
    last_12 = t("customers.last_12", lang)
    pick = st.segmented_control(
        t("customers.window", lang), options, default=options[1 if default_last_12 else 0],
        key=key, format_func=lambda option: last_12 if option == LAST_12 else option,
    )  # fmt: skip
    return pick or options[0], pick == LAST_12


def satisfaction(
    data: Dataset,
    table: pd.DataFrame,
    spec: PeriodSpec,
    choice: PeriodChoice,
    team: str | None,
    lang: str = "en",
) -> None:
    """Draw satisfaction per rep (this period or the last 12 months) and over time."""
    feedback = data.tables.get(S.CUSTOMER_FEEDBACK)
    kind = C.satisfaction_kind(feedback)
    if feedback is None or kind is None:
        lacks = missing_inputs(data.tables, "nps", lang) or [
            _field(S.CUSTOMER_FEEDBACK, S.SCORE, lang)
        ]
        _switch_on("satisfaction", lacks, "feedback", lang)
        return
    current = str(choice.current)
    teams = C.rep_teams(table)
    _, last_12 = _window("customers_sat_window", current, False, lang)
    periods = window_periods(current, spec) if last_12 else [current]
    label = C.window_label(periods)
    with st.container(key="customers_sat_reps"):
        if S.REP not in feedback or feedback[S.REP].isna().all():
            lacks = [_field(S.CUSTOMER_FEEDBACK, S.REP, lang)]
            _switch_on(f"sat_per_rep.{kind}", lacks, "map_it", lang)
        else:
            active = table.loc[(table["scope"] == "rep") & table["period"].isin(periods), "rep"]
            reps = C.satisfaction_by_rep(
                feedback, spec, periods, teams, team, active.dropna().astype(str).unique()
            )
            if reps.empty:
                st.info(t("customers.no_answers", lang, window=label))
            else:
                title = t(f"customers.sat_title.{kind}", lang, window=label)
                show(satisfaction_chart(reps, kind, title, C.MIN_ANSWERS, lang=lang))
    trend_periods = last_periods(current, spec, TREND_PERIODS)
    with st.container(key="customers_sat_trend"):
        trend = C.satisfaction_over_time(feedback, spec, trend_periods, teams, team)
        if trend.empty:
            st.info(t("customers.no_answers", lang, window=C.window_label(trend_periods)))
        else:
            who = team or t(f"customers.who.{'company_and_teams' if teams else 'company'}", lang)
            title = t(f"customers.trend_title.{kind}", lang, who=who)
            named = sorted(set(teams.values()))
            show(satisfaction_trend_chart(trend, kind, title, named, lang=lang))
    st.caption(plain(kpi_definition(kind, lang)))


def retention(
    data: Dataset,
    table: pd.DataFrame,
    spec: PeriodSpec,
    current: str,
    team: str | None,
    lang: str = "en",
) -> None:
    """Draw customer retention and the repeat-purchase share per period, with both definitions."""
    if lacks := missing_inputs(data.tables, "customer_retention", lang):
        _switch_on("retention", lacks, _account_how(data), lang)
        return
    periods = last_periods(current, spec, TREND_PERIODS)
    rows = C.retention_over_time(table, periods, team)
    with st.container(key="customers_retention"):
        if rows.empty:
            st.info(t("customers.retention.too_few", lang))
        else:
            early = t("customers.retention.early", lang)
            title = _retention_title(rows, spec, team, lang)
            show(retention_chart(rows, title, early, lang=lang))
    for key in C.RETENTION_KEYS:
        label, definition = kpi_label(key, lang), plain(kpi_definition(key, lang))
        st.caption(t("customers.definition", lang, label=label, definition=definition))


def _retention_title(rows: pd.DataFrame, spec: PeriodSpec, team: str | None, lang: str) -> str:
    """Return the retention chart's title: the last period's retention, in words."""
    kept = rows[rows["key"] == "customer_retention"]
    who = t("customers.retention.team", lang, team=team) if team else ""
    if kept.empty:
        return t("customers.retention.title_none", lang, who=who)
    value, period = float(kept["value"].iloc[-1]), str(kept["period"].iloc[-1])
    before = shift_period(period, spec)
    share = F.percent(value, lang)
    return t("customers.retention.title", lang, share=share, before=before, period=period, who=who)


def market(
    data: Dataset,
    table: pd.DataFrame,
    spec: PeriodSpec,
    current: str,
    team: str | None,
    currency: str | None,
    lang: str = "en",
) -> None:
    """Draw the company's market share per period (company only: market figures have no teams)."""
    if lacks := missing_inputs(data.tables, "market_share", lang):
        _switch_on("market", lacks, "market", lang)
        return
    rows = C.market_over_time(table, last_periods(current, spec, TREND_PERIODS))
    with st.container(key="customers_market"):
        if rows.empty:
            st.info(t("customers.market.none", lang))
        else:
            last = rows.iloc[-1]
            share = F.percent(last["share"], lang, 1)
            title = t("customers.market.title", lang, share=share, period=last["period"])
            show(market_share_chart(rows, title, currency_symbol(currency), lang=lang))
    definition = kpi_definition("market_share", lang)
    if team:
        definition = t("customers.market.company_only", lang, definition=definition)
    st.caption(plain(definition))


def accounts(
    data: Dataset,
    table: pd.DataFrame,
    spec: PeriodSpec,
    current: str,
    team: str | None,
    currency: str | None,
    lang: str = "en",
) -> None:
    """Draw the biggest accounts by revenue and how concentrated revenue is over accounts."""
    if lacks := missing_inputs(data.tables, "customer_retention", lang):
        _switch_on("accounts", lacks, _account_how(data), lang)
        return
    _, last_12 = _window("customers_accounts_window", current, True, lang)
    periods = window_periods(current, spec) if last_12 else [current]
    label = C.window_label(periods)
    found, total = C.account_revenue(data.tables[S.DEALS], spec, periods, C.rep_teams(table), team)
    if found.empty:
        st.info(t("customers.accounts.none", lang, window=label))
        return
    symbol = currency_symbol(currency)
    share = F.percent(C.top_share(found), lang)
    n = min(C.TOP_ACCOUNTS, len(found))
    left, right = st.columns(2)
    with left, st.container(key="customers_top_accounts"):
        title = t("customers.accounts.top_title", lang, n=n, share=share, window=label)
        show(accounts_chart(found, title, symbol, C.TOP_ACCOUNTS, lang=lang))
    with right, st.container(key="customers_concentration"):
        half = C.accounts_for_share(found)
        count = F.number(len(found), lang)
        title = t("customers.accounts.bought", lang, n=count, window=label)
        if half is not None and len(found) > 1:
            title = t("customers.accounts.half", lang, half=F.number(half, lang), n=count)
        show(concentration_chart(found, title, C.TOP_ACCOUNTS, lang=lang))
    unassigned = total - float(found["revenue"].sum())
    note = t("customers.accounts.revenue", lang, window=label,
             money=short_money(total, symbol, lang=lang))  # fmt: skip
    if unassigned > 0.5:
        money = short_money(unassigned, symbol, lang=lang)
        note += " " + t("customers.accounts.unassigned", lang, money=money)
    st.caption(plain(note))


def definitions(lang: str = "en") -> pd.DataFrame:
    """Return KPI, what it means and the variant chosen, for the KPIs of this page."""
    return pd.DataFrame(
        {
            t("customers.col.kpi", lang): [kpi_label(k, lang) for k in SECTION_KPIS],
            t("customers.col.meaning", lang): [kpi_definition(k, lang) for k in SECTION_KPIS],
            t("customers.col.variant", lang): [kpi_variant(k, lang) for k in SECTION_KPIS],
        }
    )
