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
        for target in record.get("targets", []) if isinstance(record, dict) else []:
            bench = NAMES.get(path.stem, path.stem)
            rows.append({"bench": bench, **{k: str(v) for k, v in target.items()}})
    return rows


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
