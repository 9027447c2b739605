"""Generated exports as data and as files: their sheets, the truth about their deals, and the
.xlsx / .csv bytes and files written from them (tests/exports.py draws them)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd


@dataclass(frozen=True)
class Sheet:
    """One generated sheet: its table, its name, the cells as written and each header's field."""

    table: str
    name: str
    frame: pd.DataFrame
    fields: dict[str, str]  # header → canonical field
    preamble: tuple[str, ...] = ()  # report title lines above the header row


@dataclass(frozen=True)
class Export:
    """A generated export: its files, its sheets, and the truth about its deal rows."""

    files: tuple[tuple[str, bytes], ...] = field(repr=False)  # the sheets say what they hold
    sheets: tuple[Sheet, ...]
    # One row per written deal row: rep (None when blank or no rep column), won (bool),
    # amount (float, NaN when blank), close (Timestamp, NaT when blank), deal_id.
    deals: pd.DataFrame | None
    exact: bool  # dates and amounts in styles that can only be read one way, no duplicate ids
    note: list[str] = field(default_factory=list)

    def has(self, table: str) -> bool:
        """Return whether a sheet of this table was generated."""
        return any(s.table == table for s in self.sheets)

    def sheet(self, table: str) -> Sheet | None:
        """Return the (first) generated sheet of this table, or None."""
        return next((s for s in self.sheets if s.table == table), None)

    def sheets_of(self, table: str) -> list[Sheet]:
        """Return every generated sheet of this table (deals may come split in two)."""
        return [s for s in self.sheets if s.table == table]


def workbook(sheets: list[Sheet]) -> bytes:
    """Return a workbook holding each sheet (openpyxl, the default writer: a complete file)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        used: set[str] = set()
        for sheet in sheets:
            name = sheet.name
            while name in used:
                name += "_"
            used.add(name)
            skip = len(sheet.preamble) + 1 if sheet.preamble else 0
            sheet.frame.to_excel(writer, sheet_name=name[:31], index=False, startrow=skip)
            for row, line in enumerate(sheet.preamble, start=1):
                writer.sheets[name[:31]].cell(row=row, column=1, value=line)
    return buffer.getvalue()


def csv_file(sheet: Sheet, sep: str, encoding: str) -> bytes:
    """Return the sheet as CSV text in this separator and encoding ('?' where it has no sign)."""
    lines = "".join(f"{line}\n" for line in sheet.preamble) + ("\n" if sheet.preamble else "")
    return (lines + sheet.frame.to_csv(index=False, sep=sep)).encode(encoding, errors="replace")


def write_files(export: Export, folder: Path) -> list[Path]:
    """Write the export's files into the folder; return their paths in upload order."""
    paths = []
    for i, (name, data) in enumerate(export.files):
        path = folder / f"{i}" / name  # two files may share a name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    return paths


def export_of(
    sheets: list[Sheet], deals: pd.DataFrame | None = None, exact: bool = False, csv: bool = False
) -> Export:
    """Return a hand-built export: one workbook of these sheets, or one CSV file per sheet."""
    if csv:
        files = tuple((f"{s.name}.csv", csv_file(s, ",", "utf-8")) for s in sheets)
    else:
        files = (("export.xlsx", workbook(sheets)),)
    return Export(files, tuple(sheets), deals, exact)
