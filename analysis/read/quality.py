"""The data-quality report: per sheet, what was read, used and set aside, and why.

The same report feeds the Upload page, the downloads and the `data_quality` part of the
command line's JSON (always in English); the page shows it in the language picked.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.model import schema as S
from analysis.model.dataset import SET_ASIDE_FRONT, Dataset
from analysis.read.notes import table_label, translate
from analysis.read.upload import Upload
from analysis.words.catalogue import language, t
from analysis.words.formats import UNKNOWN, number

# The set-aside rows' own columns (dataset.SET_ASIDE_FRONT) and their names in the catalogue.
_FRONT = dict(zip(SET_ASIDE_FRONT, ("file", "sheet", "row", "table", "reason"), strict=True))


def quality_table(data: Dataset, lang: str = "en") -> pd.DataFrame:
    """Return one row per sheet: where it went, rows read / used / set aside, main reasons."""
    rows = []
    for r in data.reports:
        reasons = "; ".join(
            t("upload.quality.count", lang, n=number(n, lang), reason=translate(reason, lang))
            for reason, n in sorted(r.reasons.items(), key=lambda kv: -kv[1])
        )
        unused = t("upload.quality.sheet_not_used", lang)
        rows.append(
            {
                t("upload.quality.file", lang): r.file,
                t("upload.quality.sheet", lang): r.sheet or UNKNOWN,
                t("upload.quality.used_as", lang): table_label(r.table, lang),
                t("upload.rows_read", lang): r.rows_read,
                t("upload.rows_used", lang): r.rows_used,
                t("upload.rows_set_aside", lang): r.rows_set_aside,
                t("upload.quality.why", lang): reasons
                or (UNKNOWN if r.table != S.IGNORE else unused),
            }
        )
    return pd.DataFrame(rows)


def set_aside_table(data: Dataset, lang: str = "en") -> pd.DataFrame:
    """Return the rows set aside, their column names, tables and reasons in `lang`."""
    frame = data.set_aside
    if language(lang) == "en":
        return frame
    out = frame.copy()
    if len(out):
        labels = {S.table_label(name): table_label(name, lang) for name in S.TABLE_CHOICES}
        out["Table"] = out["Table"].map(lambda label: labels.get(label, label))
        reasons = out["Reason"].astype(str)
        shown = {reason: translate(reason, lang) for reason in reasons.unique()}
        out["Reason"] = reasons.map(shown)
    return out.rename(columns={c: t(f"upload.quality.{key}", lang) for c, key in _FRONT.items()})


def issues(upload: Upload, data: Dataset, lang: str = "en") -> list[str]:
    """Return every sentence the user should read about the upload, most important first."""
    out = [translate(text, lang) for text in (*upload.errors, *data.notes)]
    for r in data.reports:
        where = f"{r.file} › {r.sheet}" if r.sheet else r.file
        for reason, n in sorted(r.reasons.items(), key=lambda kv: -kv[1]):
            shown = translate(reason, lang)
            out.append(
                t("upload.issue.set_aside", lang, where=where, n=number(n, lang), reason=shown)
            )
        out += [
            t("upload.issue.note", lang, where=where, note=translate(note, lang))
            for note in r.notes
        ]
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
                    c.column: {"field": c.field, "confidence": c.confidence, "how": c.how}
                    for c in m.columns
                    if c.field
                },
            }
            for key, m in upload.mappings.items()
        ],
    }
