"""The period's revenue as a range: what is won so far, plus open deals that may still be won.

Each open deal is won or not, on its own, with its probability. For up to `EXACT_DEALS` deals
every outcome is counted, so the distribution is exact; beyond that, `draws` seeded
simulations estimate it. P10, P50 and P90 are the smallest revenues reached with at least a
10%, 50% and 90% chance: "8 in 10 chance between P10 and P90".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

BLOCK = 1024  # open deals simulated at once (draws × BLOCK uniform numbers in memory)
EXACT_DEALS = 16  # up to this many open deals, every outcome is counted (2^16 of them)
QUANTILES = (0.1, 0.5, 0.9)


@dataclass(frozen=True)
class Range:
    """Where revenue lands: won so far, the expected total, and its P10, P50 and P90."""

    won_so_far: float
    from_open: float  # the expected revenue still to come from the open deals
    p10: float
    p50: float
    p90: float

    @property
    def expected(self) -> float:
        """Return the expected revenue: won so far plus the open deals' expected wins."""
        return self.won_so_far + self.from_open


def weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    """Return the smallest value whose cumulative probability reaches `q`."""
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order])
    at = int(np.searchsorted(cumulative, q * cumulative[-1] - 1e-12, side="left"))
    return float(values[order][min(at, len(order) - 1)])


def _exact(amounts: np.ndarray, chances: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return every outcome's open revenue and its probability (2^n outcomes)."""
    totals, weights = np.zeros(1), np.ones(1)
    for amount, chance in zip(amounts, chances, strict=True):
        totals = np.concatenate([totals, totals + amount])
        weights = np.concatenate([weights * (1 - chance), weights * chance])
    return totals, weights


def _simulated(
    amounts: np.ndarray, chances: np.ndarray, draws: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return `draws` simulated open revenues, each of equal weight (seeded: repeatable)."""
    rng = np.random.default_rng(seed)
    totals = np.zeros(draws)
    for start in range(0, len(amounts), 256):  # in blocks: memory stays small for 100k deals
        won = rng.random((draws, len(amounts[start : start + 256]))) < chances[start : start + 256]
        totals += won @ amounts[start : start + 256]
    return totals, np.ones(draws)


def revenue_range(
    amounts: Sequence[float],
    probabilities: Sequence[float],
    won_so_far: float = 0.0,
    draws: int = 20_000,
    seed: int = 0,
) -> Range:
    """Return where revenue lands when each open deal is won with its probability."""
    values = np.nan_to_num(np.asarray(amounts, dtype=float))
    chances = np.clip(np.nan_to_num(np.asarray(probabilities, dtype=float)), 0.0, 1.0)
    if len(values) != len(chances):
        raise ValueError("every open deal needs an amount and a probability")
    if len(values) <= EXACT_DEALS:
        totals, weights = _exact(values, chances)
    else:
        totals, weights = _simulated(values, chances, draws, seed)
    p10, p50, p90 = (won_so_far + weighted_quantile(totals, weights, q) for q in QUANTILES)
    return Range(float(won_so_far), float(values @ chances), p10, p50, p90)


def _open_wins(
    who: np.ndarray,
    values: np.ndarray,
    chance_sets: Sequence[np.ndarray],
    groups: int,
    draws: int,
    rng: np.random.Generator,
) -> list[np.ndarray]:
    """Return per set of chances the simulated won amounts of the open deals (draws × groups).

    Deals are taken group by group, in blocks of `BLOCK`, each block meeting one array of
    uniform numbers that every set of chances shares; deals worth nothing or without a chance
    in any set add nothing and are left out.
    """
    outs = [np.zeros((draws, groups)) for _ in chance_sets]
    alive = (values > 0) & np.vstack([c > 0 for c in chance_sets]).any(axis=0)
    rows = np.flatnonzero(alive)
    rows = rows[np.argsort(who[rows], kind="stable")]
    bounds = np.searchsorted(who[rows], np.arange(groups + 1))
    for group in range(groups):
        mine = rows[bounds[group] : bounds[group + 1]]
        for start in range(0, len(mine), BLOCK):
            part = mine[start : start + BLOCK]
            uniform = rng.random((draws, len(part)), dtype=np.float32)
            for out, chances in zip(outs, chance_sets, strict=True):
                won = uniform < chances[part].astype(np.float32)
                out[:, group] += np.einsum("dj,j->d", won, values[part])  # fast bool @
    return outs


def _new_wins(
    new_deals: tuple[np.ndarray, list[np.ndarray]], draws: int, rng: np.random.Generator
) -> np.ndarray:
    """Return the simulated revenue of deals not created yet (draws × groups): a Poisson number
    of them per group, each worth an amount drawn from the group's pool."""
    rates, pools = new_deals
    out = np.zeros((draws, len(rates)))
    for group, (rate, pool) in enumerate(zip(rates, pools, strict=True)):
        if rate <= 0 or not len(pool):
            continue
        counts = rng.poisson(rate, draws)
        picked = rng.choice(pool, int(counts.sum()))
        out[:, group] = np.bincount(np.repeat(np.arange(draws), counts), picked, draws)
    return out


def simulated_totals(
    who: np.ndarray,
    amounts: np.ndarray,
    chances: np.ndarray,
    new_deals: tuple[np.ndarray, list[np.ndarray]],
    draws: int = 4_000,
    seed: int = 0,
) -> np.ndarray:
    """Return `draws` simulated revenues still to come per group (draws × groups).

    Open deal i (of group `who[i]`) is won with `chances[i]`; group g also wins a Poisson number
    of new deals with mean `new_deals[0][g]`, each with an amount drawn from `new_deals[1][g]`.
    """
    rng = np.random.default_rng(seed)
    values = np.nan_to_num(np.asarray(amounts, dtype=float))
    groups = len(new_deals[0])
    (won,) = _open_wins(np.asarray(who), values, [np.asarray(chances)], groups, draws, rng)
    return won + _new_wins(new_deals, draws, rng)


def simulated_company(
    amounts: np.ndarray,
    chance_sets: Sequence[np.ndarray],
    new_deals: tuple[np.ndarray, list[np.ndarray]],
    draws: int = 4_000,
    seed: int = 0,
) -> list[np.ndarray]:
    """Return for each set of chances the `draws` simulated company revenues still to come.

    Every set meets the same random numbers (and the same new deals), so sets differ only in
    their chances.
    """
    rng = np.random.default_rng(seed)
    values = np.nan_to_num(np.asarray(amounts, dtype=float))
    one = np.zeros(len(values), dtype=np.int64)
    won = _open_wins(one, values, [np.asarray(c) for c in chance_sets], 1, draws, rng)
    new = _new_wins(new_deals, draws, rng).sum(axis=1)
    return [w[:, 0] + new for w in won]
