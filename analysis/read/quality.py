"""The data-quality report's findings: every message the user should read about an upload.

Per sheet, what was read, used and set aside and why sits in `Dataset.reports`; `issues` lists
it as messages, most important first. The tables and JSON made of them, in a language, are
drawn in `analysis/render/data_quality.py`.
"""

from __future__ import annotations

from analysis.model.dataset import Dataset
from analysis.read.upload import Upload
from analysis.words.message import Say, fmt


def where(file: str, sheet: str) -> str:
    """Return how the report names a sheet of a file ('export.xlsx › Deals')."""
    return f"{file} › {sheet}" if sheet else file


def issues(upload: Upload, data: Dataset) -> list[Say]:
    """Return every message the user should read about the upload, most important first."""
    out: list[Say] = [*upload.errors, *data.notes]
    for r in data.reports:
        place = where(r.file, r.sheet)
        for reason, n in sorted(r.reasons.items(), key=lambda kv: -kv[1]):
            out.append(
                Say("upload.issue.set_aside", where=place, n=fmt("number", n), reason=reason)
            )
        out += [Say("upload.issue.note", where=place, note=note) for note in r.notes]
    return out
