"""The coaching catalogue: rep plans and team suggestions from small hand-written diagnoses."""

from __future__ import annotations

import re

import pytest

from analysis.coaching.plan import rep_plan, team_plan
from analysis.coaching.playbook import (
    BASICS,
    ENPS_PLAYS,
    LEVER_KEYS,
    LEVERS,
    PLAYS,
    TEAM_PLAYS,
    Play,
    lever_name,
)
from analysis.diagnosis.causes import CAUSE_BY_CODE, CAUSES, Cause
from analysis.diagnosis.diagnose import Diagnosis
from analysis.diagnosis.shifts import Shift
from analysis.diagnosis.weak_spots import Peer, WeakSpot
from analysis.kpis.shown import shown
from analysis.words.catalogue import catalogue
from analysis.words.message import Say, fmt

EVIDENCE = {
    "falling_close_rate": "win rate 34% → 18% (40 closed deals in 2024-Q3; usual: the median of "
    "2023-Q3 … 2024-Q2, 160 closed deals)",
    "falling_inquiries": "new deals 30 → 18 a quarter (in 2024-Q3; usual: the median of the 4 "
    "quarters 2023-Q3 … 2024-Q2)",
    "shrinking_deal_size": "average won deal €12,500 → €8,000 (9 won deals in 2024-Q3; usual: the "
    "median of 2023-Q3 … 2024-Q2, 40 won deals)",
    "slowing_cycle": "typical sales cycle 30 days → 55 days (9 won deals in 2024-Q3; usual: the "
    "median of 2023-Q3 … 2024-Q2, 40 won deals)",
    "low_activity": "activities 220 → 120 a quarter (in 2024-Q3; usual: the median of the 4 "
    "quarters 2023-Q3 … 2024-Q2)",
    "slow_lead_response": "typical first response 2.0 h → 9.5 h (30 leads answered in 2024-Q3; "
    "usual: the median of 2023-Q3 … 2024-Q2, 120 leads answered)",
    "low_satisfaction": "NPS +40 → +5 (20 answers in 2024-Q3; usual: the median of "
    "2023-Q3 … 2024-Q2, 80 answers)",
}
# the falling win rate's evidence as the diagnosis says it: EVIDENCE[FCR] in English
WIN_RATE_EVIDENCE = Say(
    "diagnosis.evidence.sample",
    what=Say("diagnosis.measure.win_rate"),
    before=shown("win_rate", 0.34),
    after=shown("win_rate", 0.18),
    now=fmt("number", 40),
    sample=Say("diagnosis.sample.win_rate"),
    usual=fmt("number", 160),
    period="2024-Q3",
    span=Say("diagnosis.span.more", first="2023-Q3", last="2024-Q2"),
)


def cause(code: str, kpi: str | None = None) -> Cause:
    """A flagged cause with made-up but plausible numbers and the evidence line above."""
    spec = CAUSE_BY_CODE[code]
    shift = Shift(0.34, 0.18, 160, 40, -3.4, 0.999)
    said = WIN_RATE_EVIDENCE if code == "falling_close_rate" else EVIDENCE[code]
    return Cause(code, kpi or spec.kpi, shift, 0.34, 0.18, -12_000.0, said)  # type: ignore[arg-type]


def rep(
    name: str = "Emma Smit",
    codes: tuple[str, ...] = (),
    team: str | None = "South",
    status: str | None = None,
    note: Say | None = None,
) -> Diagnosis:
    """A rep's diagnosis with these causes (flagged when any, else ok unless told)."""
    status = status or ("flagged" if codes else "ok")
    causes = tuple(cause(c) for c in codes)
    return Diagnosis(
        "rep", name, team, status, "2024-Q3", "a typical quarter", None, causes, (), note
    )


def spot(kpi: str, evidence: str = "", stage: str | None = None) -> WeakSpot:
    """A weak spot on a KPI; the numbers behind it do not matter to the catalogue.

    Its evidence is plain text, written the same in every language.
    """
    said = evidence or f"{kpi} behind"
    return WeakSpot(kpi, 0.18, 0.22, 0.31, 0.97, 22, 5_000.0, said, stage)  # type: ignore[arg-type]


