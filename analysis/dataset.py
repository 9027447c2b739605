"""From raw sheets and their mappings to clean canonical tables plus a set-aside table.

Every row read ends up either in a canonical table or in the set-aside table with its
reason (rows read = rows used + rows set aside, per sheet). Value formats are decided
per column (see `amounts.py` and `dates.py`); what was decided or guessed is written into the notes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis import schema as S
from analysis.amounts import parse_amounts, parse_numbers
from analysis.dates import parse_dates
from analysis.ingest import REASON_COLUMN, ROW_COLUMN, RawSheet
from analysis.joins import attach_people
from analysis.mapping import SheetMapping
from analysis.periods import parse_periods
from analysis.stages import parse_bools, parse_status, status_from_flags

SET_ASIDE_FRONT = ["File", "Sheet", "Row", "Table", "Reason"]
PERIOD_END = "period_end"
PERIOD_GRAIN = "period_grain"
BULK_EARLY_SHARE = 0.2
BULK_DAY_SHARE = 0.5
LINE_CONSISTENCY = 0.9


@dataclass
class SheetReport:
    """What happened to one sheet: its table, rows read/used/set aside, reasons and notes."""

    file: str
    sheet: str
    table: str
    rows_read: int
    rows_used: int
    rows_set_aside: int
    reasons: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class Dataset:
    """The canonical tables of an upload, the rows set aside and the quality report."""

    tables: dict[str, pd.DataFrame]
    set_aside: pd.DataFrame
    reports: list[SheetReport]
    notes: list[str]

    @property
    def rows_read(self) -> int:
        """Return the rows read from all sheets that were used."""
        return sum(r.rows_read for r in self.reports if r.table != S.IGNORE)

    @property
    def rows_set_aside(self) -> int:
        """Return the rows set aside over all used sheets."""
        return sum(r.rows_set_aside for r in self.reports if r.table != S.IGNORE)

    def date_range(self) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        """Return the first and last close date of the deals, or None without deals."""
        deals = self.tables.get(S.DEALS)
        if deals is None:
            return None
        closed = deals.loc[deals[S.STATUS] != "open", S.CLOSE_DATE].dropna()
        if closed.empty:
            return None
        return closed.min(), closed.max()


class _Rows:
    """Collects the first reason each row is set aside for."""

    def __init__(self, index: pd.Index) -> None:
        self.index = index
        self._reason = np.full(len(index), None, dtype=object)
        self._flagged = np.zeros(len(index), dtype=bool)

    def flag(
        self, mask: pd.Series | np.ndarray, reason: str | Callable[[np.ndarray], object]
    ) -> None:
        """Give rows in `mask` that have no reason yet this one (text, or made per row)."""
        hit = np.asarray(pd.Series(mask, index=self.index).fillna(False), dtype=bool)
        new = hit & ~self._flagged
        if not new.any():
            return
        self._reason[new] = reason(new) if callable(reason) else reason
        self._flagged |= new

    @property
    def aside(self) -> np.ndarray:
        """Return a boolean array: True for rows set aside."""
        return self._flagged

    @property
    def reason(self) -> pd.Series:
        """Return the reason per row (None for rows kept)."""
        return pd.Series(self._reason, index=self.index)


def _quoted(raw: pd.Series, what: str) -> Callable[[np.ndarray], object]:
    """Return a maker of "<what> '<value>' could not be read" for the rows it is given."""

    def make(rows: np.ndarray) -> object:
        shown = raw[rows].astype(str).str.slice(0, 40)
        return (what + " '" + shown + "' could not be read").to_numpy(dtype=object)

    return make


def _parse_sheet(
    sheet: RawSheet, mapping: SheetMapping
) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    table = S.TABLES[mapping.table]
    raw = sheet.frame
    out = pd.DataFrame(index=raw.index)
    rows = _Rows(raw.index)
    notes: list[str] = []
    cols = mapping.field_to_column()
    day_first = _day_first_of_sheet(
        raw, [c for f, c in cols.items() if table.field(f).kind == "date"]
    )
    grouped = False
    for name, column in cols.items():
        kind = table.field(name).kind
        values = raw[column]
        label = table.field(name).label.lower()
        if kind == "text":
            out[name] = values.astype("string")  # already stripped when read
            if name in (S.REP, S.TEAM, S.REGION):
                out[name], merged = _unify_spellings(out[name])
                if merged:
                    notes.append(
                        f"{column}: {merged} spelling(s) that differ only in capitals or spaces "
                        "were counted as the same name (e.g. 'anna  de vries' = 'Anna de Vries')."
                    )
            if name in (S.REP, S.TEAM, S.REGION) and _grouped_report_column(out[name]):
                grouped = True
                out[name] = out[name].ffill()
                notes.append(
                    f"{column}: the report shows each {label} once above its rows; "
                    "it was filled down to every row of the group."
                )
        elif kind in ("amount", "number"):
            parsed = parse_amounts(values) if kind == "amount" else parse_numbers(values)
            out[name] = parsed.values
            rows.flag(parsed.failed, _quoted(values, label))
            notes += [f"{column}: {n}" for n in parsed.notes]
            if kind == "amount" and len(parsed.currencies) > 1 and S.CURRENCY not in cols:
                out[S.CURRENCY] = parsed.per_row_currency
        elif kind == "date":
            parsed = parse_dates(values, prefer_day_first=day_first)
            out[name] = parsed.values
            rows.flag(parsed.failed, _quoted(values, label))
            notes += [f"{column}: {n}" for n in parsed.notes]
        elif kind == "bool":
            parsed_bool, failed = parse_bools(values)
            out[name] = parsed_bool
            rows.flag(failed, _quoted(values, label))
        elif kind == "status":
            if values.isna().any() and (grouped or _grouped_report_column(values)):
                values = values.ffill()  # a report grouped by stage shows each stage once
                notes.append(f"{column}: filled down within the report's groups.")
            parsed = parse_status(values)
            out[name] = parsed.values
            out[name + "_raw"] = values.astype("string")
            notes += [f"{column}: {n}" for n in parsed.notes]
        elif kind == "period":
            periods = parse_periods(values)
            out[name] = periods.start
            out[PERIOD_END] = periods.end
            out[PERIOD_GRAIN] = periods.grain
            rows.flag(periods.failed, _quoted(values, label))
    if mapping.table == S.DEALS:
        notes += _deal_outcome(out, cols)
        if S.LOST_DATE in out:
            lost = out[S.STATUS] == "lost"
            out.loc[lost, S.CLOSE_DATE] = out.loc[lost, S.CLOSE_DATE].fillna(
                out.loc[lost, S.LOST_DATE]
            )
            out.pop(S.LOST_DATE)
        closed = out[S.STATUS] != "open"
        rows.flag(closed & out[S.CLOSE_DATE].isna(), "missing close date")
        rows.flag((out[S.STATUS] == "won") & out[S.AMOUNT].isna(), "missing amount")
    else:
        for name in table.required:
            if name in out:
                rows.flag(out[name].isna(), f"missing {table.field(name).label.lower()}")
    notes += _table_rules(mapping.table, out, rows, cols)
    out[S.SOURCE_FILE] = sheet.file
    out[S.SOURCE_SHEET] = sheet.sheet
    out[S.SOURCE_ROW] = raw.index
    aside = raw[rows.aside].copy()
    aside[REASON_COLUMN] = rows.reason[rows.aside].to_numpy()
    aside[ROW_COLUMN] = aside.index
    return out[~rows.aside].reset_index(drop=True), aside.reset_index(drop=True), notes


def _unify_spellings(names: pd.Series) -> tuple[pd.Series, int]:
    """Return names with case/space variants replaced by their most common spelling."""
    codes, uniques = pd.factorize(names)
    if len(uniques) < 2:
        return names, 0
    spelled = pd.Series(uniques, dtype=object).astype(str)
    keys = spelled.str.casefold().str.split().str.join(" ")
    if keys.is_unique:
        return names, 0
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
    best = (
        pd.DataFrame({"key": keys, "name": spelled, "n": counts})
        .sort_values("n", ascending=False, kind="stable")
        .drop_duplicates("key")
        .set_index("key")["name"]
    )
    canonical = keys.map(best).to_numpy(dtype=object)
    merged = int((canonical != spelled.to_numpy(dtype=object)).sum())
    out = pd.Series(canonical[codes], index=names.index, dtype="string").where(codes >= 0)
    return out, merged


def _day_first_of_sheet(raw: pd.DataFrame, columns: list[str]) -> bool | None:
    """Return the day-first reading that the sheet's decided date columns agree on, if any."""
    votes = set()
    for column in columns:
        parsed = parse_dates(raw[column].head(5000))
        if parsed.day_first is not None and not parsed.ambiguous:
            votes.add(parsed.day_first)
    return votes.pop() if len(votes) == 1 else None


