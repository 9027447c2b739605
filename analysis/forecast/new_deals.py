"""Deals not created yet that will be won before the period ends, from each rep's usual pace.

A forecast made with L days of the period left counts, in each of the last `HISTORY_PERIODS`
complete periods, the deals a rep created in that period's last L days and won before it ended.
Their mean per period (over the periods the rep was creating deals in) is the rep's expected
number of such wins; their amounts are what a new win may be worth. A rep with fewer than
`MIN_POOL` such wins takes their amounts from all the rep's won deals of those periods.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analysis.forecast.examples import DealFacts, days_of, period_end_after
from analysis.model.periods import PeriodSpec, period_bounds, shift_period

HISTORY_PERIODS = 4
MIN_POOL = 5


@dataclass(frozen=True)
class NewDeals:
    """Per group: the expected number of new deals won in time, and what one may be worth."""

    rates: np.ndarray
    pools: list[np.ndarray]
    periods: tuple[str, ...]  # the past periods the pace was measured in

    @property
    def expected(self) -> np.ndarray:
        """Return per group the expected revenue from new deals."""
        means = np.array([pool.mean() if len(pool) else 0.0 for pool in self.pools])
        return self.rates * means


def past_periods(facts: DealFacts, spec: PeriodSpec, as_of: float, count: int) -> list[str]:
    """Return up to `count` complete periods before the one after `as_of`, newest first."""
    label, _ = period_end_after(as_of, spec)
    first = np.nanmin(facts.created) if np.isfinite(facts.created).any() else as_of
    out = []
    for step in range(1, count + 1):
        period = shift_period(label, spec.whole, -step)
        start, after = (float(d) for d in days_of(list(period_bounds(period, spec.whole))))
        if start < first or after - 1 > as_of:
            break
        out.append(period)
    return out


def new_deal_wins(
    facts: DealFacts, group: np.ndarray, groups: int, spec: PeriodSpec, as_of: float, end: float
) -> NewDeals:
    """Return the new deals each group is expected to create and win between `as_of` and `end`."""
    left = end - as_of
    periods = past_periods(facts, spec, as_of, HISTORY_PERIODS)
    hits = np.zeros(groups)
    active = np.zeros(groups)
    own: list[np.ndarray] = []  # rows of the deals made late in a period and won in it
    wider: list[np.ndarray] = []  # rows of all deals made and won in a period
    known = group >= 0
    for period in periods:
        start, after = (float(d) for d in days_of(list(period_bounds(period, spec.whole))))
        made = known & (facts.created >= start) & (facts.created < after)
        active += np.bincount(group[made], minlength=groups) > 0
        won_in = made & facts.won & (facts.closed < after)
        late = won_in & (facts.created > after - 1 - left)
        hits += np.bincount(group[late], minlength=groups)
        own.append(np.flatnonzero(late))
        wider.append(np.flatnonzero(won_in))
    rates = hits / np.maximum(active, 1)
    mine, every = (_by_group(facts.amount, group, rows, groups) for rows in (own, wider))
    pools = []
    for pool, fallback in zip(mine, every, strict=True):
        pool = pool if len(pool) >= MIN_POOL else fallback  # own ⊂ fallback
        pools.append(pool[np.isfinite(pool)])
    return NewDeals(rates, pools, tuple(periods))


def _by_group(
    amount: np.ndarray, group: np.ndarray, rows: list[np.ndarray], groups: int
) -> list[np.ndarray]:
    """Return per group the amounts of its rows, period after period, in row order."""
    taken = np.concatenate([np.empty(0, dtype=np.int64), *rows])
    order = np.argsort(group[taken], kind="stable")
    taken = taken[order]
    bounds = np.searchsorted(group[taken], np.arange(groups + 1))
    return [amount[taken[bounds[g] : bounds[g + 1]]] for g in range(groups)]
