"""Messy exports a sales leader really uploads (found by trying to break ingestion)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.read.upload import read_files
from tests.builders import csv_bytes, hidden_sheet_xlsx, xlsx
from tests.said import en


def _deals(files: list[tuple[str, bytes]]) -> pd.DataFrame:
    return read_files(files).dataset().tables["deals"]


def test_pipedrive_lost_deals_close_on_their_lost_time() -> None:
    rows = [
        [
            "Deal - Title",
            "Deal - Value",
            "Deal - Owner",
            "Deal - Status",
            "Deal - Won time",
            "Deal - Lost time",
        ],
        ["A", "100", "Anna", "won", "2026-03-14 10:00:00", ""],
        ["B", "200", "Anna", "lost", "", "2026-03-20 16:05:00"],
    ]
    deals = _deals([("deals.csv", csv_bytes(rows))])
    assert deals["status"].tolist() == ["won", "lost"]
    assert deals["close_date"].tolist() == [
        pd.Timestamp("2026-03-14 10:00"),
        pd.Timestamp("2026-03-20 16:05"),
    ]


def test_report_grouped_by_owner_and_stage_fills_both_down() -> None:
    d = dt.date
    book = xlsx(
        {
            "Report": [
                ["Opportunity Owner", "Stage", "Amount", "Close Date"],
                ["Anna", "Closed Won", 1000, d(2026, 3, 1)],
                [None, None, 2000, d(2026, 3, 2)],
                [None, "Subtotal", 3000, None],
                [None, "Closed Lost", 500, d(2026, 3, 3)],
                [None, None, 700, d(2026, 3, 4)],
                ["Grand Totals (4 records)", None, 4200, None],
            ]
        }
    )
    deals = _deals([("r.xlsx", book)])
    assert deals["status"].tolist() == ["won", "won", "lost", "lost"]
    assert deals["rep"].unique().tolist() == ["Anna"]


def test_day_first_decided_in_one_date_column_holds_for_the_other() -> None:
    rows = [
        ["Owner", "Amount", "Stage", "Close Date", "Created Date"],
        ["Anna", "1000", "Closed Won", "14/03/2026", "10/03/2026"],
        ["Bram", "2000", "Closed Won", "20/03/2026", "02/03/2026"],
    ]
    deals = _deals([("uk.csv", csv_bytes(rows))])
    # 14/03 can only be day-first, so 10/03 is 10 March, not 3 October.
    assert deals["created_date"].tolist() == [
        pd.Timestamp("2026-03-10"),
        pd.Timestamp("2026-03-02"),
    ]


def test_two_files_with_the_same_name_stay_two_files() -> None:
    a = csv_bytes(
        [["Owner", "Amount", "Stage", "Close Date"], ["Anna", 1, "Closed Won", "2026-03-01"]]
    )
    b = csv_bytes(
        [["Verkoper", "Bedrag", "Fase", "Sluitdatum"], ["Bram", 2, "Gewonnen", "01-03-2026"]],
        sep=";",
    )
    upload = read_files([("export.csv", a), ("export.csv", b)])
    assert upload.file_names == ["export.csv", "export (2).csv"]
    assert sorted(upload.dataset().tables["deals"]["rep"]) == ["Anna", "Bram"]


def test_numeric_year_in_a_workbook_is_a_period() -> None:
    upload = read_files(
        [("t.xlsx", xlsx({"Targets": [["Team", "Year", "Target"], ["Noord", 2026, 1200000]]}))]
    )
    targets = upload.dataset().tables["targets"]
    assert targets["period"].tolist() == [pd.Timestamp("2026-01-01")]
    assert targets["period_grain"].tolist() == ["year"]


def test_text_far_down_a_number_column_is_read_not_dropped() -> None:
    rows = [["Owner", "Amount", "Stage", "Close Date"]]
    rows += [["Anna", 1000.0, "Closed Won", dt.datetime(2026, 3, 1)]] * 1100
    rows += [["Bram", "€ 50.000", "Proposal", dt.datetime(2026, 5, 1)]]
    deals = _deals([("late.xlsx", xlsx({"Deals": rows}))])
    assert deals["amount"].iloc[-1] == 50000.0


def test_salesforce_opportunity_currency_keeps_currencies_apart() -> None:
    rows = [
        ["Opportunity Owner", "Opportunity Currency", "Amount", "Stage", "Close Date"],
        ["Anna", "EUR", "1000", "Closed Won", "2026-03-14"],
        ["Anna", "EUR", "500", "Closed Won", "2026-03-15"],
        ["Bram", "USD", "3000", "Closed Won", "2026-03-16"],
    ]
    data = read_files([("c.csv", csv_bytes(rows))]).dataset()
    assert data.tables["deals"]["amount"].sum() == 1500.0  # the USD deal is set aside
    assert data.rows_set_aside == 1


def test_hubspot_and_pipedrive_activity_exports_are_recognised() -> None:
    for rows in (
        [
            ["Activity date", "Activity assigned to", "Activity type"],
            ["2026-03-14 10:00", "Anna", "CALL"],
        ],
        [
            ["Activity - Type", "Activity - Assigned to user", "Activity - Due date"],
            ["call", "Anna", "2026-03-14"],
        ],
    ):
        upload = read_files([("activities.csv", csv_bytes(rows))])
        assert [m.table for m in upload.mappings.values()] == ["activities"]


def test_excel_subtotal_and_count_lines_are_not_deals() -> None:
    rows = [
        ["Opportunity Owner", "Amount", "Stage", "Close Date"],
        ["Anna", "1000", "Closed Won", "2026-03-01"],
        ["Anna Total", "1000", "", ""],
        ["Count: 1", "", "", ""],
    ]
    data = read_files([("t.csv", csv_bytes(rows))]).dataset()
    assert data.tables["deals"]["rep"].tolist() == ["Anna"]
    assert data.rows_set_aside == 2


def test_short_title_line_above_a_narrow_table_is_not_the_header() -> None:
    book = xlsx(
        {
            "Doelen": [
                ["Periode:", "2026 H1"],
                [],
                ["Verkoper", "Kwartaal", "Doel"],
                ["Anna", "K1 2026", 50000],
            ]
        }
    )
    upload = read_files([("d.xlsx", book)])
    (mapping,) = upload.mappings.values()
    assert mapping.table == "targets"
    assert [c.column for c in mapping.columns] == ["Verkoper", "Kwartaal", "Doel"]


def test_spellings_of_one_rep_count_as_one() -> None:
    rows = [
        ["Verkoper", "Bedrag", "Fase", "Sluitdatum"],
        ["Anna de Vries", "1", "Gewonnen", "01-03-2026"],
        ["anna de vries", "1", "Gewonnen", "02-03-2026"],
        ["Anna  de Vries", "1", "Gewonnen", "03-03-2026"],
    ]
    deals = _deals([("n.csv", csv_bytes(rows))])
    assert deals["rep"].unique().tolist() == ["Anna de Vries"]


def test_spellings_of_one_stage_count_as_one_and_are_said() -> None:
    # Two 'Demo', one 'demo', one 'Offerte ' (a trailing space): two stages, in their most
    # common spelling; the note counts the one spelling merged into another.
    rows = [
        ["Verkoper", "Bedrag", "Fase", "Sluitdatum"],
        ["Anna", "1", "Demo", "01-03-2026"],
        ["Anna", "1", "demo", "02-03-2026"],
        ["Bram", "1", "Demo", "03-03-2026"],
        ["Bram", "1", "Offerte ", "03-03-2026"],
    ]
    data = read_files([("n.csv", csv_bytes(rows))]).dataset()
    assert data.tables["deals"]["stage"].tolist() == ["Demo", "Demo", "Demo", "Offerte"]
    notes = [n for r in data.reports for n in r.notes if n.key == "upload.note.spellings"]
    assert [en(n) for n in notes] == [
        "Fase: 1 spelling(s) that differ only in capitals or spaces were counted as the same"
        " name (e.g. 'anna  de vries' = 'Anna de Vries')."
    ]


def test_hidden_sheet_is_not_counted() -> None:
    upload = read_files([("h.xlsx", hidden_sheet_xlsx())])
    assert upload.dataset().tables["deals"]["amount"].sum() == 1000.0
    hidden_mapping = upload.mappings["h.xlsx::Deals old"]
    assert hidden_mapping.table == "ignore"
    assert "hidden" in en(hidden_mapping.reason)


def test_fiscal_and_half_year_period_labels() -> None:
    book = xlsx(
        {
            "Quota": [
                ["Owner", "Period", "Quota"],
                ["Anna", "FY2026 Q1", 50000],
                ["Bram", "Q3 FY26", 40000],
                ["Cor", "H2 2026", 90000],
            ]
        }
    )
    targets = read_files([("q.xlsx", book)]).dataset().tables["targets"]
    assert targets["period"].tolist() == [
        pd.Timestamp("2026-01-01"),
        pd.Timestamp("2026-07-01"),
        pd.Timestamp("2026-07-01"),
    ]
    assert targets["period_grain"].tolist() == ["quarter", "quarter", "half"]


def test_web_page_saved_as_xls_says_what_it_is() -> None:
    upload = read_files([("report.xls", b"<html><body><table><tr><td>Owner</td></tr></table>")])
    (error,) = en(upload.errors)
    assert "web page" in error


def test_an_upload_without_its_rows_keeps_what_a_run_reports() -> None:
    # The command line lets go of the raw rows once the Dataset is built: its files, sheets,
    # columns and mappings stay, and the Dataset built before counts the same rows.
    rows = [["Verkoper", "Bedrag", "Fase", "Sluitdatum"], ["Anna", "1", "Gewonnen", "01-03-2026"]]
    upload = read_files([("n.csv", csv_bytes(rows + rows[1:] * 2))])
    data = upload.dataset()
    light = upload.without_rows()
    (sheet,) = light.sheets
    assert len(sheet.frame) == 0
    assert len(upload.sheets[0].frame) == 3
    assert list(sheet.frame.columns) == list(upload.sheets[0].frame.columns)
    assert light.file_names == ["n.csv"]
    assert light.mappings == upload.mappings
    assert [r.rows_read for r in data.reports] == [3]
