"""Slices of the KPI table for the Team overview, on a hand-made long table."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.kpis.labels import definitions, team_name
from analysis.kpis.overview import (
    CARDS,
    MEDIAN,
    attainment_frame,
    board,
    change,
    headline_cards,
    leaderboard,
    recognition,
    rep_trend_frame,
    trend_frame,
    value_of,
)

NAN = math.nan


def _row(
    scope: str, team: str | None, rep: str | None, period: str, kpi: str, value: float, n: int = 10
) -> dict:
    return {
        "scope": scope,
        "team": team,
        "rep": rep,
        "period": period,
        "kpi": kpi,
        "value": value,
        "n": n,
    }


TABLE = pd.DataFrame(
    [
        _row("all", None, None, "2026-Q2", "revenue", 300.0),
        _row("all", None, None, "2026-Q3", "revenue", 240.0),
        _row("all", None, None, "2026-Q2", "cycle_days", 40.0),
        _row("all", None, None, "2026-Q3", "cycle_days", 50.0),
        _row("team", "North", None, "2026-Q3", "revenue", 150.0),
        _row("rep", "North", "Anna", "2026-Q2", "revenue", 100.0),
        _row("rep", "North", "Anna", "2026-Q3", "revenue", 150.0),
        _row("rep", "South", "Emma", "2026-Q2", "revenue", 200.0),
        _row("rep", "South", "Emma", "2026-Q3", "revenue", 90.0),
        _row("rep", "South", "Bram", "2026-Q2", "revenue", 0.0),
        _row("rep", "South", "Bram", "2026-Q3", "revenue", NAN, 0),
        _row("rep", "North", "Anna", "2026-Q3", "target_attainment", 1.5),
        _row("rep", "South", "Emma", "2026-Q3", "target_attainment", 0.45),
        _row("rep", "North", "Anna", "2026-Q3", "win_rate", 0.5, 2),
        _row("rep", "South", "Emma", "2026-Q3", "win_rate", 0.4, 30),
    ]
)


def test_value_of_company_and_team() -> None:
    assert value_of(TABLE, "revenue", "2026-Q3") == 240.0
    assert value_of(TABLE, "revenue", "2026-Q3", "North") == 150.0
    assert value_of(TABLE, "revenue", "2026-Q1") is None


@pytest.mark.parametrize(
    ("key", "higher_is_better", "delta", "good"),
    [
        ("revenue", True, -60.0, False),  # 240 - 300: revenue fell, bad
        ("cycle_days", False, 10.0, False),  # 50 - 40: slower cycle, bad
    ],
)
def test_change_colours_by_direction(
    key: str, higher_is_better: bool, delta: float, good: bool
) -> None:
    result = change(TABLE, key, "2026-Q3", "2026-Q2", higher_is_better)
    assert result.delta == delta
    assert result.good is good


def test_trend_has_team_and_highlighted_rep_in_period_order() -> None:
    trend = trend_frame(TABLE, "revenue", ["2026-Q2", "2026-Q3"], highlight="Emma")
    assert trend.to_dict("records") == [
        {"period": "2026-Q2", "series": "Team", "value": 300.0},
        {"period": "2026-Q2", "series": "Emma", "value": 200.0},
        {"period": "2026-Q3", "series": "Team", "value": 240.0},
        {"period": "2026-Q3", "series": "Emma", "value": 90.0},
    ]


def test_attainment_derives_target_from_revenue() -> None:
    frame = attainment_frame(TABLE, "2026-Q3").set_index("rep")
    assert frame.loc["Anna", "target"] == 100.0  # 150 / 1.5
    assert frame.loc["Emma", "target"] == 200.0  # 90 / 0.45


def test_leaderboard_ranks_known_values_and_respects_sample_size() -> None:
    board = leaderboard(TABLE, "revenue", "2026-Q3", higher_is_better=True)
    assert board[["rep", "rank"]].values.tolist() == [["Anna", 1], ["Emma", 2]]  # Bram unknown
    closers = leaderboard(TABLE, "win_rate", "2026-Q3", higher_is_better=True, min_n=5)
    assert closers["rep"].tolist() == ["Emma"]  # Anna's 2 closed deals are too few to rank


def test_recognition_names_top_and_most_improved() -> None:
    found = recognition(TABLE, "revenue", "2026-Q3", "2026-Q2", higher_is_better=True)
    assert [(r.rep, r.kind) for r in found] == [("Anna", "top"), ("Anna", "improved")]
    assert found[1].previous == 100.0


def test_works_on_a_real_kpi_table_with_categorical_columns() -> None:
    from analysis.kpis.table import kpi_table
    from analysis.model.periods import PeriodSpec
    from analysis.read.upload import read_files
    from tests.builders import csv_bytes

    rows = [
        ["Owner", "Amount", "Stage", "Close Date"],
        ["Anna", "100", "Won", "2026-02-01"],
        ["Bram", "300", "Won", "2026-02-01"],
        ["Anna", "500", "Won", "2026-05-01"],
        ["Bram", "200", "Won", "2026-05-01"],
    ]
    data = read_files([("d.csv", csv_bytes(rows))]).dataset()
    table = kpi_table(data, PeriodSpec("quarter"))
    found = recognition(table, "revenue", "2026-Q2", "2026-Q1", higher_is_better=True)
    # Q2: Anna 500 > Bram 200; Anna grew 100 -> 500, Bram fell 300 -> 200.
    assert [(r.rep, r.kind, r.value, r.previous) for r in found] == [
        ("Anna", "top", 500.0, 100.0),
        ("Anna", "improved", 500.0, 100.0),
    ]
    board = leaderboard(table, "revenue", "2026-Q2", higher_is_better=True)
    assert board["rep"].tolist() == ["Anna", "Bram"]
    assert not isinstance(board["rep"].dtype, pd.CategoricalDtype)


# --- the texts: definitions, the team picked, the period shown, in English and Dutch ---------


def test_definitions_in_english_are_the_registry_and_funnel_texts() -> None:
    from analysis.kpis.registry import KPIS
    from analysis.pipeline.funnel import DEFINITION, VARIANT

    table = definitions([KPIS["revenue"], KPIS["win_rate"]])
    assert table.columns.tolist() == ["KPI", "What it means", "Variant chosen"]
    assert table["KPI"].tolist() == ["Revenue", "Win rate", "Funnel"]
    assert table.iloc[0, 1] == KPIS["revenue"].definition
    assert table.iloc[1, 2] == "won / (won + lost), by close date"
    # the catalogue's funnel row says exactly what analysis/pipeline/funnel.py says
    assert table.iloc[2].tolist() == ["Funnel", DEFINITION, VARIANT]


def test_definitions_in_dutch() -> None:
    from analysis.kpis.registry import KPIS

    table = definitions([KPIS["win_rate"], KPIS["cycle_days"]], lang="nl")
    assert table.columns.tolist() == ["KPI", "Wat het betekent", "Gekozen variant"]
    assert table["KPI"].tolist() == ["Winratio", "Doorlooptijd", "Funnel"]
    assert table.iloc[0, 1].startswith("Gewonnen deals ÷ (gewonnen + verloren deals)")
    assert table.iloc[0, 2] == "gewonnen / (gewonnen + verloren), op sluitdatum"
    assert table.iloc[2, 1].startswith("Deals die in de periode zijn aangemaakt")


@pytest.mark.parametrize(
    ("team", "lang", "shown"),
    [
        ("All teams", "en", "All teams"),
        ("All teams", "nl", "Alle teams"),
        ("South", "nl", "South"),  # a team's own name is never translated
    ],
)
def test_team_name(team: str, lang: str, shown: str) -> None:
    assert team_name(team, lang) == shown


def test_region_note_in_english_is_the_regions_rule() -> None:
    from analysis.customers.regions import NOTE
    from analysis.words.catalogue import t

    assert t("overview.region_note") == NOTE
    assert t("overview.region_note", "nl").startswith("Alleen de verkopers van deze regio")


def test_recognition_when_nobody_sold_in_both_periods() -> None:
    # Regression: Anna sold only now and Emma only before, names as text ("string" dtype, as
    # the KPI table has them): the gain of no one came out as text and the subtraction raised
    # TypeError. By hand: Anna (150) is thanked as top; no one can have improved.
    table = pd.DataFrame(
        [
            _row("rep", "North", "Anna", "2026-Q3", "revenue", 150.0),
            _row("rep", "South", "Emma", "2026-Q2", "revenue", 200.0),
        ]
    ).astype({"rep": "string", "team": "string"})
    found = recognition(table, "revenue", "2026-Q3", "2026-Q2", higher_is_better=True)
    assert [(r.rep, r.kind, r.value, r.previous) for r in found] == [("Anna", "top", 150.0, None)]


def test_headline_cards_of_the_company_by_hand() -> None:
    cards = headline_cards(TABLE, "2026-Q3", "2026-Q2", ["2026-Q2", "2026-Q3"], None)
    assert [c.change.key for c in cards] == CARDS
    revenue = cards[0]
    assert (revenue.change.current, revenue.change.previous) == (240.0, 300.0)
    assert revenue.change.delta == -60.0
    assert revenue.change.good is False
    assert revenue.trend == [300.0, 240.0]
    cycle = cards[CARDS.index("cycle_days")]
    assert cycle.change.delta == 10.0
    assert cycle.change.good is False
    win = cards[CARDS.index("win_rate")]
    assert win.change.current is None
    assert win.trend == []


def test_board_ranks_reps_with_enough_behind_them_and_names_who_to_thank() -> None:
    ranked = board(TABLE, "revenue", "2026-Q3", "2026-Q2", None)
    # Anna 150 (n 10), Emma 90 (n 10); Bram unknown. Anna tops and is also the only one who
    # improved (100 → 150; Emma fell 200 → 90), so she is thanked for both.
    assert ranked.ranked["rep"].tolist() == ["Anna", "Emma"]
    assert [(s.rep, s.kind) for s in ranked.shouts] == [("Anna", "top"), ("Anna", "improved")]
    wins = board(TABLE, "win_rate", "2026-Q3", "2026-Q2", "North")
    assert wins.ranked.empty  # Anna's 2 deals are fewer than BOARD_MIN_N


def _rep_revenue(rep: str, team: str, values: tuple[float, float, float]) -> list[dict]:
    return [
        _row("rep", team, rep, period, "revenue", value)
        for period, value in zip(("2026-Q1", "2026-Q2", "2026-Q3"), values, strict=True)
    ]


# A team of four (one with no revenue known in Q3) and another team whose reps must not count.
TEAMS = pd.DataFrame(
    _rep_revenue("Emma", "South", (40.0, 10.0, 5.0))
    + _rep_revenue("Noah", "South", (100.0, 60.0, 80.0))
    + _rep_revenue("Daan", "South", (20.0, 30.0, 50.0))
    + _rep_revenue("Julia", "South", (70.0, 80.0, NAN))
    + _rep_revenue("Anna", "North", (900.0, 900.0, 900.0))
    + [_row("team", "South", None, p, "revenue", 500.0) for p in ("2026-Q1", "2026-Q2", "2026-Q3")]
)
QUARTERS = ["2026-Q1", "2026-Q2", "2026-Q3"]


def test_a_rep_is_set_against_the_median_rep_of_the_team() -> None:
    trend = rep_trend_frame(TEAMS, "revenue", QUARTERS, "Emma")
    # Q1: South's 40, 100, 20, 70 → sorted 20, 40, 70, 100 → median (40 + 70) / 2 = 55
    # Q2: 10, 60, 30, 80 → 10, 30, 60, 80 → (30 + 60) / 2 = 45
    # Q3: Julia unknown → 5, 80, 50 → 5, 50, 80 → 50; North's Anna and the team total never count
    assert trend.values.tolist() == [
        ["2026-Q1", MEDIAN, 55.0],
        ["2026-Q1", "Emma", 40.0],
        ["2026-Q2", MEDIAN, 45.0],
        ["2026-Q2", "Emma", 10.0],
        ["2026-Q3", MEDIAN, 50.0],
        ["2026-Q3", "Emma", 5.0],
    ]
    assert rep_trend_frame(TEAMS, "revenue", QUARTERS, "Emma", "South").equals(trend)


def test_the_median_rep_follows_the_periods_asked_for() -> None:
    trend = rep_trend_frame(TEAMS, "revenue", ["2026-Q2", "2026-Q3"], "Noah")
    assert trend[trend["series"] == MEDIAN]["value"].tolist() == [45.0, 50.0]
    assert trend[trend["series"] == "Noah"]["value"].tolist() == [60.0, 80.0]
