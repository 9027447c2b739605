"""Reading CSV and other delimited text files into a raw sheet.

The encoding (UTF-8, UTF-16 with or without byte order mark, Windows-1252, else Latin-1) and
the delimiter are guessed from the bytes; the header row is found as for workbooks. Stray NUL
characters are removed (with a note), old Mac line ends (CR only) read as line ends, and a
cell may be as long as the file. Lines with more fields than the header are set aside with
their reason instead of shifting the columns of the rest, except a line one field too long
where only one value can have held the unquoted separator ('Acme, Inc'): that value is joined
again, with a note.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from dataclasses import dataclass

import pandas as pd

from analysis.read.file_limits import TooCostly, check_cells_read, check_text_size
from analysis.read.notes import message
from analysis.read.sheets import (
    HEADER_SCAN_ROWS,
    REASON_COLUMN,
    ROW_COLUMN,
    IngestError,
    RawSheet,
    find_header_row,
    header_names,
    tidy,
    utf16_without_bom,
)
from analysis.words.message import Say

HEADER_SCAN_BYTES = 256 * 1024


def _clean_bytes(data: bytes) -> tuple[bytes, list[Say]]:
    """The bytes without NUL characters and with CR-only line ends made line ends, and a note."""
    notes: list[Say] = []
    if b"\x00" in data:
        notes.append(message("note.nul_removed", n=data.count(b"\x00")))
        data = data.replace(b"\x00", b"")
    if b"\r" in data and b"\n" not in data:
        data = data.replace(b"\r", b"\n")  # old Mac line ends: CR only
    if csv.field_size_limit() < len(data):
        csv.field_size_limit(len(data))  # one long cell must not stop the reading
    return data, notes


@dataclass(frozen=True)
class _Head:
    """What the first lines of a text file tell: delimiter, header row, size of a line."""

    delimiter: str
    rows: list[list[str]]  # the first lines split by the delimiter
    header: int  # index of the header row among them
    columns: int  # fields in the header row
    line_bytes: float  # average bytes per line


def _head(data: bytes, encoding: str) -> _Head:
    """Read the first lines of the file to guess its delimiter and find its header row."""
    head = data[:HEADER_SCAN_BYTES].decode(encoding, errors="replace")
    lines = head.splitlines()
    if len(data) > HEADER_SCAN_BYTES:
        lines = lines[:-1]  # the last line of the sample may be cut off
    lines = lines[:HEADER_SCAN_ROWS]
    delimiter = _delimiter(lines)
    sample_rows = list(csv.reader(lines, delimiter=delimiter))
    header = find_header_row(sample_rows) if sample_rows else 0
    columns = len(sample_rows[header]) if sample_rows else 1
    line_bytes = sum(len(line.encode()) + 1 for line in lines) / max(len(lines), 1)
    return _Head(delimiter, sample_rows, header, columns, line_bytes)


def _read_frame(
    name: str, data: bytes, encoding: str, head: _Head
) -> tuple[pd.DataFrame, list[tuple[int, list[str]]], list[str]]:
    """The file as a frame of text indexed by line, the lines set aside and the values joined."""
    header = head.header
    common = {
        "sep": head.delimiter,
        "dtype": str,
        "keep_default_na": False,
        "na_values": [""],
        "skiprows": header,
        "encoding": encoding,
    }
    bad: list[tuple[int, list[str]]] = []
    joined: list[str] = []
    frame = _read_csv_fast(data, common)
    if frame is None:
        try:
            with warnings.catch_warnings():
                # pandas only warns when lines have more fields than the header: data is lost.
                warnings.simplefilter("error", pd.errors.ParserWarning)
                frame = pd.read_csv(
                    io.BytesIO(data), engine="c", skip_blank_lines=False, index_col=False, **common
                )
            frame.index = pd.RangeIndex(header + 2, header + 2 + len(frame))
        except (pd.errors.ParserError, pd.errors.ParserWarning):
            frame, bad, joined = _read_ragged(data.decode(encoding), head.delimiter, header)
        except pd.errors.EmptyDataError as exc:
            raise IngestError(message("error.text_empty", name=name)) from exc
        except UnicodeDecodeError as exc:
            raise IngestError(message("error.encoding", name=name)) from exc
    else:
        frame.index = pd.RangeIndex(header + 2, header + 2 + len(frame))
    return frame, bad, joined


def _set_aside_ragged(
    sheet: RawSheet, bad: list[tuple[int, list[str]]], delimiter: str, n_header: int
) -> None:
    """Add the lines with too many fields to the sheet's set-aside rows, with a note."""
    rows = pd.DataFrame({"_raw": [delimiter.join(fields) for _, fields in bad]})
    rows[REASON_COLUMN] = [
        message("reason.ragged", n=len(fields), n_header=n_header) for _, fields in bad
    ]
    rows[ROW_COLUMN] = [line for line, _ in bad]
    sheet.set_aside = pd.concat([sheet.set_aside, rows], ignore_index=True)
    sheet.notes.append(message("note.ragged", n=len(bad)))


