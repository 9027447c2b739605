"""What the Leads tab of the Pipeline & funnel page shows, worked out: one `LeadsView`.

Built by `leads_view` from the dataset, its KPI table and the period grain; its sentences are
`Say`s (written where the tab is drawn), and a part the export cannot fill says what it needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from analysis.kpis.registry import missing_inputs
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import (
    TREND_PERIODS,
    PeriodChoice,
    PeriodSpec,
    all_periods,
    current_and_previous,
    period_bounds,
)
from analysis.pipeline import leads as L
from analysis.words.message import Joined, Say, joined


@dataclass(frozen=True)
class LeadsView:
    """The Leads tab: response time (point, per rep, over time) and conversion (bands, sources).

    A `*_lacks` that is not None says which table or column would switch its part on, and the
    part's numbers are then left empty.
    """

    absent: Say | None  # why there is no tab at all (no leads, no dates)
    current: str | None = None
    point: L.ResponsePoint | None = None
    point_note: Say | Joined | None = None  # unanswered leads, and what is compared
    response_lacks: Say | None = None
    reps: pd.DataFrame | None = None  # `leads.rep_response` of the current period
    reps_lacks: Say | None = None
    names: tuple[str, ...] = ()  # the reps the picker offers, slowest first
    first: int = 0  # the rep picked first: the slowest named in the point
    trend_periods: tuple[str, ...] = ()
    span: Say | None = None  # the periods conversion is counted over
    by_band: pd.DataFrame | None = None
    verdict: L.Verdict | None = None
    bands_lacks: Say | None = None
    by_source: pd.DataFrame | None = None
    source_note: Say | None = None
    sources_lacks: Say | None = None


def _column_label(column: str) -> Say:
    """Return 'Leads: Lead source' for a column of the leads table."""
    return Say("leads.column", table=Say(f"tables.{S.LEADS}"),
               field=S.TABLES[S.LEADS].field(column).label)  # fmt: skip


def _needs(what: str, lacking: list) -> Say | None:
    """Return which table or column would switch a part on (None when nothing lacks)."""
    if not lacking:
        return None
    return Say("leads.needs", what=Say(f"leads.what.{what}"), lacks=joined(lacking, "leads.and"))


def _response(table: pd.DataFrame, periods: list[str], previous: str | None) -> dict:
    """Return the response part: the point, the reps behind it and the picker's choices."""
    current = periods[-1]
    point = L.response_point(table, current, previous, periods[:-1][-L.HISTORY :])
    note: Say | Joined = L.unanswered_note(table, current)
    if previous:
        note = joined([note, Say("leads.compared", previous=previous)], " ")
    reps = L.rep_response(table, current)
    names = tuple(reps.dropna(subset=["median_hours"])["rep"])
    return {
        "point": point,
        "point_note": note,
        "reps": reps,
        "reps_lacks": _needs("rep_response", [_column_label(S.REP)]) if reps.empty else None,
        "names": names,
        "first": names.index(point.slowest) if point.slowest in names else 0,
        "trend_periods": tuple(periods[-TREND_PERIODS:]),
    }


def _conversion(tables: Mapping[str, pd.DataFrame], end: pd.Timestamp) -> dict:
    """Return the conversion part: by response band with its verdict, and by source."""
    leads = tables[S.LEADS]
    converting = missing_inputs(tables, L.CONVERSION)
    out: dict = {}
    lacking = converting + missing_inputs(tables, L.RESPONSE)
    out["bands_lacks"] = _needs("bands", lacking)
    if not lacking:
        out["by_band"] = L.conversion_by_band(leads, end)
        out["verdict"] = L.verdict(out["by_band"])
    has_source = S.SOURCE in leads and leads[S.SOURCE].notna().any()
    lacking = converting + ([] if has_source else [_column_label(S.SOURCE)])
    out["sources_lacks"] = _needs("sources", lacking)
    if not lacking:
        out["by_source"] = L.conversion_by_source(leads, end)
        out["source_note"] = L.source_note(out["by_source"])
    return out


def leads_view(
    data: Dataset, table: pd.DataFrame, spec: PeriodSpec, choice: PeriodChoice | None = None
) -> LeadsView:
    """Return what the Leads tab shows of the data up to the period shown (default: the last
    complete one)."""
    leads = data.tables.get(S.LEADS)
    if leads is None or leads.empty:
        return LeadsView(Say("leads.no_sheet"))
    choice = choice or current_and_previous(data, spec)
    if choice.current is None:
        return LeadsView(Say("leads.no_dates"))
    periods = all_periods(data, spec)
    periods = periods[: periods.index(choice.current) + 1]
    response_lacks = _needs("response", missing_inputs(data.tables, L.RESPONSE))
    response = {} if response_lacks else _response(table, periods, choice.previous)
    end = period_bounds(periods[-1], spec)[1]
    return LeadsView(
        None,
        current=periods[-1],
        response_lacks=response_lacks,
        span=Say("leads.span", first=periods[0], last=periods[-1]),
        **response,
        **_conversion(data.tables, end),
    )
