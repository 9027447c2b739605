"""Property test of the whole analysis: every generated export survives the command line.

Each export from `tests.exports` is written to files and read by `analysis.cli.run` and
`document`, and (in a share of the examples) by `analysis.cli.main` with --json, --xlsx and
--html. Nothing may raise; the exit code is 0, or 2 only when no usable sales table was read.
The invariants are stated without the code under test: JSON has no NaN, every sheet's rows read
are its rows used plus its rows set aside, and the team's revenue of the reported period is the
sum of the generated won deals closed in it (when the deals sheet was mapped exactly as
generated and its cells can only be read one way).
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from analysis.cli import Analysis, document, main, run
from analysis.model import schema as S
from analysis.model.input_error import InputError
from analysis.read.no_sales import why_no_sales
from analysis.read.upload import read_files
from tests.crash_exports import CRASHES
from tests.export_files import Export, write_files
from tests.exports import exports, settled


def assert_clean_run(doc: dict) -> None:
    """The one place that says what a finished run looks like (no section failed).

    Sections that fail are listed in the JSON's `errors` list (each section stands alone):
    none may be listed for a generated export.
    """
    assert not doc.get("errors"), doc.get("errors")
    json.dumps(doc, allow_nan=False)  # raises on NaN or infinity


def note(what: str) -> None:
    """Count what an example exercised (pytest --hypothesis-show-statistics shows the shares)."""
    if currently_in_test_context():
        event(what)


def nothing_usable(export: Export, mapping: Path | None) -> bool:
    """Return whether the export holds no usable sales data (the only reason to refuse it)."""
    saved = mapping.read_text(encoding="utf-8") if mapping else None
    upload = read_files(list(export.files), saved)
    return not upload.sheets or why_no_sales(upload, upload.dataset()) is not None


def assert_exit_code(code: int, export: Export, mapping: Path | None) -> None:
    """Exit 0, or 2 only when the export holds no usable sales data; never 3 (a section failed)."""
    assert code in (0, 2)
    if code == 2:
        assert nothing_usable(export, mapping)


def period_bounds(label: str, fiscal_start: int = 1) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return [start, end) of a month (2026-09), quarter (2026-Q3) or fiscal quarter label.

    FY2027-Q1 with the year starting in April: the fiscal year ends in calendar 2027, so it
    starts in April 2026, and its first quarter is April to June 2026.
    """
    year, part = label.removeprefix("FY").split("-")
    if not part.startswith("Q"):
        start = pd.Timestamp(int(year), int(part), 1)
        return start, start + pd.DateOffset(months=1)
    first = pd.Timestamp(int(year) - (fiscal_start > 1), fiscal_start, 1)
    start = first + pd.DateOffset(months=3 * (int(part[1]) - 1))
    return start, start + pd.DateOffset(months=3)


@pytest.mark.parametrize(
    ("label", "fiscal_start", "start", "end"),
    [
        ("2026-09", 1, "2026-09-01", "2026-10-01"),
        ("2026-Q3", 1, "2026-07-01", "2026-10-01"),
        ("FY2027-Q1", 4, "2026-04-01", "2026-07-01"),
        ("FY2027-Q4", 4, "2027-01-01", "2027-04-01"),
        ("FY2026-Q2", 11, "2026-02-01", "2026-05-01"),  # Nov 2025 starts FY2026
    ],
)
def test_period_bounds_of_the_invariant(
    label: str, fiscal_start: int, start: str, end: str
) -> None:
    assert period_bounds(label, fiscal_start) == (pd.Timestamp(start), pd.Timestamp(end))


def expected_revenue(facts: pd.DataFrame, label: str, fiscal_start: int = 1) -> float:
    """Return the won amounts closed in the period, by hand: the reading's rules on the rows.

    Rows the reading must set aside do not count: a negative amount, a blank rep (when the
    sheet has a rep column, written as None here); blank amounts and close dates add nothing.
    """
    start, end = period_bounds(label, fiscal_start)
    kept = facts["won"] & (facts["amount"] >= 0) & facts["rep"].notna()
    inside = (facts["close"] >= start) & (facts["close"] < end)
    return float(facts.loc[kept & inside, "amount"].sum())


# The deals fields that decide which rows count, and how much, as revenue.
DECIDING = (S.AMOUNT, S.CLOSE_DATE, S.CREATED_DATE, S.STAGE, S.STATUS, S.IS_WON, S.IS_CLOSED,
            S.PROBABILITY, S.REP, S.DEAL_ID, S.CURRENCY)  # fmt: skip


def mapped_as_generated(result: Analysis, export: Export) -> bool:
    """Return whether exactly the generated deals sheets became deals, their deciding columns
    mapped as generated (a column left wholly blank may stay unmapped)."""
    sheets = export.sheets_of(S.DEALS)
    deals = [m for m in result.upload.mappings.values() if m.table == S.DEALS]
    if not sheets or len(deals) != len(sheets):
        return False
    made = {f: h for h, f in sheets[0].fields.items()
            if f in DECIDING and any(s.frame[h].notna().any() for s in sheets)}  # fmt: skip
    return all({c.field: c.column for c in m.columns if c.field in DECIDING} == made for m in deals)


