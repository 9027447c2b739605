"""The revenue range of open deals with known probabilities, worked out by hand."""

from __future__ import annotations

from math import comb

import numpy as np
import pytest

from analysis.forecast.ranges import revenue_range, simulated_totals


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


def test_a_rep_of_many_deals_is_drawn_as_a_normal_close_to_the_binomial() -> None:
    # One rep, 400 open deals of €1,000 at ½: €1,000 × Binomial(400, ½), 400 effective parts
    # (over NORMAL_FROM), so drawn as a normal. The binomial's own quantiles: 187, 200 and 213
    # wins (mean 200, sd 10). A second rep of 4 deals is still simulated deal by deal: its
    # 4,000 draws are €1,000 × Binomial(4, ½), so only whole thousands from 0 to 4,000.
    def quantile(n: int, q: float) -> int:
        total = 0.0
        for k in range(n + 1):
            total += comb(n, k) / 2**n
            if total >= q:
                return k
        return n

    who = np.array([0] * 400 + [1] * 4)
    none = (np.zeros(2), [np.empty(0), np.empty(0)])  # no new deals
    draws = simulated_totals(who, np.full(404, 1000.0), np.full(404, 0.5), none, 40_000, seed=3)
    big = np.quantile(draws[:, 0], [0.1, 0.5, 0.9])
    assert big.tolist() == pytest.approx(
        [1000 * quantile(400, q) for q in (0.1, 0.5, 0.9)], abs=700
    )
    assert len(np.unique(draws[:, 0])) > 1000  # continuous: drawn, not counted in deals
    assert set(np.unique(draws[:, 1])) <= {0.0, 1000.0, 2000.0, 3000.0, 4000.0}
    assert draws[:, 1].mean() == pytest.approx(2000, rel=0.02)
