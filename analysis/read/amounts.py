"""Money amounts and plain numbers read from raw cells, with the decimal mark decided per column.

Rules decided here (``tests/unit/read/test_amounts.py`` pins each of them down):

Blanks
    None, NaN, NaT, pd.NA, empty or whitespace-only strings and a lone dash (``-``, ``--``,
    ``–``, ``—``; also ``€ -``, which accounting formats show for "nothing") are blank: the
    value is missing and ``failed`` is False. Any other value that cannot be read is failed:
    ``n/a``, ``TBD``, ``?``, booleans, dates, unknown currency words (``XYZ 100``), a percentage
    in an amount, two different currencies in one cell, unbalanced parentheses, two minus signs.

Decimal mark
    A value shows its decimal mark when only one reading is valid: ``1.234,56``, ``12,5``,
    ``0,500``, ``1.234.567`` and ``€ 12.500,-`` show a comma; ``1,234.56``, ``12.5``, ``0.500``,
    ``1234.567`` and ``1,234,567`` show a dot. Such values are always read as written, even
    when the column mostly uses the other mark (a note then says the column mixes them).
    One separator followed by exactly three digits after one to three leading digits, not
    starting with 0 (``12.500``, ``1,250``), is ambiguous. In an amount it is always a
    thousands separator (money has two decimals, so ``12.500`` is 12500 even beside ``99.95``);
    in a plain number it follows the column: the column's decimal mark is the one shown by most
    rows (a tie goes to the dot). When no value shows a
    decimal mark, the separator in the ambiguous values is a thousands separator (``12.500`` =
    12500, ``1,250`` = 1250), ``decimal_mark`` is the other character, and a note says so.
    ``decimal_mark`` is None when no value has a separator. Spaces (also no-break and narrow
    no-break) and apostrophes are only ever thousands separators (``1 234,56``, ``12'500.00``);
    Indian grouping (``12,34,567.00``) reads with a dot. ``(1,200)``, ``-1.200``, ``1200-`` and
    ``€ -1.200`` are negative. ``k``, ``M``/``mln``/``mio``/``mn`` and ``bn``/``mrd``/``mld``
    multiply (``$1.2k`` = 1200). Currency symbols and codes may stand before or after the
    number; ``parse_numbers`` fails on currencies and reads ``75%`` as 75.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.read.cells import (
    KIND_NUM,
    KIND_STR,
    LETTER,
    BoolArray,
    FloatArray,
    IntArray,
    as_float,
    examples_where,
    extract,
    factorize,
    fmt_number,
    lookup,
    matches,
    nonempty,
    normalise_text,
    quoted,
    take,
    to_floats,
)
from analysis.read.notes import message
from analysis.read.vocabulary import CURRENCIES, MULTIPLIERS
from analysis.words.message import Say, joined

__all__ = ["ParsedAmounts", "parse_amounts", "parse_numbers"]


@dataclass(frozen=True)
class ParsedAmounts:
    """Amounts (or plain numbers) read from one column, with the decisions taken for it."""

    values: pd.Series  # float64, NaN where blank or failed, same index as the input
    failed: pd.Series  # bool, True where a non-blank value could not be read
    decimal_mark: str | None  # "." or "," as decided for the column, None if no value needed it
    currencies: tuple[str, ...]  # normalised codes seen ("EUR", "USD", ...), sorted
    per_row_currency: pd.Series  # object: currency code per row, or None
    notes: tuple[Say, ...]  # what a sales user should know of the reading


# --------------------------------------------------------------------------------------------
# Reading


_CURRENCY_NAMES = sorted(set(CURRENCIES.values()))
_CURRENCY_INDEX = {key: _CURRENCY_NAMES.index(code) for key, code in CURRENCIES.items()}

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
    arr = normalise_text(raw)
    blank = matches(arr, r"^$") | matches(arr, _BLANK_DASH_RE)
    matched, field = extract(arr, _AMOUNT_RE)

    failed = ~matched
    # currencies
    cur1 = lookup(pc.replace_substring(field["c1"], ".", ""), _CURRENCY_INDEX)
    cur2 = lookup(pc.replace_substring(field["c2"], ".", ""), _CURRENCY_INDEX)
    has1, has2 = nonempty(field["c1"]), nonempty(field["c2"])
    failed |= (has1 & (cur1 < 0)) | (has2 & (cur2 < 0)) | (has1 & has2 & (cur1 != cur2))
    currency = np.where(has1, cur1, np.where(has2, cur2, -1))
    if not allow_currency:
        failed |= has1 | has2
    pct = nonempty(field["pct"])
    if not allow_percent:
        failed |= pct
    # signs and parentheses
    opens = nonempty(field["o1"]).astype(int) + nonempty(field["o2"])
    closes = nonempty(field["x1"]).astype(int) + nonempty(field["x2"])
    signs = [nonempty(field[k]) for k in ("s1", "s2", "s3")]
    minus = sum(matches(field[k], "^-$").astype(int) for k in ("s1", "s2", "s3")) + (opens > 0)
    failed |= (opens != closes) | (opens > 1) | (minus > 1) | (sum(signs) > 1)
    sign = np.where(minus == 1, -1.0, 1.0)
    # multiplier
    mult_text = pc.replace_substring(field["mult"], ".", "")
    exponent = np.maximum(lookup(mult_text, MULTIPLIERS), 0)
    multiplied = exponent > 0
    # the number itself
    num = field["num"]
    dot_ok = matches(num, _DOT_OK)
    comma_ok = matches(num, _COMMA_OK)
    has_sep = matches(num, r"[.,]")
    dash_dot = matches(field["dash"], r"^\.")
    dash_comma = matches(field["dash"], r"^,")
    dot_ok = np.where(dash_comma, False, np.where(dash_dot, matches(num, _INT_DOT), dot_ok))
    comma_ok = np.where(dash_dot, False, np.where(dash_comma, matches(num, _INT_COMMA), comma_ok))
    clean = pc.replace_substring_regex(num, "[ ']", "")
    v_dot = to_floats(pc.replace_substring(clean, ",", ""), dot_ok & matched)
    comma_text = pc.replace_substring(pc.replace_substring(clean, ".", ""), ",", ".")
    v_comma = to_floats(comma_text, comma_ok & matched)
    failed |= ~(dot_ok | comma_ok)
    own_mark = np.where(
        dash_dot | (dot_ok & ~comma_ok),
        _DOT,
        np.where(dash_comma | (comma_ok & ~dot_ok), _COMMA, _NO_MARK),
    ).astype(np.int8)
    ambiguous = dot_ok & comma_ok & has_sep & ~failed
    amb_sep = np.where(matches(num, r"\."), _DOT, _COMMA).astype(np.int8)
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


def _example(key: str, raw: pa.Array, read: npt.NDArray[np.float64], first: int) -> Say:
    """The message `key` with a value as written and as it was read ('12.500' = 12500)."""
    return message(key, raw=raw[first].as_py(), read=fmt_number(read[first]))


def _numeric_fast_path(raw: pd.Series, noun: str) -> ParsedAmounts:
    values, failed, currency = _empty_amounts(raw)
    notes: list[Say] = []
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
        key = f"note.amounts.unreadable_{what}" + ("" if n_failed == 1 else "_many")
        notes.append(message(key, n=n_failed))
    return ParsedAmounts(values, failed, None, (), currency, tuple(notes))


def _parse_numeric_column(
    raw: pd.Series, *, noun: str, allow_currency: bool, allow_percent: bool
) -> ParsedAmounts:
    if not (raw.dtype == object or isinstance(raw.dtype, pd.CategoricalDtype)) and not (
        pd.api.types.is_string_dtype(raw.dtype)
    ):
        return _numeric_fast_path(raw, noun)
    fz = factorize(raw)
    n = len(fz.kinds)
    value = np.full(n, np.nan)
    failed = np.zeros(n, dtype=bool)
    currency = np.full(n, -1, dtype=np.int64)

    numbers = np.flatnonzero(fz.kinds == KIND_NUM)
    for i in numbers:
        number = as_float(fz.value(i))
        if np.isfinite(number):
            value[i] = number
        else:
            failed[i] = True
    failed[(fz.kinds != KIND_NUM) & (fz.kinds != KIND_STR)] = True

    strings = fz.string_positions()
    decimal_mark: str | None = None
    notes: list[Say] = []
    what = Say(f"upload.word.{noun.lower()}")  # 'amounts'
    named = Say(f"upload.word.{noun}")  # 'Amounts'
    one = Say(f"upload.word.{noun.lower()[:-1]}")  # 'amount'
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
        # Money has two decimals: in an amount, "12.500" is twelve thousand five hundred
        # whatever the rest of the column shows (one "€ 99.95" must not make it 12.5).
        thousands = np.where(ns.amb_sep == _DOT, _COMMA, _DOT)
        ambiguous_mark = thousands if allow_currency else column_mark
        mark = np.where(
            ns.own_mark != _NO_MARK, ns.own_mark, np.where(ns.ambiguous, ambiguous_mark, _DOT)
        )
        value[strings] = np.where(mark == _COMMA, ns.v_comma, ns.v_dot)
        value[strings[ns.failed | ns.blank]] = np.nan
        failed[strings] = ns.failed
        currency[strings] = ns.currency
        read = value[strings]

        if column_mark != _NO_MARK:
            decimal_mark = "," if column_mark == _COMMA else "."
        mark_name = {_DOT: Say("upload.word.dot"), _COMMA: Say("upload.word.comma")}
        amb_as_decimal = ns.ambiguous & (ns.amb_sep == column_mark) & (not allow_currency)
        amb_against_column = ns.ambiguous & (ns.amb_sep == column_mark) & allow_currency
        more: Say | str = ""
        if amb_as_decimal.any():
            first = int(np.flatnonzero(amb_as_decimal)[0])
            more = _example("note.amounts.as_decimal", ns.raw, read, first)
        if amb_against_column.any():
            first = int(np.flatnonzero(amb_against_column)[0])
            more = _example("note.amounts.still_thousands", ns.raw, read, first)
        if guessed:
            first = int(np.flatnonzero(ns.ambiguous & (ns.amb_sep != column_mark))[0])
            sep = mark_name[_DOT if column_mark == _COMMA else _COMMA]
            said = _example("note.amounts.guessed", ns.raw, read, first)
            notes.append(Say(said.key, **dict(said.values), what=one, mark=sep, more=more))
        elif column_mark != _NO_MARK and (column_mark == _COMMA or ns.ambiguous.any()):
            example = examples_where(ns.raw, ns.own_mark == column_mark, 1)[0]
            notes.append(
                message(
                    "note.amounts.decimal_mark",
                    noun=named,
                    mark=mark_name[column_mark],
                    example=example,
                    more=more,
                )
            )
        if dot_rows and comma_rows:
            ex_dot = examples_where(ns.raw, ns.own_mark == _DOT, 1)[0]
            ex_comma = examples_where(ns.raw, ns.own_mark == _COMMA, 1)[0]
            notes.append(message("note.amounts.mixed_marks", what=what, dot=ex_dot, comma=ex_comma))
        if ns.multiplied.any():
            first = int(np.flatnonzero(ns.multiplied)[0])
            said = _example("note.amounts.multiplied", ns.raw, read, first)
            notes.append(Say(said.key, **dict(said.values), noun=named))

    seen = sorted({_CURRENCY_NAMES[c] for c in currency[currency >= 0]})
    if len(seen) > 1:
        notes.append(message("note.amounts.mixed_currencies", currencies=joined(seen, ", ")))
    n_failed_rows = int(fz.counts[failed].sum())
    if n_failed_rows:
        key = f"note.unreadable_{noun.lower()}" + ("" if n_failed_rows == 1 else "_many")
        notes.append(message(key, n=n_failed_rows, examples=quoted(fz.texts(failed))))

    names = np.array([*_CURRENCY_NAMES, None], dtype=object)
    row_currency = names[take(currency, -1, fz.codes)]
    row_values = take(value, np.nan, fz.codes)
    row_failed = take(failed, False, fz.codes)
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