ANNA = {"win_rate": Peer("win_rate", "Anna de Vries", 0.41, 60)}
FCR, SC, LA = "falling_close_rate", "slowing_cycle", "low_activity"


# --- rep plans --------------------------------------------------------------------------


def test_the_best_closer_is_named_with_her_win_rate() -> None:
    plan = rep_plan(rep(codes=(FCR,)), [], ANNA)
    named = [s for s in plan if s.peer == "Anna de Vries"]
    assert len(named) == 1
    assert "Anna de Vries" in named[0].action.text("en")
    assert "win rate 41%" in named[0].action.text("en")
    assert named[0].source == FCR
    assert EVIDENCE[FCR] in named[0].because.text("en")
    assert all(EVIDENCE[FCR] in s.because.text("en") for s in plan)


def test_the_peer_is_not_named_when_it_is_the_rep_coached() -> None:
    plan = rep_plan(rep(name="Anna de Vries", codes=(FCR,)), [], ANNA)
    assert plan  # the plays are still there, in their words without a colleague
    assert all(s.peer is None for s in plan)
    assert not any(
        "Anna de Vries" in s.action.text("en") or "41%" in s.action.text("en") for s in plan
    )


@pytest.mark.parametrize(
    ("kpi", "peer", "currency", "expected"),
    [
        ("avg_deal_size", Peer("avg_deal_size", "Noah Meijer", 48_000.0, 12), "EUR", "€48,000"),
        ("avg_deal_size", Peer("avg_deal_size", "Noah Meijer", 48_000.0, 12), None, "48,000"),
        ("cycle_days", Peer("cycle_days", "Noah Meijer", 21.0, 15), None, "21 days"),
        ("activities", Peer("activities", "Noah Meijer", 310.0, 310), None, "310 activities"),
        ("lead_response_hours", Peer("lead_response_hours", "Noah Meijer", 0.5, 40), None, "0.5 h"),
        ("nps", Peer("nps", "Noah Meijer", 45.0, 30), None, "+45"),
    ],
)
def test_a_weak_spot_names_the_peer_with_the_peers_value(
    kpi: str, peer: Peer, currency: str | None, expected: str
) -> None:
    plan = rep_plan(rep(), [spot(kpi)], {kpi: peer}, currency=currency)
    named = [s for s in plan if s.peer == "Noah Meijer"]
    assert len(named) == 1
    assert "Noah Meijer" in named[0].action.text("en")
    assert expected in named[0].action.text("en")


@pytest.mark.parametrize(
    ("codes", "spots", "limit", "sources"),
    [
        # one cause's three plays, then the weak spot's, up to five
        ((FCR,), ("avg_deal_size",), 5, [FCR, FCR, FCR, "avg_deal_size", "avg_deal_size"]),
        # two causes take turns, the costliest first
        ((FCR, SC), (), 5, [FCR, SC, FCR, SC, FCR]),
        ((SC, FCR), (), 3, [SC, FCR, SC]),
        # a weak spot on the KPI of a cause adds nothing new
        ((FCR,), ("win_rate",), 5, [FCR, FCR, FCR]),
        ((FCR,), ("win_rate", "cycle_days"), 4, [FCR, FCR, FCR, "cycle_days"]),
        (
            (LA,),
            ("activities", "new_deals"),
            6,
            [LA, LA, LA, "new_deals", "new_deals", "new_deals"],
        ),
        # weak spots take turns too
        ((), ("new_deals", "win_rate"), 3, ["new_deals", "win_rate", "new_deals"]),
        ((), ("lead_response_hours",), 2, ["lead_response_hours", "lead_response_hours"]),
        ((LA,), (), 1, [LA]),
        ((FCR,), (), 0, []),
        ((), (), 5, []),
        # a KPI the catalogue does not know is left out
        ((), ("pipeline_coverage",), 5, []),
    ],
)
def test_causes_come_first_then_weak_spots_within_the_limit(
    codes: tuple[str, ...], spots: tuple[str, ...], limit: int, sources: list[str]
) -> None:
    plan = rep_plan(rep(codes=codes), [spot(k) for k in spots], {}, limit=limit)
    assert [s.source for s in plan] == sources


