"""What a column header says about a period: a month or quarter, dated or not, or a total.

Wide sheets head their columns with periods in many ways: `Jan 2025`, `2025-01`, `Q1 2025`,
`Jan-25`, an Excel date (as `2025-01-01` or a day number), or without a year: `jan`…`dec` in
English, Dutch, German or French, `M01`…`M12`, `Q1`…`Q4`. A year then comes from the sheet's
name or title (`named_year`) or from a column of whole years beside (`is_year_column`). Total
columns (Total, FY, Year, a year beside months) add the periods up.
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

import pandas as pd

from analysis.read.amounts import parse_numbers
from analysis.read.period_labels import parse_period_label

MIN_PERIODS = 2

_MONTHS = {
    **dict.fromkeys(("jan", "january", "januari", "januar", "jän", "jänner", "janv", "janvier"), 1),
    **dict.fromkeys(("feb", "february", "februari", "februar", "févr", "fevr", "février"), 2),
    **dict.fromkeys(("fevrier", "fév", "fev"), 2),
    **dict.fromkeys(("mar", "march", "mrt", "maart", "märz", "maerz", "mrz", "mär", "mars"), 3),
    **dict.fromkeys(("apr", "april", "avr", "avril"), 4),
    **dict.fromkeys(("may", "mei", "mai"), 5),
    **dict.fromkeys(("jun", "june", "juni", "juin"), 6),
    **dict.fromkeys(("jul", "july", "juli", "juil", "juillet"), 7),
    **dict.fromkeys(("aug", "august", "augustus", "août", "aout"), 8),
    **dict.fromkeys(("sep", "sept", "september", "septembre"), 9),
    **dict.fromkeys(("oct", "october", "okt", "oktober", "octobre"), 10),
    **dict.fromkeys(("nov", "november", "novembre"), 11),
    **dict.fromkeys(("dec", "december", "dez", "dezember", "déc", "décembre", "decembre"), 12),
}
_MONTH_NUMBER = re.compile(r"^m\s*(0?[1-9]|1[0-2])$")  # M01 … M12
_QUARTER = re.compile(r"^(?:q|k|kw|kwartaal|quarter)\s*([1-4])$")
_NOISE = re.compile(
    r"\(.*?\)|\[.*?\]|\b(?:targets?|quotas?|doel(?:en|stelling)?|goals?|budget)\b|[:]"
)
_TOTAL = re.compile(
    r"^(?:grand\s+)?(?:totals?|totaal|eindtotaal|jaartotaal|sum|som|ytd|fy|year|jaar|"
    r"full\s+year|annual)\b"
)
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ t]00:00:00(?:\.0+)?)?$")
_SERIAL = re.compile(r"^(\d{5})(?:\.0+)?$")
_SERIALS = (32874, 73050)  # 1990-01-01 … 2099-12-31 as Excel day numbers
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)|\bfy\s*'?(\d{2})\b")
_YEAR_HEADER = re.compile(
    r"^(?:year|jaar|jahr|ann[ée]e|fy|fiscal year|financial year|boekjaar|"
    r"gesch[äa]ftsjahr|exercice|a[ñn]o)$"
)
_YEARS = (1900, 2100)


class Heading(NamedTuple):
    """What a column header says: a dated period, a month or quarter without year, a total."""

    kind: str  # "date" (an Excel date), "period", "yearless" or "total"
    grain: str = ""  # "month" or "quarter"
    start: pd.Timestamp | None = None  # first day of a date or period
    number: int = 0  # month (1-12) or quarter (1-4) of a yearless header


TOTAL = Heading("total")


def header_kind(name: str) -> Heading | None:
    """Return what a header says, or None for a column that is no period and no total."""
    text = str(name).strip().lower()
    if (m := _DATE.match(text)) and 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 31:
        return Heading("date", "month", pd.Timestamp(int(m[1]), int(m[2]), 1))
    if (m := _SERIAL.match(text)) and _SERIALS[0] <= int(m[1]) <= _SERIALS[1]:
        day = pd.Timestamp("1899-12-30") + pd.Timedelta(days=int(m[1]))
        return Heading("date", "month", pd.Timestamp(day.year, day.month, 1))
    clean = re.sub(r"\s+", " ", _NOISE.sub(" ", text)).strip(" -_.")
    parsed = parse_period_label(clean) if clean else None
    if parsed is not None:
        start, grain = parsed
        if grain in ("month", "quarter"):
            return Heading("period", grain, start)
        return TOTAL  # a year or half-year beside months or quarters adds them up
    if clean.rstrip(".") in _MONTHS:
        return Heading("yearless", "month", number=_MONTHS[clean.rstrip(".")])
    if m := _MONTH_NUMBER.match(clean):
        return Heading("yearless", "month", number=int(m[1]))
    if m := _QUARTER.match(clean):
        return Heading("yearless", "quarter", number=int(m[1]))
    if _TOTAL.match(text):
        return TOTAL
    return None


def dates_as_periods(periods: dict[str, Heading]) -> dict[str, Heading]:
    """Return the date headers as months, or as quarters when they are three months apart."""
    dates = {n: k.start for n, k in periods.items() if k.kind == "date" and k.start is not None}
    months = [start.year * 12 + start.month for start in dates.values()]
    quarterly = len(months) >= MIN_PERIODS and {b - a for a, b in itertools.pairwise(months)} == {3}
    out = dict(periods)
    for name, start in dates.items():
        if quarterly:
            first = pd.Timestamp(start.year, (start.month - 1) // 3 * 3 + 1, 1)
            out[name] = Heading("period", "quarter", first)
        else:
            out[name] = Heading("period", "month", start)
    return out


def period_labels(chosen: dict[str, Heading], grain: str, year: int | None) -> list[str] | None:
    """Return the labels ('2025-01', '2025-Q1') of the period columns, or None when they are not
    all dated, not in order, or need a year the sheet does not give."""
    kinds = {k.kind for k in chosen.values()}
    if kinds == {"yearless"}:
        if year is None:
            return None
        per = 1 if grain == "month" else 3
        starts = [pd.Timestamp(year, per * (k.number - 1) + 1, 1) for k in chosen.values()]
    elif kinds == {"period"}:
        starts = [k.start for k in chosen.values() if k.start is not None]
    else:
        return None
    if any(b <= a for a, b in itertools.pairwise(starts)):
        return None
    if grain == "month":
        return [f"{s.year}-{s.month:02d}" for s in starts]
    return [f"{s.year}-Q{(s.month - 1) // 3 + 1}" for s in starts]


def named_year(texts: list[str]) -> tuple[int | None, str]:
    """Return the one year named in the sheet name, title or file name, and where (None: not one)."""
    found: dict[int, str] = {}
    for text in texts:
        for m in _YEAR.finditer(str(text).lower()):
            year = int(m[1]) if m[1] else 2000 + int(m[2])
            found.setdefault(year, str(text))
    if len(found) != 1:
        return None, ""
    return next(iter(found.items()))


def is_year_column(name: str, values: pd.Series) -> bool:
    """Return whether a column gives each row's year: a header for year over whole years only."""
    if not _YEAR_HEADER.match(str(name).strip().lower()):
        return False
    years = row_years(values).dropna()
    return len(years) > 0 and len(years) == values.dropna().astype(str).str.strip().ne("").sum()


def row_years(values: pd.Series) -> pd.Series:
    """Return each cell's year as a whole number (NaN: blank or not a year from 1900 to 2100)."""
    numbers = parse_numbers(values.astype(object)).values.astype(float)
    whole = (numbers % 1 == 0) & (numbers >= _YEARS[0]) & (numbers <= _YEARS[1])
    return numbers.where(whole)
