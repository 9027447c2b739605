"""What to do about it: concrete coaching actions for a rep's causes and weak spots, and a team's.

The catalogue is data (`analysis.coaching.playbook`): each root cause and each weak-spot KPI maps to a
few plays, each drawing on one playbook. A play may have a second wording that names a
colleague to learn from (the team's best on the same KPI, `analysis.diagnosis.weak_spots.Peer`), used
only when that colleague is someone else than the rep coached.

A rep's plan takes the causes first, in the order of the share of the revenue change they
explain (as the diagnosis orders them), then the weak spots on a KPI no cause already covers.
A cause counted under another one (fewer new deals when less activity explains them) is what
that cause led to: its plays come after those of the causes that explain a part. Within each
group the plays are taken in turns: the first play of every cause, then the second of every
cause, and so on, so that a short plan still answers every cause. Team suggestions come from a cause shared by several reps
of a team and from a low or falling eNPS.

Every text is a `Say` (the words are in `analysis/words/sentences/coaching.toml`), written in a
language only where it is shown; a suggestion's source is a code.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from analysis.coaching.playbook import BASICS, ENPS_PLAYS, PLAYS, PUSHING, TEAM_PLAYS, Play
from analysis.diagnosis.causes import CAUSE_BY_CODE, CAUSES, Cause, cause_label
from analysis.diagnosis.diagnose import Diagnosis
from analysis.diagnosis.weak_spots import Peer, WeakSpot
from analysis.kpis.registry import KPIS
from analysis.kpis.shown import shown
from analysis.words.message import Say, fmt, joined

MIN_ENPS_ANSWERS = 3  # fewer answers are too few to judge a team's mood (teams are small)
ENPS_DROP = 20.0  # a fall of this many eNPS points or more counts as falling
JUDGED = ("flagged", "ok")  # the statuses whose reps count when a cause is shared


@dataclass(frozen=True)
class Suggestion:
    """One coaching action, why it is suggested (quoting the numbers), and who to learn from."""

    action: Say  # what to do, one or two sentences, plain words
    because: Say  # the numbers that triggered it: the cause's evidence / weak spot's evidence
    source: str  # the cause code or weak-spot kpi it answers ("falling_close_rate", "win_rate", …)
    lever: Say  # the playbook it draws on, in plain words ("One-to-ones", "Training", …)
    peer: str | None = None  # the rep to learn from, when one is named


def _peer_for(kpi: str, peers: Mapping[str, Peer], rep: str | None) -> Peer | None:
    """Return the colleague to learn from on a KPI, or None when there is none or it is the rep."""
    peer = peers.get(kpi)
    if peer is None or peer.rep == rep or kpi not in KPIS:
        return None
    return peer


def stage_words(stage: str | None) -> Say:
    """Return a stage as a play names it: 'the Proposal stage', or 'the weakest stage'."""
    if stage is None:
        return Say("coaching.stage.weakest")
    return Say("coaching.stage.named", stage=stage)


def _suggest(
    play: Play,
    source: str,
    because: Say,
    peer: Peer | None,
    currency: str | None,
    stage: str | None = None,
) -> Suggestion:
    """Return one play filled in: with the peer's name and value when both are there."""
    where = stage_words(stage)
    if peer is not None and play.named:
        value = shown(peer.kpi, peer.value, currency)
        action = play.peer_says(peer=peer.rep, value=value, stage=where)
        assert action is not None
        return Suggestion(action, because, source, play.lever_label, peer.rep)
    return Suggestion(play.says(stage=where), because, source, play.lever_label)


def _for_cause(
    cause: Cause, peers: Mapping[str, Peer], rep: str | None, currency: str | None
) -> list[Suggestion]:
    """Return the suggestions answering one cause, its evidence as the reason."""
    peer = _peer_for(cause.kpi, peers, rep)
    because = Say("coaching.because.cause", label=cause.label, evidence=cause.evidence)
    plays = PLAYS.get(cause.code, ())
    return [_suggest(p, cause.code, because, peer, currency) for p in plays]


def _for_weak_spot(
    spot: WeakSpot, peers: Mapping[str, Peer], rep: str | None, currency: str | None
) -> list[Suggestion]:
    """Return the suggestions answering one weak spot, its evidence as the reason."""
    peer = _peer_for(spot.kpi, peers, rep)
    because = Say("coaching.because.spot", evidence=spot.evidence)
    plays = PLAYS.get(spot.kpi, ())
    return [_suggest(p, spot.kpi, because, peer, currency, spot.stage) for p in plays]


def _covered(causes: Iterable[Cause]) -> set[str]:
    """Return the KPIs the causes already speak to (the cause's own and its catalogue KPI)."""
    kpis = set()
    for cause in causes:
        kpis.add(cause.kpi)
        spec = CAUSE_BY_CODE.get(cause.code)
        if spec is not None:
            kpis.add(spec.kpi)
    return kpis


def _in_turns(groups: Sequence[Sequence[Suggestion]]) -> list[Suggestion]:
    """Return the first suggestion of every group, then the second of every group, and so on."""
    longest = max((len(g) for g in groups), default=0)
    return [g[i] for i in range(longest) for g in groups if i < len(g)]


