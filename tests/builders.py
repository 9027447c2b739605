"""Small files written by the tests themselves: workbooks, CSVs and broken files."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import openpyxl
import pandas as pd

_WRITTEN_AT = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def steady(workbook: bytes) -> bytes:
    """Return the .xlsx with the moment it was written taken out (its zip entries' dates and
    the document's created and modified dates fixed): the same sheets give the same bytes, so
    the app's caches, keyed on the content, see the same file when a test uploads it again."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "docProps/core.xml":
                data = _WRITTEN_AT.sub(rb"\g<1>2026-01-01T00:00:00Z\g<2>", data)
            fixed = zipfile.ZipInfo(item.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, item.external_attr
            new.writestr(fixed, data)
    return out.getvalue()


def xlsx(sheets: dict[str, Sequence[Sequence[object]]]) -> bytes:
    """Return an .xlsx holding each sheet's rows as given (first sheet first), the same bytes
    for the same rows."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return steady(buffer.getvalue())


def hidden_sheet_xlsx() -> bytes:
    """A workbook with a deals sheet and a hidden copy of it ('Deals old'): one sale of 1,000."""
    book = openpyxl.Workbook()
    shown = book.active
    assert shown is not None
    shown.title = "Deals"
    hidden = book.create_sheet("Deals old")
    hidden.sheet_state = "hidden"
    for ws in (shown, hidden):
        ws.append(["Owner", "Amount", "Stage", "Close Date"])
        ws.append(["Anna", 1000, "Closed Won", dt.date(2026, 3, 1)])
    buffer = io.BytesIO()
    book.save(buffer)
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


def with_first_sheet(plain: bytes, change: Callable[[bytes], bytes]) -> bytes:
    """Return the workbook with its first sheet's XML passed through `change` (zip kept)."""
    src = zipfile.ZipFile(io.BytesIO(plain))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            dst.writestr(item.filename, data)
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
    return with_first_sheet(plain, lambda _: bomb)


DEALS_HEADER = ["Opportunity Owner", "Amount", "Stage", "Close Date", "Created Date"]
DEALS_ROWS = [
    ["Anna de Vries", 1000, "Closed Won", "2026-01-15", "2025-12-01"],
    ["Anna de Vries", 2000, "Closed Lost", "2026-02-15", "2026-01-01"],
    ["Sem Jansen", 3000, "Closed Won", "2026-03-15", "2026-02-01"],
]


def inflating_xlsx(plain: bytes, rows: int) -> bytes:
    """Return the workbook with its first sheet replaced by `rows` rows padded with spaces.

    Each row is one number and 4,000 spaces (XML allows them between tags), so the sheet XML
    inflates about a thousandfold: 10,000 rows are 40 MB of XML in a zip of some 40 KB.
    """
    row = b"<row><c><v>12500</v></c>" + b" " * 4000 + b"</row>"
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>" + row * rows + b"</sheetData></worksheet>"
    )
    return with_first_sheet(plain, lambda _: sheet)


def sparse_xlsx(plain: bytes, last: str, dimension: str | None) -> bytes:
    """Return the workbook with a first sheet holding only A1 and the cell `last` (e.g. 'CV1048576').

    The file stays tiny, but the reader would build the whole grid in between. `dimension`
    is written as the sheet's `<dimension ref>` when given (Excel always writes one).
    """
    row = "".join(ch for ch in last if ch.isdigit())
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>"
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Owner</t></is></c></row>'
        f'<row r="{row}"><c r="{last}"><v>1</v></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    return with_first_sheet(plain, lambda _: sheet)


def patched_xlsx(plain: bytes, replace: dict[bytes, bytes]) -> bytes:
    """Return the workbook with bytes of its first sheet's XML replaced, e.g. a cell's value.

    Writes what no spreadsheet program lets you type: `<v>1e309</v>` is a number cell that
    reads as infinity.
    """

    def patch(data: bytes) -> bytes:
        for old, new in replace.items():
            data = data.replace(old, new)
        return data

    return with_first_sheet(plain, patch)


def repeating_ods(rows: int, columns: int, filled: bool) -> bytes:
    """Return an .ods of two deals plus one row repeated `rows` times of `columns` cells.

    The repeated cells hold the number 1 when `filled`, else nothing (as LibreOffice writes
    the empty rest of every sheet). The file stays a few kilobytes either way.
    """
    import pandas as pd

    buffer = io.BytesIO()
    frame = pd.DataFrame({"Owner": ["Anna", "Bob"], "Amount": [1, 2]})
    frame.to_excel(buffer, engine="odf", index=False)
    src = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    cell = (
        f'<table:table-cell table:number-columns-repeated="{columns}" '
        'office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
        if filled
        else f'<table:table-cell table:number-columns-repeated="{columns}"/>'
    )
    row = f'<table:table-row table:number-rows-repeated="{rows}">{cell}</table:table-row>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "content.xml":
                data = data.replace(b"</table:table>", row.encode() + b"</table:table>", 1)
            dst.writestr(item, data)
    return out.getvalue()


def sample_as_of(sheets: dict[str, pd.DataFrame], day: pd.Timestamp) -> dict[str, pd.DataFrame]:
    """The sample's sheets as exported on `day`: later rows are not there, later wins are open."""
    out = dict(sheets)
    deals = sheets["Deals"][sheets["Deals"]["Created Date"] <= day].copy()
    deals.loc[deals["Close Date"] > day, "Stage"] = "Negotiation"
    out["Deals"] = deals
    dated = {"Activities": "Date", "Leads": "Created On", "Customer Feedback": "Date"}
    for sheet, column in dated.items():
        out[sheet] = sheets[sheet][sheets[sheet][column] <= day]
    history = sheets["Stage History"]
    out["Stage History"] = history[pd.to_datetime(history["Changed On"]) <= day]
    return out


SAMPLE = Path(__file__).resolve().parents[1] / "sample_data" / "salescope_sample.xlsx"
DUTCH_DEALS = {
    "Deal ID": "Dealnummer",
    "Deal Name": "Dealnaam",
    "Account": "Klant",
    "Sales Rep": "Verkoper",
    "Team": "Team",
    "Region": "Regio",
    "Stage": "Fase",
    "Amount": "Bedrag",
    "Created Date": "Aanmaakdatum",
    "Close Date": "Sluitdatum",
    "Source": "Bron",
    "Product": "Product",
}


def dutch_amount(value: float) -> str:
    """Return an amount as a Dutch CRM writes it into a cell: 17280.0 → '€ 17.280,00'."""
    whole, cents = f"{value:,.2f}".split(".")
    return f"€ {whole.replace(',', '.')},{cents}"


def dutch_crm_xlsx(deals: int | None = None, targets: bool = True) -> bytes:
    """A Dutch CRM workbook: the sample's deals (the first `deals`, or all) under Dutch headers,
    with no currency column and every amount written as text ('€ 17.280,00'), and the
    sample's targets as 'Doel' per 'Verkoper' and 'Kwartaal' (amounts as text too)."""
    import pandas as pd

    sample = pd.read_excel(SAMPLE, sheet_name=["Deals", "Targets"], engine="calamine")
    rows = sample["Deals"].head(deals) if deals else sample["Deals"]
    sheet = rows[list(DUTCH_DEALS)].rename(columns=DUTCH_DEALS)
    sheet["Bedrag"] = [dutch_amount(v) for v in rows["Amount"]]
    for day in ("Aanmaakdatum", "Sluitdatum"):
        sheet[day] = [None if pd.isna(v) else v.date() for v in sheet[day]]
    sheets: dict[str, list[list[object]]] = {"Deals": _table(sheet)}
    if targets:
        goal = sample["Targets"].rename(
            columns={"Sales Rep": "Verkoper", "Quarter": "Kwartaal", "Target": "Doel"}
        )
        goal["Doel"] = [dutch_amount(v) for v in goal["Doel"]]
        sheets["Doelen"] = _table(goal)
    return xlsx(sheets)


def _table(frame: object) -> list[list[object]]:
    """Header and rows of a DataFrame as lists, blanks as None."""
    import pandas as pd

    assert isinstance(frame, pd.DataFrame)
    body = frame.astype(object).where(frame.notna(), None).values.tolist()
    return [list(frame.columns), *body]


# One quarter: Anna won 1000 and 2000 and lost 700; Bob won 500 and has 900 open.
ONE_QUARTER = [
    ["Owner", "Amount", "Stage", "Close Date", "Created Date"],
    ["Anna", "1000", "Closed Won", "2026-01-11", "2026-01-01"],
    ["Anna", "2000", "Closed Won", "2026-01-21", "2026-01-01"],
    ["Anna", "700", "Closed Lost", "2026-02-01", "2026-01-05"],
    ["Bob", "500", "Closed Won", "2026-03-02", "2026-02-20"],
    ["Bob", "900", "Negotiation", "2026-06-30", "2026-03-01"],
]


def boom(*args: object, **kwargs: object) -> None:
    """A section's computation that fails with an internal error (patched in by tests)."""
    raise ValueError("attempt to get argmax of an empty sequence")


def write_sheets(sheets: dict[str, pd.DataFrame], path: Path) -> Path:
    """Write sheets (name → frame) to an .xlsx at `path`, as an export would hold them."""
    with pd.ExcelWriter(path) as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    return path
