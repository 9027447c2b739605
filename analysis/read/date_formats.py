"""Date formats recognised in cells, and how the distinct strings of a column read as dates.

Rules decided here (``tests/unit/read/test_dates.py`` pins each of them down):

Numeric dates with separators (``14-03-2026``, ``03/14/2026``, ``14.03.26``) decide day-first
once per column: a value that is a real date only day-first (``14/03/2026``) votes day-first,
one that is real only month-first (``03/14/2026``) votes month-first, weighted by rows; the
majority wins and the values that only work the other way are failed, with a note (a tie is
settled like an ambiguous column). With no deciding value ``prefer_day_first`` is used when
given, otherwise day-first unless most such values use a slash (US style ``03/04/2026``), which
reads month-first. ``ambiguous`` is True only when nothing in the column decided and some
value's reading depends on the guess (``03/04/2026``; ``03/03/2026`` reads the same both ways);
a note then names the choice. Evidence in the column always beats ``prefer_day_first``.

Two-digit years 00-68 are 2000-2068, 69-99 are 1969-1999. Year-first dates (``2026-03-14``,
``2026/03/14``) are always year-month-day. Times may follow (``09:30``, ``9:05 AM``,
``16:14:25.000``); a time zone (``Z``, ``+0000``, ``+01:00``, ``UTC``) is converted to UTC and
dropped (a note is added only when an offset was not zero). Month names in English, Dutch,
German and French (``14 Mar 2026``, ``Mar 14, 2026``, ``14-mrt-2026``, ``za 14 maart 2026``)
are read. Plain numbers (cells or digit strings) are Excel serial days when 20000-80000
(1954-2119; the fraction is the time of day, kept to the millisecond), ``yyyymmdd`` when
19000101-21001231, Unix seconds when 5e8-4.2e9 and Unix milliseconds when 5e11-4.2e12; any
other number is failed. Dates outside 1678-2261 (the datetime64[ns] range) are failed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from analysis.read.cells import (
    LETTER,
    BoolArray,
    DateArray,
    Fields,
    FloatArray,
    IntArray,
    examples_where,
    extract,
    fill_empty,
    lookup,
    matches,
    nonempty,
    normalise_text,
    quoted,
    to_floats,
    to_ints,
)
from analysis.read.notes import message
from analysis.read.vocabulary import MONTHS, WEEKDAYS
from analysis.words.message import Say

_NS_PER_SECOND = 1_000_000_000
_MIN_YEAR, _MAX_YEAR = 1678, 2261  # whole years that fit datetime64[ns]
NAT = np.datetime64("NaT", "ns")

_TIME = (
    r"(?:(?:T|\s+|,\s*)(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2})(?:[.,](?P<F>\d{1,9}))?)?"
    r"\s*(?P<AP>(?i:[ap]\.?m\.?))?)?"
)
_ISO_RE = (
    r"^(?P<Y>\d{4})(?P<s1>[-/.])(?P<m>\d{1,2})(?P<s2>[-/.])(?P<d>\d{1,2})"
    + _TIME
    + r"\s*(?P<TZ>Z|(?i:UTC|GMT)|[+-]\d{2}(?::?\d{2})?)?$"
)
_DMY_RE = r"^(?P<a>\d{1,2})(?P<s1>[-/.])(?P<b>\d{1,2})(?P<s2>[-/.])(?P<Y>\d{4}|\d{2})" + _TIME + "$"
_WEEKDAY = r"(?:(?P<wd>" + LETTER + r"+)\.?,?\s+)?"
_DAY_MONTH_NAME_RE = (
    r"^" + _WEEKDAY + r"(?P<d>\d{1,2})(?:st|nd|rd|th|e|ste|de)?\.?\s*[-/.]?\s*"
    r"(?P<mon>" + LETTER + r"{3,})\.?\s*[-/.,]?\s*(?P<Y>\d{4}|\d{2})" + _TIME + "$"
)
_MONTH_NAME_DAY_RE = (
    r"^" + _WEEKDAY + r"(?P<mon>" + LETTER + r"{3,})\.?(?:\s+|-)(?P<d>\d{1,2})(?:st|nd|rd|th)?"
    r"(?:,\s*|\s+|-)(?P<Y>\d{4})" + _TIME + "$"
)
_NUMBER_RE = r"^(?P<n>\d+(?:[.,]\d+)?)$"
_TZ_RE = r"^(?P<sg>[+-])(?P<th>\d{2}):?(?P<tm>\d{2})?$"

FROM_EXCEL, FROM_YYYYMMDD, FROM_UNIX = 1, 2, 3  # how a plain number was read; 0: it was not


def _assemble(
    year: IntArray,
    month: IntArray,
    day: IntArray,
    hour: IntArray | None = None,
    minute: IntArray | None = None,
    second: IntArray | None = None,
    nanos: IntArray | None = None,
    offset_minutes: IntArray | None = None,
) -> DateArray:
    """datetime64[ns] from calendar parts, NaT where the parts are not a real date and time."""
    zero = np.zeros(len(year), dtype=np.int64)
    hour = zero if hour is None else hour
    minute = zero if minute is None else minute
    second = zero if second is None else second
    nanos = zero if nanos is None else nanos
    offset_minutes = zero if offset_minutes is None else offset_minutes
    valid = (
        (year >= _MIN_YEAR)
        & (year <= _MAX_YEAR)
        & (month >= 1)
        & (month <= 12)
        & (day >= 1)
        & (day <= 31)
        & (hour >= 0)
        & (hour <= 23)
        & (minute >= 0)
        & (minute <= 59)
        & (second >= 0)
        & (second <= 59)
    )
    months = np.where(valid, (year - 1970) * 12 + month - 1, 0).astype("datetime64[M]")
    days = months.astype("datetime64[D]") + np.where(valid, day - 1, 0).astype("timedelta64[D]")
    valid &= days.astype("datetime64[M]") == months
    seconds = (hour * 60 + minute - offset_minutes) * 60 + second
    stamps = days.astype("datetime64[ns]").astype(np.int64) + seconds * _NS_PER_SECOND + nanos
    out = stamps.astype("datetime64[ns]")
    out[~valid] = NAT
    return out


def dates_from_numbers(x: FloatArray) -> tuple[DateArray, npt.NDArray[np.int8]]:
    """Dates from Excel serial days, yyyymmdd numbers or Unix timestamps; NaT otherwise."""
    out = np.full(len(x), NAT)
    kind = np.zeros(len(x), dtype=np.int8)
    with np.errstate(invalid="ignore"):
        finite = np.isfinite(x)
        safe = np.where(finite, x, 0.0)
        excel = finite & (safe >= 20000) & (safe <= 80000)
        unix_s = finite & (safe >= 5e8) & (safe < 4.2e9)
        unix_ms = finite & (safe >= 5e11) & (safe < 4.2e12)
        ymd = finite & (safe >= 19000101) & (safe <= 21001231) & (safe == np.floor(safe))
    millis = np.zeros(len(x), dtype=np.int64)
    millis[excel] = np.round((safe[excel] - 25569.0) * 86_400_000.0)
    millis[unix_s] = np.round(safe[unix_s] * 1000.0)
    millis[unix_ms] = np.round(safe[unix_ms])
    epoch = excel | unix_s | unix_ms
    out[epoch] = (millis[epoch] * 1_000_000).astype("datetime64[ns]")
    if ymd.any():
        whole = safe[ymd].astype(np.int64)
        out[ymd] = _assemble(whole // 10000, whole // 100 % 100, whole % 100)
    kind[excel] = FROM_EXCEL
    kind[unix_s | unix_ms] = FROM_UNIX
    kind[ymd] = FROM_YYYYMMDD
    kind[np.isnat(out)] = 0
    return out, kind


def _time_parts(st: Fields) -> tuple[IntArray, IntArray, IntArray, IntArray, BoolArray]:
    hour, minute, second = (to_ints(st[k]) for k in ("H", "M", "S"))
    nanos = to_ints(pc.utf8_rpad(fill_empty(st["F"]), width=9, padding="0"))
    am_pm = fill_empty(st["AP"])
    has_am_pm = nonempty(am_pm)
    pm = matches(am_pm, "^[pP]")
    valid = ~has_am_pm | ((hour >= 1) & (hour <= 12))
    hour = np.where(has_am_pm, hour % 12 + 12 * pm, hour)
    return hour, minute, second, nanos, valid


def _year(st: Fields) -> IntArray:
    year = to_ints(st["Y"])
    two_digit = matches(fill_empty(st["Y"]), r"^\d{2}$")
    return np.where(two_digit, np.where(year <= 68, 2000 + year, 1900 + year), year)


def _same(st: Fields, a: str, b: str) -> BoolArray:
    return np.asarray(pc.equal(st[a], st[b]).to_numpy(zero_copy_only=False), bool)


def _weekday_ok(st: Fields) -> BoolArray:
    wd = fill_empty(st["wd"])
    return ~nonempty(wd) | (lookup(wd, WEEKDAYS) > 0)


@dataclass(frozen=True)
class DateStrings:
    """Dates read from distinct strings, with the decisions taken for them."""

    values: DateArray
    blank: BoolArray
    from_number: npt.NDArray[np.int8]
    had_tz: BoolArray  # shifted from a non-zero UTC offset
    day_first: bool | None
    ambiguous: bool
    notes: list[Say]


class _Unread:
    """The distinct strings not read yet; each `match` takes the ones that fit a pattern."""

    def __init__(self, arr: pa.Array, done: BoolArray) -> None:
        self.arr = arr
        self.done = done

    def match(self, pattern: str) -> tuple[IntArray, Fields]:
        """Positions of the unread strings matching `pattern` (now read), and their fields."""
        todo = np.flatnonzero(~self.done)
        ok, fields = extract(self.arr.take(pa.array(todo)), pattern)
        self.done[todo[ok]] = True
        keep = pa.array(ok)
        return todo[ok], {name: field.filter(keep) for name, field in fields.items()}


def _iso_dates(st: Fields) -> tuple[DateArray, IntArray]:
    """Year-first dates in UTC, NaT where invalid, and each one's UTC offset in minutes."""
    hour, minute, second, nanos, time_ok = _time_parts(st)
    tz = fill_empty(st["TZ"])
    _, zone = extract(tz, _TZ_RE)
    offset = to_ints(zone["th"]) * 60 + to_ints(zone["tm"])
    offset = np.where(matches(tz, "^-"), -offset, offset)
    parsed = _assemble(
        to_ints(st["Y"]), to_ints(st["m"]), to_ints(st["d"]),
        hour, minute, second, nanos, offset,
    )  # fmt: skip
    parsed[~(time_ok & _same(st, "s1", "s2"))] = NAT
    return parsed, offset


