"""Tables of raw cell values and the typed values they must become (analysis/values.py).

Every expected value here is worked out by hand (or with plain datetime arithmetic), never by
the code under test.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import values as v
from analysis.values import (
    parse_amounts,
    parse_bools,
    parse_dates,
    parse_numbers,
    parse_status,
    status_from_flags,
)

NAN = float("nan")
NAT = pd.NaT
T = pd.Timestamp
F, T_ = False, True


def col(*items: object) -> pd.Series:
    """An object column, as read from xlsx or built by hand."""
    return pd.Series(list(items), dtype=object)


def str_col(*items: object) -> pd.Series:
    """A CSV column: pandas' string dtype."""
    return pd.Series(list(items), dtype="str")


def floats(series: pd.Series) -> list[float]:
    return [float(x) for x in series.to_numpy(dtype=np.float64)]


def same_floats(actual: pd.Series, expected: list[float]) -> bool:
    got = floats(actual)
    return len(got) == len(expected) and all(
        (math.isnan(a) and math.isnan(e)) or a == pytest.approx(e, abs=1e-9)
        for a, e in zip(got, expected, strict=True)
    )


def stamps(series: pd.Series) -> list[pd.Timestamp | None]:
    return [None if pd.isna(x) else pd.Timestamp(x) for x in series]


# ============================================================================================
# Amounts


AMOUNTS = [
    # raw, expected value, column decimal mark, currency
    ("12500", 12500.0, None, None),
    ("12500.5", 12500.5, ".", None),
    ("12,500.00", 12500.0, ".", None),
    ("12.500,00", 12500.0, ",", None),
    ("€ 12.500,-", 12500.0, ",", "EUR"),
    ("€ 12.500,--", 12500.0, ",", "EUR"),
    ("Fr. 12'500.–", 12500.0, ".", "CHF"),
    ("€12.500", 12500.0, ",", "EUR"),  # ambiguous on its own: thousands separator
    ("EUR 1.234,56", 1234.56, ",", "EUR"),
    ("1.234,56 EUR", 1234.56, ",", "EUR"),
    ("1.234,56EUR", 1234.56, ",", "EUR"),
    ("eur 15", 15.0, None, "EUR"),
    ("15 euro", 15.0, None, "EUR"),
    ("1 234,56", 1234.56, ",", None),
    ("1\u00a0234,56", 1234.56, ",", None),
    ("1\u202f234,56", 1234.56, ",", None),
    ("1 234 567", 1234567.0, None, None),
    ("$1.2k", 1200.0, ".", "USD"),
    ("$ 12K", 12000.0, None, "USD"),
    ("1.5M", 1500000.0, ".", None),
    ("1,5 mln", 1500000.0, ",", None),
    ("2,5 mio. EUR", 2500000.0, ",", "EUR"),
    ("1.2bn", 1200000000.0, ".", None),
    ("12 k€", 12000.0, None, "EUR"),
    ("(1,200)", -1200.0, ".", None),
    ("(1.200,50)", -1200.5, ",", None),
    ("€ (1.200,00)", -1200.0, ",", "EUR"),
    ("(€ 1.200,00)", -1200.0, ",", "EUR"),
    ("-1.200", -1200.0, ",", None),
    ("−1.200", -1200.0, ",", None),  # U+2212 minus sign
    ("1200-", -1200.0, None, None),
    ("1.200,00-", -1200.0, ",", None),
    ("-€ 1.200,00", -1200.0, ",", "EUR"),
    ("€ -1.200,00", -1200.0, ",", "EUR"),
    ("+12", 12.0, None, None),
    ("12'500.00", 12500.0, ".", None),
    ("12’500.00", 12500.0, ".", None),
    ("CHF 1'250.50", 1250.5, ".", "CHF"),
    ("£ 99.95", 99.95, ".", "GBP"),
    ("₹ 12,34,567.00", 1234567.0, ".", "INR"),
    ("Rs. 1,500", 1500.0, ".", "INR"),
    ("US$ 1,200.50", 1200.5, ".", "USD"),
    ("USD 1,200.50", 1200.5, ".", "USD"),
    ("A$ 10", 10.0, None, "AUD"),
    ("¥ 1000", 1000.0, None, "JPY"),
    ("12 MXN", 12.0, None, "MXN"),
    ("1.234.567", 1234567.0, ",", None),
    ("1,234,567", 1234567.0, ".", None),
    ("1.234.567,89", 1234567.89, ",", None),
    ("0,500", 0.5, ",", None),
    ("0.500", 0.5, ".", None),
    ("1234.567", 1234.567, ".", None),
    ("1234,567", 1234.567, ",", None),
    (".5", 0.5, ".", None),
    (",5", 0.5, ",", None),
    ("12,5", 12.5, ",", None),
    ("12.5", 12.5, ".", None),
    ("  12,50  ", 12.5, ",", None),
    ("0", 0.0, None, None),
]


