"""Small files written by the tests themselves: workbooks, CSVs and broken files."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

import openpyxl


def xlsx(sheets: dict[str, Sequence[Sequence[object]]]) -> bytes:
    """Return an .xlsx holding each sheet's rows as given (first sheet first)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: Sequence[Sequence[object]], sep: str = ",", encoding: str = "utf-8") -> bytes:
    """Return rows joined as a CSV text in the given encoding."""
    text = "\r\n".join(sep.join("" if v is None else str(v) for v in row) for row in rows)
    return (text + "\r\n").encode(encoding)


def encrypted_xlsx(plain: bytes, password: str = "secret") -> bytes:
    """Return the workbook encrypted with a password, as Excel does it."""
    from msoffcrypto.format.ooxml import OOXMLFile

    source = OOXMLFile(io.BytesIO(plain))
    out = io.BytesIO()
    source.encrypt(password, out)
    return out.getvalue()


def xml_bomb_xlsx(plain: bytes) -> bytes:
    """Return the workbook with its first sheet's XML replaced by a 'billion laughs' bomb."""
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
            for i in range(1, 10)
        )
        + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    src = zipfile.ZipFile(io.BytesIO(plain))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = bomb
            dst.writestr(item, data)
    return out.getvalue()


DEALS_HEADER = ["Opportunity Owner", "Amount", "Stage", "Close Date", "Created Date"]
DEALS_ROWS = [
    ["Anna de Vries", 1000, "Closed Won", "2026-01-15", "2025-12-01"],
    ["Anna de Vries", 2000, "Closed Lost", "2026-02-15", "2026-01-01"],
    ["Sem Jansen", 3000, "Closed Won", "2026-03-15", "2026-02-01"],
]