def _grouped_report_column(values: pd.Series) -> bool:
    """Return True for a grouping column of a formatted report: each name once, blanks below."""
    filled = values.dropna()
    blanks = values.isna()
    return (
        len(filled) >= 1
        and bool(blanks.any())
        and pd.notna(values.iloc[0])
        and filled.is_unique
        and blanks.mean() >= 0.3
    )


def _table_rules(table: str, out: pd.DataFrame, rows: _Rows, cols: dict[str, str]) -> list[str]:
    notes: list[str] = []
    if table == S.DEALS:
        rows.flag(out[S.AMOUNT] < 0, "negative amount")
        if S.CREATED_DATE in out:
            notes += _close_before_created(out, rows)
        if S.REP in out:
            rows.flag(out[S.REP].isna(), "missing sales rep")
        notes += _one_currency(out, rows)
    elif table == S.ACTIVITIES:
        if S.TYPE not in out:
            out[S.TYPE] = "Activity"
            notes.append(
                "No activity-type column: every row counts as one activity of unknown type."
            )
        out[S.TYPE] = out[S.TYPE].fillna("Other")
    elif table == S.LEADS and S.FIRST_RESPONSE_AT in out:
        early = out[S.FIRST_RESPONSE_AT] < out[S.CREATED_AT]
        if early.any():
            out.loc[early, S.FIRST_RESPONSE_AT] = pd.NaT
            notes.append(
                f"{int(early.sum())} lead(s) have a first response before they were created; "
                "their response time is left out (the leads themselves are kept)."
            )
    elif table in (S.TARGETS, S.MARKET):
        value = S.TARGET if table == S.TARGETS else S.MARKET_REVENUE
        if table == S.TARGETS and not ({S.REP, S.TEAM} & set(out)):
            notes.append(
                "Targets have no rep or team column: they are read as targets for the whole "
                "company (targets of the same period are added up)."
            )
        rows.flag(out[value] < 0, f"negative {value.replace('_', ' ')}")
    elif table in (S.CUSTOMER_FEEDBACK, S.EMPLOYEE_SURVEY):
        rows.flag((out[S.SCORE] < 0) | (out[S.SCORE] > 10), "score outside 0–10")
    return notes


