"""Each active rep's KPIs against the team's over the last periods, shrunk for small samples.

A rep's KPI is compared with the team (all reps active in the period together) over `window`:
the period and the one before for quarters, the last six months for months. Win rates,
counts a period and means are shrunk by `analysis.diagnosis.shrinkage`; deal size, sales cycle
and lead response time are compared on their logs (they are skewed), customer scores as they
are. A rep needs `MIN_SAMPLE` on a KPI to be compared at all. A `Gap` is numbers only: whether
it is a weak spot is decided by `analysis.diagnosis.weak_spots`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from analysis.diagnosis.period_stats import Moments, PeriodStats
from analysis.diagnosis.shifts import normal_cdf
from analysis.diagnosis.shrinkage import shrink_counts, shrink_means, shrink_rates
from analysis.kpis.registry import KPIS

# the smallest sample a rep needs on a KPI to be compared at all
MIN_SAMPLE = {
    "win_rate": 5,
    "avg_deal_size": 3,
    "cycle_days": 3,
    "lead_response_hours": 5,
    "nps": 5,
    "csat": 5,
    "new_deals": 0,
    "activities": 0,
}
WINDOW = {"quarter": 2, "month": 6}  # the periods a comparison covers, ending with the current


@dataclass(frozen=True)
class Gap:
    """One rep's KPI against the team: raw, shrunk, team, confidence it is worse, sample."""

    kpi: str
    rep: str
    rep_value: float
    shrunk: float
    team: float
    confidence: float
    n: int


@dataclass(frozen=True)
class Pooled:
    """A measure's number, mean and variance per rep over the periods of a window."""

    n: np.ndarray
    mean: np.ndarray
    var: np.ndarray


def _pool(m: Moments, rows: np.ndarray, cols: np.ndarray) -> Pooled:
    """Return the moments of each row pooled over the given periods."""
    n = np.nan_to_num(m.n[np.ix_(rows, cols)])
    mean = np.nan_to_num(m.mean[np.ix_(rows, cols)])
    var = np.nan_to_num(m.var[np.ix_(rows, cols)])
    total = n.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        pooled = (n * mean).sum(axis=1) / total
        inner = (np.maximum(n - 1, 0) * var + n * (mean - pooled[:, None]) ** 2).sum(axis=1)
        return Pooled(total, pooled, np.where(total > 1, inner / (total - 1), np.nan))


def _normal_gaps(
    kpi: str,
    names: list[str],
    p: Pooled,
    log: bool,
    shown: np.ndarray | None = None,
    team_shown: float | None = None,
) -> list[Gap]:
    """Return gaps of a KPI compared as a mean (of logs when `log`), shown in its own values."""
    keep = np.flatnonzero(p.n >= MIN_SAMPLE[kpi])
    if len(keep) < 2:
        return []
    n, means, within = p.n[keep], p.mean[keep], p.var[keep]
    ok = (n > 1) & np.isfinite(within)
    s2 = float(((n - 1) * within)[ok].sum() / (n - 1)[ok].sum()) if ok.any() else 0.0
    shrunk, sd, team = shrink_means(means, s2 / n, n)
    higher = bool(KPIS[kpi].higher_is_better)
    worse = [
        normal_cdf(((team - s) if higher else (s - team)) / d)
        if d > 0
        else float((s < team) == higher)
        for s, d in zip(shrunk, sd, strict=True)
    ]
    if log:
        raw = shown[keep] if shown is not None else np.exp(means)
        show_shrunk = raw * np.exp(shrunk - means)
        team_value = team_shown if team_shown is not None else math.exp(team)
    else:
        raw, show_shrunk, team_value = means, shrunk, team
    return [
        Gap(kpi, names[i], float(v), float(sh), float(team_value), float(c), int(k))
        for i, v, sh, c, k in zip(keep, raw, show_shrunk, worse, n, strict=True)
        if np.isfinite(v)
    ]


def window(stats: PeriodStats, period: str) -> np.ndarray:
    """Return the positions of the periods a comparison covers: the current one and before."""
    col = stats.idx.periods.index(period)
    size = WINDOW[stats.idx.spec.grain]
    return np.arange(max(0, col - size + 1), col + 1)


def gaps(stats: PeriodStats, period: str) -> list[Gap]:
    """Return every active rep's gap against the team on each KPI the data allows.

    The reps active in `period` are compared over `window` (the period and the one before
    for quarters, the last six months for months).
    """
    if period not in stats.idx.periods:
        return []
    cols = window(stats, period)
    R = len(stats.idx.reps)
    rows = np.flatnonzero(stats.active[:R, cols[-1]])
    names = [str(stats.idx.reps[r]) for r in rows]
    out: list[Gap] = []
    closed = stats.closed[np.ix_(rows, cols)].sum(axis=1)
    won = stats.won[np.ix_(rows, cols)].sum(axis=1)
    revenue = stats.revenue[np.ix_(rows, cols)].sum(axis=1)
    keep = closed >= MIN_SAMPLE["win_rate"]
    if keep.sum() >= 2:
        shrunk, below = shrink_rates(won[keep], closed[keep])
        team = float(won[keep].sum() / closed[keep].sum())
        out += [
            Gap(
                "win_rate",
                names[i],
                float(won[i] / closed[i]),
                float(s),
                team,
                float(b),
                int(closed[i]),
            )
            for i, s, b in zip(np.flatnonzero(keep), shrunk, below, strict=True)
        ]
    active = stats.active[np.ix_(rows, cols)].sum(axis=1)
    for kpi, counts in (("new_deals", stats.new_deals), ("activities", stats.activities)):
        if counts is None or len(rows) < 2:
            continue
        total = counts[np.ix_(rows, cols)].sum(axis=1)
        shrunk, below, team = shrink_counts(total, active)
        out += [
            Gap(kpi, names[i], float(total[i] / active[i]), float(s), team, float(b), int(total[i]))
            for i, s, b in zip(range(len(rows)), shrunk, below, strict=True)
        ]
    size = _pool(stats.log_size, rows, cols)
    with np.errstate(invalid="ignore", divide="ignore"):
        average = np.where(won > 0, revenue / won, np.nan)
    team_size = float(revenue.sum() / won.sum()) if won.sum() else None
    out += _normal_gaps("avg_deal_size", names, size, True, average, team_size)
    for kpi, logs in (("cycle_days", stats.log_cycle), ("lead_response_hours", stats.log_response)):
        if logs is not None:
            out += _normal_gaps(kpi, names, _pool(logs, rows, cols), True)
    if stats.satisfaction is not None and stats.satisfaction_kind is not None:
        scores = _pool(stats.satisfaction, rows, cols)
        out += _normal_gaps(stats.satisfaction_kind, names, scores, False)
    return out
