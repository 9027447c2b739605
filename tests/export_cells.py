"""The cells of generated exports: names, stage and status words, and how amounts, dates and
odd placeholders are written (tests/exports.py draws the tables around them)."""

from __future__ import annotations

import random
from datetime import datetime

import pandas as pd
from hypothesis import strategies as st

NAMES = (
    "Anna de Vries",
    "Sem Jansen",
    "Zoë Müller",
    "José Ñúñez",
    "李小龍",
    "Ørjan 🚀 Berg",
    "محمد علي",
    "Jean-Luc O'Neill",
    "Maximiliaan van den Bosch tot Nijenrode " * 8,  # very long (over 300 characters)
    "X",
)
TEAMS = ("North", "Zuid", "Équipe Ouest 🌍", "Enterprise & Mid-Market")
WON = ("Closed Won", "Won", "Gewonnen")
LOST = ("Closed Lost", "Lost", "Verloren")
OPEN = ("Prospecting", "Qualification", "Proposal", "Negotiation", "Offerte", "Demo")
NUMBERED = ("1. Lead", "2. Meeting", "3. Offer", "4. Contract")
STATUS_WORDS = {
    "en": {"won": "won", "lost": "lost", "open": "open"},
    "En": {"won": "Won", "lost": "Lost", "open": "Open"},
    "nl": {"won": "gewonnen", "lost": "verloren", "open": "open"},
}
FLAGS = (("TRUE", "FALSE"), ("1", "0"), ("ja", "nee"), (True, False))
# Cells real exports hold where a value should be: placeholders, overflow, impossible dates
ODD_CELLS = (
    "NULL",
    "#N/A",
    "n/a",
    "-",
    "NaN",
    "inf",
    "-inf",
    "1e309",
    "9999-12-31",
    "1900-01-00",
    "2026-02-30",
    "   ",
    "?",
    "0",
    "-0",
    "1,2,3",
    "€",
    "TRUE",
    "31/12/99",
)
# Amount styles: (number → cell text, whether the text names a currency)
AMOUNT_STYLES = ("number", "plain", "euro_nl", "dollar", "accounting", "code")
DATE_STYLES = ("native", "iso", "iso_time", "day_first", "month_first", "words")


def amount_cell(value: float, style: str) -> object:
    """Return the amount as a cell in the given style (a number or a text)."""
    if style == "number":
        return round(value, 2)
    sign, v = ("-" if value < 0 else ""), abs(value)
    us = f"{v:,.2f}"
    if style == "plain":
        return f"{sign}{v:.2f}"
    if style == "euro_nl":
        return f"{sign}€ " + us.replace(",", "_").replace(".", ",").replace("_", ".")
    if style == "dollar":
        return f"{sign}${us}"
    if style == "accounting":
        return f" {sign}${us} "
    return f"{sign}{v:.2f} EUR"


def date_cell(day: datetime, style: str) -> object:
    """Return the date as a cell in the given style."""
    if style == "native":
        return day
    if style == "iso":
        return day.strftime("%Y-%m-%d")
    if style == "iso_time":
        return day.strftime("%Y-%m-%d %H:%M:%S")
    if style == "day_first":
        return day.strftime("%d-%m-%Y")
    if style == "month_first":
        return day.strftime("%m/%d/%Y")
    return day.strftime("%d %b, %Y %H:%M:%S")


def spell(header: str, case: str) -> str:
    """Return a normalised synonym written as exports do (as is, Title, snake or UPPER case)."""
    if case == "title":
        return header.title()
    if case == "snake":
        return header.replace(" ", "_")
    if case == "upper":
        return header.upper()
    return header


@st.composite
def with_odd_cells(draw: st.DrawFn, frame: pd.DataFrame, rng: random.Random) -> pd.DataFrame:
    """Return the sheet with a few odd cells real exports hold, maybe a grand-total line."""
    out = frame.astype(object)
    for _ in range(draw(st.integers(1, 6))):
        header = draw(st.sampled_from(list(out.columns)))
        out.iloc[rng.randrange(len(out)), out.columns.get_loc(header)] = draw(
            st.sampled_from(ODD_CELLS)
        )
    if draw(st.booleans()):
        total = dict.fromkeys(out.columns)
        total[out.columns[0]] = draw(st.sampled_from(("Grand Total", "Totaal", "Total")))
        out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
    if draw(st.booleans()):  # names in another case or with stray spaces
        text = [c for c in out.columns if out[c].map(lambda v: isinstance(v, str)).any()]
        for header in text[:2]:
            out[header] = out[header].map(
                lambda v: f"  {v.lower()} " if isinstance(v, str) and rng.random() < 0.3 else v
            )
    return out


def dates_read_one_way(frame: pd.DataFrame, headers: list[str | None], style: str) -> bool:
    """Return whether these date columns can be read only one way (day and month not swapped).

    Day-first and month-first text is unambiguous in a column holding a day after the 12th.
    """
    if style not in ("day_first", "month_first"):
        return True
    at = slice(0, 2) if style == "day_first" else slice(3, 5)
    return all(
        frame[h].dropna().map(lambda v: int(str(v)[at]) > 12).any()
        for h in headers
        if h is not None
    )
