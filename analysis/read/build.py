"""Building the dataset of an upload from its raw sheets and their mappings.

`build_dataset` parses each raw sheet by its mapping and applies the cleaning rules of
`cleaning.py`. Every row read ends up either in a canonical table or in the set-aside table
with its reason (rows read = rows used + rows set aside, per sheet). Value formats are decided
per column (see `amounts.py` and `dates.py`); what was decided or guessed is written into the notes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.model import schema as S
from analysis.model.dataset import SET_ASIDE_FRONT, Dataset, SheetReport
from analysis.read.amounts import parse_amounts, parse_numbers
from analysis.read.cleaning import (
    Rows,
    day_first_of_sheet,
    deal_outcome,
    dedupe_deals,
    grouped_report_column,
    table_rules,
    unify_spellings,
)
from analysis.read.dates import parse_dates
from analysis.read.joins import attach_people, link_leads
from analysis.read.mapping import SheetMapping
from analysis.read.notes import Name, field_name, field_names, message, table_name
from analysis.read.period_labels import parse_periods
from analysis.read.sheets import REASON_COLUMN, ROW_COLUMN, RawSheet
from analysis.read.stages import parse_bools, parse_status
from analysis.read.target_checks import fit_target_units, unmatched_target_reps
from analysis.words.message import Say

UNREADABLE, OUTSIDE = "reason.unreadable", "reason.date_outside"
# A reason quoting a row's value, and the reason it is counted as in the quality report.
_KINDS = {
    "upload.reason.unreadable": "upload.reason.unreadable_kind",
    "upload.reason.date_outside": "upload.reason.date_outside_kind",
    "upload.reason.no_year": "upload.reason.no_year_kind",
}
PERIOD_END = "period_end"
PERIOD_GRAIN = "period_grain"


def _missing(table: S.Table, name: str) -> Say:
    """The reason 'missing <field label>' of a row that lacks a required field."""
    return message("reason.missing", what=field_name(table.name, name))


def _per_row(key: str, raw: pd.Series, what: Name) -> Callable[[np.ndarray], object]:
    """Return a maker of the reason `key` ("<what> '<value>' could not be read") per row given."""

    def make(rows: np.ndarray) -> object:
        shown = raw[rows].astype(str).str.slice(0, 40)
        said = {value: message(key, what=what, value=value) for value in shown.unique()}
        return shown.map(said).to_numpy(dtype=object)

    return make


def _column_notes(column: str, notes: tuple[Say, ...]) -> list[Say]:
    """The notes of one column's parser, each after the column's name."""
    return [message("note.column", column=column, note=note) for note in notes]


@dataclass(frozen=True)
class _Column:
    """One mapped column of a sheet: the field it feeds, its header and its raw values."""

    name: str  # the canonical field
    kind: str  # the field's kind: text, amount, number, date, bool, status, period
    header: str  # the column's header as found in the sheet
    values: pd.Series
    label: Name  # the field's label, for reasons


def _text_column(out: pd.DataFrame, col: _Column) -> tuple[list[Say], bool]:
    """Read a text column into `out`; say whether a grouped report's names were filled down."""
    notes: list[Say] = []
    grouped = False
    name = col.name
    out[name] = col.values.astype("string")  # already stripped when read
    if name in (S.REP, S.TEAM, S.REGION, S.STAGE):  # a stage history's stage is text
        out[name], merged = unify_spellings(out[name])
        if merged:
            notes.append(message("note.spellings", column=col.header, n=merged))
    if name in (S.REP, S.TEAM, S.REGION) and grouped_report_column(out[name]):
        grouped = True
        out[name] = out[name].ffill()
        notes.append(message("note.filled_down", column=col.header, what=col.label))
    return notes, grouped


def _number_column(out: pd.DataFrame, rows: Rows, col: _Column, has_currency: bool) -> list[Say]:
    """Read an amount or number column into `out`, with the currency its cells show (`€ 17.280,00`
    → EUR) as a currency column when the sheet has none."""
    amount = col.kind == "amount"
    parsed = parse_amounts(col.values) if amount else parse_numbers(col.values)
    out[col.name] = parsed.values
    rows.flag(parsed.failed, _per_row(UNREADABLE, col.values, col.label))
    notes = _column_notes(col.header, parsed.notes)
    if amount and parsed.currencies and not has_currency and S.CURRENCY not in out:
        out[S.CURRENCY] = parsed.per_row_currency
    return notes


def _date_column(out: pd.DataFrame, rows: Rows, col: _Column, day_first: bool | None) -> list[Say]:
    """Read a date column into `out`, flagging dates that are unreadable or out of range."""
    parsed = parse_dates(col.values, prefer_day_first=day_first)
    out[col.name] = parsed.values
    rows.flag(parsed.outside, _per_row(OUTSIDE, col.values, col.label))
    rows.flag(parsed.failed, _per_row(UNREADABLE, col.values, col.label))
    return _column_notes(col.header, parsed.notes)


