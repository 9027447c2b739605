"""The flagged causes of the findings as a table written in a language: for reports and pages.

`findings.flagged_table` holds codes and `Say`s (one table for every language); `flagged_frame`
writes it in the reader's language, its columns named for users ('Rep', … / 'Verkoper', …).
"""

from __future__ import annotations

import pandas as pd

from analysis.review import findings as F
from analysis.words.catalogue import t
from analysis.words.message import text


def flagged_columns(lang: str = "en") -> list[str]:
    """Return the column names of `flagged_frame` in a language ('Rep', … / 'Verkoper', …)."""
    return [t(f"diagnosis.column.{c}", lang) for c in F.COLUMNS]


def flagged_frame(
    findings: F.Findings, currency: str | None = None, lang: str = "en"
) -> pd.DataFrame:
    """Return `findings.flagged_table` written in `lang`: its column names and its texts."""
    frame = F.flagged_table(findings, currency)
    frame = frame.map(lambda value: text(value, lang)) if len(frame) else frame
    return frame.set_axis(flagged_columns(lang), axis="columns")
