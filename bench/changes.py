"""Changes benchmark: two exports of 100k deals compared, after reading (target ≤ 1 s).

    .venv/bin/python -m bench.changes             # 100,000 deals; --deals N --runs N --profile

The later export is the seeded synthetic deals of `bench.kpis` (400 reps in 12 teams over
three years). The earlier one is the same deals a week before: 2% not created yet, 10% of the
open deals with another expected close, 5% with another amount, 3% a stage back, 1% with
another rep, 2% of the won and lost still open. Times `compare` (matching, categories, the
company, team and rep flows, the trend) and the findings on top.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time

import numpy as np
import pandas as pd

from analysis.changes.compare import compare
from analysis.changes.signals import findings, rep_moves
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec
from bench.kpis import synthetic

TARGET_SECONDS = 1.0
QUARTER = PeriodSpec("quarter")


def earlier_export(later: Dataset, seed: int = 2) -> Dataset:
    """Return the later export's deals as they were a week before (see the module's text)."""
    rng = np.random.default_rng(seed)
    deals = later.tables[S.DEALS]
    n = len(deals)
    deals = deals[rng.random(n) >= 0.02].copy()
    n = len(deals)
    is_open = (deals[S.STATUS] == "open").to_numpy()
    moved = is_open & (rng.random(n) < 0.10)
    deals.loc[moved, S.CLOSE_DATE] -= pd.to_timedelta(rng.integers(-60, 60, int(moved.sum())), "D")
    resized = rng.random(n) < 0.05
    deals.loc[resized, S.AMOUNT] *= rng.uniform(0.5, 1.5, int(resized.sum()))
    back = is_open & (rng.random(n) < 0.03)
    deals.loc[back, S.STAGE] = "Negotiation"
    owner = rng.random(n) < 0.01
    deals.loc[owner, S.REP] = deals[S.REP].sample(int(owner.sum()), random_state=1).to_numpy()
    reopened = ~is_open & (rng.random(n) < 0.02)
    deals.loc[reopened, S.STATUS] = "open"
    return Dataset({S.DEALS: deals}, later.set_aside, [], [])


def main() -> None:
    """Build the two exports, time the comparison and print it (and a profile if asked)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="print the top 30 by cumulative")
    args = parser.parse_args()
    start = time.perf_counter()
    later = synthetic(args.deals, 0)
    later = Dataset({S.DEALS: later.tables[S.DEALS]}, later.set_aside, [], [])
    earlier = earlier_export(later)
    print(f"two exports of {args.deals:,} deals: built in {time.perf_counter() - start:.1f} s")
    totals, cpus = [], []
    for run in range(args.runs):
        start, cpu = time.perf_counter(), time.process_time()
        ch = compare([earlier, later], QUARTER)
        assert ch is not None
        compared = time.perf_counter() - start
        found = findings(ch)
        reps = rep_moves(ch)
        total, cpu = time.perf_counter() - start, time.process_time() - cpu
        totals.append(total)
        cpus.append(cpu)
        print(f"  run {run + 1}: {total:.2f} s (compare {compared:.2f} s), CPU {cpu:.2f} s")
    counts = ch.moves["category"].value_counts()
    print(f"{ch.matched:,} matched by {ch.by}; {len(reps)} reps; {len(found)} findings; "
          + ", ".join(f"{k} {v:,}" for k, v in counts.items() if v))  # fmt: skip
    best = min(totals)
    verdict = "PASS" if best <= TARGET_SECONDS else "MISS"
    print(f"best of {args.runs}: {best:.2f} s, CPU {min(cpus):.2f} s (target ≤ "
          f"{TARGET_SECONDS:.0f} s: {verdict})")  # fmt: skip
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(compare, [earlier, later], QUARTER)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
