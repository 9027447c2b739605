"""Command line: the same analysis as the app, for automation.

python -m analysis analyze FILE [FILE ...] [--mapping saved.json] [--json OUT|-]  (no --json: a summary)
    [--previous OLD_FILE|FOLDER ...] [--html OUT] [--pdf OUT] [--xlsx OUT] [--lang en|nl]
    [--rep NAME] [--debug]

Exit codes: 0 the analysis was written; 1 internal error (a bug; --debug shows it);
2 nothing usable in the input (unreadable files, no sales deals, a bad option);
3 written, but some sections failed (null in the JSON, listed under `errors`).
"""

from __future__ import annotations

import argparse
import sys
import traceback
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis.allocator import give_freed_back, trim
from analysis.changes.compare import Changes, compare
from analysis.forecast.outlook import Forecast, forecast
from analysis.kpis.table import kpi_table
from analysis.model.dataset import Dataset
from analysis.model.input_error import InputError
from analysis.model.json_values import clean
from analysis.model.periods import (
    SO_FAR,
    PeriodChoice,
    PeriodSpec,
    choose_period,
    current_and_previous,
    label_ordinal,
)
from analysis.model.sections import Sections
from analysis.pipeline.planning import falling_rates, plan
from analysis.pipeline.snapshot import snapshot
from analysis.read.no_sales import why_no_sales
from analysis.read.paths import read_exports, read_mapping, read_paths
from analysis.read.upload import Upload
from analysis.render.changes_json import changes_json
from analysis.render.data_quality import data_quality_json
from analysis.render.forecast_json import forecast_json
from analysis.render.json_contract import (
    Parts,
    assemble,
    diagnosis_json,
    funnel_json,
    kpis_json,
    period_json,
    pipeline_parts,
    write_document,
)
from analysis.render.summary import closest_reps, summary
from analysis.review.findings import Findings, find
from analysis.words.catalogue import LANGUAGES, t

if TYPE_CHECKING:  # the reports' modules (Altair, vl-convert, reportlab) load only when asked for
    from analysis.review.document import Review


@dataclass(frozen=True)
class Analysis:
    """Everything one run computes: the data, its KPI table, the period and the findings.

    `table` and `findings` are None when their section failed (listed in `sections`);
    `findings` is also None when the data has no period to report on.
    """

    upload: Upload
    data: Dataset
    spec: PeriodSpec
    choice: PeriodChoice
    table: pd.DataFrame | None
    findings: Findings | None
    currency: str | None
    sections: Sections = field(default_factory=Sections)
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    earlier: tuple[Dataset, ...] = ()  # the earlier exports given with --previous

    def changes(self) -> Changes | None:
        """Return what changed since the earlier exports, once (None: none given, or failed)."""
        if "changes" not in self.memo and self.earlier:
            exports = [*self.earlier, self.data]  # the same day: the current export is the later
            self.memo["changes"] = self.sections.run("changes", compare, exports, self.spec)
        return self.memo.get("changes")

    def forecast(self) -> Forecast | None:
        """Return the forecast of the period ahead, worked out once (None: no deals, or failed)."""
        if "forecast" not in self.memo:  # the JSON and the workbook share it
            self.memo["forecast"] = self.sections.run(
                "forecast", forecast, self.data, self.spec.whole
            )
        return self.memo["forecast"]


def _kpis(data: Dataset, spec: PeriodSpec) -> tuple[pd.DataFrame, str | None]:
    return kpi_table(data, spec), data.currency


SO_FAR_ARG = "so-far"  # --current so-far: the period in progress, like for like


def run(
    paths: list[Path],
    mapping: Path | None = None,
    grain: str = "quarter",
    current: str | None = None,
    fiscal_start_month: int = 1,
    previous: list[Path] | None = None,
) -> Analysis:
    """Return the analysis of these files, and what changed since the `previous` exports
    (InputError: nothing usable in the files, or an earlier export unreadable)."""
    try:
        spec = PeriodSpec(grain, fiscal_start_month)  # type: ignore[arg-type]
    except ValueError as exc:
        raise InputError(f"--fiscal-start {fiscal_start_month} is not a month: {exc}.") from exc
    saved = read_mapping(mapping)
    upload = read_paths(paths, saved)
    data = upload.dataset()
    if why := why_no_sales(upload, data):
        raise InputError(why)
    upload = upload.without_rows()  # the raw rows (a fifth of a big run's memory) are done with
    earlier = tuple(read_exports(previous or [], saved, paths))
    if current == SO_FAR_ARG:
        spec, choice = choose_period(data, spec, SO_FAR)
        if choice.so_far is None:
            raise InputError(
                "--current so-far: no period is in progress, the data ends with a complete "
                f"{grain} ({choice.current}). Leave --current out to report on it."
            )
    elif current is not None:
        try:
            label_ordinal(current, spec)
        except ValueError as exc:
            raise InputError(
                f"--current {current!r} is not a {grain} label like 2026-Q3: {exc}"
            ) from exc
    if current != SO_FAR_ARG:
        choice = current_and_previous(data, spec, current)
    sections = Sections()
    table, currency = sections.run("kpis", _kpis, data, spec) or (None, None)
    found = None
    if choice.current is not None and table is None:
        sections.skip("diagnosis", ["kpis"])
    elif choice.current is not None:
        found = sections.run("diagnosis", find, data, spec, choice.current, table, currency)
    return Analysis(upload, data, spec, choice, table, found, currency, sections, earlier=earlier)


