"""Property test of the forecast: every generated export is forecast, or says it cannot be.

The invariants are stated without the code under test: every range is ordered (P10 ≤ P50 ≤
P90) and starts at what is won already, every chance is a probability, a team's revenue won so
far is its reps' (plus deals of the team without a rep), the expected revenue is won + open +
new, and every sentence of the forecast is written in English and Dutch.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.forecast import sentences as W
from analysis.forecast.outlook import forecast
from analysis.model.periods import PeriodSpec
from analysis.read.upload import read_files
from tests.export_files import Export
from tests.exports import exports, settled
from tests.unit.forecast.conftest import SAMPLE


def _check(files: list[tuple[str, bytes]], grain: str) -> None:
    data = read_files(files).dataset()
    if "deals" not in data.tables:
        return
    fc = forecast(data, PeriodSpec(grain))
    if fc is None:
        return
    scopes = fc.scopes
    money = scopes[["won_so_far", "p10", "p50", "p90", "expected"]].to_numpy(float)
    assert np.isfinite(money).all()
    assert (scopes["p10"] <= scopes["p50"] + 1e-6).all()
    assert (scopes["p50"] <= scopes["p90"] + 1e-6).all()
    assert (scopes["p10"] >= scopes["won_so_far"] - 1e-6).all()
    parts = scopes["won_so_far"] + scopes["from_open"] + scopes["from_new"]
    assert np.allclose(scopes["expected"], parts)
    reps = scopes[scopes["scope"] == "rep"]
    assert fc.company["won_so_far"] >= reps["won_so_far"].sum() - 0.01
    chance = fc.deals["probability"].to_numpy(float)
    assert ((chance >= 0) & (chance <= 1)).all()
    currency = data.currency
    for lang in ("en", "nl"):
        for said in (W.as_of(fc), W.headline(fc, currency), W.split(fc, currency), W.method(fc),
                     W.coverage(fc)):  # fmt: skip
            assert said.text(lang).strip()
        for i in range(min(3, len(fc.deals))):
            assert all(r.text(lang) for r in W.reasons(fc.deals.loc[i], currency))


@settled(15)
@given(export=exports(), grain=st.sampled_from(("quarter", "month")))
def test_every_generated_export_is_forecast_or_says_why(export: Export, grain: str) -> None:
    _check(list(export.files), grain)


@pytest.mark.parametrize("grain", ["quarter", "month"])
def test_the_sample_forecast_keeps_the_invariants(grain: str) -> None:
    _check([(SAMPLE.name, SAMPLE.read_bytes())], grain)
