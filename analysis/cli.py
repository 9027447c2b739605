"""Command line: the same analysis as the app, for automation.

python -m analysis analyze FILE [FILE ...] [--mapping saved.json] [--json OUT|-]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

from analysis.quality import data_quality_json
from analysis.upload import read_files


def _clean(value: Any) -> Any:
    """Return the value with NaN/inf turned into None, recursively (JSON has no NaN)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def analyze(paths: list[Path], mapping: Path | None = None) -> dict[str, Any]:
    """Return the JSON document for these files (raises ValueError when none is readable)."""
    files = []
    for path in paths:
        try:
            files.append((path.name, path.read_bytes()))
        except OSError as exc:
            raise ValueError(f"{path} cannot be opened: {exc.strerror or exc}.") from exc
    saved = mapping.read_text(encoding="utf-8") if mapping else None
    upload = read_files(files, saved)
    if not upload.sheets:
        raise ValueError(" ".join(upload.errors) or "No readable data in the given files.")
    data = upload.dataset()
    return _clean({"data_quality": data_quality_json(upload, data)})


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("analyze", help="read CRM exports and write the analysis as JSON")
    run.add_argument("files", nargs="+", type=Path)
    run.add_argument("--mapping", type=Path, help="a mapping saved from the app (JSON)")
    run.add_argument("--json", dest="json_out", default="-", help="output file, or - for stdout")
    args = parser.parse_args(argv)
    try:
        document = analyze(args.files, args.mapping)
    except ValueError as exc:
        print(f"salescope: {exc}", file=sys.stderr)
        return 2
    text = json.dumps(document, indent=2, ensure_ascii=False, default=str)
    if args.json_out == "-":
        sys.stdout.write(text + "\n")
    else:
        Path(args.json_out).write_text(text + "\n", encoding="utf-8")
    return 0
