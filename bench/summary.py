"""One table of every speed target, from the figures the benchmarks of this run wrote.

    .venv/bin/python -m bench.summary      # the last step of `make bench`

Each benchmark writes `bench/out/<name>.json` with a `targets` list: what was measured, the
figure, the target and PASS or MISS. This prints them together, in the order of issue 17's
table, and writes `bench/out/summary.md` (the table as Markdown, for a note).
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().with_name("out")
ORDER = ("results", "cli", "app", "load")  # the files read, in this order; others follow
NAMES = {"results": "ingest"}  # bench.ingest writes results.json


def targets(folder: Path = OUT) -> list[dict[str, str]]:
    """Return every target of the benchmarks' result files, each with its source."""
    files = sorted(folder.glob("*.json"), key=lambda p: (_rank(p.stem), p.stem))
    rows = []
    for path in files:
        try:
            record = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        bench = NAMES.get(path.stem, path.stem)
        rows += [{"bench": bench, **row} for row in _rows(record)]
    return rows


def _rows(record: object) -> list[dict[str, str]]:
    """Return a result file's targets as what, figure, target and verdict, whichever of the
    benchmarks' shapes it has: a `targets` list, a `targets` mapping of what → figure, goal
    and verdict (bench.cli), or `rows` with seconds and a target (bench.app)."""
    if not isinstance(record, dict):
        return []
    found = record.get("targets", [])
    if isinstance(found, dict):
        return [{"what": what, "figure": str(v.get("figure", "")), "target": str(v.get("goal", "")),
                 "verdict": str(v.get("verdict"))} for what, v in found.items()]  # fmt: skip
    out = [{k: str(v) for k, v in row.items()} for row in found if isinstance(row, dict)]
    for row in record.get("rows", []):
        if isinstance(row, dict) and row.get("verdict"):
            out.append({"what": row["what"], "figure": f"{row['seconds']:.2f} s",
                        "target": f"≤ {row['target']} s", "verdict": row["verdict"]})  # fmt: skip
    return out


def _rank(stem: str) -> int:
    return ORDER.index(stem) if stem in ORDER else len(ORDER)


def markdown(rows: list[dict[str, str]]) -> str:
    """Return the targets as a Markdown table."""
    lines = ["| bench | what | figure | target | |", "|---|---|---:|---|:---:|"]
    lines += [
        f"| {r['bench']} | {r['what']} | {r['figure']} | {r['target']} | {r['verdict']} |"
        for r in rows
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Print the table of targets and write it to bench/out/summary.md."""
    rows = targets()
    if not rows:
        print("no benchmark results in bench/out: run `make bench` first")
        return
    keys = ("bench", "what", "figure", "target")
    widths = {k: max(len(r[k]) for r in rows) for k in keys}
    for r in rows:
        cells = [r[k].ljust(widths[k]) for k in keys]
        print("  ".join([*cells, r["verdict"]]))
    missed = sum(r["verdict"] != "PASS" for r in rows)
    print(f"\n{len(rows) - missed} of {len(rows)} targets met")
    (OUT / "summary.md").write_text(markdown(rows))


if __name__ == "__main__":
    main()
