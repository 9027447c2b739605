"""Odd cell values: placeholders read as blank, impossible values set aside row by row."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.model.dataset import Dataset
from analysis.read.amounts import parse_amounts
from analysis.read.cells import exact_words
from analysis.read.dates import FIRST_YEAR, LAST_YEAR, parse_dates
from analysis.read.ingest import read_upload
from analysis.read.notes import message
from analysis.read.sheets import BLANK_WORDS
from analysis.read.upload import read_files
from tests.builders import csv_bytes, patched_xlsx, xlsx
from tests.said import en

T = pd.Timestamp
HEADER = ["Opportunity Owner", "Amount", "Stage", "Close Date", "Created Date"]


def _read_as_deals(name: str, data: bytes) -> Dataset:
    """Read one file, check its one sheet is still recognised as deals, return the dataset."""
    upload = read_files([(name, data)])
    (mapping,) = upload.mappings.values()
    assert mapping.table == "deals"  # odd rows set aside, never the whole sheet lost
    return upload.dataset()


@pytest.mark.parametrize(
    "word",
    ["NULL", "null", "NaN", "nan", "N/A", "n/a", "#N/A", "#VALUE!", "#DIV/0!", "#REF!", "-"],
)
def test_placeholder_cells_are_blank_in_every_column(word: str) -> None:
    rows = [
        ["Owner", "Amount", "Close Date", "Stage"],
        [word, f" {word} ", word, "Won"],
        ["Bob", "200", "x", "Lost"],
    ]
    (sheet,) = read_upload("export.csv", csv_bytes(rows))
    # The first row holds the placeholder in three columns: those three are blank.
    assert sheet.frame.loc[2].isna().tolist() == [True, True, True, False]
    assert sheet.frame.loc[3].tolist() == ["Bob", "200", "x", "Lost"]
    assert (
        f"Read 3 cell(s) holding NULL, N/A, a dash or an Excel error as blank (e.g. '{word}')."
        in en(sheet.notes)
    )


def test_placeholders_in_a_workbook_are_blank_too() -> None:
    rows = [["Owner", "Amount"], ["Anna", "#N/A"], ["NULL", 200], ["Cor", 300]]
    (sheet,) = read_upload("export.xlsx", xlsx({"Deals": rows}))
    assert sheet.frame["Owner"].isna().tolist() == [False, True, False]
    assert sheet.frame["Amount"].isna().tolist() == [True, False, False]


@pytest.mark.parametrize(
    ("raw", "value", "failed"),
    [
        ("inf", None, True),
        ("-inf", None, True),
        ("Infinity", None, True),
        ("1e309", None, True),  # beyond the largest float: never an amount
        ("NaN", None, True),  # as a parser input; reading the file made it blank already
        (" $1,797.41 ", 1797.41, False),  # accounting format: spaces around, thousands comma
        ("$ (1,200.00)", -1200.0, False),  # parentheses are negative
        ("  -   ", None, False),  # accounting format shows a dash for nothing: blank
        ("1.797,41 €", 1797.41, False),  # euro style: dot thousands, comma decimals
    ],
)
def test_odd_amounts(raw: str, value: float | None, failed: bool) -> None:
    parsed = parse_amounts(pd.Series([raw, "100"], dtype=object))
    got = parsed.values.iloc[0]
    assert np.isnan(got) if value is None else got == value
    assert bool(parsed.failed.iloc[0]) is failed


def test_infinite_numbers_in_a_numeric_column_fail() -> None:
    parsed = parse_amounts(pd.Series([100.0, np.inf, -np.inf, np.nan]))
    assert parsed.failed.tolist() == [False, True, True, False]  # NaN is a blank cell


@pytest.mark.parametrize(
    ("raw", "expected", "outside"),
    [
        ("9999-12-31", None, False),  # beyond what dates can hold: unreadable
        ("1900-01-00", None, False),  # day 0
        ("2026-02-30", None, False),  # 30 February
        ("1900-01-01", None, True),  # Excel's first day: a placeholder
        ("1949-12-31", None, True),  # the day before the window
        ("1950-01-01", T("1950-01-01"), False),  # its first day
        ("2100-12-31", T("2100-12-31"), False),  # its last day
        ("2101-01-01", None, True),
        ("2206-03-14", None, True),  # a typing error for 2026
        ("15 Apr, 2021 00:02:00", T("2021-04-15 00:02"), False),
        ("Aug  8 2014 12:00AM", T("2014-08-08"), False),  # SQL Server's default style
        ("2014-08-08 00:00:00.000", T("2014-08-08"), False),
        ("08-Aug-2014", T("2014-08-08"), False),
        ("8/8/2014 12:00:00 AM", T("2014-08-08"), False),
        ("20140808", T("2014-08-08"), False),
        ("15 mrt 2026", T("2026-03-15"), False),
        ("15. März 2026", T("2026-03-15"), False),
        ("15 avr. 2026", T("2026-04-15"), False),
    ],
)
def test_odd_dates(raw: str, expected: pd.Timestamp | None, outside: bool) -> None:
    parsed = parse_dates(pd.Series([raw], dtype=object))
    got = parsed.values.iloc[0]
    assert pd.isna(got) if expected is None else got == expected
    assert bool(parsed.failed.iloc[0]) is (expected is None)
    assert bool(parsed.outside.iloc[0]) is outside


def test_outside_dates_are_named_in_a_note() -> None:
    parsed = parse_dates(pd.Series(["2026-03-14", "1900-01-01", "1900-01-01", "2206-03-14"]))
    # 2 rows of 1900-01-01 + 1 of 2206-03-14 = 3 dates outside.
    assert en(parsed.notes) == (
        "3 dates lie outside the years 1950-2100 and were set aside as placeholders or typing "
        "errors (e.g. '1900-01-01', '2206-03-14').",
    )


@pytest.mark.parametrize(
    "column",
    [
        pd.Series([T("2026-03-14"), T("1900-01-01")]),  # a datetime column (a workbook's dates)
        pd.Series([46095.0, 1.0]),  # Excel day numbers: 46095 = 2026-03-14, 1 = 1900-01-01
    ],
)
def test_outside_dates_in_typed_columns(column: pd.Series) -> None:
    parsed = parse_dates(column)
    assert parsed.values.iloc[0] == T("2026-03-14")
    assert pd.isna(parsed.values.iloc[1])
    assert parsed.failed.tolist() == [False, True]


def _deals(n: int) -> list[list[object]]:
    # n won deals of Rep 0..2, amounts 1000 + i, closed in March, created in January.
    return [
        [f"Rep {i % 3}", 1000 + i, "Closed Won", f"2026-03-{i + 1:02d}", f"2026-01-{i + 1:02d}"]
        for i in range(n)
    ]


def test_odd_values_set_their_rows_aside_and_keep_the_sheet() -> None:
    rows = _deals(20)
    rows[0][1] = "inf"  # line 2
    rows[1][1] = "1e309"  # line 3
    rows[2][3] = "9999-12-31"  # line 4
    rows[3][3] = "1900-01-00"  # line 5
    rows[4][3] = "2026-02-30"  # line 6
    rows[5][3] = "1900-01-01"  # line 7
    dataset = _read_as_deals("deals.csv", csv_bytes([HEADER, *rows]))
    assert len(dataset.tables["deals"]) == 14  # 20 - 6
    aside = dict(zip(dataset.set_aside["Row"], en(dataset.set_aside["Reason"]), strict=True))
    assert aside == {
        2: "amount 'inf' could not be read",
        3: "amount '1e309' could not be read",
        4: "close date '9999-12-31' could not be read",
        5: "close date '1900-01-00' could not be read",
        6: "close date '2026-02-30' could not be read",
        7: "close date '1900-01-01' lies outside the years 1950-2100",
    }


def test_a_column_of_nan_for_open_deals_still_makes_a_deals_sheet() -> None:
    # Half the deals are open with 'NaN' as amount and 'NULL' as close date (as pandas and
    # databases write blanks). Before, 50% unreadable amounts made the column no amount and
    # the whole sheet unrecognised; now they are blanks and all 20 deals are kept.
    rows = _deals(20)
    for row in rows[1::2]:
        row[1], row[2], row[3] = "NaN", "Prospecting", "NULL"
    deals = _read_as_deals("deals.csv", csv_bytes([HEADER, *rows])).tables["deals"]
    assert len(deals) == 20
    assert int(deals["amount"].isna().sum()) == 10


def test_infinite_number_cells_in_a_workbook_set_their_rows_aside() -> None:
    # Amount cells 1000, 1001 and 1002 (lines 2-4) become 1e309, -1e999 (both infinite as
    # numbers) and NaN (no number: a blank cell, so a won deal missing its amount).
    plain = xlsx({"Deals": [HEADER, *_deals(20)]})
    data = patched_xlsx(
        plain, {b"<v>1000</v>": b"<v>1e309</v>", b"<v>1001</v>": b"<v>-1e999</v>",
                b"<v>1002</v>": b"<v>NaN</v>"}
    )  # fmt: skip
    dataset = _read_as_deals("deals.xlsx", data)
    assert len(dataset.tables["deals"]) == 17  # 20 - 3
    aside = dict(zip(dataset.set_aside["Row"], en(dataset.set_aside["Reason"]), strict=True))
    assert aside == {
        2: "amount 'inf' could not be read",
        3: "amount '-inf' could not be read",
        4: "missing amount",
    }


def test_the_texts_name_the_years_the_dates_are_checked_against() -> None:
    # The catalogue writes the window out (a placeholder at a sentence's end would make the
    # Dutch translation match too much): it must be the window parse_dates uses.
    years = f"{FIRST_YEAR}-{LAST_YEAR}"
    assert message("reason.date_outside_kind", what="close date").text("en") == (
        f"close date lies outside the years {years}"
    )
    for key in ("reason.date_outside", "note.dates_outside", "note.dates_outside_many"):
        said = message(key, what="x", value="y", n=2, examples="z").text("en")
        assert f"outside the years {years}" in said
    note = message("note.dates_outside", n=1, examples="'1900-01-01'")
    said = message("note.column", column="Close Date", note=note)
    assert said.text("en") == (
        f"Close Date: 1 date lies outside the years {years} and was set aside as "
        "a placeholder or typing error (e.g. '1900-01-01')."
    )
    assert said.text("nl") == (
        f"Close Date: 1 datum ligt buiten de jaren {years} en is apart gezet als opvuldatum of "
        "tikfout (bijv. '1900-01-01')."
    )


@pytest.mark.parametrize(
    ("values", "dtype", "expected"),
    [
        # Exact words only: 'NULLS', ' NULL' and 'Noah' start like one but are not.
        (["NULL", "NULLS", " NULL", "Noah", None, "—", "#N/A", ""], "string", [1, 0, 0, 0, 0, 1, 1, 0]),
        (["n/a", "Anna", None], "str", [1, 0, 0]),
        (["n/a", "Anna", None], object, [1, 0, 0]),
        ([None, None], "string", [0, 0]),
    ],
)  # fmt: skip
def test_exact_words_finds_placeholders(
    values: list[str | None], dtype: object, expected: list[int]
) -> None:
    found = exact_words(pd.Series(values, dtype=dtype), BLANK_WORDS)
    assert found.tolist() == [bool(e) for e in expected]
