"""Where one period lands, forecast from one day: every open deal's chance, new deals, the range.

Used twice: for the period ahead of the data's last day (`outlook.py`), and for each past period
of the backtest (`backtest.py`), rebuilt from what the same export knew at that period's start.
Revenue is grouped per rep (deals without a rep per team, then the company), and the simulated
outcomes are added up per rep, team and company from the same draws, so a team's range is the
range of its reps' sum, not the sum of their ranges.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analysis.forecast.chances import Chances, fit
from analysis.forecast.examples import FEATURES, DealFacts, examples, features, open_on
from analysis.forecast.new_deals import NewDeals, new_deal_wins
from analysis.forecast.ranges import QUANTILES, simulated_company, simulated_totals
from analysis.model.periods import PeriodSpec

DRAWS = 4_000
BACKTEST_DRAWS = 2_000  # the backtest needs the company's P10, P50 and P90 only


@dataclass(frozen=True)
class Landing:
    """One forecast: the open deals with their chances, the new deals, and the outcomes drawn."""

    period: str
    as_of: float  # day number the forecast is made on
    end: float  # the period's last day number
    rows: np.ndarray  # the open deals (rows of the deals table)
    x: np.ndarray  # their features on `as_of`
    chance: np.ndarray  # the model's chance (the baseline's when there is no model)
    baseline: np.ndarray  # the rep's win rate before `as_of`
    chances: Chances | None  # the model, when one could be trained
    won_so_far: np.ndarray  # per stacked row (reps, teams, company)
    new: NewDeals  # per group
    draws: np.ndarray  # draws × stacked rows: revenue still to come

    def quantiles(self) -> np.ndarray:
        """Return P10, P50 and P90 of revenue per stacked row (rows × 3)."""
        landed = self.draws + self.won_so_far
        return np.quantile(landed, QUANTILES, axis=0, method="inverted_cdf").T


def groups_of(facts: DealFacts) -> np.ndarray:
    """Return each deal's group: its rep; without a rep, its team; without either, the company."""
    reps, teams = len(facts.reps), len(facts.teams)
    return np.where(
        facts.rep >= 0, facts.rep, np.where(facts.team >= 0, reps + facts.team, reps + teams)
    )


def membership(facts: DealFacts) -> np.ndarray:
    """Return the groups × stacked rows matrix: 1 where a group's revenue counts for a row."""
    reps, teams = len(facts.reps), len(facts.teams)
    size = reps + teams + 1
    out = np.zeros((size, size))
    out[np.arange(size), np.arange(size)] = 1.0
    team = facts.rep_team[:reps]
    out[np.flatnonzero(team >= 0), reps + team[team >= 0]] = 1.0
    out[:, -1] = 1.0
    return out


def stacked(per_group: np.ndarray, facts: DealFacts) -> np.ndarray:
    """Return `per_group @ membership(facts)` (draws × groups → draws × stacked rows), cheaply."""
    reps, teams = len(facts.reps), len(facts.teams)
    out = per_group.copy()
    team = facts.rep_team[:reps]
    has = np.flatnonzero(team >= 0)
    to_team = np.zeros((len(has), teams))
    to_team[np.arange(len(has)), team[has]] = 1.0
    out[:, reps : reps + teams] += per_group[:, has] @ to_team
    out[:, -1] = per_group.sum(axis=1)
    return out


def won_between(facts: DealFacts, start: float, as_of: float) -> np.ndarray:
    """Return per stacked row the revenue won from day `start` to `as_of` (both included)."""
    size = len(facts.reps) + len(facts.teams) + 1
    won = facts.won & (facts.closed >= start) & (facts.closed <= as_of)
    per_group = np.bincount(groups_of(facts)[won], np.nan_to_num(facts.amount[won]), size)
    return per_group @ membership(facts)


def _open(facts: DealFacts, spec: PeriodSpec, when: tuple, chances: Chances | None) -> tuple:
    """Return the open deals on the as-of day, their features, baseline and chance, new deals."""
    _, _, end, as_of = when
    rows = open_on(facts, as_of)
    x = features(facts, rows, np.full(len(rows), as_of), np.full(len(rows), end))
    baseline = np.nan_to_num(x[:, FEATURES.index("rep_rate")], nan=0.0)
    chance = baseline if chances is None else chances.predict(x)
    size = len(facts.reps) + len(facts.teams) + 1
    new = new_deal_wins(facts, groups_of(facts), size, spec, as_of, end)
    return rows, x, baseline, chance, new


def land(
    facts: DealFacts,
    spec: PeriodSpec,
    when: tuple[str, float, float, float],
    use_model: bool = True,
    seed: int = 0,
) -> Landing:
    """Return the forecast of period `when` = (label, first day, last day, as-of day)."""
    period, start, end, as_of = when
    chances = fit(examples(facts, spec, as_of), seed) if use_model else None
    rows, x, baseline, chance, new = _open(facts, spec, when, chances)
    group = groups_of(facts)
    totals = simulated_totals(
        group[rows], facts.amount[rows], chance, (new.rates, new.pools), DRAWS, seed
    )
    won = won_between(facts, start, as_of)
    return Landing(
        period, as_of, end, rows, x, chance, baseline, chances, won, new, stacked(totals, facts)
    )


def land_both(
    facts: DealFacts, spec: PeriodSpec, when: tuple[str, float, float, float], seed: int = 0
) -> tuple[Landing, Landing] | None:
    """Return the company's forecast of period `when` by the model and by the baseline (None:
    no model could be trained). As `land` gives them, from the same draws, but `draws` and
    `won_so_far` hold the company only: what a backtest compares with the actual."""
    period, start, end, as_of = when
    chances = fit(examples(facts, spec, as_of), seed)
    if chances is None:
        return None
    rows, x, baseline, chance, new = _open(facts, spec, when, chances)
    model, base = simulated_company(
        facts.amount[rows], [chance, baseline], (new.rates, new.pools), BACKTEST_DRAWS, seed
    )
    won = won_between(facts, start, as_of)[-1:]
    return (
        Landing(period, as_of, end, rows, x, chance, baseline, chances, won, new, model[:, None]),
        Landing(period, as_of, end, rows, x, baseline, baseline, None, won, new, base[:, None]),
    )
