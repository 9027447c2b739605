"""Everything reading says is a message with a Dutch text, never an English string.

Reading, building the dataset and the quality report are run on the sample workbook, on every
real export in tests/data, on the exports that once crashed the analysis, on the bad and odd
files the reading tests build (taken from their own parameters) and on the columns the parser
tests read. Every note, set-aside reason, file error, mapping reason and issue found must be a
`Say` (so a page can write it in the reader's language), each message inside it must have a
Dutch text, and a sentence written in Dutch must differ from the same sentence in English:
an English text left on a Dutch page fails here.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.read.amounts import parse_amounts, parse_numbers
from analysis.read.dates import parse_dates
from analysis.read.ingest import read_upload
from analysis.read.mapping import remap
from analysis.read.no_sales import why_no_sales
from analysis.read.quality import issues
from analysis.read.sheets import IngestError
from analysis.read.stages import parse_status
from analysis.read.upload import Upload, read_files
from analysis.words.catalogue import catalogue
from analysis.words.message import Joined, Say
from tests import builders as B
from tests.crash_exports import CRASHES
from tests.unit.read import (
    test_amounts,
    test_dates,
    test_ingest_bad_input,
    test_odd_files,
    test_quality,
    test_stages,
)

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "data"
# Keys that are a bare name or word, written alike in both languages ('Leads', 'Team').
NAMES = ("tables.", "upload.field.", "upload.word.", "upload.not_used", "upload.how.")
SENTENCES = ("note", "reason", "reasons")  # placeholders that hold a sentence
Files = list[tuple[str, bytes]]

# one test process reads the corpus once for all its tests (make test: --dist loadgroup)
pytestmark = pytest.mark.xdist_group("reading_corpus")


def _params(test: Callable[..., object], wanted: str) -> list[Any]:
    """The values a test's own `parametrize` gives the argument `wanted`."""
    out = []
    for mark in getattr(test, "pytestmark", []):
        if mark.name != "parametrize":
            continue
        names, values = mark.args[0], mark.args[1]
        names = [n.strip() for n in names.split(",")] if isinstance(names, str) else list(names)
        if wanted not in names:
            continue
        for value in values:
            value = getattr(value, "values", value)  # a pytest.param
            out.append(value[names.index(wanted)] if len(names) > 1 else value)
    return out


