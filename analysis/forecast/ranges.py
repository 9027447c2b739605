"""The period's revenue as a range: what is won so far, plus open deals that may still be won.

Each open deal is won or not, on its own, with its probability. For up to `EXACT_DEALS` deals
every outcome is counted, so the distribution is exact; beyond that, `draws` seeded
simulations estimate it. P10, P50 and P90 are the smallest revenues reached with at least a
10%, 50% and 90% chance: "8 in 10 chance between P10 and P90".

Per rep, team and company (`simulated_totals`, `simulated_company`) a group whose revenue still
to come is the sum of many comparable parts is drawn from the normal distribution with the same
mean and variance (mean Σ p·a, variance Σ p(1−p)·a² for open deals; λ·E[a], λ·E[a²] for a
Poisson number λ of new wins), and only the other groups are simulated deal by deal. The
test is the sum's effective number of parts, k = variance² / Σ (each part's a⁴-moment), which
is one over the sum's excess kurtosis (its skewness is about 1/√k): from `NORMAL_FROM` = 25
parts, P10 and P90 taken from the normal are within about 0.02 standard deviations of the
exact ones (Cornish–Fisher), less than the sampling error of 4,000 simulated draws (about 0.03).
Large groups then cost one pass over their deals instead of `draws` passes, and no
deals × draws block is built for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

BLOCK = 1024  # open deals simulated at once (draws × BLOCK uniform numbers in memory)
EXACT_DEALS = 16  # up to this many open deals, every outcome is counted (2^16 of them)
NORMAL_FROM = 25.0  # effective parts of a group from which its total is drawn as a normal
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


def _new_moments(new_deals: tuple[np.ndarray, list[np.ndarray]]) -> np.ndarray:
    """Return per group the mean, variance and fourth moment of the new deals' revenue
    (3 × groups): a Poisson number λ of amounts drawn from a pool has λ·E[a], λ·E[a²], λ·E[a⁴]."""
    rates, pools = new_deals
    out = np.zeros((3, len(rates)))
    for group, (rate, pool) in enumerate(zip(rates, pools, strict=True)):
        if rate > 0 and len(pool):
            out[:, group] = rate * np.array([pool.mean(), (pool**2).mean(), (pool**4).mean()])
    return out


def _open_moments(who: np.ndarray, values: np.ndarray, chances: np.ndarray, groups: int):
    """Return per group the mean, variance and a⁴·p(1−p) sum of the open deals' revenue."""
    spread = chances * (1 - chances) * values**2
    return np.vstack(
        [
            np.bincount(who, values * chances, groups),
            np.bincount(who, spread, groups),
            np.bincount(who, spread * values**2, groups),
        ]
    )


def _normal_enough(moments: np.ndarray) -> np.ndarray:
    """Return per group whether its total is drawn as a normal: no variance (the total is
    certain) or at least `NORMAL_FROM` effective parts."""
    variance, fourth = moments[1], moments[2]
    with np.errstate(divide="ignore", invalid="ignore"):
        parts = np.where(fourth > 0, variance**2 / fourth, np.inf)
    return (variance <= 0) | (parts >= NORMAL_FROM)


def _normals(
    outs: list[np.ndarray], moments: list[np.ndarray], normal: np.ndarray, rng: np.random.Generator
) -> None:
    """Set the `normal` groups' columns of each out (draws × groups) to normal draws of its
    moments' mean and variance (never below 0), the same standard normal numbers for every out."""
    if normal.any():
        z = rng.standard_normal((len(outs[0]), int(normal.sum())))
        for out, m in zip(outs, moments, strict=True):
            out[:, normal] = np.maximum(m[0, normal] + np.sqrt(m[1, normal]) * z, 0.0)


def _to_come(
    who: np.ndarray,
    values: np.ndarray,
    chance_sets: Sequence[np.ndarray],
    new_deals: tuple[np.ndarray, list[np.ndarray]],
    draws: int,
    rng: np.random.Generator,
) -> list[np.ndarray]:
    """Return per set of chances the revenue still to come per group (draws × groups).

    Groups with enough parts (in every set) are drawn as normals, from the same standard
    normal numbers for every set; the others are simulated deal by deal and new deal by new
    deal, from the same uniform numbers for every set.
    """
    rates, pools = new_deals
    groups = len(rates)
    new = _new_moments(new_deals)
    moments = [_open_moments(who, values, c, groups) + new for c in chance_sets]
    normal = np.logical_and.reduce([_normal_enough(m) for m in moments])
    simulated = np.where(normal[who], 0.0, values)
    outs = _open_wins(who, simulated, chance_sets, groups, draws, rng)
    others = _new_wins((np.where(normal, 0.0, rates), pools), draws, rng)
    _normals(outs, moments, normal, rng)
    return [out + others for out in outs]


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
    A group of many parts is drawn as a normal of the same mean and variance.
    """
    rng = np.random.default_rng(seed)
    values = np.nan_to_num(np.asarray(amounts, dtype=float))
    chances = np.clip(np.nan_to_num(np.asarray(chances, dtype=float)), 0.0, 1.0)
    (out,) = _to_come(np.asarray(who, dtype=np.int64), values, [chances], new_deals, draws, rng)
    return out


def simulated_company(
    amounts: np.ndarray,
    chance_sets: Sequence[np.ndarray],
    new_deals: tuple[np.ndarray, list[np.ndarray]],
    draws: int = 4_000,
    seed: int = 0,
) -> list[np.ndarray]:
    """Return for each set of chances the `draws` simulated company revenues still to come.

    Every set meets the same random numbers (and the same new deals), so sets differ only in
    their chances. The new deals' moments add up over the groups (a sum of independent Poisson
    sums), so the company is drawn as a normal when it has enough parts.
    """
    rng = np.random.default_rng(seed)
    values = np.nan_to_num(np.asarray(amounts, dtype=float))
    sets = [np.clip(np.nan_to_num(np.asarray(c, dtype=float)), 0.0, 1.0) for c in chance_sets]
    one = np.zeros(len(values), dtype=np.int64)
    new = _new_moments(new_deals).sum(axis=1, keepdims=True)
    moments = [_open_moments(one, values, c, 1) + new for c in sets]
    if np.logical_and.reduce([_normal_enough(m) for m in moments])[0]:
        outs = [np.zeros((draws, 1)) for _ in sets]
        _normals(outs, moments, np.ones(1, dtype=bool), rng)
        return [out[:, 0] for out in outs]
    won = _open_wins(one, values, sets, 1, draws, rng)
    more = _new_wins(new_deals, draws, rng).sum(axis=1)
    return [w[:, 0] + more for w in won]
