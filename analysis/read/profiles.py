"""What each column of a sheet holds, read from its values: the evidence for value-based mapping.

A column's profile says which share of its (sampled) values reads as a date, an amount, a plain
number, a won/lost word or a person's name, how many distinct values it has, and its range. The
mapping uses profiles only to fill the fields that no header named (see `value_mapping.py`), so a
sheet whose headers say nothing (`close_value`, `Column 7`) can still be read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.read.amounts import parse_amounts
from analysis.read.dates import parse_dates
from analysis.read.stages import parse_status

SAMPLE_ROWS = 500
# "Anna de Vries", "O'Brien, Mary", "J. Smith", "Zoë Müller-Lüdenscheidt": two to five words of
# letters, no digits. An e-mail address is a person too (HubSpot owners).
_PERSON = re.compile(
    r"^(?:[^\W\d_][\w'’.\-]*\.?,?\s+){1,4}[^\W\d_][\w'’.\-]*$|^[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+$"
)
ID_PATTERN = re.compile(r"^(?=.*\d)[A-Za-z0-9_\-.:/#]{3,40}$")
_CURRENCY_SIGN = re.compile(r"[€$£¥]|\b(?:EUR|USD|GBP|CHF|JPY)\b")


@dataclass(frozen=True)
class ColumnProfile:
    """What one column holds: shares of its filled values that read as each kind, and its range."""

    column: str
    filled: int  # non-blank values in the sample
    distinct: int
    date_share: float
    amount_share: float
    integer_share: float  # of the filled values: whole numbers
    status_share: float  # values that are known won/lost words
    won_and_lost: bool  # both a won and a lost word occur
    won_or_lost: bool  # a won or a lost word occurs
    person_share: float
    name_variety: (
        float  # distinct first and last words / distinct values (names vary; "X Class" does not)
    )
    id_share: float
    money_signs: bool  # a currency sign or code occurs
    low: float | None  # smallest and largest number, when the column is numeric
    high: float | None
    median: float | None
    text_length: float  # mean length of the values as text

    @property
    def unique_share(self) -> float:
        """Return distinct values / filled values (1.0 for a column of unique values)."""
        return self.distinct / self.filled if self.filled else 0.0

    @property
    def repeats(self) -> float:
        """Return how many rows each distinct value stands in, on average."""
        return self.filled / self.distinct if self.distinct else 0.0


def sample(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the rows profiles are read from: the first rows, up to SAMPLE_ROWS."""
    return frame.head(SAMPLE_ROWS)


def profile(values: pd.Series) -> ColumnProfile:
    """Return the profile of one column (pass a sample: see `sample`)."""
    filled = values.dropna()
    if not pd.api.types.is_numeric_dtype(filled) and not pd.api.types.is_datetime64_any_dtype(
        filled
    ):
        text = filled.astype(str).str.strip()
        filled = filled[text != ""]
    n = len(filled)
    name = str(values.name)
    if n == 0:
        return ColumnProfile(name, 0, 0, 0.0, 0.0, 0.0, 0.0, False, False, 0.0, 0.0, 0.0, False,
                             None, None, None, 0.0)  # fmt: skip
    as_text = filled.astype(str).str.strip()
    distinct = int(as_text.nunique())
    dates = parse_dates(filled)
    date_share = float((~dates.failed).mean())
    if pd.api.types.is_numeric_dtype(filled) and not pd.api.types.is_bool_dtype(filled):
        # A plain number is a date only as an Excel serial: the amount reading wins.
        date_share = 0.0
    amounts = parse_amounts(filled)
    numbers = amounts.values[~amounts.failed].astype(float)
    numbers = numbers[np.isfinite(numbers)]
    amount_share = float(len(numbers) / n)
    if date_share >= 0.9 and pd.api.types.is_datetime64_any_dtype(filled):
        amount_share = 0.0
    integer_share = float((numbers == np.round(numbers)).sum() / n) if len(numbers) else 0.0
    status = parse_status(filled)
    unknown = set(status.unknown)
    known = ~as_text.isin(unknown)
    kinds = set(status.values.dropna().unique())
    return ColumnProfile(
        column=name,
        filled=n,
        distinct=distinct,
        date_share=date_share,
        amount_share=amount_share,
        integer_share=integer_share,
        status_share=float(known.mean()) if amount_share < 0.5 else 0.0,
        won_and_lost={"won", "lost"} <= kinds and amount_share < 0.5,
        won_or_lost=bool({"won", "lost"} & kinds) and amount_share < 0.5,
        person_share=float(as_text.str.match(_PERSON).mean()) if amount_share < 0.5 else 0.0,
        name_variety=_name_variety(as_text),
        id_share=float(as_text.str.match(ID_PATTERN).mean()),
        money_signs=bool(as_text.head(200).str.contains(_CURRENCY_SIGN).any()),
        low=float(numbers.min()) if len(numbers) else None,
        high=float(numbers.max()) if len(numbers) else None,
        median=float(numbers.median()) if len(numbers) else None,
        text_length=float(as_text.str.len().mean()),
    )


def _name_variety(text: pd.Series) -> float:
    """Return the smaller of distinct first words and distinct last words over distinct values."""
    names = pd.Series(text.unique())
    names = names[~names.str.contains("@", regex=False)]
    if names.empty:
        return 1.0  # e-mail addresses only: every one is a person
    words = names.str.replace(",", " ", regex=False).str.split()
    first = words.str[0].nunique()
    last = words.str[-1].nunique()
    return min(first, last) / len(names)


def profiles(frame: pd.DataFrame) -> dict[str, ColumnProfile]:
    """Return the profile of every column of a sheet, read from its first rows."""
    rows = sample(frame)
    return {str(c): profile(rows[c].rename(str(c))) for c in rows.columns}
