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

from analysis.read.cells import (
    KIND_NUM,
    KIND_STR,
    BoolArray,
    Factorized,
    FloatArray,
    IntArray,
    as_float,
    examples_where,
    factorize,
    fmt_number,
    quoted,
    take,
)
from analysis.read.notes import message
from analysis.read.number_strings import (
    COMMA,
    CURRENCY_NAMES,
    DOT,
    NO_MARK,
    NumberStrings,
    read_number_strings,
)
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


def _unique_numbers(fz: Factorized) -> tuple[FloatArray, BoolArray, IntArray]:
    """Value, failed and currency per unique, with the uniques that are numbers already read."""
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
    return value, failed, currency


@dataclass(frozen=True)
class _ColumnMark:
    """The decimal mark decided for a column and the row counts it was decided on."""

    mark: int  # DOT, COMMA or NO_MARK
    guessed: bool  # no value showed the mark: the ambiguous separator was taken as thousands
    dot_rows: int  # rows showing a dot as decimal mark
    comma_rows: int


def _column_mark(ns: NumberStrings, counts: IntArray) -> _ColumnMark:
    """Return the column's decimal mark: the one most rows show (a tie goes to the dot)."""
    dot_rows = int(counts[ns.own_mark == DOT].sum())
    comma_rows = int(counts[ns.own_mark == COMMA].sum())
    amb_dot_rows = int(counts[ns.ambiguous & (ns.amb_sep == DOT)].sum())
    amb_comma_rows = int(counts[ns.ambiguous & (ns.amb_sep == COMMA)].sum())
    if dot_rows or comma_rows:
        return _ColumnMark(COMMA if comma_rows > dot_rows else DOT, False, dot_rows, comma_rows)
    if amb_dot_rows or amb_comma_rows:
        # nothing shows the mark: read the ambiguous separator as thousands separator
        column_mark = COMMA if amb_dot_rows >= amb_comma_rows else DOT
        return _ColumnMark(column_mark, True, dot_rows, comma_rows)
    return _ColumnMark(NO_MARK, False, dot_rows, comma_rows)


def _string_values(ns: NumberStrings, column_mark: int, *, allow_currency: bool) -> FloatArray:
    """Value per distinct string, each read with the decimal mark it shows or is given."""
    # Money has two decimals: in an amount, "12.500" is twelve thousand five hundred
    # whatever the rest of the column shows (one "€ 99.95" must not make it 12.5).
    thousands = np.where(ns.amb_sep == DOT, COMMA, DOT)
    ambiguous_mark = thousands if allow_currency else column_mark
    mark = np.where(
        ns.own_mark != NO_MARK, ns.own_mark, np.where(ns.ambiguous, ambiguous_mark, DOT)
    )
    values = np.where(mark == COMMA, ns.v_comma, ns.v_dot)
    values[ns.failed | ns.blank] = np.nan
    return values


def _mark_notes(
    ns: NumberStrings, read: FloatArray, cm: _ColumnMark, *, noun: str, allow_currency: bool
) -> list[Say]:
    """The notes on decimal marks and multipliers: guessed, decided, mixed, 1.2k."""
    what = Say(f"upload.word.{noun.lower()}")  # 'amounts'
    named = Say(f"upload.word.{noun}")  # 'Amounts'
    one = Say(f"upload.word.{noun.lower()[:-1]}")  # 'amount'
    notes: list[Say] = []
    column_mark = cm.mark
    mark_name = {DOT: Say("upload.word.dot"), COMMA: Say("upload.word.comma")}
    amb_as_decimal = ns.ambiguous & (ns.amb_sep == column_mark) & (not allow_currency)
    amb_against_column = ns.ambiguous & (ns.amb_sep == column_mark) & allow_currency
    more: Say | str = ""
    if amb_as_decimal.any():
        first = int(np.flatnonzero(amb_as_decimal)[0])
        more = _example("note.amounts.as_decimal", ns.raw, read, first)
    if amb_against_column.any():
        first = int(np.flatnonzero(amb_against_column)[0])
        more = _example("note.amounts.still_thousands", ns.raw, read, first)
    if cm.guessed:
        first = int(np.flatnonzero(ns.ambiguous & (ns.amb_sep != column_mark))[0])
        sep = mark_name[DOT if column_mark == COMMA else COMMA]
        said = _example("note.amounts.guessed", ns.raw, read, first)
        notes.append(Say(said.key, **dict(said.values), what=one, mark=sep, more=more))
    elif column_mark != NO_MARK and (column_mark == COMMA or ns.ambiguous.any()):
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
    if cm.dot_rows and cm.comma_rows:
        ex_dot = examples_where(ns.raw, ns.own_mark == DOT, 1)[0]
        ex_comma = examples_where(ns.raw, ns.own_mark == COMMA, 1)[0]
        notes.append(message("note.amounts.mixed_marks", what=what, dot=ex_dot, comma=ex_comma))
    if ns.multiplied.any():
        first = int(np.flatnonzero(ns.multiplied)[0])
        said = _example("note.amounts.multiplied", ns.raw, read, first)
        notes.append(Say(said.key, **dict(said.values), noun=named))
    return notes


def _parse_numeric_column(
    raw: pd.Series, *, noun: str, allow_currency: bool, allow_percent: bool
) -> ParsedAmounts:
    if not (raw.dtype == object or isinstance(raw.dtype, pd.CategoricalDtype)) and not (
        pd.api.types.is_string_dtype(raw.dtype)
    ):
        return _numeric_fast_path(raw, noun)
    fz = factorize(raw)
    value, failed, currency = _unique_numbers(fz)
    strings = fz.string_positions()
    decimal_mark: str | None = None
    notes: list[Say] = []
    if strings.size:
        ns = read_number_strings(
            fz.strings, allow_currency=allow_currency, allow_percent=allow_percent
        )
        cm = _column_mark(ns, fz.counts[strings])
        value[strings] = _string_values(ns, cm.mark, allow_currency=allow_currency)
        failed[strings] = ns.failed
        currency[strings] = ns.currency
        if cm.mark != NO_MARK:
            decimal_mark = "," if cm.mark == COMMA else "."
        notes += _mark_notes(ns, value[strings], cm, noun=noun, allow_currency=allow_currency)
    seen = sorted({CURRENCY_NAMES[c] for c in currency[currency >= 0]})
    if len(seen) > 1:
        notes.append(message("note.amounts.mixed_currencies", currencies=joined(seen, ", ")))
    n_failed_rows = int(fz.counts[failed].sum())
    if n_failed_rows:
        key = f"note.unreadable_{noun.lower()}" + ("" if n_failed_rows == 1 else "_many")
        notes.append(message(key, n=n_failed_rows, examples=quoted(fz.texts(failed))))
    return _per_row(raw, fz, value, failed, currency, decimal_mark, seen, notes)


def _per_row(
    raw: pd.Series,
    fz: Factorized,
    value: FloatArray,
    failed: BoolArray,
    currency: IntArray,
    decimal_mark: str | None,
    seen: list[str],
    notes: list[Say],
) -> ParsedAmounts:
    """The per-unique results spread back over the rows of `raw`."""
    names = np.array([*CURRENCY_NAMES, None], dtype=object)
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
