"""Tables of raw cells and the dates they must become (analysis/read/dates.py, date_formats.py).

Every expected value here is worked out by hand (or with plain datetime arithmetic), never by
the code under test.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.read.dates import parse_dates
from tests.columns import col, stamps, str_col
from tests.said import en

NAN = float("nan")
NAT = pd.NaT
T = pd.Timestamp
F, T_ = False, True


# ============================================================================================
# Dates


DATES = [
    # raw, expected, day_first decision for the one-value column
    ("2026-03-14", T("2026-03-14"), None),
    ("2026-3-4", T("2026-03-04"), None),
    ("2026/03/14", T("2026-03-14"), None),
    ("2026.03.14", T("2026-03-14"), None),
    ("2026-03-14 13:45", T("2026-03-14 13:45"), None),
    ("2026-03-14 13:45:07", T("2026-03-14 13:45:07"), None),
    ("2026-03-14T16:14:25.000+0000", T("2026-03-14 16:14:25"), None),
    ("2026-03-14T16:14:25Z", T("2026-03-14 16:14:25"), None),
    ("2026-03-14T16:14:25+01:00", T("2026-03-14 15:14:25"), None),
    ("2026-03-14T16:14:25.123456789-0530", T("2026-03-14 21:44:25.123456789"), None),
    ("2026-03-14 16:14:25 UTC", T("2026-03-14 16:14:25"), None),
    ("2026-03-14T00:30:00+02", T("2026-03-13 22:30:00"), None),
    ("14-03-2026", T("2026-03-14"), True),
    ("14/03/2026", T("2026-03-14"), True),
    ("14.03.2026", T("2026-03-14"), True),
    ("03/14/2026", T("2026-03-14"), False),
    ("3/14/2026", T("2026-03-14"), False),
    ("14.03.26", T("2026-03-14"), True),
    ("25-12-99", T("1999-12-25"), True),
    ("25-12-68", T("2068-12-25"), True),
    ("25-12-69", T("1969-12-25"), True),
    ("14.03.2026 09:30", T("2026-03-14 09:30"), True),
    ("14-03-2026 9:05:30", T("2026-03-14 09:05:30"), True),
    ("3/14/2026 9:05 AM", T("2026-03-14 09:05"), False),
    ("3/14/2026, 4:14 PM", T("2026-03-14 16:14"), False),
    ("3/14/2026 12:05 AM", T("2026-03-14 00:05"), False),
    ("3/14/2026 12:05 PM", T("2026-03-14 12:05"), False),
    ("3/14/2026 1:05 p.m.", T("2026-03-14 13:05"), False),
    ("20260314", T("2026-03-14"), None),
    ("46095", T("2026-03-14"), None),  # date(1899, 12, 30) + 46095 days
    ("46095.5", T("2026-03-14 12:00"), None),
    ("46095,75", T("2026-03-14 18:00"), None),
    ("1773504865", T("2026-03-14 16:14:25"), None),  # Unix seconds
    ("1773504865000", T("2026-03-14 16:14:25"), None),  # Unix milliseconds
    ("14 Mar 2026", T("2026-03-14"), None),
    ("14 March 2026", T("2026-03-14"), None),
    ("Mar 14, 2026", T("2026-03-14"), None),
    ("March 14 2026", T("2026-03-14"), None),
    ("March 14th, 2026", T("2026-03-14"), None),
    ("Saturday, March 14, 2026", T("2026-03-14"), None),
    ("Sat 14 Mar 2026", T("2026-03-14"), None),
    ("Mar 14, 2026 9:05 PM", T("2026-03-14 21:05"), None),
    ("14 maart 2026", T("2026-03-14"), None),
    ("14-mrt-2026", T("2026-03-14"), None),
    ("14 mrt. 2026", T("2026-03-14"), None),
    ("14-MRT-26", T("2026-03-14"), None),
    ("za 14 maart 2026", T("2026-03-14"), None),
    ("1 mei 2026", T("2026-05-01"), None),
    ("14 okt 2026 10:00", T("2026-10-14 10:00"), None),
    ("14. März 2026", T("2026-03-14"), None),
    ("14 août 2026", T("2026-08-14"), None),
    ("1st March 2026", T("2026-03-01"), None),
    ("  2026-03-14  ", T("2026-03-14"), None),
]


@pytest.mark.parametrize(("raw", "expected", "day_first"), DATES)
def test_date_formats(raw: str, expected: pd.Timestamp, day_first: bool | None) -> None:
    for series in (str_col(raw), col(raw)):
        result = parse_dates(series)
        assert result.values.iloc[0] == expected
        assert not bool(result.failed.iloc[0])
        assert result.day_first is day_first
        assert result.ambiguous is False
        assert str(result.values.dtype) == "datetime64[ns]"


@pytest.mark.parametrize(
    "raw",
    [
        "12-04-201800",
        "soon",
        "TBD",
        "2026-13-01",
        "2026-02-30",
        "31-02-2026",
        "32/01/2026",
        "13/13/2026",
        "14-03.2026",
        "2026-03/14",
        "Q1 2026",
        "14 Foo 2026",
        "foo 14 Mar 2026",
        "2026-03-14 25:00",
        "2026-03-14 12:60",
        "3/14/2026 13:05 PM",
        "3/14/2026 0:05 AM",
        "12345",  # below the Excel serial range
        "99999",  # above it
        "20261399",
        "0001-01-01",  # outside datetime64[ns]
        "3000-01-01",
        "14/03",
        "2026",
    ],
)
def test_dates_that_fail(raw: str) -> None:
    result = parse_dates(str_col(raw))
    assert result.values.isna().iloc[0]
    assert bool(result.failed.iloc[0])
    assert f"1 value could not be read as dates (e.g. '{raw}')." in en(result.notes)


@pytest.mark.parametrize("raw", [None, NAN, pd.NA, NAT, "", "   ", "-", "--", "\u00a0"])
def test_date_blanks_are_not_failed(raw: object) -> None:
    result = parse_dates(col(raw, "2026-03-14"))
    assert result.values.isna().iloc[0]
    assert not bool(result.failed.iloc[0])
    assert en(result.notes) == ()


@pytest.mark.parametrize(
    ("column", "prefer", "expected", "day_first", "ambiguous", "note"),
    [
        (  # slash and nothing decides: month-first (US)
            ["03/04/2026", "05/06/2026"],
            None,
            [T("2026-03-04"), T("2026-05-06")],
            False,
            True,
            "Dates in this column could be read day-first or month-first "
            "(e.g. 03/04/2026); read as month-first.",
        ),
        (  # dash and nothing decides: day-first
            ["03-04-2026", "05-06-2026"],
            None,
            [T("2026-04-03"), T("2026-06-05")],
            True,
            True,
            "Dates in this column could be read day-first or month-first "
            "(e.g. 03-04-2026); read as day-first.",
        ),
        (  # dot and nothing decides: day-first
            ["03.04.2026"],
            None,
            [T("2026-04-03")],
            True,
            True,
            "Dates in this column could be read day-first or month-first "
            "(e.g. 03.04.2026); read as day-first.",
        ),
        (  # the caller's preference settles an ambiguous column
            ["03/04/2026", "05/06/2026"],
            True,
            [T("2026-04-03"), T("2026-06-05")],
            True,
            True,
            "Dates in this column could be read day-first or month-first "
            "(e.g. 03/04/2026); read as day-first.",
        ),
        (
            ["03-04-2026"],
            False,
            [T("2026-03-04")],
            False,
            True,
            "Dates in this column could be read day-first or month-first "
            "(e.g. 03-04-2026); read as month-first.",
        ),
        (  # one value that only works day-first decides the column, whatever the preference
            ["03/04/2026", "25/12/2026"],
            False,
            [T("2026-04-03"), T("2026-12-25")],
            True,
            False,
            None,
        ),
        (  # one value that only works month-first decides the column
            ["03-04-2026", "12-25-2026"],
            True,
            [T("2026-03-04"), T("2026-12-25")],
            False,
            False,
            None,
        ),
        (  # values that read the same both ways are not ambiguous
            ["03/03/2026", "04/04/2026"],
            None,
            [T("2026-03-03"), T("2026-04-04")],
            False,
            False,
            None,
        ),
        (  # ISO dates are not part of the decision
            ["2026-03-04", "05-06-2026"],
            None,
            [T("2026-03-04"), T("2026-06-05")],
            True,
            True,
            "Dates in this column could be read day-first or month-first "
            "(e.g. 05-06-2026); read as day-first.",
        ),
    ],
)
def test_day_first_is_decided_per_column(
    column: list[str],
    prefer: bool | None,
    expected: list[pd.Timestamp],
    day_first: bool,
    ambiguous: bool,
    note: str | None,
) -> None:
    result = parse_dates(str_col(*column), prefer_day_first=prefer)
    assert stamps(result.values) == expected
    assert result.day_first is day_first
    assert result.ambiguous is ambiguous
    assert not result.failed.any()
    if note is None:
        assert not any("day-first or month-first" in n for n in en(result.notes))
    else:
        assert note in en(result.notes)


def test_conflicting_dates_follow_the_majority_and_the_minority_fails() -> None:
    result = parse_dates(str_col("25/12/2026", "13/01/2026", "12/25/2026", "03/04/2026"))
    assert result.day_first is True
    assert result.ambiguous is False
    assert stamps(result.values) == [T("2026-12-25"), T("2026-01-13"), None, T("2026-04-03")]
    assert result.failed.tolist() == [False, False, True, False]
    assert (
        "1 date in this column can only be read month-first (e.g. '12/25/2026') while the rest "
        "reads day-first; it was counted as unreadable." in en(result.notes)
    )


def test_date_majority_counts_rows() -> None:
    result = parse_dates(str_col("12/25/2026", "12/25/2026", "12/24/2026", "25/12/2026"))
    assert result.day_first is False
    assert result.failed.tolist() == [False, False, False, True]


def test_date_conflict_tie_is_settled_like_an_ambiguous_column() -> None:
    result = parse_dates(str_col("25/12/2026", "12/25/2026"))
    assert result.day_first is False  # slash
    assert result.ambiguous is False
    assert stamps(result.values) == [None, T("2026-12-25")]
    result = parse_dates(str_col("25/12/2026", "12/25/2026"), prefer_day_first=True)
    assert stamps(result.values) == [T("2026-12-25"), None]


def test_no_numeric_dates_means_no_day_first_decision() -> None:
    result = parse_dates(str_col("2026-03-14", "14 Mar 2026"))
    assert result.day_first is None
    assert result.ambiguous is False


def test_mixed_type_object_dates() -> None:
    raw = col(
        46095.5,
        dt.datetime(2026, 3, 14, 1, 2),
        pd.Timestamp("2026-03-14 10:00", tz="Europe/Amsterdam"),  # UTC+1 in March
        "14-03-2026",
        dt.date(2026, 1, 2),
        True,
        None,
        "soon",
        np.datetime64("2026-03-14T05:00"),
        46095,
        dt.time(9, 30),
        dt.datetime(1, 1, 1),
    )
    result = parse_dates(raw)
    assert stamps(result.values) == [
        T("2026-03-14 12:00"),
        T("2026-03-14 01:02"),
        T("2026-03-14 09:00"),
        T("2026-03-14"),
        T("2026-01-02"),
        None,
        None,
        None,
        T("2026-03-14 05:00"),
        T("2026-03-14"),
        None,
        None,
    ]
    assert result.failed.tolist() == [F, F, F, F, F, T_, F, T_, F, F, T_, T_]
    assert result.day_first is True
    assert "Dates stored as Excel day numbers (e.g. 46095.5) were converted." in en(result.notes)
    assert (
        "Times with a time zone offset (e.g. 2026-03-14 10:00:00+01:00) were converted to UTC."
        in en(result.notes)
    )
    assert str(result.values.dtype) == "datetime64[ns]"


@pytest.mark.parametrize(
    ("series", "expected", "failed"),
    [
        (
            pd.Series([46095.5, 46095, NAN, 5.0, np.inf]),
            [T("2026-03-14 12:00"), T("2026-03-14"), None, None, None],
            [F, F, F, T_, T_],
        ),
        (
            pd.Series([46095, 20260314, 1773504865]),
            [T("2026-03-14"), T("2026-03-14"), T("2026-03-14 16:14:25")],
            [F, F, F],
        ),
        (pd.Series([46095, None], dtype="Int64"), [T("2026-03-14"), None], [F, F]),
        (pd.Series([True, False]), [None, None], [T_, T_]),
    ],
)
def test_numeric_date_columns(
    series: pd.Series, expected: list[pd.Timestamp | None], failed: list[bool]
) -> None:
    result = parse_dates(series)
    assert stamps(result.values) == expected
    assert result.failed.tolist() == failed
    assert result.day_first is None
    assert str(result.values.dtype) == "datetime64[ns]"


def test_excel_serial_time_of_day_is_kept_to_the_millisecond() -> None:
    # 13:45:30.250 is 49530.25 s = 0.573266782407... of a day
    serial = 46095 + 49530.25 / 86400
    result = parse_dates(pd.Series([serial]))
    assert result.values.iloc[0] == T("2026-03-14 13:45:30.250")


def test_datetime_columns_take_the_fast_path() -> None:
    naive = pd.Series(pd.to_datetime(["2026-03-14 10:00", None])).astype("datetime64[s]")
    result = parse_dates(naive)
    assert str(result.values.dtype) == "datetime64[ns]"
    assert stamps(result.values) == [T("2026-03-14 10:00"), None]
    assert result.failed.tolist() == [False, False]
    assert en(result.notes) == ()

    utc = pd.to_datetime(["2026-03-14T09:00Z", "2026-07-01T08:00Z"], utc=True)
    aware = pd.Series(utc).dt.tz_convert("Europe/Amsterdam")  # 10:00 local both times
    result = parse_dates(aware)
    assert stamps(result.values) == [T("2026-03-14 09:00"), T("2026-07-01 08:00")]
    assert result.values.dt.tz is None
    assert "Times with a time zone offset were converted to UTC." in en(result.notes)

    result = parse_dates(pd.Series(utc))
    assert stamps(result.values) == [T("2026-03-14 09:00"), T("2026-07-01 08:00")]
    assert en(result.notes) == ()


@pytest.mark.parametrize(
    ("column", "note"),
    [
        (["2026-03-14T16:14:25.000+0000", "2026-03-14T16:14:25Z"], None),
        (
            ["2026-03-14T16:14:25.000+0000", "2026-03-14T17:14:25+01:00"],
            "Times with a time zone offset (e.g. 2026-03-14T17:14:25+01:00) were converted to UTC.",
        ),
    ],
)
def test_time_zone_note_only_when_an_offset_shifted_times(
    column: list[str], note: str | None
) -> None:
    result = parse_dates(str_col(*column))
    assert stamps(result.values) == [T("2026-03-14 16:14:25")] * 2
    assert en(result.notes) == (() if note is None else (note,))


def test_datetime_column_outside_nanosecond_range_fails() -> None:
    far = pd.Series(np.array(["2026-03-14", "3000-01-01", "NaT"], dtype="datetime64[s]"))
    result = parse_dates(far)
    assert stamps(result.values) == [T("2026-03-14"), None, None]
    assert result.failed.tolist() == [False, True, False]


def test_date_notes_for_number_sources() -> None:
    result = parse_dates(str_col("20260314", "1773504865"))
    assert "Dates written as yyyymmdd (e.g. 20260314) were read as year, month, day." in (
        en(result.notes)
    )
    assert "Dates stored as Unix timestamps (e.g. 1773504865) were converted." in en(result.notes)


def test_many_distinct_dates_take_the_shape_path_and_read_the_same() -> None:
    start = dt.datetime(2024, 1, 1)
    raw, expected = [], []
    for i in range(900):
        moment = start + dt.timedelta(minutes=97 * i, seconds=i % 60)
        raw.append(moment.strftime("%Y-%m-%dT%H:%M:%S.000+0100"))
        expected.append(pd.Timestamp(moment - dt.timedelta(hours=1)))
        raw.append(moment.strftime("%d-%m-%Y %H:%M"))
        expected.append(pd.Timestamp(moment.replace(second=0)))
        raw.append(f"{moment.day} {moment.strftime('%b')} {moment.year}")
        expected.append(pd.Timestamp(moment.date()))
    result = parse_dates(str_col(*raw))
    assert not result.failed.any()
    assert stamps(result.values) == expected
    assert result.day_first is True


# ============================================================================================
# Properties


@settings(max_examples=100, deadline=None)
@given(
    dates=st.lists(
        st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2099, 12, 31)),
        min_size=1,
        max_size=30,
    ),
    prefer=st.sampled_from([None, True, False]),
)
def test_day_first_dates_read_back_when_one_value_decides(
    dates: list[dt.date], prefer: bool | None
) -> None:
    raw = [d.strftime("%d-%m-%Y") for d in dates] + ["25-12-2020"]
    result = parse_dates(str_col(*raw), prefer_day_first=prefer)
    assert result.day_first is True
    assert result.ambiguous is False
    assert not result.failed.any()
    assert [x.date() for x in stamps(result.values)] == [*dates, dt.date(2020, 12, 25)]


@settings(max_examples=100, deadline=None)
@given(
    dates=st.lists(
        st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2099, 12, 31)),
        min_size=1,
        max_size=30,
    ),
    prefer=st.sampled_from([None, True, False]),
)
def test_month_first_dates_read_back_when_one_value_decides(
    dates: list[dt.date], prefer: bool | None
) -> None:
    raw = [d.strftime("%m/%d/%Y") for d in dates] + ["12/25/2020"]
    result = parse_dates(str_col(*raw), prefer_day_first=prefer)
    assert result.day_first is False
    assert not result.failed.any()
    assert [x.date() for x in stamps(result.values)] == [*dates, dt.date(2020, 12, 25)]
