"""Joining what an export spreads over several sheets.

Two kinds of join: a table split over two sheets that share a key (order lines + orders,
agents + teams), joined before mapping; and a people list (reps with ids, teams, regions)
attached to every canonical table after mapping, so ids become names and teams appear.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.model import schema as S
from analysis.read.mapping import SheetMapping, guess_mapping, normalize_header
from analysis.read.notes import field_name, message, table_name
from analysis.read.sheets import RawSheet
from analysis.words.message import Say

MIN_KEY_OVERLAP = 0.9
# What two sheets joined may become: sales facts, never a list of people or a lookup.
_JOINED_TABLES = (S.DEALS, S.ACTIVITIES, S.LEADS, S.CUSTOMER_FEEDBACK)
MIN_ID_SHARE = 0.5
# Only id-like columns join two sheets: names and dates are not keys. The id word ends the header
# ("Order ID", "SalesOrderNumber"), or starts it as in Spanish ("IdPedido", "NumeroPedido");
# "Number of employees" is a count, not a key.
_ID_END = r"(?:id|nr|no|number|nummer|numero|número|num|code|codigo|código|key|ref|reference|sku)"
_ID_START = r"(?:id|numero|número|codigo|código|cod|key|ref)"
_KEY_NAME = re.compile(rf"(?:^{_ID_START}\b|\b{_ID_END}$)")


def _merged(sheet: RawSheet, other: RawSheet, left_col: str, right_col: str) -> pd.DataFrame:
    """`sheet`'s rows, in its order and index, with the columns of `other` looked up by key."""
    right = other.frame.drop_duplicates(right_col)
    extra = [c for c in right.columns if c not in sheet.frame.columns or c == right_col]
    merged = (
        sheet.frame.reset_index()
        .merge(
            right[extra],
            how="left",
            left_on=left_col,
            right_on=right_col,
            suffixes=("", f" ({other.sheet or other.file})"),
        )
        .set_index("index")
    )
    merged.index.name = None
    if right_col != left_col and right_col in merged:
        merged = merged.drop(columns=[right_col])
    return merged


def _joined(sheet: RawSheet, other: RawSheet) -> tuple[RawSheet, SheetMapping, Say] | None:
    """`sheet` joined to `other`, its mapping and the note; None unless they make sales facts."""
    key = shared_key(sheet.frame, other.frame)
    if key is None:
        return None
    left_col, right_col = key
    merged = _merged(sheet, other, left_col, right_col)
    label = f"{sheet.label} + {other.label}"
    mapping = guess_mapping(sheet.key, f"{sheet.sheet} {other.sheet}", merged)
    if mapping.table not in _JOINED_TABLES:
        return None  # orders + employees is not a list of people: the orders wait for lines
    unmatched = int((~other.frame[right_col].isin(sheet.frame[left_col])).sum())
    joined = RawSheet(
        sheet.file,
        sheet.sheet,
        merged,
        sheet.set_aside,
        [*sheet.notes, message("note.joined_with", sheet=other.label, column=left_col)],
        sheet.header_row,
    )
    note = message(
        "note.joined_unmatched" if unmatched else "note.joined",
        sheets=label,
        column=left_col,
        table=table_name(mapping.table),
        n=unmatched,
        sheet=other.label,
    )
    return joined, mapping, note


def join_split_sheets(
    sheets: list[RawSheet], mappings: dict[str, SheetMapping]
) -> tuple[list[RawSheet], dict[str, SheetMapping], list[Say]]:
    """Return sheets with unrecognised ones joined to a sheet sharing a unique key column."""
    notes: list[Say] = []
    used_as_lookup: set[str] = set()
    result: list[RawSheet] = []
    new_mappings = dict(mappings)
    for sheet in sheets:
        if mappings[sheet.key].table != S.IGNORE or sheet.key in used_as_lookup or sheet.hidden:
            result.append(sheet)
            continue
        joined = None
        for other in sheets:
            if other is sheet or other.key in used_as_lookup:
                continue
            found = _joined(sheet, other)
            if found is None:
                continue
            joined, new_mappings[sheet.key], note = found
            used_as_lookup.add(other.key)
            notes.append(note)
            break
        result.append(joined or sheet)
    result = [s for s in result if s.key not in used_as_lookup]
    for key in used_as_lookup:
        new_mappings.pop(key, None)
    return result, new_mappings, notes


