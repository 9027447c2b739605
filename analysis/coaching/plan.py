"""What to do about it: concrete coaching actions for a rep's causes and weak spots, and a team's.

The catalogue is data (`analysis.coaching.playbook`): each root cause and each weak-spot KPI maps to a
few plays, each drawing on one playbook. A play may have a second wording that names a
colleague to learn from (the team's best on the same KPI, `analysis.diagnosis.weak_spots.Peer`), used
only when that colleague is someone else than the rep coached.

A rep's plan takes the causes first (most costly first, as the diagnosis orders them), then the
weak spots on a KPI no cause already covers. Within each of the two groups the plays are taken
in turns: the first play of every cause, then the second of every cause, and so on, so that a
short plan still answers every cause. Team suggestions come from a cause shared by several reps
of a team and from a low or falling eNPS.

Every text is written in one language (`lang`, 'en' or 'nl'; the words are in
`analysis/words/sentences/coaching.toml`); a suggestion's source stays a code in both.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from analysis.coaching.playbook import BASICS, ENPS_PLAYS, PLAYS, TEAM_PLAYS, Play
from analysis.diagnosis.causes import cause_label
from analysis.diagnosis.diagnose import CAUSE_BY_CODE, CAUSES, Cause, Diagnosis
from analysis.diagnosis.weak_spots import Peer, WeakSpot
from analysis.kpis.registry import KPIS, MINUS, format_value
from analysis.words.catalogue import t

MIN_ENPS_ANSWERS = 3  # fewer answers are too few to judge a team's mood (teams are small)
ENPS_DROP = 20.0  # a fall of this many eNPS points or more counts as falling
JUDGED = ("flagged", "ok")  # the statuses whose reps count when a cause is shared


@dataclass(frozen=True)
class Suggestion:
    """One coaching action, why it is suggested (quoting the numbers), and who to learn from."""

    action: str  # what to do, one or two sentences, plain words
    because: str  # the numbers that triggered it: the cause's evidence / weak spot's evidence
    source: str  # the cause code or weak-spot kpi it answers ("falling_close_rate", "win_rate", …)
    lever: str  # the playbook it draws on, in plain words ("One-to-ones", "Training", …)
    peer: str | None = None  # the rep to learn from, when one is named


def _peer_for(kpi: str, peers: Mapping[str, Peer], rep: str | None) -> Peer | None:
    """Return the colleague to learn from on a KPI, or None when there is none or it is the rep."""
    peer = peers.get(kpi)
    if peer is None or peer.rep == rep or kpi not in KPIS:
        return None
    return peer


def stage_words(stage: str | None, lang: str = "en") -> str:
    """Return a stage as a play names it: 'the Proposal stage', or 'the weakest stage'."""
    if stage is None:
        return t("coaching.stage.weakest", lang)
    return t("coaching.stage.named", lang, stage=stage)


def _suggest(
    play: Play,
    source: str,
    because: str,
    peer: Peer | None,
    currency: str | None,
    stage: str | None = None,
    lang: str = "en",
) -> Suggestion:
    """Return one play filled in, in `lang`: with the peer's name and value when both are there."""
    where = stage_words(stage, lang)
    named = play.peer_words(lang)
    if peer is not None and named is not None:
        value = format_value(peer.kpi, peer.value, currency, lang)
        action = named.format(peer=peer.rep, value=value, stage=where)
        return Suggestion(action, because, source, play.lever_in(lang), peer.rep)
    return Suggestion(play.words(lang).format(stage=where), because, source, play.lever_in(lang))


def _for_cause(
    cause: Cause, peers: Mapping[str, Peer], rep: str | None, currency: str | None, lang: str
) -> list[Suggestion]:
    """Return the suggestions answering one cause, its evidence as the reason."""
    peer = _peer_for(cause.kpi, peers, rep)
    because = t("coaching.because.cause", lang, label=cause.label, evidence=cause.evidence)
    plays = PLAYS.get(cause.code, ())
    return [_suggest(p, cause.code, because, peer, currency, lang=lang) for p in plays]


