"""Every kind of bad file gives one clear sentence, never a traceback."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from analysis.read import ingest
from analysis.read.ingest import read_upload
from analysis.read.sheets import IngestError
from analysis.read.upload import read_files
from tests.builders import DEALS_HEADER, DEALS_ROWS, csv_bytes, encrypted_xlsx, xlsx, xml_bomb_xlsx
from tests.said import en

ROOT = Path(__file__).resolve().parents[3]

GOOD = xlsx({"Deals": [DEALS_HEADER, *DEALS_ROWS]})
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("empty.xlsx", b"", "is empty"),
        ("empty.csv", b"", "is empty"),
        ("cut.xlsx", GOOD[: len(GOOD) // 2], "damaged"),
        ("report.xlsx", PDF, "is a PDF"),
        ("chart.xlsx", PNG, "is an image"),
        ("junk.csv", b"Owner,Amount\n\x00\x01\x02\x03\xff\xfe\x00garbage" * 50, "binary data"),
        ("junk.xlsx", bytes(range(256)) * 10, "not a readable spreadsheet"),
        ("header.csv", b"Owner,Amount,Stage,Close Date\r\n", "no data rows"),
        ("header.xlsx", xlsx({"Deals": [DEALS_HEADER]}), "no data rows"),
        ("bomb.xlsx", xml_bomb_xlsx(GOOD), "unsafe"),
    ],
)
def test_bad_files_raise_one_plain_sentence(name: str, data: bytes, expected: str) -> None:
    with pytest.raises(IngestError) as info:
        read_upload(name, data)
    message = str(info.value)
    assert expected in message
    assert name in message
    assert "\n" not in message
    assert "Traceback" not in message


def test_password_protected_workbook_says_so() -> None:
    with pytest.raises(IngestError, match="password-protected"):
        read_upload("locked.xlsx", encrypted_xlsx(GOOD))


def test_file_over_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 1000)
    with pytest.raises(IngestError, match="the limit is"):
        read_upload("big.csv", b"a,b\n" + b"1,2\n" * 500)


def test_the_app_takes_files_as_big_as_the_reader_does() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == ingest.MAX_FILE_BYTES


def test_bad_file_next_to_a_good_one_keeps_the_good_one() -> None:
    upload = read_files([("broken.xlsx", PDF), ("deals.xlsx", GOOD)])
    assert en(upload.errors) == [
        "broken.xlsx is a PDF, not a spreadsheet. Export the report as Excel or CSV."
    ]
    assert [s.label for s in upload.sheets] == ["deals.xlsx › Deals"]


def test_workbook_without_a_recognisable_table_says_what_is_missing() -> None:
    data = xlsx({"Notes": [["Colour", "Shape"], ["red", "round"], ["blue", "square"]]})
    upload = read_files([("notes.xlsx", data)])
    mapping = upload.mappings[upload.sheets[0].key]
    assert mapping.table == "ignore"
    assert "lacks" in en(mapping.reason)
    assert any("None of the sheets was recognised" in n for n in en(upload.notes))


def test_duplicate_header_names_are_numbered() -> None:
    rows = [["Owner", "Amount", "Amount", "Close Date"], ["Anna", 1, 2, "2026-01-01"]]
    (sheet,) = read_upload("dups.xlsx", xlsx({"Deals": rows}))
    assert list(sheet.frame.columns) == ["Owner", "Amount", "Amount (2)", "Close Date"]
    assert any("repeated" in n for n in en(sheet.notes))


def test_csv_with_ragged_lines_sets_them_aside() -> None:
    data = csv_bytes([["Owner", "Amount"], ["Anna", 1], ["Bob", 2, "extra", "fields"], ["Cor", 3]])
    (sheet,) = read_upload("ragged.csv", data)
    assert list(sheet.frame["Owner"]) == ["Anna", "Cor"]
    assert sheet.rows_read == 3
    assert "fields" in en(sheet.set_aside["_reason"]).iloc[0]
