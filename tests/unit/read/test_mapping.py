"""Header dialects of real CRMs → the table and fields we expect (worked out by hand)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.read.mapping import guess_mapping, normalize_header, remap, set_column
from analysis.read.saved_mapping import apply_saved, mappings_to_json


def _frame(columns: dict[str, list[object]]) -> pd.DataFrame:
    return pd.DataFrame(columns)


DEAL_VALUES = {
    "rep": ["Anna", "Bob", "Cor"],
    "amount": ["1000", "2.500,50", "300"],
    "stage": ["Closed Won", "Closed Lost", "Negotiation"],
    "close": ["2026-01-15", "2026-02-15", "2026-03-15"],
    "created": ["2025-12-01", "2026-01-01", "2026-02-01"],
    "id": ["D1", "D2", "D3"],
    "flag": ["TRUE", "", "TRUE"],
}


@pytest.mark.parametrize(
    ("dialect", "headers", "expected"),
    [
        (
            "Salesforce report",
            [
                "Opportunity Owner",
                "Amount",
                "Stage",
                "Close Date",
                "Created Date",
                "Opportunity ID",
            ],
            ["rep", "amount", "stage", "close_date", "created_date", "deal_id"],
        ),
        (
            "Salesforce API names",
            ["OwnerId", "Amount", "StageName", "CloseDate", "CreatedDate", "Id", "IsWon"],
            ["rep", "amount", "stage", "close_date", "created_date", "deal_id", "is_won"],
        ),
        (
            "HubSpot deals",
            ["Deal owner", "Amount", "Deal Stage", "Close Date", "Create Date", "Record ID"],
            ["rep", "amount", "stage", "close_date", "created_date", "deal_id"],
        ),
        (
            "Pipedrive",
            [
                "Deal - Owner",
                "Deal - Value",
                "Deal - Status",
                "Deal - Won time",
                "Deal - Deal created",
                "Deal - ID",
            ],
            ["rep", "amount", "status", "close_date", "created_date", "deal_id"],
        ),
        (
            "Dutch CRM",
            ["Verkoper", "Bedrag", "Fase", "Sluitdatum", "Aanmaakdatum", "Dealnummer"],
            ["rep", "amount", "stage", "close_date", "created_date", "deal_id"],
        ),
        (
            "Dutch CRM, other words",
            ["Accountmanager", "Omzet", "Status", "Datum", "Aangemaakt op", "Kans ID"],
            ["rep", "amount", "status", "close_date", "created_date", "deal_id"],
        ),
        (
            "Typos and decorations",
            ["Sales Reps", "Amount (EUR)", "Stage", "Close_Date", "Created", "Deal #"],
            ["rep", "amount", "stage", "close_date", "created_date", None],
        ),
    ],
)
def test_deal_headers_of_each_dialect(dialect: str, headers: list[str], expected: list) -> None:
    values = list(DEAL_VALUES.values())
    frame = _frame({h: values[i if i < 6 else 6] for i, h in enumerate(headers)})
    mapping = guess_mapping("f::s", "Sheet1", frame)
    assert mapping.table == "deals", dialect
    got = [m.field for m in mapping.columns]
    assert got == expected, dialect
    assert all(0 < m.confidence <= 1 for m in mapping.columns if m.field)


@pytest.mark.parametrize(
    ("sheet", "columns", "table"),
    [
        (
            "Activities",
            {"Sales Rep": ["A"], "Date": ["2026-01-02"], "Type": ["Call"]},
            "activities",
        ),
        (
            "Task",
            {"OwnerId": ["005"], "ActivityDate": ["2026-01-02"], "Type__c": ["Call"]},
            "activities",
        ),
        (
            "Leads",
            {"Created On": ["2026-01-02"], "Lead Owner": ["A"], "Converted": ["Yes"]},
            "leads",
        ),
        ("Doelen", {"Verkoper": ["A"], "Kwartaal": ["2026-Q1"], "Doel": ["10000"]}, "targets"),
        (
            "Feedback",
            {"Date": ["2026-01-02"], "NPS Score": ["9"], "Account": ["X"]},
            "customer_feedback",
        ),
        (
            "Employee Survey",
            {"Survey Date": ["2026-01-02"], "Team": ["N"], "Score": ["7"]},
            "employee_survey",
        ),
        ("Market", {"Quarter": ["2026-Q1"], "Market revenue": ["1000000"]}, "market"),
        ("Reps", {"Sales Rep": ["Anna"], "Team": ["North"], "Start Date": ["2024-01-01"]}, "reps"),
        ("People", {"Person": ["Anna"], "Region": ["West"]}, "reps"),
        (
            "OpportunityHistory",  # Salesforce's own export of stage changes
            {
                "OpportunityId": ["006A"],
                "StageName": ["Prospecting"],
                "Amount": ["1000"],
                "CloseDate": ["2026-03-01"],
                "CreatedDate": ["2026-01-02T10:00:00.000+0000"],
            },
            "stage_history",
        ),
        (
            "Opportunities",  # the same columns in a sheet not named as a history are deals
            {
                "OpportunityId": ["006A"],
                "StageName": ["Prospecting"],
                "Amount": ["1000"],
                "CloseDate": ["2026-03-01"],
                "CreatedDate": ["2026-01-02T10:00:00.000+0000"],
            },
            "deals",
        ),
        (
            "Fasehistorie",
            {"Deal ID": ["D-1"], "Fase": ["Offerte"], "Gewijzigd op": ["02-01-2026"]},
            "stage_history",
        ),
    ],
)
def test_each_table_is_recognised(sheet: str, columns: dict, table: str) -> None:
    frame = _frame(columns)
    assert guess_mapping("f::s", sheet, frame).table == table


def test_a_date_column_holding_text_is_not_a_date() -> None:
    frame = _frame({"Owner": ["A", "B"], "Amount": ["1", "2"], "Close Date": ["soon", "later"]})
    mapping = guess_mapping("f::s", "Deals", frame)
    assert mapping.field_to_column().get("close_date") is None
    assert mapping.table == "ignore"


@pytest.mark.parametrize(
    ("header", "normal"),
    [
        ("StageName", "stage name"),
        ("Deal - Owner", "deal owner"),
        ("Type__c", "type"),
        ("  Close_Date ", "close date"),
        ("IsWon", "is won"),
    ],
)
def test_normalize_header(header: str, normal: str) -> None:
    assert normalize_header(header) == normal


def test_user_changes_and_saved_mapping_round_trip() -> None:
    frame = _frame(
        {
            "Owner": ["A"],
            "Amount": ["1"],
            "Stage": ["Won"],
            "Close Date": ["2026-01-01"],
            "Other amount": ["2"],
        }
    )
    mapping = guess_mapping("a.xlsx::Deals", "Deals", frame)
    changed = set_column(mapping, "Other amount", "amount")
    assert changed.field_to_column()["amount"] == "Other amount"
    assert "Amount" not in changed.field_to_column().values()
    text = mappings_to_json([changed], {"a.xlsx::Deals": "Deals"})
    next_month = frame.rename(columns={})  # same headers, new file
    applied = apply_saved(text, "b.xlsx::Deals", "Deals", next_month)
    assert applied is not None
    assert applied.field_to_column() == changed.field_to_column()
    assert remap(mapping, frame, "ignore").field_to_column() == {}


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        (
            '{"salescope_mapping": 1, "sheets": [{"sheet": "Deals", "columns": {"A": "amount"}}]}',
            True,
        ),
        ('{"sheets": []}', True),
        ("not json", False),
        ("[1, 2]", False),
        ('{"sheets": [1]}', False),
        ('{"sheets": [{"columns": 3}]}', False),
        ('{"other": true}', False),
    ],
)
def test_is_saved_mapping(text: str, ok: bool) -> None:
    from analysis.read.saved_mapping import apply_saved, is_saved_mapping

    assert is_saved_mapping(text) is ok
    if not ok:
        with pytest.raises(ValueError, match="not a Salescope mapping"):
            apply_saved(text, "k", "Deals", pd.DataFrame({"A": [1]}))
