"""Three weekly snapshots of a real (public, synthetic) CRM export: Dunder Mifflin RevOps.

The expectations are worked out from the CSV files with plain pandas, not from the code.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.changes import sentences as W
from analysis.changes.compare import compare
from analysis.changes.signals import findings
from analysis.model.periods import PeriodSpec
from analysis.read.upload import read_files

FOLDER = Path(__file__).parents[2] / "data" / "dunder-mifflin-snapshots"
DAYS = ("2025-05-26", "2025-06-02", "2025-06-09")
FIRST, LAST = pd.Timestamp("2025-04-01"), pd.Timestamp("2025-06-30")


def _file(day: str) -> Path:
    return FOLDER / f"deals_{day}.csv"


@pytest.fixture(scope="module")
def changes():
    exports = [read_files([(_file(d).name, _file(d).read_bytes())]).dataset() for d in DAYS]
    return compare(exports[::-1], PeriodSpec("quarter"))  # any order: the dates decide


def _raw(day: str) -> pd.DataFrame:
    frame = pd.read_csv(_file(day), parse_dates=["close_date"]).set_index("deal_id")
    frame["open"] = ~frame["stage"].isin(["Closed Won", "Closed Lost"])
    frame["due"] = frame["open"] & frame["close_date"].between(FIRST, LAST)
    return frame


def test_the_export_days_come_from_the_snapshot_column(changes) -> None:
    assert changes.days == tuple(pd.Timestamp(d) for d in DAYS)
    assert changes.period == "2025-Q2"
    assert changes.by == "id"


def test_the_flow_starts_and_ends_with_what_each_export_has_due(changes) -> None:
    before, after = _raw(DAYS[1]), _raw(DAYS[2])
    flow = changes.flows["company"].set_index("part")
    assert flow.loc["start", "value"] == before.loc[before["due"], "amount"].sum()
    assert flow.loc["end", "value"] == after.loc[after["due"], "amount"].sum()
    assert (
        flow.loc["start", "cents"] + flow["cents"].drop(["start", "end"]).sum()
        == flow.loc["end", "cents"]
    )


def test_the_deals_in_each_category_are_the_ones_the_files_show(changes) -> None:
    before, after = _raw(DAYS[1]), _raw(DAYS[2])
    both = before.merge(after, left_index=True, right_index=True, suffixes=("_b", "_a"))
    got = changes.moves.groupby("category", observed=True)["deal_id"].apply(set).to_dict()
    assert got.get("new", set()) == set(after.index) - set(before.index)
    assert got["vanished"] == set(before[before["open"]].index) - set(after.index)
    won = both[(both["stage_a"] == "Closed Won") & (both["stage_b"] != "Closed Won")]
    assert got["won"] == set(won.index)
    still = both[both["open_b"] & both["open_a"]]
    assert got["pushed_out"] == set(still[still["due_b"] & ~still["due_a"]].index)
    assert got["pulled_in"] == set(still[~still["due_b"] & still["due_a"]].index)


def test_the_findings_are_written_in_both_languages(changes) -> None:
    said = findings(changes)
    pushed = [f for f in said if f.code == "pushed"]
    assert pushed, "owners pushed deals out of 2025-Q2 in the last week"
    for lang in ("en", "nl"):
        assert all(W.finding(f, changes, "USD").text(lang) for f in said)
    assert W.finding(pushed[0], changes, "USD").text("en").endswith("out of 2025-Q2.")
