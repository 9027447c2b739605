"""The reporting periods of the KPIs: calendar months, calendar quarters or fiscal quarters.

`PeriodSpec` says how KPIs are reported: calendar months ("2026-03"), calendar quarters
("2026-Q3") or fiscal quarters ("FY2027-Q1", the fiscal year named after the calendar year in
which it ends). `current_and_previous` picks the last complete period of the data and says why
in a note: a `Say` (words in `analysis/words/sentences/periods.toml`), written in a language
only where it is shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from analysis.model import schema as S
from analysis.words.message import Joined, Say, fmt, joined

if TYPE_CHECKING:
    from analysis.model.dataset import Dataset

# --- Reporting periods: calendar months, calendar quarters and fiscal quarters -------------
#
# A reporting period is identified by an integer *ordinal*: months since 1970-01 for months,
# and for quarters the number of three-month blocks since 1970 counted from the fiscal start
# month. Labels: "2026-03" (month), "2026-Q3" (calendar quarter), "FY2027-Q1" (fiscal quarter
# when the fiscal year starts in another month than January). A fiscal year is named after the
# calendar year in which it ENDS: with a fiscal year starting in April, FY2027 runs from
# 2026-04-01 to 2027-03-31 and FY2027-Q1 is April-June 2026.

Grain = Literal["month", "quarter"]
TREND_PERIODS = 8  # how many periods a trend chart shows, ending with the current one
MISSING = np.iinfo(np.int64).min  # the ordinal of a missing date
_NS_PER_DAY = 86_400_000_000_000
_MONTH_LABEL = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})$")
_QUARTER_LABEL = re.compile(r"^(?P<fy>FY)?(?P<y>\d{4})-Q(?P<q>[1-4])$", re.IGNORECASE)


@dataclass(frozen=True)
class PeriodSpec:
    """How dates are grouped: calendar months, or quarters of a year starting in a given month."""

    grain: Grain
    fiscal_start_month: int = 1
    days: int | None = None  # "so far": only the first `days` days of every period count

    def __post_init__(self) -> None:
        if self.grain not in ("month", "quarter"):
            raise ValueError(f"grain must be 'month' or 'quarter', not {self.grain!r}")
        if not 1 <= self.fiscal_start_month <= 12:
            raise ValueError("fiscal_start_month must be 1 (January) … 12 (December)")
        if self.days is not None and not 1 <= self.days <= 92:
            raise ValueError("days must be 1 … 92: the days of a period counted so far")

    @property
    def whole(self) -> PeriodSpec:
        """Return the same periods, every day of them counted."""
        return replace(self, days=None)

    @property
    def fiscal(self) -> bool:
        """Return whether quarters belong to a fiscal year that does not start in January."""
        return self.grain == "quarter" and self.fiscal_start_month != 1


@dataclass(frozen=True)
class PeriodChoice:
    """The period to show and the one to compare it with, and whether the data covers it."""

    current: str | None
    previous: str | None
    partial: bool  # the current period is not complete in the data
    last_date: pd.Timestamp | None
    note: Say | Joined  # why this period: written where it is shown
    partial_period: str | None = None  # the last period of the data when it is incomplete
    so_far: int | None = None  # days of `current` counted, when compared like for like


SO_FAR = "so_far"  # the pick of the period in progress, compared with the same days before it


def _month_index(dates: pd.Series) -> np.ndarray:
    """Return months since 1970-01 of each date (MISSING for a missing date)."""
    if not pd.api.types.is_datetime64_any_dtype(dates):
        dates = pd.to_datetime(dates, errors="coerce")
    ns = dates.to_numpy(dtype="datetime64[ns]").view(np.int64)
    valid = ns != MISSING
    out = np.full(len(ns), MISSING, dtype=np.int64)
    if not valid.any():
        return out
    days = ns[valid] // _NS_PER_DAY
    first, last = int(days.min()), int(days.max())
    if last - first < 200_000:  # a lookup per calendar day is much faster than numpy's calendar
        calendar = np.arange(first, last + 1).astype("datetime64[D]")
        lookup = calendar.astype("datetime64[M]").astype(np.int64)
        out[valid] = lookup[days - first]
    else:
        out[valid] = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return out


def period_ordinals(dates: pd.Series, spec: PeriodSpec) -> np.ndarray:
    """Return the period ordinal of each date (int64; MISSING where the date is missing).

    With `spec.days` ("so far"), a date later than that many days into its period is MISSING.
    """
    months = _month_index(dates)
    if spec.grain == "month":
        out = months
    else:
        valid = months != MISSING
        out = np.full(len(months), MISSING, dtype=np.int64)
        out[valid] = (months[valid] - (spec.fiscal_start_month - 1)) // 3
    return out if spec.days is None else _first_days(out, dates, spec)


def _first_days(ordinals: np.ndarray, dates: pd.Series, spec: PeriodSpec) -> np.ndarray:
    """Return the ordinals with dates past the first `spec.days` days of their period MISSING."""
    valid = np.flatnonzero(ordinals != MISSING)
    if not len(valid):
        return ordinals
    if not pd.api.types.is_datetime64_any_dtype(dates):
        dates = pd.to_datetime(dates, errors="coerce")
    day = dates.to_numpy(dtype="datetime64[ns]").view(np.int64)[valid] // _NS_PER_DAY
    start = _period_first_day(ordinals[valid], spec)
    out = ordinals.copy()
    out[valid[day - start >= int(spec.days or 0)]] = MISSING
    return out


def _first_day(months: np.ndarray) -> np.ndarray:
    """Return days since 1970-01-01 of the first day of each month (months since 1970-01)."""
    return months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def _period_first_day(ordinals: np.ndarray, spec: PeriodSpec) -> np.ndarray:
    """Return days since 1970-01-01 of the first day of each period ordinal."""
    step = 1 if spec.grain == "month" else 3
    return _first_day(ordinals * step + (0 if step == 1 else spec.fiscal_start_month - 1))


def month_share_so_far(
    month: np.ndarray, ordinal: np.ndarray, spec: PeriodSpec
) -> np.ndarray | float:
    """Return the share of each month (months since 1970-01) inside the first `spec.days` days
    of its period (`ordinal`); 1 when whole periods count."""
    if spec.days is None:
        return 1.0
    start = _period_first_day(ordinal, spec)
    first, after = _first_day(month), _first_day(month + 1)
    inside = np.minimum(after, start + spec.days) - np.maximum(first, start)
    return np.clip(inside, 0, None) / (after - first)


def _start_month(ordinal: int, spec: PeriodSpec) -> int:
    """Return months since 1970-01 of the first month of a period ordinal."""
    return ordinal if spec.grain == "month" else 3 * ordinal + spec.fiscal_start_month - 1


def ordinal_label(ordinal: int, spec: PeriodSpec) -> str:
    """Return the label of a period ordinal: '2026-03', '2026-Q3' or 'FY2027-Q1'."""
    start = _start_month(int(ordinal), spec)
    year, month = 1970 + start // 12, start % 12 + 1
    if spec.grain == "month":
        return f"{year}-{month:02d}"
    if not spec.fiscal:
        return f"{year}-Q{(month - 1) // 3 + 1}"
    fiscal_year = year + 1 if month >= spec.fiscal_start_month else year
    return f"FY{fiscal_year}-Q{(month - spec.fiscal_start_month) % 12 // 3 + 1}"


def label_ordinal(label: str, spec: PeriodSpec) -> int:
    """Return the ordinal of a period label of this spec (raises ValueError when it is not one)."""
    text = str(label).strip()
    if spec.grain == "month":
        if (m := _MONTH_LABEL.match(text)) and 1 <= int(m["m"]) <= 12:
            return (int(m["y"]) - 1970) * 12 + int(m["m"]) - 1
        raise ValueError(f"'{label}' is not a month label like '2026-03'")
    m = _QUARTER_LABEL.match(text)
    if m is None:
        example = "FY2027-Q1" if spec.fiscal else "2026-Q3"
        raise ValueError(f"'{label}' is not a quarter label like '{example}'")
    if spec.fiscal and not m["fy"]:
        raise ValueError(
            f"'{label}': with a fiscal year starting in month {spec.fiscal_start_month}, "
            "write fiscal quarters like 'FY2027-Q1' (the fiscal year is named after the "
            "calendar year in which it ends)"
        )
    year, quarter = int(m["y"]), int(m["q"])
    first_month = (year - 1970) * 12 if not spec.fiscal else (year - 1971) * 12
    start = first_month + spec.fiscal_start_month - 1 + 3 * (quarter - 1)
    return (start - (spec.fiscal_start_month - 1)) // 3


def period_labels(dates: pd.Series, spec: PeriodSpec) -> pd.Series:
    """Return the period label of each date ("string" dtype; NA where the date is missing)."""
    ordinals = period_ordinals(dates, spec)
    valid = ordinals != MISSING
    uniques, inverse = np.unique(ordinals[valid], return_inverse=True)
    names = np.array([ordinal_label(o, spec) for o in uniques], dtype=object)
    out = np.full(len(ordinals), None, dtype=object)
    out[valid] = names[inverse]
    return pd.Series(out, index=dates.index, dtype="string")


def period_bounds(label: str, spec: PeriodSpec) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return the first day and the day after the last day (exclusive end) of a period."""
    start = _start_month(label_ordinal(label, spec), spec)
    months = 1 if spec.grain == "month" else 3
    first = pd.Timestamp(1970 + start // 12, start % 12 + 1, 1)
    return first, first + pd.DateOffset(months=months)


def shift_period(label: str, spec: PeriodSpec, steps: int = -1) -> str:
    """Return the label `steps` periods after `label` (before it when negative)."""
    return ordinal_label(label_ordinal(label, spec) + steps, spec)


_SPAN = "_data_span"  # where a dataset keeps its span (`data_span`), beside its fields


def _core_dates(data: Dataset) -> list[pd.Series]:
    """Return the dates that show how far the data reaches (closed deals, activities, leads)."""
    out: list[pd.Series] = []
    deals = data.tables.get(S.DEALS)
    if deals is not None:
        if S.CLOSE_DATE in deals and S.STATUS in deals:
            out.append(deals[S.CLOSE_DATE].where(deals[S.STATUS].isin(["won", "lost"])))
        if S.CREATED_DATE in deals:
            out.append(deals[S.CREATED_DATE])
    for table, column in ((S.ACTIVITIES, S.DATE), (S.LEADS, S.CREATED_AT)):
        frame = data.tables.get(table)
        if frame is not None and column in frame:
            out.append(frame[column])
    for table in (S.CUSTOMER_FEEDBACK, S.EMPLOYEE_SURVEY):  # alone, as a call-centre log is
        frame = data.tables.get(table)
        if not out and frame is not None and S.DATE in frame:
            out.append(frame[S.DATE])
    return [s if pd.api.types.is_datetime64_any_dtype(s) else pd.to_datetime(s) for s in out]


def data_span(data: Dataset) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """Return the first and last day the data covers, or None when it holds no dates.

    The span runs over the close dates of closed deals, the created dates of deals, activity
    dates and lead created dates. Expected close dates of open deals (often in the future),
    targets and market figures do not count; customer feedback or survey dates only when the
    data holds nothing else.
    """
    known = data.__dict__.get(_SPAN)  # worked out once per dataset (its tables stay as built)
    if known is not None and known[0] is data.tables:
        return known[1]
    ends = [(s.min(), s.max()) for s in _core_dates(data)]
    ends = [(a, b) for a, b in ends if pd.notna(a)]
    span = None
    if ends:
        span = min(a for a, _ in ends).normalize(), max(b for _, b in ends).normalize()
    data.__dict__[_SPAN] = (data.tables, span)
    return span


def all_periods(data: Dataset, spec: PeriodSpec) -> list[str]:
    """Return every period from the first to the last one the data covers, in order."""
    span = data_span(data)
    if span is None:
        return []
    ends = period_ordinals(pd.Series(list(span)), spec.whole)
    return [ordinal_label(o, spec) for o in range(int(ends[0]), int(ends[1]) + 1)]


def last_periods(current: str, spec: PeriodSpec, count: int) -> list[str]:
    """Return the `count` periods that end with `current`, oldest first."""
    return [shift_period(current, spec, -k) for k in range(max(count, 1) - 1, -1, -1)]


def window_periods(current: str, spec: PeriodSpec, months: int = 12) -> list[str]:
    """Return the periods of the `months` months that end with `current`, oldest first."""
    return last_periods(current, spec, months // (1 if spec.grain == "month" else 3))


def trend_periods(data: Dataset, spec: PeriodSpec, current: str) -> list[str]:
    """Return the periods a trend shows: the last `TREND_PERIODS` up to `current` the data covers."""
    covered = set(all_periods(data, spec))
    return [p for p in last_periods(current, spec, TREND_PERIODS) if p in covered]


def last_working_day(label: str, spec: PeriodSpec) -> pd.Timestamp:
    """Return the period's last Monday-to-Friday day: data reaching it makes the period complete."""
    day = period_bounds(label, spec)[1] - pd.Timedelta(days=1)
    return day - pd.Timedelta(days=max(0, day.weekday() - 4))


def current_and_previous(
    data: Dataset, spec: PeriodSpec, current: str | None = None
) -> PeriodChoice:
    """Return the period to report on (default: the last complete one) and the one before it.

    A period is complete when the data reaches its last working day (Monday to Friday: CRM
    exports rarely hold weekend dates). A partial last period is named in the note and is not
    chosen by default, unless it is the only period there is.
    """
    span = data_span(data)
    last = span[1] if span else None
    periods = all_periods(data, spec)
    partial_period = None
    if periods and last is not None and last < last_working_day(periods[-1], spec):
        partial_period = periods[-1]
    if current is not None:
        label = ordinal_label(label_ordinal(current, spec), spec)  # raises on a bad label
        partial = last is None or last < last_working_day(label, spec)
        pieces = [Say("periods.by_hand", label=label)]
        if last is None or period_bounds(label, spec)[0] > last:
            pieces.append(Say("periods.by_hand_empty"))
        elif partial:
            pieces.append(Say("periods.by_hand_partial", last=fmt("data_day", last)))
        note = joined(pieces, "")
        return PeriodChoice(label, shift_period(label, spec), partial, last, note, partial_period)
    if not periods or last is None:
        return PeriodChoice(None, None, False, None, Say("periods.no_dates"))
    day = fmt("data_day", last)
    if partial_period is None or len(periods) == 1:
        label = periods[-1]
        key = "periods.last_complete" if partial_period is None else "periods.only_partial"
        note: Say | Joined = Say(key, label=label, last=day)
    else:
        label = periods[-2]
        note = Say("periods.before_partial", label=label, partial=partial_period, last=day)
    return PeriodChoice(
        label, shift_period(label, spec), label == partial_period, last, note, partial_period
    )


def period_options(data: Dataset, spec: PeriodSpec) -> list[str]:
    """Return the periods one can pick: SO_FAR (the period in progress) first, then every
    complete period, newest first."""
    whole = spec.whole
    choice = current_and_previous(data, whole)
    periods = all_periods(data, whole)
    complete = [p for p in reversed(periods) if p != choice.partial_period]
    return ([SO_FAR] if choice.partial_period and complete else []) + complete


def choose_period(
    data: Dataset, spec: PeriodSpec, pick: str | None = None
) -> tuple[PeriodSpec, PeriodChoice]:
    """Return how periods are counted and the period to show, as picked (None: the default).

    SO_FAR shows the period in progress and counts only its days so far in every period, so it
    is compared like for like with the same first days of earlier periods. A pick the data
    does not hold (another grain, other data) falls back to the last complete period.
    """
    whole = spec.whole
    default = current_and_previous(data, whole)
    label, last = default.partial_period, default.last_date
    if pick == SO_FAR and label is not None and label != default.current and last is not None:
        first = period_bounds(label, whole)[0]
        days = int((last.normalize() - first).days) + 1
        note = Say(
            "periods.so_far",
            label=label,
            days=days,
            first=fmt("data_day", first),
            last=fmt("data_day", last),
        )
        choice = PeriodChoice(label, shift_period(label, whole), True, last, note, label, days)
        return replace(whole, days=days), choice
    if pick is None or pick == default.current or pick not in period_options(data, whole):
        return whole, default
    return whole, current_and_previous(data, whole, pick)


def compared_with(choice: PeriodChoice) -> Say | str | None:
    """Return what the period shown is compared with: the period before ('2026-Q2'), or so far
    its same first days ('2026-Q2, first 51 days'); None when there is none."""
    if choice.previous is None or not choice.so_far:
        return choice.previous
    return Say("periods.same_days", label=choice.previous, days=choice.so_far)