def _day_first_vote(
    st: Fields, weights: IntArray, df_rows: int, mf_rows: int, prefer: bool | None
) -> bool:
    """Day-first when more rows can only be read so; else the preference; else unless slashes."""
    if df_rows != mf_rows:
        return df_rows > mf_rows
    if prefer is not None:
        return prefer
    slash = matches(fill_empty(st["s1"]), "^/$")
    return int(weights[slash].sum()) * 2 <= int(weights.sum())


@dataclass(frozen=True)
class _NumericDates:
    """Dates written with day and month as numbers, read in the order decided for them."""

    values: DateArray
    day_first: bool
    ambiguous: bool  # no date showed the order, and some read differently either way
    notes: list[Say]


def _numeric_dates(
    texts: pa.Array, st: Fields, weights: IntArray, prefer_day_first: bool | None
) -> _NumericDates:
    """Read 14-03-2026 or 03/14/2026 in the order most rows show, with notes on the order."""
    a, b, year = to_ints(st["a"]), to_ints(st["b"]), _year(st)
    hour, minute, second, nanos, time_ok = _time_parts(st)
    ok = time_ok & _same(st, "s1", "s2")
    as_day_first = _assemble(year, b, a, hour, minute, second, nanos)
    as_month_first = _assemble(year, a, b, hour, minute, second, nanos)
    as_day_first[~ok] = NAT
    as_month_first[~ok] = NAT
    df_ok, mf_ok = ~np.isnat(as_day_first), ~np.isnat(as_month_first)
    df_rows = int(weights[df_ok & ~mf_ok].sum())
    mf_rows = int(weights[mf_ok & ~df_ok].sum())
    day_first = _day_first_vote(st, weights, df_rows, mf_rows, prefer_day_first)
    order = Say("upload.word.day_first" if day_first else "upload.word.month_first")
    other = Say("upload.word.month_first" if day_first else "upload.word.day_first")
    notes: list[Say] = []
    ambiguous = False
    differs = df_ok & mf_ok & (a != b)
    if df_rows == 0 and mf_rows == 0 and differs.any():
        ambiguous = True
        example = examples_where(texts, differs, 1)[0]
        notes.append(message("note.dates.either_order", example=example, order=order))
    minority = (mf_ok & ~df_ok) if day_first else (df_ok & ~mf_ok)
    if df_rows and mf_rows:
        minority_rows = int(weights[minority].sum())
        key = "note.dates.other_order" + ("" if minority_rows == 1 else "_many")
        shown = quoted(examples_where(texts, minority))
        notes.append(message(key, n=minority_rows, examples=shown, other=other, order=order))
    values = as_day_first if day_first else as_month_first
    return _NumericDates(values, day_first, ambiguous, notes)


