"""The forecast on the sample, against the win chances the generator planted in it.

`sample_data.generate.build_frames(7, truth=True)` keeps each deal's true chance of being won
(`True Win Chance`) and whether its close date keeps moving (`Stalled`). A deal open on the
first day of a past period is won by its end with the chance: true chance × (it closes by then
and is not stalled) — the generator fixes every deal's close day before it draws the winners.
The backtest's out-of-sample chances are checked against that truth in bands (the expected
calibration error), and the backtest's ranges against what the periods brought in.

The truth check leaves the sample's stage history out: the generator writes each deal's stages
from its outcome (a won deal passes every stage, a lost one stops early), so on the whole
sample a deal's stage on a past day knows more than its planted chance, and the model rightly
uses it. Without the history, everything the model sees is drawn from the chance and the close
day alone, and the planted chance is the truth it should find.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from analysis.forecast.outlook import Forecast, forecast
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec, period_bounds
from sample_data.generate import build_frames

QUARTER = PeriodSpec("quarter")


@pytest.fixture(scope="module")
def quarter(sample_data: Dataset) -> Forecast:
    fc = forecast(sample_data, QUARTER)
    assert fc is not None
    return fc


def _truth(sample_data: Dataset, backtest: pd.DataFrame) -> np.ndarray:
    """Return each backtest deal's true chance of being won by the end of its period."""
    truth = build_frames(7, truth=True)["Deals"].set_index("Deal ID")
    ids = sample_data.tables["deals"]["deal_id"].astype(str).to_numpy()[backtest["row"]]
    deals = truth.loc[ids]
    ends = [period_bounds(p, QUARTER)[1] for p in backtest["period"]]
    in_time = (deals["Close Date"].to_numpy() < np.array(ends, dtype="datetime64[ns]")) & ~deals[
        "Stalled"
    ].to_numpy(bool)
    return deals["True Win Chance"].to_numpy(float) * in_time


def calibration_error(predicted: np.ndarray, truth: np.ndarray, bands: int = 10) -> float:
    """Return the deals-weighted mean gap between predicted and true chance in bands of 10 pts."""
    band = np.clip((predicted * bands).astype(int), 0, bands - 1)
    gaps = [abs(predicted[band == b].mean() - truth[band == b].mean()) * (band == b).sum()
            for b in range(bands) if (band == b).any()]  # fmt: skip
    return float(sum(gaps) / len(predicted))


def test_calibration_error_worked_by_hand() -> None:
    # band 0: predicted 0.05, 0.05 against truths 0.0, 0.1 → gap 0; band 5: 0.5 against 0.3 →
    # gap 0.2 for one deal of three: 0.2 / 3
    error = calibration_error(np.array([0.05, 0.05, 0.5]), np.array([0.0, 0.1, 0.3]))
    assert error == pytest.approx(0.2 / 3)


def test_the_chances_match_the_planted_truth(sample_data: Dataset) -> None:
    tables = {k: v for k, v in sample_data.tables.items() if k != "stage_history"}
    fc = forecast(replace(sample_data, tables=tables), QUARTER)
    assert fc is not None
    deals = fc.backtest.deals
    assert len(deals) > 500
    truth = _truth(sample_data, deals)
    assert calibration_error(deals["chance"].to_numpy(float), truth) <= 0.05
    # the win-rate baseline knows neither timing nor stage: far from the truth
    assert calibration_error(deals["baseline"].to_numpy(float), truth) > 0.1


def test_the_model_beats_the_baseline_and_its_range_holds(quarter: Forecast) -> None:
    tested = quarter.backtest
    assert quarter.method == "model"
    assert quarter.why == "better"
    model, baseline = tested.mean_error("model"), tested.mean_error("baseline")
    assert model is not None
    assert baseline is not None
    assert model < baseline
    inside, periods = tested.inside("model")
    assert periods == 4
    assert inside >= 3


def test_the_actuals_are_the_sheet_revenue(quarter: Forecast) -> None:
    sheet = build_frames(7)["Deals"]
    for _, row in quarter.backtest.periods.iterrows():
        start, end = period_bounds(row["period"], QUARTER)
        closed = sheet["Close Date"].between(start, end - pd.Timedelta(days=1))
        won = sheet.loc[closed & (sheet["Stage"] == "Closed Won"), "Amount"].sum()
        assert row["actual"] == pytest.approx(won)
