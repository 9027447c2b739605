"""'This quarter so far': the period in progress, compared with the same first days before it.

The data runs to 2026-07-20, 20 days into 2026-Q3. Counted by hand below: in each quarter only
what happened in its first 20 days counts, and targets count for the days they cover.
"""

from __future__ import annotations

import pytest

from analysis.kpis.query import KpiTable
from analysis.kpis.table import kpi_table
from analysis.model import schema as S
from analysis.model.periods import (
    SO_FAR,
    PeriodSpec,
    choose_period,
    period_labels,
    period_options,
)
from tests.tables import dataset, frame

QUARTER = PeriodSpec("quarter")
DEALS = frame(
    "deal_id rep status amount created_date close_date",
    [
        ("d1", "Anna", "won", 1000.0, "2026-04-01", "2026-04-10"),  # day 10 of Q2: counts
        ("d2", "Anna", "won", 5000.0, "2026-04-01", "2026-05-20"),  # day 50 of Q2: does not
        ("d3", "Anna", "lost", 300.0, "2026-04-02", "2026-04-05"),  # day 5 of Q2: counts
        ("d4", "Anna", "won", 2000.0, "2026-07-01", "2026-07-15"),  # day 15 of Q3
        ("d5", "Anna", "lost", 400.0, "2026-07-02", "2026-07-18"),  # day 18 of Q3
        ("d6", "Anna", "open", 700.0, "2026-07-03", "2026-09-30"),
    ],
    dates=(S.CREATED_DATE, S.CLOSE_DATE),
)
ACTIVITIES = frame(
    "rep date type",
    [("Anna", d, "call") for d in ("2026-04-03", "2026-04-19", "2026-04-25", "2026-07-20")],
    dates=(S.DATE,),
)
TARGETS = frame(
    "rep period period_end period_grain target",
    [
        ("Anna", "2026-04-01", "2026-07-01", "quarter", 9000.0),  # 3,000 a month
        ("Anna", "2026-07-01", "2026-10-01", "quarter", 9300.0),  # 3,100 a month
    ],
    dates=(S.PERIOD, "period_end"),
)
DATA = dataset(deals=DEALS, activities=ACTIVITIES, targets=TARGETS)


def test_the_period_in_progress_is_offered_first_then_complete_periods_newest_first() -> None:
    assert period_options(DATA, QUARTER) == [SO_FAR, "2026-Q2"]


def test_so_far_counts_the_days_from_the_start_of_the_period_to_the_last_date() -> None:
    spec, choice = choose_period(DATA, QUARTER, SO_FAR)
    assert spec == PeriodSpec("quarter", days=20)
    assert (choice.current, choice.previous, choice.so_far) == ("2026-Q3", "2026-Q2", 20)
    assert choice.note.text("en") == (
        "Showing 2026-Q3 so far: 2026-07-01 to 2026-07-20 (20 days), each number compared "
        "with the same first 20 days of earlier periods."
    )


def test_dates_past_the_first_days_of_their_period_belong_to_no_period() -> None:
    labels = period_labels(DEALS[S.CLOSE_DATE], PeriodSpec("quarter", days=20))
    assert labels.isna().tolist() == [False, True, False, False, False, True]


def test_kpis_so_far_compare_like_for_like() -> None:
    spec, _ = choose_period(DATA, QUARTER, SO_FAR)
    table = KpiTable(kpi_table(DATA, spec))
    assert table.value("revenue", "2026-Q2", rep="Anna") == pytest.approx(1000.0)
    assert table.value("revenue", "2026-Q3", rep="Anna") == pytest.approx(2000.0)
    assert table.value("win_rate", "2026-Q2", rep="Anna") == pytest.approx(0.5)
    assert table.value("activities", "2026-Q2", rep="Anna") == pytest.approx(2.0)
    # April's 20 days of 3,000; July's 20 of 31 days of 3,100
    assert table.value("target", "2026-Q2", rep="Anna") == pytest.approx(2000.0)
    assert table.value("target", "2026-Q3", rep="Anna") == pytest.approx(2000.0)


def test_whole_periods_are_counted_by_default() -> None:
    spec, choice = choose_period(DATA, QUARTER)
    assert (spec, choice.current, choice.so_far) == (QUARTER, "2026-Q2", None)
    table = KpiTable(kpi_table(DATA, spec))
    assert table.value("revenue", "2026-Q2", rep="Anna") == pytest.approx(6000.0)
    assert table.value("target", "2026-Q2", rep="Anna") == pytest.approx(9000.0)


def test_a_pick_the_data_does_not_hold_falls_back_to_the_last_complete_period() -> None:
    assert choose_period(DATA, QUARTER, "2019-Q1")[1].current == "2026-Q2"
    assert choose_period(DATA, PeriodSpec("month"), "2026-Q2")[1].current == "2026-06"


def test_a_complete_month_can_be_picked() -> None:
    spec, choice = choose_period(DATA, PeriodSpec("month"), "2026-04")
    assert (choice.current, choice.previous, spec.days) == ("2026-04", "2026-03", None)
    assert KpiTable(kpi_table(DATA, spec)).value("revenue", "2026-04", rep="Anna") == 1000.0
