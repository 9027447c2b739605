"""The test of a KPI's move against a row's own history, with numbers worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import t as t_dist

from analysis.diagnosis.shifts import (
    judge_shift,
    level_variance,
    moderated,
    normal_cdf,
    typical_swing,
)


def test_level_variance_from_steps_between_periods() -> None:
    # 10, 12, 10, 12: steps ±2, squares 4, 4, 4; without the largest: mean 4, half is 2,
    # times the correction for four periods 1.93 = 3.86; worth 0.66 × (4 - 2) = 1.32 df
    tau2, df = level_variance(np.array([10.0, 12, 10, 12]), np.zeros(4))
    assert tau2 == pytest.approx(3.86)
    assert df == pytest.approx(1.32)


def test_a_step_in_the_level_is_not_noise() -> None:
    # 10, 10, 10, 20, 20: one step of 10 is left out, the others are 0
    assert level_variance(np.array([10.0, 10, 10, 20, 20]), np.zeros(5))[0] == 0.0


def test_sampling_noise_is_taken_off() -> None:
    # 3.86 as above, minus the median sampling variance 1.0 = 2.86; never below 0
    assert level_variance(np.array([10.0, 12, 10, 12]), np.ones(4))[0] == pytest.approx(2.86)
    assert level_variance(np.array([10.0, 12, 10, 12]), np.full(4, 9.0))[0] == 0.0


def test_short_histories() -> None:
    assert level_variance(np.array([5.0]), np.zeros(1)) == (0.0, 0.0)
    # two values: their variance, 1 df: (4 - 6)² / 2 = 2
    assert level_variance(np.array([4.0, 6.0]), np.zeros(2)) == (2.0, 1.0)


def test_moderated_leans_on_the_team_for_a_short_history() -> None:
    # own 4 worth 2 df, team prior 1 worth 4 df: (4 × 1 + 2 × 4) / 6 = 2, worth 6 df
    assert moderated(4.0, 2.0, 1.0) == (2.0, 6.0)


def test_typical_swing_pools_relative_variances() -> None:
    # levels 100 and 200 with τ² 100 and 1600: relative 0.01 and 0.04, mean 0.025, root 0.158
    assert typical_swing(np.array([100.0, 200.0]), np.array([100.0, 1600.0])) == pytest.approx(
        math.sqrt(0.025)
    )
    assert typical_swing(np.array([]), np.array([])) is None


def test_judge_shift_with_sampling_noise_only() -> None:
    # 40% → 15% with sampling variance 0.006 now, none before, no level noise:
    # z = -0.25 / √0.006 = -3.227; a normal tail: 99.94 % sure it fell
    shift = judge_shift(0.4, 0.0, 0.15, 0.006, 4, 0.0, 0.0, "lower", 160, 40)
    assert shift.z == pytest.approx(-3.2275, abs=1e-4)
    assert shift.confidence == pytest.approx(normal_cdf(3.2275), abs=1e-5)
    assert shift.confidence == pytest.approx(0.99938, abs=1e-5)
    assert shift.relative == pytest.approx(-0.625)


def test_judge_shift_with_estimated_level_noise_uses_a_t_distribution() -> None:
    # τ² 0.01 worth 4 df over 4 periods: level part 0.01 × (1 + π/8) = 0.013927;
    # total 0.019927; z = -0.25 / 0.14116 = -1.771;
    # Welch–Satterthwaite df = 0.019927² / (0.013927² / 4) = 8.19
    shift = judge_shift(0.4, 0.0, 0.15, 0.006, 4, 0.01, 4.0, "lower", 160, 40)
    assert shift.z == pytest.approx(-1.771, abs=1e-3)
    assert shift.confidence == pytest.approx(float(t_dist.cdf(1.771, 8.19)), abs=1e-3)
    assert 0.94 < shift.confidence < 0.95


def test_judge_shift_direction() -> None:
    # a rise tested as a slowdown: 35 → 70 days is bad; the same move tested as "lower" is not
    rise = judge_shift(35.0, 1.0, 70.0, 4.0, 6, 0.0, 0.0, "higher", 60, 15)
    assert rise.confidence > 0.999
    assert judge_shift(35.0, 1.0, 70.0, 4.0, 6, 0.0, 0.0, "lower", 60, 15).confidence < 0.001
    assert judge_shift(5.0, 1.0, 5.0, 1.0, 6, 0.0, 0.0, "lower", 6, 1).confidence == 0.5
