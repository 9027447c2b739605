"""Diagnosis against planted truth: recall of planted causes and false flags, over many seeds.

    .venv/bin/python -m bench.diagnosis            # 20 seeds, quarters; --seeds 40 --grain month

For each seed the sample generator writes a workbook with the patterns of
`sample_data.generate.PLANTED`; it is read through the real ingestion and diagnosed for
2026-Q3 (the patterns show in 2026-Q2 and 2026-Q3) and for 2025-Q3 (before any pattern, where
every flag is a false one). Reported:

- recall: planted (rep, cause) pairs found in 2026-Q3 (Daan Visser's inflow drop in 2026-Q3,
  planted as `low_activity_inflow`, counts as a planted `falling_inquiries`);
- false flags: the share of reps with nothing planted that get any flag in 2026-Q3, and of all
  reps flagged in 2025-Q3; extra causes flagged on the planted reps are listed apart;
- the new hire (fewer than 10 closed deals) must never be flagged.
Targets (issue 4): recall ≥ 95 %, false flags ≤ 5 %.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

from analysis.diagnosis.diagnose import diagnose
from analysis.diagnosis.period_stats import period_stats
from analysis.model.periods import PeriodSpec
from analysis.read.upload import read_files
from sample_data.generate import NEW_HIRE, PLANTED, REPS, write_workbook

CAUSE_CODES = {
    "falling_inquiries",
    "falling_close_rate",
    "shrinking_deal_size",
    "slowing_cycle",
    "low_activity",
    "slow_lead_response",
    "low_satisfaction",
}
PLANTED_PAIRS = {(p.rep, p.code) for p in PLANTED.values() if p.code in CAUSE_CODES}
PLANTED_PAIRS.add((PLANTED["low_activity_inflow"].rep, "falling_inquiries"))
PLANTED_REPS = {rep for rep, _ in PLANTED_PAIRS}
CLEAN_REPS = {r.name for r in REPS} - PLANTED_REPS - {NEW_HIRE}


def flags(path: Path, grain: str, current: str) -> dict[str, set[str]]:
    """Return each rep's flagged cause codes (reps not flagged map to an empty set)."""
    upload = read_files([(path.name, path.read_bytes())])
    stats = period_stats(upload.dataset(), PeriodSpec(grain))  # type: ignore[arg-type]
    out = {}
    for d in diagnose(stats, current):
        if d.scope == "rep" and d.name is not None:
            out[d.name] = {c.code for c in d.causes} | (
                {"status:" + d.status} - {"status:ok", "status:flagged"}
            )
    return out


def main() -> None:
    """Run the diagnosis over the seeds and print recall and false flags."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--grain", choices=["quarter", "month"], default="quarter")
    args = parser.parse_args()
    after, before = ("2026-Q3", "2025-Q3") if args.grain == "quarter" else ("2026-09", "2025-09")
    found = missed = clean_flagged = clean_total = 0
    early_flagged = early_total = hire_flagged = 0
    extra: Counter[str] = Counter()
    misses: Counter[str] = Counter()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(1, args.seeds + 1):
            path = write_workbook(Path(tmp) / f"sample_{seed}.xlsx", seed)
            now = flags(path, args.grain, after)
            for rep, code in PLANTED_PAIRS:
                if code in now.get(rep, set()):
                    found += 1
                else:
                    missed += 1
                    misses[f"{rep}: {code}"] += 1
            for rep in PLANTED_REPS:
                for code in now.get(rep, set()) & CAUSE_CODES:
                    if (rep, code) not in PLANTED_PAIRS:
                        extra[f"{rep}: {code}"] += 1
            for rep in CLEAN_REPS:
                clean_total += 1
                if now.get(rep, set()) & CAUSE_CODES:
                    clean_flagged += 1
                    extra[f"{rep} (clean): {', '.join(sorted(now[rep] & CAUSE_CODES))}"] += 1
            hire_flagged += bool(now.get(NEW_HIRE, set()) & CAUSE_CODES)
            early = flags(path, args.grain, before)
            for rep, codes in early.items():
                early_total += 1
                if codes & CAUSE_CODES:
                    early_flagged += 1
                    extra[f"{before} {rep}: {', '.join(sorted(codes & CAUSE_CODES))}"] += 1
    total = found + missed
    print(f"{args.seeds} seeds, {args.grain}s, {time.perf_counter() - start:.0f} s")
    print(
        f"recall of planted causes in {after}: {found}/{total} = {found / total:.1%} (target ≥ 95%)"
    )
    print(
        f"reps with nothing planted flagged in {after}: {clean_flagged}/{clean_total} = "
        f"{clean_flagged / clean_total:.1%} (target ≤ 5%)"
    )
    print(
        f"reps flagged in {before}, before any pattern: {early_flagged}/{early_total} = "
        f"{early_flagged / max(early_total, 1):.1%}"
    )
    print(f"new hire flagged: {hire_flagged} of {args.seeds} seeds (target 0)")
    for what, n in misses.most_common():
        print(f"  missed  {n:2d}× {what}")
    for what, n in extra.most_common():
        print(f"  flagged {n:2d}× {what}")


if __name__ == "__main__":
    main()
