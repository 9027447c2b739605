"""Writing tables for download: CSV and XLSX that are safe to open in Excel.

Cells that start with =, +, -, @, tab or carriage return are prefixed with a quote so
that a spreadsheet never runs text from an export as a formula (formula injection).
"""

from __future__ import annotations

import io

import pandas as pd

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: object) -> object:
    """Return the value, with text that a spreadsheet would run as a formula quoted."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of the frame with every text cell (and header) defused."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(defuse)
    out.columns = [defuse(str(c)) for c in out.columns]
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """Return the frame as UTF-8 CSV (with BOM, so Excel reads accents) safe from formulas."""
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """Return an .xlsx with one sheet per frame, text stored as text (never as formulas)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(
        buffer,
        engine="xlsxwriter",
        engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}},
    ) as writer:
        for name, frame in sheets.items():
            safe_name = "".join(ch for ch in name if ch not in "[]:*?/\\")[:31] or "Sheet"
            safe_frame(frame).to_excel(writer, sheet_name=safe_name, index=False)
    return buffer.getvalue()
