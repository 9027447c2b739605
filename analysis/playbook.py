"""The coaching catalogue: concrete actions for each root cause and weak spot, as data.

Each root cause (`analysis.causes.CAUSES`) and each weak-spot KPI maps to a few `Play`s,
each drawing on one playbook of the seed article (`LEVERS`). A play may have a second wording
that names a colleague to learn from (`{peer}` and their `{value}`); team plays use `{team}`,
stage plays `{stage}`. `analysis.coaching` turns them into a rep's or a team's plan.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Play:
    """One coaching action as a template: its playbook, its words, its words naming a peer."""

    lever: str
    text: str  # may use {stage}; team plays use {team}
    with_peer: str | None = None  # the same action naming a colleague: uses {peer} and {value}


PLAYS: dict[str, tuple[Play, ...]] = {
    # root causes (analysis.causes.CAUSES)
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