def _unique(suggestions: Iterable[Suggestion], limit: int | None = None) -> list[Suggestion]:
    """Return the suggestions without repeated actions, at most `limit` of them."""
    seen: set[Say] = set()
    out = []
    for suggestion in suggestions:
        if limit is not None and len(out) >= limit:
            break
        if suggestion.action not in seen:
            seen.add(suggestion.action)
            out.append(suggestion)
    return out


def rep_plan(
    diagnosis: Diagnosis,
    weak_spots: Sequence[WeakSpot],
    peers: Mapping[str, Peer],
    limit: int = 5,
    currency: str | None = None,
) -> list[Suggestion]:
    """Return one rep's coaching plan: causes first, then uncovered weak spots; at most `limit`.

    Actions for the rep's causes come first (by the share of the change they explain, as
    ordered in diagnosis.causes; those counted under another cause after), then for weak spots
    not already covered by a cause on the same KPI. A rep whose data is too
    thin to judge gets one suggestion on the basics, with the diagnosis note as the reason.
    The reasons quote the diagnosis and weak spots.
    """
    if limit <= 0:
        return []
    if diagnosis.status == "insufficient_data":
        because = diagnosis.note or Say("coaching.no_note")
        return [Suggestion(BASICS.says(), because, "insufficient_data", BASICS.lever_label)]
    rep = diagnosis.name
    covered = _covered(diagnosis.causes)
    leading = [_for_cause(c, peers, rep, currency) for c in diagnosis.causes if not c.shared_with]
    led = [_for_cause(c, peers, rep, currency) for c in diagnosis.causes if c.shared_with]
    spots = [s for s in weak_spots if s.kpi not in covered]
    from_spots = [_for_weak_spot(s, peers, rep, currency) for s in spots]
    return _unique(_in_turns(leading) + _in_turns(led) + _in_turns(from_spots), limit)


def pushing_plan(because: Say) -> list[Suggestion]:
    """Return the plays for a rep who keeps pushing deals out of the period, `because` the why."""
    return [Suggestion(p.says(), because, PUSHING, p.lever_label) for p in PLAYS[PUSHING]]


def _by_team(diagnoses: Iterable[Diagnosis]) -> dict[str | None, list[Diagnosis]]:
    """Return the rep diagnoses that count (flagged or ok) grouped by team, in order of showing."""
    teams: dict[str | None, list[Diagnosis]] = {}
    for d in diagnoses:
        if d.scope == "rep" and d.status in JUDGED:
            teams.setdefault(d.team, []).append(d)
    return teams


def _shared(
    team: str | None,
    reps: Sequence[Diagnosis],
    min_share: float,
    teams_known: bool = False,
) -> list[Suggestion]:
    """Return a team action for every cause at least 2 reps and `min_share` of the team share.

    Reps without a team are "the whole team" when nobody has one, else "reps without a team".
    """
    apart = team is None and teams_known
    where = team or Say("coaching.where.no_team" if apart else "coaching.where.whole_team")
    unnamed = Say("coaching.unnamed")
    out = []
    for spec in CAUSES:
        names = [d.name or unnamed for d in reps if any(c.code == spec.code for c in d.causes)]
        play = TEAM_PLAYS.get(spec.code)
        if play is None or len(names) < 2 or len(names) / len(reps) < min_share:
            continue
        because = Say(
            "coaching.shared.no_team" if apart else "coaching.shared.in_team",
            n=len(names),
            total=len(reps),
            where=where,
            names=joined(names, ", "),
            cause=fmt("lower", cause_label(spec.code)),
        )
        out.append(Suggestion(play.says(team=where), because, spec.code, play.lever_label))
    return out


def _known(value: float | None) -> float | None:
    """Return the value when it is given, None for None or NaN."""
    return None if value is None or math.isnan(value) else value


def _mood_reason(team: str, now: float, before: float | None, answers: int) -> Say:
    """Return the eNPS numbers as users read them: 'South: eNPS −62 (was +14), 13 answers'."""
    was = (
        "" if before is None else Say("coaching.enps.was", score=shown("enps", before, minus=True))
    )
    return Say("coaching.enps.reason", team=team, now=shown("enps", now, minus=True), was=was,
               n=answers)  # fmt: skip


def _people_side(
    team: str, now: float | None, before: float | None, answers: int
) -> list[Suggestion]:
    """Return the people-side suggestions of a team whose eNPS is low or falling, else none."""
    now, before = _known(now), _known(before)
    if now is None or answers < MIN_ENPS_ANSWERS:
        return []
    falling = before is not None and before - now >= ENPS_DROP
    if now >= 0 and not falling:
        return []
    because = _mood_reason(team, now, before, answers)
    return [Suggestion(p.says(team=team), because, "team_enps", p.lever_label) for p in ENPS_PLAYS]


def team_plan(
    diagnoses: Sequence[Diagnosis],
    enps: Mapping[str, tuple[float | None, float | None, int]] | None = None,
    min_share: float = 0.3,
    currency: str | None = None,
) -> list[Suggestion]:
    """Return team-level suggestions: a cause several reps of a team share, a low or falling eNPS.

    `enps` maps a team to (current eNPS, previous eNPS, number of answers). `currency` keeps the
    call alike to rep_plan's; no team text quotes money.
    """
    groups = _by_team(diagnoses)
    known = any(team is not None for team in groups)
    out = [s for team, reps in groups.items() for s in _shared(team, reps, min_share, known)]
    for team, (now, before, answers) in (enps or {}).items():
        out += _people_side(team, now, before, answers)
    return _unique(out)
