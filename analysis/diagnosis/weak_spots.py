"""Where is a rep weak compared with peers: KPI gaps with small-sample honesty.

A rep's KPI in the period is compared with the team (all reps active in the period together),
after pulling the rep's value towards the team by as much as their small sample warrants
(empirical Bayes): a rep with 3 closed deals and 0 wins is never "the worst closer".

- Rates (win rate): a beta-binomial model. The spread of the reps' true win rates is estimated
  from the spread of their observed rates minus what sampling alone explains; the rep's
  shrunk rate is (won + α) ÷ (closed + α + β) and the confidence is the posterior probability
  that their true rate is below the team's.
- Counts per period (new deals, activities): a gamma-Poisson model, the same way.
- Deal size, sales cycle and lead response time are compared on their logs (they are skewed),
  customer scores as they are: a normal model with the rep's standard error, shrunk by
  τ² ÷ (τ² + se²).

A gap is a weak spot when the confidence is at least `MIN_CONFIDENCE` (0.9: weak spots say
where to look in a one-to-one, so they are allowed to be less certain than a root cause) and
the shrunk value is at least `MIN_GAP` (10 %) worse than the team's. The rep's three most
important gaps are kept, those with the most revenue at stake first.

With stage data that keeps the stage a lost deal was lost in (as Pipedrive's exports do), the
stage whose conversion is furthest below the team's is a weak spot too; a "Closed Lost" stage
hides where deals were lost, so then no stage is blamed.

Evidence lines are `Say`s (words in `analysis/words/sentences/diagnosis.toml`), written in a
language only where they are shown; KPI keys are codes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import beta as beta_dist
from scipy.stats import gamma as gamma_dist

from analysis.diagnosis.period_stats import Moments, PeriodStats
from analysis.diagnosis.shifts import normal_cdf
from analysis.kpis.registry import KPIS
from analysis.kpis.shown import shown
from analysis.model import schema as S
from analysis.words.message import Say, fmt

MIN_CONFIDENCE = 0.9
MIN_GAP = 0.1
TOP = 3
# the smallest sample a rep needs on a KPI to be compared at all, and to be named as a peer
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
    rep_value: float  # the rep's own value in the period
    shrunk: float  # the rep's value pulled towards the team by the size of their sample
    team: float  # the team's value (all reps together)
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
    value: float
    n: int


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


def shrink_rates(success: np.ndarray, trials: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return each row's shrunk rate and the probability its true rate is below the pooled one.

    The spread of the true rates is the method-of-moments estimate
    τ² = (Σ nᵢ (pᵢ − p̄)² − (k − 1) p̄ (1 − p̄)) ÷ (N − Σ nᵢ² ÷ N), and the prior is a beta with
    mean p̄ worth p̄ (1 − p̄) ÷ τ² − 1 deals.
    """
    total = trials.sum()
    pooled = success.sum() / total
    rates = success / trials
    spread = float((trials * (rates - pooled) ** 2).sum())
    noise = (len(trials) - 1) * pooled * (1 - pooled)
    between = max((spread - noise) / (total - (trials**2).sum() / total), 1e-4)
    strength = float(np.clip(pooled * (1 - pooled) / between - 1, 2.0, 2000.0))
    a, b = success + pooled * strength, trials - success + (1 - pooled) * strength
    return a / (a + b), beta_dist.cdf(pooled, a, b)