def _status_column(out: pd.DataFrame, col: _Column, grouped: bool) -> list[Say]:
    """Read a stage/status column into `out` (and its raw text), filled down when grouped."""
    notes: list[Say] = []
    values = col.values
    if values.isna().any() and (grouped or grouped_report_column(values)):
        values = values.ffill()  # a report grouped by stage shows each stage once
        notes.append(message("note.filled_groups", column=col.header))
    parsed = parse_status(values)
    out[col.name] = parsed.values
    out[col.name + "_raw"], merged = unify_spellings(values.astype("string"))
    if merged and col.name == S.STAGE:  # 'Demo' and 'demo' are one step of the funnel
        notes.append(message("note.spellings", column=col.header, n=merged))
    return notes + _column_notes(col.header, parsed.notes)


def _read_columns(
    raw: pd.DataFrame, mapping: SheetMapping, out: pd.DataFrame, rows: Rows
) -> list[Say]:
    """Read every mapped column of a sheet into `out` by its field's kind; return the notes."""
    table = S.TABLES[mapping.table]
    notes: list[Say] = []
    cols = mapping.field_to_column()
    day_first = day_first_of_sheet(
        raw, [c for f, c in cols.items() if table.field(f).kind == "date"]
    )
    grouped = False
    for name, column in cols.items():
        kind = table.field(name).kind
        col = _Column(name, kind, column, raw[column], field_name(mapping.table, name))
        if kind == "text":
            said, filled = _text_column(out, col)
            notes += said
            grouped = grouped or filled
        elif kind in ("amount", "number"):
            notes += _number_column(out, rows, col, S.CURRENCY in cols)
        elif kind == "date":
            notes += _date_column(out, rows, col, day_first)
        elif kind == "bool":
            parsed_bool, failed = parse_bools(col.values)
            out[name] = parsed_bool
            rows.flag(failed, _per_row(UNREADABLE, col.values, col.label))
        elif kind == "status":
            notes += _status_column(out, col, grouped)
        elif kind == "period":
            periods = parse_periods(col.values)
            out[name] = periods.start
            out[PERIOD_END] = periods.end
            out[PERIOD_GRAIN] = periods.grain
            rows.flag(periods.failed, _per_row(UNREADABLE, col.values, col.label))
    return notes


def _required_present(
    table: S.Table, out: pd.DataFrame, rows: Rows, cols: dict[str, str]
) -> list[Say]:
    """Flag rows missing a required field (deals: closed without close date, won without amount)."""
    if table.name != S.DEALS:
        for name in table.required:
            if name in out:
                rows.flag(out[name].isna(), _missing(table, name))
        return []
    notes = deal_outcome(out, cols)
    if S.LOST_DATE in out:
        lost = out[S.STATUS] == "lost"
        out.loc[lost, S.CLOSE_DATE] = out.loc[lost, S.CLOSE_DATE].fillna(out.loc[lost, S.LOST_DATE])
        out.pop(S.LOST_DATE)
    closed = out[S.STATUS] != "open"
    rows.flag(closed & out[S.CLOSE_DATE].isna(), _missing(table, S.CLOSE_DATE))
    rows.flag((out[S.STATUS] == "won") & out[S.AMOUNT].isna(), _missing(table, S.AMOUNT))
    return notes


def _parse_sheet(
    sheet: RawSheet, mapping: SheetMapping
) -> tuple[pd.DataFrame, pd.DataFrame, list[Say]]:
    table = S.TABLES[mapping.table]
    raw = sheet.frame
    out = pd.DataFrame(index=raw.index)
    rows = Rows(raw.index)
    cols = mapping.field_to_column()
    notes = _read_columns(raw, mapping, out, rows)
    notes += _required_present(table, out, rows, cols)
    notes += table_rules(mapping.table, out, rows, cols)
    out[S.SOURCE_FILE] = sheet.file
    out[S.SOURCE_SHEET] = sheet.sheet
    out[S.SOURCE_ROW] = raw.index
    aside = raw[rows.aside].copy()
    aside[REASON_COLUMN] = rows.reason[rows.aside].to_numpy()
    aside[ROW_COLUMN] = aside.index
    return out[~rows.aside].reset_index(drop=True), aside.reset_index(drop=True), notes


def _ignored(sheet: RawSheet, mapping: SheetMapping) -> SheetReport:
    """The quality report of a sheet the user chose not to use."""
    return SheetReport(
        sheet.file,
        sheet.sheet,
        S.IGNORE,
        sheet.rows_read,
        0,
        0,
        notes=[*sheet.notes, mapping.reason or message("note.not_used")],
    )


def _unusable(
    sheet: RawSheet, mapping: SheetMapping, missing: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame, list[Say]]:
    """No rows used, all set aside, for a sheet without a column its table requires."""
    reason = message("reason.no_column", fields=field_names(mapping.table, missing))
    aside = sheet.frame.copy()
    aside[REASON_COLUMN] = reason
    aside[ROW_COLUMN] = aside.index
    return sheet.frame.iloc[0:0], aside, [message("note.nothing_used", reason=reason)]


