"""What the whole team works on next period, led by the team's own revenue bridge.

The focus takes, in this order:

1. the bridge's largest drag (the factor that cost most revenue against the usual level, e.g.
   new deals −€181k): the team play of the cause behind that factor that most reps show;
2. causes several reps share across the whole team (not only within one small team);
3. the largest drag of each team whose revenue fell, the biggest fall first;
4. each team's own shared causes (`coaching.team_plan`);
5. a low or falling eNPS, only from `MIN_ENPS_SHOWN` answers: fewer could identify people, so
   the room is told that there were too few answers instead.

So the focus is never empty while revenue fell against the usual level: a fall has a drag.
Every text is a `Say`; nothing here takes a language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.coaching import plan as coaching
from analysis.coaching.playbook import TEAM_PLAYS
from analysis.diagnosis.bridge import Bridge, Part
from analysis.diagnosis.causes import CAUSES, cause_label
from analysis.diagnosis.diagnose import Diagnosis
from analysis.kpis.labels import currency_symbol
from analysis.model.periods import PeriodSpec
from analysis.review import findings as F
from analysis.words.message import Joined, Say, fmt, joined

MIN_ENPS_SHOWN = 5  # fewer answers could identify people: the score is not shown to the room
MIN_SHARED = 2  # reps that must share a cause for it to be a team's
# The causes that work through each factor of the bridge, the first the default play.
FACTOR_CAUSES: Mapping[str, tuple[str, ...]] = {
    "new_deals": ("falling_inquiries", "low_activity"),
    "closed_deals": ("falling_inquiries", "low_activity"),
    "pace": ("slowing_cycle", "low_activity"),
    "win_rate": ("falling_close_rate",),
    "avg_deal_size": ("shrinking_deal_size",),
}
WHOLE_TEAM = Say("coaching.where.whole_team")


@dataclass(frozen=True)
class Focus:
    """The team's actions for next period, and what was left out and why."""

    items: tuple[coaching.Suggestion, ...]
    notes: tuple[Say, ...]  # e.g. an eNPS from too few answers to be shown


def largest_drag(bridge: Bridge | None) -> Part | None:
    """Return the bridge part that cost most revenue, or None when no part cost any."""
    lost = [p for p in bridge.parts if p.contribution < 0] if bridge else []
    return min(lost, key=lambda p: (p.contribution, p.factor)) if lost else None


def shared_causes(reps: Sequence[Diagnosis]) -> dict[str, list[str]]:
    """Return per cause code the judged reps (flagged or ok) that show it, in the causes' order."""
    judged = [d for d in reps if d.scope == "rep" and d.status in coaching.JUDGED]
    out: dict[str, list[str]] = {}
    for spec in CAUSES:
        names = [d.name or "" for d in judged if any(c.code == spec.code for c in d.causes)]
        if names:
            out[spec.code] = names
    return out


def drag_cause(factor: str, shared: Mapping[str, list[str]]) -> str | None:
    """Return the cause behind a bridge factor: the one most reps show, else the usual one."""
    candidates = FACTOR_CAUSES.get(factor, ())
    if not candidates:
        return None
    return max(candidates, key=lambda code: len(shared.get(code, [])))  # ties: the first


def _drag_because(who: Diagnosis, part: Part, symbol: str) -> Say:
    bridge = who.bridge
    assert bridge is not None
    team = {"team": who.name} if who.scope == "team" else {}
    return Say(
        "report.focus.team_drag" if team else "report.focus.drag",
        **team,
        part=fmt("lower", part.label) if team else part.label,
        amount=fmt("short_money", part.contribution, currency=symbol, signed=True),
        usual=Say(f"report.focus.usual.{'quarter' if 'Q' in who.period else 'month'}"),
        change=fmt("short_money", bridge.change, currency=symbol, signed=True),
    )


