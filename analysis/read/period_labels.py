"""Period labels of target and market sheets: "2026-Q1", "Q1 2026", "Apr-18", "maart 2026", "2026".

`parse_periods` turns a column of such labels (or of dates) into the start and end of each
period and its grain.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import pandas as pd

from analysis.read.dates import parse_dates

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "mrt": 3,
    "maa": 3,
    "apr": 4,
    "may": 5,
    "mei": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}
_QUARTER = [
    re.compile(r"^(?:fy\s*)?(?P<y>\d{4})\s*[-/ ]?\s*q(?P<q>[1-4])$"),
    re.compile(r"^q(?P<q>[1-4])\s*[-/ ']?\s*(?:fy\s*)?'?(?P<y>\d{4}|\d{2})$"),
    re.compile(r"^fy\s*'?(?P<y>\d{4}|\d{2})\s*[-/ ]?\s*q(?P<q>[1-4])$"),
    re.compile(r"^(?:fy)?\s*(?P<y>\d{4})\s*[-/ ]\s*(?:k|kw)(?P<q>[1-4])$"),
    re.compile(r"^(?:k|kw|kwartaal)\s*(?P<q>[1-4])\s*[-/ ]?\s*(?P<y>\d{4})$"),
]
_MONTH_NUM = [
    re.compile(r"^(?P<y>\d{4})\s*[-/.]\s*(?P<m>\d{1,2})$"),
    re.compile(r"^(?P<m>\d{1,2})\s*[-/.]\s*(?P<y>\d{4})$"),
]
_MONTH_NAME = [
    re.compile(r"^(?P<mn>[a-z]{3})[a-z]*\.?\s*[-/ ']?\s*(?P<y>\d{4}|\d{2})$"),
    re.compile(r"^(?P<y>\d{4})\s*[-/ ]?\s*(?P<mn>[a-z]{3})[a-z]*$"),
]
_YEAR = re.compile(r"^(?:fy\s*)?(?P<y>\d{4})(?:\.0+)?$")
_HALF = [
    re.compile(r"^h(?P<h>[12])\s*[-/ ]?\s*(?:fy\s*)?(?P<y>\d{4})$"),
    re.compile(r"^(?:fy\s*)?(?P<y>\d{4})\s*[-/ ]?\s*h(?P<h>[12])$"),
]


@dataclass(frozen=True)
class ParsedPeriods:
    """Start, end (exclusive) and grain ('month', 'quarter', 'half', 'year') per row."""

    start: pd.Series
    end: pd.Series
    grain: pd.Series
    failed: pd.Series


def _year(text: str) -> int:
    y = int(text)
    return y + 2000 if y < 100 else y


def parse_period_label(label: str) -> tuple[pd.Timestamp, str] | None:
    """Return (period start, grain) of one label such as '2026-Q1' or 'Apr-18', or None."""
    text = str(label).strip().lower()
    for rx in _QUARTER:
        if m := rx.match(text):
            return pd.Timestamp(_year(m["y"]), 3 * int(m["q"]) - 2, 1), "quarter"
    for rx in _MONTH_NUM:
        if (m := rx.match(text)) and 1 <= int(m["m"]) <= 12:
            return pd.Timestamp(int(m["y"]), int(m["m"]), 1), "month"
    for rx in _MONTH_NAME:
        if (m := rx.match(text)) and m["mn"] in _MONTHS:
            return pd.Timestamp(_year(m["y"]), _MONTHS[m["mn"]], 1), "month"
    for rx in _HALF:
        if m := rx.match(text):
            return pd.Timestamp(_year(m["y"]), 6 * int(m["h"]) - 5, 1), "half"
    if m := _YEAR.match(text):
        return pd.Timestamp(int(m["y"]), 1, 1), "year"
    return None


def _end(start: pd.Timestamp, grain: str) -> pd.Timestamp:
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12}[grain]
    return start + pd.DateOffset(months=months)


def parse_periods(raw: pd.Series) -> ParsedPeriods:
    """Return the periods a column of labels or dates stands for."""
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    starts: list[pd.Timestamp | None] = []
    grains: list[str | None] = []
    dates = parse_dates(pd.Series(uniques, dtype=object))
    for i, value in enumerate(uniques):
        parsed = None if isinstance(value, pd.Timestamp) else parse_period_label(str(value))
        if parsed is None and not dates.failed.iloc[i] and pd.notna(dates.values.iloc[i]):
            day = dates.values.iloc[i]
            parsed = (pd.Timestamp(day.year, day.month, 1), "month")
        starts.append(parsed[0] if parsed else None)
        grains.append(parsed[1] if parsed else None)
    # Dates that all fall on quarter starts are quarterly targets.
    date_rows = [i for i, v in enumerate(uniques) if parse_period_label(str(v)) is None]
    if (
        date_rows
        and all(starts[i] is not None and starts[i].month in (1, 4, 7, 10) for i in date_rows)
        and len({starts[i] for i in date_rows if starts[i] is not None}) > 1
    ):
        gaps = sorted({starts[i] for i in date_rows if starts[i] is not None})
        if all(
            (b.year - a.year) * 12 + b.month - a.month >= 3 for a, b in itertools.pairwise(gaps)
        ):
            for i in date_rows:
                grains[i] = "quarter"
    start_u = pd.Series(starts, dtype="datetime64[ns]")
    grain_u = pd.Series(grains, dtype=object)
    end_u = pd.Series(
        [_end(s, g) if g else pd.NaT for s, g in zip(starts, grains, strict=True)],
        dtype="datetime64[ns]",
    )
    take = pd.Series(codes)
    valid = take >= 0
    idx = take.where(valid, 0).to_numpy()
    start = pd.Series(start_u.to_numpy()[idx] if len(start_u) else pd.NaT, index=raw.index)
    end = pd.Series(end_u.to_numpy()[idx] if len(end_u) else pd.NaT, index=raw.index)
    grain = pd.Series(grain_u.to_numpy()[idx] if len(grain_u) else None, index=raw.index)
    start = start.where(valid.to_numpy())
    end = end.where(valid.to_numpy())
    grain = grain.where(valid.to_numpy() & grain.notna(), None)
    failed = pd.Series(valid.to_numpy(), index=raw.index) & start.isna()
    return ParsedPeriods(start, end, grain, failed)
