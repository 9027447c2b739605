"""Wide target sheets: one row per rep, team or the company, one column per month or quarter.

Budget and quota sheets are usually laid out wide (`Rep | Jan 2025 | Feb 2025 | … | Total`),
while the targets table is long (rep or team, period, target). `unpivot_wide_targets` turns
such a sheet into the long shape the name-based mapping recognises: its identifier columns
as they were named, then `Period` and `Target`, one row per identifier row and period.

What counts as wide: at most three identifier columns holding text (rep, team, region, a
name), at least two columns whose headers are months or quarters in order (`Jan 2025`,
`2025-01`, `Q1 2025`, `Jan-25`, `januari`, an Excel date), cells that are numbers, and a
word for targets (target, quota, doel, goal, budget) in the sheet name, title, headers or file
name. Months or quarters without a year (`jan`…`dec` in English, Dutch, German or French,
`M01`…`M12`, `Q1`…`Q4`) take the year of each row from a year column (`Year`, `Jaar`, `Jahr`,
`Année`, `FY` holding whole years: one row per rep and year), else from the sheet name,
title or file name when it names exactly one. Total columns (Total, FY, Year, Totaal, YTD, a
year, quarters beside months) are ignored, not counted twice; `period_headers.py` reads
the headers. Amounts are read as written unless the sheet says they are in thousands or
millions (`(k€)`, `in thousands`, `x 1000`, `in duizenden`, `(000)`); `target_checks.py`
looks at them again beside the revenue.

Rows stay traceable: each long row keeps the sheet's row number as its index (so the rows
of one rep share the row number of that rep's line), a blank cell or a dash is no target
(not 0), a cell that is not a number is set aside with its reason, and so is a row without
a year in its year column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pandas as pd

from analysis.model import schema as S
from analysis.read.amounts import parse_amounts, parse_numbers
from analysis.read.mapping import guess_mapping, normalize_header
from analysis.read.notes import field_name, message
from analysis.read.period_headers import (
    MIN_PERIODS,
    TOTAL,
    dates_as_periods,
    header_kind,
    is_year_column,
    named_year,
    period_labels,
    row_years,
)
from analysis.read.saved_mapping import apply_saved, is_saved_mapping
from analysis.read.sheets import REASON_COLUMN, ROW_COLUMN, RawSheet
from analysis.read.synonyms import SHEET_HINTS
from analysis.words.message import Say

PERIOD_COLUMN = "Period"
TARGET_COLUMN = "Target"
MAX_IDENTIFIERS = 3
MIN_NUMBER_SHARE = 0.6  # as the mapping asks of a column's values (MIN_PARSE_SHARE)

_GENERIC_SHEET = re.compile(r"^(?:|sheet\s*\d*|blad\s*\d*|tabelle\s*\d*|feuil\s*\d*)$")
_ID_HEADER = re.compile(r"\b(?:id|nr|no|number|nummer|code|key)\b")
_MILLIONS = re.compile(
    r"\bin\s+(?:millions|miljoenen)\b|\(\s*(?:m|m€|€m|mln|mio|mn)\s*\)|"
    r"[x×]\s*€?\s*1[.,]?000[.,]?000\b|\bm€|€m\b|\bmln\b"
)
_THOUSANDS = re.compile(
    r"\bin\s+(?:thousands|duizenden)\b|\(\s*(?:k|k€|€k|k\$|\$k|keur|k\s*eur|kusd|[€$]?\s*'?000)\s*\)|"
    r"[x×]\s*€?\s*1[.,]?000\b|\bk€|€k\b|\bkeur\b"
)


@dataclass(frozen=True)
class WideLayout:
    """How a wide target sheet is laid out: which columns are what, and the amounts' unit."""

    identifiers: tuple[str, ...]
    periods: tuple[tuple[str, str], ...]  # (column, period label '2025-01' / '2025-Q1'),
    # or the label's end ('-01' / '-Q1') after each row's year when a column gives the year
    grain: str  # "month" or "quarter"
    totals: tuple[str, ...]
    factor: int  # 1, 1000 or 1000000
    marker: str  # the words that said the unit ('' when amounts are as written)
    year: int | None  # the year taken from the sheet name or title, when headers lack it
    year_source: str
    year_column: str | None  # the column giving each row's year, when headers lack it
    header_row: int | None  # the row holding the headers when it was read as data


def unpivot_wide_targets(sheet: RawSheet, saved_mapping: str | None = None) -> RawSheet:
    """Return the sheet in long form when it is a wide target sheet, else the sheet as it is.

    A saved mapping that fits the long form keeps it; one that fits only the sheet as it is
    (the user chose what the wide sheet is) keeps the sheet. Without one, the long form is
    kept only when the mapping recognises it as targets.
    """
    long = unpivot(sheet)
    if long is None:
        return sheet
    name = sheet.sheet or sheet.file
    if saved_mapping and is_saved_mapping(saved_mapping):
        if apply_saved(saved_mapping, long.key, name, long.frame) is not None:
            return long
        if apply_saved(saved_mapping, sheet.key, name, sheet.frame) is not None:
            return sheet
    return long if guess_mapping(long.key, name, long.frame).table == S.TARGETS else sheet