def test_a_satisfaction_cause_on_csat_covers_a_csat_weak_spot() -> None:
    satisfaction = Diagnosis(
        "rep", "Emma Smit", "South", "flagged", "2024-Q3", "", None,
        (cause("low_satisfaction", kpi="csat"),), (), None,
    )  # fmt: skip
    plan = rep_plan(satisfaction, [spot("csat"), spot("nps")], {})
    assert [s.source for s in plan] == ["low_satisfaction"] * 3


def test_two_satisfaction_weak_spots_give_each_action_once() -> None:
    plan = rep_plan(rep(), [spot("nps"), spot("csat")], {})
    assert len(plan) == 3
    assert [s.source for s in plan] == ["nps", "nps", "nps"]


def test_the_because_quotes_the_weak_spots_evidence() -> None:
    evidence = "win rate 18% vs team 31% (22 closed deals)"
    plan = rep_plan(rep(), [spot("win_rate", evidence)], {}, limit=1)
    assert plan[0].because.text("en") == f"Behind the team: {evidence}"


@pytest.mark.parametrize(
    ("stage", "words"),
    [("Proposal", "the Proposal stage"), (None, "the weakest stage")],
)
def test_a_stage_weak_spot_coaches_that_stage(stage: str | None, words: str) -> None:
    plan = rep_plan(rep(), [spot("stage_conversion", stage=stage)], {})
    assert len(plan) == 3
    assert all(words in s.action.text("en") for s in plan)


@pytest.mark.parametrize(
    ("note", "written"),
    [
        (
            Say("diagnosis.note.one.quarter", period="2024-Q3"),
            "Only 1 quarter of data before 2024-Q3: too early to judge.",
        ),
        (
            Say("diagnosis.note.few_deals"),
            "Too few deals to test any cause behind the revenue.",
        ),
    ],
)
def test_insufficient_data_gets_one_suggestion_on_the_basics(note: Say, written: str) -> None:
    thin = rep(status="insufficient_data", note=note)
    plan = rep_plan(thin, [spot("win_rate"), spot("activities")], ANNA)
    assert len(plan) == 1
    assert plan[0].because == note
    assert plan[0].because.text("en") == written
    assert plan[0].peer is None
    assert not re.search(r"\d", plan[0].action.text("en"))
    assert "basics" in plan[0].action.text("en")


def test_insufficient_data_without_a_note_invents_no_numbers() -> None:
    plan = rep_plan(rep(status="insufficient_data"), [], {})
    assert len(plan) == 1
    assert plan[0].because.text("en")
    assert not re.search(r"\d", plan[0].action.text("en") + plan[0].because.text("en"))


def test_a_plan_is_the_same_every_time_and_has_no_repeats() -> None:
    diagnosis = rep(codes=tuple(c.code for c in CAUSES))
    spots = [spot(k) for k in ("win_rate", "activities", "lead_conversion", "stage_conversion")]
    first = rep_plan(diagnosis, spots, ANNA, limit=50)
    assert first == rep_plan(diagnosis, spots, ANNA, limit=50)
    actions = [s.action.text("en") for s in first]
    assert len(actions) == len(set(actions))
    # 7 causes × 3 plays, then the two weak spots no cause covers (lead conversion, stage)
    assert len(first) == 7 * 3 + 2 * 3


# --- team plans -------------------------------------------------------------------------

SOUTH = ("Emma Smit", "Noah Meijer", "Daan Visser", "Sem de Boer")


