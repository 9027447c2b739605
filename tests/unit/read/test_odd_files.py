"""Hostile and odd files: bounds on what reading may cost, and text files other tools write."""

from __future__ import annotations

import time

import pytest

from analysis.read import file_limits
from analysis.read.ingest import read_upload
from analysis.read.sheets import IngestError
from tests.builders import (
    DEALS_HEADER,
    DEALS_ROWS,
    inflating_xlsx,
    patched_xlsx,
    repeating_ods,
    sparse_xlsx,
    xlsx,
)
from tests.said import en

GOOD = xlsx({"Deals": [DEALS_HEADER, *DEALS_ROWS]})
HEADER = ["Owner", "Amount", "Stage", "Close Date"]
ANNA = ["Anna", "100", "Won", "2026-01-05"]
BOB = ["Bob", "200", "Lost", "2026-02-05"]


def _refused(name: str, data: bytes) -> tuple[str, float]:
    start = time.perf_counter()
    with pytest.raises(IngestError) as info:
        read_upload(name, data)
    return str(info.value), time.perf_counter() - start


def test_a_workbook_whose_sheet_inflates_a_thousandfold_is_refused_at_once() -> None:
    # 10,000 rows of 4,024 bytes = 40.2 MB of sheet XML, deflated to some 50 KB: about 750x.
    data = inflating_xlsx(GOOD, 10_000)
    assert len(data) < 100_000
    said, seconds = _refused("bomb.xlsx", data)
    assert said.startswith("bomb.xlsx contains a part that inflates ")
    assert said.endswith(" times; it was refused as unsafe.")
    assert int(said.split("inflates ")[1].split(" ")[0]) > 500
    assert seconds < 1.0  # only the zip's directory is read


@pytest.mark.parametrize(
    ("last", "dimension", "rows", "columns"),
    [
        # Excel writes the span: A1:CV1048576 is 1,048,576 rows x 100 columns (CV = 3*26 + 22).
        ("CV1048576", "A1:CV1048576", "1,048,576", "100"),
        # No <dimension>: the last row written says Z (26) x 1,048,576 = 27,262,976 cells.
        ("Z1048576", None, "1,048,576", "26"),
        # A small sheet is read through, so a <dimension> that lies does not hide a far cell:
        # A1:B2 is claimed, but Z1048576 is there.
        ("Z1048576", "A1:B2", "1,048,576", "26"),
        # Read through, the A1 it holds widens the claimed B2:Z1000000 to 1,000,000 x 26.
        ("Z1000000", "B2:Z1000000", "1,000,000", "26"),
    ],
)
def test_a_tiny_workbook_spanning_too_many_cells_is_refused(
    last: str, dimension: str | None, rows: str, columns: str
) -> None:
    said, seconds = _refused("sparse.xlsx", sparse_xlsx(GOOD, last, dimension))
    assert said == (
        f"sparse.xlsx spans {rows} rows by {columns} columns, more than the 20,000,000 cells "
        "that can be read; export fewer rows or columns."
    )
    assert seconds < 1.0


def test_a_workbook_within_the_bounds_is_read() -> None:
    # A1 and T20000: 20,000 rows x 20 columns = 400,000 cells, under the 20M bound. The empty
    # grid between them is dropped; the 1 in T20000 is the one row left.
    (sheet,) = read_upload("fine.xlsx", sparse_xlsx(GOOD, "T20000", None))
    assert sheet.frame.values.tolist() == [[1.0]]


def test_a_large_sheet_is_measured_by_its_dimension(monkeypatch: pytest.MonkeyPatch) -> None:
    # Past SCAN_BYTES the sheet is not read through: its <dimension> alone refuses it.
    monkeypatch.setattr(file_limits, "SCAN_BYTES", 0)
    said, _ = _refused("big.xlsx", sparse_xlsx(GOOD, "B2", "A1:CV1048576"))
    assert said.startswith("big.xlsx spans 1,048,576 rows by 100 columns")


def test_a_csv_with_more_cells_than_the_bound_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_limits, "MAX_CELLS", 10)
    # 6 lines x 2 fields = 12 cells > 10.
    said, _ = _refused("long.csv", b"a,b\n" + b"1,2\n" * 5)
    assert said == (
        "long.csv spans 6 rows by 2 columns, more than the 10 cells that can be read; "
        "export fewer rows or columns."
    )


def test_a_csv_whose_first_lines_mislead_is_refused_once_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(file_limits, "MAX_CELLS", 200)
    # The 40 lines looked at first (header + 39 of 1,003 bytes) suggest about 40 lines:
    # 40 x 2 = 80 cells, under half the bound, so lines are not counted before reading.
    # Read, the file has 39 + 100 short rows = 139 rows x 2 columns = 278 cells > 200.
    data = b"a,b\n" + (b"x" * 1000 + b",1\n") * 39 + b"1,2\n" * 100
    said, _ = _refused("short.csv", data)
    assert said == (
        "short.csv spans 139 rows by 2 columns, more than the 200 cells that can be read; "
        "export fewer rows or columns."
    )


def _csv(*rows: list[str], sep: str = ",", end: str = "\n") -> str:
    return end.join(sep.join(r) for r in rows) + end


TEXT = _csv(HEADER, ANNA, BOB, sep="\t")


