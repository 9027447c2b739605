"""The forecast in the Excel workbook: worded headers, the Forecast object's figures in the cells,
money and percent formats, and deal names that can never run as a formula."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from analysis.forecast.outlook import Forecast, forecast
from analysis.kpis.table import kpi_table
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec, current_and_previous
from analysis.read.upload import read_files
from analysis.render.workbook import report_workbook
from analysis.review.findings import find

SAMPLE = Path(__file__).parents[3] / "sample_data" / "salescope_sample.xlsx"
QUARTER = PeriodSpec("quarter")
REP_HEADERS = ["Team", "Rep", "Won so far", "From open deals", "From new deals", "Expected",
               "Low (1 in 10 below)", "Likely", "High (1 in 10 above)", "Target",
               "Chance of making the target", "Open deals"]  # fmt: skip
DEAL_HEADERS = ["Deal ID", "Deal", "Account", "Rep", "Team", "Stage", "Amount", "Expected close",
                "Chance of winning", "Rep's win rate", "Why"]  # fmt: skip


@pytest.fixture(scope="module")
def sample() -> tuple[Dataset, Forecast]:
    data = read_files([(SAMPLE.name, SAMPLE.read_bytes())]).dataset()
    fc = forecast(data, QUARTER)
    assert fc is not None
    return data, fc


def _book(data: Dataset, fc: Forecast | None, lang: str = "en") -> Workbook:
    choice = current_and_previous(data, QUARTER)
    table = kpi_table(data, QUARTER)
    assert choice.current is not None
    found = find(data, QUARTER, choice.current, table, "EUR")
    raw = report_workbook(data, table, QUARTER, choice, found, "EUR", lang, fc)
    return openpyxl.load_workbook(io.BytesIO(raw))


def _table(sheet: Worksheet, header: str) -> tuple[list[str], list[tuple]]:
    """Return the header and rows of the table whose first header cell is `header`."""
    rows = list(sheet.iter_rows())
    top = next(i for i, row in enumerate(rows) if row[0].value == header)
    return [c.value for c in rows[top] if c.value is not None], rows[top + 1 :]


@pytest.fixture(scope="module")
def book(sample: tuple[Dataset, Forecast]) -> Workbook:
    return _book(*sample)


def test_the_forecast_sheets_come_last_with_worded_headers(book: Workbook) -> None:
    assert book.sheetnames[-2:] == ["Forecast", "Forecast deals"]
    names, _ = _table(book["Forecast"], "Team")
    assert names == REP_HEADERS
    deals, _ = _table(book["Forecast deals"], "Deal ID")
    assert deals == DEAL_HEADERS
    said = [c.value for c in book["Forecast"]["A"][:5]]
    assert said[0].startswith("Forecast for 2026-Q4, made from the data up to ")
    assert said[1].startswith("Likely €")


def test_a_reps_likely_cell_is_the_forecasts(book: Workbook, sample) -> None:
    _, fc = sample
    names, rows = _table(book["Forecast"], "Team")
    likely, chance = names.index("Likely"), names.index("Chance of making the target")
    anna = fc.scopes[fc.scopes["rep"] == "Anna de Vries"].iloc[0]
    (row,) = [r for r in rows if r[1].value == "Anna de Vries"]
    assert row[likely].value == pytest.approx(anna["p50"])
    assert "€" in row[likely].number_format
    if pd.isna(anna["chance_of_target"]):  # no target for the period: the cell stays empty
        assert row[chance].value is None
    else:
        assert row[chance].value == pytest.approx(anna["chance_of_target"])
        assert row[chance].number_format == "0%"
    (company,) = [r for r in rows if r[0].value == "Whole company"]
    assert company[likely].value == pytest.approx(fc.company["p50"])
    teams = fc.scopes[fc.scopes["scope"] == "team"]
    assert len([r for r in rows if r[0].value and not r[1].value]) == len(teams) + 1


def test_each_open_deal_has_its_chance_and_why(book: Workbook, sample) -> None:
    _, fc = sample
    names, rows = _table(book["Forecast deals"], "Deal ID")
    chance, why = names.index("Chance of winning"), names.index("Why")
    assert len(rows) == len(fc.deals)
    first = fc.deals.iloc[0]
    assert rows[0][0].value == first["deal_id"]
    assert rows[0][chance].value == pytest.approx(first["probability"])
    assert rows[0][chance].number_format == "0%"
    said = ("pts", "no single factor stands out")  # a deal whose factors all move it < 2 pts
    assert all(isinstance(r[why].value, str) and any(w in r[why].value for w in said) for r in rows)


def test_a_deal_named_like_a_formula_is_text(sample) -> None:
    data, fc = sample
    deals = fc.deals.copy()
    deals.loc[0, "deal"] = '=HYPERLINK("http://x","y")'
    deals.loc[1, "account"] = "@SUM(A1)"
    book = _book(data, dataclasses.replace(fc, deals=deals))
    names, rows = _table(book["Forecast deals"], "Deal ID")
    deal, account = names.index("Deal"), names.index("Account")
    assert rows[0][deal].data_type != "f"
    assert rows[0][deal].value == '\'=HYPERLINK("http://x","y")'
    assert rows[1][account].value == "'@SUM(A1)"
    for sheet in book:
        for row in sheet.iter_rows():
            assert all(c.data_type != "f" for c in row)


def test_dutch_and_without_a_forecast(sample) -> None:
    data, fc = sample
    dutch = _book(data, fc, "nl")
    assert dutch.sheetnames[-2:] == ["Prognose", "Prognose deals"]
    names, _ = _table(dutch["Prognose"], "Team")
    assert "Waarschijnlijk" in names
    assert "Forecast" not in _book(data, None).sheetnames
    assert pd.notna(fc.company["p50"])
