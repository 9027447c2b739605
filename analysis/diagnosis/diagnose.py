"""Why is a rep (or a team) underperforming: the revenue bridge and the root causes.

What changed is judged against the row's usual level: the median of its last six quarters
(or twelve months) before the current one, so that a change that began a period ago is still
seen, and one good or bad quarter does not set the bar.

1. The revenue bridge (`analysis.diagnosis.bridge`) splits the change from the average period
   over those periods (pooled: its revenue is their average revenue) to the current one
   exactly into new deals × closing pace × win rate × deal size (closed deals × win rate × deal
   size where created dates are not known).
2. Each root cause is one KPI of the row (`analysis.diagnosis.tracks`), checked by
   `analysis.diagnosis.checks` with `analysis.diagnosis.shifts`: flagged only when the move is
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
   indicator). When less activity explains most of the fall in new deals (`causes.
   activity_leads`), it is the cause: the new-deals part is counted under it, and fewer new
   deals under less activity. Slower lead response and lower satisfaction act outside the
   bridge: no contribution. Causes are ordered by the part of the change they explain, and
   carry that part as a share of what pulled revenue down (`Cause.share`: 0.61 explains 61%).

Evidence, reasons, references and notes are `Say`s, written in a language only where they are
shown; cause codes, statuses and verdicts are codes. One diagnosis serves every language.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analysis.diagnosis import bridge as B
from analysis.diagnosis.causes import (
    CAUSE_BY_CODE,
    CAUSES,
    DEAL_CAUSES,
    PACE,
    Cause,
    CauseSpec,
    Check,
    activity_leads,
    for_scores,
    share_of_change,
    split_contributions,
)
from analysis.diagnosis.checks import MIN_HISTORY, assess, pace_check
from analysis.diagnosis.period_stats import PeriodStats
from analysis.diagnosis.tracks import USUAL_PERIODS, others_swing, row_swings, track_of
from analysis.words.message import Say


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
    rep_swings = row_swings(stats, tracked, range(R), now)
    team_swings = row_swings(stats, tracked, range(R, R + T), now) if T >= 3 else rep_swings
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


def _checks(
    stats: PeriodStats,
    specs: list[CauseSpec],
    swings: dict[str, dict[int, float]],
    row: int,
    now: int,
    currency: str | None,
) -> list[Check]:
    """Return the check of every cause for one row, the closing pace taken into account."""
    checks: list[Check] = []
    for spec in specs:
        track = track_of(stats, spec.code, row, now)
        if track is None:
            reason = Say("diagnosis.reason.no_column")
            checks.append(Check(spec.code, "not tested", reason, None))
            continue
        swing = others_swing(swings[spec.code], row)
        checks.append(assess(stats, spec, track, row, now, swing, currency)[0])
    return pace_check(stats, swings, row, now, checks, currency)


def _causes(checks: list[Check], bridge: B.Bridge | None) -> list[Cause]:
    """Return the flagged causes with their part of the bridge, the most costly first.

    That is the order of the share of the revenue change each explains; a cause counted under
    another one, or acting outside the bridge, comes after those that explain a part.
    """
    flagged = [c for c in checks if c.verdict == "flagged" and c.shift is not None]
    specs_of = [CAUSE_BY_CODE[c.code] for c in flagged]
    split = split_contributions(specs_of, bridge, activity_leads(flagged))
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
            share_of_change(part, bridge),
        )
        for spec, check, (part, shared) in zip(specs_of, flagged, split, strict=True)
        if check.shift is not None and check.evidence is not None
    ]
    causes.sort(key=lambda c: (c.contribution is None, c.contribution or 0.0, -c.confidence))
    return causes


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
    checks = _checks(stats, specs, swings, row, now, currency)
    causes = _causes(checks, bridge)
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
