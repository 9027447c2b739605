"""Each distinct text of a numeric column read both ways: with a dot and with a comma as decimal mark.

The column-wide decisions (which mark a column uses, what the notes say) are taken in
``analysis.read.amounts``, whose docstring lists the rules; this module only reads the strings:
blanks, currencies, signs and parentheses, multipliers (``k``, ``mln``) and both readings of
the number, all vectorised over the distinct strings.
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
    Fields,
    FloatArray,
    IntArray,
    extract,
    lookup,
    matches,
    nonempty,
    normalise_text,
    to_floats,
)
from analysis.read.vocabulary import CURRENCIES, MULTIPLIERS

__all__ = ["COMMA", "CURRENCY_NAMES", "DOT", "NO_MARK", "NumberStrings", "read_number_strings"]

CURRENCY_NAMES = sorted(set(CURRENCIES.values()))
_CURRENCY_INDEX = {key: CURRENCY_NAMES.index(code) for key, code in CURRENCIES.items()}

_CUR = r"(?:" + LETTER + r"{1,2}\$|[€$£₹¥₩₺₽₪]|" + LETTER + r"{2,5}\.?)"
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

NO_MARK, DOT, COMMA = 0, 1, 2


@dataclass(frozen=True)
class NumberStrings:
    """Per distinct string: both readings and what the string itself shows."""

    raw: pa.Array  # the strings as found, for examples in notes
    blank: BoolArray
    failed: BoolArray  # cannot be read whatever the decimal mark
    v_dot: FloatArray  # value with "." as decimal mark (NaN if invalid that way)
    v_comma: FloatArray  # value with "," as decimal mark
    own_mark: npt.NDArray[np.int8]  # DOT/COMMA when only one reading is valid, else NO_MARK
    ambiguous: BoolArray  # both readings valid and different (12.500)
    amb_sep: npt.NDArray[np.int8]  # separator in ambiguous values
    currency: IntArray  # index into CURRENCY_NAMES, -1 none
    multiplied: BoolArray


def _currency_codes(field: Fields, *, allow_currency: bool) -> tuple[IntArray, BoolArray]:
    """Currency index per string (-1 for none) and where the currency makes it unreadable."""
    cur1 = lookup(pc.replace_substring(field["c1"], ".", ""), _CURRENCY_INDEX)
    cur2 = lookup(pc.replace_substring(field["c2"], ".", ""), _CURRENCY_INDEX)
    has1, has2 = nonempty(field["c1"]), nonempty(field["c2"])
    bad = (has1 & (cur1 < 0)) | (has2 & (cur2 < 0)) | (has1 & has2 & (cur1 != cur2))
    currency = np.where(has1, cur1, np.where(has2, cur2, -1))
    if not allow_currency:
        bad |= has1 | has2
    return currency, bad


def _signs(field: Fields) -> tuple[FloatArray, BoolArray]:
    """-1.0 or 1.0 per string, and where signs or parentheses make it unreadable."""
    opens = nonempty(field["o1"]).astype(int) + nonempty(field["o2"])
    closes = nonempty(field["x1"]).astype(int) + nonempty(field["x2"])
    signs = [nonempty(field[k]) for k in ("s1", "s2", "s3")]
    minus = sum(matches(field[k], "^-$").astype(int) for k in ("s1", "s2", "s3")) + (opens > 0)
    bad = (opens != closes) | (opens > 1) | (minus > 1) | (sum(signs) > 1)
    return np.where(minus == 1, -1.0, 1.0), bad


@dataclass(frozen=True)
class _Readings:
    """The number part of each string read with a dot and with a comma as decimal mark."""

    dot_ok: BoolArray  # the number is valid with "." as decimal mark
    comma_ok: BoolArray
    v_dot: FloatArray  # unsigned, unmultiplied value with "." (NaN if invalid that way)
    v_comma: FloatArray
    own_mark: npt.NDArray[np.int8]  # DOT/COMMA when the string shows it, else NO_MARK


def _both_readings(field: Fields, matched: BoolArray) -> _Readings:
    """Return both readings of the number part, and the mark each string shows (12.500,-)."""
    num = field["num"]
    dot_ok = matches(num, _DOT_OK)
    comma_ok = matches(num, _COMMA_OK)
    dash_dot = matches(field["dash"], r"^\.")
    dash_comma = matches(field["dash"], r"^,")
    dot_ok = np.where(dash_comma, False, np.where(dash_dot, matches(num, _INT_DOT), dot_ok))
    comma_ok = np.where(dash_dot, False, np.where(dash_comma, matches(num, _INT_COMMA), comma_ok))
    clean = pc.replace_substring_regex(num, "[ ']", "")
    v_dot = to_floats(pc.replace_substring(clean, ",", ""), dot_ok & matched)
    comma_text = pc.replace_substring(pc.replace_substring(clean, ".", ""), ",", ".")
    v_comma = to_floats(comma_text, comma_ok & matched)
    own_mark = np.where(
        dash_dot | (dot_ok & ~comma_ok),
        DOT,
        np.where(dash_comma | (comma_ok & ~dot_ok), COMMA, NO_MARK),
    ).astype(np.int8)
    return _Readings(dot_ok, comma_ok, v_dot, v_comma, own_mark)


def _scaled(values: FloatArray, scale: FloatArray, multiplied: BoolArray) -> FloatArray:
    """Values times sign and multiplier, rounded to 6 decimals where a multiplier applied."""
    with np.errstate(invalid="ignore", over="ignore"):
        return np.where(multiplied, np.round(values * scale, 6), values * scale)


def read_number_strings(
    raw: pa.Array, *, allow_currency: bool, allow_percent: bool
) -> NumberStrings:
    """Return, per distinct string, its blanks, failures, both readings and what it shows."""
    arr = normalise_text(raw)
    blank = matches(arr, r"^$") | matches(arr, _BLANK_DASH_RE)
    matched, field = extract(arr, _AMOUNT_RE)

    currency, bad_currency = _currency_codes(field, allow_currency=allow_currency)
    sign, bad_sign = _signs(field)
    failed = ~matched | bad_currency | bad_sign
    if not allow_percent:
        failed |= nonempty(field["pct"])
    mult_text = pc.replace_substring(field["mult"], ".", "")
    exponent = np.maximum(lookup(mult_text, MULTIPLIERS), 0)
    multiplied = exponent > 0
    rd = _both_readings(field, matched)
    failed |= ~(rd.dot_ok | rd.comma_ok)
    ambiguous = rd.dot_ok & rd.comma_ok & matches(field["num"], r"[.,]") & ~failed
    amb_sep = np.where(matches(field["num"], r"\."), DOT, COMMA).astype(np.int8)
    scale = sign * np.power(10.0, exponent)
    v_dot = _scaled(rd.v_dot, scale, multiplied)
    v_comma = _scaled(rd.v_comma, scale, multiplied)
    failed &= ~blank
    failed |= ~blank & ~np.isfinite(np.where(rd.dot_ok, v_dot, v_comma))
    return NumberStrings(
        raw=raw,
        blank=blank,
        failed=failed,
        v_dot=v_dot,
        v_comma=v_comma,
        own_mark=np.where(failed | blank, NO_MARK, rd.own_mark).astype(np.int8),
        ambiguous=ambiguous & ~blank,
        amb_sep=amb_sep,
        currency=np.where(failed | blank, -1, currency),
        multiplied=multiplied & ~failed & ~blank,
    )
