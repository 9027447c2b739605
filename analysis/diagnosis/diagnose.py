"""Why is a rep (or a team) underperforming: the revenue bridge and the root causes.

What changed is judged against the row's usual level: the median of its last six quarters
(or twelve months) before the current one, so that a change that began a period ago is still
seen, and one good or bad quarter does not set the bar.

1. The revenue bridge (`analysis.diagnosis.bridge`) splits the change from the average period over
   those periods (pooled: its revenue is their average revenue) to the current one exactly into new deals × closing
   pace × win rate × deal size (closed deals × win rate × deal size where created dates are
   not known).
2. Each root cause is one KPI tested with `analysis.diagnosis.shifts`: flagged only when the move is
   material (at least `CauseSpec.min_relative` and `min_absolute`, business thresholds) *and*
   its confidence is at least `CONFIDENCE` (0.98: with seven causes per rep and the
   materiality thresholds, noise alone flags fewer than 5 % of steady reps; `bench/diagnosis.py`
   measures it). Rates and counts are judged against the swing seen in the row's history
   (sampling noise included: CRM counts are rarely exactly Poisson), never less than the
   binomial or Poisson noise of their sample; means (deal size and cycle on their logs, response
   time, scores) against their deal-level sampling noise plus the swing beyond it. A cause
   whose sample is too small (`min_now`, `min_before`) is not tested and says so; a rep with
   fewer than `MIN_HISTORY` periods before the current one, or whose deal causes cannot be
   tested, is "insufficient_data" and never flagged.
3. A cause's contribution is the part of the bridge it works through (fewer new deals → the
   new-deals part, a slower cycle → the closing-pace part, less activity → both, as a leading
   indicator). Slower lead response and lower satisfaction act outside the bridge: no
   contribution.

Evidence, reasons, references and notes are `Say`s, written in a language only where they are
shown; cause codes, statuses and verdicts are codes. One diagnosis serves every language.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from analysis.diagnosis import bridge as B
from analysis.diagnosis.causes import (
    CAUSE_BY_CODE,
    CAUSES,
    DEAL_CAUSES,
    PACE,
    PACE_SPEC,
    Cause,
    CauseSpec,
    Check,
    evidence,
    for_scores,
    split_contributions,
)
from analysis.diagnosis.period_stats import Moments, PeriodStats
from analysis.diagnosis.shifts import (
    MEDIAN_EFFICIENCY,
    Shift,
    judge_shift,
    level_variance,
    moderated,
    typical_swing,
)
from analysis.words.message import Joined, Say, fmt, joined

CONFIDENCE = 0.98
MIN_HISTORY = 2
USUAL_PERIODS = {"quarter": 6, "month": 12}  # the periods the usual level is the median of


@dataclass(frozen=True)
class Diagnosis:
    """One rep's, team's or the company's diagnosis for the current period."""

    scope: str  # "rep", "team" or "all"
    name: str | None  # the rep or team (None: the company)
    team: str | None
    status: str  # "flagged", "ok" or "insufficient_data"
    period: str
    reference: Say | str  # the periods the usual level comes from, in words (or one label)
    bridge: B.Bridge | None
    causes: tuple[Cause, ...]  # flagged, most costly first
    checks: tuple[Check, ...]
    note: Say | None  # why it could not be judged, when it could not


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


def _track(stats: PeriodStats, code: str, row: int, now: int) -> Track | None:
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


def _window(stats: PeriodStats, row: int, current: int, track: Track, times: int) -> np.ndarray:
    """Return the row's last active periods with a sample before `current`: `times` × usual."""
    before = np.arange(current)
    ok = stats.active[row, :current] & np.isfinite(track.value[:current]) & (track.n[:current] > 0)
    return before[ok][-USUAL_PERIODS[stats.idx.spec.grain] * times :]


