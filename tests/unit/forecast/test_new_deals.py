"""New deals still to be created and won, and the split of the expected revenue, by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.forecast.examples import days_of, deal_facts
from analysis.forecast.landing import groups_of
from analysis.forecast.new_deals import new_deal_wins
from analysis.forecast.outlook import forecast
from analysis.forecast.ranges import simulated_totals
from analysis.model.periods import PeriodSpec
from tests.tables import dataset, frame

QUARTER = PeriodSpec("quarter")
# Ann's deals in 2025-Q4 and 2026-Q1; the first one starts the data on 1 October 2025.
DEALS = frame(
    "deal_id rep team amount status created_date close_date",
    [
        ("A0", "Ann", "North", 700.0, "lost", "2025-10-01", "2025-10-20"),
        ("A1", "Ann", "North", 1000.0, "won", "2025-10-10", "2025-11-20"),
        ("A2", "Ann", "North", 900.0, "won", "2025-12-20", "2026-01-05"),  # won the next quarter
        ("A3", "Ann", "North", 2000.0, "won", "2026-01-10", "2026-02-01"),
        ("A4", "Ann", "North", 4000.0, "won", "2026-02-02", "2026-03-03"),
        ("A5", "Ann", "North", 500.0, "won", "2026-03-15", "2026-03-28"),
    ],
    dates=("created_date", "close_date"),
)


def _day(text: str) -> float:
    return float(days_of(pd.Series([pd.Timestamp(text)]))[0])


def _new(as_of: str, end: str) -> tuple[float, float]:
    facts = deal_facts(dataset(deals=DEALS), QUARTER)
    new = new_deal_wins(facts, groups_of(facts), 3, QUARTER, _day(as_of), _day(end))
    return float(new.rates[0]), float(new.expected[0])


def test_a_whole_quarter_ahead() -> None:
    # 91 days left: deals created in a quarter's last 91 days and won in it. 2025-Q4: A1 (A2 was
    # won in January); 2026-Q1: A3, A4, A5. Two quarters with deals made: 4 / 2 = 2 a quarter.
    # Four amounts (fewer than five): all wins made and won in those quarters, the same four,
    # mean (1000 + 2000 + 4000 + 500) / 4 = 1875.
    rate, expected = _new("2026-03-31", "2026-06-30")
    assert rate == pytest.approx(2.0)
    assert expected == pytest.approx(2.0 * 1875)


def test_the_last_30_days_of_a_quarter() -> None:
    # 30 days left: created in the last 30 days of a quarter and won in it: 2026-Q1's A5 only
    # (A2, made 20 December, was won in January). 1 / 2 quarters; amounts from all four wins.
    rate, expected = _new("2026-05-31", "2026-06-30")
    assert rate == pytest.approx(0.5)
    assert expected == pytest.approx(0.5 * 1875)


def test_new_wins_are_a_poisson_number_of_deals() -> None:
    # 2 new wins expected, each worth 100: P(0) = e⁻² = 0.135 ≥ 0.1, so P10 = 0;
    # P(≤1) = 0.406, P(≤2) = 0.677: P50 = 200; P(≤3) = 0.857, P(≤4) = 0.947: P90 = 400.
    draws = simulated_totals(
        np.empty(0, int), np.empty(0), np.empty(0), (np.array([2.0]), [np.array([100.0])]), 20_000
    )
    assert draws.mean() == pytest.approx(200, rel=0.03)
    assert np.quantile(draws[:, 0], [0.1, 0.5, 0.9], method="inverted_cdf").tolist() == [
        0,
        200,
        400,
    ]


def test_the_expected_revenue_splits_into_won_open_and_new() -> None:
    # 2026-Q2 forecast on 2 May (the data's last day): B1 (€300) won that day, B2 (€800) open. Too little
    # history for a model: B2's chance is Ann's win rate before, shrunk.
    more = frame(
        "deal_id rep team amount status created_date close_date",
        [("B1", "Ann", "North", 300.0, "won", "2026-04-01", "2026-05-02"),
         ("B2", "Ann", "North", 800.0, "open", "2026-04-20", "2026-06-20")],
        dates=("created_date", "close_date"),
    )  # fmt: skip
    fc = forecast(dataset(deals=pd.concat([DEALS, more], ignore_index=True)), QUARTER)
    assert fc is not None
    assert fc.period == "2026-Q2"
    assert fc.method == "baseline"
    company = fc.company
    assert company["won_so_far"] == pytest.approx(300.0)
    chance = fc.deals.loc[0, "probability"]
    # closed by 2 May: A0 lost, A1–A5 and B1 won: 6 of 7 (Ann is everyone)
    assert chance == pytest.approx((6 + 20 * 6 / 7) / (7 + 20))
    assert company["from_open"] == pytest.approx(800 * chance)
    # 59 days left (2 May → 30 Jun): made in the last 59 days of 2026-Q1 and won in it: A4, A5;
    # of 2025-Q4: none (A2 was won in January). 2 / 2 quarters × 1875 (the four wins' mean)
    assert company["from_new"] == pytest.approx(1875.0)
    assert company["expected"] == pytest.approx(300 + 800 * chance + 1875)
    assert company["p10"] <= company["p50"] <= company["p90"]