@pytest.mark.parametrize(
    ("diagnoses", "min_share", "expected"),
    [
        (
            [rep(SOUTH[0], (FCR,)), rep(SOUTH[1], (FCR, SC)), rep(SOUTH[2]), rep(SOUTH[3], (LA,))],
            0.3,
            [(FCR, "2 of 4 reps in South: Emma Smit, Noah Meijer (falling win rate)")],
        ),
        ([rep(SOUTH[0], (FCR,)), rep(SOUTH[1]), rep(SOUTH[2]), rep(SOUTH[3])], 0.3, []),
        # 2 of 4 is below a share of 60 %
        ([rep(SOUTH[0], (FCR,)), rep(SOUTH[1], (FCR,)), rep(SOUTH[2]), rep(SOUTH[3])], 0.6, []),
        # reps whose data is too thin do not count in the team's size
        (
            [
                rep(SOUTH[0], (SC,)),
                rep(SOUTH[1], (SC,)),
                rep(SOUTH[2], status="insufficient_data"),
                rep(SOUTH[3], status="insufficient_data"),
            ],
            0.3,
            [(SC, "2 of 2 reps in South: Emma Smit, Noah Meijer (slower sales cycle)")],
        ),
        # two reps with the cause, but in different teams
        ([rep(SOUTH[0], (FCR,)), rep(SOUTH[1], (FCR,), team="North")], 0.3, []),
        # reps without a team are one team
        (
            [
                rep("Lisa Bos", (LA,), team=None),
                rep("Tim Jansen", (LA,), team=None),
                rep("Eva Mol", team=None),
            ],
            0.3,
            [(LA, "2 of 3 reps in the whole team: Lisa Bos, Tim Jansen (less activity)")],
        ),
    ],
)
def test_a_cause_shared_in_a_team_gets_a_team_action(
    diagnoses: list[Diagnosis], min_share: float, expected: list[tuple[str, str]]
) -> None:
    plan = team_plan(diagnoses, min_share=min_share)
    assert [(s.source, s.because.text("en")) for s in plan] == expected


def test_the_team_action_is_for_that_team() -> None:
    plan = team_plan([rep(SOUTH[0], (FCR,)), rep(SOUTH[1], (FCR,))])
    assert len(plan) == 1
    assert "South" in plan[0].action.text("en")
    assert plan[0].lever.text("en") == "Training"


def test_team_rows_are_not_counted_as_reps() -> None:
    team_row = Diagnosis(
        "team", "South", "South", "flagged", "2024-Q3", "", None, (cause(FCR),), (), None
    )
    assert team_plan([team_row, team_row, rep(SOUTH[0], (FCR,))]) == []


@pytest.mark.parametrize(
    ("now", "before", "answers", "because"),
    [
        (-62.0, 14.0, 13, "South: eNPS −62 (was +14), 13 answers"),
        (-62.0, 14.0, 2, None),  # too few answers to judge
        (-75.0, -50.0, 4, "South: eNPS −75 (was −50), 4 answers"),  # small team, still low
        (-5.0, None, 5, "South: eNPS −5, 5 answers"),
        (10.0, 35.0, 8, "South: eNPS +10 (was +35), 8 answers"),  # fell 25 points
        (0.0, 20.0, 6, "South: eNPS +0 (was +20), 6 answers"),  # fell exactly 20
        (10.0, 25.0, 8, None),  # fell 15 points: not enough
        (0.0, None, 6, None),  # zero is not below zero
        (None, 10.0, 20, None),
        (float("nan"), 10.0, 20, None),
    ],
)
def test_a_low_or_falling_enps_gets_people_side_actions(
    now: float | None, before: float | None, answers: int, because: str | None
) -> None:
    plan = team_plan([], enps={"South": (now, before, answers)})
    if because is None:
        assert plan == []
        return
    assert [s.because.text("en") for s in plan] == [because] * 4
    assert {s.source for s in plan} == {"team_enps"}
    assert [s.lever.text("en") for s in plan] == [
        "Pulse surveys",
        "One-to-ones",
        "Incentives and recognition",
        "Clear and realistic goals",
    ]
    assert "at most 10 questions" in plan[0].action.text("en")
    assert all("South" in s.action.text("en") for s in plan)


def test_shared_causes_come_before_the_people_side() -> None:
    plan = team_plan(
        [rep(SOUTH[0], (LA,)), rep(SOUTH[1], (LA,))], enps={"South": (-30.0, -10.0, 9)}
    )
    assert [s.source for s in plan] == [LA, "team_enps", "team_enps", "team_enps", "team_enps"]


