"""What changed in the Excel workbook: the two exports of tests/export_pair.py, the flow per
company, team and rep and the moves per rep worked out by hand, worded headers in English and
Dutch, money formats, and text from the data that can never run as a formula."""

from __future__ import annotations

import io

import openpyxl
import pytest
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from analysis.changes.compare import Changes, compare
from analysis.kpis.table import kpi_table
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec, current_and_previous
from analysis.read.upload import read_files
from analysis.render.workbook import report_workbook
from tests import export_pair as P
from tests.builders import csv_bytes, xlsx

QUARTER = PeriodSpec("quarter")
PARTS = ["Earlier export", "New", "Reopened", "Pulled in", "Amounts up", "Amounts down",
         "Pushed out", "Won", "Lost", "Gone", "Currency changed", "Moved between owners", "Now"]  # fmt: skip
CATEGORIES = ["New", "Won", "Lost", "Reopened", "Gone from the export", "Pushed out of the period",
              "Pulled into the period", "Currency changed", "Amount up", "Amount down",
              "Stage forward", "Stage back", "New owner", "Unchanged"]  # fmt: skip


def _book(earlier: Dataset, later: Dataset, lang: str = "en") -> Workbook:
    changes = compare([earlier, later], QUARTER)
    assert isinstance(changes, Changes)
    table = kpi_table(later, QUARTER)
    choice = current_and_previous(later, QUARTER)
    raw = report_workbook(later, table, QUARTER, choice, None, "EUR", lang, None, changes)
    return openpyxl.load_workbook(io.BytesIO(raw))


@pytest.fixture(scope="module")
def book() -> Workbook:
    return _book(*P.datasets())


def _rows(sheet: Worksheet, header: str) -> tuple[list[str], list[list[object]]]:
    """Return the header and the rows (up to the first blank one) of the table starting with
    a cell `header` in the first column."""
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    top = next(i for i, row in enumerate(rows) if row[0] == header)
    body = []
    for row in rows[top + 1 :]:
        if all(v is None for v in row):
            break
        body.append(row)
    return [c for c in rows[top] if c is not None], body


def test_the_sheets_are_there(book: Workbook) -> None:
    assert book.sheetnames[-2:] == ["What changed", "Changed deals"]
    assert "Forecast" not in book.sheetnames  # none given


def test_the_sentences_on_top(book: Workbook) -> None:
    lines = [row[0].value for row in book["What changed"].iter_rows(max_row=5)]
    assert lines == [
        "The export of 10 Jul 2026 compared with the export of 17 Jul 2026, 7 days later.",
        "11 deals found in both exports by their deal ID.",
        "Pipeline due in 2026-Q3: €12.8k at the earlier export, €8.55k now (−€4.25k).",
        "€1k of new pipeline since the earlier export (1 deal).",
        "Deal 9 (Bram) was cut from €901 to €450, 50% less.",
    ]


def test_the_flow_per_company_team_and_rep(book: Workbook) -> None:
    header, rows = _rows(book["What changed"], "Team")
    assert header == ["Team", "Rep", *PARTS]
    flows = {(r[0], r[1] or ""): r[2 : 2 + len(PARTS)] for r in rows}

    def wide(flow: list[tuple[str, int, float]]) -> list[float]:
        money = {part: value for part, _, value in flow}
        codes = ["start", "new", "reopened", "pulled_in", "amount_up", "amount_down",
                 "pushed_out", "won", "lost", "vanished", "currency_changed", "reassigned",
                 "end"]  # fmt: skip
        return [money.get(code, 0) for code in codes]

    assert list(flows) == [("Whole company", ""), ("North", ""), ("South", ""),
                           ("North", "Anna"), ("South", "Bram")]  # fmt: skip
    assert flows[("Whole company", "")] == pytest.approx(wide(P.FLOW), abs=0.001)
    assert flows[("North", "Anna")] == pytest.approx(wide(P.ANNA_FLOW), abs=0.001)
    assert flows[("South", "Bram")] == pytest.approx(wide(P.BRAM_FLOW), abs=0.001)
    assert flows[("South", "")] == flows[("South", "Bram")]  # one rep per team
    sheet = book["What changed"]
    cell = next(c for c in sheet["C"] if c.value == pytest.approx(12801.29))
    assert cell.number_format.startswith('+"€"#,##0')  # money, its sign shown
    assert sheet.freeze_panes == f"C{cell.row}"  # the flow's header and who stay in view