def _named_month_dates(st: Fields) -> DateArray:
    """Dates with the month as a name (14 maart 2026, Mar 14, 2026), NaT where invalid."""
    hour, minute, second, nanos, time_ok = _time_parts(st)
    month = lookup(st["mon"], MONTHS)
    parsed = _assemble(_year(st), month, to_ints(st["d"]), hour, minute, second, nanos)
    parsed[~(time_ok & _weekday_ok(st))] = NAT
    return parsed


def read_date_strings(
    raw: pa.Array, counts: IntArray, prefer_day_first: bool | None
) -> DateStrings:
    """Dates read from distinct strings, ``counts`` rows each, day-first decided by row votes."""
    arr = normalise_text(raw)
    n = len(raw)
    out = np.full(n, NAT)
    blank = matches(arr, r"^-*$")
    unread = _Unread(arr, blank.copy())
    had_tz = np.zeros(n, dtype=bool)
    from_number = np.zeros(n, dtype=np.int8)

    # year first: 2026-03-14, 2026/03/14 13:45, 2026-03-14T16:14:25.000+0000
    idx, st = unread.match(_ISO_RE)
    if idx.size:
        out[idx], offset = _iso_dates(st)
        had_tz[idx] = offset != 0  # Z and +0000 change nothing: no note for them

    # day and month as numbers: 14-03-2026, 03/14/2026, 14.03.26 09:30, 3/4/2026 9:05 AM
    idx, st = unread.match(_DMY_RE)
    day_first: bool | None = None
    ambiguous = False
    notes: list[Say] = []
    if idx.size:
        numeric = _numeric_dates(raw.take(pa.array(idx)), st, counts[idx], prefer_day_first)
        out[idx] = numeric.values
        day_first, ambiguous, notes = numeric.day_first, numeric.ambiguous, numeric.notes

    # month names: 14 Mar 2026, 14-mrt-2026, 14 maart 2026, Mar 14, 2026, Saturday, March 14
    for pattern in (_DAY_MONTH_NAME_RE, _MONTH_NAME_DAY_RE):
        idx, st = unread.match(pattern)
        if idx.size:
            out[idx] = _named_month_dates(st)

    # plain numbers: Excel serial days, yyyymmdd, Unix timestamps
    idx, st = unread.match(_NUMBER_RE)
    if idx.size:
        number_text = pc.replace_substring(fill_empty(st["n"]), ",", ".")
        number = to_floats(number_text, np.ones(idx.size, dtype=bool))
        out[idx], from_number[idx] = dates_from_numbers(number)

    return DateStrings(out, blank, from_number, had_tz, day_first, ambiguous, notes)
