"""Turn raw cell values from CRM exports into typed values, deciding the format per column.

Speed: every parser works on the distinct values of a column (dictionary encoding), reads
those with vectorised pyarrow (RE2) regular expressions, and takes the results back by code,
so a 1M-row column with repeating values costs little more than factorising it. Numeric and
datetime dtypes take a fast path that never looks at single values. When many distinct strings
share a few shapes (digits replaced by 0, e.g. a million distinct timestamps), each shape is
matched once and the parts are cut out by position.

Rules decided here (``tests/unit/test_values.py`` pins each of them down):

Blanks
    None, NaN, NaT, pd.NA, empty or whitespace-only strings and a lone dash (``-``, ``--``,
    ``–``, ``—``; for amounts also ``€ -``, which accounting formats show for "nothing") are
    blank: the value is missing and ``failed`` is False. Any other value that cannot be read
    is failed: ``n/a``, ``TBD``, ``?``, booleans in amount/number/date columns, dates in amount
    columns, unknown currency words (``XYZ 100``), a percentage in an amount, two different
    currencies in one cell, unbalanced parentheses, two minus signs.

Decimal mark (amounts and numbers)
    A value shows its decimal mark when only one reading is valid: ``1.234,56``, ``12,5``,
    ``0,500``, ``1.234.567`` and ``€ 12.500,-`` show a comma; ``1,234.56``, ``12.5``, ``0.500``,
    ``1234.567`` and ``1,234,567`` show a dot. Such values are always read as written, even
    when the column mostly uses the other mark (a note then says the column mixes them).
    One separator followed by exactly three digits after one to three leading digits, not
    starting with 0 (``12.500``, ``1,250``), is ambiguous and follows the column: the column's
    decimal mark is the one shown by most rows (a tie goes to the dot). When no value shows a
    decimal mark, the separator in the ambiguous values is a thousands separator (``12.500`` =
    12500, ``1,250`` = 1250), ``decimal_mark`` is the other character, and a note says so.
    ``decimal_mark`` is None when no value has a separator. Spaces (also no-break and narrow
    no-break) and apostrophes are only ever thousands separators (``1 234,56``, ``12'500.00``);
    Indian grouping (``12,34,567.00``) reads with a dot. ``(1,200)``, ``-1.200``, ``1200-`` and
    ``€ -1.200`` are negative. ``k``, ``M``/``mln``/``mio``/``mn`` and ``bn``/``mrd``/``mld``
    multiply (``$1.2k`` = 1200). Currency symbols and codes may stand before or after the
    number; ``parse_numbers`` fails on currencies and reads ``75%`` as 75.

Dates
    Numeric dates with separators (``14-03-2026``, ``03/14/2026``, ``14.03.26``) decide
    day-first once per column: a value that is a real date only day-first (``14/03/2026``)
    votes day-first, one that is real only month-first (``03/14/2026``) votes month-first,
    weighted by rows; the majority wins and the values that only work the other way are
    failed, with a note (a tie is settled like an ambiguous column). With no deciding value
    ``prefer_day_first`` is used when given, otherwise day-first unless most such values use a
    slash (US style ``03/04/2026``), which reads month-first. ``ambiguous`` is True only when
    nothing in the column decided and some value's reading depends on the guess
    (``03/04/2026``; ``03/03/2026`` reads the same both ways); a note then names the choice.
    Evidence in the column always beats ``prefer_day_first``. Two-digit years 00-68 are
    2000-2068, 69-99 are 1969-1999. Year-first dates (``2026-03-14``, ``2026/03/14``) are always
    year-month-day. Times may follow (``09:30``, ``9:05 AM``, ``16:14:25.000``); a time zone
    (``Z``, ``+0000``, ``+01:00``, ``UTC``) is converted to UTC and dropped, as are zones of
    tz-aware datetimes (a note is added only when an offset was not zero). Month names in English, Dutch, German and French (``14 Mar 2026``,
    ``Mar 14, 2026``, ``14-mrt-2026``, ``za 14 maart 2026``) are read. Plain numbers (cells or
    digit strings) are Excel serial days when 20000-80000 (1954-2119; the fraction is the time
    of day, kept to the millisecond), ``yyyymmdd`` when 19000101-21001231, Unix seconds when
    5e8-4.2e9 and Unix milliseconds when 5e11-4.2e12; any other number is failed. Dates outside
    1678-2261 (the datetime64[ns] range) are failed.

Status
    Stage names are matched case-, accent-, space- and punctuation-insensitively, also after
    dropping a leading number (``3. Proposal``) and a percentage (``Proposal (60%)``). ``100%``
    alone is won, ``1%``-``99%`` alone are open, ``0%`` alone is unknown (it may be an early
    stage; probabilities belong in ``status_from_flags``). A name outside the vocabulary that
    contains a won word (won, gewonnen, signed, getekend) or a lost word (lost, verloren,
    rejected, cancelled, ...) but not both and no negation (not, niet, no, geen) takes that
    status ("Closed Won - Renewal"). Anything else, including Pipedrive's ``deleted``, is
    unknown: it counts as open and is listed in ``unknown`` and a note. Blank stays None.
    ``status_from_flags``: IsWon true is won; IsClosed true and IsWon false is lost; IsClosed
    false and IsWon false is open; blank flags are false (as in Salesforce exports),
    unreadable flags decide nothing. Where flags leave the status open to question (no IsWon
    column, unreadable flags) a probability decides: 100 won, 0 lost, in between open
    (a column written as fractions 0-1 is scaled to percent); otherwise None.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "ParsedAmounts",
    "ParsedDates",
    "ParsedStatus",
    "parse_amounts",
    "parse_bools",
    "parse_dates",
    "parse_numbers",
    "parse_status",
    "status_from_flags",
]

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
ObjArray = npt.NDArray[np.object_]
DateArray = npt.NDArray[np.datetime64]


# --------------------------------------------------------------------------------------------
# Public results


@dataclass(frozen=True)
class ParsedAmounts:
    """Amounts (or plain numbers) read from one column, with the decisions taken for it."""

    values: pd.Series  # float64, NaN where blank or failed, same index as the input
    failed: pd.Series  # bool, True where a non-blank value could not be read
    decimal_mark: str | None  # "." or "," as decided for the column, None if no value needed it
    currencies: tuple[str, ...]  # normalised codes seen ("EUR", "USD", ...), sorted
    per_row_currency: pd.Series  # object: currency code per row, or None
    notes: tuple[str, ...]  # plain-English sentences for a sales user


@dataclass(frozen=True)
class ParsedDates:
    """Dates read from one column, with the day-first decision taken for it."""

    values: pd.Series  # datetime64[ns], naive (UTC where a zone was given), NaT if blank/failed
    failed: pd.Series  # bool, True where a non-blank value could not be read
    day_first: bool | None  # decision for 14-03-2026 style dates, None when there were none
    ambiguous: bool  # True when nothing decided day_first and it changed some value's reading
    notes: tuple[str, ...]  # plain-English sentences for a sales user


@dataclass(frozen=True)
class ParsedStatus:
    """Deal status ("won", "lost", "open" or None) read from a stage or status column."""

    values: pd.Series  # object: "won", "lost", "open", or None where blank
    unknown: tuple[str, ...]  # distinct stage names not recognised (counted as open), sorted
    notes: tuple[str, ...]  # plain-English sentences for a sales user


# --------------------------------------------------------------------------------------------
# Factorising


_STR, _NUM, _BOOL, _DATETIME, _DATE, _OTHER = range(6)


@dataclass(frozen=True)
class _Factorized:
    codes: IntArray  # per row: index into the uniques, -1 where missing
    counts: IntArray  # rows per unique
    kinds: npt.NDArray[np.int8]  # _STR, _NUM, ... per unique
    strings: pa.Array  # the uniques of kind _STR, in order, as large_string
    objects: ObjArray | None  # all uniques as Python objects; None when all are strings

    def string_positions(self) -> IntArray:
        return np.flatnonzero(self.kinds == _STR)

    def value(self, i: int) -> object:
        """Unique ``i`` as a Python object."""
        if self.objects is not None:
            return self.objects[i]
        return self.strings[int(i)].as_py()

    def values(self) -> ObjArray:
        """All uniques as Python objects."""
        if self.objects is not None:
            return self.objects
        return np.asarray(self.strings.to_numpy(zero_copy_only=False), dtype=object)

    def texts(self, mask: BoolArray, limit: int = 3) -> list[str]:
        """Up to ``limit`` uniques where ``mask`` holds, as text for notes."""
        return [str(self.value(i)) for i in np.flatnonzero(mask)[:limit]]


def _kind(value: object) -> int:
    if isinstance(value, str):
        return _STR
    if isinstance(value, (bool, np.bool_)):
        return _BOOL
    if isinstance(value, (int, float, np.integer, np.floating, Decimal)):
        return _NUM
    if isinstance(value, (dt.datetime, np.datetime64)):  # pd.Timestamp is a datetime
        return _DATETIME
    if isinstance(value, dt.date):
        return _DATE
    return _OTHER


def _is_zero_or_one(value: object) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return True
    return isinstance(value, (int, float, np.integer, np.floating)) and value in (0, 1)


def _separate_bools(
    values: ObjArray, codes: IntArray, uniques: ObjArray
) -> tuple[IntArray, ObjArray]:
    """Undo factorize's merging of True with 1 and False with 0 in object columns.

    A unique keeps the rows of its own kind (bool or number); rows of the other kind move to
    a new unique appended at the end, so first-appearance order is kept for the rest.
    """
    suspect = np.flatnonzero(np.fromiter((_is_zero_or_one(u) for u in uniques), bool))
    if suspect.size == 0:
        return codes, uniques

    def key(value: object) -> int:  # 0: number 0, 1: number 1, 2: False, 3: True
        return 2 * isinstance(value, (bool, np.bool_)) + bool(value)

    rows = np.flatnonzero(np.isin(codes, suspect))
    keys = np.fromiter((key(v) for v in values[rows]), dtype=np.int64, count=rows.size)
    own = np.array([key(u) for u in uniques[suspect]], dtype=np.int64)
    own_key = np.full(len(uniques), -1, dtype=np.int64)
    own_key[suspect] = own
    moving = keys != own_key[codes[rows]]
    if not moving.any():
        return codes, uniques
    codes = codes.copy()
    extra: list[object] = []
    for moved_key in np.unique(keys[moving]):
        codes[rows[moving & (keys == moved_key)]] = len(uniques) + len(extra)
        extra.append([0, 1, False, True][int(moved_key)])
    added = np.empty(len(extra), dtype=object)
    added[:] = extra
    return codes, np.concatenate([uniques, added])


def _arrow_strings_of(raw: pd.Series) -> pa.Array | None:
    """The column as a pyarrow large_string array when it holds only strings, else None."""
    try:
        if raw.dtype == object:  # often all strings; pyarrow gives up at the first non-string
            arr = pa.array(raw.to_numpy(), from_pandas=True)
        elif pd.api.types.is_string_dtype(raw.dtype):
            arr = pa.array(raw.array)
        else:
            return None
    except (TypeError, ValueError, pa.ArrowException):
        return None
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        return None
    return arr.cast(pa.large_string())


def _factorize(raw: pd.Series) -> _Factorized:
    arrow = _arrow_strings_of(raw)
    if arrow is not None:
        encoded = arrow.dictionary_encode()
        codes = np.asarray(
            pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False), dtype=np.int64
        )
        strings = encoded.dictionary
        counts = np.bincount(codes[codes >= 0], minlength=len(strings)).astype(np.int64)
        kinds = np.full(len(strings), _STR, dtype=np.int8)
        return _Factorized(codes, counts, kinds, strings, None)
    series = raw.astype(object) if isinstance(raw.dtype, pd.CategoricalDtype) else raw
    codes_raw, uniques_raw = pd.factorize(series, use_na_sentinel=True)
    codes = np.asarray(codes_raw, dtype=np.int64)
    uniques = np.asarray(uniques_raw, dtype=object)
    if series.dtype == object:
        codes, uniques = _separate_bools(series.to_numpy(dtype=object), codes, uniques)
    kinds = np.fromiter((_kind(u) for u in uniques), dtype=np.int8, count=len(uniques))
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques)).astype(np.int64)
    strings = pa.array([str(u) for u in uniques[kinds == _STR]], type=pa.large_string())
    return _Factorized(codes, counts, kinds, strings, uniques)


def _as_float(value: object) -> float:
    """A unique of kind _NUM (int, float, numpy number, Decimal) as a float."""
    return float(value)  # type: ignore[arg-type]


def _take(per_unique: np.ndarray, fill: object, codes: IntArray) -> np.ndarray:
    """Per-row values from per-unique values; rows with code -1 get ``fill``."""
    extended = np.empty(len(per_unique) + 1, dtype=per_unique.dtype)
    extended[:-1] = per_unique
    extended[-1] = fill
    return extended[codes]


# --------------------------------------------------------------------------------------------
# pyarrow helpers


_ODD_TEXT = "[\u00a0\u2007\u2009\u202f\t\r\n\u2018\u2019\u02bc`\u00b4\u2212\u2013\u2014]|  "


def _normalise_text(arr: pa.Array) -> pa.Array:
    """Unify odd spaces, apostrophes and dashes, then trim."""
    if pc.any(pc.match_substring_regex(arr, _ODD_TEXT)).as_py():
        arr = pc.replace_substring_regex(arr, "[\u00a0\u2007\u2009\u202f\t\r\n]", " ")
        arr = pc.replace_substring_regex(arr, "[\u2018\u2019\u02bc`\u00b4]", "'")
        arr = pc.replace_substring_regex(arr, "[\u2212\u2013\u2014]", "-")
        arr = pc.replace_substring_regex(arr, " {2,}", " ")
    return pc.utf8_trim_whitespace(arr)


Fields = dict[str, pa.Array]


def _utf8_buffers(arr: pa.Array) -> tuple[npt.NDArray[np.uint8], IntArray]:
    """The UTF-8 bytes of a string array and each string's start offset (n + 1 offsets)."""
    if arr.type != pa.large_string():
        arr = arr.cast(pa.large_string())
    _, offsets_buffer, data_buffer = arr.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=np.int64)[arr.offset : arr.offset + len(arr) + 1]
    if data_buffer is None:
        return np.zeros(0, dtype=np.uint8), offsets
    return np.frombuffer(data_buffer, dtype=np.uint8), offsets


