"""The JSON contract of DESIGN.md: period, team and per-rep KPIs, plus data quality.

Unknown numbers are null (never 0, never NaN); counts are integers. Diagnosis fields
(root causes, weak spots, coaching) are present and empty until the diagnosis is built.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis import funnel as F
from analysis import schema as S
from analysis.dataset import Dataset
from analysis.kpi_registry import KPIS
from analysis.kpis import kpis_for
from analysis.periods import PeriodChoice, PeriodSpec

MIN_CLOSED_DEALS = 5  # fewer closed deals in the period: too little data to judge a rep


def _number(key: str, value: float | None) -> float | int | None:
    """Return a KPI value for JSON: None stays None, counts become integers."""
    if value is None or pd.isna(value):
        return None
    return round(value) if KPIS[key].unit == "count" else float(value)


def _kpis(values: dict[str, float | None], scope: str) -> dict[str, float | int | None]:
    return {key: _number(key, value) for key, value in values.items() if scope in KPIS[key].scopes}


def contract(
    data: Dataset, table: pd.DataFrame, spec: PeriodSpec, choice: PeriodChoice
) -> dict[str, Any]:
    """Return the period, team and reps parts of the JSON contract for the chosen period."""
    period = {
        "current": choice.current,
        "previous": choice.previous,
        "granularity": spec.grain,
        "partial": choice.partial,
        "note": choice.note,
    }
    if choice.current is None:
        return {"period": period, "team": {}, "reps": []}
    team = _kpis(kpis_for(table, choice.current), "all")
    order = F.stage_order(data.tables[S.DEALS]) if S.DEALS in data.tables else None
    funnel = F.funnel_table(data, spec, order) if order else pd.DataFrame(columns=F.COLUMNS)
    reps_table = table[table["scope"] == "rep"]
    names = sorted(str(r) for r in reps_table["rep"].dropna().unique())
    teams = _rep_teams(reps_table)
    reps = []
    for rep in names:
        values = _kpis(kpis_for(table, choice.current, rep=rep), "rep")
        closed = values.get("closed_deals") or 0
        reps.append(
            {
                "rep": rep,
                "team": teams.get(rep),
                "status": "ok" if closed >= MIN_CLOSED_DEALS else "insufficient_data",
                "kpis": values,
                "funnel": _funnel(funnel, choice.current, rep),
                "root_causes": [],
                "weak_spots": [],
                "coaching": [],
            }
        )
    company_funnel = {
        "stages": [*order.stages, F.WON_STAGE] if order and order.stages else [],
        "note": (order.note + " " + F.ORDER_NOTE) if order and order.stages else "",
        **_funnel(funnel, choice.current),
    }
    return {"period": period, "team": team, "funnel": company_funnel, "reps": reps}


def _funnel(funnel: pd.DataFrame, period: str, rep: str | None = None) -> dict[str, list]:
    """Return deals reaching each stage and conversion to the next, of a rep or the company."""
    rows = F.funnel_of(funnel, [period], rep)
    return {
        "reached": [int(v) for v in rows["reached"]],
        "conversion": [None if pd.isna(v) else float(v) for v in rows["conversion"]],
    }


def _rep_teams(reps_table: pd.DataFrame) -> dict[str, str | None]:
    pairs = reps_table[["rep", "team"]].drop_duplicates("rep")
    return {
        str(rep): (None if pd.isna(team) else str(team))
        for rep, team in zip(pairs["rep"], pairs["team"], strict=True)
    }
