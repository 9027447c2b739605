"""Columns recognised by a word in their header or by their values, when no synonym names them."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.model import schema as S
from analysis.read.mapping import guess_mapping, remap
from analysis.read.notes import value_reason
from analysis.read.profiles import profile
from analysis.read.upload import read_files
from tests.builders import csv_bytes

# Five reps, each in several rows; created always before closed; amounts with cents.
NAMES = ["Anna de Vries", "Bram Jansen", "Chloe Martin", "Daan Smit", "Eva Bakker"]


def _blind_deals(n: int = 40) -> pd.DataFrame:
    """A deals sheet whose headers say nothing: A..F."""
    created = pd.date_range("2026-01-05", periods=n, freq="3D")
    return pd.DataFrame(
        {
            "A": [f"D-{1000 + i}" for i in range(n)],
            "B": [NAMES[i % 5] for i in range(n)],
            "C": [("Won", "Lost", "Negotiation")[i % 3] for i in range(n)],
            "D": created.strftime("%Y-%m-%d"),
            "E": (created + pd.Timedelta(days=20)).strftime("%Y-%m-%d"),
            "F": [f"{1250.5 + 37 * i:.2f}" for i in range(n)],
        }
    )


def _fields(frame: pd.DataFrame, sheet: str = "Sheet1") -> tuple[str, dict[str, str], dict]:
    mapping = guess_mapping("x::s", sheet, frame)
    return (
        mapping.table,
        mapping.field_to_column(),
        {m.column: m.how for m in mapping.columns if m.field},
    )


def test_headers_that_say_nothing_are_read_by_their_values() -> None:
    table, fields, how = _fields(_blind_deals())
    assert table == S.DEALS
    # A: D-1000.. one per row; B: five names, 8 rows each; C: Won/Lost/Negotiation; D before E
    # in every row; F money.
    assert fields == {
        S.DEAL_ID: "A",
        S.REP: "B",
        S.STAGE: "C",
        S.CREATED_DATE: "D",
        S.CLOSE_DATE: "E",
        S.AMOUNT: "F",
    }
    assert set(how.values()) == {"values"}
    # Found by values only: the sheet is as sure as its weakest required column, so it asks.
    assert guess_mapping("x::s", "Sheet1", _blind_deals()).confidence == 0.6


def test_the_date_order_decides_created_and_close_whatever_the_column_order() -> None:
    frame = _blind_deals()
    swapped = frame.rename(columns={"D": "E", "E": "D"})[["A", "B", "C", "D", "E", "F"]]
    _, fields, _ = _fields(swapped)
    # Now column D holds the later dates: it is the close date.
    assert fields[S.CLOSE_DATE] == "D"
    assert fields[S.CREATED_DATE] == "E"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        # The opportunities CSV of a CRM training set: close_value holds the word "value".
        (
            [
                "opportunity_id",
                "sales_agent",
                "deal_stage",
                "engage_date",
                "close_date",
                "close_value",
            ],
            {S.AMOUNT: "close_value", S.CREATED_DATE: "engage_date", S.REP: "sales_agent"},
        ),
        (
            ["Deal - ID", "Potential Owner", "Deal - Stage", "Created", "Closed", "Deal - Value"],
            {S.AMOUNT: "Deal - Value", S.REP: "Potential Owner"},
        ),
        (
            ["Ref", "Verkäufer", "Phase", "Erstellt", "Abschlussdatum", "Umsatz"],
            {S.AMOUNT: "Umsatz", S.REP: "Verkäufer", S.CLOSE_DATE: "Abschlussdatum"},
        ),
    ],
)
def test_a_word_in_the_header_names_the_field(headers: list[str], expected: dict) -> None:
    frame = _blind_deals()
    frame.columns = headers
    table, fields, _ = _fields(frame)
    assert table == S.DEALS
    assert {f: fields.get(f) for f in expected} == expected


def test_probability_year_and_running_number_are_not_the_amount() -> None:
    frame = _blind_deals().drop(columns=["F"])
    frame["G"] = [10 * (i % 10) for i in range(len(frame))]  # 0..90 %: a probability
    frame["H"] = 2026  # a year
    frame["I"] = range(1, len(frame) + 1)  # a running number
    frame["J"] = [f"€ {900 + 11 * i},00" for i in range(len(frame))]  # the money
    _, fields, _ = _fields(frame)
    assert fields[S.AMOUNT] == "J"


@pytest.mark.parametrize(
    "frame",
    [
        # A product list: prices, but no dates and no won/lost.
        pd.DataFrame({"Product": ["GTX", "MG", "GTK"] * 5, "Price": [55.0, 550.0, 4821.0] * 5}),
        # An HR list: people, dates and salaries, but nothing was won or lost.
        pd.DataFrame(
            {
                "Employee Name": NAMES * 4,
                "Department": ["Sales", "HR", "IT", "Sales", "Finance"] * 4,
                "Hire Date": pd.date_range("2015-01-01", periods=20, freq="90D").strftime(
                    "%d/%m/%Y"
                ),
                "Salary": [52000.5 + 1000 * i for i in range(20)],
                "Status": ["Active", "Active", "Terminated", "Active", "On leave"] * 4,
            }
        ),
    ],
)
def test_sheets_without_sales_are_not_made_deals(frame: pd.DataFrame) -> None:
    table, _, _ = _fields(frame)
    assert table != S.DEALS


def test_an_employee_survey_found_by_its_sheet_name_and_scores() -> None:
    question = "Hoe waarschijnlijk is het dat je ons bedrijf aanbeveelt als werkgever? (0-10)"
    frame = pd.DataFrame(
        {
            "Afdeling": ["Noord", "Zuid"] * 6,
            "Ingevuld": ["2026-03-31"] * 6 + ["2026-06-30"] * 6,
            question: [9, 10, 7, 3, 8, 6, 10, 9, 5, 7, 8, 2],
        }
    )
    table, fields, _ = _fields(frame, "Medewerkersenquête")
    assert table == S.EMPLOYEE_SURVEY
    assert fields[S.SCORE] == question
    assert fields[S.DATE] == "Ingevuld"


def test_a_name_match_still_wins_over_values() -> None:
    frame = _blind_deals().rename(columns={"F": "Amount", "B": "Owner"})
    frame["Z"] = [f"{99.5 + i:.2f}" for i in range(len(frame))]
    _, fields, how = _fields(frame)
    assert fields[S.AMOUNT] == "Amount"
    assert how["Amount"] == "name"


def test_choosing_deals_by_hand_also_fills_by_values() -> None:
    frame = _blind_deals().drop(columns=["C"])  # no won/lost column: not guessed as deals
    mapping = remap(guess_mapping("x::s", "Sheet1", frame), frame, S.DEALS)
    assert mapping.field_to_column()[S.AMOUNT] == "F"
    assert mapping.field_to_column()[S.CLOSE_DATE] == "E"


def test_end_to_end_revenue_from_a_blind_csv() -> None:
    frame = _blind_deals(12)
    rows = [list(frame.columns), *frame.astype(str).values.tolist()]
    data = read_files([("export.csv", csv_bytes(rows))]).dataset()
    deals = data.tables[S.DEALS]
    # Won rows are i = 0, 3, 6, 9: 1250.50 + 37 * (0 + 3 + 6 + 9) = 4 * 1250.50 + 666 = 5668.00
    assert deals.loc[deals[S.STATUS] == "won", S.AMOUNT].sum() == pytest.approx(5668.0)
    assert sorted(deals[S.REP].unique()) == NAMES


def test_the_reason_is_said_in_plain_words() -> None:
    reason = value_reason(("money", 38.0, 30288.0), 0.6)
    said = reason.text("en")
    assert said.startswith("by its values: numbers from 38 to 30,288, they look like money")
    assert said.endswith("· 60% sure, please check")
    dutch = reason.text("nl")
    assert "getallen van 38 tot 30.288" in dutch


def test_profile_counts_people_and_money() -> None:
    p = profile(pd.Series(["Anna de Vries", "Bram Jansen", "anna@acme.com", "D-17"], name="x"))
    assert p.person_share == pytest.approx(0.75)  # three of four look like people
    money = profile(pd.Series(["$1,797.41", "$38.00", None, "$30,288.50"], name="m"))
    assert (money.filled, money.low, money.high, money.money_signs) == (3, 38.0, 30288.5, True)


def test_an_employee_survey_found_by_its_question_alone() -> None:
    question = "How likely are you to recommend our company as an employer? (0-10)"
    frame = pd.DataFrame(
        {
            "Team": ["North", "South"] * 5,
            "Submitted": ["2026-03-31"] * 10,
            question: [9, 10, 7, 3, 8, 6, 10, 9, 5, 0],
        }
    )
    table, fields, _ = _fields(frame, "Sheet1")
    assert table == S.EMPLOYEE_SURVEY
    assert fields[S.SCORE] == question


def test_a_history_sheet_with_the_deal_columns_is_the_stage_history() -> None:
    # Salesforce's OpportunityHistory repeats Amount and CloseDate beside the stage change.
    frame = pd.DataFrame(
        {
            "OpportunityId": ["006A", "006A", "006B"],
            "StageName": ["Prospecting", "Closed Won", "Closed Lost"],
            "Amount": [1000.0, 1200.0, 500.0],
            "CloseDate": ["2024-03-01", "2024-03-01", "2024-02-01"],
            "CreatedDate": ["2024-01-05", "2024-02-28", "2024-01-30"],
        }
    )
    table, fields, _ = _fields(frame, "OpportunityHistory")
    assert table == S.STAGE_HISTORY
    assert fields[S.DEAL_ID] == "OpportunityId"
