"""What the Customers page draws, worked out: one plain dataclass per part, built by one function.

The page picks the team and windows, builds these and only draws them: the cards under the
headline, the satisfaction tab (per rep and over time), the retention and market-share tabs and
the accounts tab (biggest accounts, concentration, revenue without an account). Titles and notes
are `Say`s, written in the reader's language where they are drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from analysis.customers import satisfaction
from analysis.customers.accounts import TOP_ACCOUNTS, account_revenue, accounts_for_share
from analysis.customers.accounts import top_share as share_of_top
from analysis.customers.headline import NO_CHANGE, Headline, format_delta
from analysis.customers.retention import market_over_time, retention_over_time
from analysis.customers.satisfaction import (
    rep_teams,
    satisfaction_kind,
    satisfaction_over_time,
    window_label,
)
from analysis.kpis.labels import currency_symbol
from analysis.kpis.overview import value_of
from analysis.kpis.query import KpiTable
from analysis.kpis.registry import missing_inputs
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import (
    TREND_PERIODS,
    PeriodSpec,
    last_periods,
    shift_period,
    window_periods,
)
from analysis.words.message import Joined, Say, fmt, joined

SECTION_KPIS = ("nps", "csat", "customer_retention", "repeat_purchase_share", "market_share")
UNASSIGNED_MIN = 0.5  # revenue without an account below this (rounding) is not mentioned


@dataclass(frozen=True)
class Card:
    """One KPI card under the headline: its value now and its change since the period before."""

    key: str  # the KPI
    value: float | None
    change: Say | Joined | None  # '+5 pts', 'no change'; None when either value is unknown
    coloured: bool  # the change is good or bad, so it is drawn in colour
    moved: bool  # the change is not 'no change', so it has an arrow
    company: bool = False  # the company's figure, shown while a team is picked


@dataclass(frozen=True)
class TopCard:
    """The card of the biggest accounts' share of revenue in the last 12 months."""

    n: int  # how many accounts the share counts
    share: float | None
    change: Say | Joined | None  # against the 12 months before


@dataclass(frozen=True)
class Cards:
    """The cards under the headline, compared with `previous`; none the data cannot have."""

    previous: str
    kpis: tuple[Card, ...]
    top: TopCard | None  # None without accounts on the deals


def _card(key: str, now: float | None, before: float | None, better: bool | None) -> Card:
    """Return a card; `better` None: a change that is neither good nor bad (drawn grey)."""
    change = format_delta(key, now, before)
    unchanged = change == NO_CHANGE
    return Card(key, now, change, better is not None and not unchanged, not unchanged)


def headline_cards(
    h: Headline, data: Dataset, table: pd.DataFrame, team: str | None = None
) -> Cards:
    """Return the headline's cards: satisfaction, retention, repeat purchases, market, top accounts."""
    now, before = h.period, h.previous
    repeat = [value_of(table, "repeat_purchase_share", p, team) for p in (now, before)]
    market = [value_of(table, "market_share", p) for p in (now, before)]  # the company's
    cards = [
        _card(h.satisfaction_key or "nps", h.satisfaction, h.satisfaction_before, True),
        _card("customer_retention", h.retention, h.retention_before, True),
        _card("repeat_purchase_share", *repeat, None),
        replace(_card("market_share", *market, True), company=team is not None),
    ]
    shown = tuple(c for c in cards if not missing_inputs(data.tables, c.key))
    if missing_inputs(data.tables, "customer_retention"):  # no accounts on the deals
        return Cards(before, shown, None)
    change = format_delta("customer_retention", h.top_share, h.top_share_before)
    return Cards(before, shown, TopCard(h.top_accounts or TOP_ACCOUNTS, h.top_share, change))


@dataclass(frozen=True)
class SatisfactionView:
    """The satisfaction tab: each rep's satisfaction in the window and the trend per period."""

    kind: str  # "nps" or "csat"
    window: str  # the window of the per-rep chart: '2026-Q3' or '2025-Q4 – 2026-Q3'
    reps: pd.DataFrame | None  # `satisfaction_by_rep`; None: the feedback names no rep
    reps_title: Say
    trend: pd.DataFrame  # `satisfaction_over_time` of the last `TREND_PERIODS` periods
    trend_window: str
    trend_title: Say
    teams: list[str]  # every team, to colour each line the same whichever is picked


