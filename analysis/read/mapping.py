"""Recognising what a sheet is: which canonical table, and which column is which field.

Headers are matched against synonyms (English, Dutch, Salesforce API names, HubSpot and
Pipedrive export headers), then fuzzily; every match carries a confidence and a sample
of the values is checked so that a column called "Date" holding text is not a date.
The result is a `SheetMapping` the user can change, and save as JSON for next month
(`saved_mapping.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pandas as pd
from rapidfuzz import fuzz, process

from analysis.model import schema as S
from analysis.read.amounts import parse_amounts, parse_numbers
from analysis.read.dates import parse_dates
from analysis.read.notes import SET_BY_YOU, field_name, message, table_name
from analysis.read.period_labels import parse_periods
from analysis.read.profiles import ColumnProfile, profiles
from analysis.read.stages import parse_bools, parse_status
from analysis.read.synonyms import NOT_PEOPLE_HINTS, SHEET_HINTS, SYNONYMS
from analysis.read.value_mapping import (
    VALUES_CONFIDENCE,
    WORDS_CONFIDENCE,
    fill_by_values,
    word_field_match,
    words_confidence,
)
from analysis.words.message import Say, joined

FUZZY_MIN = 86
CONTAINS_CONFIDENCE = 0.8
MIN_PARSE_SHARE = 0.6
MIN_STATUS_SHARE = 0.2
MIN_REQUIRED_CONFIDENCE = 0.8
# A required field found by a header word or by its values is enough, with a lower confidence.
_WEAK_HOWS = ("words", "values")
SAMPLE_SIZE = 300


@dataclass(frozen=True)
class ColumnMatch:
    """One column of a sheet and the canonical field it was mapped to (None = not used)."""

    column: str
    field: str | None
    confidence: float
    how: str  # "name", "similar name", "contains", "words", "values", "user", "saved mapping", "—"
    why: tuple[str | float, ...] = ()  # for "values": a code and its numbers (value_mapping.py)


@dataclass(frozen=True)
class SheetMapping:
    """The table a sheet became and how each of its columns maps to that table's fields."""

    key: str
    table: str
    confidence: float
    columns: tuple[ColumnMatch, ...]
    reason: Say | None = None  # why the sheet is (not) used, shown in the mapping editor

    def field_to_column(self) -> dict[str, str]:
        """Return {canonical field: column} for the mapped columns."""
        return {m.field: m.column for m in self.columns if m.field}

    def missing_required(self) -> list[str]:
        """Return the required fields of the table that no column maps to."""
        if self.table not in S.TABLES:
            return []
        table = S.TABLES[self.table]
        mapped = set(self.field_to_column())
        missing = [f for f in table.required if f not in mapped]
        missing += [" or ".join(g) for g in table.one_of if not mapped.intersection(g)]
        return missing


