"""A raw sheet: the data under the real header row, tidied, with totals and footers set aside.

Every sheet read (from a workbook in `ingest.py` or a text file in `text_files.py`) goes
through `tidy`: cells stripped, cells that only mean "no value" (`BLANK_WORDS`) blank with a
note, empty rows and columns removed, repeated names numbered, totals and footer lines set
aside with their reason, so nothing is lost silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from analysis.model.input_error import InputError
from analysis.read.cells import exact_words
from analysis.read.notes import message
from analysis.words.message import Say

HEADER_SCAN_ROWS = 40


REASON_COLUMN = "_reason"


ROW_COLUMN = "_row"


# Cells that mean "no value": database and pandas blanks, Excel's errors, a lone dash.
BLANK_WORDS = (
    "NULL", "null", "Null", "(null)", "<null>", "NaN", "nan", "NAN", "NaT", "<NA>",
    "N/A", "n/a", "N/a", "#N/A", "#n/a", "#N/A N/A", "#NULL!", "#VALUE!", "#DIV/0!", "#REF!",
    "#NAME?", "#NUM!", "#SPILL!", "#CALC!", "#GETTING_DATA", "-", "--", "–", "—",
)  # fmt: skip


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
    """A file that cannot be read; `said` is the sentence meant for the user."""


@dataclass
class RawSheet:
    """One sheet (or CSV file) as read: data rows, rows set aside at reading, and notes."""

    file: str
    sheet: str
    frame: pd.DataFrame
    set_aside: pd.DataFrame
    notes: list[Say] = field(default_factory=list)
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


def tidy(file: str, sheet: str, frame: pd.DataFrame, notes: list[Say], header_row: int) -> RawSheet:
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
