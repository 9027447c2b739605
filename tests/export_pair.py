"""Two tiny exports of one CRM a week apart, one deal in each category, worked out by hand.

The earlier export ends on 2026-07-10 (D13 was created that day), the later one on 2026-07-17
(D1 was created that day), so the period whose pipeline flows is 2026-Q3 (1 July to 30 Sep).
"Due" means open with an expected close inside it. Anna is in team North, Bram in South.

| deal | category       | earlier                          | later                            |
|------|----------------|----------------------------------|----------------------------------|
| D1   | new            | —                                | Anna, Prospecting 1000.10, 15 Aug |
| D2   | won            | Anna, Negotiation 2000.00, 20 Jul | Closed Won, 15 Jul               |
| D3   | lost           | Bram, Proposal 3000.00, 1 Aug    | Closed Lost, 16 Jul              |
| D4   | reopened       | Bram, Closed Lost 400.40, 20 Jun | Proposal, 1 Sep                  |
| D5   | vanished       | Anna, Proposal 500.05, 20 Aug    | —                                |
| D6   | pushed out     | Bram, Negotiation 600.00, 15 Sep | 15 Oct                           |
| D7   | pulled in      | Anna, Proposal 700.70, 1 Nov     | 10 Sep                           |
| D8   | amount up      | Anna, Proposal 800.25            | 1000.50                          |
| D9   | amount down    | Bram, Proposal 900.99            | 450.49 (a cut of 50%)            |
| D10  | stage forward  | Anna, Proposal 1100              | Negotiation                      |
| D11  | stage back     | Bram, Negotiation 1200           | Proposal                         |
| D12  | owner changed  | Anna (North) 1300                | Bram (South)                     |
| D13  | unchanged      | Anna, Proposal 1400              | the same                         |

Due at the earlier export: D2 D3 D5 D6 D8 D9 D10 D11 D12 D13 = 12,801.29 (10 deals); due at
the later one: D1 D4 D7 D8 D9 D10 D11 D12 D13 = 8,552.19 (9 deals).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.model.dataset import Dataset
from analysis.read.upload import read_files
from tests.builders import csv_bytes, xlsx

HEADER = ["Deal ID", "Deal Name", "Account", "Sales Rep", "Team", "Stage", "Amount",
          "Created Date", "Close Date"]  # fmt: skip
EARLIER_DAY, LATER_DAY = "2026-07-10", "2026-07-17"
PERIOD = "2026-Q3"


def _deal(n: int, rep: str, stage: str, amount: float, close: str, created: str = "2026-05-01"
          ) -> list[object]:  # fmt: skip
    team = {"Anna": "North", "Bram": "South"}[rep]
    return [f"D{n}", f"Deal {n}", f"Account {n}", rep, team, stage, amount, created, close]


EARLIER = [
    _deal(2, "Anna", "Negotiation", 2000.00, "2026-07-20"),
    _deal(3, "Bram", "Proposal", 3000.00, "2026-08-01"),
    _deal(4, "Bram", "Closed Lost", 400.40, "2026-06-20"),
    _deal(5, "Anna", "Proposal", 500.05, "2026-08-20"),
    _deal(6, "Bram", "Negotiation", 600.00, "2026-09-15"),
    _deal(7, "Anna", "Proposal", 700.70, "2026-11-01"),
    _deal(8, "Anna", "Proposal", 800.25, "2026-08-10"),
    _deal(9, "Bram", "Proposal", 900.99, "2026-08-12"),
    _deal(10, "Anna", "Proposal", 1100.00, "2026-08-14"),
    _deal(11, "Bram", "Negotiation", 1200.00, "2026-08-16"),
    _deal(12, "Anna", "Proposal", 1300.00, "2026-08-18"),
    _deal(13, "Anna", "Proposal", 1400.00, "2026-08-22", created=EARLIER_DAY),
]
LATER = [
    _deal(1, "Anna", "Prospecting", 1000.10, "2026-08-15", created=LATER_DAY),
    _deal(2, "Anna", "Closed Won", 2000.00, "2026-07-15"),
    _deal(3, "Bram", "Closed Lost", 3000.00, "2026-07-16"),
    _deal(4, "Bram", "Proposal", 400.40, "2026-09-01"),
    _deal(6, "Bram", "Negotiation", 600.00, "2026-10-15"),
    _deal(7, "Anna", "Proposal", 700.70, "2026-09-10"),
    _deal(8, "Anna", "Proposal", 1000.50, "2026-08-10"),
    _deal(9, "Bram", "Proposal", 450.49, "2026-08-12"),
    _deal(10, "Anna", "Negotiation", 1100.00, "2026-08-14"),
    _deal(11, "Bram", "Proposal", 1200.00, "2026-08-16"),
    _deal(12, "Bram", "Proposal", 1300.00, "2026-08-18"),
    _deal(13, "Anna", "Proposal", 1400.00, "2026-08-22", created=EARLIER_DAY),
]

CATEGORY = {"D1": "new", "D2": "won", "D3": "lost", "D4": "reopened", "D5": "vanished",
            "D6": "pushed_out", "D7": "pulled_in", "D8": "amount_up", "D9": "amount_down",
            "D10": "stage_forward", "D11": "stage_back", "D12": "owner_changed",
            "D13": "unchanged"}  # fmt: skip
# The company's flow, part by part: (part, deals, money).
FLOW = [("start", 10, 12801.29), ("new", 1, 1000.10), ("reopened", 1, 400.40),
        ("pulled_in", 1, 700.70), ("amount_up", 1, 200.25), ("amount_down", 1, -450.50),
        ("pushed_out", 1, -600.00), ("won", 1, -2000.00), ("lost", 1, -3000.00),
        ("vanished", 1, -500.05), ("end", 9, 8552.19)]  # fmt: skip
# Anna: D2 D5 D8 D10 D12 D13 due before (7100.30); D1 D7 D8 D10 D13 due now (5201.30).
ANNA_FLOW = [("start", 6, 7100.30), ("new", 1, 1000.10), ("pulled_in", 1, 700.70),
             ("amount_up", 1, 200.25), ("won", 1, -2000.00), ("vanished", 1, -500.05),
             ("reassigned", 1, -1300.00), ("end", 5, 5201.30)]  # fmt: skip
# Bram: D3 D6 D9 D11 due before (5700.99); D4 D9 D11 D12 due now (3350.89).
BRAM_FLOW = [("start", 4, 5700.99), ("reopened", 1, 400.40), ("amount_down", 1, -450.50),
             ("pushed_out", 1, -600.00), ("lost", 1, -3000.00), ("reassigned", 1, 1300.00),
             ("end", 4, 3350.89)]  # fmt: skip


def rows(deals: list[list[object]]) -> list[list[object]]:
    """Return the export's rows, header first."""
    return [HEADER, *deals]


def write_pair(folder: Path) -> tuple[Path, Path]:
    """Write the earlier export as CSV and the later one as a workbook; return their paths."""
    earlier = folder / "crm_2026-07-10.csv"
    earlier.write_bytes(csv_bytes(rows(EARLIER)))
    later = folder / "crm_2026-07-17.xlsx"
    later.write_bytes(xlsx({"Deals": rows(LATER)}))
    return earlier, later


def datasets() -> tuple[Dataset, Dataset]:
    """Return the earlier and the later export, read."""
    earlier = read_files([("earlier.csv", csv_bytes(rows(EARLIER)))]).dataset()
    later = read_files([("later.xlsx", xlsx({"Deals": rows(LATER)}))]).dataset()
    return earlier, later


def frame(deals: list[list[object]]) -> pd.DataFrame:
    """Return an export's deals as a frame (for tests that change a few cells)."""
    return pd.DataFrame(deals, columns=HEADER)