def check_invariants(result: Analysis, doc: dict, export: Export) -> None:
    """The invariants every analysis keeps, worked out from the generated export."""
    assert_clean_run(doc)
    quality = doc["data_quality"]
    for report in quality["sheets"]:  # an ignored sheet's rows are read, not used
        assert (
            report["table"] == S.IGNORE
            or report["rows_read"] == report["rows_used"] + report["rows_set_aside"]
        ), report
    assert quality["rows_read"] == quality["rows_used"] + quality["rows_set_aside"]
    generated = sum(len(s.frame) for s in export.sheets)
    assert quality["rows_read"] <= generated
    label = doc["period"]["current"]
    if export.exact and label and export.deals is not None and mapped_as_generated(result, export):
        note("revenue checked")
        expected = expected_revenue(export.deals, label, result.spec.fiscal_start_month)
        got = doc["team"].get("revenue") or 0.0
        assert got == pytest.approx(expected, rel=1e-9, abs=0.01)


@dataclass(frozen=True)
class Case:
    """One run: the export, the period grain, --current, the fiscal year's first month, and
    how far main() goes ("" not run, "json", "reports": --xlsx and --html too, "pack": a rep's
    one-to-one pack as HTML and PDF), and whether a saved mapping file names every column."""

    export: Export
    grain: str = "quarter"
    current: str | None = None
    fiscal_start: int = 1
    cli: str = "reports"
    mapping: bool = False  # the columns mapped by hand, as a mapping file saved from the app


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """Draw a run of a generated export."""
    export = draw(exports())
    grain = draw(st.sampled_from(("quarter", "quarter", "month")))
    current = None
    fiscal = draw(st.sampled_from((1, 1, 1, 4, 7, 11))) if grain == "quarter" else 1
    if draw(st.integers(0, 3)) == 2:
        year = draw(st.integers(2018, 2031))
        current = (
            f"{year}-{draw(st.integers(1, 12)):02d}"
            if grain == "month"
            else f"{'FY' if fiscal > 1 else ''}{year}-Q{draw(st.integers(1, 4))}"
        )
    cli = draw(st.sampled_from(("", "", "json", "reports", "pack")))
    return Case(export, grain, current, fiscal, cli, draw(st.integers(0, 3)) == 2)


def saved_mapping(export: Export, folder: Path) -> Path:
    """Write the mapping the user would save after mapping every generated sheet by hand."""
    sheets = [
        {"sheet": s.name, "file": "", "table": s.table, "columns": s.fields}
        for s in export.sheets
        if s.fields
    ]
    path = folder / "mapping.json"
    path.write_text(json.dumps({"salescope_mapping": 1, "sheets": sheets}), encoding="utf-8")
    return path


def analyse(case: Case, folder: Path) -> None:
    """Run the case through run() + document() and maybe main(); check what must hold."""
    paths = write_files(case.export, folder)
    mapping = saved_mapping(case.export, folder) if case.mapping else None
    try:
        result = run(paths, mapping, case.grain, case.current, case.fiscal_start)
    except InputError:  # an internal ValueError is not an input problem: it fails the test
        assert nothing_usable(case.export, mapping)  # the only refusal
        return
    doc = document(result)
    deals = result.data.tables.get(S.DEALS)
    note(f"deals rows: {'none' if deals is None else min(len(deals) // 100 * 100, 400)}+")
    note(f"current period: {doc['period']['current'] is not None}")
    check_invariants(result, doc, case.export)
    if not case.cli:
        return
    out = folder / "out.json"
    args = ["analyze", *map(str, paths), "--json", str(out), "--period", case.grain]
    args += ["--current", case.current] if case.current else []
    args += ["--mapping", str(mapping)] if mapping else []
    args += ["--fiscal-start", str(case.fiscal_start), "--lang", "nl" if len(paths) % 2 else "en"]
    if case.cli == "reports":
        args += ["--xlsx", str(folder / "r.xlsx"), "--html", str(folder / "r.html")]
    reps = [r["rep"] for r in doc["reps"] if r["status"] != "insufficient_data"]
    if case.cli == "pack" and reps:
        args += ["--rep", reps[0], "--html", str(folder / "p.html"), "--pdf", str(folder / "p.pdf")]
    code = main(args)
    assert_exit_code(code, case.export, mapping)
    if code == 0:
        assert_clean_run(json.loads(out.read_text(encoding="utf-8")))


@settled(examples=50)  # make test stays under 15 minutes; SALESCOPE_PROPERTY_SCALE=6 draws 300
@given(cases())
def test_every_generated_export_survives_the_command_line(case: Case) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        analyse(case, Path(tmp))


@pytest.mark.parametrize("name", sorted(CRASHES))
def test_exports_that_once_crashed_survive_the_command_line(name: str) -> None:
    export, grain, current = CRASHES[name]()
    with tempfile.TemporaryDirectory() as tmp:
        analyse(Case(export, grain, current), Path(tmp))
