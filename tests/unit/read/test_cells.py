"""What holds for any cell text, whichever parser reads it (analysis/read/cells.py and its users).

Shape extraction agrees with plain regex extraction; every cell is read, failed or blank; no
text makes a parser raise. The examples are hand-written cells; hypothesis adds random ones.
"""

from __future__ import annotations

import re

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.read import cells, date_formats, number_strings
from analysis.read.amounts import parse_amounts, parse_numbers
from analysis.read.dates import parse_dates
from analysis.read.stages import parse_bools, parse_status
from tests.columns import col

# ============================================================================================
# Shape path and regex path agree


@pytest.mark.parametrize(
    "pattern",
    [
        number_strings._AMOUNT_RE,
        date_formats._ISO_RE,
        date_formats._DMY_RE,
        date_formats._DAY_MONTH_NAME_RE,
    ],
)
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
    matched, fields = cells.extract(arr, pattern)
    direct = pc.extract_regex(arr, pattern)
    assert matched.tolist() == pc.is_valid(direct).to_pylist()
    for name, field in fields.items():
        assert field.to_pylist() == pc.fill_null(direct.field(name), "").to_pylist()


# ============================================================================================
# Properties


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
