"""The data-quality report drawn in a language: per-sheet table, set-aside rows, the JSON part.

What reading found is kept as messages (`analysis/read/quality.py`, `Dataset.reports`, the
set-aside rows' `Reason`); here they are written for the Upload page and its downloads (in the
language picked) and for the command line's `data_quality` (always in English).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.model import schema as S
from analysis.model.dataset import SET_ASIDE_FRONT, Dataset
from analysis.read.notes import table_label
from analysis.read.quality import issues
from analysis.read.upload import Upload
from analysis.words.catalogue import language, t
from analysis.words.formats import UNKNOWN, number
from analysis.words.message import Say, text

# The set-aside rows' own columns (dataset.SET_ASIDE_FRONT) and their names in the catalogue.
_FRONT = dict(zip(SET_ASIDE_FRONT, ("file", "sheet", "row", "table", "reason"), strict=True))


def quality_table(data: Dataset, lang: str = "en") -> pd.DataFrame:
    """Return one row per sheet: where it went, rows read / used / set aside, main reasons."""
    rows = []
    for r in data.reports:
        reasons = "; ".join(
            t("upload.quality.count", lang, n=number(n, lang), reason=reason.text(lang))
            for reason, n in sorted(r.reasons.items(), key=lambda kv: -kv[1])
        )
        unused = t("upload.quality.sheet_not_used", lang)
        rows.append(
            {
                t("upload.quality.file", lang): r.file,
                t("upload.quality.sheet", lang): r.sheet or UNKNOWN,
                t("upload.quality.used_as", lang): table_label(r.table).text(lang),
                t("upload.rows_read", lang): r.rows_read,
                t("upload.rows_used", lang): r.rows_used,
                t("upload.rows_set_aside", lang): r.rows_set_aside,
                t("upload.quality.why", lang): reasons
                or (UNKNOWN if r.table != S.IGNORE else unused),
            }
        )
    return pd.DataFrame(rows)


def set_aside_table(data: Dataset, lang: str = "en") -> pd.DataFrame:
    """Return the rows set aside, their column names, tables and reasons written in `lang`."""
    out = data.set_aside.copy()
    if len(out):
        reasons = out["Reason"]
        out["Reason"] = reasons.map({r: text(r, lang) for r in reasons.unique()})
        if language(lang) != "en":
            labels = {S.table_label(n): table_label(n).text(lang) for n in S.TABLE_CHOICES}
            out["Table"] = out["Table"].map(lambda label: labels.get(label, label))
    if language(lang) == "en":
        return out
    return out.rename(columns={c: t(f"upload.quality.{key}", lang) for c, key in _FRONT.items()})


def issue_texts(upload: Upload, data: Dataset, lang: str = "en") -> list[str]:
    """Return every sentence the user should read about the upload, in `lang`."""
    return [said.text(lang) for said in issues(upload, data)]


def _counts(reasons: dict[Say, int]) -> dict[str, int]:
    """Reasons counted, written in English (two messages reading alike are added up)."""
    out: dict[str, int] = {}
    for reason, n in reasons.items():
        out[reason.text("en")] = out.get(reason.text("en"), 0) + n
    return out


def data_quality_json(upload: Upload, data: Dataset) -> dict[str, Any]:
    """Return the `data_quality` part of the JSON contract, in English, with tables and mappings."""
    return {
        "rows_read": data.rows_read,
        "rows_used": data.rows_read - data.rows_set_aside,
        "rows_set_aside": data.rows_set_aside,
        "issues": issue_texts(upload, data),
        "files_unreadable": [error.text("en") for error in upload.errors],
        "sheets": [
            {
                "file": r.file,
                "sheet": r.sheet,
                "table": r.table,
                "rows_read": r.rows_read,
                "rows_used": r.rows_used,
                "rows_set_aside": r.rows_set_aside,
                "reasons": _counts(r.reasons),
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
                    c.column: {"field": c.field, "confidence": c.confidence, "how": c.how}
                    for c in m.columns
                    if c.field
                },
            }
            for key, m in upload.mappings.items()
        ],
    }
