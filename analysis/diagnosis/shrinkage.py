"""Small-sample honesty: each rep's value pulled towards the team's as far as their sample warrants.

Empirical Bayes: the spread of the reps' true values is estimated from the spread of their
observed values minus what sampling alone explains, and each rep's value is shrunk towards the
team's by how little their own sample says. A rep with 3 closed deals and 0 wins is never
"the worst closer".

- Rates (win rate, a stage's conversion): a beta-binomial model; the rep's shrunk rate is
  (won + α) ÷ (closed + α + β) and the confidence is the posterior probability that their true
  rate is below the team's.
- Counts per period (new deals, activities): a gamma-Poisson model, the same way.
- Means (deal size, sales cycle and lead response time on their logs; customer scores as they
  are): a normal model with the rep's standard error, shrunk by τ² ÷ (τ² + se²).
"""

from __future__ import annotations

import numpy as np
from scipy.special import betainc, gammainc


def _beta_cdf(x: float, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return scipy.stats.beta.cdf(x, a, b), worked out as it does (NaN for a shape ≤ 0 or a NaN
    x, 0 and 1 outside the support, else scipy.special.betainc) without importing scipy.stats."""
    x = np.asarray(x, dtype=float)
    with np.errstate(invalid="ignore"):
        inside = betainc(a, b, np.clip(x, 0.0, 1.0))
    out = np.where(x >= 1, 1.0, np.where(x <= 0, 0.0, inside))
    return np.where((a > 0) & (b > 0) & ~np.isnan(x), out, np.nan)[()]


def _gamma_cdf(x: float, a: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """Return scipy.stats.gamma.cdf(x, a, scale=scale), worked out as it does (x ÷ scale, NaN
    for a shape or scale ≤ 0, 0 below the support, else scipy.special.gammainc)."""
    z = np.asarray(x, dtype=float) / scale
    with np.errstate(invalid="ignore"):
        inside = gammainc(a, np.maximum(z, 0.0))
    out = np.where(z >= np.inf, 1.0, np.where(z <= 0, 0.0, inside))
    return np.where((a > 0) & (scale > 0) & ~np.isnan(z), out, np.nan)[()]


def shrink_rates(success: np.ndarray, trials: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return each row's shrunk rate and the probability its true rate is below the pooled one.

    The spread of the true rates is the method-of-moments estimate
    τ² = (Σ nᵢ (pᵢ − p̄)² − (k − 1) p̄ (1 − p̄)) ÷ (N − Σ nᵢ² ÷ N), and the prior is a beta with
    mean p̄ worth p̄ (1 − p̄) ÷ τ² − 1 deals.
    """
    total = trials.sum()
    pooled = success.sum() / total
    rates = success / trials
    spread = float((trials * (rates - pooled) ** 2).sum())
    noise = (len(trials) - 1) * pooled * (1 - pooled)
    between = max((spread - noise) / (total - (trials**2).sum() / total), 1e-4)
    strength = float(np.clip(pooled * (1 - pooled) / between - 1, 2.0, 2000.0))
    a, b = success + pooled * strength, trials - success + (1 - pooled) * strength
    return a / (a + b), _beta_cdf(pooled, a, b)


def shrink_counts(counts: np.ndarray, exposure: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """Return each row's shrunk count per period, P(below the team's), and the team's rate."""
    exposure = np.maximum(exposure, 1)
    rates = counts / exposure
    mean = float(counts.sum() / exposure.sum())
    spread = float(np.var(rates, ddof=1)) if len(rates) > 1 else 0.0
    between = max(spread - mean * float(np.mean(1 / exposure)), 1e-6 * max(mean, 1.0) ** 2)
    shape, rate = mean**2 / between, mean / between
    a, scale = counts + shape, 1 / (exposure + rate)
    return a * scale, _gamma_cdf(mean, a, scale), mean


def shrink_means(
    means: np.ndarray, se2: np.ndarray, weights: np.ndarray
) -> tuple[np.ndarray, np.ndarray, float]:
    """Return shrunk means, their posterior sd, and the team mean (weighted by sample)."""
    team = float(np.average(means, weights=weights))
    between = (
        max(float(np.var(means, ddof=1)) - float(np.mean(se2)), 1e-9) if len(means) > 1 else 1e-9
    )
    pull = between / (between + se2)
    return team + pull * (means - team), np.sqrt(pull * se2), team
