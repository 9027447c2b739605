"""Command line: the same analysis as the app, for automation.

python -m analysis analyze FILE [FILE ...] [--mapping saved.json] [--json OUT|-]
    [--html OUT] [--pdf OUT] [--xlsx OUT] [--lang en|nl] [--rep NAME]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import schema as S
from analysis.dataset import Dataset
from analysis.findings import Findings, find
from analysis.html_report import html_report
from analysis.kpis import kpi_table
from analysis.overview import main_currency
from analysis.pdf_report import pdf_report
from analysis.periods import PeriodChoice, PeriodSpec, current_and_previous
from analysis.pipeline import snapshot
from analysis.planning import plan
from analysis.quality import data_quality_json
from analysis.report import contract
from analysis.review import Review, rep_pack, team_review
from analysis.texts import LANGUAGES
from analysis.upload import Upload, read_files
from analysis.workbook import report_workbook


def _clean(value: Any) -> Any:
    """Return the value with NaN/inf turned into None, recursively (JSON has no NaN)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


@dataclass(frozen=True)
class Analysis:
    """Everything one run computes: the data, its KPI table, the period and the findings."""

    upload: Upload
    data: Dataset
    spec: PeriodSpec
    choice: PeriodChoice
    table: pd.DataFrame
    findings: Findings | None
    currency: str | None
    asked: str | None = None  # the period asked for with --current


def run(
    paths: list[Path],
    mapping: Path | None = None,
    grain: str = "quarter",
    current: str | None = None,
    fiscal_start_month: int = 1,
) -> Analysis:
    """Return the analysis of these files, in English (raises ValueError when none is readable)."""
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
    spec = PeriodSpec(grain, fiscal_start_month)  # type: ignore[arg-type]
    try:
        choice = current_and_previous(data, spec, current)
    except ValueError as exc:
        raise ValueError(
            f"--current {current!r} is not a {grain} label like 2026-Q3: {exc}"
        ) from exc
    table = kpi_table(data, spec)
    currency = main_currency(data.tables.get(S.DEALS))
    found = None
    if choice.current is not None:
        found = find(data, spec, choice.current, table, currency)
    return Analysis(upload, data, spec, choice, table, found, currency, current)


def document(result: Analysis) -> dict[str, Any]:
    """Return the JSON document of an analysis (the contract of DESIGN.md, plus added keys)."""
    data, table, spec, choice = result.data, result.table, result.spec, result.choice
    pipeline = None
    if S.DEALS in data.tables:
        snap = snapshot(data)
        pipeline = (snap, plan(data, table, spec, choice, snap))
    out = contract(data, table, spec, choice, result.findings, pipeline)
    out["data_quality"] = data_quality_json(result.upload, data)
    return _clean(out)


def in_language(result: Analysis, lang: str) -> Analysis:
    """Return the analysis with its period note and findings written in `lang`."""
    if lang == "en" or result.choice.current is None:
        return result
    choice = current_and_previous(result.data, result.spec, result.asked, lang)
    found = find(result.data, result.spec, choice.current or "", result.table, result.currency,
                 lang)  # fmt: skip
    return replace(result, choice=choice, findings=found)


def review(result: Analysis, rep: str | None = None, lang: str = "en") -> Review:
    """Return the team's review of an analysis, or one rep's one-to-one pack (ValueError: no rep)."""
    found = result.findings
    if rep is None:
        return team_review(result.data, result.table, result.spec, result.choice, found,
                           result.currency, "named", lang)  # fmt: skip
    if found is None or found.of(rep) is None:
        known = ", ".join(d.name or "" for d in found.reps) if found else ""
        raise ValueError(f"--rep {rep!r} sold nothing in the period. Reps: {known or 'none'}.")
    return rep_pack(result.table, found, rep, result.currency, lang)


def analyze(
    paths: list[Path],
    mapping: Path | None = None,
    grain: str = "quarter",
    current: str | None = None,
    fiscal_start_month: int = 1,
) -> dict[str, Any]:
    """Return the JSON document for these files (raises ValueError when none is readable)."""
    return document(run(paths, mapping, grain, current, fiscal_start_month))


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    command = sub.add_parser("analyze", help="read CRM exports and write the analysis as JSON")
    command.add_argument("files", nargs="+", type=Path)
    command.add_argument("--mapping", type=Path, help="a mapping saved from the app (JSON)")
    command.add_argument(
        "--json", dest="json_out", default="-", help="output file, or - for stdout"
    )
    command.add_argument("--period", choices=["quarter", "month"], default="quarter")
    command.add_argument("--current", help="period to report on, e.g. 2026-Q3 or 2026-09")
    command.add_argument(
        "--fiscal-start",
        type=int,
        default=1,
        metavar="MONTH",
        help="first month of the fiscal year (quarters only), 1 = January",
    )
    command.add_argument("--html", type=Path, help="also write the report as one offline HTML page")
    command.add_argument(
        "--xlsx", type=Path, help="also write the KPI, cause and coaching workbook"
    )
    command.add_argument("--pdf", type=Path, help="also write the report as a PDF")
    command.add_argument(
        "--lang",
        choices=sorted(LANGUAGES),
        default="en",
        help="language of the HTML, PDF and Excel reports (the JSON stays English)",
    )
    command.add_argument("--rep", help="write one rep's one-to-one pack instead of the team review")
    args = parser.parse_args(argv)
    try:
        result = run(args.files, args.mapping, args.period, args.current, args.fiscal_start)
        if args.rep and not (args.html or args.pdf):
            raise ValueError("--rep needs --html or --pdf (the pack is a report, not JSON).")
        shown = in_language(result, args.lang) if args.html or args.pdf or args.xlsx else result
        doc = review(shown, args.rep, args.lang) if args.html or args.pdf else None
    except ValueError as exc:
        print(f"salescope: {exc}", file=sys.stderr)
        return 2
    try:
        if doc is not None and args.html:
            args.html.write_text(html_report(doc), "utf-8")
        if doc is not None and args.pdf:
            args.pdf.write_bytes(pdf_report(doc))
        if args.xlsx:
            book = report_workbook(shown.data, shown.table, shown.spec, shown.choice,
                                   shown.findings, shown.currency, args.lang)  # fmt: skip
            args.xlsx.write_bytes(book)
    except OSError as exc:
        print(f"salescope: the report cannot be written: {exc.strerror or exc}.", file=sys.stderr)
        return 2
    text = json.dumps(document(result), indent=2, ensure_ascii=False, default=str)
    if args.json_out == "-":
        sys.stdout.write(text + "\n")
    else:
        Path(args.json_out).write_text(text + "\n", encoding="utf-8")
    return 0
