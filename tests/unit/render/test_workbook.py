"""The Excel workbook: numbers worked out by hand, planted truth of the sample, formula injection."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from analysis.diagnosis.causes import CAUSE_BY_CODE
from analysis.kpis.table import kpi_table
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import SO_FAR, PeriodSpec, choose_period, current_and_previous
from analysis.read.upload import read_files
from analysis.render.workbook import report_workbook
from analysis.review.findings import find
from sample_data.generate import CLOSE_RATE_REP
from tests.builders import DEALS_HEADER, DEALS_ROWS, csv_bytes
from tests.tables import dataset, frame

SAMPLE = Path(__file__).parents[3] / "sample_data" / "salescope_sample.xlsx"
QUARTER = PeriodSpec("quarter")
SHEETS = ["Summary", "KPIs per rep", "KPIs per team", "Root causes", "Coaching plan",
          "Set-aside rows"]  # fmt: skip
DATES = (S.CREATED_DATE, S.CLOSE_DATE)
DEALS = frame(
    "rep team amount status created_date close_date",
    [
        ("Anna", "North", 1000.0, "won", "2026-01-05", "2026-01-15"),
        ("Anna", "North", 3000.0, "won", "2026-01-10", "2026-02-09"),
        ("Anna", "North", 2000.0, "lost", "2026-01-20", "2026-03-01"),
        ("Anna", "North", 6000.0, "won", "2026-04-02", "2026-05-04"),
        ("Bob", "North", 500.0, "won", "2026-01-07", "2026-03-20"),
        ("Bob", "North", 700.0, "lost", "2026-04-03", "2026-04-30"),
        ("Bob", "North", 1500.0, "won", "2026-04-08", "2026-06-10"),
    ],
    dates=DATES,
)


def _book(
    data: Dataset, current: str | None = None, currency: str | None = "EUR", lang: str = "en"
) -> Workbook:
    choice = current_and_previous(data, QUARTER, current)
    table = kpi_table(data, QUARTER)
    assert choice.current is not None
    found = find(data, QUARTER, choice.current, table, currency)
    raw = report_workbook(data, table, QUARTER, choice, found, currency, lang)
    return openpyxl.load_workbook(io.BytesIO(raw))


def _rows(sheet: Worksheet, header_row: int = 1) -> list[dict[str, openpyxl.cell.Cell]]:
    """Return the table of a sheet as one dict per row: header → cell."""
    rows = list(sheet.iter_rows(min_row=header_row))
    names = [c.value for c in rows[0]]
    return [dict(zip(names, row, strict=True)) for row in rows[1:]]


@pytest.fixture(scope="module")
def small() -> Workbook:
    return _book(dataset(**{S.DEALS: DEALS}), "2026-Q2")


@pytest.fixture(scope="module")
def sample() -> Workbook:
    return _book(read_files([(SAMPLE.name, SAMPLE.read_bytes())]).dataset())


def test_sheets_and_frozen_headers(small: Workbook) -> None:
    assert small.sheetnames == SHEETS
    # Header row frozen, and the rep / team / period columns on the wide KPI sheets.
    assert small["KPIs per rep"].freeze_panes == "D2"
    assert small["KPIs per team"].freeze_panes == "C2"
    assert small["Root causes"].freeze_panes == "B2"
    assert small["Summary"].freeze_panes == "A6"
    assert small["KPIs per rep"].auto_filter.ref.startswith("A1:")


def test_rep_revenue_of_a_quarter_is_the_sum_of_won_deals(small: Workbook) -> None:
    rows = _rows(small["KPIs per rep"])
    headers = list(rows[0])
    assert "win_rate" not in headers
    assert "Win rate" in headers
    anna = {r["Period"].value: r for r in rows if r["Rep"].value == "Anna"}
    assert anna["2026-Q1"]["Revenue"].value == pytest.approx(1000 + 3000)
    assert anna["2026-Q1"]["Revenue"].number_format == '"€"#,##0'
    assert anna["2026-Q1"]["Win rate"].value == pytest.approx(2 / 3)
    assert anna["2026-Q1"]["Win rate"].number_format == "0%"
    assert anna["2026-Q2"]["Revenue"].value == pytest.approx(6000)


def test_team_revenue_adds_its_reps(small: Workbook) -> None:
    rows = _rows(small["KPIs per team"])
    north = {r["Period"].value: r for r in rows if r["Team"].value == "North"}
    assert north["2026-Q1"]["Revenue"].value == pytest.approx(1000 + 3000 + 500)
    assert north["2026-Q2"]["Revenue"].value == pytest.approx(6000 + 1500)
    assert north["2026-Q2"]["Sales cycle"].number_format == "0"


def test_summary_compares_the_team_with_the_previous_quarter(small: Workbook) -> None:
    sheet = small["Summary"]
    assert [sheet["A1"].value, sheet["B1"].value] == ["Period shown", "2026-Q2"]
    assert [sheet["A2"].value, sheet["B2"].value] == ["Compared with", "2026-Q1"]
    rows = {r["KPI"].value: r for r in _rows(sheet, header_row=5)}
    revenue = rows["Revenue"]
    assert revenue["2026-Q2"].value == pytest.approx(7500)
    assert revenue["2026-Q1"].value == pytest.approx(4500)
    assert revenue["Change vs 2026-Q1"].value == pytest.approx(3000)  # names what it is against
    assert revenue["2026-Q2"].number_format == '"€"#,##0'
    # Q2: 2 of 3 closed deals won; Q1: 3 of 4.
    assert rows["Win rate"]["2026-Q2"].value == pytest.approx(2 / 3)
    assert rows["Win rate"]["Change vs 2026-Q1"].value == pytest.approx(2 / 3 - 3 / 4)
    assert rows["Win rate"]["2026-Q2"].number_format == "0%"
    assert rows["Target"]["Note"].value.startswith("Needs:")


def test_root_causes_name_the_planted_rep(sample: Workbook) -> None:
    rows = _rows(sample["Root causes"])
    emma = [r for r in rows if r["Rep"].value == CLOSE_RATE_REP]
    label = CAUSE_BY_CODE["falling_close_rate"].label.text("en")
    cause = next(r for r in emma if r["Cause"].value == label)
    assert cause["Period"].value == "2026-Q3"
    assert cause["Effect on revenue"].value < 0
    assert cause["Effect on revenue"].number_format.startswith('+"€"#,##0')
    assert 0.98 <= cause["How sure"].value <= 1
    assert cause["How sure"].number_format == "0%"


def test_sample_sheets_use_labels_and_unit_formats(sample: Workbook) -> None:
    assert sample.sheetnames == SHEETS
    rows = _rows(sample["KPIs per team"])
    headers = set(rows[0])
    assert "Employee NPS (eNPS)" in headers
    assert "enps" not in headers
    scored = next(r for r in rows if r["Employee NPS (eNPS)"].value is not None)
    assert scored["Employee NPS (eNPS)"].number_format == "+0;-0;0"
    plan = _rows(sample["Coaching plan"])
    assert any(r["Rep"].value == CLOSE_RATE_REP for r in plan)


NASTY = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx"]


def test_user_text_never_becomes_a_formula() -> None:
    deals = frame(
        "rep team amount status created_date close_date",
        [
            (name, "=1+1", 1000.0 + i, status, f"2026-0{m}-02", f"2026-0{m}-20")
            for i, name in enumerate(NASTY)
            for m, status in ((1, "won"), (4, "won"), (5, "lost"))
        ],
        dates=DATES,
    )
    aside = pd.DataFrame({"File": ["x.csv"], "Reason": ["=cmd|' /C calc'!A0"]})
    book = _book(Dataset({S.DEALS: deals}, aside, [], []), "2026-Q2")
    texts = []
    for sheet in book:
        for row in sheet.iter_rows():
            assert all(c.data_type != "f" for c in row)
            texts += [c.value for c in row if isinstance(c.value, str)]
    for name in [*NASTY, "=1+1", "=cmd|' /C calc'!A0"]:
        assert "'" + name in texts
        assert name not in texts


def test_dutch_workbook() -> None:
    book = _book(dataset(**{S.DEALS: DEALS}), "2026-Q2", lang="nl")
    assert book.sheetnames == ["Samenvatting", "KPI's per verkoper", "KPI's per team",
                               "Oorzaken", "Coachingplan", "Apart gezette rijen"]  # fmt: skip
    sheet = book["Samenvatting"]
    assert [sheet["A1"].value, sheet["B1"].value] == ["Getoonde periode", "2026-Q2"]
    rows = {r["KPI"].value: r for r in _rows(sheet, header_row=5)}
    assert rows["Omzet"]["2026-Q2"].value == pytest.approx(7500)  # the same numbers …
    assert rows["Omzet"]["Verandering t.o.v. 2026-Q1"].value == pytest.approx(3000)
    assert rows["Winratio"]["2026-Q2"].number_format == "0%"  # … and formats
    header = [c.value for c in next(book["KPI's per verkoper"].iter_rows(max_row=1))]
    assert header[:3] == ["Verkoper", "Team", "Periode"]


def test_dutch_set_aside_rows_keep_their_row_and_reason() -> None:
    bad = ["Bob Smit", "TBD", "Closed Won", "2026-03-20", "2026-02-02"]
    csv = csv_bytes([DEALS_HEADER, *DEALS_ROWS, bad])
    data = read_files([("export.csv", csv)]).dataset()
    book = _book(data, lang="nl")
    rows = list(book["Apart gezette rijen"].iter_rows(values_only=True))
    assert rows[0][:5] == ("Bestand", "Tabblad", "Rij", "Tabel", "Reden")
    assert len(rows) == 2  # the header and Bob's row, whose amount cannot be read
    assert rows[1][0] == "export.csv"
    assert rows[1][2] == 5  # the header is line 1, Bob the fifth line of the file
    assert "TBD" in rows[1][4]


@pytest.mark.parametrize(
    ("lang", "compared", "change"),
    [
        ("en", "2026-Q1, first 34 days", "Change vs 2026-Q1, first 34 days"),
        ("nl", "2026-Q1, eerste 34 dagen", "Verandering t.o.v. 2026-Q1, eerste 34 dagen"),
    ],
)
def test_the_quarter_so_far_is_compared_with_the_same_first_days(
    lang: str, compared: str, change: str
) -> None:
    # Data up to 10 May 2026: 2026-Q2 so far is its first 34 days (1 April - 10 May).
    data = dataset(**{S.DEALS: DEALS[DEALS[S.CLOSE_DATE] <= "2026-05-10"]})
    spec, choice = choose_period(data, QUARTER, SO_FAR)
    assert (choice.current, choice.so_far) == ("2026-Q2", 34)
    table = kpi_table(data, spec)
    raw = report_workbook(data, table, spec, choice, None, "EUR", lang)
    sheet = openpyxl.load_workbook(io.BytesIO(raw)).worksheets[0]
    assert sheet["B2"].value == compared
    header = [c.value for c in next(sheet.iter_rows(min_row=5, max_row=5))]
    assert header[2:4] == [compared, change]