def read_text(name: str, data: bytes) -> RawSheet:
    """Return the raw sheet of a CSV or text file, or raise IngestError saying why not."""
    data, encoding = _encoding(data)
    data, notes = _clean_bytes(data)
    head = _head(data, encoding)
    try:
        check_text_size(name, data, head.columns, round(len(data) / max(head.line_bytes, 1)))
    except TooCostly as exc:
        raise IngestError(exc.said) from exc
    if encoding not in ("utf-8", "utf-8-sig"):
        notes.append(message("note.encoding", encoding=encoding))
    frame, bad, joined = _read_frame(name, data, encoding, head)
    try:
        check_cells_read(name, len(frame), len(frame.columns))
    except TooCostly as exc:
        raise IngestError(exc.said) from exc
    header = head.header
    if header > 0:
        notes.append(message("note.title_lines_text", n=header, line=header + 1))
    if head.rows:
        frame.columns = header_names(list(head.rows[header]), len(frame.columns))
    sheet = tidy(name, "", frame, notes, header + 1)
    if joined:
        sheet.notes.append(
            message("note.unquoted_separator", n=len(joined), example=joined[0][:60])
        )
    if bad:
        _set_aside_ragged(sheet, bad, head.delimiter, len(frame.columns))
    return sheet


def _read_ragged(
    text: str, delimiter: str, header: int
) -> tuple[pd.DataFrame, list[tuple[int, list[str]]], list[str]]:
    """Read a CSV whose lines have differing numbers of fields.

    Return the frame, the lines set aside (too many fields) and the values joined again
    (a line one field too long, where only one value can have held an unquoted separator).
    """
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    for _ in range(header):
        next(reader, None)
    head = next(reader, [])
    width = len(head)
    good: list[list[str | None]] = []
    index: list[int] = []
    bad: list[tuple[int, list[str]]] = []
    joined: list[str] = []
    for fields in reader:
        line = reader.line_num
        if len(fields) > width and any(f.strip() for f in fields[width:]):
            repaired = _joined(fields, width, delimiter)
            if repaired is None:
                bad.append((line, fields))
                continue
            fields, value = repaired
            joined.append(value)
        padded = (fields + [""] * width)[:width]
        good.append([f if f != "" else None for f in padded])
        index.append(line)
    frame = pd.DataFrame(good, columns=head or None, index=index, dtype=object)
    return frame, bad, joined


def _joined(fields: list[str], width: int, delimiter: str) -> tuple[list[str], str] | None:
    """Return (fields, joined value) with one unquoted separator undone ('Acme, Inc'), if sure.

    Only a line with exactly one field too many, where exactly one field starts with a space
    after a field that does not end with one, is joined: the separator is then the one
    written inside a value. Any other line is set aside.
    """
    if len(fields) != width + 1:
        return None
    spots = [
        i
        for i in range(1, len(fields))
        if fields[i].startswith(" ")
        and fields[i].strip()
        and fields[i - 1].strip()
        and not fields[i - 1].endswith(" ")
    ]
    if len(spots) != 1:
        return None
    i = spots[0]
    value = fields[i - 1] + delimiter + fields[i]
    return [*fields[: i - 1], value, *fields[i + 1 :]], value


def _encoding(data: bytes) -> tuple[bytes, str]:
    """Return the bytes to parse (BOM removed, UTF-16 recoded) and their encoding."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace").encode("utf-8"), "utf-8"
    order = utf16_without_bom(data)
    if order:
        return data.decode(order, errors="replace").encode("utf-8"), "utf-8"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp1252"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return data, encoding
    return data, "latin-1"


def _read_csv_fast(data: bytes, options: dict[str, object]) -> pd.DataFrame | None:
    """Return the CSV read by the Arrow engine, or None when only the C engine can read it."""
    if re.search(rb"\n\r?\n", data):
        return None  # blank lines: the Arrow engine skips them and row numbers would shift
    try:
        return pd.read_csv(io.BytesIO(data), engine="pyarrow", **options)
    except (pd.errors.ParserError, ValueError, TypeError):
        return None


def _delimiter(lines: list[str]) -> str:
    candidates = [",", ";", "\t", "|"]
    best, best_score = ",", -1.0
    for delim in candidates:
        counts = [len(row) for row in csv.reader(lines, delimiter=delim) if row]
        if not counts:
            continue
        widest = max(counts)
        if widest < 2:
            continue
        # Prefer the delimiter that gives many columns consistently across lines.
        consistent = sum(1 for c in counts if c == widest) / len(counts)
        score = consistent * widest
        if score > best_score:
            best, best_score = delim, score
    return best
