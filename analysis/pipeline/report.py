"""The pipeline part of the command line's JSON: the open deals and the plan to target.

`pipeline_json` is the document's `pipeline` key; `rep_pipelines` goes under each rep as
`reps[].pipeline`. Unknown numbers are None, counts are integers, money is rounded to cents;
the notes are written in English (the JSON's language).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.model.json_values import count, money, ratio
from analysis.pipeline.planning import Plan
from analysis.pipeline.snapshot import Snapshot, by_stage


def _total(amounts: np.ndarray) -> float:
    """Return the sum as `Series.sum` gives it: NaN counted as 0, numpy's sum in row order."""
    return float(np.where(np.isnan(amounts), 0.0, amounts).sum())


def _open(amount: np.ndarray, slipped: np.ndarray, stalled: np.ndarray) -> dict[str, Any]:
    """Return the number and value of open deals, of those slipped and of those stalled."""
    return {
        "open_deals": len(amount),
        "open_value": money(_total(amount)),
        "slipped_deals": int(slipped.sum()),
        "slipped_value": money(_total(amount[slipped])),
        "stalled_deals": int(stalled.sum()),
        "stalled_value": money(_total(amount[stalled])),
    }


def _columns(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    amount = rows["amount"].to_numpy(float)
    return amount, rows["slipped"].to_numpy(bool), rows["stalled"].to_numpy(bool)


def _open_part(rows: pd.DataFrame) -> dict[str, Any]:
    return _open(*_columns(rows))


def _open_by_rep(rows: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Return `_open_part` of each rep's open deals: sorted by rep once, then sliced."""
    codes, reps = pd.factorize(rows["rep"])
    order = np.argsort(codes, kind="stable")  # each rep's deals stay in their row order
    bounds = np.searchsorted(codes[order], np.arange(len(reps) + 1))
    amount, slipped, stalled = (c[order] for c in _columns(rows))
    return {
        str(rep): _open(amount[lo:hi], slipped[lo:hi], stalled[lo:hi])
        for rep, lo, hi in zip(reps, bounds[:-1], bounds[1:], strict=True)
    }


def pipeline_json(snap: Snapshot, plan: Plan) -> dict[str, Any]:
    """Return the company's open pipeline on the data's last day, by stage, and the plan."""
    stages = by_stage(snap)
    return {
        "as_of": None if snap.as_of is None else f"{snap.as_of:%Y-%m-%d}",
        **_open_part(snap.open),
        "stalled_rule": snap.stalled_basis.text("en") if snap.stalled_basis else None,
        "from_stage_history": snap.has_history,
        "stages": [
            {"stage": str(s), "deals": int(n), "value": money(v)}
            for s, n, v in zip(stages["stage"], stages["deals"], stages["value"], strict=True)
        ],
        "plan": {
            "period": plan.period,
            "targets_from": plan.target_period,
            "rates_from": plan.history,
            "note": plan.note.text("en"),
        },
    }


def rep_pipelines(snap: Snapshot, plan: Plan, reps: list[str]) -> dict[str, dict[str, Any]]:
    """Return each rep's open deals and, when they have a target, what the period ahead needs
    (every rep at once: one pass over the open deals and one over the plan)."""
    opened = _open_by_rep(snap.open)
    nothing = _open(np.zeros(0), np.zeros(0, bool), np.zeros(0, bool))
    plans = {str(r["rep"]): _plan(r) for r in plan.reps.drop_duplicates("rep").to_dict("records")}
    return {rep: {**opened.get(rep, nothing), "plan": plans.get(rep)} for rep in reps}


def rep_pipeline_json(snap: Snapshot, plan: Plan, rep: str) -> dict[str, Any]:
    """Return one rep's open deals and, when they have a target, what the period ahead needs."""
    return rep_pipelines(snap, plan, [rep])[rep]


def _plan(r: dict[str, Any]) -> dict[str, Any]:
    """Return a rep's row of the plan as the JSON writes it."""
    return {
        "target": money(r["target"]),
        "still_to_win": money(r["still_to_win"]),
        "open_value_due": money(r["open_value"]),
        "win_rate": ratio(r["win_rate"]),
        "win_rate_basis": str(r["win_rate_basis"]),  # "recent" (it fell), "history" or "none"
        "deal_size": money(r["deal_size"]),
        "expected_from_open": money(r["expected"]),
        "gap": money(r["gap"]),
        "won_deals_needed": count(r["won_needed"]),
        "new_deals_needed": count(r["new_needed"]),
        "coverage": ratio(r["coverage"]),
        "status": str(r["status"]),
    }
