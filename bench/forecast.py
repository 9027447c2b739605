"""Forecast benchmark: training, backtest and the period's range on 100k deals (target ≤ 5 s).

    .venv/bin/python -m bench.forecast             # 100,000 deals; --deals N --runs N --profile

Builds the seeded synthetic deals, activities, stage history and targets of `bench.kpis`
(400 reps in 12 teams over three years; the last created deals are still open), then times
`forecast(data, PeriodSpec("quarter"))` end to end: the deal facts, the training examples, the
model fits, the four-period backtest, the simulated ranges and the per-deal reasons. Each part is
timed by wrapping the function that does it (a part called inside another, like the fits inside
the backtest, is counted in both).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from analysis.forecast import backtest, chances, examples, landing, outlook, ranges
from analysis.model.periods import PeriodSpec
from bench.kpis import synthetic

TARGET_SECONDS = 5.0
QUARTER = PeriodSpec("quarter")
# part name -> (module whose attribute is called, attribute)
PARTS: dict[str, list[tuple[Any, str]]] = {
    "deal_facts": [(outlook, "deal_facts")],
    "examples": [(outlook, "examples"), (landing, "examples")],
    "fit": [(landing, "fit")],
    "backtest": [(outlook, "backtest")],
    "simulate": [(landing, "simulated_totals"), (landing, "simulated_company")],
    "reasons": [(outlook, "reasons")],
}


def _timer(spent: dict[str, float], part: str, call: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return call(*args, **kwargs)
        finally:
            spent[part] += time.perf_counter() - start

    return timed


def timed_run(data: Any) -> tuple[float, float, dict[str, float], Any]:
    """Return the forecast's seconds (wall clock, and CPU: what a quiet machine would take),
    the seconds of each part, and the forecast."""
    spent: dict[str, float] = defaultdict(float)
    saved = []
    for part, places in PARTS.items():
        for module, name in places:
            saved.append((module, name, getattr(module, name)))
            setattr(module, name, _timer(spent, part, getattr(module, name)))
    try:
        start, cpu = time.perf_counter(), time.process_time()
        fc = outlook.forecast(data, QUARTER)
        total, cpu = time.perf_counter() - start, time.process_time() - cpu
    finally:
        for module, name, original in saved:
            setattr(module, name, original)
    return total, cpu, dict(spent), fc


def main() -> None:
    """Build the dataset, time the forecast and print its parts (and a profile if asked)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="print the top 30 by cumulative")
    args = parser.parse_args()
    start = time.perf_counter()
    data = synthetic(args.deals, args.deals * 3)
    print(f"{args.deals:,} deals, {args.deals * 3:,} activities: built in "
          f"{time.perf_counter() - start:.1f} s")  # fmt: skip
    totals, cpus = [], []
    for run in range(args.runs):
        total, cpu, spent, fc = timed_run(data)
        totals.append(total)
        cpus.append(cpu)
        parts = ", ".join(f"{k} {v:.2f}" for k, v in spent.items())
        print(f"  run {run + 1}: {total:.2f} s, CPU {cpu:.2f} s ({parts})")
    assert fc is not None
    best = min(totals)
    verdict = "PASS" if best <= TARGET_SECONDS else "MISS"
    print(f"forecast of {fc.period} ({fc.method}, {fc.why}), {len(fc.deals):,} open deals, "
          f"{len(fc.backtest.periods) // 2} periods backtested")  # fmt: skip
    print(f"best of {args.runs}: {best:.2f} s, CPU {min(cpus):.2f} s (target ≤ "
          f"{TARGET_SECONDS:.0f} s: {verdict})")  # fmt: skip
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(outlook.forecast, data, QUARTER)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)


# these modules are imported so their attributes can be wrapped; keep the linter from pruning
_ = (backtest, chances, examples, ranges)

if __name__ == "__main__":
    main()
