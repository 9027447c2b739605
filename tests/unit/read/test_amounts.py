"""Tables of raw cells and the amounts and numbers they must become (analysis/read/amounts.py).

Every expected value here is worked out by hand, never by the code under test.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.read.amounts import parse_amounts, parse_numbers
from tests.columns import col, floats, same_floats, str_col
from tests.said import en

NAN = float("nan")
F, T_ = False, True


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
    assert any(f"'{raw}'" in note for note in en(result.notes))


@pytest.mark.parametrize(
    "raw", [None, NAN, pd.NA, "", "   ", "\u00a0", "\t", "-", "--", "–", "—", " - ", "€ -", "$-"]
)
def test_amount_blanks_are_not_failed(raw: object) -> None:
    result = parse_amounts(col(raw, "12"))
    assert math.isnan(result.values.iloc[0])
    assert not bool(result.failed.iloc[0])
    assert result.values.iloc[1] == 12.0
    assert en(result.notes) == ()


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
        (  # money has two decimals: 12.500 stays twelve thousand five hundred beside 1,250.50
            ["12.500", "1,250.50", "3.000"],
            [12500.0, 1250.5, 3000.0],
            ".",
            "Amounts use a dot as decimal mark (e.g. 1,250.50). "
            "Values like 12.500 were still read as 12500: three digits after the mark are "
            "thousands in amounts.",
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
    assert note in en(result.notes)
    assert not result.failed.any()


def test_ambiguous_column_with_both_separators_reads_thousands_in_amounts() -> None:
    result = parse_amounts(str_col("12.500", "3.000", "1,250"))
    assert result.decimal_mark == ","
    # 12.500 = 12500, 3.000 = 3000, 1,250 = 1250: three digits after a mark are thousands.
    assert same_floats(result.values, [12500.0, 3000.0, 1250.0])
    assert en(result.notes) == (
        "No amount in this column shows which decimal mark is used; values like 12.500 were "
        "read as 12500, taking the dot as a thousands separator. Values like 1,250 were "
        "still read as 1250: three digits after the mark are thousands in amounts.",
    )


def test_one_cent_value_does_not_shrink_the_other_amounts() -> None:
    result = parse_amounts(str_col("€ 12.500", "€ 8.000", "€ 22.000", "€ 99.95"))
    assert same_floats(result.values, [12500.0, 8000.0, 22000.0, 99.95])


def test_plain_numbers_follow_the_column_mark() -> None:
    result = parse_numbers(str_col("12.500", "3.000", "1,250"))
    assert same_floats(result.values, [12500.0, 3000.0, 1.25])


def test_no_separator_needs_no_decimal_mark_and_no_note() -> None:
    result = parse_amounts(str_col("100", "2500", "€ 7"))
    assert same_floats(result.values, [100.0, 2500.0, 7.0])
    assert result.decimal_mark is None
    assert en(result.notes) == ()


def test_majority_of_rows_decides_the_mark_and_each_decisive_value_reads_as_written() -> None:
    result = parse_amounts(str_col("1,5", "2,25", "3.75", "1.000"))
    assert result.decimal_mark == ","
    assert same_floats(result.values, [1.5, 2.25, 3.75, 1000.0])
    assert (
        "Some amounts in this column use a dot and others a comma as decimal mark "
        "(e.g. 3.75 and 1,5); each was read as written." in en(result.notes)
    )


def test_mark_majority_counts_rows_not_distinct_values() -> None:
    result = parse_numbers(str_col("1,5", "2.5", "2.5", "2.5", "1.000"))
    assert result.decimal_mark == "."
    assert same_floats(result.values, [1.5, 2.5, 2.5, 2.5, 1.0])


def test_mark_tie_goes_to_dot() -> None:
    result = parse_numbers(str_col("1,5", "2.5", "1.000"))
    assert result.decimal_mark == "."
    assert same_floats(result.values, [1.5, 2.5, 1.0])


def test_mixed_currencies_are_listed_and_warned_about() -> None:
    result = parse_amounts(str_col("€ 100", "$ 200", "300", "EUR 50", "£5", None))
    assert same_floats(result.values, [100.0, 200.0, 300.0, 50.0, 5.0, NAN])
    assert result.currencies == ("EUR", "GBP", "USD")
    assert result.per_row_currency.tolist() == ["EUR", "USD", None, "EUR", "GBP", None]
    assert (
        "This column mixes currencies (EUR, GBP, USD): amounts are not converted, "
        "so totals add different currencies together." in en(result.notes)
    )


def test_one_currency_is_not_a_mix() -> None:
    result = parse_amounts(str_col("€ 100", "200", "EUR 1"))
    assert result.currencies == ("EUR",)
    assert not any("mixes currencies" in note for note in en(result.notes))


def test_failed_currency_cell_does_not_count_as_seen() -> None:
    result = parse_amounts(str_col("€ 100", "$ n/a"))
    assert result.currencies == ("EUR",)
    assert result.failed.tolist() == [False, True]


def test_multiplier_note() -> None:
    result = parse_amounts(str_col("$1.2k", "$300"))
    assert "Amounts written with k, M or mln were multiplied out (e.g. $1.2k = 1200)." in (
        en(result.notes)
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
        en(result.notes)
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
        assert en(result.notes) == ()


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
    assert f"1 value could not be read as numbers (e.g. '{raw}')." in en(result.notes)


def test_numbers_ambiguous_column_note() -> None:
    result = parse_numbers(str_col("1.234", "5"))
    assert same_floats(result.values, [1234.0, 5.0])
    assert (
        "No number in this column shows which decimal mark is used; values like 1.234 were "
        "read as 1234, taking the dot as a thousands separator." in en(result.notes)
    )


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
