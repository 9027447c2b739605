"""Reading uploaded files into raw sheets: what a raw sheet is, and every sheet of a workbook.

Holds the upload entry point (`read_upload`: file-type sniffing, zip safety checks, workbook
reading), header-row detection and the tidying every sheet goes through; CSV and other text
files are read in `text_files.py`, and the bounds on what a file may cost are checked in
`file_limits.py` before anything is parsed. A raw sheet is the data under the real header
row, with empty rows and columns removed and totals/footer lines set aside (with their
reason), so nothing is lost silently. Cells that only mean "no value" (`NULL`, `N/A`, `#N/A`
and Excel's other errors, a lone dash: `BLANK_WORDS`) are blank from here on, with a note, so
every parser and the column recognition see a blank, not an unreadable value. A file whose
rows are all totals or footers is refused. Anything that cannot be read raises `IngestError`
with one plain sentence for the user.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from dataclasses import dataclass, field

import pandas as pd

from analysis.cells import exact_words
from analysis.file_limits import TooCostly, check_workbook_zip
from analysis.formats import number
from analysis.input_error import InputError
from analysis.upload_texts import message

MAX_FILE_BYTES = 200 * 1024 * 1024
HEADER_SCAN_ROWS = 40
REASON_COLUMN = "_reason"
ROW_COLUMN = "_row"

# fastexcel logs "Could not determine dtype for column N, falling back to string" (a column
# holding only blanks or N/A-like text, read as text: nothing is lost) through Python logging,
# which prints it on stderr. It is not the user's concern.
logging.getLogger("fastexcel").setLevel(logging.ERROR)

# Cells that mean "no value": database and pandas blanks, Excel's errors, a lone dash.
BLANK_WORDS = (
    "NULL", "null", "Null", "(null)", "<null>", "NaN", "nan", "NAN", "NaT", "<NA>",
    "N/A", "n/a", "N/a", "#N/A", "#n/a", "#N/A N/A", "#NULL!", "#VALUE!", "#DIV/0!", "#REF!",
    "#NAME?", "#NUM!", "#SPILL!", "#CALC!", "#GETTING_DATA", "-", "--", "–", "—",
)  # fmt: skip
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TOTALS = re.compile(
    r"^\s*(?:grand\s*totals?|totals?|sub\s*totals?|eindtotaal|totaal|subtotaal|som|sum|"
    r"gesamt|summe|aantal|count|record\s*count)\s*(?:[:(].*|\d[\d.,]*)?\s*$",
    re.IGNORECASE,
)
# "Anna Total": Excel's Subtotal feature names the group, then the word.
_GROUP_TOTAL = re.compile(
    r"^.{1,60}\s(?:total|totaal|subtotal|subtotaal|totals)\s*$", re.IGNORECASE
)
_FOOTER = re.compile(
    r"(?:copyright|confidential|vertrouwelijk|generated\s+by|gegenereerd|do not distribute|"
    r"salesforce\.com|rows?\s+selected|filtered\s+by|gefilterd)",
    re.IGNORECASE,
)


class IngestError(InputError):
    """A file that cannot be read; the message is one sentence meant for the user."""


@dataclass
class RawSheet:
    """One sheet (or CSV file) as read: data rows, rows set aside at reading, and notes."""

    file: str
    sheet: str
    frame: pd.DataFrame
    set_aside: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    header_row: int = 1
    hidden: bool = False

    @property
    def label(self) -> str:
        """Return 'file › sheet' (or just the file name for a CSV)."""
        return f"{self.file} › {self.sheet}" if self.sheet else self.file

    @property
    def key(self) -> str:
        """Return a stable identifier of this sheet within an upload."""
        return f"{self.file}::{self.sheet}"

    @property
    def rows_read(self) -> int:
        """Return how many non-empty rows lay under the header."""
        return len(self.frame) + len(self.set_aside)


def read_upload(name: str, data: bytes) -> list[RawSheet]:
    """Return the raw sheets of one uploaded file, or raise IngestError saying why not."""
    if len(data) == 0:
        raise IngestError(message("error.empty", name=name))
    if len(data) > MAX_FILE_BYTES:
        mb = len(data) / 1024 / 1024
        limit = MAX_FILE_BYTES // 1024 // 1024
        raise IngestError(message("error.too_big", name=name, n_mb=number(mb), n_limit=limit))
    kind = _sniff(name, data)
    if kind == "xlsx" or kind == "ods":
        _check_zip(name, data)
        sheets = _read_workbook(name, data)
    elif kind == "xls":
        sheets = _read_workbook(name, data)
    else:
        from analysis.text_files import read_text  # text_files builds on this module

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


def utf16_without_bom(data: bytes) -> str | None:
    """Return 'utf-16-le' or 'utf-16-be' for UTF-16 text without a byte order mark, else None."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"  # ASCII characters are followed by their zero byte
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def _check_zip(name: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_workbook_zip(name, zf)
    except TooCostly as exc:
        raise IngestError(str(exc)) from exc
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
            error = message("error.sheet", sheet=sheet_name, name=name, detail=exc)
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
    notes: list[str] = []
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


def _is_texty(value: object) -> bool:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return False
    text = str(value).strip()
    if not text or text.lower() == "nan":
        return False
    return not re.fullmatch(r"[-+€$£()\d.,:/ %T]+", text)


def find_header_row(rows: list[list[object]]) -> int:
    """Return the index of the row that holds the column headers among the first rows."""
    widths = [sum(1 for v in row if _is_filled(v)) for row in rows]
    if not widths or max(widths) == 0:
        return 0
    nonzero = [w for w in widths if w]
    typical = max(set(nonzero), key=lambda w: (nonzero.count(w), w))
    for i, row in enumerate(rows):
        filled = widths[i]
        texty = sum(1 for v in row if _is_texty(v))
        if filled >= max(2, 0.8 * typical) and texty >= 0.8 * filled:
            following = widths[i + 1 : i + 4]
            if not following or max(following) >= 0.5 * filled or i == len(rows) - 1:
                return i
    return 0


def _is_filled(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, float) and pd.isna(value):
        return False
    return str(value).strip() not in ("", "nan", "None")


def tidy(file: str, sheet: str, frame: pd.DataFrame, notes: list[str], header_row: int) -> RawSheet:
    """Return the raw sheet of a read frame: cells stripped, empties dropped, totals set aside."""
    names = [str(c).strip() for c in frame.columns]
    frame = frame.copy()
    frame.columns = range(frame.shape[1])
    # Text is stripped; cells holding only spaces, NULL, N/A or an Excel error are blank.
    placeholders: dict[str, int] = {}
    for col in frame.columns:
        if frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col]):
            stripped = frame[col].astype("string").str.strip()
            placeholder = pd.Series(exact_words(stripped, BLANK_WORDS), index=stripped.index)
            if placeholder.any():
                for word, n in stripped[placeholder].value_counts().items():
                    placeholders[str(word)] = placeholders.get(str(word), 0) + int(n)
            frame[col] = stripped.mask((stripped == "") | placeholder)
    if placeholders:
        shown = ", ".join(f"'{w}'" for w in sorted(placeholders, key=placeholders.get)[::-1][:3])
        notes.append(message("note.blank_words", n=sum(placeholders.values()), examples=shown))
    keep = [not frame.iloc[:, i].isna().all() for i in range(frame.shape[1])]
    if not all(keep):
        frame = frame.iloc[:, [i for i, k in enumerate(keep) if k]]
        names = [n for n, k in zip(names, keep, strict=True) if k]
        notes.append(message("note.empty_columns", n=keep.count(False)))
    names = [
        f"Column {i + 1}" if (n.startswith(("__UNNAMED__", "Unnamed: ")) or not n) else n
        for i, n in enumerate(names)
    ]
    deduped = _dedupe(names)
    if deduped != names:
        renamed = ", ".join(f"'{d}'" for d, n in zip(deduped, names, strict=True) if d != n)
        notes.append(message("note.repeated_names", names=renamed))
    frame.columns = deduped
    filled = frame.notna()
    empty_rows = ~filled.any(axis=1)
    n_empty = int(empty_rows.sum())
    frame = frame[~empty_rows]
    if n_empty:
        notes.append(message("note.empty_rows", n=n_empty))
    aside_mask, reasons = _totals_and_footers(frame)
    set_aside = frame[aside_mask].copy()
    set_aside[REASON_COLUMN] = reasons[aside_mask]
    set_aside[ROW_COLUMN] = set_aside.index
    if aside_mask.any():
        notes.append(message("note.totals_set_aside", n=int(aside_mask.sum())))
    data = frame[~aside_mask]
    return RawSheet(file, sheet, data, set_aside.reset_index(drop=True), notes, header_row)