def _display(
    stats: PeriodStats,
    spec: CauseSpec,
    track: Track,
    row: int,
    usual: np.ndarray,
    current: int,
    shift: Shift,
) -> tuple[float, float]:
    """Return the usual and current values as users read them.

    Deal sizes are tested on their logs but shown as the average won deal (the usual one: the
    median of the periods' averages); log days and hours are shown as typical days and hours.
    """
    if spec.code == "shrinking_deal_size":
        means = stats.size.mean[row]
        return float(np.median(means[usual])), float(means[current])
    if track.kind == "log":
        return math.exp(shift.before), math.exp(shift.after)
    return shift.before, shift.after


def _assess(
    stats: PeriodStats,
    spec: CauseSpec,
    track: Track,
    row: int,
    current: int,
    swing: float | None,
    currency: str | None = None,
) -> tuple[Check, Shift | None]:
    """Return the check of one cause for one row, and its shift when it could be tested.

    `swing` is the typical swing of the other rows (None: no other row to learn it from).
    """
    usual = _window(stats, row, current, track, 1)
    spread = _window(stats, row, current, track, 2)
    n_now = float(track.n[current])
    n_before = float(track.n[usual].sum())
    needs_sample = track.kind != "count"
    if len(usual) < MIN_HISTORY:
        reason = Say("diagnosis.reason.short_history")
        return Check(spec.code, "not tested", reason, None), None
    if not np.isfinite(track.value[current]) or (needs_sample and n_now < spec.min_now):
        shown = fmt("number", n_now, group=False)
        reason = Say("diagnosis.reason.few_now", n=shown, need=spec.min_now)
        return Check(spec.code, "not tested", reason, None), None
    level = float(np.median(track.value[usual]))
    if (needs_sample and n_before < spec.min_before) or (
        not needs_sample and level * len(usual) < spec.min_before
    ):
        seen = n_before if needs_sample else level * len(usual)
        reason = Say("diagnosis.reason.few_before", n=fmt("number", seen, group=False))
        return Check(spec.code, "not tested", reason, None), None
    values = track.value[spread]
    # rates and counts: the swing seen, sampling noise included (CRM counts are rarely exactly
    # Poisson); means: the swing beyond the sampling noise their deal-level spread gives
    empirical = track.relative
    noise = np.zeros(len(values)) if empirical else track.sampling(level, track.n[spread])
    own, own_df = level_variance(values, np.asarray(noise))
    prior = 0.0 if swing is None else (swing * level) ** 2 if track.relative else swing**2
    if empirical:  # a rep's rates and counts cannot be expected to swing less than sampling
        prior = max(prior, float(track.sampling(level, float(np.median(track.n[spread])))))
    tau2, tau_df = moderated(own, own_df, prior) if prior > 0 else (own, own_df)
    if empirical:
        typical_n = float(np.median(track.n[spread]))
        extra = float(track.sampling(level, n_now)) - float(track.sampling(level, typical_n))
        center_var, after_var = 0.0, max(0.0, extra) if needs_sample else 0.0
    else:
        # the median of h periods: about π/2 times the variance of their mean
        center_var = MEDIAN_EFFICIENCY * float(np.mean(track.sampling(level, track.n[usual])))
        center_var /= len(usual)
        after_var = float(track.sampling(level, n_now if needs_sample else 1.0))
    shift = judge_shift(
        level,
        center_var,
        float(track.value[current]),
        after_var,
        len(usual),
        tau2,
        tau_df,
        spec.worse,
        n_before,
        n_now,
    )
    before, after = _display(stats, spec, track, row, usual, current, shift)
    moved = after - before
    bad = moved < 0 if spec.worse == "lower" else moved > 0
    relative = abs(moved) / abs(before) if before else math.inf
    if not (bad and relative >= spec.min_relative and abs(moved) >= spec.min_absolute):
        verdict, reason = "not flagged", Say("diagnosis.reason.too_small")
    elif shift.confidence < CONFIDENCE:
        sure = fmt("percent", shift.confidence)
        verdict, reason = "not flagged", Say("diagnosis.reason.noise", sure=sure)
    else:
        sure = fmt("percent", shift.confidence, digits=1)
        verdict, reason = "flagged", Say("diagnosis.reason.sure", sure=sure)
    check = Check(spec.code, verdict, reason, shift, before, after)
    if verdict == "flagged":
        words = evidence(spec, check, stats.idx.spec.grain, currency, track.what)
        check = Check(spec.code, verdict, reason, shift, before, after, words)
    return check, shift


