"""Tables of stage names and flags and the deal status they must become (analysis/read/stages.py).

Every expected value here is worked out by hand, never by the code under test.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.read.stages import parse_bools, parse_status, status_from_flags
from tests.columns import col, str_col
from tests.said import en

NAN = float("nan")


# ============================================================================================
# Status


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Closed Won", "won"),
        ("closed won", "won"),
        ("CLOSED WON", "won"),
        ("Closed/Won", "won"),
        ("Closed - Won", "won"),
        ("Won", "won"),
        ("won", "won"),
        ("Gewonnen", "won"),
        ("Deal won", "won"),
        ("Gesloten gewonnen", "won"),
        ("Gesloten / gewonnen", "won"),
        ("Signed", "won"),
        ("Getekend", "won"),
        ("Akkoord", "won"),
        ("Order", "won"),
        ("100%", "won"),
        ("Closed Won - Renewal", "won"),
        ("Closed Lost", "lost"),
        ("Lost", "lost"),
        ("lost", "lost"),
        ("Verloren", "lost"),
        ("Deal lost", "lost"),
        ("Gesloten verloren", "lost"),
        ("Afgewezen", "lost"),
        ("Rejected", "lost"),
        ("Disqualified", "lost"),
        ("Cancelled", "lost"),
        ("Canceled", "lost"),
        ("Geannuleerd", "lost"),
        ("Niet gewonnen", "lost"),
        ("Closed Lost (Price)", "lost"),
        ("Prospecting", "open"),
        ("Qualification", "open"),
        ("Needs Analysis", "open"),
        ("Value Proposition", "open"),
        ("Id. Decision Makers", "open"),
        ("Perception Analysis", "open"),
        ("Proposal/Price Quote", "open"),
        ("Proposal/Quote", "open"),
        ("Negotiation/Review", "open"),
        ("Discovery", "open"),
        ("Appointment scheduled", "open"),
        ("appointmentscheduled", "open"),
        ("Qualified to buy", "open"),
        ("Presentation scheduled", "open"),
        ("Decision maker bought-in", "open"),
        ("Contract sent", "open"),
        ("Open", "open"),
        ("open", "open"),
        ("Lead", "open"),
        ("Offerte", "open"),
        ("Onderhandeling", "open"),
        ("Kwalificatie", "open"),
        ("Nieuw", "open"),
        ("In behandeling", "open"),
        ("3. Proposal", "open"),
        ("Proposal (60%)", "open"),
        ("50%", "open"),
        ("  Negotiation / Review  ", "open"),
        ("Kwalificatié", "open"),
    ],
)
def test_status_vocabulary(raw: str, expected: str) -> None:
    result = parse_status(str_col(raw))
    assert result.values.iloc[0] == expected
    assert result.unknown == ()
    assert en(result.notes) == ()


def test_unknown_stages_count_as_open_and_are_listed() -> None:
    raw = str_col("Closed Won", "deleted", "Foo", "Bar", "0%", None, "", "Won't proceed", "Foo")
    result = parse_status(raw)
    assert result.values.tolist() == [
        "won",
        "open",
        "open",
        "open",
        "open",
        None,
        None,
        "open",
        "open",
    ]
    assert result.unknown == ("0%", "Bar", "deleted", "Foo", "Won't proceed")
    assert en(result.notes) == (
        "5 stage names were not recognised and count as open: 0%, Bar, deleted, Foo, "
        "Won't proceed.",
    )


def test_one_unknown_stage_note() -> None:
    result = parse_status(str_col("won", "lost", "open", "deleted"))
    assert result.values.tolist() == ["won", "lost", "open", "open"]
    assert en(result.notes) == ("1 stage name was not recognised and counts as open: deleted.",)


def test_status_keeps_index_and_object_dtype() -> None:
    result = parse_status(pd.Series(["Won", None], index=["a", "b"], dtype=object))
    assert result.values.index.tolist() == ["a", "b"]
    assert result.values.dtype == object
    assert result.values.tolist() == ["won", None]


@pytest.mark.parametrize(
    ("is_won", "is_closed", "expected"),
    [
        ("true", "true", "won"),
        ("false", "true", "lost"),
        ("false", "false", "open"),
        ("", "", "open"),  # blank is false in Salesforce exports
        (None, None, "open"),
        ("true", "", "won"),
        ("", "true", "lost"),
        ("1", "1", "won"),
        ("0", "1", "lost"),
        ("maybe", "true", None),  # unreadable flag decides nothing
    ],
)
def test_status_from_salesforce_flags(
    is_won: str | None, is_closed: str | None, expected: str | None
) -> None:
    result = status_from_flags(col(is_won), col(is_closed), None)
    assert result.tolist() == [expected]


def test_status_from_probability() -> None:
    probability = col(100, 0, 50, None, "100%", "0%", "75,5", 10.0)
    result = status_from_flags(None, None, probability)
    assert result.tolist() == ["won", "lost", "open", None, "won", "lost", "open", "open"]


def test_status_from_probability_written_as_fractions() -> None:
    result = status_from_flags(None, None, pd.Series([1.0, 0.0, 0.25]))
    assert result.tolist() == ["won", "lost", "open"]


def test_status_from_closed_flag_and_probability() -> None:
    closed = col("true", "true", "true", "false", "maybe")
    probability = pd.Series([100.0, 0.0, NAN, 0.0, 100.0])
    result = status_from_flags(None, closed, probability)
    assert result.tolist() == ["won", "lost", None, "open", "won"]


def test_status_from_won_flag_only() -> None:
    result = status_from_flags(col(True, False, None), None, None)
    assert result.tolist() == ["won", None, None]


def test_status_from_flags_keeps_index() -> None:
    probability = pd.Series([100, 0], index=[7, 9])
    assert status_from_flags(None, None, probability).index.tolist() == [7, 9]


def test_status_from_flags_needs_something() -> None:
    with pytest.raises(ValueError, match="at least one"):
        status_from_flags(None, None, None)


# ============================================================================================
# Booleans


@pytest.mark.parametrize(
    ("raw", "expected", "failed"),
    [
        ("TRUE", True, False),
        ("true", True, False),
        ("True", True, False),
        ("1", True, False),
        ("yes", True, False),
        ("Yes", True, False),
        ("ja", True, False),
        ("Ja", True, False),
        ("y", True, False),
        ("x", True, False),
        ("X", True, False),
        ("✓", True, False),
        ("FALSE", False, False),
        ("false", False, False),
        ("0", False, False),
        ("no", False, False),
        ("nee", False, False),
        ("Nee", False, False),
        ("n", False, False),
        (True, True, False),
        (False, False, False),
        (1, True, False),
        (0, False, False),
        (1.0, True, False),
        (None, None, False),
        ("", None, False),
        ("  ", None, False),
        (NAN, None, False),
        ("maybe", None, True),
        (2, None, True),
        ("2", None, True),
    ],
)
def test_bools(raw: object, expected: bool | None, failed: bool) -> None:
    values, failed_mask = parse_bools(col(raw))
    assert str(values.dtype) == "boolean"
    if expected is None:
        assert values.isna().iloc[0]
    else:
        assert values.iloc[0] == expected
    assert bool(failed_mask.iloc[0]) is failed


def test_bool_columns_take_the_fast_path() -> None:
    values, failed = parse_bools(pd.Series([True, False]))
    assert values.tolist() == [True, False]
    assert failed.tolist() == [False, False]
    values, failed = parse_bools(pd.Series([1, 0, 2]))
    assert values.tolist() == [True, False, pd.NA]
    assert failed.tolist() == [False, False, True]
