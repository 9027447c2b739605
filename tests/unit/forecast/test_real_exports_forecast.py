"""The forecast on real public exports (tests/data): it runs, says how, and its backtest's actual
revenue is what the export's own won deals add up to, worked out from the CSV with pandas."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.forecast.outlook import forecast
from analysis.model.periods import PeriodSpec, period_bounds
from analysis.read.upload import read_files

DATA = Path(__file__).resolve().parents[2] / "data"
EXPORTS = sorted(p.name for p in DATA.iterdir() if p.is_dir())


def _read(name: str):
    files = sorted(f for f in (DATA / name).iterdir() if f.suffix.lower() in (".csv", ".xlsx"))
    return read_files([(f.name, f.read_bytes()) for f in files]).dataset()


@pytest.mark.parametrize("name", EXPORTS)
def test_every_real_export_is_forecast_or_says_why(name: str) -> None:
    data = _read(name)
    fc = forecast(data, PeriodSpec("quarter")) if "deals" in data.tables else None
    if fc is None:
        assert "deals" not in data.tables or not len(data.tables["deals"])
        return
    assert fc.method in ("model", "baseline")
    assert fc.why in ("better", "not_better", "short_history", "no_created")
    scopes = fc.scopes
    assert np.isfinite(scopes[["p10", "p50", "p90"]].to_numpy(float)).all()
    assert (scopes["p10"] <= scopes["p50"]).all()
    assert (scopes["p50"] <= scopes["p90"]).all()


def test_maven_backtest_actuals_are_its_won_deals() -> None:
    fc = forecast(_read("maven-crm-opportunities"), PeriodSpec("quarter"))
    assert fc is not None
    assert len(fc.backtest.periods) > 0
    raw = pd.read_csv(DATA / "maven-crm-opportunities" / "sales_pipeline.csv")
    close = pd.to_datetime(raw["close_date"])
    for _, row in fc.backtest.periods.iterrows():
        start, end = period_bounds(row["period"], PeriodSpec("quarter"))
        won = raw[(raw["deal_stage"] == "Won") & (close >= start) & (close < end)]
        assert row["actual"] == pytest.approx(won["close_value"].sum())
