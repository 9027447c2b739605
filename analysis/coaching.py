"""What to do about it: concrete coaching actions for a rep's causes and weak spots, and a team's.

The catalogue is data: each root cause (`analysis.diagnosis.CAUSES`) and each weak-spot KPI
(`analysis.weak_spots.WeakSpot.kpi`) maps to a few `Play`s, each drawing on one playbook
(`LEVERS`). A play may have a second wording that names a colleague to learn from (the team's
best on the same KPI, `analysis.weak_spots.Peer`), used only when that colleague is someone else
than the rep coached.

A rep's plan takes the causes first (most costly first, as the diagnosis orders them), then the
weak spots on a KPI no cause already covers. Within each of the two groups the plays are taken
in turns: the first play of every cause, then the second of every cause, and so on, so that a
short plan still answers every cause. Team suggestions come from a cause shared by several reps
of a team and from a low or falling eNPS.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from analysis.diagnosis import CAUSE_BY_CODE, CAUSES, Cause, Diagnosis
from analysis.kpi_registry import KPIS, format_value
from analysis.weak_spots import Peer, WeakSpot

CUSTOMERS = "Understand customers"
TRAINING = "Training"
GOALS = "Clear and realistic goals"
PROCESS = "Streamlined sales process"
MONITORING = "Monitoring data"
RECOGNITION = "Incentives and recognition"
OPEN_TALK = "Open communication"
LEAD_GEN = "Lead generation with marketing"
ONE_TO_ONES = "One-to-ones"
PULSE = "Pulse surveys"
LEVERS: tuple[str, ...] = (
    CUSTOMERS,
    TRAINING,
    GOALS,
    PROCESS,
    MONITORING,
    RECOGNITION,
    OPEN_TALK,
    LEAD_GEN,
    ONE_TO_ONES,
    PULSE,
)

MIN_ENPS_ANSWERS = 3  # fewer answers are too few to judge a team's mood (teams are small)
ENPS_DROP = 20.0  # a fall of this many eNPS points or more counts as falling
JUDGED = ("flagged", "ok")  # the statuses whose reps count when a cause is shared
WHOLE_TEAM = "the whole team"
NO_TEAM = "the reps without a team"
NO_STAGE = "weakest"  # "the weakest stage" when a stage weak spot does not name its stage


@dataclass(frozen=True)
class Suggestion:
    """One coaching action, why it is suggested (quoting the numbers), and who to learn from."""

    action: str  # what to do, one or two sentences, plain words
    because: str  # the numbers that triggered it: the cause's evidence / weak spot's evidence
    source: str  # the cause code or weak-spot kpi it answers ("falling_close_rate", "win_rate", …)
    lever: str  # the playbook it draws on, in plain words ("One-to-ones", "Training", …)
    peer: str | None = None  # the rep to learn from, when one is named


@dataclass(frozen=True)
class Play:
    """One coaching action as a template: its playbook, its words, its words naming a peer."""

    lever: str
    text: str  # may use {stage}; team plays use {team}
    with_peer: str | None = None  # the same action naming a colleague: uses {peer} and {value}


PLAYS: dict[str, tuple[Play, ...]] = {
    # root causes (analysis.diagnosis.CAUSES)
    "falling_close_rate": (
        Play(
            ONE_TO_ONES,
            "In a one-to-one, go through the last lost deals together: at which stage was each "
            "one lost, and what would you do differently next time?",
        ),
        Play(
            TRAINING,
            "Pair up with a colleague who closes well and sit in on two or three of their "
            "closing calls this period.",
            "Pair up with {peer}, the team's best closer (win rate {value}), and sit in on two "
            "or three of their closing calls this period.",
        ),
        Play(
            TRAINING,
            "Practise the objections heard in the lost deals in a short role play, and again "
            "before the next closing calls.",
        ),
    ),
    "falling_inquiries": (
        Play(
            LEAD_GEN,
            "Agree a lead plan with marketing for this period: which campaigns, events or "
            "referrals will bring in new inquiries, and how many to expect from each.",
        ),
        Play(
            GOALS,
            "Block fixed prospecting time in the calendar, say two mornings a week, and agree "
            "how many new conversations to start in each block.",
            "Block fixed prospecting time in the calendar, say two mornings a week, and ask "
            "{peer}, who opens the most new deals ({value}), how they fill their pipeline.",
        ),
        Play(
            PROCESS,
            "Check that new leads reach this rep: how leads are shared out, and whether the "
            "territory or account list still holds enough potential.",
        ),
    ),
    "shrinking_deal_size": (
        Play(
            TRAINING,
            "Run a value-selling session: talk about what the customer gains rather than the "
            "price, and which add-ons or bundles fit the usual deals.",
        ),
        Play(
            CUSTOMERS,
            "Pick three larger accounts to qualify this period and plan the first conversation "
            "with each.",
            "Pick three larger accounts to qualify this period and plan them with {peer}, who "
            "wins the biggest deals (average {value}).",
        ),
        Play(
            MONITORING,
            "Review the discounts given on recent deals together and agree when a discount "
            "needs a manager's yes.",
        ),
    ),
    "slowing_cycle": (
        Play(
            MONITORING,
            "Hold a pipeline review of the stalled deals: give each one a clear next step with "
            "a date, and close the ones that have gone quiet.",
        ),
        Play(
            PROCESS,
            "Find where deals wait inside the company, such as approvals, quotes or contracts, "
            "and cut the wait with ready-made proposal templates and a quicker sign-off.",
        ),
        Play(
            CUSTOMERS,
            "On each big deal, agree a shared plan to signature with the buyer: who signs, "
            "what they need and by when.",
            "On each big deal, agree a shared plan to signature with the buyer; {peer}, the "
            "fastest closer (typical cycle {value}), can show how they do it.",
        ),
    ),
    "low_activity": (
        Play(
            ONE_TO_ONES,
            "Ask in a one-to-one how things are going: less activity can be a sign of too much "
            "other work or low morale, and is best talked about early.",
        ),
        Play(
            GOALS,
            "Agree a realistic weekly target for calls and meetings, and look at it together "
            "at the end of each week.",
            "Agree a realistic weekly target for calls and meetings; {peer} ({value} "
            "activities) can share how they plan a week.",
        ),
        Play(
            PROCESS,
            "Find the admin that eats selling time, such as reports, data entry or internal "
            "meetings, and take some of it away.",
        ),
    ),
    "slow_lead_response": (
        Play(
            GOALS,
            "Agree a response promise for new leads: a first answer within one working hour.",
            "Agree a response promise for new leads: a first answer within one working hour. "
            "{peer} answers fastest in the team (typically {value}): ask how they keep up.",
        ),
        Play(
            PROCESS,
            "Set up alerts so that new leads reach the rep straight away, and check they go to "
            "someone who is in.",
        ),
        Play(
            PROCESS,
            "Arrange cover for holidays and busy days so that no new lead is left waiting.",
        ),
    ),
    "low_satisfaction": (
        Play(
            CUSTOMERS,
            "Call back the customers who gave a low score this period, listen to what went "
            "wrong and agree how to put it right.",
        ),
        Play(
            ONE_TO_ONES,
            "In a one-to-one, compare what was promised during the sale on recent deals with "
            "what the customer got.",
            "In a one-to-one, compare what was promised during the sale with what the customer "
            "got; {peer}, whose customers are the happiest (score {value}), can share how they "
            "set expectations.",
        ),
        Play(
            OPEN_TALK,
            "Share the customer feedback, good and bad, in the next team meeting and agree one "
            "thing to improve.",
        ),
    ),
    # weak spots (analysis.weak_spots.WeakSpot.kpi)
    "win_rate": (
        Play(
            ONE_TO_ONES,
            "In a one-to-one, put recent lost deals next to won ones: where do the lost ones "
            "go wrong, and what did the won ones have?",
        ),
        Play(
            TRAINING,
            "Have a colleague who closes well take this rep along to two or three closing "
            "meetings this period.",
            "Have {peer}, the team's best closer (win rate {value}), take this rep along to two "
            "or three closing meetings this period.",
        ),
        Play(
            CUSTOMERS,
            "Qualify harder before making an offer: check budget, need and who decides, and "
            "drop the deals that do not fit.",
        ),
    ),
    "avg_deal_size": (
        Play(
            TRAINING,
            "Practise upselling in a role play: which extra products or larger package fit "
            "what the customer needs.",
        ),
        Play(
            CUSTOMERS,
            "Go through the open deals together and look for the ones that could be larger.",
            "Go through the open deals with {peer}, who wins the biggest deals (average "
            "{value}), and look for the ones that could be larger.",
        ),
        Play(
            MONITORING,
            "Look at the discounts on recent deals and agree a limit above which a discount "
            "needs approval.",
        ),
    ),
    "new_deals": (
        Play(
            LEAD_GEN,
            "Ask marketing for a share of the next campaign's leads and agree how fast they "
            "will be followed up.",
        ),
        Play(
            GOALS,
            "Set a realistic weekly target for new conversations and book the prospecting time "
            "for it in the calendar.",
            "Set a realistic weekly target for new conversations and book the time for it; "
            "{peer} opens the most new deals in the team ({value}) and can share how.",
        ),
        Play(
            ONE_TO_ONES,
            "In a one-to-one, check the rep's territory or account list: is there enough "
            "potential in it?",
        ),
    ),
    "cycle_days": (
        Play(
            MONITORING,
            "Go through each open deal that is older than the team's usual cycle and agree a "
            "next step with a date, or close it.",
        ),
        Play(
            CUSTOMERS,
            "Find out early who decides at the customer, and agree the steps to signature with "
            "them.",
            "Find out early who decides at the customer, and agree the steps to signature; "
            "{peer}, the team's fastest closer (typical cycle {value}), can show how.",
        ),
        Play(
            PROCESS,
            "Use the team's proposal and contract templates to save time between the offer "
            "and the signature.",
        ),
    ),
    "activities": (
        Play(
            GOALS,
            "Agree a weekly plan for calls and meetings that fits the rep's workload, and look "
            "at it together each Friday.",
        ),
        Play(
            ONE_TO_ONES,
            "In a one-to-one, ask what gets in the way of time with customers, and whether the "
            "rep feels well supported.",
        ),
        Play(
            TRAINING,
            "Ask a colleague with a full calendar to share how they plan their week.",
            "Ask {peer}, the most active rep ({value} activities), to share how they plan their "
            "week.",
        ),
    ),
    "lead_response_hours": (
        Play(
            GOALS,
            "Agree to answer every new lead within one working hour, and look at the response "
            "times together each week.",
        ),
        Play(
            PROCESS,
            "Turn on alerts for new leads and set aside short slots in the day to answer them.",
        ),
        Play(
            OPEN_TALK,
            "Ask the team in the next meeting how they keep up with new leads.",
            "Ask {peer}, the quickest to answer in the team (typically {value}), how they keep "
            "up with new leads.",
        ),
    ),
    "lead_conversion": (
        Play(
            LEAD_GEN,
            "Sit down with marketing to look at the leads this rep gets: which ones turn into "
            "deals, and which are not a fit.",
        ),
        Play(
            TRAINING,
            "Listen in on first calls with new leads and practise the questions that show "
            "whether a lead is a real opportunity.",
            "Listen in on first calls of {peer}, who turns the most leads into deals ({value}), "
            "and practise the questions they ask.",
        ),
        Play(
            PROCESS,
            "Agree a follow-up routine for every lead: when to call, how many tries, and when "
            "to let go.",
        ),
    ),
    "stage_conversion": (
        Play(
            ONE_TO_ONES,
            "In a one-to-one, go through the deals that got stuck at the {stage} stage and "
            "agree what it takes to move each one on.",
        ),
        Play(
            TRAINING,
            "Coach the {stage} stage itself: practise it in a role play, or join the rep at "
            "the next two meetings at that stage.",
        ),
        Play(
            PROCESS,
            "Check what the {stage} stage asks of the customer and of the rep, and drop any "
            "step that does not help the sale.",
        ),
    ),
}
_SATISFACTION = (
    Play(
        CUSTOMERS,
        "Read this rep's customer comments together and call two or three unhappy customers "
        "back to learn what they expected.",
    ),
    Play(
        ONE_TO_ONES,
        "In a one-to-one, talk about how the rep hands over a new customer and what is "
        "promised before the sale.",
    ),
    Play(
        OPEN_TALK,
        "Share what the happiest customers in the team say, and agree one habit to copy.",
        "Ask {peer}, whose customers are the happiest (score {value}), to share how they look "
        "after customers once the deal is signed.",
    ),
)
PLAYS["nps"] = _SATISFACTION
PLAYS["csat"] = _SATISFACTION

TEAM_PLAYS: dict[str, Play] = {
    "falling_inquiries": Play(
        LEAD_GEN,
        "Plan new leads with marketing for {team}: agree this period's campaigns and how the "
        "leads are shared out.",
    ),
    "falling_close_rate": Play(
        TRAINING,
        "Hold a team training for {team} on closing and handling objections, built on the deals "
        "the team lost this period.",
    ),
    "shrinking_deal_size": Play(
        TRAINING,
        "Hold a team session for {team} on value selling and upselling, and agree clear rules "
        "on discounts.",
    ),
    "slowing_cycle": Play(
        PROCESS,
        "Look at where deals of {team} wait, such as approvals, quotes or contracts, and speed "
        "up the slowest step.",
    ),
    "low_activity": Play(
        GOALS,
        "Check that the targets of {team} are realistic and talk with the team about workload: "
        "when several reps slow down together, the cause is often shared.",
    ),
    "slow_lead_response": Play(
        PROCESS,
        "Agree a promise for {team} to answer every new lead within one working hour, with a "
        "rota to cover absences.",
    ),
    "low_satisfaction": Play(
        CUSTOMERS,
        "Go through the customer feedback with {team} in the next team meeting and agree one or "
        "two things to improve in how customers are served.",
    ),
}

ENPS_PLAYS: tuple[Play, ...] = (
    Play(
        PULSE,
        "Send {team} a short anonymous pulse survey (at most 10 questions) to find out why the "
        "mood is down.",
    ),
    Play(
        ONE_TO_ONES,
        "Hold a one-to-one with each rep in {team} in the next two weeks and ask what would make "
        "work better.",
    ),
    Play(
        RECOGNITION,
        "Recognise good work in {team} openly, in team meetings and one to one, not only the "
        "big wins.",
    ),
    Play(
        GOALS,
        "Check that the targets of {team} are clear and realistic, and adjust the ones that are "
        "out of reach.",
    ),
)

BASICS = Play(
    GOALS,
    "Keep coaching on the basics: agree a weekly rhythm of calls and meetings, and keep every "
    "open deal up to date with a next step, so there is enough to judge next time.",
)
NO_NOTE = "Not enough data yet to judge this rep."


def _peer_for(kpi: str, peers: Mapping[str, Peer], rep: str | None) -> Peer | None:
    """Return the colleague to learn from on a KPI, or None when there is none or it is the rep."""
    peer = peers.get(kpi)
    if peer is None or peer.rep == rep or kpi not in KPIS:
        return None
    return peer


def _suggest(
    play: Play,
    source: str,
    because: str,
    peer: Peer | None,
    currency: str | None,
    stage: str = NO_STAGE,
) -> Suggestion:
    """Return one play filled in: with the peer's name and value when both are there."""
    if peer is not None and play.with_peer is not None:
        value = format_value(peer.kpi, peer.value, currency)
        action = play.with_peer.format(peer=peer.rep, value=value, stage=stage)
        return Suggestion(action, because, source, play.lever, peer.rep)
    return Suggestion(play.text.format(stage=stage), because, source, play.lever)