def _pipeline(result: Analysis, table: pd.DataFrame, reps: list[str]) -> Parts:
    """Return the pipeline parts; a rep whose win rate fell is planned on the recent one."""
    data, snap = result.data, snapshot(result.data)
    recent = falling_rates(result.findings.diagnoses) if result.findings else {}
    planned = plan(data, table, result.spec, result.choice, snap, recent)
    return pipeline_parts(snap, planned, reps)


def document(result: Analysis) -> dict[str, Any]:
    """Return the JSON document of an analysis (the contract of DESIGN.md, plus added keys).

    Each section is computed on its own: one that fails is null and listed in `errors`.
    """
    data, table, spec, choice, sections = (
        result.data, result.table, result.spec, result.choice, result.sections
    )  # fmt: skip
    period = period_json(spec, choice)
    if choice.current is None:
        out: dict[str, Any] = {"period": period, "team": {}, "reps": []}
    else:
        kpis = sections.run("kpis", kpis_json, table, choice.current) if table is not None else None
        names = [r["rep"] for r in kpis[1]] if kpis else []
        funnel = sections.run("funnel", funnel_json, data, spec, choice.current, names)
        diagnosis = None
        if not sections.failed("diagnosis"):
            diagnosis = sections.run("diagnosis", diagnosis_json, result.findings, names)
        pipeline = None
        if table is None:
            sections.skip("pipeline", ["kpis"])
        else:
            pipeline = sections.run("pipeline", _pipeline, result, table, names)
        out = assemble(period, kpis, funnel, diagnosis, pipeline)
    fc = result.forecast()  # null when it failed (listed once), or when there are no deals
    trim()  # the forecast freed hundreds of MB on a big export: back before the JSON is built
    failed = sections.failed("forecast")
    out["forecast"] = None if failed else sections.run("forecast", forecast_json, fc, data.currency)
    changes = result.changes()  # null without --previous, or when it failed (listed once)
    out["changes"] = (None if sections.failed("changes")
                      else sections.run("changes", changes_json, changes, data.currency))  # fmt: skip
    out["data_quality"] = sections.run("data_quality", data_quality_json, result.upload, data)
    out["errors"] = sections.json()
    return clean(out)


def review(result: Analysis, rep: str | None = None, lang: str = "en") -> Review:
    """Return the team's review of an analysis, or one rep's one-to-one pack (InputError: no rep)."""
    from analysis.review.deals import rep_deals
    from analysis.review.rep_pack import rep_pack
    from analysis.review.team_review import team_review

    found = result.findings
    if result.table is None:
        raise ValueError("the review needs the KPI table, which could not be worked out")
    if rep is None:
        return team_review(result.data, result.table, result.spec, result.choice, found,
                           result.currency, "named", lang,
                           files=result.upload.file_names, forecast=result.forecast(),
                           changes=result.changes() or result.sections.error("changes"))  # fmt: skip
    if found is None or found.of(rep) is None:
        known = [d.name for d in found.reps if d.name] if found else []
        if close := closest_reps(rep, known):
            said = t("cli.no_rep", "en", rep=rep, close=", ".join(close))
        else:
            said = t("cli.no_rep_at_all", "en", rep=rep, known=", ".join(known) or "none")
        raise InputError(f"--rep: {said}")
    snap = snapshot(result.data)
    ahead = plan(
        result.data, result.table, result.spec, result.choice, snap, falling_rates(found.diagnoses)
    )
    deals = rep_deals(result.data, result.spec, found.period, rep, snap, ahead)
    return rep_pack(result.table, found, rep, result.currency, lang, deals)