def _deal_outcome(out: pd.DataFrame, cols: dict[str, str]) -> list[str]:
    """Fill the won / lost / open column from status, then stage, then flags or probability."""
    outcome = pd.Series(None, index=out.index, dtype=object)
    for source in (S.STATUS, S.STAGE):
        if source in out:
            outcome = outcome.where(
                outcome.notna() & (outcome != "open"), out[source].fillna(outcome)
            )
    flags = [f for f in (S.IS_WON, S.IS_CLOSED) if f in out] or (
        [S.PROBABILITY] if S.PROBABILITY in out and outcome.isna().all() else []
    )
    if flags:
        from_flags = status_from_flags(
            out.get(S.IS_WON),
            out.get(S.IS_CLOSED),
            out.get(S.PROBABILITY) if S.PROBABILITY in flags else None,
        )
        outcome = outcome.where(outcome.notna(), from_flags)
    notes = []
    if not ({S.STATUS, S.STAGE, S.IS_WON, S.IS_CLOSED, S.PROBABILITY} & set(cols)):
        outcome = outcome.fillna("won")
        notes.append(
            "No stage or status column: every row counts as a won sale (order data). "
            "Win rate cannot be computed from this sheet."
        )
    out[S.STATUS] = outcome.fillna("open")
    if S.STAGE in out:
        out[S.STAGE] = out.pop(S.STAGE + "_raw")
    if S.STATUS + "_raw" in out:
        out.pop(S.STATUS + "_raw")
    return notes


def _close_before_created(out: pd.DataFrame, rows: _Rows) -> list[str]:
    """Set aside deals closed before they were created, unless created dates are import dates."""
    early = (out[S.CLOSE_DATE] < out[S.CREATED_DATE]).fillna(False)
    if not early.any():
        return []
    share = early.mean()
    top_day_share = out[S.CREATED_DATE].dt.normalize().value_counts(normalize=True).iloc[0]
    if share > BULK_EARLY_SHARE and top_day_share > BULK_DAY_SHARE:
        out.loc[early, S.CREATED_DATE] = pd.NaT
        return [
            f"{int(early.sum())} deal(s) closed before their created date, and most deals were "
            "created on the same day: the created date looks like the date of a data import. "
            "For these deals the cycle time is left out; the deals themselves are kept."
        ]
    rows.flag(early, "close date before created date")
    return []


def _one_currency(out: pd.DataFrame, rows: _Rows) -> list[str]:
    if S.CURRENCY not in out:
        return []
    currency = out[S.CURRENCY].astype("string").str.upper().str.strip()
    counts = currency[~rows.aside].value_counts()
    if len(counts) <= 1:
        return []
    main = str(counts.index[0])
    other = currency.notna() & (currency != main)
    text = "amount in " + currency.fillna("") + f", most deals are in {main}: not added up"
    rows.flag(other, lambda hit: text[hit].to_numpy(dtype=object))
    return [
        f"Amounts come in {len(counts)} currencies ({', '.join(map(str, counts.index))}). "
        f"Only {main} deals are used; {int(other.sum())} deal(s) in other currencies are set "
        "aside rather than added up without an exchange rate."
    ]


