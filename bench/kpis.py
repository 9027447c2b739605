"""KPI benchmark: every KPI for every rep and period on 1M deals + 3M activities.

    make bench-kpis          # = .venv/bin/python -m bench.kpis

Builds the canonical tables directly (seeded, 400 reps in 12 teams over three years, 50k
accounts), then times `kpi_table` per grain (best and all of 3 runs) and reports the extra
memory it allocates (tracemalloc) and the process's peak RSS. Target: ≤ 2 s. The funnel
(`funnel_table` from a 3.5M-row stage history, every rep, team and period by stage), the open
pipeline snapshot (`pipeline.snapshot`: age, slipped, stalled against each rep's stage times),
the plan to target (`planning.plan`) and the whole diagnosis of one period (`findings.find`:
root causes, weak spots, coaching for every rep and team) are timed beside it.
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc

import numpy as np
import pandas as pd

from analysis.kpis.table import kpi_table
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec, current_and_previous
from analysis.pipeline.funnel import funnel_table
from analysis.pipeline.planning import plan
from analysis.pipeline.snapshot import snapshot
from analysis.review.findings import find

TARGET_SECONDS = 2.0


def _text(values: np.ndarray) -> pd.Series:
    return pd.Series(values, dtype="string")


def synthetic(deals: int, activities: int, reps: int = 400, teams: int = 12) -> Dataset:
    """Return a dataset of seeded deals and activities shaped like the canonical tables."""
    rng = np.random.default_rng(1)
    names = np.array([f"Rep {i:04d}" for i in range(reps)], dtype=object)
    team_of = np.array([f"Team {i % teams}" for i in range(reps)], dtype=object)
    who = rng.integers(0, reps, deals)
    created = pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 3 * 365, deals), "D")
    close = created + pd.to_timedelta(rng.integers(1, 120, deals), "D")
    status = rng.choice(np.array(["won", "lost", "open"], dtype=object), deals, p=[0.3, 0.5, 0.2])
    open_stage = rng.choice(
        np.array(["Prospecting", "Qualification", "Proposal", "Negotiation"]), deals
    )
    stage = np.where(
        status == "won", "Closed Won", np.where(status == "lost", "Closed Lost", open_stage)
    )
    accounts = np.char.add("Acc ", rng.integers(0, 50_000, deals).astype(str)).astype(object)
    deal_frame = pd.DataFrame(
        {
            "rep": _text(names[who]),
            "team": _text(team_of[who]),
            "amount": rng.lognormal(9.5, 0.5, deals),
            "stage": _text(stage.astype(object)),
            "status": status,
            "close_date": close.to_numpy(dtype="datetime64[ns]"),
            "created_date": created.to_numpy(dtype="datetime64[ns]"),
            "account": _text(accounts),
        }
    )
    doer = rng.integers(0, reps, activities)
    days = pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 3 * 365, activities), "D")
    kinds = np.array(["Call", "Meeting", "Email", "Demo"], dtype=object)
    activity_frame = pd.DataFrame(
        {
            "rep": _text(names[doer]),
            "date": days.to_numpy(dtype="datetime64[ns]"),
            "type": _text(rng.choice(kinds, activities)),
            "team": _text(team_of[doer]),
        }
    )
    deal_frame["deal_id"] = _text(np.char.add("D", np.arange(deals).astype(str)).astype(object))
    linked = rng.random(activities) < 0.5
    activity_frame["deal_id"] = _text(
        np.where(linked, deal_frame["deal_id"].to_numpy(object)[rng.integers(0, deals, activities)],
                 None)
    )  # fmt: skip
    tables = {
        "deals": deal_frame,
        "activities": activity_frame,
        "stage_history": _history(deal_frame, rng),
        "targets": _targets(names, team_of),
    }
    return Dataset(tables, pd.DataFrame(), [], [])


OPEN_STAGES = np.array(["Prospecting", "Qualification", "Proposal", "Negotiation"], dtype=object)


def _history(deals: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Return one row per stage a deal entered (about 3.5 per deal), spread over its life."""
    status = deals["status"].to_numpy(object)
    position = pd.Series(deals["stage"]).map({s: i + 1 for i, s in enumerate(OPEN_STAGES)})
    passed = np.where(status == "won", 4, np.where(status == "lost", rng.integers(1, 5, len(deals)),
                                                    position.fillna(1).to_numpy(int)))  # fmt: skip
    closed = status != "open"
    rows = passed + closed
    deal = np.repeat(np.arange(len(deals)), rows)
    step = np.arange(len(deal)) - np.repeat(np.cumsum(rows) - rows, rows)
    is_close = closed[deal] & (step == passed[deal])
    stage = np.where(
        is_close, deals["stage"].to_numpy(object)[deal], OPEN_STAGES[np.minimum(step, 3)]
    )
    created = deals["created_date"].to_numpy("datetime64[ns]")[deal]
    span = (deals["close_date"].to_numpy("datetime64[ns]") - deals["created_date"].to_numpy(
        "datetime64[ns]"))[deal]  # fmt: skip
    changed = created + (span * (step / np.maximum(rows[deal] - 1, 1))).astype("timedelta64[ns]")
    return pd.DataFrame(
        {
            "deal_id": deals["deal_id"].to_numpy(object)[deal],
            "stage": _text(stage),
            "changed_at": changed,
        }
    ).astype({"deal_id": "string"})