def _factor_values(
    stats: PeriodStats, row: int, cols: np.ndarray, four: bool
) -> list[float | None]:
    """Return the bridge factors of the average period over `cols` (pooled ratios).

    Their product is exactly the average revenue of those periods: closed deals a period ×
    (won ÷ closed) × (revenue ÷ won), or new deals a period × (closed ÷ new) × ….
    """
    h = max(len(cols), 1)
    closed, won = float(stats.closed[row, cols].sum()), float(stats.won[row, cols].sum())
    win = won / closed if closed else None
    size = float(stats.revenue[row, cols].sum()) / won if won else None
    if four and stats.new_deals is not None:
        new = float(stats.new_deals[row, cols].sum())
        return [new / h, closed / new if new else None, win, size]
    return [closed / h, win, size]


def revenue_bridge(stats: PeriodStats, row: int, current: int, usual: np.ndarray) -> B.Bridge:
    """Return the bridge from the row's average period over `usual` to `current`."""
    four = (
        stats.new_deals is not None
        and stats.new_deals[row, usual].sum() > 0
        and stats.new_deals[row, current] > 0
    )
    names = (
        ("new_deals", "pace", "win_rate", "avg_deal_size")
        if four
        else ("closed_deals", "win_rate", "avg_deal_size")
    )
    now = np.array([current])
    before, after = _factor_values(stats, row, usual, four), _factor_values(stats, row, now, four)
    return B.revenue_bridge(names, before, after)


def _pace_check(
    stats: PeriodStats,
    swings: dict[str, dict[int, float]],
    row: int,
    now: int,
    checks: list[Check],
    currency: str | None,
) -> list[Check]:
    """Return the checks with a slower cycle also flagged when fewer deals close while the
    inflow holds: deals that stall never close, so the cycle of won deals cannot show it."""
    by_code = {c.code: c for c in checks}
    cycle, inflow = by_code.get("slowing_cycle"), by_code.get("falling_inquiries")
    track = _track(stats, PACE, row, now)
    if cycle is None or cycle.verdict == "flagged" or track is None or stats.new_deals is None:
        return checks
    if inflow is None or inflow.before is None or inflow.after is None or inflow.before <= 0:
        return checks
    if inflow.after < inflow.before * (1 - CAUSE_BY_CODE["falling_inquiries"].min_relative):
        return checks  # fewer deals close because fewer came in
    swing = _others(swings[PACE], row)
    pace, _ = _assess(stats, PACE_SPEC, track, row, now, swing, currency)
    if pace.verdict != "flagged":
        return checks
    held = Say("diagnosis.evidence.held", n=fmt("number", inflow.after))
    evidence: Joined = joined([pace.evidence, held], "")
    flagged = Check("slowing_cycle", "flagged", pace.reason, pace.shift, pace.before,
                    pace.after, evidence)  # fmt: skip
    return [flagged if c.code == "slowing_cycle" else c for c in checks]


def _reference_words(stats: PeriodStats, cols: np.ndarray) -> Say | str:
    """Return the periods the usual level comes from, in words (one period: its label)."""
    if not len(cols):
        return Say("diagnosis.reference.none")
    periods = stats.idx.periods
    grain = stats.idx.spec.grain
    if len(cols) == 1:
        return f"{periods[cols[0]]}"
    first, last = periods[cols[0]], periods[cols[-1]]
    return Say(f"diagnosis.reference.average.{grain}", first=first, last=last)