def test_the_deals_per_rep_by_what_happened(book: Workbook) -> None:
    sheet = book["What changed"]
    lines = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert "Deals per rep, by what happened to them since the earlier export" in lines
    header, rows = _rows(sheet, "Rep")
    assert header == ["Rep", "Team", *CATEGORIES, "Pushed before too"]
    counts = {r[0]: dict(zip(header[2:], r[2:], strict=False)) for r in rows}
    assert {k: v for k, v in counts["Anna"].items() if v} == dict.fromkeys(
        ["New", "Won", "Gone from the export", "Pulled into the period", "Amount up",
         "Stage forward", "Unchanged"], 1)  # fmt: skip
    assert {k: v for k, v in counts["Bram"].items() if v} == dict.fromkeys(
        ["Lost", "Reopened", "Pushed out of the period", "Amount down", "Stage back",
         "New owner"], 1)  # fmt: skip


def test_every_changed_deal(book: Workbook) -> None:
    header, rows = _rows(book["Changed deals"], "Deal ID")
    assert header == ["Deal ID", "Deal", "Account", "Rep", "Team", "What happened",
                      "Status before", "Status now", "Stage before", "Stage now", "Amount before",
                      "Amount now", "Close date before", "Close date now", "Rep before",
                      "Currency before", "Currency now", "Pushed before too"]  # fmt: skip
    deals = {r[0]: dict(zip(header, r, strict=False)) for r in rows}
    assert set(deals) == {k for k, v in P.CATEGORY.items() if v != "unchanged"}
    d9 = deals["D9"]
    assert (d9["What happened"], d9["Amount before"], d9["Amount now"]) == ("Amount down",
                                                                           900.99, 450.49)  # fmt: skip
    d6 = deals["D6"]
    assert (d6["Close date before"], d6["Close date now"]) == ("2026-09-15", "2026-10-15")
    assert (deals["D2"]["Status before"], deals["D2"]["Status now"]) == ("Open", "Won")
    assert (deals["D12"]["Rep before"], deals["D12"]["Rep"]) == ("Anna", "Bram")
    assert deals["D1"]["Status before"] is None  # new: not in the earlier export
    sheet = book["Changed deals"]
    amount = next(c for c in sheet["K"] if c.value == 900.99)
    assert amount.number_format == '"€"#,##0'


def test_dutch_headers(pair_nl: Workbook) -> None:
    assert pair_nl.sheetnames[-2:] == ["Wat is er veranderd", "Gewijzigde deals"]
    header, _ = _rows(pair_nl["Wat is er veranderd"], "Team")
    assert header[:4] == ["Team", "Verkoper", "Eerdere export", "Nieuw"]
    header, _ = _rows(pair_nl["Gewijzigde deals"], "Dealnummer")
    assert "Wat er gebeurde" in header


@pytest.fixture(scope="module")
def pair_nl() -> Workbook:
    return _book(*P.datasets(), lang="nl")


def test_text_from_the_data_never_runs_as_a_formula() -> None:
    def evil(deals: list[list[object]]) -> list[list[object]]:
        out = [list(row) for row in deals]
        for row in out:
            if row[0] == "D5":  # gone since the earlier export (a CSV: text as written)
                row[1] = "=cmd|' /C calc'!A0"
            if row[0] == "D9":
                row[2] = "@SUM(A1)"
            if row[3] == "Bram":
                row[3], row[4] = "+Bram", "-South"
        return out

    earlier = read_files([("e.csv", csv_bytes(P.rows(evil(P.EARLIER))))]).dataset()
    later = read_files([("l.xlsx", xlsx({"Deals": P.rows(evil(P.LATER))}))]).dataset()
    book = _book(earlier, later)
    seen = []
    for name in ("What changed", "Changed deals"):
        for row in book[name].iter_rows():
            for cell in row:
                assert cell.data_type != "f", (name, cell.coordinate, cell.value)
                seen.append(cell.value)
    assert "'=cmd|' /C calc'!A0" in seen
    assert {"'@SUM(A1)", "'+Bram", "'-South"} <= set(seen)
