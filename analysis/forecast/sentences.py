"""The sentences of the forecast, as `Say`s: written in a language where they are shown."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from analysis.forecast.outlook import Forecast
from analysis.kpis.labels import currency_symbol
from analysis.words.message import Joined, Say, fmt, joined

RECENT_ACTIVITY = (
    14  # days: an activity this recent is "activity 3 days ago", else "no activity in"
)


def _money(value: float, currency: str | None) -> object:
    return fmt("short_money", value, currency=currency_symbol(currency))


def as_of(fc: Forecast) -> Say:
    """Return which period is forecast and from which day's data."""
    return Say("forecast.as_of", period=fc.period, date=fmt("day", fc.as_of))


def headline(fc: Forecast, currency: str | None) -> Say:
    """Return the likely revenue against target, and the 8-in-10 range."""
    row = fc.company
    values = {q: _money(row[q], currency) for q in ("p10", "p50", "p90")}
    if pd.isna(row["target"]) or row["target"] <= 0:
        return Say("forecast.headline.no_target", period=fc.period, **values)
    share = fmt("percent", row["p50"] / row["target"])
    return Say(
        "forecast.headline.target", target=_money(row["target"], currency), share=share, **values
    )


def split(fc: Forecast, currency: str | None) -> Say:
    """Return the expected revenue split: won already, from open deals, from new deals."""
    row = fc.company
    money = {k: _money(row[c], currency) for k, c in
             (("expected", "expected"), ("won", "won_so_far"), ("open", "from_open"), ("new", "from_new"))}  # fmt: skip
    return Say("forecast.split", deals=int(row["open_deals"]), **money)


def method(fc: Forecast) -> Say:
    """Return how each deal's chance was worked out, and why that way."""
    tested = fc.backtest
    if fc.why in ("better", "not_better"):
        errors = {m: fmt("percent", tested.mean_error(m)) for m in ("model", "baseline")}
        return Say(f"forecast.method.{fc.why}", n=tested.inside("model")[1], **errors)
    return Say(f"forecast.method.{fc.why}")


def coverage(fc: Forecast) -> Say:
    """Return in how many backtest periods the actual fell inside the P10–P90 range."""
    inside, n = fc.backtest.inside(fc.method)
    return (
        Say("forecast.backtest.inside", inside=inside, n=n) if n else Say("forecast.backtest.none")
    )


def reason(
    group: str, points: float, deal: pd.Series | Mapping[str, Any], currency: str | None
) -> Say:
    """Return one factor of a deal's chance in words: 'no activity in 41 days: −18 pts' (the
    deal: its row of `Forecast.deals`, or a dict of the columns it reads)."""
    pts = fmt("points", points / 100)
    if group == "amount":
        return Say("forecast.reason.amount", amount=_money(deal["amount"], currency), points=pts)
    if group == "age":
        return Say("forecast.reason.age", days=fmt("days", deal["age"]), points=pts)
    if group in ("source", "product"):
        name = deal.get(group)
        if name is None or pd.isna(name):
            return Say(f"forecast.reason.{group}_unknown", points=pts)
        return Say(f"forecast.reason.{group}", **{group: name}, points=pts)
    if group == "stage":
        if pd.isna(deal["days_in_stage"]) or pd.isna(deal["stage"]):
            return Say("forecast.reason.stage_unknown", points=pts)
        return Say(
            "forecast.reason.stage",
            stage=deal["stage"],
            days=fmt("days", deal["days_in_stage"]),
            points=pts,
        )
    if group == "activity":
        idle = deal["days_since_activity"]
        key = "activity_recent" if np.isfinite(idle) and idle <= RECENT_ACTIVITY else "activity"
        return Say(f"forecast.reason.{key}", days=fmt("days", idle), points=pts)
    if group == "account":
        return Say("forecast.reason.account", won=int(deal["account_won"]), points=pts)
    return Say("forecast.reason.rep_rate", rate=fmt("percent", deal["rep_rate"]), points=pts)


def reasons(deal: pd.Series, currency: str | None) -> list[Say]:
    """Return the factors that move a deal's chance most, in words, largest first."""
    return [reason(group, points, deal, currency) for group, points in deal["reasons"]]


def why(deal: pd.Series, currency: str | None, method: str) -> Joined | Say:
    """Return why a deal has its chance: its factors, or why none is said (no factor stands
    out; or the chance is the rep's win rate)."""
    if deal["reasons"]:
        return joined(reasons(deal, currency), "; ")
    return Say(f"outlook.why.{method}")
