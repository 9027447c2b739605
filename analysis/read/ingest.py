"""Reading uploaded files into raw sheets: the entry point and every sheet of a workbook.

Holds the upload entry point (`read_upload`: file-type sniffing, zip safety checks, workbook
reading and header-row detection); CSV and other text files are read in `text_files.py`, the
bounds on what a file may cost are checked in `file_limits.py` before anything is parsed, and
every sheet is tidied in `sheets.py`. A file whose rows are all totals or footers is refused. Anything that cannot be read raises `IngestError`
with one plain sentence for the user.
"""

from __future__ import annotations

import io
import logging
import zipfile

import pandas as pd

from analysis.read.file_limits import TooCostly, check_workbook_zip
from analysis.read.notes import message
from analysis.read.sheets import (
    HEADER_SCAN_ROWS,
    IngestError,
    RawSheet,
    find_header_row,
    header_names,
    tidy,
    utf16_without_bom,
)
from analysis.read.text_files import read_text
from analysis.words.message import Say, fmt

MAX_FILE_BYTES = 200 * 1024 * 1024


# fastexcel logs "Could not determine dtype for column N, falling back to string" (a column
# holding only blanks or N/A-like text, read as text: nothing is lost) through Python logging,
# which prints it on stderr. It is not the user's concern.
logging.getLogger("fastexcel").setLevel(logging.ERROR)


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_upload(name: str, data: bytes) -> list[RawSheet]:
    """Return the raw sheets of one uploaded file, or raise IngestError saying why not."""
    if len(data) == 0:
        raise IngestError(message("error.empty", name=name))
    if len(data) > MAX_FILE_BYTES:
        mb = len(data) / 1024 / 1024
        limit = MAX_FILE_BYTES // 1024 // 1024
        raise IngestError(
            message("error.too_big", name=name, n_mb=fmt("number", mb), n_limit=limit)
        )
    kind = _sniff(name, data)
    if kind == "xlsx" or kind == "ods":
        _check_zip(name, data)
        sheets = _read_workbook(name, data)
    elif kind == "xls":
        sheets = _read_workbook(name, data)
    else:
        sheets = [read_text(name, data)]
    sheets = [s for s in sheets if s.rows_read > 0]
    if not sheets:
        raise IngestError(message("error.no_rows", name=name))
    if not any(len(s.frame) for s in sheets):
        raise IngestError(message("error.only_totals", name=name))
    return sheets


def _sniff(name: str, data: bytes) -> str:
    head = data[:8]
    lower = name.lower()
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
                if "mimetype" in names and b"opendocument.spreadsheet" in zf.read("mimetype"):
                    return "ods"
                if "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names):
                    return "xlsx"
        except zipfile.BadZipFile as exc:
            raise IngestError(message("error.damaged_excel", name=name)) from exc
        raise IngestError(message("error.zip", name=name))
    if head == _OLE_MAGIC:
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
            raise IngestError(message("error.password", name=name))
        return "xls"
    start = data[:2048].lstrip().lower()
    if start.startswith((b"<html", b"<!doctype html", b"<table")) or (
        start.startswith(b"<?xml")
        and b"urn:schemas-microsoft-com:office:spreadsheet" in data[:4096]
    ):
        raise IngestError(message("error.web_page", name=name))
    if head.startswith(b"%PDF"):
        raise IngestError(message("error.pdf", name=name))
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        raise IngestError(message("error.image", name=name))
    if lower.endswith((".xlsx", ".xlsm", ".xls", ".ods")) and _looks_binary(data):
        raise IngestError(message("error.not_excel", name=name))
    if _looks_binary(data):
        raise IngestError(message("error.binary", name=name))
    return "text"


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(sample):
        return False  # UTF-16 text
    nuls = sample.count(b"\x00")
    if nuls > max(8, len(sample) // 1000):
        return True  # a few stray NULs are left by some exports; binary files hold many
    control = sum(1 for b in sample if b < 9 or 13 < b < 32) - nuls
    return control > len(sample) * 0.01


def _check_zip(name: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_workbook_zip(name, zf)
    except TooCostly as exc:
        raise IngestError(exc.said) from exc
    except zipfile.BadZipFile as exc:
        raise IngestError(message("error.cut_off", name=name)) from exc


def _read_workbook(name: str, data: bytes) -> list[RawSheet]:
    import fastexcel

    try:
        reader = fastexcel.read_excel(data)
        names = reader.sheet_names
    except Exception as exc:  # the Rust reader raises its own error types
        raise IngestError(message("error.cannot_open", name=name)) from exc
    sheets: list[RawSheet] = []
    for index, sheet_name in enumerate(names):
        try:
            sheet = _read_sheet(reader, index, name, sheet_name)
        except IngestError:
            raise
        except Exception as exc:
            error = message("error.sheet", sheet=sheet_name, name=name, detail=str(exc))
            raise IngestError(error) from exc
        if sheet is not None:
            sheets.append(sheet)
    return sheets


def _read_sheet(reader: object, index: int, name: str, sheet_name: str) -> RawSheet | None:
    # Most exports have their header on the first row: read once, typed, and check that.
    # Types are inferred from every row: from a sample, later text cells would become blank.
    sheet = reader.load_sheet(index, header_row=0, schema_sample_rows=None)  # type: ignore[attr-defined]
    frame = sheet.to_pandas()
    hidden = getattr(sheet, "visible", "visible") != "visible"
    names = _original_names([str(c) for c in frame.columns])
    if frame.empty and all(n.startswith("__UNNAMED__") for n in names):
        return None
    top = [names, *frame.head(HEADER_SCAN_ROWS - 1).astype(object).values.tolist()]
    header = find_header_row(top)
    if header > 0:
        # A formatted report: title lines above the header. Read again from the header.
        names = header_names(top[header], len(names))
        frame = reader.load_sheet(  # type: ignore[attr-defined]
            index, header_row=header, schema_sample_rows=None
        ).to_pandas()
    elif any(c.startswith("__UNNAMED__") for c in map(str, frame.columns)):
        names = _header_cells(reader, index, names)  # dates and numbers heading columns
    frame.columns = names[: len(frame.columns)] + [""] * (len(frame.columns) - len(names))
    notes: list[Say] = []
    if header > 0:
        notes.append(message("note.title_lines", n=header, row=header + 1))
    # Row numbers as Excel shows them: the header is on row header + 1.
    frame.index = pd.RangeIndex(header + 2, header + 2 + len(frame))
    raw = tidy(name, sheet_name, frame, notes, header + 1)
    raw.hidden = hidden
    return raw


def _header_cells(reader: object, index: int, names: list[str]) -> list[str]:
    """Return the names with each blank one replaced by its header cell as written: fastexcel
    names a header cell that is not text (an Excel date, a number) __UNNAMED__n."""
    row = reader.load_sheet(index, header_row=None, n_rows=1, dtypes="string")  # type: ignore[attr-defined]
    cells = row.to_pandas().astype(object).iloc[0].tolist() if row.height else []
    return [
        _cell_name(cells[i]) if not name and i < len(cells) else name
        for i, name in enumerate(names)
    ]


def _cell_name(value: object) -> str:
    """Return a header cell read as text, '' when blank ('2024-01-01' for a date at midnight)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip().removesuffix(" 00:00:00")


def _original_names(names: list[str]) -> list[str]:
    """Return header names as written: blank for fastexcel's __UNNAMED__n, repeats undone."""
    out: list[str] = []
    for name in names:
        if name.startswith("__UNNAMED__"):
            out.append("")
            continue
        base, _, suffix = name.rpartition("_")
        out.append(base if suffix.isdigit() and base in out else name)
    return out
