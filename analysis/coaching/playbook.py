"""The coaching catalogue: concrete actions for each root cause and weak spot, as data.

Each root cause (`analysis.diagnosis.causes.CAUSES`) and each weak-spot KPI maps to a few `Play`s,
each drawing on one playbook of the seed article (`LEVER_KEYS`, named by `lever_name`). The
words of every play live in `analysis/words/sentences/coaching.toml` in English and Dutch, under
`coaching.<play key>`; a play may have a second wording that names a colleague to learn from
(`<play key>_peer`, with `{peer}` and their `{value}`). Team plays use `{team}`, stage plays
`{stage}`. `analysis.coaching.plan` turns them into a rep's or a team's plan, as `Say`s written
in a language only where they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.words.catalogue import catalogue
from analysis.words.message import Say

CUSTOMERS = "customers"
TRAINING = "training"
GOALS = "goals"
PROCESS = "process"
MONITORING = "monitoring"
RECOGNITION = "recognition"
OPEN_TALK = "open_talk"
LEAD_GEN = "lead_gen"
ONE_TO_ONES = "one_to_ones"
PULSE = "pulse"
PUSHING = "pushing_close_dates"  # the plays for a rep who keeps pushing deals out of the period
LEVER_KEYS: tuple[str, ...] = (
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


def lever_name(lever: str) -> Say:
    """Return a playbook's name, to be written where it is shown: 'One-to-ones'."""
    return Say(f"coaching.lever.{lever}")


LEVERS: tuple[str, ...] = tuple(lever_name(lever).text("en") for lever in LEVER_KEYS)


@dataclass(frozen=True)
class Play:
    """One coaching action: the playbook it draws on and where its words are in the catalogue."""

    lever_key: str  # one of LEVER_KEYS
    key: str  # its words: coaching.<key> (and coaching.<key>_peer when it can name a peer)

    @property
    def named(self) -> bool:
        """Return whether the play has a wording that names a colleague to learn from."""
        return f"coaching.{self.key}_peer" in catalogue()

    @property
    def lever_label(self) -> Say:
        """Return the name of the play's playbook, to be written where it is shown."""
        return lever_name(self.lever_key)

    def says(self, **values: object) -> Say:
        """Return the play filled in with its values ({stage} or {team} where it has them)."""
        return Say(f"coaching.{self.key}", **values)

    def peer_says(self, **values: object) -> Say | None:
        """Return the play naming a colleague ({peer}, {value}); None when it has no such words."""
        return Say(f"coaching.{self.key}_peer", **values) if self.named else None

    @property
    def lever(self) -> str:
        """Return the name of the play's playbook in English."""
        return self.lever_label.text("en")

    @property
    def text(self) -> str:
        """Return the play's template in English."""
        return Say(f"coaching.{self.key}").text("en")

    @property
    def with_peer(self) -> str | None:
        """Return the English template naming a colleague, or None."""
        return Say(f"coaching.{self.key}_peer").text("en") if self.named else None


def _plays(source: str, *plays: tuple[str, str]) -> tuple[Play, ...]:
    """Return the plays of one cause or weak spot from (lever, name) pairs."""
    return tuple(Play(lever, f"play.{source}.{name}") for lever, name in plays)