def _count_duplicates(reports: list[SheetReport], dups: pd.DataFrame) -> None:
    """Move the duplicate deals of each deals sheet's report from used to set aside."""
    for report in reports:
        n = int(
            ((dups[S.SOURCE_FILE] == report.file) & (dups[S.SOURCE_SHEET] == report.sheet)).sum()
        )
        if n and report.table == S.DEALS:
            report.rows_used -= n
            report.rows_set_aside += n
            key = message("reason.duplicate")
            report.reasons[key] = report.reasons.get(key, 0) + n


def _all_aside(asides: list[pd.DataFrame]) -> pd.DataFrame:
    """The set-aside rows of all sheets in one table (with its columns when there are none)."""
    if any(len(a) for a in asides):
        return pd.concat([a for a in asides if len(a)], ignore_index=True)
    return pd.DataFrame(columns=SET_ASIDE_FRONT)


def build_dataset(sheets: list[RawSheet], mappings: dict[str, SheetMapping]) -> Dataset:
    """Return the canonical tables, set-aside rows and quality report of an upload."""
    parts: dict[str, list[pd.DataFrame]] = {}
    asides: list[pd.DataFrame] = []
    reports: list[SheetReport] = []
    notes: list[Say] = []
    for sheet in sheets:
        mapping = mappings[sheet.key]
        reading_aside = _label_aside(sheet.set_aside, sheet, mapping.table)
        if mapping.table == S.IGNORE:
            reports.append(_ignored(sheet, mapping))
            continue
        missing = mapping.missing_required()
        if missing:
            used, aside, sheet_notes = _unusable(sheet, mapping, missing)
        else:
            used, aside, sheet_notes = _parse_sheet(sheet, mapping)
            parts.setdefault(mapping.table, []).append(used)
        labelled = _label_aside(aside, sheet, mapping.table)
        asides += [reading_aside, labelled]
        reports.append(
            SheetReport(
                sheet.file,
                sheet.sheet,
                mapping.table,
                sheet.rows_read,
                len(used),
                len(aside) + len(sheet.set_aside),
                _count(reading_aside, labelled),
                [*sheet.notes, *sheet_notes],
            )
        )
    tables = {name: pd.concat(frames, ignore_index=True) for name, frames in parts.items()}
    if S.DEALS in tables:
        kept, dups, dedupe_notes = dedupe_deals(tables[S.DEALS])
        notes += dedupe_notes
        tables[S.DEALS] = kept.reset_index(drop=True)
        if len(dups):
            asides.append(_dups_aside(dups, sheets))
            _count_duplicates(reports, dups)
    notes += attach_people(tables)
    notes += link_leads(tables)
    fit_target_units(tables, sheets, mappings, {(r.file, r.sheet): r.notes for r in reports})
    notes += unmatched_target_reps(tables)
    notes += _expected_missing(tables)
    return Dataset(tables, _all_aside(asides), reports, notes)


def _expected_missing(tables: dict[str, pd.DataFrame]) -> list[Say]:
    """Return a note per table that works without a field users will miss (deals without reps)."""
    notes: list[Say] = []
    for name, frame in tables.items():
        spec = S.TABLES[name]
        for wanted in spec.expected:
            if wanted not in frame or frame[wanted].isna().all():
                label = field_name(name, wanted)
                notes.append(message("note.no_field", table=table_name(name), what=label))
    return notes


def _count(*frames: pd.DataFrame) -> dict[Say, int]:
    counts: dict[Say, int] = {}
    for frame in frames:
        if len(frame):
            for reason, n in frame["Reason"].value_counts().items():
                key = reason_kind(reason)
                counts[key] = counts.get(key, 0) + int(n)
    return counts


def reason_kind(reason: Say) -> Say:
    """Return a reason without the value it quotes, so that reasons can be counted."""
    kind = _KINDS.get(reason.key)
    if kind is None:
        return reason
    values = dict(reason.values)
    return Say(kind, **{k: v for k, v in values.items() if k in ("what",)})


def _label_aside(frame: pd.DataFrame, sheet: RawSheet, table: str) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=SET_ASIDE_FRONT)
    front = pd.DataFrame(
        {
            "File": sheet.file,
            "Sheet": sheet.sheet,
            "Row": frame[ROW_COLUMN].to_numpy(),
            "Table": S.table_label(table),
            "Reason": frame[REASON_COLUMN].to_numpy(),
        }
    )
    rest = frame.drop(columns=[REASON_COLUMN, ROW_COLUMN]).reset_index(drop=True)
    rest.columns = [c if c not in SET_ASIDE_FRONT else f"{c} (original)" for c in rest.columns]
    return pd.concat([front, rest.astype(object)], axis=1)


def _dups_aside(dups: pd.DataFrame, sheets: list[RawSheet]) -> pd.DataFrame:
    by_key = {(s.file, s.sheet): s for s in sheets}
    frames = []
    for (file, sheet_name), group in dups.groupby([S.SOURCE_FILE, S.SOURCE_SHEET], sort=False):
        sheet = by_key[(file, sheet_name)]
        original = sheet.frame.loc[group[S.SOURCE_ROW].to_numpy()].copy()
        original[REASON_COLUMN] = message("reason.duplicate")
        original[ROW_COLUMN] = original.index
        frames.append(_label_aside(original, sheet, S.DEALS))
    return pd.concat(frames, ignore_index=True)