def analyze(
    paths: list[Path],
    mapping: Path | None = None,
    grain: str = "quarter",
    current: str | None = None,
    fiscal_start_month: int = 1,
    previous: list[Path] | None = None,
) -> dict[str, Any]:
    """Return the JSON document for these files (InputError when nothing in them is usable)."""
    return document(run(paths, mapping, grain, current, fiscal_start_month, previous))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    sub = parser.add_subparsers(dest="command", required=True)
    command = sub.add_parser("analyze", help="read CRM exports and write the analysis as JSON")
    command.add_argument("files", nargs="+", type=Path)
    command.add_argument("--mapping", type=Path, help="a mapping saved from the app (JSON)")
    command.add_argument(
        "--json",
        dest="json_out",
        default=None,
        help="write the whole analysis as JSON to this file, or - for stdout (without it: a "
        "short summary)",
    )
    command.add_argument(
        "--previous",
        nargs="+",
        type=Path,
        metavar="OLD_FILE",
        help="earlier exports of the same CRM, each a file (or a folder of them): what changed",
    )
    command.add_argument("--period", choices=["quarter", "month"], default="quarter")
    command.add_argument(
        "--current",
        help="period to report on, e.g. 2026-Q3 or 2026-09; 'so-far' for the period in progress, "
        "compared with the same first days of earlier periods",
    )
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
    command.add_argument(
        "--debug", action="store_true", help="print the traceback of any internal error"
    )
    return parser


def _reports(result: Analysis, args: argparse.Namespace) -> list[tuple[Path, bytes]]:
    """Return the report files asked for, each computed as its own section (name: html/pdf/xlsx).

    A report needs the KPIs and the diagnosis: when one of them failed it is not written.
    """
    sections = result.sections
    the_review = cache(lambda: review(result, args.rep, args.lang))  # the JSON's, in args.lang

    def html() -> bytes:  # each renderer is imported only when its file is asked for
        from analysis.render.html import html_report

        return html_report(the_review()).encode("utf-8")

    def pdf() -> bytes:
        from analysis.render.pdf import pdf_report

        return pdf_report(the_review())

    def xlsx() -> bytes:
        from analysis.render.workbook import report_workbook

        return report_workbook(result.data, result.table, result.spec, result.choice,
                               result.findings, result.currency, args.lang,
                               result.forecast(), result.changes())  # fmt: skip

    makers = {"html": html, "pdf": pdf, "xlsx": xlsx}
    out = []
    for name, maker in makers.items():
        path = getattr(args, name)
        if path is None:
            continue
        if missing := sections.failed("kpis", "diagnosis"):
            sections.skip(name, missing)
            continue
        body = sections.run(name, maker)
        if body is not None:
            out.append((path, body))
    return out


def _write(path: Path, body: bytes | dict[str, Any]) -> None:
    """Write a report's bytes, or the JSON document in pieces (`write_document`)."""
    try:
        if isinstance(body, bytes):
            path.write_bytes(body)
            return
        with path.open("w", encoding="utf-8", newline="") as out:  # "\n" stays "\n"
            write_document(body, out)
    except OSError as exc:
        raise InputError(f"the report cannot be written: {exc.strerror or exc}.") from exc


def analyze_command(args: argparse.Namespace) -> int:
    """Run `analyze` and return its exit code: 0 written, 3 written with failed sections.

    Raises InputError for the user's problems (exit code 2).
    """
    if args.rep and not (args.html or args.pdf):
        raise InputError("--rep needs --html or --pdf (the pack is a report, not JSON).")
    result = run(
        args.files, args.mapping, args.period, args.current, args.fiscal_start, args.previous
    )
    reports = _reports(result, args)
    for path, body in reports:
        _write(path, body)
    doc = document(result)
    written = [str(path) for path, _ in reports]
    if args.json_out == "-":
        write_document(doc, sys.stdout)
    else:
        if args.json_out is not None:
            _write(Path(args.json_out), doc)
            written.insert(0, args.json_out)
        print(summary(doc, result.currency, written, args.lang))
    for failure in result.sections.failures:
        print(f"salescope: {failure.section} {failure.message}", file=sys.stderr)
        if args.debug and failure.error is not None:
            traceback.print_exception(failure.error, file=sys.stderr)
    return 3 if result.sections.failures else 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code.

    0: the analysis was written. 1: an internal error outside any section (a bug: nothing
    was written). 2: a problem with the input (one line on stderr; nothing written).
    3: the analysis was written, but some sections failed (one line each on stderr).
    """
    args = _parser().parse_args(argv)
    give_freed_back()  # a run's freed memory goes back to the machine (glibc): a lower peak
    try:
        return analyze_command(args)
    except InputError as exc:
        print(f"salescope: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug outside the sections: never blamed on the input
        kind = type(exc).__name__
        print(
            f"salescope: internal error ({kind}); this is a bug in salescope, not a problem "
            "with your files (run with --debug for details).",
            file=sys.stderr,
        )
        if args.debug:
            traceback.print_exception(exc, file=sys.stderr)
        return 1