@pytest.mark.parametrize(("raw", "expected", "mark", "currency"), AMOUNTS)
def test_amount_formats(raw: str, expected: float, mark: str | None, currency: str | None) -> None:
    for series in (str_col(raw), col(raw)):
        result = parse_amounts(series)
        assert float(result.values.iloc[0]) == pytest.approx(expected, abs=1e-9)
        assert not bool(result.failed.iloc[0])
        assert result.decimal_mark == mark
        assert result.per_row_currency.iloc[0] == currency
        assert result.currencies == (() if currency is None else (currency,))


@pytest.mark.parametrize(
    "raw",
    [
        "n/a",
        "N/A",
        "TBD",
        "?",
        "abc",
        "12 apples",
        "XYZ 100",  # not a currency
        "1.2.3",
        "12,34,56",
        "1.23.456",
        "50%",  # a percentage is not an amount
        "€ 12 $",  # two currencies in one cell
        "(12",
        "12)",
        "-(12)",
        "--5",
        "- 5 -",
        "1-2",
        "12 000 0",
        "1,2,3.4,5",
        "2026-03-14",
    ],
)
def test_amounts_that_fail(raw: str) -> None:
    result = parse_amounts(str_col(raw))
    assert math.isnan(result.values.iloc[0])
    assert bool(result.failed.iloc[0])
    assert result.per_row_currency.iloc[0] is None
    assert any(f"'{raw}'" in note for note in result.notes)


@pytest.mark.parametrize(
    "raw", [None, NAN, pd.NA, "", "   ", "\u00a0", "\t", "-", "--", "–", "—", " - ", "€ -", "$-"]
)
def test_amount_blanks_are_not_failed(raw: object) -> None:
    result = parse_amounts(col(raw, "12"))
    assert math.isnan(result.values.iloc[0])
    assert not bool(result.failed.iloc[0])
    assert result.values.iloc[1] == 12.0
    assert result.notes == ()


def test_amount_blanks_in_string_dtype() -> None:
    result = parse_amounts(str_col(None, "", "  ", "-", "5"))
    assert same_floats(result.values, [NAN, NAN, NAN, NAN, 5.0])
    assert result.failed.tolist() == [False] * 5


@pytest.mark.parametrize(
    ("column", "expected", "mark", "note"),
    [
        (  # a comma decimal elsewhere makes 12.500 twelve thousand five hundred
            ["12.500", "1.250,50", "€ 3.000"],
            [12500.0, 1250.5, 3000.0],
            ",",
            "Amounts use a comma as decimal mark (e.g. 1.250,50).",
        ),
        (  # a dot decimal elsewhere makes 12.500 twelve and a half
            ["12.500", "1,250.50", "3.000"],
            [12.5, 1250.5, 3.0],
            ".",
            "Amounts use a dot as decimal mark (e.g. 1,250.50). "
            "Values like 12.500 were therefore read as 12.5.",
        ),
        (  # nothing decides: the dot is a thousands separator
            ["12.500", "1.250", "300"],
            [12500.0, 1250.0, 300.0],
            ",",
            "No amount in this column shows which decimal mark is used; values like 12.500 "
            "were read as 12500, taking the dot as a thousands separator.",
        ),
        (  # nothing decides: the comma is a thousands separator
            ["12,500", "1,250"],
            [12500.0, 1250.0],
            ".",
            "No amount in this column shows which decimal mark is used; values like 12,500 "
            "were read as 12500, taking the comma as a thousands separator.",
        ),
        (  # a dot decimal elsewhere makes 1,234 one thousand two hundred thirty-four
            ["1,234", "99.95"],
            [1234.0, 99.95],
            ".",
            "Amounts use a dot as decimal mark (e.g. 99.95).",
        ),
        (  # Dutch whole euros with a ,- and thousands dots
            ["€ 12.500,-", "€ 1.250", "€ 800"],
            [12500.0, 1250.0, 800.0],
            ",",
            "Amounts use a comma as decimal mark (e.g. € 12.500,-).",
        ),
    ],
)
def test_decimal_mark_is_decided_per_column(
    column: list[str], expected: list[float], mark: str, note: str
) -> None:
    result = parse_amounts(str_col(*column))
    assert same_floats(result.values, expected)
    assert result.decimal_mark == mark
    assert note in result.notes
    assert not result.failed.any()


