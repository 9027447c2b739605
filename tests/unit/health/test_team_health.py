"""Team health: eNPS split into its groups per team and round, worked out by hand, and planted truth."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.charts.health import morale_table
from analysis.coaching.plan import ENPS_DROP, MIN_ENPS_ANSWERS
from analysis.coaching.playbook import ENPS_PLAYS
from analysis.health.team_health import (
    EVERYONE,
    SCALE_0_10,
    SCALE_1_10,
    Enps,
    TeamMood,
    detractor_range,
    enps_frame,
    headline,
    moods,
    suggestions,
    survey_rounds,
    survey_scale,
)
from analysis.health.views import morale_rows, together
from analysis.kpis.query import kpi_value
from analysis.kpis.table import kpi_table
from analysis.model import schema as S
from analysis.model.periods import PeriodSpec
from analysis.read.upload import read_files
from sample_data.generate import AFTER, LOW_ENPS_TEAM, PLANTED, QUARTER_LABELS, build_frames
from tests.tables import frame

QUARTER = PeriodSpec("quarter")
WORKBOOK = Path(__file__).resolve().parents[3] / "sample_data" / "salescope_sample.xlsx"


def survey(rows: list[tuple[str, str | None, int]]) -> pd.DataFrame:
    """An employee-survey table of (date, team, score) rows."""
    return frame("date team score", rows, dates=("date",))


def one(found: pd.DataFrame, team: str, period: str) -> pd.Series:
    """The single row of a team in a round."""
    (row,) = found[(found["team"] == team) & (found["period"] == period)].itertuples(index=False)
    return pd.Series(row._asdict())


# --- eNPS on both scales ----------------------------------------------------------------------


def test_enps_on_a_0_to_10_survey() -> None:
    # North answers 0, 9, 10, 10, 7, 8: detractors 1 (the 0), passives 2, promoters 3 of 6
    # -> eNPS = 100 × (3 − 1) / 6 = +33.3; the 0 says the scale is 0–10.
    found = enps_frame(survey([("2026-02-10", "North", s) for s in (0, 9, 10, 10, 7, 8)]), QUARTER)
    row = one(found, "North", "2026-Q1")
    assert (row["answers"], row["detractors"], row["passives"], row["promoters"]) == (6, 1, 2, 3)
    assert row["detractor_share"] == pytest.approx(1 / 6)
    assert row["passive_share"] == pytest.approx(2 / 6)
    assert row["promoter_share"] == pytest.approx(3 / 6)
    assert row["enps"] == pytest.approx(100 * 2 / 6)
    assert row["scale"] == SCALE_0_10


def test_enps_on_a_1_to_10_survey_counts_1_to_6_as_detractors() -> None:
    # South answers 1, 6, 7, 9, 10, 2: no 0, so a 1–10 survey; detractors 1, 6, 2 = 3,
    # passives 1, promoters 2 of 6 -> eNPS = 100 × (2 − 3) / 6 = −16.7.
    found = enps_frame(survey([("2026-05-04", "South", s) for s in (1, 6, 7, 9, 10, 2)]), QUARTER)
    row = one(found, "South", "2026-Q2")
    assert (row["detractors"], row["passives"], row["promoters"]) == (3, 1, 2)
    assert row["enps"] == pytest.approx(-100 / 6)
    assert row["scale"] == SCALE_1_10
    assert detractor_range(SCALE_1_10) == "1–6"
    assert detractor_range(SCALE_0_10) == "0–6"


@pytest.mark.parametrize(
    ("scores", "scale"),
    [
        ([0, 10, 5], SCALE_0_10),  # a 0 answered
        ([1, 10, 7], SCALE_1_10),  # a 1 but no 0: a 1–10 survey
        ([3, 10, 7], SCALE_0_10),  # neither 0 nor 1: the usual 0–10
        ([1, 2, 5, 4], None),  # never above 5: a 1–5 survey, no eNPS
        ([], None),
    ],
)
def test_scale_detection(scores: list[int], scale: str | None) -> None:
    assert survey_scale(pd.Series(scores, dtype=float)) == scale


def test_a_1_to_5_survey_gives_no_enps() -> None:
    assert enps_frame(survey([("2026-02-10", "North", s) for s in (1, 5, 4)]), QUARTER).empty
    assert enps_frame(None, QUARTER).empty


def test_the_same_numbers_as_the_kpi_table() -> None:
    # Sample workbook through the real ingestion: every team's eNPS per quarter is the
    # registry's (kpis.py), since both count detractors as 6 and below and promoters 9 and up.
    data = read_files([(WORKBOOK.name, WORKBOOK.read_bytes())]).dataset()
    table = kpi_table(data, QUARTER)
    found = enps_frame(data.tables[S.EMPLOYEE_SURVEY], QUARTER)
    checked = 0
    for row in found.itertuples(index=False):
        team = None if row.team == EVERYONE else row.team
        assert row.enps == pytest.approx(kpi_value(table, "enps", row.period, team=team))
        checked += 1
    assert checked == 4 * len(QUARTER_LABELS)  # North, South, West and All teams, 8 quarters


# --- rounds, few answers, ranking, headline ---------------------------------------------------

# Round 2026-Q1: North 9, 9, 10, 7 -> +75; South 9, 10, 8, 6 -> (2 − 1) / 4 = +25.
# Round 2026-Q2: North 9, 10, 7, 6 -> +25; South 6, 5, 3, 9 -> (1 − 3) / 4 = −50;
#                West 10, 2 -> two answers: few, eNPS 0, not ranked. One answer without a team (10).
TWO_ROUNDS = [
    *(("2026-03-02", "North", s) for s in (9, 9, 10, 7)),
    *(("2026-03-02", "South", s) for s in (9, 10, 8, 6)),
    *(("2026-06-08", "North", s) for s in (9, 10, 7, 6)),
    *(("2026-06-08", "South", s) for s in (6, 5, 3, 9)),
    *(("2026-06-08", "West", s) for s in (10, 2)),
    ("2026-06-08", None, 10),
]


@pytest.fixture
def two_rounds() -> pd.DataFrame:
    return enps_frame(survey(TWO_ROUNDS), QUARTER)


def test_few_answers_are_marked_and_not_ranked(two_rounds: pd.DataFrame) -> None:
    assert MIN_ENPS_ANSWERS == 3  # the threshold the hand numbers below assume
    west = one(two_rounds, "West", "2026-Q2")
    assert bool(west["few_answers"])
    assert west["enps"] == 0
    assert pd.isna(west["rank"])
    assert one(two_rounds, "North", "2026-Q2")["rank"] == 1  # +25
    assert one(two_rounds, "South", "2026-Q2")["rank"] == 2  # −50
    assert pd.isna(one(two_rounds, EVERYONE, "2026-Q2")["rank"])


def test_the_whole_company_counts_answers_without_a_team(two_rounds: pd.DataFrame) -> None:
    # 2026-Q2: 4 + 4 + 2 + 1 = 11 answers; promoters 9, 10, 9, 10, 10 = 5; detractors
    # 6, 6, 5, 3, 2 = 5 -> eNPS 0.
    company = one(two_rounds, EVERYONE, "2026-Q2")
    assert (company["answers"], company["promoters"], company["detractors"]) == (11, 5, 5)
    assert list(two_rounds["team"][two_rounds["period"] == "2026-Q2"]) == [
        "North", "South", "West", EVERYONE,
    ]  # fmt: skip


def test_headline_names_the_lowest_team_and_its_fall(two_rounds: pd.DataFrame) -> None:
    rounds = survey_rounds(two_rounds, "2026-Q3", QUARTER)
    assert rounds == ["2026-Q1", "2026-Q2"]
    assert survey_rounds(two_rounds, "2026-Q1", QUARTER) == ["2026-Q1"]
    found = moods(two_rounds, "2026-Q2", rounds)
    assert [m.team for m in found] == ["South", "North", "West", EVERYONE]
    assert (
        headline(found).text("en") == "Team South: eNPS −50, down from +25 — lowest team, 4 answers"
    )


def test_only_few_answers_says_so() -> None:
    found = enps_frame(survey([("2026-03-02", "North", 9), ("2026-03-02", "South", 3)]), QUARTER)
    said = headline(moods(found, "2026-Q1", ["2026-Q1"])).text("en")
    assert (
        said == "Too few answers to judge any team (fewer than 3 each); company eNPS 0, 2 answers"
    )


def test_suggestions_for_low_and_falling_teams_only(two_rounds: pd.DataFrame) -> None:
    # South is below 0 (−50); North fell 75 → 25, 50 points ≥ ENPS_DROP; West has few answers.
    assert ENPS_DROP <= 50
    found = suggestions(moods(two_rounds, "2026-Q2", ["2026-Q1", "2026-Q2"]))
    teams = {s.because.text("en").split(":")[0] for s in found}
    assert teams == {"South", "North"}
    assert len(found) == 2 * len(ENPS_PLAYS)
    pulse = [s.action.text("en") for s in found if s.lever.text("en") == "Pulse surveys"]
    assert any("South" in a and "at most 10 questions" in a for a in pulse)


# --- morale next to results -------------------------------------------------------------------


def mood(now: float, before: float | None, team: str = "South") -> TeamMood:
    """A team with 5 answers now, ranked, and `before` in 2026-Q1."""
    return TeamMood(team, "2026-Q2", now, 5, before, "2026-Q1", 1, False)


@pytest.mark.parametrize(
    ("now", "before", "revenue", "expected"),
    [
        # eNPS +25 → −50 (−75 points), revenue 100k → 80k (−20 %): both fell.
        (-50, 25, (100_000, 80_000),
         "South: morale and results fell together (eNPS +25 → −50, revenue €100k → €80k)."),
        # eNPS +20 → +25 (+5 < 10 points: steady), revenue 100k → 103k (+3 % < 5 %): steady.
        (25, 20, (100_000, 103_000),
         "South: morale and results both held steady (eNPS +20 → +25, revenue €100k → €103k)."),
        # eNPS +40 → +10 (−30), revenue 200k → 260k (+30 %): apart.
        (10, 40, (200_000, 260_000),
         "South: morale fell while results rose (eNPS +40 → +10, revenue €200k → €260k)."),
    ],
)  # fmt: skip
def test_whether_morale_and_results_moved_together(
    now: float, before: float, revenue: tuple[float, float], expected: str
) -> None:
    assert together(mood(now, before), revenue[1], revenue[0], "€").text("en") == expected


def test_no_earlier_round_to_compare() -> None:
    assert (
        together(mood(-10, None), 1.0, 2.0).text("en")
        == "No earlier survey round for South to compare with."
    )


def test_morale_table_reads_the_team_kpis() -> None:
    # South's revenue 80,000 now and 100,000 before, attainment 80 %, win rate 25 %.
    rows = [
        ("team", "South", None, "2026-Q2", "revenue", 80_000.0, 8),
        ("team", "South", None, "2026-Q1", "revenue", 100_000.0, 10),
        ("team", "South", None, "2026-Q2", "target_attainment", 0.8, 8),
        ("team", "South", None, "2026-Q2", "win_rate", 0.25, 32),
    ]
    table = pd.DataFrame(rows, columns=["scope", "team", "rep", "period", "kpi", "value", "n"])
    (row,) = morale_table(morale_rows([mood(-50, 25)], table, "EUR"), "EUR").to_dict("records")
    assert (row["eNPS"], row["eNPS change"], row["Answers"]) == ("−50", "−75", 5)
    assert (row["Revenue"], row["Target attainment"], row["Win rate"]) == ("€80,000", "80%", "25%")
    assert row["Morale and results"].startswith("South: morale and results fell together")


@pytest.mark.parametrize(("value", "text"), [(14, "+14"), (-62.4, "−62"), (0.2, "0"), (None, "—")])
def test_enps_text(value: float | None, text: str) -> None:
    assert Enps(value).text("en") == text


# --- planted truth: team South's eNPS falls -------------------------------------------------


@pytest.mark.parametrize("seed", [7, 8, 9])
def test_the_planted_team_falls_and_is_named(seed: int) -> None:
    sheet = build_frames(seed)["Employee Survey"]
    table = pd.DataFrame(
        {"date": sheet["Survey Date"], "team": sheet["Team"].astype("string"),
         "score": sheet["Score"].astype(float)}
    )  # fmt: skip
    found = enps_frame(table, QUARTER)
    planted = PLANTED["low_enps"]
    assert planted.team == LOW_ENPS_TEAM == "South"
    south = found[found["team"] == "South"].set_index("period")["enps"]
    before = [p for p in QUARTER_LABELS if p not in AFTER]
    # Planted: +15 before (35 % promoters − 20 % detractors), −65 after (5 % − 70 %); with 4–5
    # answers a round the average over the rounds stays within 12 points of it.
    assert south[before].mean() == pytest.approx(planted.before, abs=12)
    assert south[list(AFTER)].mean() == pytest.approx(planted.after, abs=12)
    for period in AFTER:
        round_ = moods(found, period, survey_rounds(found, None, QUARTER))
        assert headline(round_).text("en").startswith("Team South: eNPS −")
        assert one(found, "South", period)["rank"] == 3  # last of the three teams
