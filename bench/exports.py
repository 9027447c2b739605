"""Time every report export (HTML, PDF, Excel, one rep's pack) on the sample and on 100k deals.

.venv/bin/python -m bench.exports              # sample + 100,000 synthetic deals
.venv/bin/python -m bench.exports --deals 20000 --runs 2
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from analysis.kpis.table import kpi_table
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec, current_and_previous
from analysis.read.upload import read_files
from analysis.render.html import html_report
from analysis.render.pdf import pdf_report
from analysis.render.workbook import report_workbook
from analysis.review.findings import find
from analysis.review.rep_pack import rep_pack
from analysis.review.team_review import team_review
from bench.kpis import synthetic

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data" / "salescope_sample.xlsx"
QUARTER = PeriodSpec("quarter")


def _timed(make: Callable[[], bytes | str], runs: int) -> tuple[list[float], int]:
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        out = make()
        times.append(time.perf_counter() - start)
        size = len(out.encode() if isinstance(out, str) else out)
    return times, size


def measure(name: str, data: Dataset, runs: int, current: str | None = None) -> None:
    """Print the time of each export of one dataset (first run and the best of the others)."""
    start = time.perf_counter()
    choice = current_and_previous(data, QUARTER, current)
    table = kpi_table(data, QUARTER)
    assert choice.current is not None
    currency = data.currency
    found = find(data, QUARTER, choice.current, table, currency)
    review = team_review(data, table, QUARTER, choice, found, currency)
    rep = (next((d for d in found.reps if d.status == "flagged"), None) or found.reps[0]).name
    assert rep is not None
    pack = rep_pack(table, found, rep, currency)
    print(f"{name}: analysis {time.perf_counter() - start:.1f} s, {len(found.reps)} reps")
    exports = {
        "HTML review": lambda: html_report(review),
        "PDF review": lambda: pdf_report(review),
        "Excel workbook": lambda: report_workbook(data, table, QUARTER, choice, found, currency),
        "one-to-one pack, HTML": lambda: html_report(pack),
        "one-to-one pack, PDF": lambda: pdf_report(pack),
    }
    for label, make in exports.items():
        times, size = _timed(make, runs)
        rest = f", then {min(times[1:]):.2f} s" if len(times) > 1 else ""
        print(f"  {label:24s} first {times[0]:.2f} s{rest}; {size / 1024:,.0f} KB")


def main() -> None:
    """Run the export benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sample = read_files([(SAMPLE.name, SAMPLE.read_bytes())]).dataset()
    measure("sample", sample, args.runs)
    # Synthetic deals are created until the end of 2025: review a period of steady flow.
    big = synthetic(args.deals, args.deals * 3)
    measure(f"{args.deals:,} deals", big, args.runs, "2025-Q3")


if __name__ == "__main__":
    main()
