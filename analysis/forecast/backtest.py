"""How accurate the forecast would have been: the last complete periods, forecast from their start.

For each of the last `BACKTEST_PERIODS` complete periods the state at its start is rebuilt from
the same export (the deals created before it and not yet closed), a model is trained on what was
known then only, and the period is forecast and compared with what it actually brought in. The
baseline does the same with each rep's win rate before that day applied to their open deals
(and the same new deals), so the two differ only in the chance given to each open deal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.forecast.examples import DealFacts, days_of
from analysis.forecast.landing import Landing, land_both
from analysis.forecast.new_deals import past_periods
from analysis.model.periods import PeriodSpec, period_bounds

BACKTEST_PERIODS = 4
COLUMNS = ["period", "method", "p10", "p50", "p90", "actual", "error", "inside"]
BANDS = np.linspace(0, 1, 11)  # reliability: predicted chance in bands of 10 points


@dataclass(frozen=True)
class Backtest:
    """Past periods forecast from their start, for the model and the baseline, and the deals."""

    periods: pd.DataFrame  # COLUMNS; a row per period and method ("model", "baseline")
    deals: pd.DataFrame  # period, row (of the deals table), chance (model), baseline, won (in
    # time): one row per deal forecast

    def mean_error(self, method: str) -> float | None:
        """Return the method's error: the P50s' absolute misses over the actual revenue, summed
        over the periods (None when untested or nothing was won in them)."""
        rows = self.periods[self.periods["method"] == method]
        actual = float(rows["actual"].sum())
        return float((rows["p50"] - rows["actual"]).abs().sum() / actual) if actual > 0 else None

    def inside(self, method: str) -> tuple[int, int]:
        """Return in how many periods the actual fell inside P10–P90, and of how many."""
        rows = self.periods[self.periods["method"] == method]
        return int(rows["inside"].sum()), len(rows)


def _row(landing: Landing, method: str, actual: float) -> dict:
    p10, p50, p90 = landing.quantiles()[-1]
    error = (p50 - actual) / actual if actual > 0 else np.nan
    return {"period": landing.period, "method": method, "p10": p10, "p50": p50, "p90": p90,
            "actual": actual, "error": error, "inside": bool(p10 <= actual <= p90)}  # fmt: skip


def backtest(facts: DealFacts, spec: PeriodSpec, as_of: float, seed: int = 0) -> Backtest:
    """Return the forecast of each of the last complete periods before `as_of`, and the truth."""
    rows, deals = [], []
    for period in reversed(past_periods(facts, spec, as_of, BACKTEST_PERIODS)):
        start, after = (float(d) for d in days_of(list(period_bounds(period, spec.whole))))
        when = (period, start, after - 1, start - 1)
        both = land_both(facts, spec, when, seed)
        if both is None:
            continue  # too little history before this period to train on
        model, base = both
        won = facts.won & (facts.closed >= start) & (facts.closed < after)
        actual = float(np.nansum(facts.amount[won]))
        rows += [_row(model, "model", actual), _row(base, "baseline", actual)]
        in_time = facts.won[model.rows] & (facts.closed[model.rows] < after)
        deals.append(pd.DataFrame({"period": period, "row": model.rows, "chance": model.chance,
                                   "baseline": model.baseline, "won": in_time}))  # fmt: skip
    if not rows:
        return no_backtest()
    return Backtest(pd.DataFrame(rows, columns=COLUMNS), pd.concat(deals, ignore_index=True))


def no_backtest() -> Backtest:
    """Return a backtest of no periods (too little history, or no created dates)."""
    deals = pd.DataFrame({"period": [], "row": [], "chance": [], "baseline": [], "won": []})
    return Backtest(pd.DataFrame(columns=COLUMNS), deals)


def reliability(deals: pd.DataFrame, column: str = "chance") -> pd.DataFrame:
    """Return per band of predicted chance: the mean predicted, the share won, and the deals."""
    columns = ["band", "predicted", "actual", "deals"]
    if deals.empty:
        return pd.DataFrame(columns=columns)
    chance = deals[column].to_numpy(float)
    band = np.clip(np.digitize(chance, BANDS[1:-1]), 0, len(BANDS) - 2)
    grouped = pd.DataFrame({"band": band, "p": chance, "won": deals["won"].astype(float)}).groupby(
        "band"
    )
    out = grouped.agg(
        predicted=("p", "mean"), actual=("won", "mean"), deals=("p", "size")
    ).reset_index()
    out["band"] = BANDS[out["band"].to_numpy()]
    return out[columns]
