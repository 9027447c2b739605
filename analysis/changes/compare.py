"""Compare exports of the same CRM taken on different days: `compare`.

The exports are put in date order (each export's day is the last day its data covers; two
on the same day keep the order they were given in). The last two are compared deal by deal
(`moves.py`) and as the flow of the period's pipeline (`flow.py`); with more exports, every
neighbouring pair adds a row to the trend (new pipeline per week, pushes), and a deal pushed
now that was pushed in an earlier pair counts as pushed again.

The period is the one after the later export's day (like the forecast's): the running period,
or the next one when the export ends on a period's last day.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.changes.flow import flow
from analysis.changes.matching import Matched, match
from analysis.changes.moves import categorize
from analysis.changes.states import deal_states, export_day
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec, period_bounds, period_labels
from analysis.pipeline.funnel import history_of, stage_order

SCOPES = ("company", "team", "rep")


@dataclass(frozen=True)
class Changes:
    """What changed between the last two exports, and the trend over all of them."""

    days: tuple[pd.Timestamp | None, ...]  # every export's day, oldest first
    period: str  # the period whose pipeline flows
    window: tuple[pd.Timestamp, pd.Timestamp]  # its first and last day
    by: str  # how deals were matched: "id" or "fields"
    matched: int  # deals found in both of the last two exports
    unmatched: int  # deals of either export without a usable key (counted as new or gone)
    moves: pd.DataFrame  # moves.MOVE_COLUMNS + pushed_before, one row per deal
    flows: dict[str, pd.DataFrame]  # "company" / "team" / "rep": flow.FLOW_COLUMNS
    trend: pd.DataFrame  # one row per neighbouring pair of exports (TREND_COLUMNS)
    currencies: tuple[str | None, str | None]  # the main currency of the last two exports

    @property
    def before(self) -> pd.Timestamp | None:
        """Return the day of the earlier of the two exports compared."""
        return self.days[-2]

    @property
    def after(self) -> pd.Timestamp | None:
        """Return the day of the later of the two exports compared."""
        return self.days[-1]

    @property
    def currency_changed(self) -> bool:
        """Return True when the two exports' main currencies differ (amounts not converted)."""
        one, two = self.currencies
        return one is not None and two is not None and one != two


TREND_COLUMNS = ["from", "to", "days", "new_count", "new_cents", "pushed_count", "pushed_cents"]


def _ordered(exports: Sequence[Dataset]) -> list[tuple[pd.Timestamp | None, Dataset]]:
    dated = [(export_day(data), data) for data in exports]
    order = sorted(range(len(dated)), key=lambda i: (dated[i][0] or pd.Timestamp.min, i))
    return [dated[i] for i in order]


def period_after(
    day: pd.Timestamp | None, spec: PeriodSpec
) -> tuple[str, pd.Timestamp, pd.Timestamp]:
    """Return the period the day after `day` falls in, with its first and last day."""
    when = (day if day is not None else pd.Timestamp.today().normalize()) + pd.Timedelta(days=1)
    label = str(period_labels(pd.Series([when]), spec.whole).iloc[0])
    first, after = period_bounds(label, spec.whole)
    return label, first, after - pd.Timedelta(days=1)


def _stages(data: Dataset) -> tuple[str, ...]:
    deals = data.tables.get(S.DEALS)
    if deals is None or deals.empty:
        return ()
    return stage_order(deals, history_of(data)).stages


def _pushed(pairs: pd.DataFrame) -> pd.DataFrame:
    """Return the deals of a pair whose expected close moved later while open in both."""
    both = (pairs["side"] == "both") & (pairs["status_b"] == "open") & (pairs["status_a"] == "open")
    later = both & (pd.to_datetime(pairs["close_a"]) > pd.to_datetime(pairs["close_b"]))
    return pairs[later.fillna(False).astype(bool)]


def _cents(amount: pd.Series) -> int:
    return int(np.round(pd.to_numeric(amount, errors="coerce").fillna(0).to_numpy() * 100).sum())


def _trend_row(day_b: pd.Timestamp | None, day_a: pd.Timestamp | None, pairs: pd.DataFrame) -> dict:
    """Return one pair's trend figures: new deals and pushed deals (any later close)."""
    new, pushed = pairs[pairs["side"] == "after"], _pushed(pairs)
    days = (day_a - day_b).days if day_a is not None and day_b is not None else None
    return {
        "from": day_b,
        "to": day_a,
        "days": days,
        "new_count": len(new),
        "new_cents": _cents(new["amount_a"]),
        "pushed_count": len(pushed),
        "pushed_cents": _cents(pushed["amount_b"]),
    }


def _names(frame: pd.DataFrame, suffix: str) -> pd.Series:
    """Return each deal's id, or its account and name when the deals have no ids."""
    ids = frame[f"deal_id{suffix}"].astype("string")
    names = (
        frame[f"account{suffix}"].astype("string") + "|" + frame[f"deal{suffix}"].astype("string")
    )
    return ids.fillna(names).str.casefold()


def _pushed_before(moves: pd.DataFrame, earlier: list[pd.DataFrame]) -> np.ndarray:
    """Return per move whether its deal's expected close moved later in an earlier pair."""
    if not earlier:
        return np.zeros(len(moves), dtype=bool)
    seen = pd.concat([_names(_pushed(pairs), "_a") for pairs in earlier]).dropna()
    return _names(moves, "").isin(set(seen)).fillna(False).to_numpy(bool)


def compare(exports: Sequence[Dataset], spec: PeriodSpec) -> Changes | None:
    """Return what changed between the last two exports by date (None: fewer than two)."""
    if len(exports) < 2:
        return None
    ordered = _ordered(exports)
    days = tuple(day for day, _ in ordered)
    states = [deal_states(data) for _, data in ordered]
    later = ordered[-1][1]
    period, first, last = period_after(days[-1], spec)
    matches = [match(one, two) for one, two in itertools.pairwise(states)]
    matched: Matched = matches[-1]
    moves = categorize(matched.pairs, (first, last), _stages(later))
    moves["pushed_before"] = _pushed_before(moves, [m.pairs for m in matches[:-1]])
    flows = {"company": flow(moves), "team": flow(moves, "team"), "rep": flow(moves, "rep")}
    trend = pd.DataFrame(
        [_trend_row(days[i], days[i + 1], m.pairs) for i, m in enumerate(matches)],
        columns=TREND_COLUMNS,
    )
    return Changes(
        days=days,
        period=period,
        window=(first, last),
        by=matched.by,
        matched=matched.matched,
        unmatched=matched.unkeyed_before + matched.unkeyed_after,
        moves=moves,
        flows=flows,
        trend=trend,
        currencies=(ordered[-2][1].currency, later.currency),
    )
