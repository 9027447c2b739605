"""The deck's "Since last meeting" screen and the reports' section: what changed since the
earlier export.

Written in the review's language from the changes (`analysis.changes`): which two exports
were compared (the screen's baseline), the period's pipeline then and now, its flow as a
waterfall, and the findings most worth saying. Names hidden: every rep in a finding is a
stand-in (one the rest of the deck uses, or a new letter after them); teams only: no finding
about a rep or a deal. Nothing is computed here but the choice of findings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import altair as alt

from analysis.changes import sentences as said
from analysis.changes.compare import Changes
from analysis.changes.signals import Finding, findings
from analysis.charts.changes import flow_chart
from analysis.kpis.labels import currency_symbol
from analysis.review.audience import hide, more_aliases
from analysis.review.document import Block, Figure, Section, Text, guarded
from analysis.words.catalogue import t
from analysis.words.message import text

TOP = 3  # findings on the screen: they fit 1280×800 under the waterfall
COMPANY = "new_pipeline"  # the one finding about the whole company


def top_findings(changes: Changes, names: Mapping[str, str], teams_only: bool,
                 lang: str) -> list[Finding]:  # fmt: skip
    """Return the findings to show, new pipeline first, then the most money; reps as shown."""
    found = findings(changes)
    if teams_only:
        found = [f for f in found if f.code == COMPANY]
    first = [f for f in found if f.code == COMPANY]
    rest = sorted((f for f in found if f.code != COMPANY), key=lambda f: -abs(f.cents))
    chosen = (first + rest)[:TOP]
    if not names:
        return chosen
    shown = more_aliases(names, [f.rep for f in chosen if f.rep], lang)
    return [replace(f, rep=shown[f.rep]) if f.rep else f for f in chosen]


def changes_blocks(
    changes: Changes, currency: str | None, names: Mapping[str, str], teams_only: bool, lang: str
) -> tuple[tuple[Block, ...], str]:
    """Return the screen's blocks and its baseline (which two exports were compared)."""
    lead = Text(str(text(said.flow_line(changes, currency), lang)), "lead")
    days = (changes.before, changes.after)
    symbol = currency_symbol(currency)
    waterfall = flow_chart(changes.flows["company"], changes.period, days, symbol, lang)
    # untitled: the lead line above says the same, and the screen has to fit 1280×800
    chart = Figure(waterfall.properties(title=alt.TitleParams("")))
    lines = [
        Text(hide(str(text(said.finding(f, changes, currency), lang)), names))
        for f in top_findings(changes, names, teams_only, lang)
    ]
    # a footnote only when something needs saying: deals that could not be matched, currencies
    notes = [said.matched(changes) if changes.unmatched else None, said.currency_note(changes)]
    said_notes = " ".join(str(text(n, lang)) for n in notes if n is not None)
    note = (Text(said_notes, "footnote"),) if said_notes else ()
    return (lead, chart, *lines, *note), str(text(said.compared(changes), lang))


def changes_section(
    given: Changes | BaseException | None,
    currency: str | None,
    audience: tuple[Mapping[str, str], bool],
    lang: str,
) -> Section | None:
    """Return the "Since last meeting" section (None: no earlier export was given); one whose
    comparison failed (`given` is its error) says so in one sentence."""
    if given is None:
        return None

    def build() -> tuple[tuple[Block, ...], str]:
        if isinstance(given, BaseException):
            raise given
        return changes_blocks(given, currency, audience[0], audience[1], lang)

    return guarded("changes", lambda: t("report.s_changes", lang), build, lang)
