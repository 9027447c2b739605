"""From sheets to canonical tables: every row used or set aside with its reason."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.read.upload import read_files
from analysis.render.safe_export import defuse, to_csv_bytes, to_xlsx_bytes
from tests.builders import csv_bytes, xlsx
from tests.said import en

HEADER = ["Deal ID", "Owner", "Amount", "Stage", "Close Date", "Created Date"]


def _deals(rows: list[list[object]], name: str = "deals.csv"):
    upload = read_files([(name, csv_bytes([HEADER, *rows], sep=";"))])
    return upload, upload.dataset()


def test_each_bad_row_gets_its_reason() -> None:
    rows = [
        ["D1", "Anna", "1000", "Closed Won", "2026-01-15", "2026-01-01"],  # fine
        ["D2", "Anna", "", "Closed Won", "2026-01-15", "2026-01-01"],  # won, no amount
        ["D3", "Anna", "abc", "Closed Lost", "2026-01-15", "2026-01-01"],  # unreadable amount
        ["D4", "Bob", "-10", "Closed Won", "2026-01-15", "2026-01-01"],  # negative
        ["D5", "Bob", "10", "Closed Won", "someday", "2026-01-01"],  # unreadable date
        ["D6", "Bob", "10", "Closed Won", "2026-01-01", "2026-02-01"],  # close before create
        ["D1", "Bob", "20", "Closed Won", "2026-01-15", "2026-01-01"],  # duplicate id
        ["D7", "", "30", "Closed Won", "2026-01-15", "2026-01-01"],  # no rep
        ["D8", "Cor", "40", "Negotiation", "", "2026-01-01"],  # open, no close date: kept
    ]
    _, data = _deals(rows)
    aside = en(data.set_aside.set_index("Row")["Reason"]).to_dict()
    # Row numbers as in the file: header on line 1, D1 on line 2.
    assert aside == {
        3: "missing amount",
        4: "amount 'abc' could not be read",
        5: "negative amount",
        6: "close date 'someday' could not be read",
        7: "close date before created date",
        8: "duplicate deal ID (the first one is kept)",
        9: "missing sales rep",
    }
    deals = data.tables["deals"]
    assert sorted(deals["deal_id"]) == ["D1", "D8"]
    assert deals.set_index("deal_id").loc["D8", "status"] == "open"
    (report,) = data.reports
    assert (report.rows_read, report.rows_used, report.rows_set_aside) == (9, 2, 7)


@pytest.mark.parametrize(
    ("columns", "rows", "expected"),
    [
        # Salesforce: IsWon/IsClosed flags (blank = false) decide where the stage is open.
        (
            ["Owner", "Amount", "CloseDate", "IsClosed", "IsWon"],
            [
                ["A", 1, "2026-01-01", "TRUE", "TRUE"],
                ["A", 1, "2026-01-01", "TRUE", ""],
                ["A", 1, "2026-01-01", "", ""],
            ],
            ["won", "lost", "open"],
        ),
        # Pipedrive: a status column wins over the pipeline stage.
        (
            ["Deal - Owner", "Deal - Value", "Deal - Won time", "Deal - Stage", "Deal - Status"],
            [
                ["A", 1, "2026-01-01", "Proposal", "won"],
                ["A", 1, "2026-01-01", "Proposal", "lost"],
                ["A", 1, "2026-01-01", "Proposal", "open"],
            ],
            ["won", "lost", "open"],
        ),
        # Dutch stages.
        (
            ["Verkoper", "Bedrag", "Sluitdatum", "Fase"],
            [
                ["A", 1, "01-02-2026", "Gewonnen"],
                ["A", 1, "01-02-2026", "Verloren"],
                ["A", 1, "01-02-2026", "Offerte"],
            ],
            ["won", "lost", "open"],
        ),
    ],
)
def test_outcome_of_each_crm(columns: list[str], rows: list, expected: list[str]) -> None:
    data = read_files([("x.csv", csv_bytes([columns, *rows]))]).dataset()
    assert data.tables["deals"]["status"].tolist() == expected


def test_two_currencies_are_not_added_up() -> None:
    rows = [
        ["D1", "A", "€ 1.000,00", "Won", "2026-01-15", "2026-01-01"],
        ["D2", "A", "€ 2.000,00", "Won", "2026-01-15", "2026-01-01"],
        ["D3", "B", "$ 500.00", "Won", "2026-01-15", "2026-01-01"],
    ]
    _, data = _deals(rows)
    assert data.tables["deals"]["amount"].sum() == 3000.0  # 1,000 + 2,000 EUR only
    (reason,) = en(data.set_aside["Reason"]).tolist()
    assert reason.startswith("amount in USD")
    assert any("2 currencies" in note for note in en(data.reports[0].notes))


def test_order_lines_sharing_an_id_become_one_deal() -> None:
    rows = [
        ["O1", "A", "10", "Won", "2026-01-15", "2026-01-01"],
        ["O1", "A", "15", "Won", "2026-01-15", "2026-01-01"],
        ["O2", "B", "7", "Won", "2026-01-16", "2026-01-01"],
        ["O2", "B", "3", "Won", "2026-01-16", "2026-01-01"],
    ]
    _, data = _deals(rows)
    deals = data.tables["deals"].set_index("deal_id")["amount"].to_dict()
    assert deals == {"O1": 25.0, "O2": 10.0}  # 10 + 15, 7 + 3
    assert data.rows_set_aside == 0


def test_rep_ids_become_names_and_teams_are_added() -> None:
    book = xlsx(
        {
            "Opportunities": [
                ["OwnerId", "Amount", "StageName", "CloseDate"],
                ["005A", 100, "Closed Won", "2026-01-15"],
                ["005B", 200, "Closed Won", "2026-01-15"],
            ],
            "Users": [
                ["Id", "Name", "Team"],
                ["005A", "Anna de Vries", "North"],
                ["005B", "Sem Jansen", "South"],
            ],
        }
    )
    data = read_files([("sf.xlsx", book)]).dataset()
    deals = data.tables["deals"]
    assert deals["rep"].tolist() == ["Anna de Vries", "Sem Jansen"]
    assert deals["team"].tolist() == ["North", "South"]


def test_table_split_over_two_files_is_joined() -> None:
    orders = csv_bytes(
        [
            ["Order ID", "Order Date", "Sales Rep"],
            ["B-1", "14-03-2026", "Anna"],
            ["B-2", "15-03-2026", "Sem"],
            ["B-3", "16-03-2026", "Sem"],
        ]
    )
    lines = csv_bytes(
        [
            ["Order ID", "Amount", "Category"],
            ["B-1", "100", "Chairs"],
            ["B-1", "50", "Desks"],
            ["B-2", "70", "Chairs"],
        ]
    )
    upload = read_files([("orders.csv", orders), ("lines.csv", lines)])
    data = upload.dataset()
    deals = data.tables["deals"].set_index("deal_id")
    assert deals["amount"].to_dict() == {"B-1": 150.0, "B-2": 70.0}
    assert deals.loc["B-1", "rep"] == "Anna"
    assert deals.loc["B-1", "close_date"] == pd.Timestamp("2026-03-14")
    assert any("1 row(s) of orders.csv have no match" in n for n in en(upload.notes))


def test_created_dates_of_a_bulk_import_do_not_throw_deals_away() -> None:
    rows = [[f"D{i}", "A", "10", "Closed Won", f"2025-0{i}-10", "2026-01-22"] for i in range(1, 6)]
    _, data = _deals(rows)
    assert len(data.tables["deals"]) == 5
    assert data.tables["deals"]["created_date"].isna().all()


def test_ods_workbook_is_read() -> None:
    buffer = io.BytesIO()
    pd.DataFrame(
        {"Owner": ["A"], "Amount": [5.0], "Stage": ["Won"], "Close Date": ["2026-01-02"]}
    ).to_excel(buffer, engine="odf", index=False)
    data = read_files([("deals.ods", buffer.getvalue())]).dataset()
    assert data.tables["deals"]["amount"].tolist() == [5.0]


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Anna", "Anna"),
        (12.5, 12.5),
    ],
)
def test_exported_cells_are_safe_from_formula_injection(value: object, safe: object) -> None:
    assert defuse(value) == safe


def test_xlsx_export_stores_formulas_as_text() -> None:
    import openpyxl

    frame = pd.DataFrame({"Rep": ['=HYPERLINK("http://x","y")']})
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Set aside": frame})))
    cell = book["Set aside"]["A2"]
    assert cell.data_type == "s"
    assert cell.value.startswith("'=")
    assert to_csv_bytes(frame).decode("utf-8-sig").splitlines()[1].startswith("\"'=")


CELL = st.one_of(
    st.none(),
    st.sampled_from(["", "abc", "-5", "1.000,50", "12,500.00", "2026-13-45", "n/a", "Totaal"]),
    st.integers(-1000, 100000).map(str),
    st.dates().map(lambda d: d.strftime("%d-%m-%Y")),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(CELL, CELL, CELL, CELL, CELL), min_size=1, max_size=30))
def test_rows_read_equal_rows_used_plus_set_aside(rows: list[tuple]) -> None:
    header = ["Owner", "Amount", "Stage", "Close Date", "Created Date"]
    upload = read_files([("random.csv", csv_bytes([header, *rows]))])
    data = upload.dataset()
    for report in data.reports:
        if report.table == "ignore":  # a sheet not used is listed, its rows are not counted
            assert (report.rows_used, report.rows_set_aside) == (0, 0)
        else:
            assert report.rows_read == report.rows_used + report.rows_set_aside
    used = sum(len(t) for t in data.tables.values())
    assert used <= data.rows_read
    assert len(data.set_aside) == data.rows_set_aside


def test_salesforce_formatted_report_with_groups_and_subtotals() -> None:
    book = xlsx(
        {
            "Report": [
                ["Opportunities by Owner"],
                ["Salesforce.com Inc. — as of 28-11-2026"],
                [],
                ["Opportunity Owner", "Opportunity Name", "Stage", "Amount", "Close Date"],
                ["Anna de Vries", "Acme renewal", "Closed Won", 1000, "2026-01-10"],
                [None, "Globex", "Closed Lost", 500, "2026-01-12"],
                ["Subtotal", None, None, 1500, None],
                ["Sem Jansen", "Initech", "Closed Won", 700, "2026-02-01"],
                [None, "Umbrella", "Negotiation", 300, "2026-03-01"],
                ["Subtotal", None, None, 1000, None],
                ["Grand Totals (4 records)", None, None, 2500, None],
                [],
                ["Confidential Information - Do Not Distribute"],
            ]
        }
    )
    upload = read_files([("report.xlsx", book)])
    data = upload.dataset()
    deals = data.tables["deals"]
    assert deals["rep"].tolist() == ["Anna de Vries", "Anna de Vries", "Sem Jansen", "Sem Jansen"]
    assert deals["amount"].sum() == 2500.0  # 1000 + 500 + 700 + 300, subtotals left out
    reasons = en(data.set_aside["Reason"]).value_counts().to_dict()
    assert reasons == {
        "totals line of the report, not a record": 3,
        "footer note of the report, not a record": 1,
    }
    (report,) = data.reports
    assert (report.rows_read, report.rows_used, report.rows_set_aside) == (8, 4, 4)


def test_a_sheet_missing_a_required_column_is_set_aside_whole() -> None:
    from analysis.read.mapping import remap

    upload = read_files([("d.csv", csv_bytes([HEADER, ["D1", "A", "5", "Won", "2026-01-02", ""]]))])
    key = upload.sheets[0].key
    as_targets = remap(upload.mappings[key], upload.sheets[0].frame, "targets")
    data = upload.dataset({key: as_targets})
    (report,) = data.reports
    assert (report.rows_read, report.rows_used, report.rows_set_aside) == (1, 0, 1)
    assert en(report.reasons) == {"the sheet has no column for period, target": 1}


def test_deals_without_a_rep_column_say_so() -> None:
    rows = [["Amount", "Stage", "Close Date"], ["100", "Won", "2026-01-05"]]
    data = read_files([("d.csv", csv_bytes(rows))]).dataset()
    assert en(data.notes) == [
        "Deals: no sales rep column, so figures per sales rep are not available; "
        "team and company totals still are."
    ]
