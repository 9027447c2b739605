"""The moves planted in the sample's earlier exports, found exactly by `compare`.

`sample_data/snapshots.py` writes the sample's Deals sheet as it stood on 2026-09-16 and on
2026-09-23, and plants what happened between 2026-09-23 and the sample (2026-09-30): Sophie
Bos pushes five deals from 2026-Q4 into 2027 (three of them pushed the week before too), three
deals are pulled in, three grow and three shrink, two go back a stage, one changes hands, one
vanishes, one is reopened, and five closed early. `planted_moves()` is the answer; the flow is
worked out again here from the workbooks' cells with plain pandas.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest

from analysis.changes.compare import Changes, compare
from analysis.changes.states import export_day
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec
from analysis.read.upload import read_files
from sample_data.generate import OUTPUT, build_frames
from sample_data.snapshots import (
    COMPARED,
    DAYS,
    PUSHER,
    earlier_deals,
    planted_moves,
    snapshot_path,
)

FILES = (snapshot_path(DAYS[0]), snapshot_path(DAYS[1]), OUTPUT)
Q4 = (pd.Timestamp("2026-10-01"), pd.Timestamp("2026-12-31"))
CLOSED = ["Closed Won", "Closed Lost"]


@pytest.fixture(scope="module")
def exports() -> list[Dataset]:
    return [read_files([(path.name, path.read_bytes())]).dataset() for path in FILES]


@pytest.fixture(scope="module")
def changes(exports: list[Dataset]) -> Changes:
    found = compare(exports, PeriodSpec("quarter"))
    assert found is not None
    return found


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return build_frames(7)


@pytest.fixture(scope="module")
def sheets(frames: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the Deals sheets compared: on 2026-09-23 and in the sample."""
    return earlier_deals(COMPARED, frames), frames["Deals"]


def test_the_committed_earlier_exports_are_the_generators(frames) -> None:
    for day in DAYS:
        committed = pd.read_excel(snapshot_path(day), sheet_name=None, engine="openpyxl")
        assert list(committed) == ["Deals"]
        expected = earlier_deals(day, frames)
        assert list(committed["Deals"].columns) == list(expected.columns)
        assert committed["Deals"]["Deal ID"].tolist() == expected["Deal ID"].tolist()
        for column in ("Stage", "Sales Rep", "Team"):
            assert committed["Deals"][column].tolist() == expected[column].tolist()
        assert np.array_equal(committed["Deals"]["Amount"], expected["Amount"])
        for column in ("Created Date", "Close Date"):
            assert (committed["Deals"][column].to_numpy() == expected[column].to_numpy()).all()


def test_each_export_is_dated_by_its_last_day(exports: list[Dataset], changes: Changes) -> None:
    days = [pd.Timestamp(d) for d in ("2026-09-16", "2026-09-23", "2026-09-30")]
    assert [export_day(data) for data in exports] == days
    assert list(changes.days) == days
    assert changes.period == "2026-Q4"
    assert changes.window == Q4
    assert changes.by == "id"


def test_every_deal_gets_its_planted_or_derived_category(changes: Changes, sheets) -> None:
    before, after = sheets
    truth = planted_moves()
    found = dict(zip(changes.moves["deal_id"], changes.moves["category"].astype(str), strict=True))
    assert found == truth
    counts = Counter(truth.values())
    planted = {"pushed_out": 5, "pulled_in": 3, "amount_up": 3, "amount_down": 3}
    planted |= {"stage_back": 2, "owner_changed": 1, "vanished": 1, "reopened": 1}
    assert {c: counts[c] for c in planted} == planted
    # the time cut: created after 2026-09-23, or closed in the last week (3 won and 2 lost of
    # them planted as closing earlier than expected)
    assert counts["new"] == (after["Created Date"] > COMPARED).sum() == 23
    last_week = after[after["Stage"].isin(CLOSED) & (after["Close Date"] > COMPARED)]
    assert counts["won"] == (last_week["Stage"] == "Closed Won").sum() == 4
    assert counts["lost"] == (last_week["Stage"] == "Closed Lost").sum() == 20
    assert changes.matched == len(before) - 1  # all but the vanished deal
    assert changes.unmatched == 0


