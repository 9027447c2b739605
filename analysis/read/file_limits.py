"""Bounds on what reading one file may cost, checked before the file is parsed.

A workbook is a zip of XML parts. Its reader builds every sheet as a full grid from the first
to the last cell it holds, so the cost of reading is about the sheet's span (rows x columns),
not the size of the upload: a 1 KB sheet with one value in A1 and one in CV1048576 costs a
hundred million cells (21 s and 5.8 GB here). The checks run on the zip's directory and the
sheets' XML before the reader starts, so refusing a file takes milliseconds:

- the whole workbook may unpack to at most `MAX_UNZIPPED_BYTES`;
- a part larger than `MAX_PACKED_PART_BYTES` unpacked may not inflate more than
  `MAX_ZIP_RATIO` times (real sheets inflate 5-20 times; repeated rows made to be a bomb,
  hundreds or a thousand times);
- XML entity definitions (a "billion laughs") are refused;
- a sheet's span may hold at most `MAX_CELLS` cells. A sheet of up to `SCAN_BYTES` unpacked
  is read through once for its farthest row and column (about 11 ms per MB). A larger one
  is measured by its `<dimension>` (Excel and the libraries we know write it first); when
  it has none, or one too small for its size, by the references in its last 64 KB (the
  XML is unpacked, about 2 ms per MB). Reading every reference of every large sheet would
  cost about as much as reading the sheet, so the gap left is a sheet over `SCAN_BYTES`,
  of barely compressible content, that hides one far cell before its end. Closing that
  needs the reading done in a process of its own, with a memory limit;
- an OpenDocument sheet may make at most `MAX_CELLS` filled cells once its repeated rows
  and cells are written out (its XML is read once: these files are rare and small).

A CSV is bounded the same way by its lines times the fields of its header: counted before
reading when the first lines suggest the file comes near the bound, and checked on the rows
read before anything else is done with them. The readers cannot be stopped once started, so
these bounds are what keeps a reading within seconds.
"""

from __future__ import annotations

import re
import zipfile

from analysis.read.notes import message
from analysis.words.message import Say, fmt

MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024
MAX_ZIP_RATIO = 100
MAX_PACKED_PART_BYTES = 1024 * 1024
SCAN_BYTES = 1024 * 1024  # read through at some 15 ms per MB
_BYTES_PER_CELL = 400  # a <dimension> claiming fewer cells than size / this is not trusted
MAX_CELLS = 20_000_000
_HEAD_BYTES = 4096
_DIMENSION = re.compile(
    rb'<(?:\w+:)?dimension\s+ref="\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?"'
)
# Rows' r="12" and cells' r="AB12". A literal start lets the regex engine skip ahead fast;
# the slower forms are used only when a chunk has attributes after a line break or tab.
_REF_ROW = re.compile(rb' r="[A-Z]{0,3}(\d{1,7})"')
_REF_COLUMN = re.compile(rb' r="([A-Z]{1,3})\d')
_REF_ROW_ANY_SPACE = re.compile(rb'\sr="[A-Z]{0,3}(\d{1,7})"')
_REF_COLUMN_ANY_SPACE = re.compile(rb'\sr="([A-Z]{1,3})\d')
_TAIL_BYTES = 64 * 1024
_ODS_ROW_REPEAT = re.compile(rb'<table:table-row\b[^>]*?table:number-rows-repeated="(\d+)"[^>]*>')
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell\b([^>]*)>")
_ODS_CELL_REPEAT = re.compile(
    rb'<table:(?:covered-)?table-cell\b([^>]*?table:number-columns-repeated="\d+"[^>]*)>'
)
_ODS_COLUMNS_REPEATED = re.compile(rb'number-columns-repeated="(\d+)"')


class TooCostly(ValueError):
    """A file whose reading would cost too much; `said` is the sentence for the user."""

    def __init__(self, said: Say) -> None:
        self.said = said
        super().__init__(said.text("en"))


def column_number(letters: str) -> int:
    """Return the 1-based number of a column written in letters ('A' = 1, 'AA' = 27)."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def check_workbook_zip(name: str, zf: zipfile.ZipFile) -> None:
    """Return when the workbook's parts are within bounds; raise TooCostly saying why not."""
    infos = zf.infolist()
    if sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
        limit = MAX_UNZIPPED_BYTES // 1024 // 1024 // 1024
        raise TooCostly(message("error.unpacks_too_big", name=name, n_limit=limit))
    for info in infos:
        if info.file_size > MAX_PACKED_PART_BYTES and (
            info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1)
        ):
            times = info.file_size // max(info.compress_size, 1)
            raise TooCostly(message("error.inflates", name=name, times=times))
    for info in infos:
        if not info.filename.endswith(".xml"):
            continue
        with zf.open(info) as fh:
            head = fh.read(_HEAD_BYTES)
        if b"<!ENTITY" in head:
            raise TooCostly(message("error.entities", name=name))
        if info.filename.startswith("xl/worksheets/"):
            rows, columns = _span(zf, info, head)
            _check_cells(name, rows, columns)
        elif info.filename == "content.xml":
            cells = ods_cells(zf.read(info))
            if cells > MAX_CELLS:
                raise TooCostly(
                    message(
                        "error.too_many_repeated_cells",
                        name=name,
                        n_cells=fmt("number", cells),
                        n_limit=fmt("number", MAX_CELLS),
                    )
                )


