"""One deal in each category, in two tiny exports built by hand, and the flow worked out by hand.

The period is 2026-Q4 (the later export ends on 30 Sep 2026). Amounts due in Q4 before:
D01 1,000.10 + D02 2,000 + D03 500 + D05 300 + D06 700 + D09 400.40 + D10 900 + D11 250
+ D12 150 + D13 600 + D14 800 + D15 1,200 = 8,800.50 (D04 was lost, D07 due in 2027, D08
closed, D16 due in 2027).
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.changes.compare import compare
from analysis.changes.flow import flow
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec

COLUMNS = [S.DEAL_ID, S.DEAL_NAME, S.ACCOUNT, S.REP, S.TEAM, S.STATUS, S.STAGE, S.AMOUNT,
           S.CLOSE_DATE, S.CREATED_DATE, S.CURRENCY]  # fmt: skip
STAGES = ("Prospecting", "Qualification", "Proposal", "Negotiation")
NOV, Y27 = "2026-11-15", "2027-02-15"

# deal, rep, team, status, stage, amount, close: before (None: absent) and after (None: absent)
DEALS = {
    "new": ("D00", "Ann", "North", None, ("open", "Proposal", 250.0, NOV)),
    "won": (
        "D01",
        "Ann",
        "North",
        ("open", "Negotiation", 1000.10, NOV),
        ("won", "Closed Won", 1000.10, "2026-09-28"),
    ),
    "lost": (
        "D02",
        "Ann",
        "North",
        ("open", "Proposal", 2000.0, NOV),
        ("lost", "Closed Lost", 2000.0, "2026-09-29"),
    ),
    "reopened": (
        "D04",
        "Bob",
        "South",
        ("lost", "Closed Lost", 650.0, "2026-08-01"),
        ("open", "Qualification", 650.0, NOV),
    ),
    "vanished": ("D03", "Bob", "South", ("open", "Proposal", 500.0, NOV), None),
    "pushed_out": (
        "D05",
        "Bob",
        "South",
        ("open", "Proposal", 300.0, NOV),
        ("open", "Proposal", 300.0, Y27),
    ),
    "pulled_in": (
        "D07",
        "Bob",
        "South",
        ("open", "Proposal", 450.0, Y27),
        ("open", "Proposal", 450.0, NOV),
    ),
    "amount_up": (
        "D06",
        "Ann",
        "North",
        ("open", "Proposal", 700.0, NOV),
        ("open", "Proposal", 900.0, NOV),
    ),
    "amount_down": (
        "D09",
        "Ann",
        "North",
        ("open", "Proposal", 400.40, NOV),
        ("open", "Negotiation", 100.0, NOV),
    ),
    "stage_forward": (
        "D10",
        "Ann",
        "North",
        ("open", "Qualification", 900.0, NOV),
        ("open", "Proposal", 900.0, NOV),
    ),
    "stage_back": (
        "D11",
        "Bob",
        "South",
        ("open", "Negotiation", 250.0, NOV),
        ("open", "Proposal", 250.0, NOV),
    ),
    "owner_changed": (
        "D12",
        "Bob",
        "South",
        ("open", "Proposal", 150.0, NOV),
        ("open", "Proposal", 150.0, NOV),
    ),  # Ann's before: see BEFORE_REP
    "unchanged": (
        "D13",
        "Ann",
        "North",
        ("open", "Proposal", 600.0, NOV),
        ("open", "Proposal", 600.0, NOV),
    ),
}
BEFORE_REP = {"D12": ("Ann", "North")}
# history: closed before and gone now (not a move), and deals no move touches the period with
EXTRA_BEFORE = [("D08", "Ann", "North", "won", "Closed Won", 5000.0, "2026-05-05")]
EXTRA_BOTH = [("D14", "Ann", "North", "open", "Proposal", 800.0, NOV),
              ("D15", "Bob", "South", "open", "Proposal", 1200.0, NOV),
              ("D16", "Bob", "South", "open", "Proposal", 999.0, Y27)]  # fmt: skip


def _row(deal: str, rep: str, team: str, state: tuple) -> dict:
    status, stage, amount, close = state
    return dict(zip(COLUMNS, [deal, f"Deal {deal}", f"Account {deal}", rep, team, status, stage,
                              amount, pd.Timestamp(close), pd.Timestamp("2026-01-05"), "EUR"],
                    strict=True))  # fmt: skip


def _export(rows: list[dict], last_day: str) -> Dataset:
    deals = pd.DataFrame(rows, columns=COLUMNS)
    last = pd.DataFrame([_row("Z99", "Ann", "North", ("won", "Closed Won", 0.0, last_day))])
    deals = pd.concat([deals, last.assign(**{S.DEAL_ID: f"Z-{last_day}"})], ignore_index=True)
    return Dataset({S.DEALS: deals}, pd.DataFrame(), [], [])


def exports() -> tuple[Dataset, Dataset]:
    """Return the earlier (ends 23 Sep) and the later export (ends 30 Sep)."""
    before, after = [], []
    for deal, rep, team, was, now in DEALS.values():
        if was is not None:
            before.append(_row(deal, *BEFORE_REP.get(deal, (rep, team)), was))
        if now is not None:
            after.append(_row(deal, rep, team, now))
    before += [_row(d, r, t, (s, g, a, c)) for d, r, t, s, g, a, c in EXTRA_BEFORE + EXTRA_BOTH]
    after += [_row(d, r, t, (s, g, a, c)) for d, r, t, s, g, a, c in EXTRA_BOTH]
    return _export(before, "2026-09-23"), _export(after, "2026-09-30")


@pytest.fixture(scope="module")
def changes():
    before, after = exports()
    return compare([after, before], PeriodSpec("quarter"))  # order comes from the days


def test_each_deal_gets_its_category(changes) -> None:
    got = changes.moves.set_index("deal_id")["category"].astype(str).to_dict()
    want = {deal: category for category, (deal, *_) in DEALS.items()}
    assert {d: got[d] for d in want} == want
    assert got["D14"] == got["D15"] == got["D16"] == "unchanged"
    assert "D08" not in got  # closed before and gone: history, not a move


def test_the_exports_are_put_in_date_order_and_the_period_is_the_next_quarter(changes) -> None:
    assert changes.before == pd.Timestamp("2026-09-23")
    assert changes.after == pd.Timestamp("2026-09-30")
    assert changes.period == "2026-Q4"
    assert changes.window == (pd.Timestamp("2026-10-01"), pd.Timestamp("2026-12-31"))
    assert changes.by == "id"
    assert changes.matched == 14  # D01-D16 but D00 (new), D03 (gone), D08 (history)
    assert changes.unmatched == 0


def test_the_company_flow_is_worked_out_by_hand(changes) -> None:
    got = changes.flows["company"].set_index("part")[["count", "value"]]
    want = {
        "start": (12, 8800.50),
        "new": (1, 250.0),
        "reopened": (1, 650.0),
        "pulled_in": (1, 450.0),
        "amount_up": (1, 200.0),
        "amount_down": (1, -300.40),
        "pushed_out": (1, -300.0),
        "won": (1, -1000.10),
        "lost": (1, -2000.0),
        "vanished": (1, -500.0),
        # 8800.50 + 250 + 650 + 450 + 200 − 300.40 − 300 − 1000.10 − 2000 − 500
        "end": (11, 6250.0),
    }
    assert {p: (int(r["count"]), round(float(r["value"]), 2)) for p, r in got.iterrows()} == want


def test_a_deal_that_changed_owner_moves_between_the_reps_flows(changes) -> None:
    reps = changes.flows["rep"]
    ann = reps[reps["scope"] == "Ann"].set_index("part")["value"].round(2).to_dict()
    bob = reps[reps["scope"] == "Bob"].set_index("part")["value"].round(2).to_dict()
    # Ann before: D01 1000.10, D02 2000, D06 700, D09 400.40, D10 900, D12 150, D13 600, D14 800
    assert ann["start"] == 6550.50
    assert ann["reassigned"] == -150.0
    # Ann now: D00 250, D06 900, D09 100, D10 900, D13 600, D14 800
    assert ann["end"] == 3550.0
    assert bob["reassigned"] == 150.0
    # Bob now: D04 650, D07 450, D11 250, D12 150, D15 1200
    assert bob["end"] == 2700.0
    for scope in (ann, bob):
        parts = sum(v for k, v in scope.items() if k not in ("start", "end"))
        assert round(scope["start"] + parts, 2) == scope["end"]


def test_the_teams_flows_add_up_to_the_company(changes) -> None:
    teams = changes.flows["team"].groupby("part", observed=True)["cents"].sum()
    company = changes.flows["company"].set_index("part")["cents"]
    assert teams["start"] == company["start"]
    assert teams["end"] == company["end"]
    assert teams.get("reassigned", 0) == 0


def test_flow_by_rep_counts_whole_cents() -> None:
    before, after = exports()
    ch = compare([before, after], PeriodSpec("quarter"))
    assert flow(ch.moves)["cents"].dtype.kind == "i"
