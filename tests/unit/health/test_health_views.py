"""The Team health page's view models against numbers worked out by hand (and in Dutch)."""

from __future__ import annotations

import pandas as pd

from analysis.health.team_health import EVERYONE, SCALE_0_10, TeamMood, enps_frame
from analysis.health.views import morale_rows, round_view
from analysis.model.periods import PeriodSpec
from tests.unit.health.test_team_health import TWO_ROUNDS, survey

QUARTER = PeriodSpec("quarter")


def test_round_view_of_the_second_round() -> None:
    # 2026-Q2: North +25, South −50, West 2 answers (few), one answer without a team.
    frame = enps_frame(survey(TWO_ROUNDS), QUARTER)
    view = round_view(frame, "2026-Q2", ["2026-Q1", "2026-Q2"])
    assert [m.team for m in view.moods] == ["South", "North", "West", EVERYONE]
    assert view.teams == ["North", "South", "West"]
    assert view.teams_known
    assert view.lowest == "South"  # the lowest team with enough answers: shown first
    assert view.scale == SCALE_0_10  # answers 2 to 10, no 0 nor 1: the usual 0–10
    assert view.previous == "2026-Q1"
    assert view.headline.text("en") == (
        "Team South: eNPS −50, down from +25 — lowest team, 4 answers"
    )
    assert view.headline.text("nl") == (
        "Team South: eNPS −50, gedaald van +25 — laagste team, 4 antwoorden"
    )


def test_round_view_without_teams() -> None:
    # 9, 10, 3, 7: promoters 2, detractors 1 of 4 -> +25; nobody named a team.
    frame = enps_frame(survey([("2026-03-10", None, s) for s in (9, 10, 3, 7)]), QUARTER)
    view = round_view(frame, "2026-Q1", ["2026-Q1"])
    assert view.teams == []
    assert not view.teams_known
    assert view.lowest is None
    assert view.previous is None
    assert view.headline.text("en") == "Company eNPS +25, 4 answers"


def test_morale_rows_hold_the_numbers_and_the_verdict() -> None:
    # South: revenue 80,000 now and 100,000 before (−20%), attainment 80%, win rate 25%;
    # eNPS +25 → −50 (−75 points): morale and results fell together.
    rows = [
        ("team", "South", None, "2026-Q2", "revenue", 80_000.0, 8),
        ("team", "South", None, "2026-Q1", "revenue", 100_000.0, 10),
        ("team", "South", None, "2026-Q2", "target_attainment", 0.8, 8),
        ("team", "South", None, "2026-Q2", "win_rate", 0.25, 32),
    ]
    table = pd.DataFrame(rows, columns=["scope", "team", "rep", "period", "kpi", "value", "n"])
    south = TeamMood("South", "2026-Q2", -50, 5, 25, "2026-Q1", 1, False)
    (row,) = morale_rows([south], table, "EUR")
    assert (row.team, row.enps, row.change, row.answers, row.few_answers) == (
        "South", -50, -75, 5, False,
    )  # fmt: skip
    assert row.results == (("revenue", 80_000.0), ("target_attainment", 0.8), ("win_rate", 0.25))
    assert row.together.text("en") == (
        "South: morale and results fell together (eNPS +25 → −50, revenue €100k → €80k)."
    )
    company = TeamMood(EVERYONE, "2026-Q2", 10, 2, None, None, None, True)
    (whole,) = morale_rows([company], table)
    assert whole.results == (("revenue", None), ("target_attainment", None), ("win_rate", None))
    assert whole.together.text("nl") == "Geen eerdere ronde van Alle teams om mee te vergelijken."