def _for_cause(
    cause: Cause, peers: Mapping[str, Peer], rep: str | None, currency: str | None
) -> list[Suggestion]:
    """Return the suggestions answering one cause, its evidence as the reason."""
    peer = _peer_for(cause.kpi, peers, rep)
    because = f"{cause.label}: {cause.evidence}"
    return [_suggest(p, cause.code, because, peer, currency) for p in PLAYS.get(cause.code, ())]


def _for_weak_spot(
    spot: WeakSpot, peers: Mapping[str, Peer], rep: str | None, currency: str | None
) -> list[Suggestion]:
    """Return the suggestions answering one weak spot, its evidence as the reason."""
    peer = _peer_for(spot.kpi, peers, rep)
    because = f"Behind the team: {spot.evidence}"
    stage = spot.stage or NO_STAGE
    return [_suggest(p, spot.kpi, because, peer, currency, stage) for p in PLAYS.get(spot.kpi, ())]


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
) -> list[Suggestion]:
    """Return one rep's coaching plan: causes first, then uncovered weak spots; at most `limit`.

    Actions for the rep's causes come first (most costly first, as ordered in diagnosis.causes),
    then for weak spots not already covered by a cause on the same KPI. A rep whose data is too
    thin to judge gets one suggestion on the basics, with the diagnosis note as the reason.
    """
    if limit <= 0:
        return []
    if diagnosis.status == "insufficient_data":
        because = diagnosis.note or NO_NOTE
        return [Suggestion(BASICS.text, because, "insufficient_data", BASICS.lever)]
    rep = diagnosis.name
    covered = _covered(diagnosis.causes)
    from_causes = [_for_cause(c, peers, rep, currency) for c in diagnosis.causes]
    spots = [s for s in weak_spots if s.kpi not in covered]
    from_spots = [_for_weak_spot(s, peers, rep, currency) for s in spots]
    return _unique(_in_turns(from_causes) + _in_turns(from_spots), limit)