def test_ambiguous_column_with_both_separators_follows_the_dot_majority() -> None:
    result = parse_amounts(str_col("12.500", "3.000", "1,250"))
    assert result.decimal_mark == ","
    assert same_floats(result.values, [12500.0, 3000.0, 1.25])
    assert result.notes == (
        "No amount in this column shows which decimal mark is used; values like 12.500 were "
        "read as 12500, taking the dot as a thousands separator. Values like 1,250 were "
        "therefore read as 1.25.",
    )


def test_no_separator_needs_no_decimal_mark_and_no_note() -> None:
    result = parse_amounts(str_col("100", "2500", "€ 7"))
    assert same_floats(result.values, [100.0, 2500.0, 7.0])
    assert result.decimal_mark is None
    assert result.notes == ()


def test_majority_of_rows_decides_the_mark_and_each_decisive_value_reads_as_written() -> None:
    result = parse_amounts(str_col("1,5", "2,25", "3.75", "1.000"))
    assert result.decimal_mark == ","
    assert same_floats(result.values, [1.5, 2.25, 3.75, 1000.0])
    assert (
        "Some amounts in this column use a dot and others a comma as decimal mark "
        "(e.g. 3.75 and 1,5); each was read as written." in result.notes
    )


def test_mark_majority_counts_rows_not_distinct_values() -> None:
    result = parse_amounts(str_col("1,5", "2.5", "2.5", "2.5", "1.000"))
    assert result.decimal_mark == "."
    assert same_floats(result.values, [1.5, 2.5, 2.5, 2.5, 1.0])


def test_mark_tie_goes_to_dot() -> None:
    result = parse_amounts(str_col("1,5", "2.5", "1.000"))
    assert result.decimal_mark == "."
    assert same_floats(result.values, [1.5, 2.5, 1.0])


def test_mixed_currencies_are_listed_and_warned_about() -> None:
    result = parse_amounts(str_col("€ 100", "$ 200", "300", "EUR 50", "£5", None))
    assert same_floats(result.values, [100.0, 200.0, 300.0, 50.0, 5.0, NAN])
    assert result.currencies == ("EUR", "GBP", "USD")
    assert result.per_row_currency.tolist() == ["EUR", "USD", None, "EUR", "GBP", None]
    assert (
        "This column mixes currencies (EUR, GBP, USD): amounts are not converted, "
        "so totals add different currencies together." in result.notes
    )


def test_one_currency_is_not_a_mix() -> None:
    result = parse_amounts(str_col("€ 100", "200", "EUR 1"))
    assert result.currencies == ("EUR",)
    assert not any("mixes currencies" in note for note in result.notes)


def test_failed_currency_cell_does_not_count_as_seen() -> None:
    result = parse_amounts(str_col("€ 100", "$ n/a"))
    assert result.currencies == ("EUR",)
    assert result.failed.tolist() == [False, True]


def test_multiplier_note() -> None:
    result = parse_amounts(str_col("$1.2k", "$300"))
    assert "Amounts written with k, M or mln were multiplied out (e.g. $1.2k = 1200)." in (
        result.notes
    )


def test_mixed_type_object_column() -> None:
    raw = col(
        12500.5,
        "12.500,00",
        None,
        True,
        pd.Timestamp("2026-03-14"),
        3,
        "n/a",
        NAN,
        "  ",
        np.float64(7.25),
        np.int64(9),
    )
    result = parse_amounts(raw)
    assert same_floats(
        result.values, [12500.5, 12500.0, NAN, NAN, NAN, 3.0, NAN, NAN, NAN, 7.25, 9.0]
    )
    assert result.failed.tolist() == [F, F, F, T_, T_, F, T_, F, F, F, F]
    assert result.decimal_mark == ","
    assert "3 values could not be read as amounts (e.g. 'True', '2026-03-14 00:00:00', 'n/a')." in (
        result.notes
    )