@pytest.mark.parametrize(
    ("data", "rows", "note"),
    [
        # One NUL inside "Won": removed, the line kept, and said.
        (
            _csv(HEADER, ["Anna", "100", "W\x00on", "2026-01-05"], BOB).encode(),
            [ANNA, BOB],
            "Removed 1 invisible null character(s) that the exporting program left in the file.",
        ),
        # UTF-16 tab-delimited, with and without byte order mark, both byte orders.
        (TEXT.encode("utf-16"), [ANNA, BOB], None),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), [ANNA, BOB], None),
        (TEXT.encode("utf-16-le"), [ANNA, BOB], None),
        (TEXT.encode("utf-16-be"), [ANNA, BOB], None),
        # Old Mac line ends: CR only.
        (_csv(HEADER, ANNA, BOB, end="\r").encode(), [ANNA, BOB], None),
        # A cell of 200,000 characters, over the csv module's 131,072.
        (
            _csv(HEADER, ANNA, ["B" * 200_000, "200", "Lost", "2026-02-05"]).encode(),
            [ANNA, ["B" * 200_000, "200", "Lost", "2026-02-05"]],
            None,
        ),
        # 'Acme, Inc' without quotes: one field too many, and only ' Inc' starts with a
        # space after a value, so the two are joined again.
        (
            _csv(HEADER, ["Acme", " Inc", "100", "Won", "2026-01-05"], BOB).encode(),
            [["Acme, Inc", "100", "Won", "2026-01-05"], BOB],
            "Joined 1 value(s) that held a separator without quotes and so spilled into the "
            "next column (e.g. 'Acme, Inc').",
        ),
    ],
)
def test_odd_text_files_are_read(data: bytes, rows: list[list[str]], note: str | None) -> None:
    (sheet,) = read_upload("export.csv", data)
    assert list(sheet.frame.columns) == HEADER
    assert sheet.frame.astype(str).values.tolist() == rows
    assert len(sheet.set_aside) == 0
    if note is not None:
        assert note in en(sheet.notes)


def test_a_line_with_two_unquoted_commas_is_set_aside_not_guessed() -> None:
    # 'Acme, Inc, Ltd' gives two fields too many: which commas were meant cannot be known.
    # 'Acme, Inc,100, Won' is one field too many, but ' Inc' and ' Won' could both be the
    # spill: two places, so not joined either.
    data = _csv(
        HEADER,
        ["Acme", " Inc", " Ltd", "100", "Won", "2026-01-05"],
        ["Acme", " Inc", "100", " Won", "2026-01-05"],
        BOB,
    ).encode()
    (sheet,) = read_upload("export.csv", data)
    assert sheet.frame.astype(str).values.tolist() == [BOB]
    assert en(sheet.set_aside["_reason"]).tolist() == [
        "line has 6 fields, the header has 4",
        "line has 5 fields, the header has 4",
    ]
    assert sheet.set_aside["_row"].tolist() == [2, 3]


@pytest.mark.parametrize(
    "data",
    [
        # The first line is taken as the header, the second is a totals line.
        b"Grand Totals,300,,\nGrand Totals (2 records),300,,\n",
        b"Owner,Amount,Stage\nGrand Totals (2 records),300,\nTotal,300,\n",
        b"Owner,Amount\nTotaal,300\nConfidential - generated by Salesforce.com,\n",
    ],
)
def test_a_csv_of_only_totals_lines_is_refused(data: bytes) -> None:
    said, _ = _refused("totals.csv", data)
    assert said == (
        "totals.csv holds only totals or footer lines, no rows of data: export the report's "
        "details, not its summary."
    )


def test_a_truly_binary_file_is_still_refused() -> None:
    # 2 NULs in every 32 bytes is far above the stray one or two an export leaves.
    said, _ = _refused("junk.csv", b"Owner,Amount\n\x00\x01\x02\x03\xff\xfe\x00garbage" * 50)
    assert said == "junk.csv is not a text or spreadsheet file (it holds binary data)."


def test_an_ods_whose_repeated_cells_make_a_billion_is_refused() -> None:
    # One row repeated 1,000,000 times of a cell repeated 1,000 times: 10^9 cells.
    said, seconds = _refused("repeat.ods", repeating_ods(1_000_000, 1_000, filled=True))
    assert said == (
        "repeat.ods holds 1,000,000,000 cells once its repeated rows and cells are written out, "
        "more than the 20,000,000 that can be read; it was refused as unsafe."
    )
    assert seconds < 1.0


def test_an_ods_ending_in_empty_repeated_rows_is_read() -> None:
    # LibreOffice writes the empty rest of a sheet as repeats: they make no cells.
    (sheet,) = read_upload("fine.ods", repeating_ods(1_048_000, 1_024, filled=False))
    assert sheet.frame.values.tolist() == [["Anna", 1.0], ["Bob", 2.0]]


def test_a_far_cell_written_after_a_line_break_is_found() -> None:
    # XML allows a line break before an attribute: <c\nr="Z1048576"> is Z1048576 all the same.
    sparse = sparse_xlsx(GOOD, "Z1048576", "A1:B2")
    data = patched_xlsx(sparse, {b'<c r="Z1048576">': b'<c\nr="Z1048576">'})
    said, _ = _refused("wrapped.xlsx", data)
    assert said.startswith("wrapped.xlsx spans 1,048,576 rows by 26 columns")


@pytest.mark.parametrize("dimension", [None, "A1:B2"])
def test_a_large_sheet_without_a_usable_dimension_is_measured_by_its_end(
    monkeypatch: pytest.MonkeyPatch, dimension: str | None
) -> None:
    # Past SCAN_BYTES, with no <dimension> or one too small for the XML (2 x 2 cells x 400
    # bytes = 1,600 < the 4,000 bytes of comment alone), the last row written says
    # 1,048,576 x 26 (Z).
    monkeypatch.setattr(file_limits, "SCAN_BYTES", 0)
    sparse = sparse_xlsx(GOOD, "Z1048576", dimension)
    padded = patched_xlsx(sparse, {b"</worksheet>": b"<!--" + b"x" * 4000 + b"--></worksheet>"})
    said, _ = _refused("end.xlsx", padded)
    assert said.startswith("end.xlsx spans 1,048,576 rows by 26 columns")
