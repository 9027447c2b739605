"""Employee survey sheets are recognised by their name and by the eNPS question as a header."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.read.mapping import guess_mapping
from analysis.read.upload import read_files
from tests.builders import xlsx

Q_NL = (
    "Hoe waarschijnlijk is het dat je Acme als werkgever aanbeveelt aan vrienden of familie? (0-10)"
)
Q_EN = "How likely are you to recommend working here to a friend?"
Q_DE = "Wie wahrscheinlich ist es, dass Sie uns als Arbeitgeber einem Freund empfehlen? (0-10)"
Q_FR = "Quelle est la probabilité que vous recommandiez notre entreprise comme employeur à un ami ?"
ROWS = [["2026-03-02", "Noord", "8"], ["2026-03-03", "Zuid", "9"], ["2026-03-04", "Noord", "6"]]


@pytest.mark.parametrize(
    ("sheet", "columns", "table", "mapped"),
    [
        (
            "Medewerkersenquête",
            ["Datum", "Team", Q_NL],
            "employee_survey",
            {"Datum": "date", "Team": "team", Q_NL: "score"},
        ),
        (
            "Medewerkersenquête",
            ["Ingevuld op", "Afdeling", Q_NL],
            "employee_survey",
            {"Ingevuld op": "date", "Afdeling": "team", Q_NL: "score"},
        ),
        # The question alone says it, whatever the sheet is called.
        (
            "Sheet1",
            ["Date", "Team", Q_EN],
            "employee_survey",
            {"Date": "date", "Team": "team", Q_EN: "score"},
        ),
        (
            "Mitarbeiterbefragung",
            ["Datum", "Abteilung", Q_DE],
            "employee_survey",
            {"Datum": "date", "Abteilung": "team", Q_DE: "score"},
        ),
        (
            "Enquête collaborateurs",
            ["Date", "Équipe", Q_FR],
            "employee_survey",
            {"Date": "date", "Équipe": "team", Q_FR: "score"},
        ),
        # "eNPS" splits into "e nps" like CamelCase; its "nps" must not make it customer NPS.
        (
            "eNPS",
            ["Survey date", "Team", "Score"],
            "employee_survey",
            {"Survey date": "date", "Team": "team", "Score": "score"},
        ),
        (
            "Employee NPS",
            ["Survey date", "Team", "Score"],
            "employee_survey",
            {"Survey date": "date", "Team": "team", "Score": "score"},
        ),
        (
            "Medewerkerstevredenheid",
            ["Datum", "Team", "Cijfer"],
            "employee_survey",
            {"Datum": "date", "Team": "team", "Cijfer": "score"},
        ),
        # Customers' scores stay customer feedback.
        (
            "Klanttevredenheid",
            ["Datum", "Klant", "NPS score"],
            "customer_feedback",
            {"Datum": "date", "Klant": "account", "NPS score": "score"},
        ),
    ],
)
def test_survey_sheets_are_recognised(
    sheet: str, columns: list[str], table: str, mapped: dict[str, str]
) -> None:
    mapping = guess_mapping("k", sheet, pd.DataFrame(ROWS, columns=columns))
    assert mapping.table == table
    assert {m.column: m.field for m in mapping.columns if m.field} == mapped


def test_a_dutch_workbook_fills_the_employee_survey() -> None:
    data = xlsx({"Medewerkersenquête": [["Datum", "Team", Q_NL], *ROWS]})
    upload = read_files([("hr.xlsx", data)])
    survey = upload.dataset().tables["employee_survey"]
    # Three answers, 8 + 9 + 6 = 23.
    assert len(survey) == 3
    assert survey["score"].sum() == 23
    assert survey["team"].tolist() == ["Noord", "Zuid", "Noord"]