def _targets(names: np.ndarray, team_of: np.ndarray) -> pd.DataFrame:
    """Return a target per rep per quarter of 2023-2026."""
    quarters = pd.period_range("2023Q1", "2026Q4", freq="Q")
    rep = np.repeat(names, len(quarters))
    start = np.tile(quarters.start_time.to_numpy("datetime64[ns]"), len(names))
    end = np.tile((quarters + 1).start_time.to_numpy("datetime64[ns]"), len(names))
    return pd.DataFrame(
        {"rep": _text(rep), "team": _text(np.repeat(team_of, len(quarters))),
         "period": start, "period_end": end, "period_grain": "quarter", "target": 90_000.0}
    )  # fmt: skip


def main() -> None:
    """Time kpi_table per grain and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deals", type=int, default=1_000_000)
    parser.add_argument("--activities", type=int, default=3_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data = synthetic(args.deals, args.activities)
    print(f"{args.deals:,} deals, {args.activities:,} activities")
    for grain in ("quarter", "month"):
        spec = PeriodSpec(grain)  # type: ignore[arg-type]
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            table = kpi_table(data, spec)
            times.append(time.perf_counter() - start)
        tracemalloc.start()
        kpi_table(data, spec)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        verdict = "PASS" if min(times) <= TARGET_SECONDS else "MISS"
        runs = ", ".join(f"{t:.2f}" for t in times)
        print(
            f"{grain:8s} best {min(times):.2f} s ({runs}) {verdict} ≤ {TARGET_SECONDS:.0f} s; "
            f"{len(table):,} rows; {peak:,.0f} MiB allocated"
        )
        start = time.perf_counter()
        funnel = funnel_table(data, spec)
        print(f"{'':8s} funnel from the stage history {time.perf_counter() - start:.2f} s; "
              f"{len(funnel):,} rows")  # fmt: skip
        start = time.perf_counter()
        snap = snapshot(data)
        middle = time.perf_counter()
        ahead = plan(data, table, spec, current_and_previous(data, spec), snap)
        print(f"{'':8s} open pipeline {middle - start:.2f} s ({len(snap.open):,} open deals, "
              f"{int(snap.open['stalled'].sum()):,} stalled); plan to target "
              f"{time.perf_counter() - middle:.2f} s for {len(ahead.reps)} reps")  # fmt: skip
        start = time.perf_counter()
        # deals are created until the end of 2025: the diagnosis looks at a period of steady flow
        found = find(data, spec, "2025-Q3" if grain == "quarter" else "2025-09", table)
        flagged = sum(d.status == "flagged" for d in found.reps)
        print(
            f"{'':8s} diagnosis, weak spots and coaching {time.perf_counter() - start:.2f} s "
            f"for {len(found.reps)} reps ({flagged} flagged)"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the process {rss:,.0f} MiB")


if __name__ == "__main__":
    main()