def _gather(
    data: npt.NDArray[np.uint8], offsets: IntArray, starts: IntArray, lengths: IntArray
) -> pa.Array:
    """Substrings given per-row byte starts (relative to each string) and byte lengths."""
    n = len(starts)
    new_offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=new_offsets[1:])
    out = np.empty(int(new_offsets[-1]), dtype=np.uint8)
    width = int(lengths.max()) if n else 0
    if width:
        steps = np.arange(width, dtype=np.int64)
        base = offsets[:-1] + starts
        block = max(1, 4_000_000 // width)  # bounds the temporary index grid
        same_length = int(lengths.min()) == width
        for lo in range(0, n, block):
            hi = min(n, lo + block)
            grid = base[lo:hi, None] + steps
            positions = grid.ravel() if same_length else grid[steps < lengths[lo:hi, None]]
            out[new_offsets[lo] : new_offsets[hi]] = data[positions]
    return pa.LargeStringArray.from_buffers(n, pa.py_buffer(new_offsets), pa.py_buffer(out))


def _extract(arr: pa.Array, pattern: str) -> tuple[BoolArray, Fields]:
    """Which strings match ``pattern`` and its named groups per string ("" where absent).

    Strings of one shape (every ASCII digit replaced by 0) match the patterns used here the
    same way: when a column has few shapes, the pattern is matched once per shape and the
    groups are cut out by byte position, which is far cheaper than extracting per string
    (a million distinct timestamps usually have a single shape).
    """
    compiled = re.compile(pattern, re.ASCII)
    names = list(compiled.groupindex)
    n = len(arr)
    if n >= 1000:
        data, offsets = _utf8_buffers(arr)
        digits = (data >= 0x31) & (data <= 0x39)  # never part of a multi-byte character
        shape_data = np.where(digits, np.uint8(0x30), data)
        shapes_arr = pa.LargeStringArray.from_buffers(
            n, pa.py_buffer(offsets.copy()), pa.py_buffer(shape_data)
        )
        encoded = shapes_arr.dictionary_encode()
        shapes = [str(shape) for shape in encoded.dictionary.to_pylist()]
        if len(shapes) * 20 <= n:
            codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
            return _extract_by_shape(data, offsets, compiled, names, codes, shapes)
    if n == 0:
        return np.zeros(0, dtype=bool), dict.fromkeys(names, pa.array([], pa.large_string()))
    st = pc.extract_regex(arr, pattern)
    matched = np.asarray(pc.is_valid(st).to_numpy(zero_copy_only=False), dtype=bool)
    return matched, {name: _text(st.field(name)) for name in names}


def _extract_by_shape(
    data: npt.NDArray[np.uint8],
    offsets: IntArray,
    compiled: re.Pattern[str],
    names: list[str],
    codes: IntArray,
    shapes: list[str],
) -> tuple[BoolArray, Fields]:
    shape_matched = np.zeros(len(shapes), dtype=bool)
    starts = np.zeros((len(names), len(shapes)), dtype=np.int64)
    lengths = np.zeros((len(names), len(shapes)), dtype=np.int64)
    for k, shape in enumerate(shapes):
        found = compiled.match(shape)
        if found is None:
            continue
        shape_matched[k] = True
        for j, name in enumerate(names):
            start, stop = found.span(name)
            if start >= 0:
                starts[j, k] = len(shape[:start].encode())
                lengths[j, k] = len(shape[start:stop].encode())
    fields = {
        name: _gather(data, offsets, starts[j][codes], lengths[j][codes])
        for j, name in enumerate(names)
    }
    return shape_matched[codes], fields


def _matches(arr: pa.Array, pattern: str) -> BoolArray:
    result = pc.fill_null(pc.match_substring_regex(arr, pattern), False)
    return np.asarray(result.to_numpy(zero_copy_only=False), dtype=bool)


def _text(arr: pa.Array) -> pa.Array:
    return pc.fill_null(arr, "")


def _nonempty(arr: pa.Array) -> BoolArray:
    return np.asarray(pc.not_equal(_text(arr), "").to_numpy(zero_copy_only=False), dtype=bool)


def _ints(arr: pa.Array, default: int = 0) -> IntArray:
    arr = _text(arr)
    filled = pc.if_else(pc.equal(arr, ""), pa.scalar(str(default), type=arr.type), arr)
    return np.asarray(pc.cast(filled, pa.int64()).to_numpy(zero_copy_only=False), np.int64)


def _floats(arr: pa.Array, valid: BoolArray) -> FloatArray:
    """Float values of ``arr`` where ``valid`` (already checked by regex), NaN elsewhere."""
    masked = pc.if_else(pa.array(valid), arr, pa.scalar(None, type=arr.type))
    result = pc.cast(masked, pa.float64()).to_numpy(zero_copy_only=False)
    return np.asarray(result, dtype=np.float64)


def _lookup(arr: pa.Array, table: dict[str, int]) -> IntArray:
    """Map lower-cased strings through ``table``; -1 where absent."""
    keys = list(table)
    idx = pc.index_in(pc.utf8_lower(_text(arr)), value_set=pa.array(keys, type=pa.large_string()))
    values = np.array([table[k] for k in keys] + [-1], dtype=np.int64)
    positions = np.asarray(
        pc.fill_null(idx, len(keys)).to_numpy(zero_copy_only=False), dtype=np.int64
    )
    return values[positions]


def _examples(arr: pa.Array, mask: BoolArray, limit: int = 3) -> list[str]:
    """Up to ``limit`` strings of ``arr`` where ``mask`` holds."""
    return [str(arr[int(i)].as_py()) for i in np.flatnonzero(mask)[:limit]]


def _quoted(examples: list[str]) -> str:
    return ", ".join(f"'{e}'" for e in examples)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _fmt_number(value: float) -> str:
    return f"{value:.10g}" if abs(value) < 1e15 else f"{value:.6e}"


# --------------------------------------------------------------------------------------------
# Amounts and numbers


_CURRENCIES: dict[str, str] = {
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "£": "GBP",
    "gbp": "GBP",
    "₹": "INR",
    "inr": "INR",
    "rs": "INR",
    "¥": "JPY",
    "jpy": "JPY",
    "cny": "CNY",
    "rmb": "CNY",
    "chf": "CHF",
    "fr": "CHF",
    "sfr": "CHF",
    "a$": "AUD",
    "aud": "AUD",
    "c$": "CAD",
    "cad": "CAD",
    "nz$": "NZD",
    "nzd": "NZD",
    "hk$": "HKD",
    "hkd": "HKD",
    "s$": "SGD",
    "sgd": "SGD",
    "r$": "BRL",
    "brl": "BRL",
    "sek": "SEK",
    "nok": "NOK",
    "dkk": "DKK",
    "kr": "kr",
    "pln": "PLN",
    "zł": "PLN",
    "czk": "CZK",
    "huf": "HUF",
    "zar": "ZAR",
    "mxn": "MXN",
    "aed": "AED",
    "sar": "SAR",
    "try": "TRY",
    "₺": "TRY",
    "rub": "RUB",
    "₽": "RUB",
    "krw": "KRW",
    "₩": "KRW",
    "ils": "ILS",
    "₪": "ILS",
}
_CURRENCY_NAMES = sorted(set(_CURRENCIES.values()))
_CURRENCY_INDEX = {key: _CURRENCY_NAMES.index(code) for key, code in _CURRENCIES.items()}

_MULTIPLIERS: dict[str, int] = {
    "k": 3,
    "m": 6,
    "mn": 6,
    "mln": 6,
    "mio": 6,
    "mil": 6,
    "b": 9,
    "bn": 9,
    "mrd": 9,
    "mld": 9,
}

# Latin letters only: a Unicode class like \pL makes RE2 several times slower.
_LETTER = "[A-Za-z\u00c0-\u024f]"
_CUR = r"(?:" + _LETTER + r"{1,2}\$|[€$£₹¥₩₺₽₪]|" + _LETTER + r"{2,5}\.?)"
_MULT = r"(?i:mln|mio|mrd|mld|mil|mn|bn|k|m|b)"
_AMOUNT_RE = (
    r"^(?P<o1>\()?\s*(?P<s1>[-+])?\s*(?P<c1>" + _CUR + r")?\s*(?P<s2>[-+])?\s*(?P<o2>\()?\s*"
    r"(?P<num>\d(?:[\d.,' ]*\d)?|[.,]\d+)(?P<dash>[.,]-{1,2})?"
    r"\s*(?P<mult>" + _MULT + r"\b\.?)?"
    r"\s*(?P<pct>%)?\s*(?P<c2>" + _CUR + r")?\s*(?P<x1>\))?\s*(?P<s3>-)?\s*(?P<x2>\))?$"
)
_BLANK_DASH_RE = r"^[€$£₹¥]?\s*-+\s*[€$£₹¥]?$"
_G3 = r"[1-9]\d{0,2}"
_DOT_OK = (
    rf"^(?:\d+(?:\.\d+)?|\.\d+|{_G3}(?:,\d{{3}})+(?:\.\d+)?"
    rf"|[1-9]\d?(?:,\d{{2}})+,\d{{3}}(?:\.\d+)?|{_G3}(?:[ ']\d{{3}})+(?:\.\d+)?)$"
)
_COMMA_OK = rf"^(?:\d+(?:,\d+)?|,\d+|{_G3}(?:\.\d{{3}})+(?:,\d+)?|{_G3}(?:[ ']\d{{3}})+(?:,\d+)?)$"
_INT_DOT = rf"^(?:\d+|{_G3}(?:,\d{{3}})+|{_G3}(?:[ ']\d{{3}})+)$"
_INT_COMMA = rf"^(?:\d+|{_G3}(?:\.\d{{3}})+|{_G3}(?:[ ']\d{{3}})+)$"

_NO_MARK, _DOT, _COMMA = 0, 1, 2


@dataclass(frozen=True)
class _NumberStrings:
    """Per distinct string: both readings and what the string itself shows."""

    raw: pa.Array  # the strings as found, for examples in notes
    blank: BoolArray
    failed: BoolArray  # cannot be read whatever the decimal mark
    v_dot: FloatArray  # value with "." as decimal mark (NaN if invalid that way)
    v_comma: FloatArray  # value with "," as decimal mark
    own_mark: npt.NDArray[np.int8]  # _DOT/_COMMA when only one reading is valid, else _NO_MARK
    ambiguous: BoolArray  # both readings valid and different (12.500)
    amb_sep: npt.NDArray[np.int8]  # separator in ambiguous values
    currency: IntArray  # index into _CURRENCY_NAMES, -1 none
    multiplied: BoolArray


def _read_number_strings(
    raw: pa.Array, *, allow_currency: bool, allow_percent: bool
) -> _NumberStrings:
    arr = _normalise_text(raw)
    blank = _matches(arr, r"^$") | _matches(arr, _BLANK_DASH_RE)
    matched, field = _extract(arr, _AMOUNT_RE)

    failed = ~matched
    # currencies
    cur1 = _lookup(pc.replace_substring(field["c1"], ".", ""), _CURRENCY_INDEX)
    cur2 = _lookup(pc.replace_substring(field["c2"], ".", ""), _CURRENCY_INDEX)
    has1, has2 = _nonempty(field["c1"]), _nonempty(field["c2"])
    failed |= (has1 & (cur1 < 0)) | (has2 & (cur2 < 0)) | (has1 & has2 & (cur1 != cur2))
    currency = np.where(has1, cur1, np.where(has2, cur2, -1))
    if not allow_currency:
        failed |= has1 | has2
    pct = _nonempty(field["pct"])
    if not allow_percent:
        failed |= pct
    # signs and parentheses
    opens = _nonempty(field["o1"]).astype(int) + _nonempty(field["o2"])
    closes = _nonempty(field["x1"]).astype(int) + _nonempty(field["x2"])
    signs = [_nonempty(field[k]) for k in ("s1", "s2", "s3")]
    minus = sum(_matches(field[k], "^-$").astype(int) for k in ("s1", "s2", "s3")) + (opens > 0)
    failed |= (opens != closes) | (opens > 1) | (minus > 1) | (sum(signs) > 1)
    sign = np.where(minus == 1, -1.0, 1.0)
    # multiplier
    mult_text = pc.replace_substring(field["mult"], ".", "")
    exponent = np.maximum(_lookup(mult_text, _MULTIPLIERS), 0)
    multiplied = exponent > 0
    # the number itself
    num = field["num"]
    dot_ok = _matches(num, _DOT_OK)
    comma_ok = _matches(num, _COMMA_OK)
    has_sep = _matches(num, r"[.,]")
    dash_dot = _matches(field["dash"], r"^\.")
    dash_comma = _matches(field["dash"], r"^,")
    dot_ok = np.where(dash_comma, False, np.where(dash_dot, _matches(num, _INT_DOT), dot_ok))
    comma_ok = np.where(dash_dot, False, np.where(dash_comma, _matches(num, _INT_COMMA), comma_ok))
    clean = pc.replace_substring_regex(num, "[ ']", "")
    v_dot = _floats(pc.replace_substring(clean, ",", ""), dot_ok & matched)
    comma_text = pc.replace_substring(pc.replace_substring(clean, ".", ""), ",", ".")
    v_comma = _floats(comma_text, comma_ok & matched)
    failed |= ~(dot_ok | comma_ok)
    own_mark = np.where(
        dash_dot | (dot_ok & ~comma_ok),
        _DOT,
        np.where(dash_comma | (comma_ok & ~dot_ok), _COMMA, _NO_MARK),
    ).astype(np.int8)
    ambiguous = dot_ok & comma_ok & has_sep & ~failed
    amb_sep = np.where(_matches(num, r"\."), _DOT, _COMMA).astype(np.int8)
    scale = sign * np.power(10.0, exponent)
    with np.errstate(invalid="ignore", over="ignore"):
        v_dot = np.where(multiplied, np.round(v_dot * scale, 6), v_dot * scale)
        v_comma = np.where(multiplied, np.round(v_comma * scale, 6), v_comma * scale)
    failed &= ~blank
    failed |= ~blank & ~np.isfinite(np.where(dot_ok, v_dot, v_comma))
    return _NumberStrings(
        raw=raw,
        blank=blank,
        failed=failed,
        v_dot=v_dot,
        v_comma=v_comma,
        own_mark=np.where(failed | blank, _NO_MARK, own_mark).astype(np.int8),
        ambiguous=ambiguous & ~blank,
        amb_sep=amb_sep,
        currency=np.where(failed | blank, -1, currency),
        multiplied=multiplied & ~failed & ~blank,
    )


def _empty_amounts(raw: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    values = pd.Series(np.full(len(raw), np.nan), index=raw.index, name=raw.name)
    failed = pd.Series(np.zeros(len(raw), dtype=bool), index=raw.index, name=raw.name)
    currency = pd.Series(np.full(len(raw), None, dtype=object), index=raw.index, name=raw.name)
    return values, failed, currency


def _numeric_fast_path(raw: pd.Series, noun: str) -> ParsedAmounts:
    values, failed, currency = _empty_amounts(raw)
    notes: list[str] = []
    if pd.api.types.is_bool_dtype(raw.dtype):
        failed[:] = raw.notna().to_numpy()
    elif pd.api.types.is_numeric_dtype(raw.dtype):
        floats = raw.to_numpy(dtype=np.float64, na_value=np.nan)
        bad = np.isinf(floats)
        values[:] = np.where(bad, np.nan, floats)
        failed[:] = bad
    else:  # datetimes, timedeltas, periods, intervals: not numbers
        failed[:] = raw.notna().to_numpy()
    n_failed = int(failed.sum())
    if n_failed:
        what = "amounts" if noun == "Amounts" else "numbers"
        notes.append(f"{_plural(n_failed, 'value', 'values')} could not be read as {what}.")
    return ParsedAmounts(values, failed, None, (), currency, tuple(notes))


def _parse_numeric_column(
    raw: pd.Series, *, noun: str, allow_currency: bool, allow_percent: bool
) -> ParsedAmounts:
    if not (raw.dtype == object or isinstance(raw.dtype, pd.CategoricalDtype)) and not (
        pd.api.types.is_string_dtype(raw.dtype)
    ):
        return _numeric_fast_path(raw, noun)
    fz = _factorize(raw)
    n = len(fz.kinds)
    value = np.full(n, np.nan)
    failed = np.zeros(n, dtype=bool)
    currency = np.full(n, -1, dtype=np.int64)

    numbers = np.flatnonzero(fz.kinds == _NUM)
    for i in numbers:
        number = _as_float(fz.value(i))
        if np.isfinite(number):
            value[i] = number
        else:
            failed[i] = True
    failed[(fz.kinds != _NUM) & (fz.kinds != _STR)] = True

    strings = fz.string_positions()
    decimal_mark: str | None = None
    notes: list[str] = []
    lower = noun.lower()
    if strings.size:
        ns = _read_number_strings(
            fz.strings, allow_currency=allow_currency, allow_percent=allow_percent
        )
        counts = fz.counts[strings]
        dot_rows = int(counts[ns.own_mark == _DOT].sum())
        comma_rows = int(counts[ns.own_mark == _COMMA].sum())
        amb_dot_rows = int(counts[ns.ambiguous & (ns.amb_sep == _DOT)].sum())
        amb_comma_rows = int(counts[ns.ambiguous & (ns.amb_sep == _COMMA)].sum())
        guessed = False
        if dot_rows or comma_rows:
            column_mark = _COMMA if comma_rows > dot_rows else _DOT
        elif amb_dot_rows or amb_comma_rows:
            # nothing shows the mark: read the ambiguous separator as thousands separator
            column_mark = _COMMA if amb_dot_rows >= amb_comma_rows else _DOT
            guessed = True
        else:
            column_mark = _NO_MARK
        mark = np.where(
            ns.own_mark != _NO_MARK, ns.own_mark, np.where(ns.ambiguous, column_mark, _DOT)
        )
        value[strings] = np.where(mark == _COMMA, ns.v_comma, ns.v_dot)
        value[strings[ns.failed | ns.blank]] = np.nan
        failed[strings] = ns.failed
        currency[strings] = ns.currency
        read = value[strings]

        if column_mark != _NO_MARK:
            decimal_mark = "," if column_mark == _COMMA else "."
        mark_name = {_DOT: "dot", _COMMA: "comma"}
        amb_as_decimal = ns.ambiguous & (ns.amb_sep == column_mark)
        note = ""
        if guessed:
            first = int(np.flatnonzero(ns.ambiguous & (ns.amb_sep != column_mark))[0])
            sep = "dot" if column_mark == _COMMA else "comma"
            note = (
                f"No {lower[:-1]} in this column shows which decimal mark is used; values like "
                f"{ns.raw[first].as_py()} were read as {_fmt_number(read[first])}, taking the "
                f"{sep} as a thousands separator."
            )
        elif column_mark != _NO_MARK and (column_mark == _COMMA or ns.ambiguous.any()):
            example = _examples(ns.raw, ns.own_mark == column_mark, 1)[0]
            note = f"{noun} use a {mark_name[column_mark]} as decimal mark (e.g. {example})."
        if note and amb_as_decimal.any():
            first = int(np.flatnonzero(amb_as_decimal)[0])
            note += (
                f" Values like {ns.raw[first].as_py()} were therefore read as "
                f"{_fmt_number(read[first])}."
            )
        if note:
            notes.append(note)
        if dot_rows and comma_rows:
            ex_dot = _examples(ns.raw, ns.own_mark == _DOT, 1)[0]
            ex_comma = _examples(ns.raw, ns.own_mark == _COMMA, 1)[0]
            notes.append(
                f"Some {lower} in this column use a dot and others a comma as decimal mark "
                f"(e.g. {ex_dot} and {ex_comma}); each was read as written."
            )
        if ns.multiplied.any():
            first = int(np.flatnonzero(ns.multiplied)[0])
            notes.append(
                f"{noun} written with k, M or mln were multiplied out "
                f"(e.g. {ns.raw[first].as_py()} = {_fmt_number(read[first])})."
            )

    seen = sorted({_CURRENCY_NAMES[c] for c in currency[currency >= 0]})
    if len(seen) > 1:
        notes.append(
            f"This column mixes currencies ({', '.join(seen)}): amounts are not converted, "
            "so totals add different currencies together."
        )
    n_failed_rows = int(fz.counts[failed].sum())
    if n_failed_rows:
        what = "amounts" if noun == "Amounts" else "numbers"
        notes.append(
            f"{_plural(n_failed_rows, 'value', 'values')} could not be read as {what} "
            f"(e.g. {_quoted(fz.texts(failed))})."
        )

    names = np.array([*_CURRENCY_NAMES, None], dtype=object)
    row_currency = names[_take(currency, -1, fz.codes)]
    row_values = _take(value, np.nan, fz.codes)
    row_failed = _take(failed, False, fz.codes)
    return ParsedAmounts(
        values=pd.Series(row_values, index=raw.index, name=raw.name, dtype=np.float64),
        failed=pd.Series(row_failed, index=raw.index, name=raw.name, dtype=bool),
        decimal_mark=decimal_mark,
        currencies=tuple(seen),
        per_row_currency=pd.Series(row_currency, index=raw.index, name=raw.name, dtype=object),
        notes=tuple(notes),
    )


def parse_amounts(raw: pd.Series) -> ParsedAmounts:
    """Return money amounts read from a raw column, with decimal mark and currencies decided."""
    return _parse_numeric_column(raw, noun="Amounts", allow_currency=True, allow_percent=False)


def parse_numbers(raw: pd.Series) -> ParsedAmounts:
    """Return plain numbers (scores, counts, percentages as written) read from a raw column."""
    return _parse_numeric_column(raw, noun="Numbers", allow_currency=False, allow_percent=True)


# --------------------------------------------------------------------------------------------
# Dates


_NS_PER_SECOND = 1_000_000_000
_MIN_YEAR, _MAX_YEAR = 1678, 2261  # whole years that fit datetime64[ns]
_NAT = np.datetime64("NaT", "ns")

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan januari janvier janv januar jänner jaenner",
        "february feb febr februari février fevrier févr fevr februar",
        "march mar maart mrt mars märz maerz mär",
        "april apr avril avr",
        "may mei mai",
        "june jun juni juin",
        "july jul juli juillet juil",
        "august aug augustus août aout",
        "september sep sept septembre",
        "october oct oktober okt octobre",
        "november nov novembre",
        "december dec décembre decembre déc dezember dez",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number
_WEEKDAY_NAMES = (
    "monday mon tuesday tue tues wednesday wed thursday thu thur thurs friday fri "
    "saturday sat sunday sun maandag ma dinsdag di woensdag wo donderdag do vrijdag vr "
    "zaterdag za zondag zo montag mo dienstag mittwoch mi donnerstag freitag fr samstag sa "
    "sonntag so lundi lun mardi mercredi mer jeudi jeu vendredi ven samedi sam dimanche dim"
)
_WEEKDAYS: dict[str, int] = dict.fromkeys(_WEEKDAY_NAMES.split(" "), 1)

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
_WEEKDAY = r"(?:(?P<wd>" + _LETTER + r"+)\.?,?\s+)?"
_DAY_MONTH_NAME_RE = (
    r"^" + _WEEKDAY + r"(?P<d>\d{1,2})(?:st|nd|rd|th|e|ste|de)?\.?\s*[-/.]?\s*"
    r"(?P<mon>" + _LETTER + r"{3,})\.?\s*[-/.,]?\s*(?P<Y>\d{4}|\d{2})" + _TIME + "$"
)
_MONTH_NAME_DAY_RE = (
    r"^" + _WEEKDAY + r"(?P<mon>" + _LETTER + r"{3,})\.?(?:\s+|-)(?P<d>\d{1,2})(?:st|nd|rd|th)?"
    r"(?:,\s*|\s+|-)(?P<Y>\d{4})" + _TIME + "$"
)
_NUMBER_RE = r"^(?P<n>\d+(?:[.,]\d+)?)$"
_TZ_RE = r"^(?P<sg>[+-])(?P<th>\d{2}):?(?P<tm>\d{2})?$"

_FROM_EXCEL, _FROM_YYYYMMDD, _FROM_UNIX = 1, 2, 3


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
    out[~valid] = _NAT
    return out


def _dates_from_numbers(x: FloatArray) -> tuple[DateArray, npt.NDArray[np.int8]]:
    """Dates from Excel serial days, yyyymmdd numbers or Unix timestamps; NaT otherwise."""
    out = np.full(len(x), _NAT)
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
    kind[excel] = _FROM_EXCEL
    kind[unix_s | unix_ms] = _FROM_UNIX
    kind[ymd] = _FROM_YYYYMMDD
    kind[np.isnat(out)] = 0
    return out, kind


def _datetime_object(value: object) -> tuple[np.datetime64, bool]:
    """A Python/pandas/numpy datetime as naive UTC datetime64[ns]; True if it was shifted."""
    try:
        stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    except (ValueError, TypeError, OverflowError):
        return _NAT, False
    if stamp is pd.NaT:
        return _NAT, False
    shifted = False
    if stamp.tzinfo is not None:
        shifted = stamp.utcoffset() != dt.timedelta(0)
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    try:
        return stamp.as_unit("ns").to_datetime64(), shifted
    except (ValueError, OverflowError):  # OutOfBoundsDatetime is a ValueError
        return _NAT, shifted


def _time_parts(st: Fields) -> tuple[IntArray, IntArray, IntArray, IntArray, BoolArray]:
    hour, minute, second = (_ints(st[k]) for k in ("H", "M", "S"))
    nanos = _ints(pc.utf8_rpad(_text(st["F"]), width=9, padding="0"))
    am_pm = _text(st["AP"])
    has_am_pm = _nonempty(am_pm)
    pm = _matches(am_pm, "^[pP]")
    valid = ~has_am_pm | ((hour >= 1) & (hour <= 12))
    hour = np.where(has_am_pm, hour % 12 + 12 * pm, hour)
    return hour, minute, second, nanos, valid


def _year(st: Fields) -> IntArray:
    year = _ints(st["Y"])
    two_digit = _matches(_text(st["Y"]), r"^\d{2}$")
    return np.where(two_digit, np.where(year <= 68, 2000 + year, 1900 + year), year)


def _same(st: Fields, a: str, b: str) -> BoolArray:
    return np.asarray(pc.equal(st[a], st[b]).to_numpy(zero_copy_only=False), bool)


def _weekday_ok(st: Fields) -> BoolArray:
    wd = _text(st["wd"])
    return ~_nonempty(wd) | (_lookup(wd, _WEEKDAYS) > 0)


@dataclass(frozen=True)
class _DateStrings:
    values: DateArray
    blank: BoolArray
    from_number: npt.NDArray[np.int8]
    had_tz: BoolArray  # shifted from a non-zero UTC offset
    day_first: bool | None
    ambiguous: bool
    notes: list[str]


def _read_date_strings(
    raw: pa.Array, counts: IntArray, prefer_day_first: bool | None
) -> _DateStrings:
    arr = _normalise_text(raw)
    n = len(raw)
    out = np.full(n, _NAT)
    blank = _matches(arr, r"^-*$")
    done = blank.copy()
    had_tz = np.zeros(n, dtype=bool)
    from_number = np.zeros(n, dtype=np.int8)

    def match(pattern: str) -> tuple[IntArray, Fields]:
        todo = np.flatnonzero(~done)
        ok, fields = _extract(arr.take(pa.array(todo)), pattern)
        done[todo[ok]] = True
        keep = pa.array(ok)
        return todo[ok], {name: field.filter(keep) for name, field in fields.items()}

    # year first: 2026-03-14, 2026/03/14 13:45, 2026-03-14T16:14:25.000+0000
    idx, st = match(_ISO_RE)
    if idx.size:
        hour, minute, second, nanos, time_ok = _time_parts(st)
        tz = _text(st["TZ"])
        _, zone = _extract(tz, _TZ_RE)
        offset = _ints(zone["th"]) * 60 + _ints(zone["tm"])
        offset = np.where(_matches(tz, "^-"), -offset, offset)
        parsed = _assemble(
            _ints(st["Y"]), _ints(st["m"]), _ints(st["d"]),
            hour, minute, second, nanos, offset,
        )  # fmt: skip
        parsed[~(time_ok & _same(st, "s1", "s2"))] = _NAT
        out[idx] = parsed
        had_tz[idx] = offset != 0  # Z and +0000 change nothing: no note for them

    # day and month as numbers: 14-03-2026, 03/14/2026, 14.03.26 09:30, 3/4/2026 9:05 AM
    idx, st = match(_DMY_RE)
    day_first: bool | None = None
    ambiguous = False
    notes: list[str] = []
    if idx.size:
        a, b, year = _ints(st["a"]), _ints(st["b"]), _year(st)
        hour, minute, second, nanos, time_ok = _time_parts(st)
        ok = time_ok & _same(st, "s1", "s2")
        as_day_first = _assemble(year, b, a, hour, minute, second, nanos)
        as_month_first = _assemble(year, a, b, hour, minute, second, nanos)
        as_day_first[~ok] = _NAT
        as_month_first[~ok] = _NAT
        df_ok, mf_ok = ~np.isnat(as_day_first), ~np.isnat(as_month_first)
        weights = counts[idx]
        df_rows = int(weights[df_ok & ~mf_ok].sum())
        mf_rows = int(weights[mf_ok & ~df_ok].sum())
        if df_rows != mf_rows:
            day_first = df_rows > mf_rows
        elif prefer_day_first is not None:
            day_first = prefer_day_first
        else:
            slash = _matches(_text(st["s1"]), "^/$")
            day_first = int(weights[slash].sum()) * 2 <= int(weights.sum())
        order = "day-first" if day_first else "month-first"
        other = "month-first" if day_first else "day-first"
        texts_here = raw.take(pa.array(idx))
        differs = df_ok & mf_ok & (a != b)
        if df_rows == 0 and mf_rows == 0 and differs.any():
            ambiguous = True
            example = _examples(texts_here, differs, 1)[0]
            notes.append(
                "Dates in this column could be read day-first or month-first "
                f"(e.g. {example}); read as {order}."
            )
        minority = (mf_ok & ~df_ok) if day_first else (df_ok & ~mf_ok)
        if df_rows and mf_rows:
            minority_rows = int(weights[minority].sum())
            them = "it was" if minority_rows == 1 else "they were"
            notes.append(
                f"{_plural(minority_rows, 'date', 'dates')} in this column can only be read "
                f"{other} (e.g. {_quoted(_examples(texts_here, minority))}) while the rest "
                f"reads {order}; {them} counted as unreadable."
            )
        out[idx] = as_day_first if day_first else as_month_first

    # month names: 14 Mar 2026, 14-mrt-2026, 14 maart 2026, Mar 14, 2026, Saturday, March 14
    for pattern in (_DAY_MONTH_NAME_RE, _MONTH_NAME_DAY_RE):
        idx, st = match(pattern)
        if idx.size:
            hour, minute, second, nanos, time_ok = _time_parts(st)
            month = _lookup(st["mon"], _MONTHS)
            parsed = _assemble(_year(st), month, _ints(st["d"]), hour, minute, second, nanos)
            parsed[~(time_ok & _weekday_ok(st))] = _NAT
            out[idx] = parsed

    # plain numbers: Excel serial days, yyyymmdd, Unix timestamps
    idx, st = match(_NUMBER_RE)
    if idx.size:
        number_text = pc.replace_substring(_text(st["n"]), ",", ".")
        number = _floats(number_text, np.ones(idx.size, dtype=bool))
        out[idx], from_number[idx] = _dates_from_numbers(number)

    return _DateStrings(out, blank, from_number, had_tz, day_first, ambiguous, notes)


def _date_notes(
    examples: Callable[[BoolArray, int], list[str]],
    failed_rows: int,
    failed: BoolArray,
    from_number: npt.NDArray[np.int8],
    had_tz: BoolArray,
) -> list[str]:
    notes: list[str] = []
    sources = (
        (_FROM_EXCEL, "Dates stored as Excel day numbers (e.g. {}) were converted."),
        (_FROM_YYYYMMDD, "Dates written as yyyymmdd (e.g. {}) were read as year, month, day."),
        (_FROM_UNIX, "Dates stored as Unix timestamps (e.g. {}) were converted."),
    )
    for kind, sentence in sources:
        if (from_number == kind).any():
            notes.append(sentence.format(examples(from_number == kind, 1)[0]))
    if had_tz.any():
        example = examples(had_tz, 1)[0]
        notes.append(f"Times with a time zone offset (e.g. {example}) were converted to UTC.")
    if failed_rows:
        notes.append(
            f"{_plural(failed_rows, 'value', 'values')} could not be read as dates "
            f"(e.g. {_quoted(examples(failed, 3))})."
        )
    return notes


def _dates_result(
    raw: pd.Series,
    values: DateArray,
    failed: BoolArray,
    day_first: bool | None,
    ambiguous: bool,
    notes: list[str],
) -> ParsedDates:
    return ParsedDates(
        values=pd.Series(values, index=raw.index, name=raw.name, dtype="datetime64[ns]"),
        failed=pd.Series(failed, index=raw.index, name=raw.name, dtype=bool),
        day_first=day_first,
        ambiguous=ambiguous,
        notes=tuple(notes),
    )


def _datetime_dtype_dates(raw: pd.Series) -> ParsedDates:
    series = raw
    notes: list[str] = []
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        if str(series.dtype.tz) not in ("UTC", "utc", "Etc/UTC"):
            notes.append("Times with a time zone offset were converted to UTC.")
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
        notes.append(
            f"{_plural(int(failed.sum()), 'value', 'values')} could not be read as dates "
            "(outside the years 1678-2261)."
        )
    return _dates_result(raw, values, failed, None, False, notes)


def parse_dates(raw: pd.Series, prefer_day_first: bool | None = None) -> ParsedDates:
    """Return dates (naive, UTC where a zone was given) read from a raw column."""
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        return _datetime_dtype_dates(raw)
    if pd.api.types.is_bool_dtype(raw.dtype):
        failed = raw.notna().to_numpy()
        notes = [f"{_plural(int(failed.sum()), 'value', 'values')} could not be read as dates."]
        return _dates_result(raw, np.full(len(raw), _NAT), failed, None, False, notes)
    if pd.api.types.is_numeric_dtype(raw.dtype):
        numbers = raw.to_numpy(dtype=np.float64, na_value=np.nan)
        values, from_number = _dates_from_numbers(numbers)
        failed = ~np.isnan(numbers) & np.isnat(values)

        def number_examples(mask: BoolArray, limit: int) -> list[str]:
            return [_fmt_number(numbers[i]) for i in np.flatnonzero(mask)[:limit]]

        notes = _date_notes(
            number_examples, int(failed.sum()), failed, from_number, np.zeros(0, dtype=bool)
        )
        return _dates_result(raw, values, failed, None, False, notes)
    if not (
        raw.dtype == object
        or isinstance(raw.dtype, pd.CategoricalDtype)
        or pd.api.types.is_string_dtype(raw.dtype)
    ):
        failed = raw.notna().to_numpy()
        notes = [f"{_plural(int(failed.sum()), 'value', 'values')} could not be read as dates."]
        return _dates_result(raw, np.full(len(raw), _NAT), failed, None, False, notes)

    fz = _factorize(raw)
    n = len(fz.kinds)
    values = np.full(n, _NAT)
    blank = np.zeros(n, dtype=bool)
    had_tz = np.zeros(n, dtype=bool)
    from_number = np.zeros(n, dtype=np.int8)
    day_first: bool | None = None
    ambiguous = False
    notes: list[str] = []

    strings = fz.string_positions()
    if strings.size:
        ds = _read_date_strings(fz.strings, fz.counts[strings], prefer_day_first)
        values[strings] = ds.values
        blank[strings] = ds.blank
        had_tz[strings] = ds.had_tz
        from_number[strings] = ds.from_number
        day_first, ambiguous, notes = ds.day_first, ds.ambiguous, list(ds.notes)
    numbers = np.flatnonzero(fz.kinds == _NUM)
    if numbers.size:
        floats = np.array([_as_float(fz.value(i)) for i in numbers], dtype=np.float64)
        values[numbers], from_number[numbers] = _dates_from_numbers(floats)
    for i in np.flatnonzero((fz.kinds == _DATETIME) | (fz.kinds == _DATE)):
        values[i], had_tz[i] = _datetime_object(fz.value(i))
    failed = ~blank & np.isnat(values)

    notes += _date_notes(fz.texts, int(fz.counts[failed].sum()), failed, from_number, had_tz)
    return _dates_result(
        raw,
        _take(values, _NAT, fz.codes),
        _take(failed, False, fz.codes),
        day_first,
        ambiguous,
        notes,
    )


# --------------------------------------------------------------------------------------------
# Booleans


_TRUE_WORDS = frozenset(
    ["true", "t", "yes", "y", "ja", "j", "1", "1.0", "x", "✓", "✔", "☑", "waar", "wahr",
     "vrai", "oui", "on", "checked"]
)  # fmt: skip
_FALSE_WORDS = frozenset(
    ["false", "f", "no", "n", "nee", "0", "0.0", "onwaar", "falsch", "faux", "non", "off",
     "unchecked", "✗", "✘"]
)  # fmt: skip


def _bool_of(value: object) -> bool | None:
    """True/False for a recognised non-blank value, None when it is not a yes/no value."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating, Decimal)):
        return bool(value) if value in (0, 1) else None
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
    return None


def parse_bools(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Return (yes/no as a "boolean" Series, NA where blank or unreadable; unreadable mask)."""
    if pd.api.types.is_bool_dtype(raw.dtype):
        values = raw.astype("boolean")
        return values, pd.Series(False, index=raw.index, name=raw.name, dtype=bool)
    fz = _factorize(raw)
    state = np.full(len(fz.kinds), -1, dtype=np.int8)  # -1 blank, 0 false, 1 true, 2 failed
    for i, value in enumerate(fz.values()):
        if isinstance(value, str) and value.strip() == "":
            continue
        parsed = _bool_of(value)
        state[i] = 2 if parsed is None else int(parsed)
    rows = _take(state, -1, fz.codes)
    values = pd.array(rows == 1, dtype="boolean")
    values[(rows == -1) | (rows == 2)] = pd.NA
    return (
        pd.Series(values, index=raw.index, name=raw.name),
        pd.Series(rows == 2, index=raw.index, name=raw.name, dtype=bool),
    )


# --------------------------------------------------------------------------------------------
# Deal status


def _words(text: str) -> str:
    return " ".join(text.split())


_WON_NAMES = """closed won | won | gewonnen | deal won | gesloten gewonnen | signed | getekend
    | akkoord | order | 100% | contract signed | ordered | opdracht | opdracht verstrekt
    | opdracht ontvangen | order ontvangen | win | gescoord | verkocht | sold"""
_LOST_NAMES = """closed lost | lost | verloren | deal lost | gesloten verloren | afgewezen
    | rejected | disqualified | gediskwalificeerd | cancelled | canceled | geannuleerd
    | niet gewonnen | not won | declined | no deal | geen deal | closed lost no decision
    | afgehaakt | opgezegd | churned"""
_OPEN_NAMES = """prospecting | prospect | qualification | qualify | qualified | needs analysis
    | value proposition | id decision makers | id. decision makers | decision makers
    | perception analysis | proposal/price quote | proposal/quote | proposal | price quote
    | quote | quoted | negotiation/review | negotiation | discovery | appointment scheduled
    | qualified to buy | presentation scheduled | decision maker bought-in | contract sent
    | open | lead | new lead | new | offerte | offerte verstuurd | offerte gestuurd
    | offerte uitgebracht | onderhandeling | in onderhandeling | kwalificatie | gekwalificeerd
    | nieuw | nieuwe lead | in behandeling | contact | contact made | contacted | initial contact
    | contact gelegd | eerste contact | demo | demo scheduled | demo gepland | meeting
    | meeting scheduled | afspraak | afspraak gepland | afspraak gemaakt | follow up
    | follow-up | opvolging | in progress | pending | on hold | verbal commitment | closing
    | commit | pipeline | best case | evaluation | trial | pilot | presentation | presentatie
    | voorstel | behoefteanalyse | orientatie | solution | solution presented | contract
    | contracting | contract negotiation | lopend | actief | active"""
_WON_WORDS = frozenset({"won", "gewonnen", "signed", "getekend"})
_LOST_WORDS = frozenset(
    {"lost", "verloren", "rejected", "afgewezen", "disqualified", "cancelled", "canceled",
     "geannuleerd"}
)  # fmt: skip
_NEGATIONS = frozenset({"not", "niet", "no", "geen", "non"})


def _status_key(text: str) -> str:
    """Lower-case ASCII letters, digits and % only: 'Closed / Won' -> 'closedwon'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9%]+", "", ascii_text.lower())


def _keys(names: str) -> frozenset[str]:
    return frozenset(_status_key(name) for name in names.split("|"))


_STATUS_KEYS: dict[str, str] = {
    **dict.fromkeys(_keys(_OPEN_NAMES), "open"),
    **dict.fromkeys(_keys(_LOST_NAMES), "lost"),
    **dict.fromkeys(_keys(_WON_NAMES), "won"),
}


def _status_of(text: str) -> str | None:
    """'won', 'lost' or 'open' for a recognised stage name, None when not recognised."""
    key = _status_key(text)
    if key in _STATUS_KEYS:
        return _STATUS_KEYS[key]
    percent = re.fullmatch(r"(\d{1,3})%", key)
    if percent:
        number = int(percent.group(1))
        return "open" if 0 < number < 100 else None
    stripped = re.sub(r"^\d+", "", re.sub(r"\d{1,3}%", "", key))
    if stripped and stripped in _STATUS_KEYS:
        return _STATUS_KEYS[stripped]
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = set(re.findall(r"[a-z]+", ascii_text.lower().replace("'", "")))
    if words & _NEGATIONS:
        return None
    won, lost = bool(words & _WON_WORDS), bool(words & _LOST_WORDS)
    if won != lost:
        return "won" if won else "lost"
    return None


def parse_status(raw: pd.Series) -> ParsedStatus:
    """Return "won"/"lost"/"open" per row (None where blank) from a stage or status column."""
    fz = _factorize(raw)
    statuses = np.empty(len(fz.kinds), dtype=object)
    unknown: set[str] = set()
    for i, value in enumerate(fz.values()):
        text = _words(str(value))
        if text == "" or fz.kinds[i] not in (_STR, _NUM):
            statuses[i] = None if text == "" else "open"
            if text:
                unknown.add(text)
            continue
        status = _status_of(text)
        if status is None:
            unknown.add(text)
            status = "open"
        statuses[i] = status
    notes: list[str] = []
    names = tuple(sorted(unknown, key=lambda name: (name.lower(), name)))
    if names:
        shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
        verb = "was" if len(names) == 1 else "were"
        counts = "counts" if len(names) == 1 else "count"
        notes.append(
            f"{_plural(len(names), 'stage name', 'stage names')} {verb} not recognised "
            f"and {counts} as open: {shown}."
        )
    values = _take(statuses, None, fz.codes)
    return ParsedStatus(
        values=pd.Series(values, index=raw.index, name=raw.name, dtype=object),
        unknown=names,
        notes=tuple(notes),
    )


def status_from_flags(
    is_won: pd.Series | None,
    is_closed: pd.Series | None,
    probability: pd.Series | None,
) -> pd.Series:
    """Return "won"/"lost"/"open"/None per row from IsWon/IsClosed flags or a probability."""
    given = [s for s in (is_won, is_closed, probability) if s is not None]
    if not given:
        raise ValueError("status_from_flags needs at least one of is_won, is_closed, probability")
    index = given[0].index
    n = len(index)
    status = np.full(n, None, dtype=object)

    def flag(series: pd.Series) -> tuple[BoolArray, BoolArray]:
        """(is true, is false) per row; blank counts as false, unreadable as neither."""
        values, failed = parse_bools(series)
        true = values.fillna(False).to_numpy(dtype=bool)
        return true, ~true & ~failed.to_numpy()

    if is_closed is not None:
        closed, not_closed = flag(is_closed)
        if is_won is not None:
            won, not_won = flag(is_won)
            status[closed & not_won] = "lost"
            status[not_closed & not_won] = "open"
            status[won] = "won"  # IsWon implies closed
        else:
            status[not_closed] = "open"
    elif is_won is not None:
        won, _ = flag(is_won)
        status[won] = "won"

    if probability is not None:
        numbers = parse_numbers(probability).values.to_numpy(dtype=np.float64)
        finite = numbers[np.isfinite(numbers)]
        if finite.size and finite.max() <= 1 and ((finite > 0) & (finite < 1)).any():
            numbers = numbers * 100  # written as fractions: 0.25 = 25%
        todo = np.array([s is None for s in status], dtype=bool)
        with np.errstate(invalid="ignore"):
            status[todo & (numbers >= 100)] = "won"
            status[todo & (numbers == 0)] = "lost"
            status[todo & (numbers > 0) & (numbers < 100)] = "open"
    return pd.Series(status, index=index, dtype=object)