@cache
def _uploads() -> dict[str, Files]:
    """Every upload to read: the sample, real exports, crashes, and the tests' bad files."""
    good = B.xlsx({"Deals": [B.DEALS_HEADER, *B.DEALS_ROWS]})
    out: dict[str, Files] = {
        "sample": [
            ("salescope_sample.xlsx", (ROOT / "sample_data/salescope_sample.xlsx").read_bytes())
        ]
    }
    for folder in sorted(p for p in DATA.iterdir() if p.is_dir()):
        out[folder.name] = [(p.name, p.read_bytes()) for p in sorted(folder.glob("*.csv"))]
    for name, make in CRASHES.items():
        out[f"crash {name}"] = list(make()[0].files)
    bad = test_ingest_bad_input.test_bad_files_raise_one_plain_sentence
    for n, (name, data) in enumerate(zip(_params(bad, "name"), _params(bad, "data"), strict=True)):
        out[f"bad {n}"] = [(name, data), ("deals.xlsx", good)]
    for n, data in enumerate(_params(test_odd_files.test_odd_text_files_are_read, "data")):
        out[f"odd text {n}"] = [("odd.csv", data)]
    for n, data in enumerate(
        _params(test_odd_files.test_a_csv_of_only_totals_lines_is_refused, "data")
    ):
        out[f"totals {n}"] = [("totals.csv", data)]
    out |= {
        "password": [("slot.xlsx", B.encrypted_xlsx(good))],
        "xml bomb": [("bomb.xlsx", B.xml_bomb_xlsx(good))],
        "inflating": [("big.xlsx", B.inflating_xlsx(good, 10_000))],
        "header only": [("kop.xlsx", B.xlsx({"Deals": [B.DEALS_HEADER]}))],
        "cut off": [("kapot.xlsx", good[: len(good) // 2])],
        "no sales table": [
            ("notes.xlsx", B.xlsx({"Notes": [["Colour", "Shape"], ["red", "round"]]}))
        ],
        "quality rows": [("deals.csv", B.csv_bytes(test_quality.ROWS))],
        "ragged": [
            (
                "ragged.csv",
                b"Owner,Amount,Stage,Close Date\nAnna,1,Won,2026-01-05,x,y\nBob,2,Lost,2026-01-06\n",
            )
        ],
        "repeated names": [
            ("dup.csv", b"Owner,Owner,Amount,Stage,Close Date\nAnna,A,1,Won,2026-01-05\n")
        ],
        "hidden and nothing": [("empty.csv", b"")],
        "currencies": [
            (
                "fx.csv",
                B.csv_bytes(
                    [
                        [
                            "Owner",
                            "Amount",
                            "Currency",
                            "Stage",
                            "Close Date",
                            "Created Date",
                            "Deal ID",
                        ],
                        ["Anna", "100", "EUR", "Won", "2026-01-05", "2026-01-01", "D1"],
                        ["Anna", "100", "EUR", "Won", "2026-01-05", "2026-01-01", "D2"],
                        ["Bob", "50", "USD", "Won", "2026-01-05", "2026-01-01", "D3"],
                        ["Bob", "50", "EUR", "Won", "1800-01-05", "2026-01-01", "D4"],
                        ["Cor", "1.250,5", "EUR", "Foo", "yesterday", "2026-01-01", "D5"],
                    ]
                ),
            )
        ],
        "no year targets": [
            (
                "targets.xlsx",
                B.xlsx(
                    {
                        "Targets": [
                            ["Year", "Rep", "M01", "M02"],
                            [2024, "Anna", 1, "-"],
                            [None, "Bob", 3, "tbd"],
                        ]
                    }
                ),
            )
        ],
    }
    return out | _more()


def _more() -> dict[str, Files]:
    """Small exports made to say what the files above do not: one or two notes each."""
    deals = ["Owner", "Amount", "Stage", "Close Date", "Created Date", "Deal ID", "Lead ID"]
    leads = ["Lead ID", "Owner", "Created", "First Response", "Source"]
    csv = B.csv_bytes
    return {
        "report layout": [
            (
                "r.xlsx",
                B.xlsx(
                    {
                        "Deals": [
                            ["Pipeline report"],
                            deals,
                            ["Anna de Vries", 100, "Won", "2026-01-05", "2026-01-01", "D1", "L1"],
                            [None, 200, "Lost", "2026-01-06", "2026-01-01", "D2", "L2"],
                            [None, None, None, None, None, None, None],
                            ["anna  de vries", 300, "Won", "2026-01-07", "2026-01-01", "D3", "L9"],
                            ["Bob", 50, "Won", "2026-01-07", "2026-01-01", "D4", None],
                            [None, 60, None, "2026-01-08", "2026-01-01", "D5", None],
                            ["Copyright Acme, generated by Salesforce"],
                        ],
                        "Leads": [
                            leads,
                            ["L1", "Anna de Vries", "2026-01-03", "2026-01-02", "Web"],
                            ["L2", "Bob", "2026-01-03", "2026-01-04", "Fair"],
                        ],
                    }
                ),
            )
        ],
        "hidden": [("h.xlsx", B.hidden_sheet_xlsx())],
        "web page": [("report.xls", b"<html><body><table><tr><td>Owner</td></tr></table>")],
        "zip": [("a.xlsx", _zip())],
        "activities, no type": [("a.csv", csv([["Owner", "Date"], ["Anna", "2026-01-05"]]))],
        "company targets": [
            ("t.csv", csv([["Period", "Target"], ["2026-Q1", "1000"], ["2026-Q2", "-5"]]))
        ],
        "feedback": [("f.csv", csv([["Date", "Score", "Owner"], ["2026-01-05", "11", "Anna"]]))],
        "targets of strangers": [
            ("d.csv", csv([deals[:5], ["Anna", "100", "Won", "2026-01-05", "2026-01-01"]])),
            (
                "t.csv",
                csv([["Owner", "Team", "Month", "Target"], ["Zed", "North", "2026-01", "10"]]),
            ),
        ],
        "rep from the list": [
            (
                "d.csv",
                csv(
                    [
                        ["Team", "Amount", "Stage", "Close Date"],
                        ["North", "100", "Won", "2026-01-05"],
                    ]
                ),
            ),
            ("reps.csv", csv([["Sales Rep", "Team", "Region"], ["Anna", "North", "EU"]])),
        ],
        "wide targets, quarters": [
            (
                "t.xlsx",
                B.xlsx(
                    {
                        "Targets (k€)": [
                            ["Targets 2025"],
                            ["Rep", "Q1", "Q2", "Total"],
                            ["Anna", 1, 2, 3],
                            ["Bob", 4, None, 4],
                        ]
                    }
                ),
            )
        ],
        "wide targets, millions": [
            (
                "t.xlsx",
                B.xlsx(
                    {"Targets (in millions)": [["Rep", "Jan 2025", "Feb 2025"], ["Anna", 1, 2]]}
                ),
            )
        ],
    }


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("readme.txt", "not a workbook")
    return buffer.getvalue()


def _remapped(upload: Upload) -> Iterator[Dataset]:
    """The dataset again with each sheet set aside by the user, and the first forced to deals."""
    for key, mapping in upload.mappings.items():
        frame = upload.sheet(key).frame
        yield upload.dataset({**upload.mappings, key: remap(mapping, frame, S.IGNORE)})
        yield upload.dataset({**upload.mappings, key: remap(mapping, frame, S.DEALS)})
        break


EXTRA_COLUMNS = [  # columns whose notes only single tests read
    ["1,5", "2,25", "3.75", "1.000"],
    ["€ 5", "$ 6", "£ 7"],
    ["14/03/2026", "15/03/2026", "03/16/2026", "17/03/2026"],
    ["1800-01-01", "1850-01-01", "2026-01-01"],
    [f"Stage {n}" for n in range(12)],
]


@cache
def _parsed() -> tuple[Any, ...]:
    """The notes of the value parsers on every column their own tests read (worked out once)."""
    return tuple(_parse_notes())


def _parse_notes() -> Iterator[Any]:
    columns: list[pd.Series] = []
    for test in (test_amounts, test_dates, test_stages):
        for item in vars(test).values():
            for mark in getattr(item, "pytestmark", []):
                if mark.name == "parametrize":
                    for value in mark.args[1]:
                        value = getattr(value, "values", value)
                        parts = value if isinstance(value, tuple) else (value,)
                        columns += [_column(part) for part in parts if _column(part) is not None]
    columns += [pd.Series(values, dtype=object) for values in EXTRA_COLUMNS]
    columns.append(pd.Series(pd.to_datetime(["2026-01-01T10:00+02:00"])))
    columns.append(pd.Series(np.array(["1500-01-01", "2026-01-01"], dtype="datetime64[s]")))
    for column in columns:
        for parse in (parse_amounts, parse_numbers, parse_dates):
            yield from parse(column).notes
        yield from parse_status(column.astype("string")).notes


def _column(value: object) -> pd.Series | None:
    if isinstance(value, pd.Series):
        return value
    if isinstance(value, str):
        return pd.Series([value], dtype=object)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return pd.Series(value, dtype=object)
    return None


def _said(upload: Upload, data: Dataset) -> Iterator[Any]:
    """Everything reading said about one upload: notes, reasons, errors, issues."""
    yield from upload.errors
    yield from upload.notes
    yield from data.notes
    for sheet in upload.sheets:
        yield from sheet.notes
        if "_reason" in sheet.set_aside:
            yield from sheet.set_aside["_reason"]
    for mapping in upload.mappings.values():
        if mapping.reason is not None:
            yield mapping.reason
    for report in data.reports:
        yield from report.notes
        yield from report.reasons
    if len(data.set_aside):
        yield from data.set_aside["Reason"].unique()
    yield from issues(upload, data)
    if (why := why_no_sales(upload, data)) is not None:
        yield why


def _inner(said: object) -> Iterator[Say]:
    """A message and every message inside it."""
    if isinstance(said, Say):
        yield said
        for _, value in said.values:
            yield from _inner(value)
    elif isinstance(said, Joined):
        for part in said.parts:
            yield from _inner(part)


def check(said: Iterable[object], where: str) -> int:
    """Assert each is a message with Dutch, its sentences Dutch; return how many were checked."""
    n = 0
    for item in said:
        assert isinstance(item, Say), f"{where}: not a message but {item!r}"
        for message in _inner(item):
            for name, value in message.values:  # a sentence inside a sentence is a message too
                if name in SENTENCES:
                    assert isinstance(value, Say | Joined), f"{where}: {name}={value!r}"
            entry = catalogue()[message.key]
            assert entry.get("nl", "").strip(), f"{where}: {message.key} has no Dutch"
            if message.key.startswith(NAMES):
                continue
            english, dutch = message.text("en"), message.text("nl")
            assert dutch != english, f"{where}: {message.key} reads the same in Dutch: {dutch!r}"
            n += 1
    return n


@cache
def _reading(name: str) -> tuple[tuple[str, tuple[Any, ...]], ...]:
    """What reading one upload said, as read and remapped (read once per test process)."""
    upload = read_files(_uploads()[name])
    said = [(name, tuple(_said(upload, upload.dataset())))]
    said += [(f"{name}, remapped", tuple(_said(upload, data))) for data in _remapped(upload)]
    return tuple(said)


@pytest.mark.parametrize("name", list(_uploads()))
def test_every_message_of_reading_an_upload_has_its_dutch(name: str) -> None:
    for where, said in _reading(name):
        check(said, where)


def test_a_saved_mapping_says_so_in_a_message() -> None:
    (files,) = [_uploads()["sample"]]
    upload = read_files(files, read_files(files).mapping_json())
    assert check(_said(upload, upload.dataset()), "saved") > 0
    assert all(m.reason is not None for m in upload.mappings.values())


def test_the_corpus_says_many_different_things() -> None:
    keys: set[str] = set()
    for name in _uploads():
        for _, said in _reading(name):
            for each in said:
                keys |= {message.key for message in _inner(each)}
    for note in _parsed():
        keys |= {message.key for message in _inner(note)}
    reading = {k for k in keys if k.split(".")[1] in ("error", "reason", "note")}
    assert len(reading) >= 100, sorted(reading)  # of 128 in the catalogue


def test_every_note_of_the_value_parsers_has_its_dutch() -> None:
    assert check(_parsed(), "parsers") > 50


def test_an_unreadable_file_says_why_in_a_message() -> None:
    bad = test_ingest_bad_input.test_bad_files_raise_one_plain_sentence
    for name, data in zip(_params(bad, "name"), _params(bad, "data"), strict=True):
        with pytest.raises(IngestError) as info:
            read_upload(name, data)
        assert info.value.said is not None
        assert str(info.value) == info.value.said.text("en")  # the command line's English
        check([info.value.said], name)


def test_every_sentence_reading_can_say_has_its_own_dutch() -> None:
    # Also the messages no file above happens to make: their Dutch text is not the English one.
    for key, entry in catalogue().items():
        area = key.split(".")[:2]
        if area[0] != "upload" or area[1] not in ("error", "reason", "note", "why", "issue"):
            continue
        words = [w for w in entry["en"].replace("{", " {").split() if not w.startswith("{")]
        if words:
            assert entry["nl"] != entry["en"], key


def test_the_check_fails_on_english_left_as_a_string() -> None:
    said = Say("upload.note.empty_rows", n=2)
    assert check([said], "planted") == 1
    with pytest.raises(AssertionError, match="not a message"):
        check([said, "Skipped 2 empty row(s)."], "planted")
    with pytest.raises(AssertionError, match="note='3 values could not be read'"):
        check([Say("upload.note.column", column="Amount", note="3 values could not be read")], "x")
    with pytest.raises(AssertionError, match="reads the same in Dutch"):
        check([Say("upload.note.column", column="Amount", note=Say("tables.leads"))], "x")
