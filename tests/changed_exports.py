"""Two exports of the sample's CRM a week apart, with moves planted by hand.

The later export is the sample's workbook (every sheet, data up to 30 Sep 2026) with three of
`PUSHER`'s deals due in 2026-Q4 pushed to January, one deal of `CUTTER` cut to 60%, and two of
`BACKWARD`'s deals gone back from Negotiation to Proposal. The earlier export holds only the
Deals sheet as it stood on `EARLIER_DAY`: deals created later are not in it (they are new now),
and deals closed later are still open there, expected to close 30 days after the day they did
close (so in October: they were due in 2026-Q4 and count as won or lost in its flow).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from sample_data.generate import build_frames
from tests.builders import write_sheets

EARLIER_DAY = pd.Timestamp("2026-09-23")
LATER_DAY = pd.Timestamp("2026-09-30")
Q4 = (pd.Timestamp("2026-10-01"), pd.Timestamp("2026-12-31"))
PUSHED_TO = pd.Timestamp("2027-01-29")
PUSHER = "Finn Hendriks"
CUTTER = "Noah Meijer"
BACKWARD = "Sophie Bos"
CLOSED = ("Closed Won", "Closed Lost")
KEPT = 0.6  # the cut deal keeps 60% of its amount


@dataclass(frozen=True)
class Pair:
    """The two exports' sheets and the deals planted in them."""

    later: dict[str, pd.DataFrame]  # every sheet of the later export
    earlier: pd.DataFrame  # the earlier export's Deals sheet
    pushed: tuple[str, ...]  # deal ids
    cut: str
    back: tuple[str, ...]


def _due_q4(deals: pd.DataFrame) -> pd.Series:
    open_ = ~deals["Stage"].isin(CLOSED)
    return open_ & deals["Close Date"].between(*Q4)


def _pick(deals: pd.DataFrame, rep: str, count: int, stage: str | None = None) -> list[str]:
    """Return the ids of the rep's first `count` deals due in 2026-Q4 created before the earlier
    export (in a stage, when given), in id order."""
    rows = deals[_due_q4(deals) & (deals["Sales Rep"] == rep)]
    rows = rows[rows["Created Date"] <= EARLIER_DAY]
    if stage is not None:
        rows = rows[rows["Stage"] == stage]
    return sorted(rows["Deal ID"])[:count]


@cache
def pair(seed: int = 7) -> Pair:
    """Return the later export's sheets and the earlier export's deals, with the planted moves."""
    sheets = build_frames(seed)
    deals = sheets["Deals"].copy()
    pushed = _pick(deals, PUSHER, 3)
    cut = _pick(deals, CUTTER, 1)[0]
    back = _pick(deals, BACKWARD, 2, "Negotiation")
    earlier = deals[deals["Created Date"] <= EARLIER_DAY].copy()
    closed_later = earlier["Stage"].isin(CLOSED) & (earlier["Close Date"] > EARLIER_DAY)
    earlier.loc[closed_later, "Stage"] = "Negotiation"
    earlier.loc[closed_later, "Close Date"] += pd.Timedelta(days=30)
    later = deals
    later.loc[later["Deal ID"].isin(pushed), "Close Date"] = PUSHED_TO
    at = later["Deal ID"] == cut
    later.loc[at, "Amount"] = (later.loc[at, "Amount"] * KEPT).round(2)
    later.loc[later["Deal ID"].isin(back), "Stage"] = "Proposal"
    return Pair({**sheets, "Deals": later}, earlier, tuple(pushed), cut, tuple(back))


def write_pair(folder: Path, seed: int = 7) -> tuple[Path, Path]:
    """Write the later and the earlier export as .xlsx files; return their paths."""
    planted = pair(seed)
    later = write_sheets(planted.later, folder / "crm_export_2026-09-30.xlsx")
    earlier = write_sheets({"Deals": planted.earlier}, folder / "crm_export_2026-09-23.xlsx")
    return later, earlier


def cents(amounts: pd.Series) -> int:
    """Return the sum of amounts in whole cents, each rounded as the comparison rounds it."""
    return int((amounts.astype(float) * 100).round().sum())


def due_q4_cents(deals: pd.DataFrame, rep: str | None = None) -> int:
    """Return the pipeline due in 2026-Q4 of a Deals sheet (of one rep), in cents."""
    rows = deals[_due_q4(deals)]
    if rep is not None:
        rows = rows[rows["Sales Rep"] == rep]
    return cents(rows["Amount"])