def shared_key(left: pd.DataFrame, right: pd.DataFrame) -> tuple[str, str] | None:
    """Return (left column, right column) that join two sheets, or None.

    Same header on both sides first ("OrderID" and "OrderID"); else two id columns whose other
    words agree ("NumeroPedido" and "IdPedido") and whose values say so: the right side's ids
    are unique and hold nearly every id of the left side.
    """
    right_names = {normalize_header(c): c for c in right.columns}
    pairs = [
        (column, right_names[normalize_header(column)])
        for column in left.columns
        if normalize_header(column) in right_names and _KEY_NAME.search(normalize_header(column))
    ]
    for column in left.columns:
        said = _key_words(normalize_header(column))
        if said:
            pairs += [
                (column, other)
                for other in right.columns
                if other != column and _key_words(normalize_header(other)) == said
            ]
    for column, match in pairs:
        if _joins(left[column], right[match]):
            return str(column), str(match)
    return None


def _key_words(header: str) -> frozenset[str]:
    """Return what an id column identifies ('numero pedido' -> {'pedido'}); empty: not an id."""
    if not _KEY_NAME.search(header):
        return frozenset()
    return frozenset(w for w in header.split() if not _KEY_NAME.fullmatch(w))


def _joins(left: pd.Series, right: pd.Series) -> bool:
    keys = right.dropna()
    if keys.empty or not keys.is_unique:
        return False
    values = left.dropna()
    if values.empty:
        return False
    return bool(values.astype(str).isin(set(keys.astype(str))).mean() >= MIN_KEY_OVERLAP)


def attach_people(tables: dict[str, pd.DataFrame]) -> list[Say]:
    """Use the reps table to turn rep ids into names and add team/region; return notes."""
    people = tables.get(S.REPS)
    if people is None or people.empty:
        return []
    notes: list[Say] = []
    for name, table in tables.items():
        if name == S.REPS:
            continue
        if S.REP in table and S.REP_ID in people and S.REP in people:
            ids = people.dropna(subset=[S.REP_ID]).drop_duplicates(S.REP_ID)
            lookup = dict(zip(ids[S.REP_ID].astype(str), ids[S.REP], strict=True))
            reps = table[S.REP].astype("string")
            share = reps.dropna().isin(set(lookup)).mean() if reps.notna().any() else 0.0
            if share >= MIN_ID_SHARE:
                table[S.REP] = reps.map(lookup).fillna(reps).astype(object)
                notes.append(message("note.rep_ids", table=table_name(name)))
        if S.REP not in table:
            for key in (S.REGION, S.TEAM):
                if key in table and key in people and S.REP in people:
                    per_key = people.dropna(subset=[key, S.REP]).groupby(key)[S.REP].nunique()
                    if len(per_key) and (per_key == 1).all():
                        lookup = dict(zip(people[key], people[S.REP], strict=False))
                        table[S.REP] = table[key].map(lookup)
                        notes.append(
                            message(
                                "note.rep_from_list",
                                table=table_name(name),
                                field=field_name(name, key, raw=True),
                            )
                        )
                        break
        if S.REP in table and S.REP in people:
            for extra in (S.TEAM, S.REGION):
                if extra in people and (extra not in table or table[extra].isna().all()):
                    lookup = people.dropna(subset=[S.REP]).drop_duplicates(S.REP)
                    mapped = table[S.REP].map(dict(zip(lookup[S.REP], lookup[extra], strict=True)))
                    if mapped.notna().any():
                        table[extra] = mapped
                        notes.append(
                            message(
                                "note.added_from_list",
                                table=table_name(name),
                                field=field_name(name, extra, raw=True),
                            )
                        )
    return notes


def link_leads(tables: dict[str, pd.DataFrame]) -> list[Say]:
    """Use lead ids the deals carry to mark leads converted and give deals their source; notes."""
    leads, deals = tables.get(S.LEADS), tables.get(S.DEALS)
    if leads is None or deals is None or S.LEAD_ID not in leads or S.LEAD_ID not in deals:
        return []
    won_from = set(deals[S.LEAD_ID].dropna().astype(str))
    lead_ids = leads[S.LEAD_ID].astype("string")
    if not won_from or not lead_ids.isin(won_from).any():
        return []
    notes: list[Say] = []
    has_converted = S.CONVERTED in leads and leads[S.CONVERTED].notna().any()
    if not has_converted and not (S.CONVERTED_AT in leads and leads[S.CONVERTED_AT].notna().any()):
        leads[S.CONVERTED] = lead_ids.isin(won_from).astype("boolean")
        notes.append(message("note.leads_converted", n=int(leads[S.CONVERTED].sum())))
    if S.SOURCE in leads and (S.SOURCE not in deals or deals[S.SOURCE].isna().all()):
        known = leads.dropna(subset=[S.LEAD_ID]).drop_duplicates(S.LEAD_ID)
        lookup = dict(zip(known[S.LEAD_ID].astype(str), known[S.SOURCE], strict=True))
        source = deals[S.LEAD_ID].astype("string").map(lookup)
        if source.notna().any():
            deals[S.SOURCE] = source.astype(object)
            notes.append(message("note.deal_source_from_leads"))
    return notes