def _swings(
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
            track = _track(stats, spec.code, row, now)
            spread = _window(stats, row, now, track, 2) if track is not None else []
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


def _others(swings: dict[int, float], row: int) -> float | None:
    """Return the typical swing of the rows other than `row` (None with fewer than two)."""
    others = [v for r, v in swings.items() if r != row]
    return float(np.sqrt(np.mean(np.square(others)))) if len(others) >= 2 else None


def diagnose(stats: PeriodStats, current: str, currency: str | None = None) -> list[Diagnosis]:
    """Return the diagnosis of every rep active in `current`, then every team, then the company.

    Evidence, reasons and notes are `Say`s: the same diagnosis is shown in every language.
    """
    periods = stats.idx.periods
    if current not in periods:
        return []
    now = periods.index(current)
    R, T = len(stats.idx.reps), len(stats.idx.teams)
    specs = [for_scores(s, stats.satisfaction_kind) for s in CAUSES]
    tracked = [*specs, CauseSpec(PACE, "closed_deals", "lower", 0, 0, 0, 0, ())]
    rep_swings = _swings(stats, tracked, range(R), now)
    team_swings = _swings(stats, tracked, range(R, R + T), now) if T >= 3 else rep_swings
    out = []
    for row in range(stats.idx.rows):
        if not stats.active[row, now]:
            continue
        scope = "rep" if row < R else "team" if row < R + T else "all"
        if scope == "rep":
            name, team_pos = str(stats.idx.reps[row]), stats.idx.rep_team[row]
            team = str(stats.idx.teams[team_pos]) if team_pos >= 0 else None
        else:
            name = str(stats.idx.teams[row - R]) if scope == "team" else None
            team = name
        swings = rep_swings if scope == "rep" else team_swings
        who = (scope, name, team)
        out.append(_diagnose_row(stats, specs, swings, row, now, who, currency))
    return out


def _diagnose_row(
    stats: PeriodStats,
    specs: list[CauseSpec],
    swings: dict[str, dict[int, float]],
    row: int,
    now: int,
    who: tuple[str, str | None, str | None],
    currency: str | None,
) -> Diagnosis:
    """Return one row's diagnosis; `who` is (scope, name, team)."""
    usual = np.arange(now)[stats.active[row, :now]][-USUAL_PERIODS[stats.idx.spec.grain] :]
    bridge = revenue_bridge(stats, row, now, usual) if len(usual) else None
    checks: list[Check] = []
    for spec in specs:
        track = _track(stats, spec.code, row, now)
        if track is None:
            reason = Say("diagnosis.reason.no_column")
            checks.append(Check(spec.code, "not tested", reason, None))
            continue
        swing = _others(swings[spec.code], row)
        checks.append(_assess(stats, spec, track, row, now, swing, currency)[0])
    checks = _pace_check(stats, swings, row, now, checks, currency)
    flagged = [c for c in checks if c.verdict == "flagged" and c.shift is not None]
    specs_of = [CAUSE_BY_CODE[c.code] for c in flagged]
    causes = [
        Cause(
            spec.code,
            spec.kpi,
            check.shift,
            float(check.before or 0),
            float(check.after or 0),
            part,
            check.evidence,
            shared,
        )
        for spec, check, (part, shared) in zip(
            specs_of, flagged, split_contributions(specs_of, bridge), strict=True
        )
        if check.shift is not None and check.evidence is not None
    ]
    causes.sort(key=lambda c: (c.contribution is None, c.contribution or 0.0, -c.confidence))
    deal_tested = any(c.code in DEAL_CAUSES and c.verdict != "not tested" for c in checks)
    note: Say | None = None
    status = "flagged" if causes else "ok"
    if len(usual) < MIN_HISTORY:
        status, causes = "insufficient_data", []
        amount = "one" if len(usual) == 1 else "none"
        key = f"diagnosis.note.{amount}.{stats.idx.spec.grain}"
        note = Say(key, period=stats.idx.periods[now])
    elif not deal_tested:
        status, causes = "insufficient_data", []
        note = Say("diagnosis.note.few_deals")
    scope, name, team = who
    return Diagnosis(
        scope,
        name,
        team,
        status,
        stats.idx.periods[now],
        _reference_words(stats, usual),
        bridge,
        tuple(causes),
        tuple(checks),
        note,
    )