@pytest.mark.parametrize(
    ("items", "expected", "failed"),
    [
        ([1, True, 1.0, False, 0], [1.0, NAN, 1.0, NAN, 0.0], [F, T_, F, T_, F]),
        ([True, 1, False, 0.0], [NAN, 1.0, NAN, 0.0], [T_, F, T_, F]),
        ([np.True_, 1], [NAN, 1.0], [T_, F]),
    ],
)
def test_booleans_are_not_amounts_even_next_to_ones_and_zeros(
    items: list[object], expected: list[float], failed: list[bool]
) -> None:
    result = parse_amounts(col(*items))
    assert same_floats(result.values, expected)
    assert result.failed.tolist() == failed


@pytest.mark.parametrize(
    ("series", "expected", "failed"),
    [
        (pd.Series([1, 2, 3], dtype="int64"), [1.0, 2.0, 3.0], [F, F, F]),
        (pd.Series([1.5, NAN, 2.25]), [1.5, NAN, 2.25], [F, F, F]),
        (pd.Series([1.5, np.inf, -np.inf]), [1.5, NAN, NAN], [F, T_, T_]),
        (pd.Series([1, None, 3], dtype="Int64"), [1.0, NAN, 3.0], [F, F, F]),
        (pd.Series([1.5, None], dtype="Float64"), [1.5, NAN], [F, F]),
        (pd.Series([True, False]), [NAN, NAN], [T_, T_]),
        (pd.Series([True, None], dtype="boolean"), [NAN, NAN], [T_, F]),
        (pd.Series(pd.to_datetime(["2026-03-14", None])), [NAN, NAN], [T_, F]),
    ],
)
def test_numeric_dtypes_take_the_fast_path(
    series: pd.Series, expected: list[float], failed: list[bool]
) -> None:
    result = parse_amounts(series)
    assert result.values.dtype == np.float64
    assert same_floats(result.values, expected)
    assert result.failed.tolist() == failed
    assert result.decimal_mark is None
    assert result.currencies == ()
    assert result.per_row_currency.tolist() == [None] * len(series)


def test_result_keeps_index_and_types() -> None:
    raw = pd.Series(["€ 1", "x", None], index=[10, 20, 30], name="Amount", dtype="str")
    result = parse_amounts(raw)
    for series in (result.values, result.failed, result.per_row_currency):
        assert series.index.tolist() == [10, 20, 30]
    assert result.values.dtype == np.float64
    assert result.failed.dtype == bool
    assert result.per_row_currency.dtype == object


def test_empty_column() -> None:
    for raw in (col(), str_col(), pd.Series([], dtype="float64")):
        result = parse_amounts(raw)
        assert len(result.values) == 0
        assert result.decimal_mark is None
        assert result.notes == ()


def test_categorical_column() -> None:
    raw = pd.Series(["12,5", "12,5", "3"], dtype="category")
    result = parse_amounts(raw)
    assert same_floats(result.values, [12.5, 12.5, 3.0])
    assert result.decimal_mark == ","


def test_many_distinct_values_take_the_shape_path_and_read_the_same() -> None:
    """Over 1000 distinct strings with few shapes: parts are cut out by position."""
    raw, expected = [], []
    for i in range(1, 700):
        euros, cents = i * 1000 + i % 1000, i % 100
        raw.append(f"€ {euros // 1000}.{euros % 1000:03d},{cents:02d}")
        expected.append(euros + cents / 100)
        raw.append(f"({i},{i % 1000:03d}.{cents:02d})")
        expected.append(-(i * 1000 + i % 1000 + cents / 100))
    raw += ["n/a", "-", "1.5k"]
    expected += [NAN, NAN, 1500.0]
    result = parse_amounts(str_col(*raw))
    assert same_floats(result.values, expected)
    assert result.failed.sum() == 1
    assert result.currencies == ("EUR",)


# ============================================================================================
# Plain numbers


