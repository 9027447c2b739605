"""The JSON contract of DESIGN.md: period, team and per-rep KPIs and diagnosis, data quality.

Unknown numbers are null (never 0, never NaN); counts are integers; money is rounded to cents.
Each rep carries its status, root causes, weak spots and coaching as the contract names them
(with a few added keys); `diagnosis` adds the team's and each team's revenue bridge and causes
and the team-level coaching. Every text is written in English (`en`).
"""

from __future__ import annotations

import json
from itertools import islice
from typing import Any, TextIO

import numpy as np
import pandas as pd

from analysis.coaching.plan import Suggestion
from analysis.diagnosis.bridge import Bridge, to_cents
from analysis.diagnosis.causes import Cause
from analysis.diagnosis.diagnose import Diagnosis
from analysis.diagnosis.weak_spots import WeakSpot
from analysis.kpis.query import REP, KpiTable, kpis_for
from analysis.kpis.registry import KPIS
from analysis.model.dataset import Dataset
from analysis.model.json_values import money
from analysis.model.periods import PeriodChoice, PeriodSpec
from analysis.pipeline import funnel as F
from analysis.pipeline.planning import Plan
from analysis.pipeline.report import pipeline_json, rep_pipelines
from analysis.pipeline.snapshot import Snapshot
from analysis.review.findings import Findings
from analysis.words.message import text


def en(said: object) -> Any:
    """Return a `Say` (or plain text) written in English, the JSON's language; None is ""."""
    return "" if said is None else text(said, "en")


def _number(key: str, value: float | None) -> float | int | None:
    """Return a KPI value for JSON: None stays None, counts become integers."""
    if value is None or pd.isna(value):
        return None
    return round(value) if KPIS[key].unit == "count" else float(value)


def _kpis(values: dict[str, float | None], scope: str) -> dict[str, float | int | None]:
    return {key: _number(key, value) for key, value in values.items() if scope in KPIS[key].scopes}


def period_json(spec: PeriodSpec, choice: PeriodChoice) -> dict[str, Any]:
    """Return the `period` part: the period reported on, the one before, grain and note."""
    out = {
        "current": choice.current,
        "previous": choice.previous,
        "granularity": spec.grain,
        "partial": choice.partial,
        "note": en(choice.note),
    }
    if choice.so_far:  # every period counted over its first `so_far_days` days only
        out["so_far_days"] = choice.so_far
    return out