def check_text_size(name: str, data: bytes, columns: int, estimated_lines: int) -> None:
    """Return when a delimited text's lines x fields are within bounds; else raise TooCostly.

    Counting the lines of 118 MB costs 80 ms, so they are counted only when the estimate
    from the first lines comes within half of the bound; otherwise `check_cells_read`
    checks the rows once read (so a file whose first lines mislead costs one fast read).
    """
    if estimated_lines * columns <= MAX_CELLS // 2:
        return
    rows = data.count(b"\n") or data.count(b"\r")
    _check_cells(name, rows, columns)


def check_cells_read(name: str, rows: int, columns: int) -> None:
    """Return when the rows and columns read are within bounds; else raise TooCostly."""
    _check_cells(name, rows, columns)


def _check_cells(name: str, rows: int, columns: int) -> None:
    if rows * columns > MAX_CELLS:
        raise TooCostly(
            message(
                "error.too_many_cells",
                name=name,
                n_rows=fmt("number", rows),
                n_columns=fmt("number", columns),
                n_limit=fmt("number", MAX_CELLS),
            )
        )


def ods_cells(content: bytes) -> int:
    """Return about how many cells an OpenDocument sheet's XML makes once repeats are expanded.

    A cell or row may say it repeats (`number-columns-repeated`, `number-rows-repeated`); the
    reader writes out every copy of a cell that holds something, so one 200-byte row can
    stand for a billion cells. Empty repeated cells (LibreOffice ends each sheet with them)
    cost nothing and are not counted. Cells written once are bounded by the XML's size.
    """
    total = sum(_filled_copies(attrs) for attrs in _ODS_CELL_REPEAT.findall(content))
    for found in _ODS_ROW_REPEAT.finditer(content):
        repeat = int(found.group(1))
        if repeat < 2:
            continue
        end = content.find(b"</table:table-row>", found.end())
        row = content[found.end() : end if end >= 0 else len(content)]
        total += (repeat - 1) * sum(_filled_copies(a) for a in _ODS_CELL.findall(row))
    return total


def _filled_copies(attrs: bytes) -> int:
    """Return how many copies of a cell the reader makes: 0 for an empty one."""
    if attrs.endswith(b"/") and b"value-type" not in attrs:
        return 0
    repeated = _ODS_COLUMNS_REPEATED.search(attrs)
    return int(repeated.group(1)) if repeated else 1


def _span(zf: zipfile.ZipFile, info: zipfile.ZipInfo, head: bytes) -> tuple[int, int]:
    """Return (rows, columns) a sheet spans: from its <dimension>, or by reading it through."""
    found = _DIMENSION.search(head)
    claimed = (1, 1)
    if found:
        first_col, first_row, last_col, last_row = found.groups()
        if last_col is not None:
            rows = int(last_row) - int(first_row) + 1
            columns = column_number(last_col.decode()) - column_number(first_col.decode()) + 1
            claimed = (max(rows, 1), max(columns, 1))
        plausible = claimed[0] * claimed[1] * _BYTES_PER_CELL >= info.file_size
        if info.file_size > SCAN_BYTES and plausible:
            return claimed
    rows, columns = _farthest_cell(zf, info, whole=info.file_size <= SCAN_BYTES)
    return max(rows, claimed[0]), max(columns, claimed[1])


def _farthest_cell(zf: zipfile.ZipFile, info: zipfile.ZipInfo, whole: bool) -> tuple[int, int]:
    """Return the highest row and column number the sheet's rows and cells name.

    With `whole` every reference is read; otherwise (a large sheet without a usable
    <dimension>) only those in its last 64 KB, where the last rows are written: the XML is
    still unpacked, but at a seventh of what reading all references costs.
    """
    rows: set[bytes] = {b"1"}
    letters: set[bytes] = {b"A"}
    carry = b""
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(1024 * 1024)
            text = carry + chunk
            cut = max(text.rfind(b"<"), 0) if chunk else len(text)
            if not whole and chunk:
                carry = text[-_TAIL_BYTES:]
                continue
            text, carry = text[:cut], text[cut:]  # a reference is never split across the cut
            if b'\nr="' in text or b'\tr="' in text or b'\rr="' in text:
                rows.update(_REF_ROW_ANY_SPACE.findall(text))
                letters.update(_REF_COLUMN_ANY_SPACE.findall(text))
            else:
                rows.update(_REF_ROW.findall(text))
                letters.update(_REF_COLUMN.findall(text))
            if not chunk:
                break
    return max(map(int, rows)), max(column_number(c.decode()) for c in letters)
