"""Where is a rep weak compared with peers: the gaps sure and large enough to talk about.

A rep's gap against the team (`analysis.diagnosis.gaps`: shrunk for small samples by
`analysis.diagnosis.shrinkage`) is a weak spot when the confidence is at least
`MIN_CONFIDENCE` (0.9: weak spots say where to look in a one-to-one, so they are allowed to be
less certain than a root cause) and the shrunk value is at least `MIN_GAP` (10 %) worse than
the team's. The rep's three most important gaps are kept, those with the most revenue at stake
first. `peers` names the team's best on each KPI among reps with enough data (`MIN_PEER`):
someone to learn from. The stage a rep loses deals in is a weak spot of its own
(`analysis.diagnosis.stage_spots`).

Evidence lines are `Say`s (words in `analysis/words/sentences/diagnosis.toml`), written in a
language only where they are shown; KPI keys are codes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analysis.diagnosis.causes import periods_words
from analysis.diagnosis.gaps import Gap, gaps, window
from analysis.diagnosis.period_stats import PeriodStats
from analysis.kpis.registry import KPIS
from analysis.kpis.shown import shown
from analysis.words.message import Say, fmt

MIN_CONFIDENCE = 0.9
MIN_GAP = 0.1
TOP = 3
# the smallest sample a rep needs on a KPI to be named as a peer
MIN_PEER = {
    "win_rate": 15,
    "avg_deal_size": 8,
    "cycle_days": 8,
    "lead_response_hours": 15,
    "nps": 10,
    "csat": 10,
    "new_deals": 0,
    "activities": 0,
}


@dataclass(frozen=True)
class WeakSpot:
    """A KPI on which a rep is behind the team, after shrinkage, and how sure that is."""

    kpi: str  # a registry key ("win_rate", "avg_deal_size", …) or "stage_conversion"
    rep_value: float  # the rep's KPI over the window (the value every page shows)
    shrunk: float  # the rep's value pulled towards the team by the size of their sample
    team: float  # the team's KPI over the window (all reps compared together)
    confidence: float  # probability that the rep is really worse than the team (0-1)
    n: int  # the rep's sample behind rep_value (closed deals, won deals, answers, …)
    at_stake: float | None  # revenue a period the gap costs, where it can be valued
    evidence: Say  # one line, e.g. "win rate 18% vs team 31% (22 closed deals)"
    stage: str | None = None  # for "stage_conversion": the stage whose conversion is low


@dataclass(frozen=True)
class Peer:
    """The team's best on one KPI among reps with enough data: someone to learn from."""

    kpi: str
    rep: str
    value: float  # the KPI over the window, as every page shows it
    n: int


def _relative_shortfall(gap: Gap) -> float:
    """Return how much worse the shrunk value is than the team's, as a share (≤ 0: not worse)."""
    higher = KPIS[gap.kpi].higher_is_better
    if gap.kpi in ("nps",):  # points from -100 to +100: a share of the scale's half
        return (gap.team - gap.shrunk) / 100
    if not gap.team:
        return 0.0
    moved = (gap.team - gap.shrunk) if higher else (gap.shrunk - gap.team)
    return moved / abs(gap.team)


def _at_stake(gap: Gap, stats: PeriodStats, cols: np.ndarray) -> float | None:
    """Return the revenue a period the gap costs (averaged over the window), where it can be valued."""
    row = int(stats.idx.reps.get_loc(gap.rep))
    R, periods = len(stats.idx.reps), max(int(stats.active[row, cols].sum()), 1)
    won, revenue = stats.won[row, cols].sum(), stats.revenue[row, cols].sum()
    team_won, team_revenue = stats.won[:R, cols].sum(), stats.revenue[:R, cols].sum()
    if gap.kpi == "win_rate":
        size = revenue / won if won else team_revenue / max(team_won, 1)
        return gap.n * (gap.team - gap.shrunk) * size / periods
    if gap.kpi == "avg_deal_size":
        return won * (gap.team - gap.shrunk) / periods
    if gap.kpi == "new_deals" and stats.new_deals is not None:
        per_new = team_revenue / max(stats.new_deals[:R, cols].sum(), 1)
        return (gap.team - gap.shrunk) * per_new
    return None


COUNTS = ("new_deals", "activities")  # KPIs compared as counts a period


def _evidence(gap: Gap, span: Say | str, grain: str, currency: str | None) -> Say:
    """Return one line: the rep's value against the team's, with the sample behind it.

    The values are the KPIs over the window (`Gap.shown`), those every page shows.
    """
    rep, shrunk, team = gap.shown
    if gap.kpi in COUNTS:
        return Say(
            f"diagnosis.spot.count.{grain}",
            value=fmt("number", rep),
            what=Say(f"diagnosis.count.{gap.kpi}"),
            team=fmt("number", team),
            span=span,
        )
    return Say(
        "diagnosis.spot.measure",
        what=Say(f"diagnosis.spot_measure.{gap.kpi}"),
        value=shown(gap.kpi, rep, currency),
        team=shown(gap.kpi, team, currency),
        n=fmt("number", gap.n),
        sample=Say(f"diagnosis.sample.{gap.kpi}"),
        span=span,
        shrunk=shown(gap.kpi, shrunk, currency),
    )


def span_words(stats: PeriodStats, period: str) -> Say | str:
    """Return the periods a comparison covers, in words ('2026-Q2 and 2026-Q3'), or one label."""
    return periods_words([stats.idx.periods[c] for c in window(stats, period)])


def importance(spot: WeakSpot) -> tuple[bool, float, float]:
    """Return the sort key of weak spots: the most revenue at stake first, then how sure."""
    return (spot.at_stake is None, -(spot.at_stake or 0.0), -spot.confidence)


def weak_spots(
    stats: PeriodStats,
    period: str,
    currency: str | None = None,
    skip: frozenset[str] = frozenset(),
) -> dict[str, list[WeakSpot]]:
    """Return each active rep's most important weak spots (at most three), worst first.

    Reps in `skip` (those with too little data to judge) get none.
    """
    found = gaps(stats, period)
    if not found:
        return {}
    cols, span = window(stats, period), span_words(stats, period)
    out: dict[str, list[WeakSpot]] = {}
    for gap in found:
        if gap.rep in skip or gap.confidence < MIN_CONFIDENCE or _relative_shortfall(gap) < MIN_GAP:
            continue
        spot = WeakSpot(
            gap.kpi,
            *gap.shown,
            gap.confidence,
            gap.n,
            _at_stake(gap, stats, cols),
            _evidence(gap, span, stats.idx.spec.grain, currency),
        )
        out.setdefault(gap.rep, []).append(spot)
    for rep, spots in out.items():
        out[rep] = sorted(spots, key=importance)[:TOP]
    return out


def peers(stats: PeriodStats, period: str) -> dict[str, Peer]:
    """Return per KPI the team's best rep among those with enough data (by shrunk value)."""
    best: dict[str, Gap] = {}
    for gap in gaps(stats, period):
        if gap.n < MIN_PEER[gap.kpi]:
            continue
        higher = KPIS[gap.kpi].higher_is_better
        current = best.get(gap.kpi)
        if current is None or (
            gap.shrunk > current.shrunk if higher else gap.shrunk < current.shrunk
        ):
            best[gap.kpi] = gap
    return {k: Peer(k, g.rep, g.shown[0], g.n) for k, g in best.items()}