def kpis_json(table: pd.DataFrame, period: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Return the team's KPIs and each rep's name, team and KPIs (sorted by name)."""
    team = _kpis(kpis_for(table, period), "all")
    reps_table = KpiTable(table).rows(REP)
    names = sorted(str(r) for r in reps_table["rep"].dropna().unique())
    teams = _rep_teams(reps_table)
    found = _rep_values(reps_table, period)
    reps = [
        {"rep": rep, "team": teams.get(rep), "kpis": _kpis(_every_kpi(found.get(rep, {})), "rep")}
        for rep in names
    ]
    return team, reps


def _rep_values(reps_table: pd.DataFrame, period: str) -> dict[str, dict[str, float]]:
    """Return {rep: {KPI key: value}} in the period, NaN dropped: `KpiTable.values` of every
    rep at once (one pass over the period's rows; a repeated KPI: the last row counts)."""
    rows = reps_table[(reps_table["period"] == period).to_numpy(bool)]
    out: dict[str, dict[str, float]] = {}
    for rep, kpi, value in zip(rows["rep"], rows["kpi"].astype(str), rows["value"], strict=True):
        if not pd.isna(rep):
            out.setdefault(str(rep), {})[kpi] = value
    return {r: {k: float(v) for k, v in got.items() if not np.isnan(v)} for r, got in out.items()}


def _every_kpi(found: dict[str, float]) -> dict[str, float | None]:
    """Return every registry KPI's value, None where unknown (as `kpis_for` gives them)."""
    return {key: found.get(key) for key in KPIS}


def funnel_json(
    data: Dataset, spec: PeriodSpec, period: str, reps: list[str]
) -> tuple[dict[str, Any], dict[str, dict[str, list]]]:
    """Return the company's funnel (stages, note, reached, conversion) and each rep's."""
    order = F.funnel_order(data)
    funnel = F.funnel_table(data, spec, order) if order else pd.DataFrame(columns=F.COLUMNS)
    company = {
        "stages": [*order.stages, F.WON_STAGE] if order and order.stages else [],
        "note": F.funnel_note(data, order).text("en") if order and order.stages else "",
        **_funnel(funnel, period),
    }
    reached = F.rep_reached(funnel, [period])  # every rep at once: no pass over the table each
    return company, {rep: _steps(reached.get(rep)) for rep in reps}


def diagnosis_json(
    findings: Findings | None, reps: list[str]
) -> tuple[dict[str, Any] | None, dict[str, dict[str, Any]]]:
    """Return the `diagnosis` part and each rep's status, causes, weak spots, coaching and note."""
    per_rep = {}
    for rep in reps:
        found = findings.of(rep) if findings else None
        per_rep[rep] = {
            "status": found.status if found else "insufficient_data",
            "root_causes": [_cause(c) for c in found.causes] if found else [],
            "weak_spots": [_spot(w) for w in findings.weak_spots.get(rep, [])] if findings else [],
            "coaching": [_suggestion(s) for s in findings.plans.get(rep, [])] if findings else [],
            "note": en(found.note) if found else "Not active in this period.",
        }
    return (_diagnosis(findings) if findings is not None else None), per_rep


def pipeline_parts(
    snap: Snapshot, plan: Plan, reps: list[str]
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Return the `pipeline` part and each rep's open deals and plan."""
    return pipeline_json(snap, plan), rep_pipelines(snap, plan, reps)


Parts = tuple[Any, dict[str, Any]]  # a section's own key, and its keys of each rep
NO_DIAGNOSIS = dict.fromkeys(("status", "root_causes", "weak_spots", "coaching", "note"))


def assemble(
    period: dict[str, Any],
    kpis: tuple[dict[str, Any], list[dict[str, Any]]] | None,
    funnel: Parts | None,
    diagnosis: Parts | None,
    pipeline: Parts | None,
) -> dict[str, Any]:
    """Return the JSON contract from its sections; a failed section (None) is null everywhere.

    Without the KPIs there is no list of reps: `team` and `reps` are null. Without the
    diagnosis each rep's status, causes, weak spots, coaching and note are null (unknown,
    not "insufficient data": nothing was judged).
    """
    reps = None
    if kpis is not None:
        reps = []
        for rep in kpis[1]:
            name = rep["rep"]
            reps.append(
                {
                    **rep,
                    "funnel": funnel[1].get(name) if funnel else None,
                    **(diagnosis[1].get(name, NO_DIAGNOSIS) if diagnosis else NO_DIAGNOSIS),
                    "pipeline": pipeline[1].get(name) if pipeline else None,
                }
            )
    return {
        "period": period,
        "team": kpis[0] if kpis else None,
        "funnel": funnel[0] if funnel else None,
        "reps": reps,
        "diagnosis": diagnosis[0] if diagnosis else None,
        "pipeline": pipeline[0] if pipeline else None,
    }


def _cause(cause: Cause) -> dict[str, Any]:
    """Return a root cause as the contract names it, plus label, before and after."""
    return {
        "code": cause.code,
        "contribution": money(cause.contribution),
        # the share of the fall in revenue its contribution explains (None: no part of a fall)
        "share_of_change": None if cause.share is None else round(cause.share, 4),
        "confidence": round(cause.confidence, 4),
        "evidence": en(cause.evidence),
        "label": en(cause.label),
        "shared_with": en(cause.shared_label) if cause.shared_label else None,
        "kpi": cause.kpi,
        "before": cause.before,
        "after": cause.after,
    }


def _spot(spot: WeakSpot) -> dict[str, Any]:
    """Return a weak spot as the contract names it, plus the shrunk value and sample."""
    return {
        "kpi": spot.kpi,
        "rep": spot.rep_value,
        "team": spot.team,
        "confidence": round(spot.confidence, 4),
        "shrunk": spot.shrunk,
        "n": spot.n,
        "at_stake": money(spot.at_stake),
        "evidence": en(spot.evidence),
        "stage": spot.stage,
    }


def _suggestion(suggestion: Suggestion) -> dict[str, Any]:
    return {
        "action": en(suggestion.action),
        "because": en(suggestion.because),
        "source": suggestion.source,
        "lever": en(suggestion.lever),
        "peer": suggestion.peer,
    }


def _bridge(bridge: Bridge | None) -> dict[str, Any] | None:
    """Return the revenue bridge with its parts in cents, adding up exactly to the change."""
    if bridge is None:
        return None
    cents = to_cents(bridge)
    return {
        "before": money(bridge.before),
        "after": money(bridge.after),
        "change": round(sum(cents), 2),
        "parts": [
            {
                "factor": p.factor,
                "label": en(p.label),
                "before": p.before,
                "after": p.after,
                "contribution": c,
            }
            for p, c in zip(bridge.parts, cents, strict=True)
        ],
    }


def _scope(diagnosis: Diagnosis) -> dict[str, Any]:
    return {
        "status": diagnosis.status,
        "reference": en(diagnosis.reference),
        "bridge": _bridge(diagnosis.bridge),
        "root_causes": [_cause(c) for c in diagnosis.causes],
        "note": en(diagnosis.note),
    }


def _diagnosis(findings: Findings) -> dict[str, Any]:
    """Return the team's and each team's bridge and causes, and the team-level coaching."""
    company = findings.company
    return {
        "team": _scope(company) if company else None,
        "teams": [{"team": d.name, **_scope(d)} for d in findings.teams],
        "coaching": [_suggestion(s) for s in findings.team_plan],
        "weak_spots_compared_over": en(findings.compared_over),
    }


def _funnel(funnel: pd.DataFrame, period: str) -> dict[str, list]:
    """Return the company's deals reaching each stage and conversion to the next."""
    return _steps(F.funnel_of(funnel, [period])["reached"].to_numpy())


def _steps(reached: np.ndarray | None) -> dict[str, list]:
    """Return deals reaching each stage and conversion to the next (empty lists: no deals)."""
    if reached is None or not len(reached):
        return {"reached": [], "conversion": []}
    return {
        "reached": [int(v) for v in reached],
        "conversion": [None if np.isnan(v) else float(v) for v in F.conversion(reached)],
    }


def _rep_teams(reps_table: pd.DataFrame) -> dict[str, str | None]:
    pairs = reps_table[["rep", "team"]].drop_duplicates("rep")
    return {
        str(rep): (None if pd.isna(team) else str(team))
        for rep, team in zip(pairs["rep"], pairs["team"], strict=True)
    }


def write_document(doc: dict[str, Any], out: TextIO) -> None:
    """Write the document as indented JSON and a newline, as json.dumps writes it, 64k pieces
    at a time (the 1M-deal JSON is 116 MB: as one text it took 0.6 GB more at its peak)."""
    pieces = json.JSONEncoder(indent=2, ensure_ascii=False, default=str).iterencode(doc)
    while batch := list(islice(pieces, 65_536)):
        out.write("".join(batch))
    out.write("\n")
