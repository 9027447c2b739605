"""Reverse-funnel planning: what each rep still needs to hit the target of the period ahead.

For the period being planned (the one in progress when the data stops inside it, else the next
one) and each rep with a target:

1. still to win = target − revenue already won in that period;
2. expected from the open pipeline = the value of the open deals expected to close by the end
   of that period (slipped ones included) × the rep's win rate;
3. the gap = still to win − expected from the pipeline (0 when covered);
4. won deals needed = gap ÷ the rep's average deal size, rounded up;
   new deals needed = won deals needed ÷ the rep's win rate, rounded up.

Win rate and deal size are the rep's own over the last `HISTORY` periods, shrunk toward the
team's so that a rep with few closed deals is not planned on luck: the win rate with the
beta-binomial prior of `weak_spots.shrink_rates`, the deal size as if the rep had also won
`SIZE_PRIOR_DEALS` deals of everyone's average size. A rep whose falling win rate is flagged
by the diagnosis (`falling_rates`) is planned on the win rate of the current period instead,
the one the fall was flagged on: a year's rate would promise wins the rep no longer makes.
Each row says which rate it used (`win_rate_basis`: "recent", "history" or "none") and, as a
`Say`, the rate with its window (`win_rate_said`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.diagnosis.diagnose import Diagnosis
from analysis.diagnosis.shrinkage import shrink_rates
from analysis.kpis.query import REP, KpiTable
from analysis.kpis.shown import shown
from analysis.kpis.table import targets_of
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodChoice, PeriodSpec, period_bounds, shift_period
from analysis.pipeline.snapshot import Snapshot
from analysis.words.message import Joined, Say, joined

HISTORY = {"quarter": 4, "month": 12}  # a year of history for the rates
SIZE_PRIOR_DEALS = 5.0
COLUMNS = [
    "rep",
    "team",
    "target",
    "won_so_far",
    "still_to_win",
    "win_rate",
    "win_rate_basis",
    "win_rate_said",
    "own_win_rate",
    "closed_deals",
    "deal_size",
    "won_deals",
    "open_deals",
    "open_value",
    "expected",
    "gap",
    "won_needed",
    "new_needed",
    "usual_new",
    "coverage",
    "status",
]


@dataclass(frozen=True)
class Plan:
    """Per rep what the period ahead still needs, and which periods it is based on."""

    period: str | None  # the period planned for
    target_period: str | None  # the period the targets were taken from
    history: list[str]  # the periods win rate and deal size come from
    reps: pd.DataFrame  # COLUMNS
    recent: str | None = None  # the period of the recent win rates (reps whose rate fell)

    @property
    def note(self) -> Say | Joined:
        """Return what the plan is based on, or why there is none (`plan_note`)."""
        return plan_note(self)


def plan_note(plan: Plan) -> Say | Joined:
    """Return what the plan is based on, or why there is none."""
    if plan.period is None:
        return Say("pipeline.plan.no_periods")
    if plan.target_period is None:
        return Say("pipeline.plan.no_targets")
    first, last = plan.history[0], plan.history[-1]
    basis: Say | Joined = Say("pipeline.plan.basis", period=plan.period, first=first, last=last)
    fell = plan.reps[plan.reps["win_rate_basis"] == "recent"]["rep"] if len(plan.reps) else []
    if len(fell):
        names = joined([str(name) for name in fell], ", ")
        recent = Say("pipeline.plan.recent_basis", names=names, period=plan.recent)
        basis = joined([basis, recent], " ")
    if plan.target_period == plan.period:
        return basis
    used = Say("pipeline.plan.fallback", period=plan.period, used=plan.target_period)
    return joined([used, basis], " ")


def falling_rates(diagnoses: Iterable[Diagnosis]) -> dict[str, float]:
    """Return the reps whose falling win rate is flagged, with their win rate of the period
    it was flagged in (the cause's current value: the KPI `win_rate` of that period)."""
    out = {}
    for d in diagnoses:
        cause = next((c for c in d.causes if c.code == "falling_close_rate"), None)
        if d.scope == "rep" and d.name is not None and cause is not None:
            out[d.name] = cause.after
    return out


def rate_said(basis: str, rate: float, recent: str | None, history: list[str]) -> Say | None:
    """Return the win rate a rep is planned on with its window, to be written where shown."""
    if basis == "none" or not np.isfinite(rate):
        return None
    value = shown("win_rate", rate)
    if basis == "recent":
        return Say("pipeline.plan.rate.recent", rate=value, period=recent)
    return Say("pipeline.plan.rate.history", rate=value, first=history[0], last=history[-1])


def _sums(table: pd.DataFrame, periods: list[str], keys: list[str]) -> pd.DataFrame:
    """Return per rep the sum of each KPI over the periods (0 when the rep has none)."""
    rows = KpiTable(table).rows(REP, periods=periods, kpi=keys)
    wide = rows.pivot_table(index="rep", columns="kpi", values="value", aggfunc="sum",
                            observed=True)  # fmt: skip
    return wide.reindex(columns=keys).fillna(0.0)


def _shrunk_rates(past: pd.DataFrame) -> pd.Series:
    """Return each rep's win rate shrunk toward everyone's (NaN for reps without closed deals)."""
    judged = past[past["closed_deals"] > 0]
    won, closed = judged["won_deals"].to_numpy(), judged["closed_deals"].to_numpy()
    if len(judged) >= 2 and won.sum() > 0:
        return pd.Series(shrink_rates(won, closed)[0], index=judged.index)
    return pd.Series(won / closed, index=judged.index)


def _plan_period(choice: PeriodChoice, spec: PeriodSpec) -> str | None:
    if choice.current is None:
        return None
    if choice.so_far:  # the period in progress: what it still takes to the end of it
        return choice.current
    if choice.partial_period and choice.partial_period != choice.current:
        return choice.partial_period
    return shift_period(choice.current, spec, 1)


def _ceil(value: float) -> float:
    return float(math.ceil(value - 1e-9)) if np.isfinite(value) else np.nan


def _targets(
    data: Dataset, spec: PeriodSpec, period: str, current: str
) -> tuple[pd.DataFrame, str | None]:
    """Return the reps' targets of the planned period (else of the current one) and whose
    period they are; None when neither has a target per rep."""
    for used in (period, current):
        reps = KpiTable(targets_of(data, spec, used)).rows(REP)
        if not (reps.empty or reps["target"].isna().all()):
            reps = reps.dropna(subset=["target"])
            names = {"rep": reps["rep"].astype(str), "team": reps["team"].astype("string")}
            return reps.assign(**names), used
    return pd.DataFrame(), None


def _due(snap: Snapshot, reps: pd.Series, end: pd.Timestamp) -> tuple[np.ndarray, np.ndarray]:
    """Return per rep the number and value of open deals expected to close before `end`."""
    pipe = snap.open[snap.open["expected_close"] < end].groupby("rep")["amount"]
    return (
        pipe.size().reindex(reps).fillna(0).to_numpy(),
        pipe.sum().reindex(reps).fillna(0.0).to_numpy(),
    )


def _needed(
    gap: np.ndarray, size: np.ndarray, win_rate: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Return the won deals the gap takes (rounded up) and the new deals that takes."""
    won = np.array([_ceil(g / s) if s > 0 else np.nan for g, s in zip(gap, size, strict=True)])
    with np.errstate(divide="ignore", invalid="ignore"):
        new = np.array(
            [_ceil(w / r) if r > 0 else np.nan for w, r in zip(won, win_rate, strict=True)]
        )
    return won, new


def _rate_columns(
    shrunk: pd.Series,
    past: pd.DataFrame,
    recent: Mapping[str, float],
    current: str | None,
    periods: list[str],
) -> dict[str, object]:
    """Return per rep (the index of `past`) the win rate planned on, which one it is
    (`win_rate_basis`), it with its window (`win_rate_said`) and the own rate over `periods`."""
    reps = list(past.index)
    year = shrunk.reindex(reps).to_numpy(float)
    fell = np.array([rep in recent for rep in reps], dtype=bool)
    rate = np.where(fell, [recent.get(rep, np.nan) for rep in reps], year).astype(float)
    basis = np.where(fell, "recent", np.where(np.isnan(year), "none", "history"))
    closed, won = past["closed_deals"].to_numpy(), past["won_deals"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        own = np.where(closed > 0, won / np.where(closed > 0, closed, 1), np.nan)
    said = [rate_said(b, r, current, periods) for b, r in zip(basis, rate, strict=True)]
    return {"win_rate": rate, "win_rate_basis": basis, "win_rate_said": said, "own_win_rate": own}


def _gap_columns(
    short: np.ndarray, open_v: np.ndarray, win_rate: np.ndarray, size: np.ndarray
) -> dict[str, np.ndarray]:
    """Return still to win, expected from the open deals, the gap, the deals it takes, the
    coverage and the status of each rep (`short` is target − won so far)."""
    still = np.maximum(short, 0.0)
    expected = open_v * np.nan_to_num(win_rate)
    gap = np.maximum(still - expected, 0.0)
    won_needed, new_needed = _needed(gap, size, win_rate)
    with np.errstate(divide="ignore", invalid="ignore"):
        coverage = np.where(still > 0, open_v / np.where(still > 0, still, 1), np.nan)
    status = np.select(
        [still <= 0, np.isnan(win_rate), gap <= 0], ["target met", "no history", "covered"], "short"
    )
    return {
        "still_to_win": still,
        "expected": expected,
        "gap": gap,
        "won_needed": np.where(gap > 0, won_needed, 0.0),
        "new_needed": np.where(gap > 0, new_needed, 0.0),
        "coverage": coverage,
        "status": status,
    }


def plan(
    data: Dataset,
    table: pd.DataFrame,
    spec: PeriodSpec,
    choice: PeriodChoice,
    snap: Snapshot,
    recent: Mapping[str, float] | None = None,
) -> Plan:
    """Return per rep the revenue still to win in the period ahead and the deals it takes.

    `recent` (`falling_rates`) maps a rep whose falling win rate is flagged to their win rate
    of the current period: they are planned on it, not on the year's.
    """
    period = _plan_period(choice, spec)
    empty = pd.DataFrame(columns=COLUMNS)
    if period is None or choice.current is None:
        return Plan(None, None, [], empty)
    reps, target_period = _targets(data, spec.whole, period, choice.current)
    if target_period is None:
        return Plan(period, None, [], empty)
    start = shift_period(choice.current, spec, 1 - HISTORY[spec.grain])
    periods = [shift_period(start, spec, k) for k in range(HISTORY[spec.grain])]
    past = _sums(table, periods, ["closed_deals", "won_deals", "revenue", "new_deals"])
    rates = _shrunk_rates(past)  # over every rep with closed deals, not only those with targets
    pooled = past["revenue"].sum() / past["won_deals"].sum() if past["won_deals"].sum() else np.nan
    past = past.reindex(reps["rep"]).fillna(0.0)
    closed, won = past["closed_deals"].to_numpy(), past["won_deals"].to_numpy()
    revenue = past["revenue"].to_numpy()
    rate = _rate_columns(rates, past, recent or {}, choice.current, periods)
    win_rate = np.asarray(rate["win_rate"], dtype=float)
    size = (revenue + SIZE_PRIOR_DEALS * pooled) / (won + SIZE_PRIOR_DEALS)
    now = _sums(table, [period], ["revenue"]).reindex(reps["rep"]).fillna(0.0)["revenue"]
    open_n, open_v = _due(snap, reps["rep"], period_bounds(period, spec)[1])
    target = reps["target"].to_numpy(float)
    out = pd.DataFrame(
        {
            "rep": reps["rep"].to_numpy(),
            "team": reps["team"].to_numpy(),
            "target": target,
            "won_so_far": now.to_numpy(),
            **rate,
            "closed_deals": closed,
            "deal_size": size,
            "won_deals": won,
            "open_deals": open_n,
            "open_value": open_v,
            **_gap_columns(target - now.to_numpy(), open_v, win_rate, size),
            "usual_new": past["new_deals"].to_numpy() / len(periods),
        },
        columns=COLUMNS,
    )
    out = out.sort_values(["gap", "rep"], ascending=[False, True], kind="stable")
    return Plan(period, target_period, periods, out.reset_index(drop=True), choice.current)