# --- the catalogue ----------------------------------------------------------------------


def every_play() -> list[tuple[str, Play]]:
    """Every play of the catalogue with the entry it sits under."""
    plays = [(key, p) for key, entry in PLAYS.items() for p in entry]
    return plays + list(TEAM_PLAYS.items()) + [("team_enps", p) for p in ENPS_PLAYS]


@pytest.mark.parametrize("entry", sorted(PLAYS))
def test_every_entry_has_an_action(entry: str) -> None:
    assert len(PLAYS[entry]) >= 1


@pytest.mark.parametrize(("entry", "play"), every_play())
def test_every_play_draws_on_a_known_lever_in_plain_words(entry: str, play: Play) -> None:
    assert play.lever in LEVERS
    filled = [
        play.text.format(stage="Proposal", team="South"),
        (play.with_peer or "").format(peer="Anna de Vries", value="41%", stage="Proposal"),
    ]
    for text in filled:
        assert "_" not in text  # no code-speak
        assert "{" not in text  # no placeholder left
    if play.with_peer is not None:
        assert "{peer}" in play.with_peer
        assert "{value}" in play.with_peer


def test_every_cause_code_has_an_entry() -> None:
    missing = [c.code for c in CAUSES if c.code not in PLAYS]
    missing_team = [c.code for c in CAUSES if c.code not in TEAM_PLAYS]
    assert missing == []
    assert missing_team == []


def test_every_weak_spot_kpi_has_an_entry() -> None:
    kpis = ("win_rate", "avg_deal_size", "new_deals", "cycle_days", "activities")
    kpis += ("lead_response_hours", "lead_conversion", "nps", "csat", "stage_conversion")
    assert [k for k in kpis if k not in PLAYS] == []


def test_the_levers_are_the_playbooks_of_the_article() -> None:
    assert LEVERS == (
        "Understand customers",
        "Training",
        "Clear and realistic goals",
        "Streamlined sales process",
        "Monitoring data",
        "Incentives and recognition",
        "Open communication",
        "Lead generation with marketing",
        "One-to-ones",
        "Pulse surveys",
    )


def test_reps_without_a_team_are_not_called_the_whole_team() -> None:
    # Anna is in North; Bram and Cas have no team and share falling inquiries
    diagnoses = [
        rep("Anna de Vries", team="North"),
        rep("Bram", ("falling_inquiries",), team=None),
        rep("Cas", ("falling_inquiries",), team=None),
    ]
    (suggestion,) = team_plan(diagnoses)
    assert (
        suggestion.because.text("en") == "2 of 2 reps without a team: Bram, Cas (fewer new deals)"
    )


# --- in Dutch ---------------------------------------------------------------------------

DUTCH_EVIDENCE = (
    "winratio 34% → 18% (40 afgeronde deals in 2024-Q3; normaal: de mediaan van "
    "2023-Q3 … 2024-Q2, 160 afgeronde deals)"
)


def test_the_best_closer_is_named_in_dutch() -> None:
    plan = rep_plan(rep(codes=(FCR,)), [], ANNA)
    assert [s.source for s in plan] == [FCR, FCR, FCR]
    assert plan[0].action.text("nl") == (
        "Loop in een één-op-één samen de laatst verloren deals door: in welke fase ging elke "
        "deal verloren, en wat zou je de volgende keer anders doen?"
    )
    assert plan[0].lever.text("nl") == "Eén-op-één-gesprekken"
    assert plan[1].action.text("nl") == (
        "Loop deze periode bij twee of drie afsluitgesprekken mee met Anna de Vries, de beste "
        "afsluiter van het team (winratio 41%)."
    )
    assert plan[1].peer == "Anna de Vries"
    assert all(s.because.text("nl") == f"Dalende winratio: {DUTCH_EVIDENCE}" for s in plan)


