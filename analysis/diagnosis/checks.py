"""The change checks: did one cause move for one row, materially and surely not by noise.

`assess` tests one cause of one row against the row's usual level (`analysis.diagnosis.tracks`
gives the values and the periods): a cause whose sample is too small (`min_now`,
`min_before`) or whose history is shorter than `MIN_HISTORY` periods is "not tested" and says
why; otherwise the move is tested with `analysis.diagnosis.shifts` and flagged only when it is
material (the business thresholds of `CauseSpec`) *and* at least `CONFIDENCE` sure. Rates and
counts are judged against the swing seen in the row's history (sampling noise included),
never less than the binomial or Poisson noise of their sample; means against their
deal-level sampling noise plus the swing beyond it. `pace_check` flags a slower cycle too when
fewer deals close while the inflow holds.
"""

from __future__ import annotations

import math

import numpy as np

from analysis.diagnosis.causes import CAUSE_BY_CODE, PACE, PACE_SPEC, CauseSpec, Check, evidence
from analysis.diagnosis.period_stats import PeriodStats
from analysis.diagnosis.shifts import (
    MEDIAN_EFFICIENCY,
    Shift,
    judge_shift,
    level_variance,
    moderated,
)
from analysis.diagnosis.tracks import Track, history, others_swing, track_of
from analysis.words.message import Joined, Say, fmt, joined

CONFIDENCE = 0.98
MIN_HISTORY = 2


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
    median of the periods' averages); cycle days and response hours as the KPI table's
    medians (the usual one: the median of the periods' medians), the values every other page
    shows for them; other log measures as typical days and hours.
    """
    shown = {
        "shrinking_deal_size": stats.size.mean,
        "slowing_cycle": stats.cycle_median,
        "slow_lead_response": stats.response_median,
    }.get(spec.code)
    if shown is not None and track.kind != "count":  # a slower pace is shown as its count
        values = shown[row]
        ok = usual[np.isfinite(values[usual])]
        if len(ok) and np.isfinite(values[current]):
            return float(np.median(values[ok])), float(values[current])
    if track.kind == "log":
        return math.exp(shift.before), math.exp(shift.after)
    return shift.before, shift.after


def _untestable(spec: CauseSpec, track: Track, usual: np.ndarray, current: int) -> Say | None:
    """Return why the cause cannot be tested on this row (too little history or sample), or None."""
    n_now = float(track.n[current])
    n_before = float(track.n[usual].sum())
    needs_sample = track.kind != "count"
    if len(usual) < MIN_HISTORY:
        return Say("diagnosis.reason.short_history")
    if not np.isfinite(track.value[current]) or (needs_sample and n_now < spec.min_now):
        shown = fmt("number", n_now, group=False)
        return Say("diagnosis.reason.few_now", n=shown, need=spec.min_now)
    level = float(np.median(track.value[usual]))
    if (needs_sample and n_before < spec.min_before) or (
        not needs_sample and level * len(usual) < spec.min_before
    ):
        seen = n_before if needs_sample else level * len(usual)
        return Say("diagnosis.reason.few_before", n=fmt("number", seen, group=False))
    return None


def _shift(
    track: Track,
    usual: np.ndarray,
    spread: np.ndarray,
    current: int,
    swing: float | None,
    worse: str,
) -> Shift:
    """Return the test of the current value against the usual level over `usual`.

    The row's own swing over `spread` is moderated by `swing`, the other rows' typical one.
    """
    n_now = float(track.n[current])
    n_before = float(track.n[usual].sum())
    needs_sample = track.kind != "count"
    level = float(np.median(track.value[usual]))
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
    return judge_shift(
        level,
        center_var,
        float(track.value[current]),
        after_var,
        len(usual),
        tau2,
        tau_df,
        worse,
        n_before,
        n_now,
    )


def _verdict(spec: CauseSpec, shift: Shift, before: float, after: float) -> tuple[str, Say]:
    """Return the verdict on a tested move and why: flagged only when material and sure."""
    moved = after - before
    bad = moved < 0 if spec.worse == "lower" else moved > 0
    relative = abs(moved) / abs(before) if before else math.inf
    if not (bad and relative >= spec.min_relative and abs(moved) >= spec.min_absolute):
        return "not flagged", Say("diagnosis.reason.too_small")
    if shift.confidence < CONFIDENCE:
        sure = fmt("percent", shift.confidence)
        return "not flagged", Say("diagnosis.reason.noise", sure=sure)
    sure = fmt("percent", shift.confidence, digits=1)
    return "flagged", Say("diagnosis.reason.sure", sure=sure)


def assess(
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
    usual = history(stats, row, current, track, 1)
    spread = history(stats, row, current, track, 2)
    reason = _untestable(spec, track, usual, current)
    if reason is not None:
        return Check(spec.code, "not tested", reason, None), None
    shift = _shift(track, usual, spread, current, swing, spec.worse)
    before, after = _display(stats, spec, track, row, usual, current, shift)
    verdict, reason = _verdict(spec, shift, before, after)
    check = Check(spec.code, verdict, reason, shift, before, after)
    if verdict == "flagged":
        labels = [stats.idx.periods[c] for c in usual]
        when = (stats.idx.periods[current], labels)
        words = evidence(spec, check, stats.idx.spec.grain, currency, track.what, when)
        check = Check(spec.code, verdict, reason, shift, before, after, words)
    return check, shift


def pace_check(
    stats: PeriodStats,
    swings: dict[str, dict[int, float]],
    row: int,
    now: int,
    checks: list[Check],
    currency: str | None,
) -> list[Check]:
    """Return the checks with a slower cycle also flagged when fewer deals close, inflow holding.

    Deals that stall never close, so the cycle of won deals cannot show it.
    """
    by_code = {c.code: c for c in checks}
    cycle, inflow = by_code.get("slowing_cycle"), by_code.get("falling_inquiries")
    track = track_of(stats, PACE, row, now)
    if cycle is None or cycle.verdict == "flagged" or track is None or stats.new_deals is None:
        return checks
    if inflow is None or inflow.before is None or inflow.after is None or inflow.before <= 0:
        return checks
    if inflow.after < inflow.before * (1 - CAUSE_BY_CODE["falling_inquiries"].min_relative):
        return checks  # fewer deals close because fewer came in
    swing = others_swing(swings[PACE], row)
    pace, _ = assess(stats, PACE_SPEC, track, row, now, swing, currency)
    if pace.verdict != "flagged":
        return checks
    held = Say("diagnosis.evidence.held", n=fmt("number", inflow.after))
    words: Joined = joined([pace.evidence, held], "")
    flagged = Check("slowing_cycle", "flagged", pace.reason, pace.shift, pace.before,
                    pace.after, words)  # fmt: skip
    return [flagged if c.code == "slowing_cycle" else c for c in checks]
