"""What a review is made of, as a document: sections of cards, charts, texts, tables and lists.

One `Review` feeds every way of showing it: the meeting screens, the HTML page and the PDF.
`analysis.review.team_review` builds the team's review for an audience,
`analysis.review.rep_pack` the one-to-one pack of one rep; both write their texts from the
catalogue in the document's language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import altair as alt
import pandas as pd

from analysis.words.catalogue import t
from analysis.words.message import text

Style = Literal["lead", "body", "note", "footnote"]  # footnote: small, under a chart


@dataclass(frozen=True)
class Card:
    """One KPI as a big number, with its change against the period before."""

    label: str
    value: str
    detail: str  # the change with what it is measured against, or what the KPI needs
    tone: Literal["good", "bad", "flat"]
    change: str = ""  # the change alone ('+6 pts'), for a screen that names the period once


@dataclass(frozen=True)
class Cards:
    """A row of KPI cards."""

    items: tuple[Card, ...]


@dataclass(frozen=True, eq=False)
class Figure:
    """One Altair chart."""

    chart: alt.TopLevelMixin


@dataclass(frozen=True)
class Text:
    """A paragraph: a headline sentence, body text or a small note; `strong` is put first, bold."""

    text: str
    style: Style = "body"
    strong: str = ""


@dataclass(frozen=True, eq=False)
class Table:
    """A table of text, its columns already named for users."""

    frame: pd.DataFrame
    brief: tuple[str, ...] = ()  # the columns a projector shows (none given: all of them)
    trim: tuple[str, ...] = ()  # columns whose details in brackets a projector leaves out


@dataclass(frozen=True)
class Items:
    """A list of actions, each with why it is suggested (numbered for a plan)."""

    items: tuple[tuple[str, str], ...]
    numbered: bool = False


Block = Cards | Figure | Text | Table | Items


@dataclass(frozen=True)
class Section:
    """One screen of the meeting and one section of a report."""

    key: str
    title: str
    blocks: tuple[Block, ...]
    baseline: str = ""  # what every change in it is compared with: one baseline per section


@dataclass(frozen=True)
class Review:
    """A whole document: title, what it compares, its sections, and the language it is in."""

    title: str
    subtitle: str
    sections: tuple[Section, ...]
    lang: str = "en"
    names: Mapping[str, str] = field(default_factory=dict)  # real name → shown name
    source: str = ""  # the data shown: file names and the dates they cover
    sample: bool = False  # made from the bundled sample: labelled so it never passes for real


def compared(period: str, reference: object, lang: str) -> str:
    """Return what a diagnosis compares: the period against its usual level, in `lang`."""
    return t("report.compared", lang, period=period, reference=text(reference, lang))


Build = Callable[[], tuple[tuple[Block, ...], str]]


def guarded(key: str, title: Callable[[], str], build: Build, lang: str) -> Section:
    """Return a section; one that fails says so in one sentence and the rest of the deck stands."""
    try:
        blocks, baseline = build()
        return Section(key, title(), blocks, baseline)
    except Exception:
        failed = (Text(t("sections.failed", lang), "note"),)
        try:
            named = title()
        except Exception:
            named = key
        return Section(key, named, failed)
