"""Is a KPI's move real? One test of the current period against a row's own history.

Every period's value is seen as the row's level, plus the row's usual swing from period to
period (τ: a good and a bad quarter, sampling noise included where the caller says so), plus
the sampling noise of the current sample. The usual level is the median of the row's last six
quarters or twelve months (the caller's window), so one odd period (a change that began a
period ago) does not move it. The current value is compared with it by

    z = (current − usual) / √(τ² · (1 + π/2h) + sampling variance of current + of usual)

where h is the number of periods behind the usual level (a median of h values varies about
π/2 times as much as their mean). Sampling variances are binomial for rates, Poisson for
counts and s²/n for means (s² pooled within periods), each at the usual level.

τ² is estimated from the periods of the last two windows by `level_variance`: half the mean
squared step from one period to the next, leaving out the largest step, so that a step in the
level (the change being tested, a start-of-export quarter) does not inflate it. Four to twelve
periods give a rough estimate, so `moderated` blends it (empirical Bayes, as for
gene-expression variances) with a prior, the swing typical of the other reps (`typical_swing`),
as if that were `PRIOR_DF` periods of the rep's own history. The confidence is then read from
a t distribution with the degrees of freedom the estimate is worth (Welch–Satterthwaite), so a
rep who is always up and down needs a bigger move to be flagged than a steady one, and a short
history gives a wide margin.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.special import stdtr  # the t CDF scipy.stats.t.cdf calls (stats: ~1 s to import)

# Half the mean squared step between periods without the largest step, for a steady level with
# normal noise (simulated, 300k each): the factor that makes it unbiased, by number of periods.
# It is worth about 0.66 (n - 2) degrees of freedom.
_STEP_CORRECTION = {
    3: 2.237, 4: 1.93, 5: 1.768, 6: 1.651, 7: 1.581, 8: 1.519, 9: 1.474, 10: 1.434,
    11: 1.406, 12: 1.378, 13: 1.35, 14: 1.334, 15: 1.315, 16: 1.299, 17: 1.286, 18: 1.274,
    19: 1.262, 20: 1.25, 21: 1.243, 22: 1.233, 23: 1.226, 24: 1.219,
}  # fmt: skip
MEDIAN_EFFICIENCY = math.pi / 2  # the median of h values varies about π/2 times their mean
PRIOR_DF = 4.0  # what the team's typical swing is worth, in periods of a rep's own history


@dataclass(frozen=True)
class Shift:
    """The usual level and the current value of a KPI, and how sure the move is real."""

    before: float
    after: float
    n_before: float  # sample behind the usual level (deals, answers; periods for counts)
    n_after: float
    z: float
    confidence: float  # probability the move in the tested direction is not noise

    @property
    def relative(self) -> float:
        """Return after ÷ before − 1 (NaN when before is 0)."""
        return self.after / self.before - 1 if self.before else math.nan


def normal_cdf(x: float) -> float:
    """Return the standard normal probability of a value below x."""
    return 0.5 * math.erfc(-x / math.sqrt(2))


def level_variance(values: np.ndarray, sampling: np.ndarray) -> tuple[float, float]:
    """Return τ², the period-to-period variance beyond `sampling` noise (≥ 0), and its df.

    Half the mean squared change from one period to the next, leaving out the largest change:
    a step in the level (the change being tested, a start-of-export quarter) is one large
    change and is left out, and a slow trend barely counts. `_STEP_CORRECTION` makes it
    unbiased for a steady level with normal noise.
    """
    ok = np.isfinite(values) & np.isfinite(sampling)
    values, sampling = values[ok], sampling[ok]
    n = len(values)
    if n < 2:
        return 0.0, 0.0
    if n == 2:
        spread, df = float(np.var(values, ddof=1)), 1.0
    else:
        steps = np.sort(np.diff(values) ** 2)[:-1]
        correction = _STEP_CORRECTION.get(n, 1 + 5.2 / n)
        spread, df = correction * float(steps.mean()) / 2, 0.66 * (n - 2)
    return max(0.0, spread - float(np.median(sampling))), df


def moderated(
    tau2: float, df: float, prior: float, prior_df: float = PRIOR_DF
) -> tuple[float, float]:
    """Return τ² shrunk towards the team's prior, and the degrees of freedom it is worth.

    (prior_df × prior + df × own) ÷ (prior_df + df): the empirical-Bayes moderated variance,
    so that a row with three periods of history leans on the team and one with eight on itself.
    """
    total = prior_df + max(df, 0.0)
    if total <= 0:
        return tau2, 0.0
    return (prior_df * prior + max(df, 0.0) * tau2) / total, total


def judge_shift(
    before: float,
    before_var: float,
    after: float,
    after_var: float,
    periods: int,
    tau2: float,
    tau_df: float,
    worse: str,
    n_before: float,
    n_after: float,
) -> Shift:
    """Return the shift from the usual level to the current value, tested in the bad direction.

    `before_var` and `after_var` are sampling variances, `tau2` the level noise worth `tau_df`
    degrees of freedom, `periods` the number of periods behind `before`, `worse` "lower" or
    "higher". The level noise is estimated, so z is read from a t distribution whose degrees of
    freedom follow Welch–Satterthwaite: many when sampling noise dominates, few when the
    estimated swing does.
    """
    level = tau2 * (1 + MEDIAN_EFFICIENCY / max(periods, 1))
    var = level + before_var + after_var
    if after == before or var <= 0:
        z = 0.0 if after == before else math.copysign(math.inf, after - before)
        df = math.inf
    else:
        z = (after - before) / math.sqrt(var)
        df = var**2 / (level**2 / tau_df) if level > 0 and tau_df > 0 else math.inf
    tail = -z if worse == "lower" else z
    confidence = (
        normal_cdf(tail) if not math.isfinite(df) else float(stdtr(df, tail))
    )  # df > 0 here
    return Shift(before, after, n_before, n_after, z, confidence)


def typical_swing(levels: np.ndarray, tau2: np.ndarray) -> float | None:
    """Return the pooled relative swing √mean((τ ÷ level)²) over rows; None without any row."""
    ok = np.isfinite(levels) & np.isfinite(tau2) & (np.abs(levels) > 0)
    if not ok.any():
        return None
    return float(np.sqrt(np.mean(tau2[ok] / levels[ok] ** 2)))
