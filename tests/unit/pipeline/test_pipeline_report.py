"""The JSON's reps[].pipeline, every rep at once, against test_pipeline.py's deals by hand."""

from __future__ import annotations

from analysis.kpis.table import kpi_table
from analysis.model.periods import current_and_previous
from analysis.pipeline.planning import plan
from analysis.pipeline.report import rep_pipeline_json, rep_pipelines
from analysis.pipeline.snapshot import snapshot
from tests.tables import dataset
from tests.unit.pipeline.test_pipeline import DEALS, HISTORY, QUARTER, TARGETS


def test_each_reps_open_slipped_and_stalled_deals_and_plan() -> None:
    data = dataset(deals=DEALS, targets=TARGETS, stage_history=HISTORY)
    snap = snapshot(data)
    planned = plan(data, kpi_table(data, QUARTER), QUARTER, current_and_previous(data, QUARTER),
                   snap)  # fmt: skip
    out = rep_pipelines(snap, planned, ["Anna", "Bob", "Cas"])
    # Open on 31 March: Anna D1 €10,000 and D2 €5,000 (past its close: slipped; 120 days
    # without news against a usual 54: stalled); Bob D4 €20,000 (181 days in Demo: stalled).
    anna = {key: out["Anna"][key] for key in out["Anna"] if key != "plan"}
    assert anna == {
        "open_deals": 2, "open_value": 15000.0, "slipped_deals": 1, "slipped_value": 5000.0,
        "stalled_deals": 1, "stalled_value": 5000.0,
    }  # fmt: skip
    assert (out["Bob"]["open_deals"], out["Bob"]["open_value"]) == (1, 20000.0)
    assert (out["Bob"]["slipped_deals"], out["Bob"]["slipped_value"]) == (0, 0.0)
    assert (out["Bob"]["stalled_deals"], out["Bob"]["stalled_value"]) == (1, 20000.0)
    # Targets for 2026-Q2: Anna €30,000, Bob €40,000; nothing won in it yet. Cas: no deals.
    assert (out["Anna"]["plan"]["target"], out["Anna"]["plan"]["still_to_win"]) == (
        30000.0,
        30000.0,
    )
    assert out["Bob"]["plan"]["target"] == 40000.0
    assert out["Cas"] == {
        "open_deals": 0, "open_value": 0.0, "slipped_deals": 0, "slipped_value": 0.0,
        "stalled_deals": 0, "stalled_value": 0.0, "plan": None,
    }  # fmt: skip
    assert rep_pipeline_json(snap, planned, "Bob") == out["Bob"]
