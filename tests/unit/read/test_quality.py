"""The data-quality report in English (as the JSON and downloads have it) and in Dutch."""

from __future__ import annotations

import pytest

from analysis.model.dataset import Dataset
from analysis.read.upload import Upload, read_files
from analysis.render.data_quality import issue_texts as issues
from analysis.render.data_quality import quality_table, set_aside_table
from tests.builders import csv_bytes

# One title line, seven data rows of which one is used, and a totals line:
# Bob's amount cannot be read ('TBD'; 'n/a' would be a blank), Cor's is negative, Dirk has no close date, Eva repeats Anna's
# deal ID, Fay closed before she created; the "Totaal" line is the report's total.
ROWS = [
    ["Verkooprapport"],
    ["Owner", "Amount", "Stage", "Close Date", "Created Date", "Deal ID"],
    ["Anna", 1000, "Won", "2026-01-10", "2026-01-01", "D1"],  # line 3
    ["Bob", "TBD", "Won", "2026-01-10", "2026-01-01", "D2"],  # 4
    ["Cor", -5, "Won", "2026-01-10", "2026-01-01", "D3"],  # 5
    ["Dirk", 200, "Won", "", "2026-01-01", "D4"],  # 6
    ["Eva", 300, "Won", "2026-01-10", "2026-01-01", "D1"],  # 7
    ["Fay", 100, "Won", "2026-01-01", "2026-02-01", "D6"],  # 8
    ["Totaal", 1595, "", "", "", ""],  # 9
]
REASONS_EN = {
    8: "close date before created date",
    9: "totals line of the report, not a record",
    4: "amount 'TBD' could not be read",
    5: "negative amount",
    6: "missing close date",
    7: "duplicate deal ID (the first one is kept)",
}
REASONS_NL = {
    8: "sluitdatum voor de aanmaakdatum",
    9: "totaalregel van het rapport, geen record",
    4: "bedrag 'TBD' kon niet gelezen worden",
    5: "bedrag is negatief",
    6: "sluitdatum ontbreekt",
    7: "dubbel deal-ID (het eerste is bewaard)",
}


@pytest.fixture(scope="module")
def report() -> tuple[Upload, Dataset]:
    upload = read_files([("deals.csv", csv_bytes(ROWS))])
    return upload, upload.dataset()


def test_the_quality_table_in_english(report: tuple[Upload, Dataset]) -> None:
    (row,) = quality_table(report[1]).to_dict("records")
    why = row.pop("Why set aside")
    assert row == {
        "File": "deals.csv",
        "Sheet": "—",
        "Used as": "Deals",
        "Rows read": 7,  # 6 deals + the totals line
        "Rows used": 1,  # only Anna
        "Rows set aside": 6,
    }
    assert sorted(why.split("; ")) == sorted(
        f"1 × {r}"
        for r in (
            "totals line of the report, not a record",
            "amount could not be read",  # counted without the value
            "negative amount",
            "missing close date",
            "close date before created date",
            "duplicate deal ID (the first one is kept)",
        )
    )


def test_the_quality_table_in_dutch(report: tuple[Upload, Dataset]) -> None:
    (row,) = quality_table(report[1], "nl").to_dict("records")
    why = row.pop("Waarom apart gezet")
    assert row == {
        "Bestand": "deals.csv",
        "Tabblad": "—",
        "Gebruikt als": "Deals",
        "Rijen gelezen": 7,
        "Rijen gebruikt": 1,
        "Rijen apart gezet": 6,
    }
    assert sorted(why.split("; ")) == sorted(
        f"1 × {r}"
        for r in (
            "totaalregel van het rapport, geen record",
            "bedrag kon niet gelezen worden",
            "bedrag is negatief",
            "sluitdatum ontbreekt",
            "sluitdatum voor de aanmaakdatum",
            "dubbel deal-ID (het eerste is bewaard)",
        )
    )


def test_the_rows_set_aside_in_both_languages(report: tuple[Upload, Dataset]) -> None:
    english = set_aside_table(report[1])
    assert list(english.columns[:5]) == ["File", "Sheet", "Row", "Table", "Reason"]
    assert dict(zip(english["Row"], english["Reason"], strict=True)) == REASONS_EN
    dutch = set_aside_table(report[1], "nl")
    assert list(dutch.columns[:5]) == ["Bestand", "Tabblad", "Rij", "Tabel", "Reden"]
    assert dict(zip(dutch["Rij"], dutch["Reden"], strict=True)) == REASONS_NL
    assert set(dutch["Tabel"]) == {"Deals"}
    assert list(dutch["Owner"]) == list(english["Owner"])  # the rows themselves as read
    assert report[1].set_aside.columns[4] == "Reason"  # the dataset itself is left as it was


def test_every_note_in_dutch(report: tuple[Upload, Dataset]) -> None:
    upload, data = report
    english = issues(upload, data)
    assert "deals.csv: 1 row(s) set aside: negative amount." in english
    assert "deals.csv: Set aside 1 totals or footer line(s) of the report." in english
    dutch = issues(upload, data, "nl")
    assert len(dutch) == len(english)
    assert "deals.csv: 1 rij(en) apart gezet: bedrag is negatief." in dutch
    assert (
        "deals.csv: 1 titelregel(s) boven de kolomnamen overgeslagen "
        "(kolomnamen gevonden op regel 2)." in dutch
    )
    assert "deals.csv: 1 totaal- of voettekstregel(s) van het rapport apart gezet." in dutch
    assert "deals.csv: Amount: 1 waarde kon niet als bedrag gelezen worden (bijv. 'TBD')." in dutch
    assert not set(dutch) & set(english)  # every sentence of this upload has its Dutch


def test_a_file_that_cannot_be_read_is_a_dutch_note() -> None:
    upload = read_files([("kapot.xlsx", b"%PDF-1.4 junk"), ("deals.csv", csv_bytes(ROWS))])
    dutch = issues(upload, upload.dataset(), "nl")
    assert dutch[0] == (
        "kapot.xlsx is een pdf, geen spreadsheet. Exporteer het rapport naar Excel of CSV."
    )
