"""KPI benchmark: every KPI for every rep and period on 1M deals + 3M activities.

    make bench-kpis          # = .venv/bin/python -m bench.kpis

Builds the canonical tables directly (seeded, 400 reps in 12 teams over three years, 50k
accounts), then times `kpi_table` per grain (best and all of 3 runs) and reports the extra
memory it allocates (tracemalloc) and the process's peak RSS. Target: ≤ 2 s. The funnel
(`funnel_table`, every rep, team and period by stage) and the whole diagnosis of one period
(`findings.find`: root causes, weak spots, coaching for every rep and team) are timed beside it.
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc

import numpy as np
import pandas as pd

from analysis.dataset import Dataset
from analysis.findings import find
from analysis.funnel import funnel_table
from analysis.kpis import kpi_table
from analysis.periods import PeriodSpec

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
    tables = {"deals": deal_frame, "activities": activity_frame}
    return Dataset(tables, pd.DataFrame(), [], [])


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
        print(f"{'':8s} funnel {time.perf_counter() - start:.2f} s; {len(funnel):,} rows")
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
