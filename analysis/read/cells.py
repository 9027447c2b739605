"""Low-level helpers shared by the cell parsers in amounts, date_formats, dates and stages.

Speed: every parser works on the distinct values of a column (dictionary encoding), reads
those with vectorised pyarrow (RE2) regular expressions, and takes the results back by code,
so a 1M-row column with repeating values costs little more than factorising it. Numeric and
datetime dtypes take a fast path that never looks at single values. When many distinct strings
share a few shapes (digits replaced by 0, e.g. a million distinct timestamps), each shape is
matched once and the parts are cut out by position.

None, NaN, NaT and pd.NA are missing for every parser: ``factorize`` gives them code -1 and
``take`` fills those rows. The notes the parsers write share the wording helpers at the end.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
ObjArray = npt.NDArray[np.object_]
DateArray = npt.NDArray[np.datetime64]


# --------------------------------------------------------------------------------------------
# Factorising


KIND_STR, KIND_NUM, KIND_BOOL, KIND_DATETIME, KIND_DATE, KIND_OTHER = range(6)


@dataclass(frozen=True)
class Factorized:
    """A column as its distinct values (uniques) and a code per row."""

    codes: IntArray  # per row: index into the uniques, -1 where missing
    counts: IntArray  # rows per unique
    kinds: npt.NDArray[np.int8]  # KIND_STR, KIND_NUM, ... per unique
    strings: pa.Array  # the uniques of kind KIND_STR, in order, as large_string
    objects: ObjArray | None  # all uniques as Python objects; None when all are strings

    def string_positions(self) -> IntArray:
        """Positions of the uniques that are strings, in the order of ``strings``."""
        return np.flatnonzero(self.kinds == KIND_STR)

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
        return KIND_STR
    if isinstance(value, (bool, np.bool_)):
        return KIND_BOOL
    if isinstance(value, (int, float, np.integer, np.floating, Decimal)):
        return KIND_NUM
    if isinstance(value, (dt.datetime, np.datetime64)):  # pd.Timestamp is a datetime
        return KIND_DATETIME
    if isinstance(value, dt.date):
        return KIND_DATE
    return KIND_OTHER


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


def factorize(raw: pd.Series) -> Factorized:
    """The column factorised; a column of strings only is dictionary-encoded by pyarrow."""
    arrow = _arrow_strings_of(raw)
    if arrow is not None:
        encoded = arrow.dictionary_encode()
        codes = np.asarray(
            pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False), dtype=np.int64
        )
        strings = encoded.dictionary
        counts = np.bincount(codes[codes >= 0], minlength=len(strings)).astype(np.int64)
        kinds = np.full(len(strings), KIND_STR, dtype=np.int8)
        return Factorized(codes, counts, kinds, strings, None)
    series = raw.astype(object) if isinstance(raw.dtype, pd.CategoricalDtype) else raw
    codes_raw, uniques_raw = pd.factorize(series, use_na_sentinel=True)
    codes = np.asarray(codes_raw, dtype=np.int64)
    uniques = np.asarray(uniques_raw, dtype=object)
    if series.dtype == object:
        codes, uniques = _separate_bools(series.to_numpy(dtype=object), codes, uniques)
    kinds = np.fromiter((_kind(u) for u in uniques), dtype=np.int8, count=len(uniques))
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques)).astype(np.int64)
    strings = pa.array([str(u) for u in uniques[kinds == KIND_STR]], type=pa.large_string())
    return Factorized(codes, counts, kinds, strings, uniques)


def as_float(value: object) -> float:
    """A unique of kind KIND_NUM (int, float, numpy number, Decimal) as a float."""
    return float(value)  # type: ignore[arg-type]


def take(per_unique: np.ndarray, fill: object, codes: IntArray) -> np.ndarray:
    """Per-row values from per-unique values; rows with code -1 get ``fill``."""
    extended = np.empty(len(per_unique) + 1, dtype=per_unique.dtype)
    extended[:-1] = per_unique
    extended[-1] = fill
    return extended[codes]


# --------------------------------------------------------------------------------------------
# pyarrow string helpers


# Latin letters only: a Unicode class like \pL makes RE2 several times slower.
LETTER = "[A-Za-z\u00c0-\u024f]"
_ODD_TEXT = "[\u00a0\u2007\u2009\u202f\t\r\n\u2018\u2019\u02bc`\u00b4\u2212\u2013\u2014]|  "


def normalise_text(arr: pa.Array) -> pa.Array:
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


def extract(arr: pa.Array, pattern: str) -> tuple[BoolArray, Fields]:
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
    return matched, {name: fill_empty(st.field(name)) for name in names}


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


def matches(arr: pa.Array, pattern: str) -> BoolArray:
    """Whether each string contains a match of ``pattern`` (False where null)."""
    result = pc.fill_null(pc.match_substring_regex(arr, pattern), False)
    return np.asarray(result.to_numpy(zero_copy_only=False), dtype=bool)


def fill_empty(arr: pa.Array) -> pa.Array:
    """The strings with nulls replaced by ""."""
    return pc.fill_null(arr, "")


def nonempty(arr: pa.Array) -> BoolArray:
    """Whether each string is neither null nor ""."""
    return np.asarray(pc.not_equal(fill_empty(arr), "").to_numpy(zero_copy_only=False), dtype=bool)


def to_ints(arr: pa.Array, default: int = 0) -> IntArray:
    """Digit strings as integers, ``default`` where null or ""."""
    arr = fill_empty(arr)
    filled = pc.if_else(pc.equal(arr, ""), pa.scalar(str(default), type=arr.type), arr)
    return np.asarray(pc.cast(filled, pa.int64()).to_numpy(zero_copy_only=False), np.int64)


def to_floats(arr: pa.Array, valid: BoolArray) -> FloatArray:
    """Float values of ``arr`` where ``valid`` (already checked by regex), NaN elsewhere."""
    masked = pc.if_else(pa.array(valid), arr, pa.scalar(None, type=arr.type))
    result = pc.cast(masked, pa.float64()).to_numpy(zero_copy_only=False)
    return np.asarray(result, dtype=np.float64)


def lookup(arr: pa.Array, table: dict[str, int]) -> IntArray:
    """Map lower-cased strings through ``table``; -1 where absent."""
    keys = list(table)
    idx = pc.index_in(
        pc.utf8_lower(fill_empty(arr)), value_set=pa.array(keys, type=pa.large_string())
    )
    values = np.array([table[k] for k in keys] + [-1], dtype=np.int64)
    positions = np.asarray(
        pc.fill_null(idx, len(keys)).to_numpy(zero_copy_only=False), dtype=np.int64
    )
    return values[positions]


def exact_words(series: pd.Series, words: tuple[str, ...]) -> BoolArray:
    """Return where a column of strings holds exactly one of `words` (False where missing).

    `Series.isin` hashes every cell (some 40 ms per million); the cells that could be one
    of the words (starting with the first byte of one, as short) are found from the Arrow
    buffers first, so a column holding none of them costs a few milliseconds.
    """
    encoded = [w.encode() for w in words]
    longest = max(len(w) for w in encoded)
    first = np.zeros(256, dtype=bool)
    first[[w[0] for w in encoded]] = True
    try:
        arr = pa.array(series.array, from_pandas=True)
    except (TypeError, ValueError, pa.ArrowException):
        return series.isin(words).to_numpy(dtype=bool)
    chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    if not all(pa.types.is_string(c.type) or pa.types.is_large_string(c.type) for c in chunks):
        return series.isin(words).to_numpy(dtype=bool)
    parts = [np.zeros(0, dtype=bool)]
    for chunk in chunks:
        _, offsets_buffer, data_buffer = chunk.buffers()
        width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        offsets = np.frombuffer(offsets_buffer, dtype=width)[
            chunk.offset : chunk.offset + len(chunk) + 1
        ]
        data = np.frombuffer(data_buffer or b"", dtype=np.uint8)
        if data.size == 0:  # only missing or empty strings
            parts.append(np.zeros(len(chunk), dtype=bool))
            continue
        starts = np.minimum(offsets[:-1], len(data) - 1)
        maybe = first[data[starts]]  # the cheapest test first: most cells fail it
        at = np.flatnonzero(maybe)
        length = offsets[at + 1] - offsets[at]
        maybe[at] = (length > 0) & (length <= longest)
        parts.append(maybe)
    maybe = np.concatenate(parts)
    out = np.zeros(len(series), dtype=bool)
    if maybe.any():
        out[maybe] = series[maybe].isin(words).to_numpy(dtype=bool)
    return out


# --------------------------------------------------------------------------------------------
# Wording of notes


def examples_where(arr: pa.Array, mask: BoolArray, limit: int = 3) -> list[str]:
    """Up to ``limit`` strings of ``arr`` where ``mask`` holds."""
    return [str(arr[int(i)].as_py()) for i in np.flatnonzero(mask)[:limit]]


def quoted(examples: list[str]) -> str:
    """The examples quoted and joined for a note: 'a', 'b'."""
    return ", ".join(f"'{e}'" for e in examples)


def fmt_number(value: float) -> str:
    """A number as text for a note, without trailing zeros."""
    return f"{value:.10g}" if abs(value) < 1e15 else f"{value:.6e}"
