"""Reporting periods: labels, bounds, fiscal quarters and the choice of the current period."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.model import schema as S
from analysis.model.periods import (
    PeriodSpec,
    all_periods,
    current_and_previous,
    data_span,
    period_bounds,
    period_labels,
    shift_period,
)
from analysis.read.period_labels import parse_period_label
from tests.tables import dataset

MONTH, QUARTER, FISCAL_APRIL = PeriodSpec("month"), PeriodSpec("quarter"), PeriodSpec("quarter", 4)


def deals(*rows: tuple[str, str, str | None]) -> pd.DataFrame:
    """Deals from (status, close date, created date) rows."""
    frame = pd.DataFrame(rows, columns=[S.STATUS, S.CLOSE_DATE, S.CREATED_DATE])
    frame[S.REP] = pd.Series(["Anna"] * len(rows), dtype="string")
    frame[S.AMOUNT] = 1000.0
    for column in (S.CLOSE_DATE, S.CREATED_DATE):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def activities(*dates: str) -> pd.DataFrame:
    return pd.DataFrame(
        {S.REP: pd.Series(["Anna"] * len(dates), dtype="string"), S.DATE: pd.to_datetime(dates)}
    )


@pytest.mark.parametrize(
    ("date", "spec", "label"),
    [
        ("2026-03-31", MONTH, "2026-03"),
        ("2026-03-31", QUARTER, "2026-Q1"),
        ("2026-07-01", QUARTER, "2026-Q3"),
        # fiscal year from April, named after the calendar year it ends in: Apr 2026 → FY2027
        ("2026-04-01", FISCAL_APRIL, "FY2027-Q1"),
        ("2026-03-31", FISCAL_APRIL, "FY2026-Q4"),
        ("2025-12-15", FISCAL_APRIL, "FY2026-Q3"),
        ("2026-10-01", FISCAL_APRIL, "FY2027-Q3"),
        # fiscal year from February: Feb-Apr 2026 is FY2027-Q1, January 2026 the last quarter
        ("2026-02-01", PeriodSpec("quarter", 2), "FY2027-Q1"),
        ("2026-01-31", PeriodSpec("quarter", 2), "FY2026-Q4"),
        # fiscal year from October (US federal style): Oct 2025 starts FY2026
        ("2025-10-01", PeriodSpec("quarter", 10), "FY2026-Q1"),
        ("2026-09-30", PeriodSpec("quarter", 10), "FY2026-Q4"),
    ],
)
def test_period_labels(date: str, spec: PeriodSpec, label: str) -> None:
    assert period_labels(pd.Series(pd.to_datetime([date])), spec).tolist() == [label]


def test_period_labels_keep_the_index_and_missing_dates() -> None:
    dates = pd.Series(pd.to_datetime(["2026-01-02", None, "2026-05-05"]), index=[10, 11, 12])
    labels = period_labels(dates, QUARTER)
    assert labels.index.tolist() == [10, 11, 12]
    assert labels[10] == "2026-Q1"
    assert pd.isna(labels[11])
    assert labels[12] == "2026-Q2"
    assert str(labels.dtype) == "string"


@pytest.mark.parametrize(
    ("label", "spec", "start", "end"),
    [
        ("2026-03", MONTH, "2026-03-01", "2026-04-01"),
        ("2026-12", MONTH, "2026-12-01", "2027-01-01"),
        ("2026-Q3", QUARTER, "2026-07-01", "2026-10-01"),
        ("FY2026-Q1", QUARTER, "2026-01-01", "2026-04-01"),  # FY of a January year = calendar
        ("FY2027-Q1", FISCAL_APRIL, "2026-04-01", "2026-07-01"),
        ("FY2027-Q4", FISCAL_APRIL, "2027-01-01", "2027-04-01"),
        ("FY2026-Q4", PeriodSpec("quarter", 2), "2025-11-01", "2026-02-01"),
    ],
)
def test_period_bounds(label: str, spec: PeriodSpec, start: str, end: str) -> None:
    assert period_bounds(label, spec) == (pd.Timestamp(start), pd.Timestamp(end))


@pytest.mark.parametrize(
    ("label", "spec"),
    [("2026-Q3", MONTH), ("2026-13", MONTH), ("Q3 2026", QUARTER), ("2026-Q1", FISCAL_APRIL)],
)
def test_period_bounds_reject_labels_of_another_kind(label: str, spec: PeriodSpec) -> None:
    with pytest.raises(ValueError, match=label):
        period_bounds(label, spec)


def test_spec_rejects_a_bad_grain_or_month() -> None:
    with pytest.raises(ValueError, match="grain"):
        PeriodSpec("week")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="fiscal_start_month"):
        PeriodSpec("quarter", 13)


@pytest.mark.parametrize(
    ("label", "spec", "steps", "expected"),
    [
        ("2026-Q1", QUARTER, -1, "2025-Q4"),
        ("2026-01", MONTH, -1, "2025-12"),
        ("FY2027-Q1", FISCAL_APRIL, -1, "FY2026-Q4"),
        ("2026-Q4", QUARTER, 1, "2027-Q1"),
    ],
)
def test_shift_period(label: str, spec: PeriodSpec, steps: int, expected: str) -> None:
    assert shift_period(label, spec, steps) == expected


def test_all_periods_run_without_gaps_from_first_to_last_date() -> None:
    # a deal closed in Jan, an activity in May: Feb-Apr have no data but are periods all the same
    data = dataset(deals=deals(("won", "2026-01-15", None)), activities=activities("2026-05-02"))
    assert all_periods(data, MONTH) == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"]
    assert all_periods(data, QUARTER) == ["2026-Q1", "2026-Q2"]
    assert all_periods(data, FISCAL_APRIL) == ["FY2026-Q4", "FY2027-Q1"]


def test_open_deals_expected_close_dates_do_not_extend_the_data() -> None:
    data = dataset(deals=deals(("won", "2026-03-31", "2026-01-10"), ("open", "2027-06-30", None)))
    assert data_span(data) == (pd.Timestamp("2026-01-10"), pd.Timestamp("2026-03-31"))
    assert all_periods(data, QUARTER) == ["2026-Q1"]


def test_a_partial_last_quarter_is_not_chosen_as_current() -> None:
    # data from January to 12 August: Q3 runs to 30 September, so it is partial
    data = dataset(
        deals=deals(("won", "2026-01-15", "2026-01-02"), ("lost", "2026-08-12", "2026-06-01"))
    )
    choice = current_and_previous(data, QUARTER)
    assert (choice.current, choice.previous) == ("2026-Q2", "2026-Q1")
    assert not choice.partial
    assert choice.partial_period == "2026-Q3"
    assert choice.last_date == pd.Timestamp("2026-08-12")
    assert "2026-Q3 is not complete" in choice.note.text("en")


def test_a_quarter_is_complete_when_the_data_reaches_its_last_working_day() -> None:
    # 2025-06-30 is a Monday, 2025-08-31 a Sunday: data to Friday 29 August completes August
    june = dataset(activities=activities("2025-04-01", "2025-06-27"))
    assert current_and_previous(june, QUARTER).partial_period == "2025-Q2"
    august = dataset(activities=activities("2025-07-01", "2025-08-29"))
    choice = current_and_previous(august, MONTH)
    assert (choice.current, choice.previous, choice.partial_period) == ("2025-08", "2025-07", None)


def test_a_chosen_partial_period_is_reported_as_partial() -> None:
    data = dataset(activities=activities("2026-01-05", "2026-05-20"))
    choice = current_and_previous(data, QUARTER, current="2026-Q2")
    assert (choice.current, choice.previous, choice.partial) == ("2026-Q2", "2026-Q1", True)
    assert "not complete" in choice.note.text("en")
    later = current_and_previous(data, QUARTER, current="2027-Q1")
    assert later.partial
    assert "nothing from this period" in later.note.text("en")


def test_the_only_period_is_chosen_even_when_partial() -> None:
    data = dataset(activities=activities("2026-04-01", "2026-04-20"))
    choice = current_and_previous(data, QUARTER)
    assert (choice.current, choice.previous, choice.partial) == ("2026-Q2", "2026-Q1", True)


def test_fiscal_quarters_starting_in_april() -> None:
    # data from 1 April 2025 to 31 March 2026 is exactly fiscal year FY2026
    data = dataset(activities=activities("2025-04-01", "2025-11-11", "2026-03-31"))
    assert all_periods(data, FISCAL_APRIL) == [f"FY2026-Q{q}" for q in (1, 2, 3, 4)]
    choice = current_and_previous(data, FISCAL_APRIL)
    assert (choice.current, choice.previous, choice.partial) == ("FY2026-Q4", "FY2026-Q3", False)
    assert current_and_previous(data, FISCAL_APRIL, "FY2026-Q2").previous == "FY2026-Q1"


def test_no_dates_give_no_period() -> None:
    choice = current_and_previous(dataset(), QUARTER)
    assert (choice.current, choice.previous, choice.last_date) == (None, None, None)
    assert all_periods(dataset(), QUARTER) == []


def test_a_bad_chosen_label_is_refused() -> None:
    data = dataset(activities=activities("2026-04-01"))
    with pytest.raises(ValueError, match="quarter label"):
        current_and_previous(data, QUARTER, current="2026-07")


@pytest.mark.parametrize(
    ("label", "start", "grain"),
    [
        ("2026-Q1", "2026-01-01", "quarter"),
        ("Apr-18", "2018-04-01", "month"),
        ("2026", "2026-01-01", "year"),
    ],
)
def test_target_sheet_labels_still_parse(label: str, start: str, grain: str) -> None:
    assert parse_period_label(label) == (pd.Timestamp(start), grain)


# --- the note, in English and Dutch ---------------------------------------------------------

PARTIAL_Q3 = ("2026-01-15", "2026-08-12")  # data from January to Wednesday 12 August


def _data(kind: str):
    if kind == "partial":  # Q3 runs to 30 September: partial, so Q2 is shown
        return dataset(
            deals=deals(("won", PARTIAL_Q3[0], "2026-01-02"), ("lost", PARTIAL_Q3[1], None))
        )
    if kind == "complete":  # to Tuesday 30 June 2026: Q2 is complete
        return dataset(activities=activities("2026-01-05", "2026-06-30"))
    if kind == "only":  # one partial quarter, the only one there is
        return dataset(activities=activities("2026-04-01", "2026-04-20"))
    return dataset()


@pytest.mark.parametrize(
    ("kind", "current", "lang", "note"),
    [
        (
            "partial",
            None,
            "en",
            "Showing 2026-Q2, the last complete period. 2026-Q3 is not complete yet (the data "
            "runs to 2026-08-12), so it is not compared as if it were.",
        ),
        (
            "partial",
            None,
            "nl",
            "Je ziet 2026-Q2, de laatste volledige periode. 2026-Q3 is nog niet compleet (de data "
            "loopt tot 12 aug 2026), dus die periode wordt niet vergeleken alsof hij al rond is.",
        ),
        (
            "complete",
            None,
            "nl",
            "Je ziet 2026-Q2, de laatste volledige periode (data tot en met 30 jun 2026).",
        ),
        (
            "only",
            None,
            "nl",
            "Je ziet 2026-Q2, maar die periode is niet compleet: de data loopt tot 20 apr 2026.",
        ),
        ("none", None, "nl", "De data bevat geen datums."),
        ("none", None, "en", "The data holds no dates."),
        (
            "partial",
            "2026-Q3",
            "nl",
            "Je ziet 2026-Q3, zelf gekozen. Deze periode is niet compleet: de data loopt tot "
            "12 aug 2026.",
        ),
        (
            "partial",
            "2027-Q1",
            "nl",
            "Je ziet 2027-Q1, zelf gekozen. De data bevat niets uit deze periode.",
        ),
        ("partial", "2026-Q1", "nl", "Je ziet 2026-Q1, zelf gekozen."),
        ("partial", "2026-Q1", "en", "Showing 2026-Q1, chosen by hand."),
    ],
)
def test_the_note_says_which_period_and_why(
    kind: str, current: str | None, lang: str, note: str
) -> None:
    choice = current_and_previous(_data(kind), QUARTER, current)
    assert choice.note.text(lang) == note
