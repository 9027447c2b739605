"""How a card (st.metric) shows its change: colour and arrow decided from the numbers.

Streamlit reads only a leading hyphen as a fall; our changes are written with the real minus
sign ('−€12,000') and Dutch money puts it after the symbol ('€ −12.000'), so every card says
explicitly which way it moved and whether that is good.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analysis.words.message import text

MINUSES = ("-", "\u2212")


def delta_look(delta: float | None, good: bool | None) -> dict[str, str]:
    """Return st.metric's delta_color and delta_arrow: green/red/gray, up/down/off."""
    arrow = "off" if not delta else "down" if delta < 0 else "up"
    colour = "gray" if good is None else "green" if good else "red"
    return {"delta_color": colour, "delta_arrow": arrow}


def falls(written: str) -> bool:
    """Return whether a written change is a fall: a minus before its first digit."""
    head = written.lstrip()
    digits = next((i for i, c in enumerate(head) if c.isdigit()), len(head))
    return any(m in head[:digits] for m in MINUSES)


CARDS_PER_ROW = 3  # a full amount and a Dutch title fit a card at 1366 px with three a row


def card_columns(count: int, per_row: int = CARDS_PER_ROW) -> Iterator[DeltaGenerator]:
    """Yield a column for each of `count` cards, `per_row` to a row, all the same width."""
    for start in range(0, count, per_row):
        yield from st.columns(per_row)[: min(per_row, count - start)]


def said_cards(cards: Sequence[Any], lang: str, widths: Sequence[float] | None = None) -> None:
    """Draw cards whose label, value, change and help are messages, without colour or arrow.

    `widths`: one row of cards, their columns this wide relative to each other.
    """
    columns = st.columns(list(widths)) if widths else card_columns(len(cards))
    for where, card in zip(columns, cards, strict=True):
        where.metric(
            text(card.label, lang), text(card.value, lang), text(card.delta, lang),
            help=text(card.help, lang), delta_color="off", delta_arrow="off", border=True,
        )  # fmt: skip
