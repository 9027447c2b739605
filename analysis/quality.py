"""The data-quality report: per sheet, what was read, used and set aside, and why.

The same report feeds the Upload page, the downloads and the `data_quality` part of the
command line's JSON.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis import schema as S
from analysis.dataset import Dataset
from analysis.upload import Upload


def quality_table(data: Dataset) -> pd.DataFrame:
    """Return one row per sheet: where it went, rows read / used / set aside, main reasons."""
    rows = []
    for r in data.reports:
        reasons = "; ".join(
            f"{n:,} × {reason}" for reason, n in sorted(r.reasons.items(), key=lambda kv: -kv[1])
        )
        rows.append(
            {
                "File": r.file,
                "Sheet": r.sheet or "—",
                "Used as": S.table_label(r.table),
                "Rows read": r.rows_read,
                "Rows used": r.rows_used,
                "Rows set aside": r.rows_set_aside,
                "Why set aside": reasons or ("—" if r.table != S.IGNORE else "sheet not used"),
            }
        )
    return pd.DataFrame(rows)


def issues(upload: Upload, data: Dataset) -> list[str]:
    """Return every sentence the user should read about the upload, most important first."""
    out = [*upload.errors, *data.notes]
    for r in data.reports:
        where = f"{r.file} › {r.sheet}" if r.sheet else r.file
        for reason, n in sorted(r.reasons.items(), key=lambda kv: -kv[1]):
            out.append(f"{where}: {n:,} row(s) set aside: {reason}.")
        out += [f"{where}: {note}" for note in r.notes]
    return out


def data_quality_json(upload: Upload, data: Dataset) -> dict[str, Any]:
    """Return the `data_quality` part of the JSON contract, with tables and mappings found."""
    return {
        "rows_read": data.rows_read,
        "rows_used": data.rows_read - data.rows_set_aside,
        "rows_set_aside": data.rows_set_aside,
        "issues": issues(upload, data),
        "files_unreadable": upload.errors,
        "sheets": [
            {
                "file": r.file,
                "sheet": r.sheet,
                "table": r.table,
                "rows_read": r.rows_read,
                "rows_used": r.rows_used,
                "rows_set_aside": r.rows_set_aside,
                "reasons": r.reasons,
            }
            for r in data.reports
        ],
        "tables": {name: len(frame) for name, frame in data.tables.items()},
        "mappings": [
            {
                "file": upload.sheet(key).file,
                "sheet": upload.sheet(key).sheet,
                "table": m.table,
                "confidence": m.confidence,
                "columns": {
                    c.column: {"field": c.field, "confidence": c.confidence}
                    for c in m.columns
                    if c.field
                },
            }
            for key, m in upload.mappings.items()
        ],
    }
