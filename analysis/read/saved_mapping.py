"""A mapping saved from the app as JSON, and applied to next month's export of the same CRM.

The file names each sheet's table and which column is which field; a sheet of a later export
takes the saved entry with the same sheet name or the most shared headers. A saved mapping wins
over every guess of `mapping.py`.
"""

from __future__ import annotations

import json

import pandas as pd

from analysis.model import schema as S
from analysis.read.mapping import ColumnMatch, SheetMapping
from analysis.read.notes import SAVED_MAPPING, message

MAPPING_VERSION = 1


def mappings_to_json(mappings: list[SheetMapping], sheet_names: dict[str, str]) -> str:
    """Return the mappings as a JSON document that can be applied to a later export."""
    sheets = []
    for m in mappings:
        sheets.append(
            {
                "sheet": sheet_names.get(m.key, ""),
                "file": m.key.split("::", 1)[0],
                "table": m.table,
                "columns": {c.column: c.field for c in m.columns if c.field},
            }
        )
    return json.dumps({"salescope_mapping": MAPPING_VERSION, "sheets": sheets}, indent=2)


NOT_A_MAPPING = "This is not a Salescope mapping file."


def _entries(saved_json: str) -> list[dict] | None:
    """Return the sheets of a saved mapping, or None when the text is not one."""
    try:
        doc = json.loads(saved_json)
    except ValueError:
        return None
    entries = doc.get("sheets") if isinstance(doc, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        return None
    if not all(isinstance(e.get("columns", {}), dict) for e in entries):
        return None
    return entries


def is_saved_mapping(saved_json: str) -> bool:
    """Return True when the text is a mapping saved from Salescope (JSON with its sheets)."""
    return _entries(saved_json) is not None


def apply_saved(
    saved_json: str, key: str, sheet_name: str, frame: pd.DataFrame
) -> SheetMapping | None:
    """Return the saved mapping that fits this sheet (same sheet name or most shared headers)."""
    entries = _entries(saved_json)
    if entries is None:
        raise ValueError(NOT_A_MAPPING)
    headers = {str(c) for c in frame.columns}
    best, best_overlap = None, 0.0
    for entry in entries:
        cols = set(entry.get("columns", {}))
        if not cols and entry.get("table") != S.IGNORE:
            continue
        overlap = len(cols & headers) / max(1, len(cols))
        if entry.get("sheet", "") == sheet_name:
            overlap += 0.25
        if overlap > best_overlap:
            best, best_overlap = entry, overlap
    if best is None or best_overlap < 0.5 or best.get("table") not in S.TABLE_CHOICES:
        return None
    fields = S.TABLES[best["table"]].field_names if best["table"] in S.TABLES else ()
    chosen = {c: f for c, f in best.get("columns", {}).items() if c in headers and f in fields}
    columns = tuple(
        ColumnMatch(
            str(c),
            chosen.get(str(c)),
            1.0 if str(c) in chosen else 0.0,
            "saved mapping" if str(c) in chosen else "—",
        )
        for c in frame.columns
    )
    return SheetMapping(key, best["table"], 1.0, columns, reason=message(f"note.{SAVED_MAPPING}"))
