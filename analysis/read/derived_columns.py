"""Columns an export implies but does not hold, added to a sheet before it is recognised.

Order lines often carry quantity, unit price and discount but no line total: the line's amount
is quantity × price × (1 − discount). People lists often split a name into first and last name:
the full name is what the other sheets call the rep. Each added column is named in a note.
"""

from __future__ import annotations

import pandas as pd

from analysis.model import schema as S
from analysis.read.amounts import parse_amounts, parse_numbers
from analysis.read.mapping import normalize_header
from analysis.read.notes import message
from analysis.read.sheets import RawSheet
from analysis.read.synonyms import SYNONYMS
from analysis.read.value_mapping import FIELD_WORDS, PRICE_WORDS, telling_words

LINE_AMOUNT = "Line amount"
FULL_NAME = "Full name"

_QUANTITY = frozenset(
    {"quantity", "qty", "units", "unit count", "aantal", "menge", "anzahl", "quantité",
     "quantite", "cantidad", "quantidade", "quantita", "order quantity", "ordered quantity"}
)  # fmt: skip
_PRICE = frozenset(
    {"unit price", "unitprice", "price", "price each", "sales price", "list price", "prijs",
     "stukprijs", "eenheidsprijs", "preis", "einzelpreis", "stückpreis", "prix", "prix unitaire",
     "precio", "precio unitario", "preço", "preco", "preço unitário", "unit cost"}
)  # fmt: skip
_DISCOUNT = frozenset(
    {"discount", "korting", "rabatt", "remise", "descuento", "desconto", "discount rate",
     "discount %", "discount pct"}
)  # fmt: skip
_FIRST = frozenset({"first name", "firstname", "given name", "voornaam", "vorname", "prénom",
                    "prenom", "nombre"})  # fmt: skip
_LAST = frozenset({"last name", "lastname", "surname", "family name", "achternaam", "nachname",
                   "nom", "apellido", "sobrenome"})  # fmt: skip
# A sheet that already names a total or a full name needs nothing added.
_TOTALS = frozenset(SYNONYMS.get(("deals", "amount"), ())) - _PRICE
_TOTAL_WORDS = FIELD_WORDS[S.AMOUNT] - PRICE_WORDS
_FULL = frozenset({"name", "full name", "naam", "volledige naam", "owner name", "employee name"})


def _find(frame: pd.DataFrame, names: frozenset[str]) -> str | None:
    return next((str(c) for c in frame.columns if normalize_header(str(c)) in names), None)


def _has_total(frame: pd.DataFrame) -> bool:
    """Return True when a header names a total ('SalesAmount', 'Line Total'), not a price."""
    for column in frame.columns:
        header = normalize_header(str(column))
        if header in _TOTALS or telling_words(header) & _TOTAL_WORDS:
            return True
    return False


def line_amounts(frame: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    """Return the frame with a line amount (quantity × price × (1 − discount)) added, if implied."""
    quantity, price = _find(frame, _QUANTITY), _find(frame, _PRICE)
    if quantity is None or price is None or _has_total(frame):
        return frame, False
    if LINE_AMOUNT in frame.columns:
        return frame, False
    qty = parse_numbers(frame[quantity]).values
    each = parse_amounts(frame[price]).values
    if qty.isna().mean() > 0.5 or each.isna().mean() > 0.5:
        return frame, False
    total = qty * each
    discount_column = _find(frame, _DISCOUNT)
    if discount_column is not None:
        off = parse_numbers(frame[discount_column]).values
        # 0.15 and 15 (%) both mean 15% off: a column with any value above 1 is in percent.
        off = off / 100 if bool((off > 1).any()) else off
        total = total * (1 - off.fillna(0.0))
    out = frame.copy()
    out[LINE_AMOUNT] = total.round(2)
    return out, True


def full_names(frame: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    """Return the frame with first and last name joined into a full name, if split."""
    first, last = _find(frame, _FIRST), _find(frame, _LAST)
    if first is None or last is None or _find(frame, _FULL) is not None:
        return frame, False
    if FULL_NAME in frame.columns:
        return frame, False
    parts = frame[[first, last]].astype("string").fillna("")
    joined = (parts[first].str.strip() + " " + parts[last].str.strip()).str.strip()
    out = frame.copy()
    out[FULL_NAME] = joined.mask(joined == "")
    return out, True


def add_derived_columns(sheet: RawSheet) -> RawSheet:
    """Return the sheet with the line amount and full name it implies, each with a note."""
    frame, lines = line_amounts(sheet.frame)
    frame, names = full_names(frame)
    if not (lines or names):
        return sheet
    notes = list(sheet.notes)
    if lines:
        notes.append(message("note.line_amount", column=LINE_AMOUNT))
    if names:
        notes.append(message("note.full_name", column=FULL_NAME))
    return RawSheet(sheet.file, sheet.sheet, frame, sheet.set_aside, notes, sheet.header_row,
                    sheet.hidden)  # fmt: skip