@pytest.mark.parametrize(
    ("kpi", "peer", "currency", "expected"),
    [
        # Dutch amounts: € and a no-break space, '.' between thousands, ',' for decimals
        (
            "avg_deal_size",
            Peer("avg_deal_size", "Noah Meijer", 48_000.0, 12),
            "EUR",
            "€\u00a048.000",
        ),
        ("cycle_days", Peer("cycle_days", "Noah Meijer", 21.0, 15), None, "21 dagen"),
        ("activities", Peer("activities", "Noah Meijer", 310.0, 310), None, "310 activiteiten"),
        ("lead_response_hours", Peer("lead_response_hours", "Noah Meijer", 0.5, 40), None, "0,5 u"),
        ("nps", Peer("nps", "Noah Meijer", 45.0, 30), None, "(score +45)"),
    ],
)
def test_a_weak_spot_names_the_peer_in_dutch(
    kpi: str, peer: Peer, currency: str | None, expected: str
) -> None:
    plan = rep_plan(rep(), [spot(kpi, "x")], {kpi: peer}, currency=currency)
    (named,) = [s for s in plan if s.peer == "Noah Meijer"]
    assert expected in named.action.text("nl")
    assert all(s.because.text("nl") == "Achter op het team: x" for s in plan)


@pytest.mark.parametrize(
    ("stage", "words"),
    [("Proposal", "de fase Proposal"), (None, "de zwakste fase")],
)
def test_a_stage_weak_spot_in_dutch(stage: str | None, words: str) -> None:
    plan = rep_plan(rep(), [spot("stage_conversion", stage=stage)], {})
    assert len(plan) == 3
    assert all(words in s.action.text("nl") for s in plan)
    assert plan[0].action.text("nl") == (
        f"Loop in een één-op-één de deals door die vastliepen in {words} en spreek af wat er "
        "nodig is om elke deal verder te krijgen."
    )


def test_too_early_to_judge_in_dutch() -> None:
    thin = Diagnosis("rep", "Mila", "South", "insufficient_data", "2024-Q3", "", None, (), (), None)
    (basics,) = rep_plan(thin, [], {})
    assert basics.because.text("nl") == "Nog niet genoeg data om deze verkoper te beoordelen."
    assert basics.action.text("nl").startswith("Blijf coachen op de basis:")
    assert basics.lever.text("nl") == "Duidelijke en realistische doelen"


@pytest.mark.parametrize(
    ("diagnoses", "expected"),
    [
        (
            [rep(SOUTH[0], (FCR,)), rep(SOUTH[1], (FCR, SC)), rep(SOUTH[2])],
            (FCR, "2 van de 3 verkopers in South: Emma Smit, Noah Meijer (dalende winratio)"),
        ),
        (
            [rep("Lisa Bos", (LA,), None), rep("Tim Jansen", (LA,), None)],
            (LA, "2 van de 2 verkopers in het hele team: Lisa Bos, Tim Jansen (minder activiteit)"),
        ),
        (
            [
                rep("Anna de Vries", team="North"),
                rep("Bram", ("falling_inquiries",), None),
                rep("Cas", ("falling_inquiries",), None),
            ],
            (
                "falling_inquiries",
                "2 van de 2 verkopers zonder team: Bram, Cas (minder nieuwe deals)",
            ),
        ),
    ],
)
def test_a_shared_cause_in_dutch(diagnoses: list[Diagnosis], expected: tuple[str, str]) -> None:
    (suggestion,) = team_plan(diagnoses)
    assert (suggestion.source, suggestion.because.text("nl")) == expected


def test_the_team_action_in_dutch_names_the_team() -> None:
    (suggestion,) = team_plan([rep(SOUTH[0], (FCR,)), rep(SOUTH[1], (FCR,))])
    assert suggestion.action.text("nl") == (
        "Geef South een teamtraining over afsluiten en bezwaren behandelen, gebouwd op de deals "
        "die het team deze periode verloor."
    )
    assert suggestion.lever.text("nl") == "Training"
    (everyone,) = team_plan([rep("Lisa", (FCR,), None), rep("Tim", (FCR,), None)])
    assert everyone.action.text("nl").startswith("Geef het hele team een teamtraining")