@pytest.mark.parametrize(
    ("raw", "expected", "mark"),
    [
        ("7", 7.0, None),
        ("7,5", 7.5, ","),
        ("7.5", 7.5, "."),
        ("75%", 75.0, None),
        ("12,5 %", 12.5, ","),
        ("1.234,5", 1234.5, ","),
        ("-3", -3.0, None),
        ("1.2k", 1200.0, "."),
    ],
)
def test_numbers(raw: str, expected: float, mark: str | None) -> None:
    result = parse_numbers(str_col(raw))
    assert float(result.values.iloc[0]) == pytest.approx(expected)
    assert result.decimal_mark == mark
    assert not result.failed.any()


@pytest.mark.parametrize("raw", ["€ 5", "5 EUR", "five", "n/a"])
def test_numbers_with_currency_or_text_fail(raw: str) -> None:
    result = parse_numbers(str_col(raw))
    assert bool(result.failed.iloc[0])
    assert f"1 value could not be read as numbers (e.g. '{raw}')." in result.notes


def test_numbers_ambiguous_column_note() -> None:
    result = parse_numbers(str_col("1.234", "5"))
    assert same_floats(result.values, [1234.0, 5.0])
    assert (
        "No number in this column shows which decimal mark is used; values like 1.234 were "
        "read as 1234, taking the dot as a thousands separator." in result.notes
    )


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
    assert f"1 value could not be read as dates (e.g. '{raw}')." in result.notes


@pytest.mark.parametrize("raw", [None, NAN, pd.NA, NAT, "", "   ", "-", "--", "\u00a0"])
def test_date_blanks_are_not_failed(raw: object) -> None:
    result = parse_dates(col(raw, "2026-03-14"))
    assert result.values.isna().iloc[0]
    assert not bool(result.failed.iloc[0])
    assert result.notes == ()


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
        assert not any("day-first or month-first" in n for n in result.notes)
    else:
        assert note in result.notes