def header_names(cells: list[object], width: int) -> list[str]:
    """Return the header cells as column names (blank ones empty), padded to the width."""
    names = ["" if not _is_filled(c) else str(c).strip() for c in cells[:width]]
    return names + [""] * (width - len(names))


def _dedupe(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        key = name.lower()
        if key in seen:
            seen[key] += 1
            out.append(f"{name} ({seen[key]})")
        else:
            seen[key] = 1
            out.append(name)
    return out


def _totals_and_footers(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Return (mask, reason) of the totals and footer lines among the rows of a sheet."""
    reasons = pd.Series("", index=frame.index, dtype=object)
    text_columns = [c for c in frame.columns[:4] if pd.api.types.is_string_dtype(frame[c])]
    if frame.empty or not text_columns:
        return pd.Series(False, index=frame.index), reasons
    first = frame[text_columns[0]]
    for column in text_columns[1:]:
        first = first.fillna(frame[column])
    # Look at each distinct first cell once: a report repeats its owners and stages.
    codes, uniques = pd.factorize(first.fillna(""))
    texts = pd.Series(uniques, dtype=object).astype(str)
    total_u = texts.str.match(_TOTALS.pattern, case=False) & (texts.str.len() < 60)
    footer_u = texts.str.contains(_FOOTER.pattern, case=False, regex=True)
    group_u = texts.str.match(_GROUP_TOTAL.pattern, case=False)
    is_total = pd.Series(total_u.to_numpy()[codes], index=frame.index)
    is_group_total = pd.Series(group_u.to_numpy()[codes], index=frame.index)
    if is_group_total.any():
        # Only when the row is sparse like a subtotal, not a full record of a rep named so.
        is_total |= is_group_total & (frame.notna().sum(axis=1) <= 0.6 * frame.shape[1])
    is_footer = pd.Series(footer_u.to_numpy()[codes], index=frame.index)
    if is_footer.any():
        is_footer &= frame.notna().sum(axis=1) <= 2
    reasons[is_total] = message("reason.totals")
    reasons[is_footer & ~is_total] = message("reason.footer")
    return (is_total | is_footer).astype(bool), reasons