PLAYS: dict[str, tuple[Play, ...]] = {
    # root causes (analysis.diagnosis.causes.CAUSES)
    "falling_close_rate": _plays(
        "falling_close_rate",
        (ONE_TO_ONES, "lost_deals"),
        (TRAINING, "pair_up"),
        (TRAINING, "objections"),
    ),
    "falling_inquiries": _plays(
        "falling_inquiries",
        (LEAD_GEN, "lead_plan"),
        (GOALS, "prospecting"),
        (PROCESS, "lead_flow"),
    ),
    "shrinking_deal_size": _plays(
        "shrinking_deal_size",
        (TRAINING, "value_selling"),
        (CUSTOMERS, "larger_accounts"),
        (MONITORING, "discounts"),
    ),
    "slowing_cycle": _plays(
        "slowing_cycle",
        (MONITORING, "stalled_review"),
        (PROCESS, "internal_wait"),
        (CUSTOMERS, "signature_plan"),
    ),
    "low_activity": _plays(
        "low_activity",
        (ONE_TO_ONES, "ask_how"),
        (GOALS, "weekly_target"),
        (PROCESS, "admin"),
    ),
    "slow_lead_response": _plays(
        "slow_lead_response",
        (GOALS, "response_promise"),
        (PROCESS, "alerts"),
        (PROCESS, "cover"),
    ),
    "low_satisfaction": _plays(
        "low_satisfaction",
        (CUSTOMERS, "call_back"),
        (ONE_TO_ONES, "promised"),
        (OPEN_TALK, "share_feedback"),
    ),
    # weak spots (analysis.diagnosis.weak_spots.WeakSpot.kpi)
    "win_rate": _plays(
        "win_rate",
        (ONE_TO_ONES, "lost_vs_won"),
        (TRAINING, "closing_meetings"),
        (CUSTOMERS, "qualify"),
    ),
    "avg_deal_size": _plays(
        "avg_deal_size",
        (TRAINING, "upsell"),
        (CUSTOMERS, "open_deals"),
        (MONITORING, "discount_limit"),
    ),
    "new_deals": _plays(
        "new_deals",
        (LEAD_GEN, "campaign_leads"),
        (GOALS, "conversations"),
        (ONE_TO_ONES, "territory"),
    ),
    "cycle_days": _plays(
        "cycle_days",
        (MONITORING, "old_deals"),
        (CUSTOMERS, "decision_maker"),
        (PROCESS, "templates"),
    ),
    "activities": _plays(
        "activities",
        (GOALS, "weekly_plan"),
        (ONE_TO_ONES, "in_the_way"),
        (TRAINING, "plan_week"),
    ),
    "lead_response_hours": _plays(
        "lead_response_hours",
        (GOALS, "one_hour"),
        (PROCESS, "alerts"),
        (OPEN_TALK, "ask_team"),
    ),
    "lead_conversion": _plays(
        "lead_conversion",
        (LEAD_GEN, "marketing"),
        (TRAINING, "first_calls"),
        (PROCESS, "follow_up"),
    ),
    "stage_conversion": _plays(
        "stage_conversion",
        (ONE_TO_ONES, "stuck"),
        (TRAINING, "coach_stage"),
        (PROCESS, "stage_steps"),
    ),
    # from comparing two exports (analysis.changes.signals.pushers)
    PUSHING: _plays(
        PUSHING,
        (ONE_TO_ONES, "close_dates"),
        (PROCESS, "date_evidence"),
    ),
}
_SATISFACTION = _plays(
    "satisfaction",
    (CUSTOMERS, "comments"),
    (ONE_TO_ONES, "hand_over"),
    (OPEN_TALK, "happiest"),
)
PLAYS["nps"] = _SATISFACTION
PLAYS["csat"] = _SATISFACTION

TEAM_PLAYS: dict[str, Play] = {
    code: Play(lever, f"team.{code}")
    for code, lever in (
        ("falling_inquiries", LEAD_GEN),
        ("falling_close_rate", TRAINING),
        ("shrinking_deal_size", TRAINING),
        ("slowing_cycle", PROCESS),
        ("low_activity", GOALS),
        ("slow_lead_response", PROCESS),
        ("low_satisfaction", CUSTOMERS),
    )
}

ENPS_PLAYS: tuple[Play, ...] = (
    Play(PULSE, "enps.pulse"),
    Play(ONE_TO_ONES, "enps.one_to_ones"),
    Play(RECOGNITION, "enps.recognise"),
    Play(GOALS, "enps.targets"),
)

BASICS = Play(GOALS, "basics")