def test_a_falling_enps_in_dutch() -> None:
    plan = team_plan([], enps={"South": (-62.0, 14.0, 13)})
    assert [s.because.text("nl") for s in plan] == ["South: eNPS −62 (was +14), 13 antwoorden"] * 4
    assert "(hooguit 10 vragen)" in plan[0].action.text("nl")
    assert [s.lever.text("nl") for s in plan] == [
        "Pulse-enquêtes",
        "Eén-op-één-gesprekken",
        "Beloning en erkenning",
        "Duidelijke en realistische doelen",
    ]


def test_the_plan_is_the_same_in_both_languages_but_for_the_words() -> None:
    codes = tuple(c.code for c in CAUSES)
    spots = [spot(k) for k in ("win_rate", "activities", "lead_conversion", "stage_conversion")]
    plan = rep_plan(rep(codes=codes), spots, ANNA, limit=50)
    assert [(s.source, s.peer) for s in plan] == [
        (s.source, s.peer) for s in rep_plan(rep(codes=codes), spots, ANNA, limit=50)
    ]
    assert all(s.action.text("nl") != s.action.text("en") for s in plan)


def _every_play_with_source() -> list[tuple[str, Play]]:
    return [*every_play(), ("insufficient_data", BASICS)]


def test_every_play_has_dutch_words() -> None:
    """Walk the playbook: every cause code, weak-spot KPI, team and eNPS play has Dutch."""
    texts = catalogue()
    missing = []
    sources = [c.code for c in CAUSES] + list(WEAK_SPOT_KPIS)
    missing += [f"{s}: no plays" for s in sources if s not in PLAYS]
    missing += [f"team {c.code}: no play" for c in CAUSES if c.code not in TEAM_PLAYS]
    for source, play in _every_play_with_source():
        keys = [f"coaching.{play.key}"] + ([f"coaching.{play.key}_peer"] if play.named else [])
        for key in keys:
            entry = texts.get(key, {})
            if not entry.get("nl", "").strip():
                missing.append(f"{source}: {key} has no Dutch")
            elif entry["nl"] == entry.get("en"):
                missing.append(f"{source}: {key} is not translated")
        if f"coaching.lever.{play.lever_key}" not in texts:
            missing.append(f"{source}: lever {play.lever_key} has no name")
    assert not missing, (
        "Dutch coaching texts to write in analysis/words/sentences/coaching.toml:\n"
        + ("\n".join(missing))
    )


@pytest.mark.parametrize(("entry", "play"), _every_play_with_source())
def test_every_dutch_play_fills_in_plainly(entry: str, play: Play) -> None:
    peer = Say(f"coaching.{play.key}_peer").text("nl") if play.named else ""
    filled = [
        play.says(stage="de fase Proposal", team="South").text("nl"),
        peer.format(peer="Anna de Vries", value="41%", stage="x"),
    ]
    for text in filled:
        assert "_" not in text  # no code-speak
        assert "{" not in text  # no placeholder left
    if play.named:
        assert "{peer}" in peer
        assert "{value}" in peer
    assert play.lever_label.text("nl") in DUTCH_LEVERS


DUTCH_LEVERS = (
    "Klanten begrijpen",
    "Training",
    "Duidelijke en realistische doelen",
    "Gestroomlijnd verkoopproces",
    "Data volgen en analyseren",
    "Beloning en erkenning",
    "Open communicatie",
    "Leadgeneratie met marketing",
    "Eén-op-één-gesprekken",
    "Pulse-enquêtes",
)
WEAK_SPOT_KPIS = (
    "win_rate", "avg_deal_size", "new_deals", "cycle_days", "activities",
    "lead_response_hours", "lead_conversion", "nps", "csat", "stage_conversion",
)  # fmt: skip


def test_the_dutch_levers_follow_the_article() -> None:
    assert tuple(lever_name(k).text("nl") for k in LEVER_KEYS) == DUTCH_LEVERS
    assert tuple(lever_name(k).text("en") for k in LEVER_KEYS) == LEVERS
