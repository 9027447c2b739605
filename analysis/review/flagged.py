"""The flagged causes of the findings as a table written in a language: for reports and pages,
and the deck's screen of them (names hidden as the audience asks; counts only for teams).

`findings.flagged_table` holds codes and `Say`s (one table for every language); `flagged_frame`
writes it in the reader's language, its columns named for users ('Rep', … / 'Verkoper', …).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis.review import findings as F
from analysis.review.audience import hide
from analysis.review.document import Block, Table, Text
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


def flagged_blocks(
    findings: F.Findings | None, currency: str | None, names: Mapping[str, str], lang: str
) -> tuple[Block, ...]:
    """Return the flagged screen's blocks: how many reps, and their causes (names as shown)."""
    flagged = flagged_frame(findings, currency, lang) if findings else pd.DataFrame()
    if flagged.empty:
        return (Text(t("report.none_flagged", lang), "note"),)
    reps = flagged[flagged_columns(lang)[0]].nunique()
    lead = Text(t("report.flagged_count", lang, n=reps), "lead")
    if names:
        flagged = flagged.map(lambda v: hide(str(v), names))
    columns = flagged_columns(lang)
    brief = tuple(columns[:-1])  # on a projector: all but how sure
    evidence = columns[F.COLUMNS.index("evidence")]  # its window: the screen's baseline says it
    return lead, Table(flagged, brief, (evidence,))


def flagged_team_blocks(findings: F.Findings | None, lang: str) -> tuple[Block, ...]:
    """Return the flagged screen for teams only: how many reps each cause flagged, no names."""
    flagged = flagged_frame(findings, lang=lang) if findings else pd.DataFrame()
    if flagged.empty:
        return (Text(t("report.none_flagged", lang), "note"),)
    rep, _, what = flagged_columns(lang)[:3]
    lead = Text(t("report.flagged_private", lang, n=flagged[rep].nunique()), "lead")
    counts = flagged.groupby(what)[rep].nunique().sort_values(ascending=False)
    rows = pd.DataFrame(
        {
            what: counts.index.astype(str),
            t("report.col_reps", lang): counts.to_numpy().astype(str),
        }
    )
    return lead, Table(rows)