def normalize_header(header: str) -> str:
    """Return a header lower-cased, with CamelCase split and punctuation turned into spaces."""
    text = str(header).replace("__c", "")
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text)
    text = re.sub(r"[^0-9a-zA-Zàáâäèéêëìíîïòóôöùúûüç%€$£]+", " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()


def _without_brackets(header: str) -> str:
    return normalize_header(re.sub(r"\(.*?\)|\[.*?\]", " ", str(header)))


def _synonyms(table: str, field: str) -> list[str]:
    return SYNONYMS.get((table, field), []) + SYNONYMS.get(("*", field), [])


def _name_match(header: str, table: str, field: str) -> tuple[float, str]:
    """Return (confidence, how) of a header for a field of a table, 0 when it does not match."""
    options = _synonyms(table, field)
    if not options:
        return 0.0, "—"
    forms = {normalize_header(header), _without_brackets(header)} - {""}
    for rank, synonym in enumerate(options):
        if synonym in forms:
            return max(0.9, 1.0 - 0.005 * rank), "name"
    best = 0.0
    for form in forms:
        hit = process.extractOne(form, options, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
        if hit:
            best = max(best, hit[1] / 100 * 0.9)
    for form in forms:
        words = f" {form} "
        if best < CONTAINS_CONFIDENCE and any(" " in s and f" {s} " in words for s in options):
            return CONTAINS_CONFIDENCE, "contains"  # a phrase in a long header beats a near miss
    if best:
        return best, "similar name"
    if any(word_field_match(form, table, field) for form in forms):
        return WORDS_CONFIDENCE, "words"
    return 0.0, "—"


def _values_fit(series: pd.Series, kind: S.Kind) -> bool:
    sample = series.head(SAMPLE_SIZE * 4).dropna().head(SAMPLE_SIZE)
    if sample.empty:
        return True
    if kind == "amount":
        parsed = parse_amounts(sample)
    elif kind == "number":
        parsed = parse_numbers(sample)
    elif kind == "date":
        parsed = parse_dates(sample)
    elif kind == "bool":
        return float(1 - parse_bools(sample)[1].mean()) >= MIN_PARSE_SHARE
    elif kind == "period":
        return float(1 - parse_periods(sample).failed.mean()) >= MIN_PARSE_SHARE
    elif kind == "status":
        status = parse_status(sample)
        unknown = sample.astype(str).str.strip().isin(status.unknown)
        return float(1 - unknown.mean()) >= MIN_STATUS_SHARE
    else:
        return True
    return float(1 - parsed.failed.mean()) >= MIN_PARSE_SHARE


def match_columns(frame: pd.DataFrame, table: str) -> tuple[ColumnMatch, ...]:
    """Return the best one-to-one matching of the frame's columns to the table's fields."""
    spec = S.TABLES[table]
    candidates: list[tuple[float, int, str, str, str]] = []
    for position, column in enumerate(frame.columns):
        for f in spec.fields:
            confidence, how = _name_match(str(column), table, f.name)
            if how == "words":
                confidence = words_confidence(
                    frame[column], table, f.name, normalize_header(column)
                )
            if confidence and _values_fit(frame[column], f.kind):
                candidates.append((confidence, -position, str(column), f.name, how))
    candidates.sort(reverse=True)
    taken_cols: set[str] = set()
    taken_fields: set[str] = set()
    chosen: dict[str, ColumnMatch] = {}
    for confidence, _, column, field, how in candidates:
        if column in taken_cols or field in taken_fields:
            continue
        taken_cols.add(column)
        taken_fields.add(field)
        chosen[column] = ColumnMatch(column, field, round(confidence, 2), how)
    return tuple(chosen.get(str(c), ColumnMatch(str(c), None, 0.0, "—")) for c in frame.columns)


class _Profiles:
    """The profiles of a sheet's columns, read once and only when a table asks for them."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self._read: dict[str, ColumnProfile] | None = None

    def get(self) -> dict[str, ColumnProfile]:
        """Return {column: profile}."""
        if self._read is None:
            self._read = profiles(self.frame)
        return self._read


def _with_values(
    frame: pd.DataFrame,
    table: str,
    matches: tuple[ColumnMatch, ...],
    hinted: bool,
    known: _Profiles,
) -> tuple[ColumnMatch, ...]:
    """Return the matches with the fields no header named filled from the columns' values."""
    spec = S.TABLES[table]
    mapped = {m.field: m.column for m in matches if m.field}
    wanted = [f for f in spec.required if f not in mapped]
    if table == S.DEALS and S.REP not in mapped:
        wanted.append(S.REP)
    if not wanted or table not in (S.DEALS, S.EMPLOYEE_SURVEY, S.LEADS):
        return matches
    fills = {f.column: f for f in fill_by_values(frame, table, mapped, known.get(), hinted)}
    if not fills:
        return matches
    return tuple(
        ColumnMatch(
            m.column, fills[m.column].field, VALUES_CONFIDENCE, "values", fills[m.column].why
        )
        if m.column in fills
        else m
        for m in matches
    )


def _sheet_hint(name: str, table: str) -> bool:
    text = normalize_header(name)
    if table == S.CUSTOMER_FEEDBACK and _sheet_hint(name, S.EMPLOYEE_SURVEY):
        return False  # "Employee NPS", "eNPS": the staff words say whose score it is
    return any(re.search(rf"\b{h}", text) for h in SHEET_HINTS.get(table, ()))


def _not_people(name: str) -> bool:
    text = normalize_header(name)
    return any(re.search(rf"\b{h}", text) for h in NOT_PEOPLE_HINTS)


def _table_score(
    table: str, matches: tuple[ColumnMatch, ...], hinted: bool, sheet_name: str
) -> float:
    spec = S.TABLES[table]
    mapped = {m.field: m.confidence for m in matches if m.field}
    weak = {m.field for m in matches if m.field and m.how in _WEAK_HOWS}
    if any(
        f not in mapped or (mapped[f] < MIN_REQUIRED_CONFIDENCE and f not in weak)
        for f in spec.required
    ):
        return 0.0
    if any(not set(g) & set(mapped) for g in spec.one_of):
        return 0.0
    score = sum(3 * mapped[f] for f in spec.required)
    score += sum(2 * max(mapped.get(f, 0) for f in g) for g in spec.one_of)
    score += sum(c for f, c in mapped.items() if f not in spec.required)
    if table == S.REPS and _not_people(sheet_name):
        return 0.0
    if table == S.ACTIVITIES and S.TYPE not in mapped and not hinted:
        return 0.0  # rep + date alone could be anything; without a type, trust the sheet name
    lead_signs = {S.FIRST_RESPONSE_AT, S.CONVERTED, S.CONVERTED_AT}
    if table == S.LEADS and not hinted and not lead_signs & set(mapped):
        return 0.0  # a created date alone does not make a list of inquiries
    if table == S.STAGE_HISTORY and not hinted:
        return 0.0  # a deal id, a stage and a date also describe a deals sheet: trust the name
    # A people list needs a hint in its name, or reps beside their team/region.
    if table == S.REPS and not hinted and (not {S.TEAM, S.REGION} & set(mapped) or len(mapped) > 4):
        return 0.0
    return score + (4.0 if hinted else 0.0)


Scored = list[tuple[float, str, tuple[ColumnMatch, ...]]]


def _fields(matches: tuple[ColumnMatch, ...]) -> set[str]:
    return {m.field for m in matches if m.field}


def _scored(
    matches: dict[str, tuple[ColumnMatch, ...]], hints: dict[str, bool], sheet_name: str
) -> Scored:
    """Return (score, table, matches) of every table the sheet could be, best first."""
    scored = [
        (score, table, found)
        for table, found in matches.items()
        if (score := _table_score(table, found, hints[table], sheet_name))
    ]
    return sorted(scored, key=lambda t: t[0], reverse=True)


def guess_mapping(key: str, sheet_name: str, frame: pd.DataFrame) -> SheetMapping:
    """Return the most likely table and column mapping for one sheet."""
    hints = {table: _sheet_hint(sheet_name, table) for table in S.TABLES}
    named = {table: match_columns(frame, table) for table in S.TABLES}
    scored = _scored(named, hints, sheet_name)
    if not scored or (scored[0][1] == S.DEALS and S.REP not in _fields(scored[0][2])):
        # The names left the sheet unrecognised, or deals without a rep: ask the values.
        known = _Profiles(frame)
        filled = {t: _with_values(frame, t, m, hints[t], known) for t, m in named.items()}
        scored = _scored(filled, hints, sheet_name)
    if not scored:
        return SheetMapping(
            key,
            S.IGNORE,
            0.0,
            tuple(ColumnMatch(str(c), None, 0.0, "—") for c in frame.columns),
            reason=_why_not(frame),
        )
    history = [s for s in scored if s[1] == S.STAGE_HISTORY]
    if history and scored[0][1] == S.DEALS:
        # A sheet named as a history that also has the deal columns (a versioned copy of the
        # deals, as Fivetran writes OpportunityHistory) is the deals' history, not more deals.
        scored.remove(history[0])
        scored.insert(0, history[0])
    best, table, matches = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    confidence = round(min(1.0, 0.5 + 0.5 * (best - runner_up) / best), 2)
    # A sheet is no surer than its required columns: found by values, the user should check.
    required = [m.confidence for m in matches if m.field in S.TABLES[table].required]
    confidence = min([confidence, *required])
    return SheetMapping(key, table, confidence, matches)


def _why_not(frame: pd.DataFrame) -> Say:
    found = []
    for table in (S.DEALS, S.ACTIVITIES, S.LEADS):
        spec = S.TABLES[table]
        mapped = {m.field for m in match_columns(frame, table) if m.field}
        missing = [field_name(table, f) for f in spec.required if f not in mapped]
        named = table_name(table, lower=True)
        if missing:
            found.append(message("note.lacks", table=named, fields=joined(missing, ", ")))
        else:
            found.append(message("note.could_be", table=named))
    return message("note.why_not", reasons=joined(found, "; "))


def remap(mapping: SheetMapping, frame: pd.DataFrame, table: str) -> SheetMapping:
    """Return the mapping with the sheet's table changed by the user and columns matched anew."""
    if table == S.IGNORE:
        cols = tuple(ColumnMatch(str(c), None, 0.0, "—") for c in frame.columns)
        return replace(
            mapping,
            table=S.IGNORE,
            confidence=1.0,
            columns=cols,
            reason=message(f"note.{SET_BY_YOU}"),
        )
    columns = _with_values(frame, table, match_columns(frame, table), True, _Profiles(frame))
    return replace(mapping, table=table, confidence=1.0, columns=columns)


def set_column(mapping: SheetMapping, column: str, field: str | None) -> SheetMapping:
    """Return the mapping with one column mapped to `field` (by the user); others keep theirs."""
    columns = []
    for m in mapping.columns:
        if m.column == column:
            columns.append(ColumnMatch(column, field, 1.0 if field else 0.0, "user"))
        elif field and m.field == field:
            columns.append(ColumnMatch(m.column, None, 0.0, "—"))
        else:
            columns.append(m)
    return replace(mapping, columns=tuple(columns))
