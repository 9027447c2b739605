"""Counts, sums and moments per rep, team and company and period: what the diagnosis tests.

The KPI table holds one value per cell; the diagnosis also needs the spread behind it (the
variance of won deal amounts, of log cycle days, of log response hours, of customer scores),
so that a change can be judged against the noise of its sample. Everything is computed on the
stacked cells of `analysis.kpis.cells` (reps, then teams, then the company; a column per period),
so the diagnosis sees exactly the reps, teams and periods the KPI table sees.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.kpis.cells import (
    Cells,
    Index,
    RowCells,
    Who,
    build_index,
    ratio,
    row_spans,
    sorted_rows,
)
from analysis.kpis.table import feedback_scales
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec


@dataclass(frozen=True)
class Moments:
    """Number, mean and sample variance (ddof 1) of a measure per cell; NaN where unknown."""

    n: Cells
    mean: Cells
    var: Cells


@dataclass(frozen=True)
class Sample:
    """The single values behind a median KPI: who and when each counts for, NaN where it does not."""

    who: Who
    per: np.ndarray  # the period position of each value (-1: outside the data)
    values: np.ndarray


def window_medians(idx: Index, sample: Sample, cols: np.ndarray) -> Cells:
    """Return per stacked row the median of its values in the periods `cols`, pooled.

    The same median the KPI table computes per period (`kpis.table`), over several periods at
    once: a rep's sales cycle over two quarters is the median of all its deals won in both.
    """
    per = np.where(np.isin(sample.per, cols), 0, -1)
    cells = RowCells(idx, sample.who, per, 1)
    order = sorted_rows(sample.values, np.ones(len(sample.values), bool))
    return cells.median(sample.values, order)[:, 0]


def pooled_median(sample: Sample, reps: np.ndarray, cols: np.ndarray) -> float:
    """Return the median of the values of the reps at positions `reps` in the periods `cols`."""
    ok = np.isin(sample.per, cols) & np.isin(sample.who[0], reps) & np.isfinite(sample.values)
    return float(np.median(sample.values[ok])) if ok.any() else float("nan")


@dataclass(frozen=True)
class PeriodStats:
    """Per stacked cell: the counts and moments behind the KPIs; None where data is missing."""

    idx: Index
    active: np.ndarray  # bool: the row's span, from its first to its last period with data
    closed: Cells
    won: Cells
    revenue: Cells
    size: Moments  # amounts of won deals
    log_size: Moments  # their logs (deal sizes are skewed: a few large deals)
    log_cycle: Moments | None  # log days from created to close, won deals
    new_deals: Cells | None
    activities: Cells | None
    new_leads: Cells | None
    log_response: Moments | None  # log hours from lead created to first response
    satisfaction: Moments | None  # NPS: +100 promoter, 0 passive, -100 detractor; CSAT: 1-5
    satisfaction_kind: str | None  # "nps" or "csat"
    # the medians the KPI table shows (cycle_days, lead_response_hours): the values a cause
    # tested on logs is shown with, so that a number reads the same on every page
    cycle_median: Cells | None = None
    response_median: Cells | None = None
    # their single values (days of won deals, hours of leads), for medians over several periods
    cycle_sample: Sample | None = None
    response_sample: Sample | None = None

    def row(self, rep: str | None = None, team: str | None = None) -> int:
        """Return the stacked row of a rep (or team, or the company when neither is given)."""
        if rep is not None:
            return int(self.idx.reps.get_loc(rep))
        if team is not None:
            return len(self.idx.reps) + int(self.idx.teams.get_loc(team))
        return self.idx.rows - 1


def moments(cells: RowCells, values: np.ndarray, mask: np.ndarray) -> Moments:
    """Return the number, mean and variance of `values` where `mask` holds, per cell."""
    ok = mask & np.isfinite(values)
    shift = float(np.nanmean(values[ok])) if ok.any() else 0.0  # for a stable variance
    x = np.where(ok, values - shift, 0.0)
    n = cells.sum(ok)
    s1, s2 = cells.sum(x), cells.sum(x * x)
    mean = shift + ratio(s1, n)
    with np.errstate(invalid="ignore", divide="ignore"):
        var = np.where(n > 1, (s2 - s1 * s1 / np.where(n > 0, n, 1)) / (n - 1), np.nan)
    return Moments(n, mean, np.maximum(var, 0.0))


def _floats(frame: pd.DataFrame, column: str) -> np.ndarray:
    return frame[column].to_numpy(dtype=float, na_value=np.nan)


def _log(values: np.ndarray) -> np.ndarray:
    """Return the natural log, with values under half a unit counted as half a unit."""
    with np.errstate(invalid="ignore"):
        return np.log(np.where(values >= 0, np.maximum(values, 0.5), np.nan))


def _lead_stats(
    idx: Index, leads: pd.DataFrame | None
) -> tuple[Cells | None, Moments | None, Cells | None, Sample | None]:
    """Return new leads per cell, the moments of log response hours, their median and values."""
    if leads is None or not len(leads):
        return None, None, None, None
    who, per = idx.who(S.LEADS, leads), idx.period(leads[S.CREATED_AT])
    cells = RowCells(idx, who, per)
    if S.FIRST_RESPONSE_AT not in leads or leads[S.FIRST_RESPONSE_AT].isna().all():
        return cells.sum(), None, None, None
    wait = (leads[S.FIRST_RESPONSE_AT] - leads[S.CREATED_AT]).dt.total_seconds() / 3600
    hours = wait.to_numpy(dtype=float, na_value=np.nan)
    log_response = moments(cells, _log(hours), hours >= 0)
    hours = np.where(hours >= 0, hours, np.nan)
    median = cells.median(hours, sorted_rows(hours, np.ones(len(hours), bool)))
    return cells.sum(), log_response, median, Sample(who, per, hours)


def _feedback_stats(idx: Index, feedback: pd.DataFrame | None) -> tuple[Moments | None, str | None]:
    """Return the moments of customer scores per cell (NPS points or CSAT), and which they are."""
    if feedback is None or not len(feedback):
        return None, None
    cells = RowCells(idx, idx.who(S.CUSTOMER_FEEDBACK, feedback), idx.period(feedback[S.DATE]))
    score = _floats(feedback, S.SCORE)
    csat, nps = feedback_scales(feedback)
    if nps.sum() >= csat.sum() and nps.any():
        net = 100.0 * ((score >= 9).astype(float) - (score <= 6))
        return moments(cells, net, nps), "nps"
    if csat.any():
        return moments(cells, score, csat), "csat"
    return None, None


def period_stats(data: Dataset, spec: PeriodSpec) -> PeriodStats:
    """Return the counts and moments of every rep, team and the company per period."""
    idx = build_index(data, spec)
    shape = (idx.rows, len(idx.periods))
    deals = data.tables.get(S.DEALS, pd.DataFrame(columns=[S.STATUS, S.CLOSE_DATE, S.AMOUNT]))
    who = idx.who(S.DEALS, deals)
    status = deals[S.STATUS].to_numpy(object)
    amount = _floats(deals, S.AMOUNT)
    won = (status == "won") & np.isfinite(amount)
    closing = RowCells(
        idx, who, np.where(won | (status == "lost"), idx.period(deals[S.CLOSE_DATE]), -1)
    )
    closed = closing.sum()
    won_n = closing.sum(won)
    revenue = closing.sum(np.where(won, np.nan_to_num(amount), 0.0))
    log_cycle = new_deals = cycle_median = cycle_sample = None
    if S.CREATED_DATE in deals and deals[S.CREATED_DATE].notna().any():
        days = (deals[S.CLOSE_DATE] - deals[S.CREATED_DATE]).dt.total_seconds() / 86400
        days = days.to_numpy(dtype=float, na_value=np.nan)
        log_cycle = moments(closing, _log(days), won & (days >= 0))
        cycle_median = closing.median(days, sorted_rows(days, won & (days >= 0)))
        cycle_sample = Sample(who, closing.per, np.where(won & (days >= 0), days, np.nan))
        new_deals = RowCells(idx, who, idx.period(deals[S.CREATED_DATE])).sum()
    activities = None
    if (acts := data.tables.get(S.ACTIVITIES)) is not None and len(acts):
        activities = RowCells(idx, idx.who(S.ACTIVITIES, acts), idx.period(acts[S.DATE])).sum()
    new_leads, log_response, response_median, response_sample = _lead_stats(
        idx, data.tables.get(S.LEADS)
    )
    satisfaction, kind = _feedback_stats(idx, data.tables.get(S.CUSTOMER_FEEDBACK))
    counts = [c for c in (closed, new_deals, activities, new_leads) if c is not None]
    active = row_spans(shape, counts)
    size, log_size = moments(closing, amount, won), moments(closing, _log(amount), won)
    return PeriodStats(
        idx,
        active,
        closed,
        won_n,
        revenue,
        size,
        log_size,
        log_cycle,
        new_deals,
        activities,
        new_leads,
        log_response,
        satisfaction,
        kind,
        cycle_median,
        response_median,
        cycle_sample,
        response_sample,
    )
