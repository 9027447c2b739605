"""Two earlier exports of the sample's Deals sheet (2026-09-16 and 2026-09-23), with planted moves.

Each earlier export is the sample's Deals sheet as it stood on its day (seed 7): deals created
later are absent; a deal closed later is still open, at the last stage the Stage History says
it had entered by then, with its close date as the expected close. On top of that, `MOVES`
plants what happened between the 2026-09-23 export and the sample (2026-09-30, the period
compared is 2026-Q4), and `ON_16` where a deal stood a week earlier still: Sophie Bos pushes
five deals from 2026-Q4 into 2027, three of them for the second time. `VANISHED` is a deal
only the earlier exports hold. `planted_moves` is the answer a comparison must find.

`python -m sample_data.generate` writes the two workbooks next to the sample.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sample_data.generate import LAST_WEEK_PUSH, OPEN_STAGES, OUTPUT, build_frames, write_sheets

SEED = 7  # the plants name deals of seed 7's sample
DAYS = (pd.Timestamp("2026-09-16"), pd.Timestamp("2026-09-23"))
COMPARED = DAYS[-1]  # the export the sample (2026-09-30) is compared with
CLOSED = ("Closed Won", "Closed Lost")
PUSHER = "Sophie Bos"
PUSHED_LAST = LAST_WEEK_PUSH[SEED][0]  # the sample's only cell set for these plants

# deal → (its category between 2026-09-23 and the sample, its Deals cells on 2026-09-23 where
# they differ from the sample). Every deal is one created by 2026-09-16 unless said otherwise,
# open and due in 2026-Q4 in the sample, and its stage did not move in the Stage History
# between the two days: the planted cells are its only change.
# fmt: off
MOVES: dict[str, tuple[str, dict[str, object]]] = {
    # Sophie Bos pushes five deals out of 2026-Q4: the sample has them in 2027
    "D-003778": ("pushed_out", {"Close Date": "2026-12-11"}),  # 2027-04-14 now
    "D-003836": ("pushed_out", {"Close Date": "2026-12-18"}),  # 2027-01-04 now
    PUSHED_LAST: ("pushed_out", {"Close Date": "2026-11-27"}),  # 2027-01-15 now
    "D-003998": ("pushed_out", {"Close Date": "2026-12-04"}),  # created 09-21; 2027-01-04 now
    "D-004008": ("pushed_out", {"Close Date": "2026-12-16"}),  # created 09-23; 2027-02-08 now
    # pulled into 2026-Q4 from 2027
    "D-003911": ("pulled_in", {"Close Date": "2027-01-29"}),
    "D-003792": ("pulled_in", {"Close Date": "2027-01-15"}),
    "D-003940": ("pulled_in", {"Close Date": "2027-01-08"}),
    # the same close date, a bigger or a smaller amount
    "D-003946": ("amount_up", {"Amount": 26500.0}),
    "D-003917": ("amount_up", {"Amount": 11500.0}),
    "D-003958": ("amount_up", {"Amount": 9800.0}),
    "D-003897": ("amount_down", {"Amount": 19000.0}),  # Noah Meijer cuts it by 44.5%
    "D-003970": ("amount_down", {"Amount": 58000.0}),
    "D-003919": ("amount_down", {"Amount": 14200.0}),
    # a later stage on 2026-09-23 than now (stages forward come from the Stage History)
    "D-003914": ("stage_back", {"Stage": "Negotiation"}),
    "D-003936": ("stage_back", {"Stage": "Proposal"}),
    # Julia de Boer (South) handed a deal to Mila Peters (West)
    "D-003857": ("owner_changed",
                 {"Sales Rep": "Julia de Boer", "Team": "South", "Region": "Zeeland"}),
    # lost on 2026-09-22, open again now
    "D-003894": ("reopened", {"Stage": "Closed Lost", "Close Date": "2026-09-22"}),
    # closed in the last week, earlier than expected: due in 2026-Q4 on 2026-09-23
    "D-003925": ("won", {"Close Date": "2026-10-16"}),
    "D-003895": ("won", {"Close Date": "2026-10-30"}),
    "D-003935": ("won", {"Close Date": "2026-11-13"}),
    "D-003738": ("lost", {"Close Date": "2026-10-30"}),
    "D-003908": ("lost", {"Close Date": "2026-10-23"}),
}
# fmt: on
# Deals cells on 2026-09-16 where they differ from 2026-09-23: Sophie Bos's first pushes (each
# due later on 09-23 than on 09-16), and the reopened deal, still open before it was lost.
ON_16: dict[str, dict[str, object]] = {
    "D-003778": {"Close Date": "2026-11-13"},
    "D-003836": {"Close Date": "2026-11-20"},
    PUSHED_LAST: {"Close Date": "2026-10-26"},
    "D-003894": {"Stage": "Negotiation", "Close Date": "2026-10-06"},
}
PUSHED_TWICE = tuple(ON_16)[:3]
# open in both earlier exports, gone from the sample: an id the sample never uses
VANISHED: dict[str, object] = {
    "Deal ID": "D-009001",
    "Deal Name": "Redwood Consulting - Professional",
    "Account": "Redwood Consulting",
    "Sales Rep": "Liam Mulder",
    "Team": "West",
    "Region": "Zuid-Holland",
    "Stage": "Qualification",
    "Amount": 16400.0,
    "Currency": "EUR",
    "Created Date": pd.Timestamp("2026-09-02"),
    "Close Date": pd.Timestamp("2026-11-13"),
    "Source": "Outbound",
    "Product": "Professional",
}


def snapshot_path(day: pd.Timestamp) -> Path:
    """Return where the export of `day` is written: next to the sample, its day in the name."""
    return OUTPUT.with_name(f"{OUTPUT.stem}_{day:%Y-%m-%d}{OUTPUT.suffix}")


def _stage_on(history: pd.DataFrame, day: pd.Timestamp) -> pd.Series:
    """Return the last stage each deal had entered by `day` (indexed by deal id)."""
    seen = history[history["Changed On"] <= day]
    return seen.groupby("Opportunity ID", sort=False)["Stage"].last()


def _cells(day: pd.Timestamp) -> dict[str, dict[str, object]]:
    """Return the planted cells of each deal on `day` (one of `DAYS`)."""
    cells = {deal_id: dict(changes) for deal_id, (_, changes) in MOVES.items()}
    if day < COMPARED:
        for deal_id, changes in ON_16.items():
            cells[deal_id] |= changes
    return cells


def earlier_deals(day: pd.Timestamp, frames: dict[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """Return the Deals sheet as it stood on `day` (one of `DAYS`), with the planted moves.

    `frames` is `build_frames(SEED)` when the caller has it already.
    """
    frames = frames if frames is not None else build_frames(SEED)
    deals = frames["Deals"]
    out = deals[deals["Created Date"] <= day].copy()
    still_open = ~(out["Stage"].isin(CLOSED) & (out["Close Date"] <= day))
    stage = out.loc[still_open, "Deal ID"].map(_stage_on(frames["Stage History"], day))
    if stage.isna().any():  # every deal enters Prospecting on its created date
        raise ValueError("a deal without a stage in the Stage History")
    out.loc[still_open, "Stage"] = stage
    for deal_id, changes in _cells(day).items():
        row = out["Deal ID"] == deal_id
        for column, value in changes.items():
            out.loc[row, column] = pd.Timestamp(value) if column.endswith("Date") else value
    if VANISHED["Created Date"] <= day:
        out = pd.concat([out, pd.DataFrame([VANISHED]).astype(out.dtypes)], ignore_index=True)
    return out.reset_index(drop=True)


def planted_moves() -> dict[str, str]:
    """Return the category of every deal between the 2026-09-23 export and the sample (id → code).

    The planted deals have theirs (`MOVES`, `VANISHED`); every other deal follows the time
    cut: new when created after 2026-09-23, won or lost when it closed after that day, stage
    forward when the Stage History moved it on, else unchanged.
    """
    frames = build_frames(SEED)
    before = earlier_deals(COMPARED, frames).set_index("Deal ID")["Stage"]
    after = frames["Deals"].set_index("Deal ID")["Stage"]
    step = {name: i for i, name in enumerate(OPEN_STAGES)}
    truth = {VANISHED["Deal ID"]: "vanished"}
    for deal_id, now in after.items():
        then = before.get(deal_id)
        if deal_id in MOVES:
            truth[deal_id] = MOVES[deal_id][0]
        elif then is None:
            truth[deal_id] = "new"
        elif now in CLOSED and then not in CLOSED:
            truth[deal_id] = "won" if now == "Closed Won" else "lost"
        elif now not in CLOSED and step[now] > step[then]:
            truth[deal_id] = "stage_forward"
        else:
            truth[deal_id] = "unchanged"
    return truth


def write_snapshots() -> list[Path]:
    """Write the two earlier exports (a Deals sheet each) and return their paths, oldest first."""
    frames = build_frames(SEED)
    return [write_sheets(snapshot_path(day), {"Deals": earlier_deals(day, frames)}) for day in DAYS]


if __name__ == "__main__":
    for path in write_snapshots():
        print(f"wrote {path}")
