"""The revenue range of open deals with known probabilities, worked out by hand."""

from __future__ import annotations

from math import comb

import pytest

from analysis.forecast.ranges import revenue_range


def test_three_deals_give_the_exact_distribution() -> None:
    # €100 (½), €200 (½) and €400 (¼) still open, €1,000 won. The eight outcomes and their
    # chances: 0, 100, 200, 300 at 3/16 each (the €400 deal lost), 400 … 700 at 1/16 each.
    # Cumulative: 0 → 3/16, 100 → 6/16, 200 → 9/16, 300 → 12/16, 400 → 13/16, 500 → 14/16,
    # 600 → 15/16 (the first to reach 90%), 700 → 1.
    landed = revenue_range([100.0, 200.0, 400.0], [0.5, 0.5, 0.25], won_so_far=1000.0)
    assert (landed.p10, landed.p50, landed.p90) == (1000.0, 1200.0, 1600.0)
    assert landed.from_open == pytest.approx(250.0)  # 50 + 100 + 100
    assert landed.expected == pytest.approx(1250.0)


def test_certain_and_hopeless_deals() -> None:
    landed = revenue_range([300.0, 500.0], [1.0, 0.0], won_so_far=50.0)
    assert (landed.p10, landed.p50, landed.p90) == (350.0, 350.0, 350.0)


def test_many_deals_are_simulated_close_to_the_binomial() -> None:
    # 40 deals of €100 at ½: revenue is €100 × Binomial(40, ½); its quantiles worked out from
    # the binomial's own probabilities, independent of the simulation
    def quantile(q: float) -> int:
        total = 0.0
        for k in range(41):
            total += comb(40, k) / 2**40
            if total >= q:
                return k
        return 40

    landed = revenue_range([100.0] * 40, [0.5] * 40, draws=40_000, seed=7)
    assert landed.p10 == pytest.approx(100 * quantile(0.1), abs=100)
    assert landed.p50 == pytest.approx(100 * quantile(0.5), abs=100)
    assert landed.p90 == pytest.approx(100 * quantile(0.9), abs=100)
    assert revenue_range([100.0] * 40, [0.5] * 40, seed=7) == revenue_range(
        [100.0] * 40, [0.5] * 40, seed=7
    )  # seeded: the same answer every time


def test_amounts_and_probabilities_must_pair() -> None:
    with pytest.raises(ValueError, match="amount and a probability"):
        revenue_range([100.0], [0.5, 0.5])