def _for_weak_spot(
    spot: WeakSpot, peers: Mapping[str, Peer], rep: str | None, currency: str | None, lang: str
) -> list[Suggestion]:
    """Return the suggestions answering one weak spot, its evidence as the reason."""
    peer = _peer_for(spot.kpi, peers, rep)
    because = t("coaching.because.spot", lang, evidence=spot.evidence)
    plays = PLAYS.get(spot.kpi, ())
    return [_suggest(p, spot.kpi, because, peer, currency, spot.stage, lang) for p in plays]


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
    seen: set[str] = set()
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
    lang: str = "en",
) -> list[Suggestion]:
    """Return one rep's coaching plan: causes first, then uncovered weak spots; at most `limit`.

    Actions for the rep's causes come first (most costly first, as ordered in diagnosis.causes),
    then for weak spots not already covered by a cause on the same KPI. A rep whose data is too
    thin to judge gets one suggestion on the basics, with the diagnosis note as the reason.
    Actions and levers are written in `lang`; the reasons quote the diagnosis and weak spots.
    """
    if limit <= 0:
        return []
    if diagnosis.status == "insufficient_data":
        because = diagnosis.note or t("coaching.no_note", lang)
        lever = BASICS.lever_in(lang)
        return [Suggestion(BASICS.words(lang), because, "insufficient_data", lever)]
    rep = diagnosis.name
    covered = _covered(diagnosis.causes)
    from_causes = [_for_cause(c, peers, rep, currency, lang) for c in diagnosis.causes]
    spots = [s for s in weak_spots if s.kpi not in covered]
    from_spots = [_for_weak_spot(s, peers, rep, currency, lang) for s in spots]
    return _unique(_in_turns(from_causes) + _in_turns(from_spots), limit)


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
    lang: str = "en",
) -> list[Suggestion]:
    """Return a team action for every cause at least 2 reps and `min_share` of the team share.

    Reps without a team are "the whole team" when nobody has one, else "reps without a team".
    """
    apart = team is None and teams_known
    where = team or t("coaching.where.no_team" if apart else "coaching.where.whole_team", lang)
    unnamed = t("coaching.unnamed", lang)
    out = []
    for spec in CAUSES:
        names = [d.name or unnamed for d in reps if any(c.code == spec.code for c in d.causes)]
        play = TEAM_PLAYS.get(spec.code)
        if play is None or len(names) < 2 or len(names) / len(reps) < min_share:
            continue
        because = t(
            "coaching.shared.no_team" if apart else "coaching.shared.in_team",
            lang,
            n=len(names),
            total=len(reps),
            where=where,
            names=", ".join(names),
            cause=cause_label(spec.code, lang).lower(),
        )
        action = play.words(lang).format(team=where)
        out.append(Suggestion(action, because, spec.code, play.lever_in(lang)))
    return out


def _known(value: float | None) -> float | None:
    """Return the value when it is given, None for None or NaN."""
    return None if value is None or math.isnan(value) else value


def _mood_reason(
    team: str, now: float, before: float | None, answers: int, lang: str = "en"
) -> str:
    """Return the eNPS numbers as users read them: 'South: eNPS −62 (was +14), 13 answers'."""

    def score(value: float) -> str:
        return format_value("enps", value, lang=lang).replace("-", MINUS)

    was = "" if before is None else t("coaching.enps.was", lang, score=score(before))
    return t("coaching.enps.reason", lang, team=team, now=score(now), was=was, n=answers)


def _people_side(
    team: str, now: float | None, before: float | None, answers: int, lang: str = "en"
) -> list[Suggestion]:
    """Return the people-side suggestions of a team whose eNPS is low or falling, else none."""
    now, before = _known(now), _known(before)
    if now is None or answers < MIN_ENPS_ANSWERS:
        return []
    falling = before is not None and before - now >= ENPS_DROP
    if now >= 0 and not falling:
        return []
    because = _mood_reason(team, now, before, answers, lang)
    return [
        Suggestion(p.words(lang).format(team=team), because, "team_enps", p.lever_in(lang))
        for p in ENPS_PLAYS
    ]


def team_plan(
    diagnoses: Sequence[Diagnosis],
    enps: Mapping[str, tuple[float | None, float | None, int]] | None = None,
    min_share: float = 0.3,
    currency: str | None = None,
    lang: str = "en",
) -> list[Suggestion]:
    """Return team-level suggestions: a cause several reps of a team share, a low or falling eNPS.

    `enps` maps a team to (current eNPS, previous eNPS, number of answers). `currency` keeps the
    call alike to rep_plan's; no team text quotes money. Texts are written in `lang`.
    """
    groups = _by_team(diagnoses)
    known = any(team is not None for team in groups)
    out = [s for team, reps in groups.items() for s in _shared(team, reps, min_share, known, lang)]
    for team, (now, before, answers) in (enps or {}).items():
        out += _people_side(team, now, before, answers, lang)
    return _unique(out)
