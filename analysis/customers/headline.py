"""The Customers page's headline: this period's satisfaction, retention and top-accounts share.

`headline` gathers the numbers against the period before; `headline_sentence` says them as one
sentence and `format_delta` gives a card's change, both as `Say`s written where they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.customers.accounts import TOP_ACCOUNTS, account_revenue, top_share
from analysis.customers.retention import retention_over_time
from analysis.customers.satisfaction import (
    COMPANY,
    rep_teams,
    satisfaction_kind,
    satisfaction_over_time,
)
from analysis.kpis.registry import KPIS
from analysis.kpis.shown import shown
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodChoice, PeriodSpec, shift_period, window_periods
from analysis.words import formats as F
from analysis.words.message import Formatted, Joined, Say, fmt, joined

NO_CHANGE = Say("formats.no_change")


@dataclass(frozen=True)
class Headline:
    """This period's satisfaction, retention and top-accounts share, and the same a period ago."""

    period: str
    previous: str
    satisfaction_key: str | None  # "nps", "csat" or None without feedback
    satisfaction: float | None
    satisfaction_before: float | None
    retention: float | None
    retention_before: float | None
    top_share: float | None  # of the window ending with `period`
    top_share_before: float | None  # of the window ending with `previous`
    top_accounts: int  # how many accounts the top share counts (10, or fewer when there are fewer)


def _satisfaction(
    data: Dataset, spec: PeriodSpec, periods: list[str], teams: dict[str, str], team: str | None
) -> tuple[str | None, dict[str, float]]:
    """Return the satisfaction scale and its value per period of the team (or the company)."""
    feedback = data.tables.get(S.CUSTOMER_FEEDBACK)
    kind = satisfaction_kind(feedback)
    if feedback is None or kind is None:
        return kind, {}
    trend = satisfaction_over_time(feedback, spec, periods, teams, team)
    trend = trend[trend["series"] == (team or COMPANY)]
    return kind, dict(zip(trend["period"], trend["value"].astype(float), strict=True))


def headline(
    data: Dataset,
    table: pd.DataFrame,
    spec: PeriodSpec,
    choice: PeriodChoice,
    team: str | None = None,
) -> Headline | None:
    """Return the numbers of the page's headline for the chosen period (None without one)."""
    if choice.current is None:
        return None
    now, before = choice.current, choice.previous or shift_period(choice.current, spec)
    teams = rep_teams(table)
    kind, sat = _satisfaction(data, spec, [before, now], teams, team)
    kept = retention_over_time(table, [before, now], team)
    kept = kept[kept["key"] == "customer_retention"]
    retention = dict(zip(kept["period"], kept["value"], strict=True))
    deals = data.tables.get(S.DEALS)
    shares: list[float | None] = [None, None]
    count = 0
    if deals is not None and S.ACCOUNT in deals:
        for i, end in enumerate((now, before)):
            accounts, _ = account_revenue(deals, spec, window_periods(end, spec), teams, team)
            shares[i] = top_share(accounts)
            count = count or min(TOP_ACCOUNTS, len(accounts))
    return Headline(
        now,
        before,
        kind,
        sat.get(now),
        sat.get(before),
        retention.get(now),
        retention.get(before),
        shares[0],
        shares[1],
        count,
    )


def _size(size: float, digits: int, words: str | None) -> Formatted | Say:
    """A size of change with its unit ('5 pts', '1 punt', '0,2'), written in the reader's language.

    The unit's plural form is English's, which Dutch shares ('one' for 1, 'other' otherwise).
    """
    number = fmt("number", size, digits=digits)
    if words is None:
        return number
    return Say(f"customers.{words}.{F.plural(size)}", n=number)


def _moved(key: str, now: float, before: float | None) -> Say | None:
    """Return the change as words: 'up 5 points', 'down 3 pts', 'no change'; None when unknown."""
    if before is None:
        return None
    delta = now - before
    unit = KPIS[key].unit
    digits = 0 if unit != "score" or key == "nps" else 1
    size = round(abs(delta) * 100 if unit == "percent" else abs(delta), digits)
    if size == 0:
        return NO_CHANGE
    words = "points" if key == "nps" else "pts" if unit == "percent" else None
    direction = "up" if delta > 0 else "down"
    return Say(f"customers.{direction}", size=_size(size, digits, words))


def _part(part: Say, moved: Say | None) -> Say:
    """Return a part of the headline with its change in brackets, when the change is known."""
    return part if moved is None else Say("customers.headline.moved", part=part, moved=moved)


def headline_sentence(h: Headline, window: str) -> Say:
    """Return the headline as one sentence: this period's numbers, each with its change."""
    parts: list[Say] = []
    if h.satisfaction_key and h.satisfaction is not None:
        moved = _moved(h.satisfaction_key, h.satisfaction, h.satisfaction_before)
        value = shown(h.satisfaction_key, h.satisfaction)
        parts.append(_part(Say(f"customers.headline.{h.satisfaction_key}", value=value), moved))
    if h.retention is not None:
        moved = _moved("customer_retention", h.retention, h.retention_before)
        value = shown("customer_retention", h.retention)
        parts.append(_part(Say("customers.headline.retention", value=value), moved))
    if h.top_share is not None:
        moved = _moved("customer_retention", h.top_share, h.top_share_before)
        many = "top_many" if h.top_accounts > 1 else "top_one"
        share = fmt("percent", h.top_share)
        said = Say(f"customers.headline.{many}", n=h.top_accounts, share=share, window=window)
        parts.append(_part(said, moved))
    if not parts:
        return Say("customers.headline.none", period=h.period)
    body: object = parts[0]
    if len(parts) > 1:
        body = joined([joined(parts[:-1], ", "), parts[-1]], "customers.headline.and")
    return Say("customers.headline.sentence", period=h.period, body=body)


def format_delta(key: str, now: float | None, before: float | None) -> Say | Joined | None:
    """Return a change for a card: '+5 pts' for shares, '+11' NPS points, '+0.2' CSAT; None."""
    if now is None or before is None:
        return None
    delta = now - before
    percent = KPIS[key].unit == "percent"
    # as many decimals as the value shows: 4.3% moves by tenths, 43% and NPS +37 by units
    decimals = 1 if (percent and ".1%" in KPIS[key].fmt) or key == "csat" else 0
    size = round(abs(delta) * 100 if percent else abs(delta), decimals)
    if size == 0:
        return NO_CHANGE
    sign = "+" if delta > 0 else F.MINUS
    return joined([sign, _size(size, decimals, "pts" if percent else None)], "")