def _shared_because(code: str, names: list[str], total: int) -> Say:
    return Say(
        "coaching.shared.in_team",
        n=len(names),
        total=total,
        where=WHOLE_TEAM,
        names=joined(names, ", "),
        cause=fmt("lower", cause_label(code)),
    )


def _from_bridge(findings: F.Findings, currency: str | None) -> list[coaching.Suggestion]:
    """Return the drag's play first, then a play per cause shared by several reps."""
    company = findings.company
    reps = findings.reps
    judged = sum(1 for d in reps if d.status in coaching.JUDGED)
    shared = {c: n for c, n in shared_causes(reps).items() if len(n) >= MIN_SHARED}
    part = largest_drag(company.bridge if company else None)
    out = []
    drag = drag_cause(part.factor, shared) if part else None
    if company is not None and part is not None and drag in TEAM_PLAYS:
        play = TEAM_PLAYS[drag]
        because: Say | Joined = _drag_because(company, part, currency_symbol(currency))
        if drag in shared:
            because = joined([because, _shared_because(drag, shared[drag], judged)], " ")
        out.append(coaching.Suggestion(play.says(team=WHOLE_TEAM), because, drag,  # type: ignore[arg-type]
                                       play.lever_label))  # fmt: skip
    for code, names in shared.items():
        if code == drag or code not in TEAM_PLAYS:
            continue
        play = TEAM_PLAYS[code]
        because = _shared_because(code, names, judged)
        out.append(coaching.Suggestion(play.says(team=WHOLE_TEAM), because, code,
                                       play.lever_label))  # fmt: skip
    return out


def _team_drags(findings: F.Findings, currency: str | None) -> list[coaching.Suggestion]:
    """Return per team whose revenue fell its largest drag's play, the biggest fall first."""
    falling = [d for d in findings.teams if d.bridge is not None and d.bridge.change < 0]
    out = []
    for team in sorted(falling, key=lambda d: d.bridge.change if d.bridge else 0.0):
        part = largest_drag(team.bridge)
        reps = [d for d in findings.reps if d.team == team.name]
        code = drag_cause(part.factor, shared_causes(reps)) if part else None
        if part is None or code not in TEAM_PLAYS:
            continue
        play = TEAM_PLAYS[code]  # type: ignore[index]
        because = _drag_because(team, part, currency_symbol(currency))
        out.append(coaching.Suggestion(play.says(team=team.name), because, code,  # type: ignore[arg-type]
                                       play.lever_label))  # fmt: skip
    return out


def _from_enps(
    enps: Mapping[str, tuple[float | None, float | None, int]],
) -> tuple[list[coaching.Suggestion], list[Say]]:
    """Return the eNPS plays of teams with enough answers, and a note per team with too few."""
    items: list[coaching.Suggestion] = []
    few: list[Say] = []
    for team, (now, before, answers) in enps.items():
        if answers >= MIN_ENPS_SHOWN:
            items += coaching.team_plan([], {team: (now, before, answers)})
        elif answers > 0 and now is not None and now == now:
            few.append(Say("report.focus.team_answers", team=team, n=answers))
    if not few:
        return items, []
    teams = joined(few, ", ")
    return items, [Say("report.focus.enps_too_few", teams=teams, least=MIN_ENPS_SHOWN)]


def team_focus(
    findings: F.Findings, table: pd.DataFrame, spec: PeriodSpec, currency: str | None = None
) -> Focus:
    """Return the team's focus: the bridge's largest drag, shared causes, teams', then eNPS."""
    items = _from_bridge(findings, currency) + _team_drags(findings, currency)
    items += [s for s in findings.team_plan if s.source != "team_enps"]
    has_enps = "enps" in set(table["kpi"].astype(str))
    enps = F.team_enps(table, findings.period, spec) if has_enps else {}
    people, notes = _from_enps(enps)
    unique: list[coaching.Suggestion] = []
    for item in [*items, *people]:
        if all(item.action != seen.action for seen in unique):
            unique.append(item)
    return Focus(tuple(unique), tuple(notes))