def unpivot(sheet: RawSheet) -> RawSheet | None:
    """Return the long form of a wide target sheet (same file, sheet and key), or None."""
    found = wide_layout(sheet)
    if found is None:
        return None
    layout, frame = found
    years = None
    if layout.year_column is not None:  # rows without a year are set aside whole, below
        years = row_years(frame[layout.year_column])
        no_year = frame[years.isna()]
        frame = frame[years.notna()]
        years = years[years.notna()].astype(int).astype(str)
    pieces = []
    for position, (column, label) in enumerate(layout.periods):
        values, failed = _numbers(frame[column])
        part = frame[list(layout.identifiers)].copy()
        part[PERIOD_COLUMN] = label if years is None else years + label
        part[TARGET_COLUMN] = values * layout.factor
        part["_failed"] = failed
        part["_raw"] = frame[column].astype(object)
        part["_position"] = position
        pieces.append(part)
    both = pd.concat(pieces).sort_index(kind="stable")  # each row's periods in order
    blank = both[TARGET_COLUMN].isna() & ~both["_failed"]
    bad = both[both["_failed"]]
    aside = bad[list(layout.identifiers)].copy()
    aside[PERIOD_COLUMN] = bad[PERIOD_COLUMN]
    aside[TARGET_COLUMN] = bad["_raw"]
    what = field_name(S.TARGETS, S.TARGET)
    aside[REASON_COLUMN] = [message("reason.unreadable", what=what, value=v) for v in bad["_raw"]]
    aside[ROW_COLUMN] = aside.index
    if layout.year_column is not None and len(no_year):
        aside = pd.concat([aside, _without_year(no_year, layout.year_column)])
    kept = both[~blank & ~both["_failed"]]
    long = kept[[*layout.identifiers, PERIOD_COLUMN, TARGET_COLUMN]].copy()
    long[PERIOD_COLUMN] = long[PERIOD_COLUMN].astype("string")
    long[TARGET_COLUMN] = long[TARGET_COLUMN].astype(float)
    set_aside = [a for a in (sheet.set_aside, aside.reset_index(drop=True)) if len(a)]
    labels = sorted(set(both[PERIOD_COLUMN])) if years is not None else None
    return replace(
        sheet,
        frame=long,
        set_aside=pd.concat(set_aside, ignore_index=True) if set_aside else sheet.set_aside,
        notes=[*sheet.notes, *_notes(layout, int(blank.sum()), labels)],
    )


def _without_year(rows: pd.DataFrame, column: str) -> pd.DataFrame:
    """The rows whose year cell is blank, set aside whole with their reason."""
    out = rows.astype(object).copy()
    out[REASON_COLUMN] = message("reason.no_year", column=column)
    out[ROW_COLUMN] = out.index
    return out


def wide_layout(sheet: RawSheet) -> tuple[WideLayout, pd.DataFrame] | None:
    """Return the layout of a wide target sheet and its data rows, or None when it is not one.

    The headers are the sheet's column names, or its first row when the reader took a
    title line for the header (Excel date cells as headers make the header row look like
    data).
    """
    names = [str(c) for c in sheet.frame.columns]
    layout = _layout(sheet, names, sheet.frame, [])
    if layout is not None or sheet.frame.empty:
        return (layout, sheet.frame) if layout else None
    title = [n for n in names if not re.fullmatch(r"Column \d+", n)]
    if len(title) > 2 or len(title) > len(names) / 2:
        return None  # the sheet has real headers, not a title read as one
    first = sheet.frame.iloc[0]
    below = sheet.frame.iloc[1:]
    headers = [_cell_text(v) or f"Column {i + 1}" for i, v in enumerate(first)]
    if len(set(headers)) < len(headers):
        return None
    renamed = below.set_axis(headers, axis=1)
    layout = _layout(sheet, headers, renamed, title)
    if layout is None:
        return None
    return replace(layout, header_row=int(sheet.frame.index[0])), renamed