def test_conflicting_dates_follow_the_majority_and_the_minority_fails() -> None:
    result = parse_dates(str_col("25/12/2026", "13/01/2026", "12/25/2026", "03/04/2026"))
    assert result.day_first is True
    assert result.ambiguous is False
    assert stamps(result.values) == [T("2026-12-25"), T("2026-01-13"), None, T("2026-04-03")]
    assert result.failed.tolist() == [False, False, True, False]
    assert (
        "1 date in this column can only be read month-first (e.g. '12/25/2026') while the rest "
        "reads day-first; it was counted as unreadable." in result.notes
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
    assert "Dates stored as Excel day numbers (e.g. 46095.5) were converted." in result.notes
    assert (
        "Times with a time zone offset (e.g. 2026-03-14 10:00:00+01:00) were converted to UTC."
        in result.notes
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
    assert result.notes == ()

    utc = pd.to_datetime(["2026-03-14T09:00Z", "2026-07-01T08:00Z"], utc=True)
    aware = pd.Series(utc).dt.tz_convert("Europe/Amsterdam")  # 10:00 local both times
    result = parse_dates(aware)
    assert stamps(result.values) == [T("2026-03-14 09:00"), T("2026-07-01 08:00")]
    assert result.values.dt.tz is None
    assert "Times with a time zone offset were converted to UTC." in result.notes

    result = parse_dates(pd.Series(utc))
    assert stamps(result.values) == [T("2026-03-14 09:00"), T("2026-07-01 08:00")]
    assert result.notes == ()


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
    assert result.notes == (() if note is None else (note,))


def test_datetime_column_outside_nanosecond_range_fails() -> None:
    far = pd.Series(np.array(["2026-03-14", "3000-01-01", "NaT"], dtype="datetime64[s]"))
    result = parse_dates(far)
    assert stamps(result.values) == [T("2026-03-14"), None, None]
    assert result.failed.tolist() == [False, True, False]


def test_date_notes_for_number_sources() -> None:
    result = parse_dates(str_col("20260314", "1773504865"))
    assert "Dates written as yyyymmdd (e.g. 20260314) were read as year, month, day." in (
        result.notes
    )
    assert "Dates stored as Unix timestamps (e.g. 1773504865) were converted." in result.notes


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
    assert result.notes == ()


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
    assert result.notes == (
        "5 stage names were not recognised and count as open: 0%, Bar, deleted, Foo, "
        "Won't proceed.",
    )


def test_one_unknown_stage_note() -> None:
    result = parse_status(str_col("won", "lost", "open", "deleted"))
    assert result.values.tolist() == ["won", "lost", "open", "open"]
    assert result.notes == ("1 stage name was not recognised and counts as open: deleted.",)


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


# ============================================================================================
# Shape path and regex path agree


@pytest.mark.parametrize("pattern", [v._AMOUNT_RE, v._ISO_RE, v._DMY_RE, v._DAY_MONTH_NAME_RE])
def test_shape_extraction_matches_regex_extraction(pattern: str) -> None:
    base = [
        "€ 12.500,-",
        "(1,200)",
        "$1.2k",
        "2026-03-14T16:14:25.000+0000",
        "14.03.2026 09:30",
        "3/4/2026 9:05 AM",
        "14 maart 2026",
        "za 14 mrt. 2026",
        "Fr. 12'500.–",
        "n/a",
    ]
    strings = [s.replace("1", str(i % 10)) for i in range(120) for s in base]
    arr = pa.array(strings, type=pa.large_string())
    matched, fields = v._extract(arr, pattern)
    direct = pc.extract_regex(arr, pattern)
    assert matched.tolist() == pc.is_valid(direct).to_pylist()
    for name, field in fields.items():
        assert field.to_pylist() == pc.fill_null(direct.field(name), "").to_pylist()


# ============================================================================================
# Properties


def _us(x: float, decimals: bool) -> str:
    return f"{x:,.2f}" if decimals else f"{round(x):,d}"


def _dutch(x: float, decimals: bool) -> str:
    return _us(x, decimals).replace(",", "_").replace(".", ",").replace("_", ".")


def _swiss(x: float, decimals: bool) -> str:
    return _us(x, decimals).replace(",", "'")


@settings(max_examples=200, deadline=None)
@given(
    numbers=st.lists(
        st.tuples(st.floats(0, 1e9, allow_nan=False), st.booleans(), st.booleans()),
        min_size=1,
        max_size=25,
    ),
    style=st.sampled_from([(_us, "."), (_dutch, ","), (_swiss, ".")]),
    prefix=st.sampled_from(["", "€ ", "$", "EUR "]),
)
def test_formatted_amounts_read_back(
    numbers: list[tuple[float, bool, bool]],
    style: tuple[Callable[[float, bool], str], str],
    prefix: str,
) -> None:
    """US, Dutch and Swiss formatted columns read back within half a cent."""
    fmt, mark = style
    raw, expected = [], []
    for x, decimals, negative in numbers:
        text = fmt(x, decimals)
        raw.append(("-" if negative else "") + prefix + text)
        value = round(x, 2) if decimals else float(round(x))
        expected.append(-value if negative else value)
    result = parse_amounts(str_col(*raw))
    assert not result.failed.any()
    for got, want in zip(floats(result.values), expected, strict=True):
        assert abs(got - want) <= 0.005
    if any(decimals for _, decimals, _ in numbers):
        assert result.decimal_mark == mark


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


_CELL_CHARS = list("0123456789.,-'() €$%/:aAkKmMeEuUrRsSTZ\u00a0")
_BLANKISH = re.compile(r"[\s\-–—−€$£₹¥]*")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.text(alphabet=st.sampled_from(_CELL_CHARS), max_size=14), st.none()),
        max_size=20,
    )
)
def test_cell_like_text_is_read_failed_or_blank(items: list[str | None]) -> None:
    """Every non-blank cell is either read or failed; blanks never fail."""
    series = col(*items)
    for result in (parse_amounts(series), parse_numbers(series), parse_dates(series)):
        assert len(result.values) == len(items)
        for x, value, failed in zip(items, result.values, result.failed, strict=True):
            if x is None or x.strip() == "":
                assert not failed
                assert pd.isna(value)
            elif failed:
                assert pd.isna(value)
            elif pd.isna(value):
                assert _BLANKISH.fullmatch(x), x
    status = parse_status(series)
    blank = [x is None or x.strip() == "" for x in items]
    assert [s is None for s in status.values] == blank


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=12), st.none()), max_size=20))
def test_any_text_parses_without_error(items: list[str | None]) -> None:
    series = col(*items)
    for result in (parse_amounts(series), parse_numbers(series), parse_dates(series)):
        assert len(result.values) == len(items)
        assert not (result.failed & result.values.notna()).any()
    assert len(parse_status(series).values) == len(items)
    assert len(parse_bools(series)[0]) == len(items)