def satisfaction_view(
    data: Dataset,
    table: pd.DataFrame,
    spec: PeriodSpec,
    current: str,
    team: str | None,
    last_12: bool,
) -> SatisfactionView:
    """Return the satisfaction tab of the period (or its last 12 months).

    Needs customer feedback with answers on a known scale (see `satisfaction_kind`).
    """
    feedback = data.tables[S.CUSTOMER_FEEDBACK]
    kind = satisfaction_kind(feedback) or "nps"
    teams = rep_teams(table)
    periods = window_periods(current, spec) if last_12 else [current]
    window = window_label(periods)
    reps = None
    if S.REP in feedback and not feedback[S.REP].isna().all():
        active = KpiTable(table).reps(periods=periods)  # listed even without answers
        reps = satisfaction.satisfaction_by_rep(feedback, spec, periods, teams, team, active)
    trend_periods = last_periods(current, spec, TREND_PERIODS)
    trend = satisfaction_over_time(feedback, spec, trend_periods, teams, team)
    who = team or Say(f"customers.who.{'company_and_teams' if teams else 'company'}")
    return SatisfactionView(
        kind, window, reps, Say(f"customers.sat_title.{kind}", window=window), trend,
        window_label(trend_periods), Say(f"customers.trend_title.{kind}", who=who),
        sorted(set(teams.values())),
    )  # fmt: skip


def account_fix(data: Dataset) -> str:
    """Return how to get accounts on the deals: add a deals sheet, or map its account column."""
    return "deals_sheet" if S.DEALS not in data.tables else "account_column"


@dataclass(frozen=True)
class RetentionView:
    """The retention tab: retention and repeat purchases per period, and its title."""

    rows: pd.DataFrame  # `retention_over_time`; empty: too few periods
    title: Say


def retention_view(
    table: pd.DataFrame, spec: PeriodSpec, current: str, team: str | None
) -> RetentionView:
    """Return the retention tab: the last periods, titled by the last period's retention."""
    rows = retention_over_time(table, last_periods(current, spec, TREND_PERIODS), team)
    kept = rows[rows["key"] == "customer_retention"]
    who: object = Say("customers.retention.team", team=team) if team else ""
    if kept.empty:
        return RetentionView(rows, Say("customers.retention.title_none", who=who))
    value, period = float(kept["value"].iloc[-1]), str(kept["period"].iloc[-1])
    title = Say(
        "customers.retention.title", share=fmt("percent", value),
        before=shift_period(period, spec), period=period, who=who,
    )  # fmt: skip
    return RetentionView(rows, title)


@dataclass(frozen=True)
class MarketView:
    """The market-share tab: the company's share per period and its title."""

    rows: pd.DataFrame  # `market_over_time`; empty: the market covers none of the periods
    title: Say | None
    symbol: str  # the currency symbol money is written with


def market_view(
    table: pd.DataFrame, spec: PeriodSpec, current: str, currency: str | None
) -> MarketView:
    """Return the market-share tab: the company's last periods, titled by the last share."""
    rows = market_over_time(table, last_periods(current, spec, TREND_PERIODS))
    symbol = currency_symbol(currency)
    if rows.empty:
        return MarketView(rows, None, symbol)
    last = rows.iloc[-1]
    share = fmt("percent", float(last["share"]), digits=1)
    title = Say("customers.market.title", share=share, period=last["period"])
    return MarketView(rows, title, symbol)


@dataclass(frozen=True)
class AccountsView:
    """The accounts tab: revenue per account in the window, its titles and the revenue note."""

    window: str
    accounts: pd.DataFrame  # `account_revenue`; empty: no won deal with an account
    symbol: str  # the currency symbol money is written with
    top_title: Say
    curve_title: Say  # how many accounts bring half the revenue, or how many bought
    note: Say | Joined  # the window's revenue, and what of it has no account


def accounts_view(
    data: Dataset,
    table: pd.DataFrame,
    spec: PeriodSpec,
    current: str,
    team: str | None,
    last_12: bool,
) -> AccountsView:
    """Return the accounts tab of the period (or its last 12 months), of a team or everyone."""
    periods = window_periods(current, spec) if last_12 else [current]
    window, symbol = window_label(periods), currency_symbol(data.currency)
    found, total = account_revenue(data.tables[S.DEALS], spec, periods, rep_teams(table), team)
    n, count = min(TOP_ACCOUNTS, len(found)), fmt("number", len(found))
    share = fmt("percent", share_of_top(found))
    top_title = Say("customers.accounts.top_title", n=n, share=share, window=window)
    half = accounts_for_share(found) if len(found) else None
    curve_title = Say("customers.accounts.bought", n=count, window=window)
    if half is not None and len(found) > 1:
        curve_title = Say("customers.accounts.half", half=fmt("number", half), n=count)
    money = fmt("short_money", total, currency=symbol)
    note: Say | Joined = Say("customers.accounts.revenue", window=window, money=money)
    unassigned = total - float(found["revenue"].sum())
    if unassigned > UNASSIGNED_MIN:
        money = fmt("short_money", unassigned, currency=symbol)
        note = joined([note, Say("customers.accounts.unassigned", money=money)], " ")
    return AccountsView(window, found, symbol, top_title, curve_title, note)
