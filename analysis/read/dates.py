"""Dates read from raw cells, with the day-first decision taken per column.

Rules decided here (``tests/unit/read/test_dates.py`` pins each of them down; the formats read
from text and plain numbers, and the day-first decision, are in ``date_formats.py``):

Blanks
    None, NaN, NaT, pd.NA, empty or whitespace-only strings and a lone dash (``-``, ``--``,
    ``–``, ``—``) are blank: the value is missing and ``failed`` is False. Any other value that
    cannot be read is failed: ``n/a``, ``TBD``, ``?``, booleans.

Datetimes
    Zones of tz-aware datetimes are converted to UTC and dropped (a note is added only when an
    offset was not zero). Datetimes outside 1678-2261 (the datetime64[ns] range) are failed.

Business years
    A date that reads but falls outside the years 1950-2100 (``FIRST_YEAR``-``LAST_YEAR``; the
    catalogue texts write these years out, a test keeps them equal) is failed too, and marked
    in ``outside``: such dates are placeholders (``1900-01-01``, Excel's day 1) or typing
    errors (``2206`` for ``2026``), never when a deal was made. 1950 keeps the start dates of
    long-serving staff. (``9999-12-31`` is beyond what a date can hold: plainly unreadable.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from analysis.read.cells import (
    KIND_DATE,
    KIND_DATETIME,
    KIND_NUM,
    BoolArray,
    DateArray,
    as_float,
    factorize,
    fmt_number,
    quoted,
    take,
)
from analysis.read.date_formats import (
    FROM_EXCEL,
    FROM_UNIX,
    FROM_YYYYMMDD,
    NAT,
    dates_from_numbers,
    read_date_strings,
)
from analysis.read.notes import message
from analysis.words.message import Say

__all__ = ["ParsedDates", "parse_dates"]


@dataclass(frozen=True)
class ParsedDates:
    """Dates read from one column, with the day-first decision taken for it."""

    values: pd.Series  # datetime64[ns], naive (UTC where a zone was given), NaT if blank/failed
    failed: pd.Series  # bool, True where a non-blank value could not be read
    day_first: bool | None  # decision for 14-03-2026 style dates, None when there were none
    ambiguous: bool  # True when nothing decided day_first and it changed some value's reading
    notes: tuple[Say, ...]  # what a sales user should know of the reading
    outside: pd.Series  # bool, True where a date read but lies outside FIRST_YEAR-LAST_YEAR


FIRST_YEAR, LAST_YEAR = 1950, 2100
_EARLIEST = np.datetime64(f"{FIRST_YEAR}-01-01", "ns")
_AFTER_LAST = np.datetime64(f"{LAST_YEAR + 1}-01-01", "ns")


def _outside_years(values: DateArray) -> BoolArray:
    """Return where dates are read but fall outside FIRST_YEAR-LAST_YEAR."""
    return ~np.isnat(values) & ((values < _EARLIEST) | (values >= _AFTER_LAST))


def _unreadable(n: int) -> list[Say]:
    """The note of `n` values that are no dates at all."""
    return [message("note.dates.unreadable" + ("" if n == 1 else "_many"), n=n)]


def _outside_note(n: int, examples: list[str]) -> list[Say]:
    if not n:
        return []
    key = "note.dates_outside" if n == 1 else "note.dates_outside_many"
    return [message(key, n=n, examples=quoted(examples))]


def _datetime_object(value: object) -> tuple[np.datetime64, bool]:
    """A Python/pandas/numpy datetime as naive UTC datetime64[ns]; True if it was shifted."""
    try:
        stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    except (ValueError, TypeError, OverflowError):
        return NAT, False
    if stamp is pd.NaT:
        return NAT, False
    shifted = False
    if stamp.tzinfo is not None:
        shifted = stamp.utcoffset() != dt.timedelta(0)
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    try:
        return stamp.as_unit("ns").to_datetime64(), shifted
    except (ValueError, OverflowError):  # OutOfBoundsDatetime is a ValueError
        return NAT, shifted


def _date_notes(
    examples: Callable[[BoolArray, int], list[str]],
    failed_rows: int,
    failed: BoolArray,
    from_number: npt.NDArray[np.int8],
    had_tz: BoolArray,
) -> list[Say]:
    notes: list[Say] = []
    sources = (
        (FROM_EXCEL, "note.excel_dates"),
        (FROM_YYYYMMDD, "note.yyyymmdd_dates"),
        (FROM_UNIX, "note.unix_dates"),
    )
    for kind, key in sources:
        if (from_number == kind).any():
            notes.append(message(key, example=examples(from_number == kind, 1)[0]))
    if had_tz.any():
        notes.append(message("note.time_zone", example=examples(had_tz, 1)[0]))
    if failed_rows:
        key = "note.unreadable_dates" if failed_rows == 1 else "note.unreadable_dates_many"
        notes.append(message(key, n=failed_rows, examples=quoted(examples(failed, 3))))
    return notes


def _dates_result(
    raw: pd.Series,
    values: DateArray,
    failed: BoolArray,
    day_first: bool | None,
    ambiguous: bool,
    notes: list[Say],
    outside: BoolArray | None = None,
) -> ParsedDates:
    if outside is None:
        outside = np.zeros(len(raw), dtype=bool)
    return ParsedDates(
        values=pd.Series(values, index=raw.index, name=raw.name, dtype="datetime64[ns]"),
        failed=pd.Series(failed | outside, index=raw.index, name=raw.name, dtype=bool),
        day_first=day_first,
        ambiguous=ambiguous,
        notes=tuple(notes),
        outside=pd.Series(outside, index=raw.index, name=raw.name, dtype=bool),
    )


def _datetime_dtype_dates(raw: pd.Series) -> ParsedDates:
    series = raw
    notes: list[Say] = []
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        if str(series.dtype.tz) not in ("UTC", "utc", "Etc/UTC"):
            notes.append(message("note.dates.time_zone"))
        series = series.dt.tz_convert("UTC").dt.tz_localize(None)
    try:
        values = series.dt.as_unit("ns").to_numpy()
        failed = np.zeros(len(series), dtype=bool)
    except (ValueError, OverflowError):  # outside 1677-2262
        stamps = series.to_numpy()
        low = np.datetime64(pd.Timestamp.min.ceil("s")).astype(stamps.dtype)
        high = np.datetime64(pd.Timestamp.max.floor("s")).astype(stamps.dtype)
        failed = ~np.isnat(stamps) & ((stamps < low) | (stamps > high))
        values = np.where(failed, np.datetime64("NaT"), stamps).astype("datetime64[ns]")
        n = int(failed.sum())
        key = "note.dates.out_of_range" + ("" if n == 1 else "_many")
        notes.append(message(key, n=n))
    outside = _outside_years(values)
    if outside.any():
        shown = [str(pd.Timestamp(v).date()) for v in values[outside][:3]]
        notes += _outside_note(int(outside.sum()), shown)
        values = np.where(outside, NAT, values)
    return _dates_result(raw, values, failed, None, False, notes, outside)


def _no_dates(raw: pd.Series) -> ParsedDates:
    """A column of a type that holds no dates (booleans, timedeltas): every value failed."""
    failed = raw.notna().to_numpy()
    notes = _unreadable(int(failed.sum()))
    return _dates_result(raw, np.full(len(raw), NAT), failed, None, False, notes)


def _numeric_dtype_dates(raw: pd.Series) -> ParsedDates:
    """Dates read from a column of numbers: Excel serial days, yyyymmdd, Unix timestamps."""
    numbers = raw.to_numpy(dtype=np.float64, na_value=np.nan)
    values, from_number = dates_from_numbers(numbers)
    failed = ~np.isnan(numbers) & np.isnat(values)

    def number_examples(mask: BoolArray, limit: int) -> list[str]:
        return [fmt_number(numbers[i]) for i in np.flatnonzero(mask)[:limit]]

    outside = _outside_years(values)
    values = np.where(outside, NAT, values)
    notes = _date_notes(
        number_examples, int(failed.sum()), failed, from_number, np.zeros(0, dtype=bool)
    )
    notes += _outside_note(int(outside.sum()), number_examples(outside, 3))
    return _dates_result(raw, values, failed, None, False, notes, outside)


def _mixed_dates(raw: pd.Series, prefer_day_first: bool | None) -> ParsedDates:
    """Dates read from a column of text, numbers and date objects, per distinct value."""
    fz = factorize(raw)
    n = len(fz.kinds)
    values = np.full(n, NAT)
    blank = np.zeros(n, dtype=bool)
    had_tz = np.zeros(n, dtype=bool)
    from_number = np.zeros(n, dtype=np.int8)
    day_first: bool | None = None
    ambiguous = False
    notes: list[Say] = []

    strings = fz.string_positions()
    if strings.size:
        ds = read_date_strings(fz.strings, fz.counts[strings], prefer_day_first)
        values[strings] = ds.values
        blank[strings] = ds.blank
        had_tz[strings] = ds.had_tz
        from_number[strings] = ds.from_number
        day_first, ambiguous, notes = ds.day_first, ds.ambiguous, list(ds.notes)
    numbers = np.flatnonzero(fz.kinds == KIND_NUM)
    if numbers.size:
        floats = np.array([as_float(fz.value(i)) for i in numbers], dtype=np.float64)
        values[numbers], from_number[numbers] = dates_from_numbers(floats)
    for i in np.flatnonzero((fz.kinds == KIND_DATETIME) | (fz.kinds == KIND_DATE)):
        values[i], had_tz[i] = _datetime_object(fz.value(i))
    failed = ~blank & np.isnat(values)
    outside = _outside_years(values)
    values[outside] = NAT

    notes += _date_notes(fz.texts, int(fz.counts[failed].sum()), failed, from_number, had_tz)
    notes += _outside_note(int(fz.counts[outside].sum()), fz.texts(outside))
    return _dates_result(
        raw,
        take(values, NAT, fz.codes),
        take(failed, False, fz.codes),
        day_first,
        ambiguous,
        notes,
        take(outside, False, fz.codes),
    )


def parse_dates(raw: pd.Series, prefer_day_first: bool | None = None) -> ParsedDates:
    """Return dates (naive, UTC where a zone was given) read from a raw column."""
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        return _datetime_dtype_dates(raw)
    if pd.api.types.is_bool_dtype(raw.dtype):
        return _no_dates(raw)
    if pd.api.types.is_numeric_dtype(raw.dtype):
        return _numeric_dtype_dates(raw)
    if not (
        raw.dtype == object
        or isinstance(raw.dtype, pd.CategoricalDtype)
        or pd.api.types.is_string_dtype(raw.dtype)
    ):
        return _no_dates(raw)
    return _mixed_dates(raw, prefer_day_first)
