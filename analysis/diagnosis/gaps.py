"""Each active rep's KPIs against the team's over the last periods, shrunk for small samples.

A rep's KPI is compared with the team (all reps active in the period together) over `window`:
the period and the one before for quarters, the last six months for months. Win rates,
counts a period and means are shrunk by `analysis.diagnosis.shrinkage`; deal size, sales cycle
and lead response time are compared on their logs (they are skewed), customer scores as they
are. A rep needs `MIN_SAMPLE` on a KPI to be compared at all. A `Gap` is numbers only: whether
it is a weak spot is decided by `analysis.diagnosis.weak_spots`.

The numbers a gap is *shown* with are the KPIs over the window, as every page computes them
(`Gap.shown`): the sales cycle and first response are the medians of all the rep's deals won
(leads created) in the window's periods, pooled, the team's the same over the deals of every
rep compared; the win rate, NPS and CSAT are pooled over the window, the team's over every rep
compared. The test itself may use another statistic (the mean of logs, the reps with enough
sample): it says how sure the gap is, not how large it is shown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from analysis.diagnosis.period_stats import (
    Moments,
    PeriodStats,
    Sample,
    pooled_median,
    window_medians,
)
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
    # the rep's and the team's KPI over the window as pages show it, where the test used
    # another statistic (None: rep_value and team are the KPI)
    kpi_rep: float | None = None
    kpi_team: float | None = None

    @property
    def shown(self) -> tuple[float, float, float]:
        """Return the rep's value, their shrunk value and the team's, as users read them.

        Those are the KPIs over the window; the shrunk value keeps the pull of the test, as a
        ratio where the test was on logs (a median 10% above the test's value stays 10% above).
        """
        rep = self.rep_value if self.kpi_rep is None else self.kpi_rep
        team = self.team if self.kpi_team is None else self.kpi_team
        shrunk = self.shrunk
        if self.kpi_rep is not None and self.rep_value:
            shrunk = self.kpi_rep * self.shrunk / self.rep_value
        return rep, shrunk, team


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
    medians: tuple[np.ndarray, float] | None = None,
) -> list[Gap]:
    """Return gaps of a KPI compared as a mean (of logs when `log`), shown in its own values.

    `medians` are each row's KPI over the window and the team's, where they are not the
    tested values (the pooled medians of cycle days and response hours).
    """
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
    kpi_rep = medians[0] if medians is not None else np.full(len(names), np.nan)
    kpi_team = medians[1] if medians is not None else None
    out = []
    for i, v, sh, c, k in zip(keep, raw, show_shrunk, worse, n, strict=True):
        if np.isfinite(v):
            median = float(kpi_rep[i]) if np.isfinite(kpi_rep[i]) else None
            out.append(Gap(kpi, names[i], float(v), float(sh), float(team_value), float(c),
                           int(k), median, kpi_team))  # fmt: skip
    return out


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
    out += _win_rate_gaps(names, won, closed)
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
    for kpi, logs, sample in (
        ("cycle_days", stats.log_cycle, stats.cycle_sample),
        ("lead_response_hours", stats.log_response, stats.response_sample),
    ):
        if logs is not None:
            medians = _medians(stats, sample, rows, cols)
            out += _normal_gaps(kpi, names, _pool(logs, rows, cols), True, medians=medians)
    if stats.satisfaction is not None and stats.satisfaction_kind is not None:
        scores = _pool(stats.satisfaction, rows, cols)
        found = _normal_gaps(stats.satisfaction_kind, names, scores, False)
        total = float(scores.n.sum())  # the team's score: every answer to a rep compared
        everyone = float(np.nansum(scores.n * scores.mean) / total) if total else None
        out += [replace(g, kpi_team=everyone) for g in found]
    return out


def _win_rate_gaps(names: list[str], won: np.ndarray, closed: np.ndarray) -> list[Gap]:
    """Return the win-rate gaps of the reps with enough closed deals, shrunk like rates.

    The test is against the reps with enough deals; the team's win rate shown is every rep's.
    """
    keep = closed >= MIN_SAMPLE["win_rate"]
    if keep.sum() < 2:
        return []
    shrunk, below = shrink_rates(won[keep], closed[keep])
    team = float(won[keep].sum() / closed[keep].sum())
    everyone = float(won.sum() / closed.sum())  # the team's win rate: every rep compared
    return [
        Gap(
            "win_rate",
            names[i],
            float(won[i] / closed[i]),
            float(s),
            team,
            float(b),
            int(closed[i]),
            kpi_team=everyone,
        )
        for i, s, b in zip(np.flatnonzero(keep), shrunk, below, strict=True)
    ]


def _medians(
    stats: PeriodStats, sample: Sample | None, rows: np.ndarray, cols: np.ndarray
) -> tuple[np.ndarray, float] | None:
    """Return each row's median over the window (pooled) and the team's, the compared reps'."""
    if sample is None:
        return None
    return window_medians(stats.idx, sample, cols)[rows], pooled_median(sample, rows, cols)
