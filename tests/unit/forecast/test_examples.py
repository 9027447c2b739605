"""What a deal looked like on a past day, worked out by hand, and proof that nothing leaks in."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.forecast.examples import FEATURES, days_of, deal_facts, features, open_on
from analysis.model.periods import PeriodSpec
from tests.tables import dataset, frame

QUARTER = PeriodSpec("quarter")
DEALS = frame(
    "deal_id rep team account source amount status stage created_date close_date",
    [
        ("D1", "Ann", "North", "Xeno", "Referral", 1000.0, "won", "Closed Won", "2026-01-05", "2026-02-10"),
        ("D2", "Ann", "North", "Xeno", "Inbound", 2000.0, "lost", "Closed Lost", "2026-01-10", "2026-01-20"),
        ("D3", "Ann", "North", "Ymir", "Inbound", 500.0, "won", "Closed Won", "2026-02-01", "2026-04-10"),
        ("D4", "Bob", "North", "Zeta", "Outbound", 800.0, "open", "Qualification", "2026-03-01", "2026-06-30"),
        ("D5", "Bob", "North", "Xeno", "Inbound", 300.0, "won", "Closed Won", "2025-12-01", "2026-01-15"),
    ],
    dates=("created_date", "close_date"),
)  # fmt: skip
ACTIVITIES = frame(
    "rep date deal_id",
    [("Ann", "2026-01-31", "D1"), ("Ann", "2026-02-20", "D3"), ("Ann", "2026-03-25", "D3"),
     ("Bob", "2026-03-20", "D4")],
    dates=("date",),
)  # fmt: skip
HISTORY = frame(
    "deal_id stage changed_at",
    [("D3", "Prospecting", "2026-02-01"), ("D3", "Proposal", "2026-03-01"),
     ("D4", "Prospecting", "2026-03-01")],
    dates=("changed_at",),
)  # fmt: skip


def _day(text: str) -> float:
    return float(days_of(pd.Series([pd.Timestamp(text)]))[0])


def _on(cut: str, end: str) -> tuple[list[str], np.ndarray]:
    data = dataset(deals=DEALS, activities=ACTIVITIES, stage_history=HISTORY)
    facts = deal_facts(data, QUARTER)
    rows = open_on(facts, _day(cut))
    x = features(facts, rows, np.full(len(rows), _day(cut)), np.full(len(rows), _day(end)))
    ids = facts.deals["deal_id"].iloc[rows].astype(str).tolist()
    return ids, x


def _value(x: np.ndarray, row: int, name: str) -> float:
    return float(x[row, FEATURES.index(name)])


def test_a_quarter_end_by_hand() -> None:
    ids, x = _on("2026-03-31", "2026-06-30")
    assert ids == ["D3", "D4"]  # D1, D2, D5 closed by then; D3 closes on 10 April
    d3, d4 = 0, 1
    assert _value(x, d3, "age") == 58  # 1 Feb → 31 Mar: 28 + 30 days
    assert _value(x, d3, "days_left") == 91  # 31 Mar → 30 Jun
    assert _value(x, d3, "amount") == pytest.approx(np.log1p(500))
    # stages in funnel order: Prospecting 0, Qualification 1, Proposal 2; D3 entered Proposal 1 Mar
    assert (_value(x, d3, "stage"), _value(x, d3, "days_in_stage")) == (2, 30)
    assert (_value(x, d4, "stage"), _value(x, d4, "days_in_stage")) == (0, 30)
    # activities in the 30 days up to the cut: D3's of 25 March (20 Feb is older), D4's of 20 March
    assert (_value(x, d3, "activities_30"), _value(x, d3, "days_since_activity")) == (1, 6)
    assert (_value(x, d4, "activities_30"), _value(x, d4, "days_since_activity")) == (1, 11)
    assert (_value(x, d3, "account_won"), _value(x, d3, "account_lost")) == (0, 0)
    # Ann closed D1 (won) and D2 (lost) before; everyone: D1, D5 won, D2 lost → 2/3.
    # Shrunk as if everyone's rate counted for 20 deals: (1 + 20 × 2/3) / (2 + 20)
    assert _value(x, d3, "rep_rate") == pytest.approx((1 + 20 * 2 / 3) / 22)
    assert _value(x, d4, "rep_rate") == pytest.approx((1 + 20 * 2 / 3) / 21)  # Bob: D5 won


def test_a_deal_closing_on_the_cut_day_counts_as_known() -> None:
    ids, x = _on("2026-01-15", "2026-03-31")
    assert ids == ["D1", "D2"]  # D5 closed on the cut day itself
    # Xeno's D5 was won on 15 January: known on the cut day
    assert [_value(x, r, "account_won") for r in (0, 1)] == [1, 1]
    assert [_value(x, r, "stage") for r in (0, 1)] == [pytest.approx(np.nan, nan_ok=True)] * 2
    assert _value(x, 0, "days_since_activity") == 10  # D1 created 5 Jan, no activity yet


def test_without_history_or_linked_activities_those_features_are_unknown() -> None:
    data = dataset(deals=DEALS)
    facts = deal_facts(data, QUARTER)
    rows = open_on(facts, _day("2026-03-31"))
    x = features(facts, rows, np.full(2, _day("2026-03-31")), np.full(2, _day("2026-06-30")))
    unknown = ["stage", "days_in_stage", "activities_30", "days_since_activity"]
    assert np.isnan(x[:, [FEATURES.index(n) for n in unknown]]).all()
