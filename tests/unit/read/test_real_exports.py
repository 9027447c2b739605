"""A real Salesforce Data Loader export (BSD-licensed sample, see tests/data/salesforce)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.read.upload import read_files
from tests.builders import csv_bytes

DATA = Path(__file__).resolve().parents[2] / "data" / "salesforce"


def test_salesforce_opportunities_and_tasks() -> None:
    files = [(p.name, p.read_bytes()) for p in sorted(DATA.glob("*.csv"))]
    upload = read_files(files)
    roles = {s.file: upload.mappings[s.key].table for s in upload.sheets}
    assert roles == {"Opportunity.csv": "deals", "Task.csv": "activities"}
    data = upload.dataset()
    deals = data.tables["deals"]
    # Stage counts as documented with the file: Closed Won 12, Closed Lost 3, 35 open.
    assert deals["status"].value_counts().to_dict() == {"open": 35, "won": 12, "lost": 3}
    # Sum of Amount over the 12 Closed Won rows, added up outside the app.
    assert deals.loc[deals["status"] == "won", "amount"].sum() == pytest.approx(10_542_562.98)
    assert deals["rep"].unique().tolist() == ["005Ec000004oBPNIA2"]
    activities = data.tables["activities"]
    assert activities["type"].value_counts().to_dict() == {
        "Email": 18,
        "Call": 17,
        "Prep": 15,
        "Other": 13,
        "Meeting": 12,
    }
    assert data.rows_set_aside == 0


@pytest.mark.parametrize(
    ("encoding", "sep", "bom"),
    [
        ("utf-8", ",", b""),
        ("utf-8", ";", b"\xef\xbb\xbf"),
        ("cp1252", ";", b""),
        ("utf-8", "\t", b""),
        ("utf-8", "|", b""),
        ("utf-16", "\t", b""),
    ],
)
def test_csv_dialects(encoding: str, sep: str, bom: bytes) -> None:
    rows = [
        ["Verkoper", "Bedrag", "Fase", "Sluitdatum"],
        ["Zoë Müller", "12500", "Gewonnen", "14-03-2026"],
        ["René Jansen", "800", "Verloren", "15-03-2026"],
    ]
    data = read_files([("x.csv", bom + csv_bytes(rows, sep=sep, encoding=encoding))]).dataset()
    deals = data.tables["deals"]
    assert deals["rep"].tolist() == ["Zoë Müller", "René Jansen"]
    assert deals["amount"].tolist() == [12500.0, 800.0]