def _by_team(diagnoses: Iterable[Diagnosis]) -> dict[str | None, list[Diagnosis]]:
    """Return the rep diagnoses that count (flagged or ok) grouped by team, in order of showing."""
    teams: dict[str | None, list[Diagnosis]] = {}
    for d in diagnoses:
        if d.scope == "rep" and d.status in JUDGED:
            teams.setdefault(d.team, []).append(d)
    return teams


def _shared(
    team: str | None, reps: Sequence[Diagnosis], min_share: float, teams_known: bool = False
) -> list[Suggestion]:
    """Return a team action for every cause at least 2 reps and `min_share` of the team share.

    Reps without a team are "the whole team" when nobody has one, else "reps without a team".
    """
    where = team or (NO_TEAM if teams_known else WHOLE_TEAM)
    phrase = "reps without a team" if team is None and teams_known else f"reps in {where}"
    out = []
    for spec in CAUSES:
        names = [
            d.name or "unnamed rep" for d in reps if any(c.code == spec.code for c in d.causes)
        ]
        play = TEAM_PLAYS.get(spec.code)
        if play is None or len(names) < 2 or len(names) / len(reps) < min_share:
            continue
        because = f"{len(names)} of {len(reps)} {phrase}: {', '.join(names)} ({spec.label.lower()})"
        out.append(Suggestion(play.text.format(team=where), because, spec.code, play.lever))
    return out


def _known(value: float | None) -> float | None:
    """Return the value when it is given, None for None or NaN."""
    return None if value is None or math.isnan(value) else value


def _mood_reason(team: str, now: float, before: float | None, answers: int) -> str:
    """Return the eNPS numbers as users read them: 'South: eNPS -62 (was +14), 13 answers'."""
    was = "" if before is None else f" (was {format_value('enps', before)})"
    return f"{team}: eNPS {format_value('enps', now)}{was}, {answers} answers"


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
    return [Suggestion(p.text.format(team=team), because, "team_enps", p.lever) for p in ENPS_PLAYS]


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