def _layout(
    sheet: RawSheet, names: list[str], frame: pd.DataFrame, title: list[str]
) -> WideLayout | None:
    """The layout read from these headers over these rows, or None when they are not wide."""
    kinds = {name: header_kind(name) for name in names}
    periods = {n: k for n, k in kinds.items() if k is not None and k != TOTAL}
    if len(periods) < MIN_PERIODS:
        return None
    periods = dates_as_periods(periods)
    grain = "month" if any(k.grain == "month" for k in periods.values()) else "quarter"
    chosen = {n: k for n, k in periods.items() if k.grain == grain}
    if len(chosen) < MIN_PERIODS:
        return None
    yearless = all(k.kind == "yearless" for k in chosen.values())
    year_column = next((n for n in names if yearless and is_year_column(n, frame[n])), None)
    totals = [n for n in names if kinds[n] == TOTAL and n != year_column]
    totals += [n for n in periods if n not in chosen]  # quarters beside months add them up
    others = [n for n in names if n not in chosen and n not in totals and n != year_column]
    context = [sheet.sheet, *title, *others, *totals]
    if _GENERIC_SHEET.match(normalize_header(sheet.sheet)):
        context.append(sheet.file)
    if not _hinted([*context, *chosen]):
        return None
    year, source = named_year(context) if year_column is None else (2000, "")
    labels = period_labels(chosen, grain, year)
    if labels is not None and year_column is not None:
        labels = [label[4:] for label in labels]  # '-01': each row's year goes in front
    if labels is None or len(others) > MAX_IDENTIFIERS:
        return None
    if not all(_identifier(frame[n], n) for n in others):
        return None
    if {normalize_header(n) for n in others} & {"period", "target"}:
        return None
    if not _mostly_numbers(frame[list(chosen)]):
        return None
    factor, marker = _unit([sheet.sheet, sheet.file, *title, *names])
    uses_year = yearless and year_column is None
    return WideLayout(
        identifiers=tuple(others),
        periods=tuple(zip(chosen, labels, strict=True)),
        grain=grain,
        totals=tuple(totals),
        factor=factor,
        marker=marker,
        year=year if uses_year else None,
        year_source=source if uses_year else "",
        year_column=year_column,
        header_row=None,
    )


def stated_unit(sheet: RawSheet, header: str) -> tuple[int, str]:
    """The factor a target sheet's name, file name or target header says its amounts are in
    (1 when they say nothing), and the words that say so."""
    return _unit([sheet.sheet, sheet.file, header])


def unpivoted_unit(sheet: RawSheet) -> str:
    """How an unpivoted sheet's unit was taken: 'stated', 'as_written', or '' if not unpivoted."""
    if message("note.wide_targets.as_written") in sheet.notes:
        return "as_written"
    stated = {f"upload.note.wide_targets.{key}" for key in ("thousands", "millions")}
    if any(note.key in stated for note in sheet.notes):
        return "stated"
    return ""


def _cell_text(value: object) -> str:
    """A header cell read as data, as text ('2019' for the number 2019.0, '' for a blank)."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _hinted(texts: list[str]) -> bool:
    """Whether a word for targets appears in the sheet name, title, headers or file name."""
    return any(
        re.search(rf"\b{hint}", normalize_header(text))
        for text in texts
        for hint in SHEET_HINTS[S.TARGETS]
    )


def _identifier(values: pd.Series, name: str) -> bool:
    """Whether a column names who the targets are for: text, or numbers under an id header."""
    filled = values.dropna()
    if pd.api.types.is_numeric_dtype(values):
        return bool(_ID_HEADER.search(normalize_header(name)))
    if filled.empty:
        return True
    readable = ~parse_numbers(filled.astype(str)).failed
    return bool(readable.mean() < 0.5) or bool(_ID_HEADER.search(normalize_header(name)))


def _numbers(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The amounts of a period column (NaN where blank or not a number) and where not one."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return values.astype(float), pd.Series(False, index=values.index)
    parsed = parse_amounts(values.astype(object))
    return parsed.values, parsed.failed


def _mostly_numbers(cells: pd.DataFrame) -> bool:
    """Whether the period columns hold numbers: most filled cells, and at least one."""
    filled = read = 0
    for column in cells.columns:
        values, failed = _numbers(cells[column])
        read += int(values.notna().sum())
        filled += int(values.notna().sum() + failed.sum())
    return read > 0 and read >= MIN_NUMBER_SHARE * filled


def _unit(texts: list[str]) -> tuple[int, str]:
    """The factor the amounts are written in (1, 1000 or 1000000) and the words that say so."""
    for factor, pattern in ((1_000_000, _MILLIONS), (1000, _THOUSANDS)):
        for text in texts:
            if m := pattern.search(str(text).lower()):
                return factor, m[0].strip()
    return 1, ""


def _notes(layout: WideLayout, blanks: int, labels: list[str] | None = None) -> list[Say]:
    """The notes saying how the sheet was unpivoted and which unit was assumed.

    `labels` are the periods of all rows when each row's year comes from a column.
    """
    labels = labels or [label for _, label in layout.periods]
    key = "months" if layout.grain == "month" else "quarters"
    notes = [message(f"note.wide_targets.{key}", n=len(labels), first=labels[0], last=labels[-1])]
    if layout.header_row is not None:
        notes.append(message("note.wide_targets.header_row", row=layout.header_row))
    if layout.year is not None:
        notes.append(message("note.wide_targets.year", year=layout.year, source=layout.year_source))
    if layout.year_column is not None:
        notes.append(message("note.wide_targets.year_column", column=layout.year_column))
    if layout.factor == 1:
        notes.append(message("note.wide_targets.as_written"))
    else:
        key = "thousands" if layout.factor == 1000 else "millions"
        notes.append(message(f"note.wide_targets.{key}", marker=layout.marker))
    if layout.totals:
        columns = ", ".join(f"'{c}'" for c in layout.totals)
        notes.append(message("note.wide_targets.totals", columns=columns))
    if blanks:
        notes.append(message("note.wide_targets.blanks", n=blanks))
    return notes
