"""Property test of the whole analysis: every generated export survives the command line.

Each export from `tests.exports` is written to files and read by `analysis.cli.run` and
`document`, and (in a share of the examples) by `analysis.cli.main` with --json, --xlsx and
--html. Nothing may raise; the exit code is 0, or 2 only when no deals table was recognised.
The invariants are stated without the code under test: JSON has no NaN, every sheet's rows read
are its rows used plus its rows set aside, and the team's revenue of the reported period is the
sum of the generated won deals closed in it (when the deals sheet was mapped exactly as
generated and its cells can only be read one way).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from analysis import schema as S
from analysis.cli import Analysis, document, main, run
from analysis.upload import read_files
from tests.crash_exports import CRASHES
from tests.exports import Export, exports, settled, write_files


def assert_clean_run(doc: dict) -> None:
    """The one place that says what a finished run looks like (no section failed).

    Sections that fail will be listed in the JSON's `errors` list once every section stands
    alone (issue 12, item 3): none may be listed for a generated export.
    """
    assert not doc.get("errors"), doc.get("errors")
    json.dumps(doc, allow_nan=False)  # raises on NaN or infinity


def note(what: str) -> None:
    """Count what an example exercised (pytest --hypothesis-show-statistics shows the shares)."""
    if currently_in_test_context():
        event(what)


def assert_exit_code(code: int, export: Export) -> None:
    """Exit 0, or 2 only when the export holds no deals table the reading recognised."""
    assert code in (0, 2)
    if code == 2:
        upload = read_files(list(export.files))
        assert not upload.sheets or S.DEALS not in upload.dataset().tables


def _period_bounds(label: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return [start, end) of a quarter label (2026-Q3) or a month label (2026-09)."""
    year, part = label.split("-")
    if part.startswith("Q"):
        start = pd.Timestamp(int(year), 3 * int(part[1]) - 2, 1)
        return start, start + pd.DateOffset(months=3)
    start = pd.Timestamp(int(year), int(part), 1)
    return start, start + pd.DateOffset(months=1)


def expected_revenue(facts: pd.DataFrame, label: str) -> float:
    """Return the won amounts closed in the period, by hand: the reading's rules on the rows.

    Rows the reading must set aside do not count: a negative amount, a blank rep (when the
    sheet has a rep column, written as None here); blank amounts and close dates add nothing.
    """
    start, end = _period_bounds(label)
    kept = facts["won"] & (facts["amount"] >= 0) & facts["rep"].notna()
    inside = (facts["close"] >= start) & (facts["close"] < end)
    return float(facts.loc[kept & inside, "amount"].sum())


# The deals fields that decide which rows count, and how much, as revenue.
DECIDING = (S.AMOUNT, S.CLOSE_DATE, S.CREATED_DATE, S.STAGE, S.STATUS, S.IS_WON, S.IS_CLOSED,
            S.PROBABILITY, S.REP, S.DEAL_ID, S.CURRENCY)  # fmt: skip


def mapped_as_generated(result: Analysis, export: Export) -> bool:
    """Return whether exactly the generated deals sheet became deals, its deciding columns
    mapped as generated (a column left wholly blank may stay unmapped)."""
    sheet = export.sheet(S.DEALS)
    deals = [m for m in result.upload.mappings.values() if m.table == S.DEALS]
    if sheet is None or len(deals) != 1:
        return False
    found = {c.field: c.column for c in deals[0].columns if c.field in DECIDING}
    made = {f: h for h, f in sheet.fields.items() if f in DECIDING and sheet.frame[h].notna().any()}
    return found == made


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
        got = doc["team"].get("revenue") or 0.0
        assert got == pytest.approx(expected_revenue(export.deals, label), rel=1e-9, abs=0.01)


@st.composite
def cli_cases(draw: st.DrawFn) -> tuple[Export, str, str | None, bool]:
    """Draw an export, the period grain, maybe a --current period, and whether to run main()."""
    export = draw(exports())
    grain = draw(st.sampled_from(("quarter", "quarter", "month")))
    current = None
    if draw(st.integers(0, 3)) == 0:
        year = draw(st.integers(2018, 2031))
        current = (
            f"{year}-Q{draw(st.integers(1, 4))}"
            if grain == "quarter"
            else f"{year}-{draw(st.integers(1, 12)):02d}"
        )
    return export, grain, current, draw(st.integers(0, 3)) == 0


def analyse(export: Export, grain: str, current: str | None, cli: bool, folder: Path) -> None:
    """Run the export through run() + document() and maybe main(); check what must hold."""
    paths = write_files(export, folder)
    try:
        result = run(paths, grain=grain, current=current)
    except ValueError:
        upload = read_files(list(export.files))
        assert not upload.sheets  # the only refusal: nothing readable at all
        return
    doc = document(result)
    deals = result.data.tables.get(S.DEALS)
    note(f"deals rows: {'none' if deals is None else min(len(deals) // 100 * 100, 400)}+")
    note(f"current period: {doc['period']['current'] is not None}")
    check_invariants(result, doc, export)
    if cli:
        out = folder / "out.json"
        args = ["analyze", *map(str, paths), "--json", str(out), "--period", grain]
        args += ["--current", current] if current else []
        args += ["--xlsx", str(folder / "r.xlsx"), "--html", str(folder / "r.html")]
        args += ["--lang", "nl"] if len(paths) % 2 else []
        code = main(args)
        assert_exit_code(code, export)
        if code == 0:
            assert_clean_run(json.loads(out.read_text(encoding="utf-8")))


@settled(examples=45)
@given(cli_cases())
def test_every_generated_export_survives_the_command_line(
    case: tuple[Export, str, str | None, bool],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        analyse(*case, Path(tmp))


@pytest.mark.parametrize("name", sorted(CRASHES))
def test_exports_that_once_crashed_survive_the_command_line(name: str) -> None:
    export, grain, current = CRASHES[name]()
    with tempfile.TemporaryDirectory() as tmp:
        analyse(export, grain, current, True, Path(tmp))
