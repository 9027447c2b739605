"""The dataset of an upload: canonical tables, set-aside rows and the per-sheet quality report.

It is built from the raw sheets by `analysis.read.build.build_dataset`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.model import schema as S
from analysis.words.message import Say

SET_ASIDE_FRONT = ["File", "Sheet", "Row", "Table", "Reason"]


@dataclass
class SheetReport:
    """What happened to one sheet: its table, rows read/used/set aside, reasons and notes."""

    file: str
    sheet: str
    table: str
    rows_read: int
    rows_used: int
    rows_set_aside: int
    reasons: dict[Say, int] = field(default_factory=dict)  # each reason (its kind) counted
    notes: list[Say] = field(default_factory=list)


@dataclass
class Dataset:
    """The canonical tables of an upload, the rows set aside and the quality report."""

    tables: dict[str, pd.DataFrame]
    set_aside: pd.DataFrame
    reports: list[SheetReport]
    notes: list[Say]

    @property
    def rows_read(self) -> int:
        """Return the rows read from all sheets that were used."""
        return sum(r.rows_read for r in self.reports if r.table != S.IGNORE)

    @property
    def rows_set_aside(self) -> int:
        """Return the rows set aside over all used sheets."""
        return sum(r.rows_set_aside for r in self.reports if r.table != S.IGNORE)

    @property
    def currency(self) -> str | None:
        """Return the currency most deals are in (None when the export does not say)."""
        deals = self.tables.get(S.DEALS)
        if deals is None or "currency" not in deals or deals["currency"].isna().all():
            return None
        return str(deals["currency"].mode().iloc[0])

    def date_range(self) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        """Return the first and last close date of the deals, or None without deals."""
        deals = self.tables.get(S.DEALS)
        if deals is None:
            return None
        closed = deals.loc[deals[S.STATUS] != "open", S.CLOSE_DATE].dropna()
        if closed.empty:
            return None
        return closed.min(), closed.max()