def shrink_counts(counts: np.ndarray, exposure: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """Return each row's shrunk count per period, P(below the team's), and the team's rate."""
    exposure = np.maximum(exposure, 1)
    rates = counts / exposure
    mean = float(counts.sum() / exposure.sum())
    spread = float(np.var(rates, ddof=1)) if len(rates) > 1 else 0.0
    between = max(spread - mean * float(np.mean(1 / exposure)), 1e-6 * max(mean, 1.0) ** 2)
    shape, rate = mean**2 / between, mean / between
    a, scale = counts + shape, 1 / (exposure + rate)
    return a * scale, gamma_dist.cdf(mean, a, scale=scale), mean


def _normal(
    means: np.ndarray, se2: np.ndarray, weights: np.ndarray
) -> tuple[np.ndarray, np.ndarray, float]:
    """Return shrunk means, their posterior sd, and the team mean (weighted by sample)."""
    team = float(np.average(means, weights=weights))
    between = (
        max(float(np.var(means, ddof=1)) - float(np.mean(se2)), 1e-9) if len(means) > 1 else 1e-9
    )
    pull = between / (between + se2)
    return team + pull * (means - team), np.sqrt(pull * se2), team


WINDOW = {"quarter": 2, "month": 6}  # the periods a comparison covers, ending with the current


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
    shrunk, sd, team = _normal(means, s2 / n, n)
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
    """Return one line: the rep's value against the team's, with the sample behind it."""
    if gap.kpi in COUNTS:
        return Say(
            f"diagnosis.spot.count.{grain}",
            value=fmt("number", gap.rep_value),
            what=Say(f"diagnosis.count.{gap.kpi}"),
            team=fmt("number", gap.team),
            span=span,
        )
    return Say(
        "diagnosis.spot.measure",
        what=Say(f"diagnosis.spot_measure.{gap.kpi}"),
        value=shown(gap.kpi, gap.rep_value, currency),
        team=shown(gap.kpi, gap.team, currency),
        n=fmt("number", gap.n),
        sample=Say(f"diagnosis.sample.{gap.kpi}"),
        span=span,
        shrunk=shown(gap.kpi, gap.shrunk, currency),
    )


def span_words(stats: PeriodStats, period: str) -> Say | str:
    """Return the periods a comparison covers, in words ('2026-Q2 and 2026-Q3'), or one label."""
    cols = window(stats, period)
    first, last = stats.idx.periods[cols[0]], stats.idx.periods[cols[-1]]
    if len(cols) == 1:
        return first
    key = "diagnosis.span.two" if len(cols) == 2 else "diagnosis.span.more"
    return Say(key, first=first, last=last)


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
            gap.rep_value,
            gap.shrunk,
            gap.team,
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
    return {k: Peer(k, g.rep, g.rep_value, g.n) for k, g in best.items()}


def stage_data_is_real(deals: pd.DataFrame, stages: tuple[str, ...]) -> bool:
    """Return whether lost deals keep the stage they were lost in (most of them, at least)."""
    if S.STAGE not in deals or S.STATUS not in deals or not stages:
        return False
    lost = deals.loc[(deals[S.STATUS] == "lost").to_numpy(bool), S.STAGE].astype("string")
    return len(lost) > 0 and bool(lost.str.strip().isin(stages).mean() >= 0.5)


def stage_spots(
    funnel: pd.DataFrame,
    periods: list[str],
    skip: frozenset[str] = frozenset(),
) -> dict[str, WeakSpot]:
    """Return per rep the stage whose conversion to the next is furthest below the team's.

    `funnel` is `funnel.funnel_table` (deals created in the periods, by the furthest stage
    reached); each stage's conversion is shrunk across reps like a win rate. Only for exports
    whose lost deals keep their stage (`stage_data_is_real`).
    """
    rows = funnel[(funnel["scope"] == "rep") & funnel["period"].isin(periods)]
    if rows.empty:
        return {}
    reached = rows.pivot_table(
        index="rep", columns="step", values="reached", aggfunc="sum", observed=True
    ).fillna(0)
    names = dict(zip(rows["step"], rows["stage"].astype(str), strict=False))
    best: dict[str, WeakSpot] = {}
    for step in reached.columns[:-1]:
        trials, success = reached[step].to_numpy(float), reached[step + 1].to_numpy(float)
        keep = trials >= MIN_SAMPLE["win_rate"]
        if keep.sum() < 2:
            continue
        shrunk, below = shrink_rates(success[keep], trials[keep])
        team = float(success[keep].sum() / trials[keep].sum())
        for rep, s, b, n, k in zip(
            reached.index[keep], shrunk, below, trials[keep], success[keep], strict=True
        ):
            rep = str(rep)
            if rep in skip or b < MIN_CONFIDENCE or team <= 0 or (team - s) / team < MIN_GAP:
                continue
            stage = names[step]
            evidence = Say(
                "diagnosis.spot.stage",
                share=fmt("percent", k / n),
                stage=stage,
                team=fmt("percent", team),
                n=fmt("number", n),
            )
            spot = WeakSpot("stage_conversion", k / n, float(s), team, float(b), int(n), None,
                            evidence, stage)  # fmt: skip
            if rep not in best or (team - s) > (best[rep].team - best[rep].shrunk):
                best[rep] = spot
    return best
