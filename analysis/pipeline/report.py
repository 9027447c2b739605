"""The pipeline part of the command line's JSON: the open deals and the plan to target.

`pipeline_json` is the document's `pipeline` key; `rep_pipeline_json` goes under each rep as
`reps[].pipeline`. Unknown numbers are None, counts are integers, money is rounded to cents;
the notes are written in English (the JSON's language).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.model.json_values import count, money, ratio
from analysis.pipeline.planning import Plan
from analysis.pipeline.snapshot import Snapshot, by_stage


def _open_part(rows: pd.DataFrame) -> dict[str, Any]:
    slipped, stalled = rows[rows["slipped"]], rows[rows["stalled"]]
    return {
        "open_deals": len(rows),
        "open_value": money(rows["amount"].sum()),
        "slipped_deals": len(slipped),
        "slipped_value": money(slipped["amount"].sum()),
        "stalled_deals": len(stalled),
        "stalled_value": money(stalled["amount"].sum()),
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


def rep_pipeline_json(snap: Snapshot, plan: Plan, rep: str) -> dict[str, Any]:
    """Return one rep's open deals and, when they have a target, what the period ahead needs."""
    out = _open_part(snap.open[snap.open["rep"] == rep])
    rows = plan.reps[plan.reps["rep"] == rep]
    if rows.empty:
        return {**out, "plan": None}
    r = rows.iloc[0]
    out["plan"] = {
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
    return out