def test_sophie_pushed_five_deals_out_three_of_them_again(changes: Changes) -> None:
    moves = changes.moves
    pushed = moves[moves["category"] == "pushed_out"]
    assert set(pushed["rep"]) == {PUSHER}
    assert (pushed["close_before"].between(*Q4)).all()
    assert (pushed["close_after"] >= pd.Timestamp("2027-01-01")).all()
    # 28,837.16 + 20,078.93 + 6,089.79 + 19,492.17 + 20,971.27
    assert round(pushed["amount_before"].sum(), 2) == 95_469.32
    again = moves.loc[moves["pushed_before"], "deal_id"]
    assert sorted(again) == ["D-003778", "D-003836", "D-003903"]


def test_the_big_cut_and_the_handover(changes: Changes) -> None:
    moves = changes.moves.set_index("deal_id")
    cut = moves.loc["D-003897"]
    assert (cut["amount_before"], cut["amount_after"]) == (19_000.0, 10_546.23)
    assert 1 - cut["amount_after"] / cut["amount_before"] >= 0.4
    handed = moves.loc["D-003857"]
    assert (handed["rep_before"], handed["team_before"]) == ("Julia de Boer", "South")
    assert (handed["rep"], handed["team"]) == ("Mila Peters", "West")
    reps = changes.flows["rep"].set_index(["scope", "part"])["cents"]
    assert reps[("Julia de Boer", "reassigned")] == -862_142  # 8,621.42, due in 2026-Q4
    assert reps[("Mila Peters", "reassigned")] == 862_142


def _due_cents(deals: pd.DataFrame) -> pd.Series:
    """Return each deal's amount in cents when it is open and due in 2026-Q4, else 0."""
    due = ~deals["Stage"].isin(CLOSED) & deals["Close Date"].between(*Q4)
    cents = np.round(deals["Amount"].to_numpy(float) * 100).astype(np.int64)
    return pd.Series(np.where(due, cents, 0), index=deals["Deal ID"])


def test_the_company_flow_adds_up_from_the_truth(changes: Changes, sheets) -> None:
    before, after = sheets
    was, now = _due_cents(before), _due_cents(after)
    truth = pd.Series(planted_moves())
    was, now = was.reindex(truth.index, fill_value=0), now.reindex(truth.index, fill_value=0)
    touched = (was != 0) | (now != 0)
    flowing = ~truth.isin(["unchanged", "stage_forward", "stage_back", "owner_changed"])
    expected = {"start": (int((was != 0).sum()), int(was.sum()))}
    for part, group in (now - was)[touched & flowing].groupby(truth[touched & flowing]):
        expected[part] = (len(group), int(group.sum()))
    expected["end"] = (int((now != 0).sum()), int(now.sum()))
    company = changes.flows["company"]
    found = {p: (int(n), int(c)) for p, n, c in company[["part", "count", "cents"]].to_numpy()}
    assert found == expected
    parts = sum(cents for part, (_, cents) in expected.items() if part not in ("start", "end"))
    assert expected["start"][1] + parts == expected["end"][1]
    # the planted parts, by hand from `MOVES` and the sample's amounts
    assert found["pushed_out"] == (5, -9_546_932)
    assert found["pulled_in"] == (3, 9_656_357)  # 49,274.72 + 20,718.32 + 26,570.53
    assert found["amount_up"] == (3, 712_147)  # 3,788.85 + 1,541.60 + 1,791.02
    assert found["amount_down"] == (3, -1_513_369)  # 8,453.77 + 5,156.18 + 1,523.74
    assert found["won"] == (3, -4_059_713)  # the three won early; the fourth was due 09-30
    assert found["lost"] == (2, -7_370_365)  # 52,345.55 + 21,358.10
    assert found["reopened"] == (1, 1_233_604)
    assert found["vanished"] == (1, -1_640_000)
