"""What a root cause is read from: one KPI of one row over the periods, and how much it swings.

A `Track` is the KPI of one row (a rep, a team or the company) period by period, with the
sample behind each value and how its sampling noise is worked out (binomial for rates,
Poisson for counts, s²/n for means and logs). `track_of` reads it from the period statistics;
`history` picks the row's last active periods before the current one (those of the usual
level, or twice as many for the swing); `row_swings` learns from every row how much each
cause's KPI usually swings, and `others_swing` gives one row the typical swing of the others.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analysis.diagnosis.causes import PACE, CauseSpec
from analysis.diagnosis.period_stats import Moments, PeriodStats
from analysis.diagnosis.shifts import level_variance, typical_swing

USUAL_PERIODS = {"quarter": 6, "month": 12}  # the periods the usual level is the median of


@dataclass(frozen=True)
class Track:
    """One KPI of one row over the periods: value, sample size, sampling variance per unit."""

    value: np.ndarray
    n: np.ndarray
    unit_var: float | None  # s² for means; None: binomial (rates) or Poisson (counts)
    kind: str  # "rate", "count", "mean" or "log"
    what: str = ""  # what a count counts: "new_deals", "new_leads", "closed_deals", "activities"

    @property
    def relative(self) -> bool:
        """Return whether the usual swing scales with the level (rates and counts)."""
        return self.kind in ("rate", "count")

    def sampling(self, level: float, n: np.ndarray | float) -> np.ndarray | float:
        """Return the sampling variance of a value with sample n at this level."""
        unit = {"rate": level * (1 - level), "count": level}.get(self.kind, self.unit_var or 0.0)
        with np.errstate(divide="ignore"):
            return unit / np.maximum(n, 1e-12)


def _pooled_var(m: Moments, row: int, cols: np.ndarray) -> float:
    """Return the within-period variance pooled over the given periods."""
    n, var = m.n[row, cols], m.var[row, cols]
    ok = (n > 1) & np.isfinite(var)
    return float(((n - 1) * var)[ok].sum() / (n - 1)[ok].sum()) if ok.any() else 0.0


def track_of(stats: PeriodStats, code: str, row: int, now: int) -> Track | None:
    """Return the values a cause is read from for one row, or None when the data lacks them.

    The spread of deal amounts, days and scores within a period is pooled over the periods
    before `now` (never from later data).
    """
    every = np.arange(len(stats.idx.periods))
    if code == "falling_inquiries":
        counts = stats.new_deals if stats.new_deals is not None else stats.new_leads
        what = "new_deals" if stats.new_deals is not None else "new_leads"
        if counts is None:
            return None
        return Track(counts[row], np.ones(len(every)), None, "count", what)
    if code == PACE:
        return Track(stats.closed[row], np.ones(len(every)), None, "count", "closed_deals")
    if code == "falling_close_rate":
        with np.errstate(invalid="ignore", divide="ignore"):
            rate = np.where(stats.closed[row] > 0, stats.won[row] / stats.closed[row], np.nan)
        return Track(rate, stats.closed[row], None, "rate")
    if code == "low_activity":
        counts = stats.activities
        if counts is None:
            return None
        return Track(counts[row], np.ones(len(every)), None, "count", "activities")
    moments = {
        "shrinking_deal_size": (stats.log_size, "log"),
        "slowing_cycle": (stats.log_cycle, "log"),
        "slow_lead_response": (stats.log_response, "log"),
        "low_satisfaction": (stats.satisfaction, "mean"),
    }[code]
    m, kind = moments
    if m is None:
        return None
    return Track(m.mean[row], m.n[row], _pooled_var(m, row, every[: max(now, 1)]), kind)


def history(stats: PeriodStats, row: int, current: int, track: Track, times: int) -> np.ndarray:
    """Return the row's last active periods with a sample before `current`: `times` × usual."""
    before = np.arange(current)
    ok = stats.active[row, :current] & np.isfinite(track.value[:current]) & (track.n[:current] > 0)
    return before[ok][-USUAL_PERIODS[stats.idx.spec.grain] * times :]


def row_swings(
    stats: PeriodStats, specs: list[CauseSpec], rows: range, now: int
) -> dict[str, dict[int, float]]:
    """Return per cause each row's squared swing (three periods or more of history).

    Relative to the level for rates and counts (a rep with twice the deals swings twice as
    much), in the measure's own units for logs and scores.
    """
    out: dict[str, dict[int, float]] = {}
    for spec in specs:
        found = {}
        for row in rows:
            track = track_of(stats, spec.code, row, now)
            spread = history(stats, row, now, track, 2) if track is not None else []
            if track is None or len(spread) < 3:
                continue
            level = float(np.median(track.value[spread]))
            noise = track.sampling(level, track.n[spread])
            sampling = np.zeros(len(spread)) if track.relative else np.asarray(noise)
            tau2 = level_variance(track.value[spread], sampling)[0]
            found[row] = typical_swing(
                np.array([level if track.relative else 1.0]), np.array([tau2])
            )
        out[spec.code] = {r: v for r, v in found.items() if v is not None}
    return out


def others_swing(swings: dict[int, float], row: int) -> float | None:
    """Return the typical swing of the rows other than `row` (None with fewer than two)."""
    others = [v for r, v in swings.items() if r != row]
    return float(np.sqrt(np.mean(np.square(others)))) if len(others) >= 2 else None