def _dedupe_deals(deals: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Return (deals, duplicates set aside, notes); order lines sharing an id are combined."""
    if S.DEAL_ID not in deals or deals[S.DEAL_ID].isna().all():
        return deals, deals.iloc[0:0], []
    has_id = deals[S.DEAL_ID].notna()
    dup = has_id & deals.duplicated(S.DEAL_ID, keep="first")
    if not dup.any():
        return deals, deals.iloc[0:0], []
    if _look_like_order_lines(deals, dup):
        lines = deals[has_id]
        agg = {c: "first" for c in lines.columns if c != S.DEAL_ID}
        agg[S.AMOUNT] = "sum"
        combined = lines.groupby(S.DEAL_ID, sort=False, as_index=False).agg(agg)
        combined = pd.concat([combined, deals[~has_id]], ignore_index=True)
        note = (
            f"{len(lines):,} rows share {combined[S.DEAL_ID].nunique():,} deal/order IDs: they "
            "look like order lines, so the lines of each ID were combined into one deal "
            "(amounts added up)."
        )
        return combined[deals.columns], deals.iloc[0:0], [note]
    return deals[~dup], deals[dup], []


def _look_like_order_lines(deals: pd.DataFrame, dup: pd.Series) -> bool:
    """Return True when rows sharing an id agree on rep, date and account but not on all."""
    ids = deals.loc[dup, S.DEAL_ID].unique()
    group = deals[deals[S.DEAL_ID].isin(ids)]
    keys = [c for c in (S.REP, S.CLOSE_DATE, S.ACCOUNT) if c in deals]
    consistent = group.groupby(S.DEAL_ID)[keys].nunique(dropna=False).le(1).all(axis=1)
    content = [c for c in deals.columns if not c.startswith("_")]
    identical = group.duplicated(subset=content, keep="first")
    return bool(consistent.mean() >= LINE_CONSISTENCY) and not bool(identical[dup].all())


def build_dataset(sheets: list[RawSheet], mappings: dict[str, SheetMapping]) -> Dataset:
    """Return the canonical tables, set-aside rows and quality report of an upload."""
    parts: dict[str, list[pd.DataFrame]] = {}
    asides: list[pd.DataFrame] = []
    reports: list[SheetReport] = []
    notes: list[str] = []
    for sheet in sheets:
        mapping = mappings[sheet.key]
        reading_aside = _label_aside(sheet.set_aside, sheet, mapping.table)
        if mapping.table == S.IGNORE:
            reports.append(
                SheetReport(
                    sheet.file,
                    sheet.sheet,
                    S.IGNORE,
                    sheet.rows_read,
                    0,
                    0,
                    notes=[*sheet.notes, mapping.reason or "Not used."],
                )
            )
            continue
        missing = mapping.missing_required()
        if missing:
            reason = "the sheet has no column for " + ", ".join(missing)
            aside = sheet.frame.copy()
            aside[REASON_COLUMN] = reason
            aside[ROW_COLUMN] = aside.index
            sheet_notes = [f"Nothing used: {reason}."]
            used = sheet.frame.iloc[0:0]
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
        kept, dups, dedupe_notes = _dedupe_deals(tables[S.DEALS])
        notes += dedupe_notes
        tables[S.DEALS] = kept.reset_index(drop=True)
        if len(dups):
            asides.append(_dups_aside(dups, sheets))
            for report in reports:
                n = int(
                    (
                        (dups[S.SOURCE_FILE] == report.file)
                        & (dups[S.SOURCE_SHEET] == report.sheet)
                    ).sum()
                )
                if n and report.table == S.DEALS:
                    report.rows_used -= n
                    report.rows_set_aside += n
                    key = "duplicate deal ID (the first one is kept)"
                    report.reasons[key] = report.reasons.get(key, 0) + n
    notes += attach_people(tables)
    set_aside = (
        pd.concat([a for a in asides if len(a)], ignore_index=True)
        if any(len(a) for a in asides)
        else pd.DataFrame(columns=SET_ASIDE_FRONT)
    )
    return Dataset(tables, set_aside, reports, notes)


def _count(*frames: pd.DataFrame) -> dict[str, int]:
    counts: dict[str, int] = {}
    for frame in frames:
        if len(frame):
            for reason, n in frame["Reason"].value_counts().items():
                key = _reason_kind(str(reason))
                counts[key] = counts.get(key, 0) + int(n)
    return counts


def _reason_kind(reason: str) -> str:
    """Return a reason without the quoted value, so that reasons can be counted."""
    return reason.split(" '", 1)[0] + (
        " could not be read" if "could not be read" in reason else ""
    )


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
        original[REASON_COLUMN] = "duplicate deal ID (the first one is kept)"
        original[ROW_COLUMN] = original.index
        frames.append(_label_aside(original, sheet, S.DEALS))
    return pd.concat(frames, ignore_index=True)
