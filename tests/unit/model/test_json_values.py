"""How the JSON writes values: unknown is null, never NaN or infinity; rounding by hand."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from analysis.model.json_values import clean, count, day, money, name, ratio


def test_unknown_values_are_null() -> None:
    for missing in (None, np.nan, pd.NA, pd.NaT, np.inf, -np.inf):
        assert money(missing) is None
        assert ratio(missing) is None
    assert count(np.nan) is None
    assert name(pd.NA) is None
    assert day("not a day") is None


def test_values_are_rounded_as_the_contract_says() -> None:
    assert money(1234.5678) == 1234.57
    assert ratio(0.123456) == 0.1235
    assert count(np.int64(7)) == 7
    assert name(42) == "42"
    assert day(pd.Timestamp("2026-09-30 14:00")) == "2026-09-30"


def test_a_document_is_cleaned_of_nan_in_place() -> None:
    deals = [{"amount": float("nan"), "reasons": ({"points": float("inf")},)}, {"amount": 5.0}]
    doc = {"deals": deals, "by": {2026: -float("inf"), "ok": "x"}, "n": 3, "gone": None}
    out = clean(doc)
    assert out == {"deals": [{"amount": None, "reasons": [{"points": None}]}, {"amount": 5.0}],
                   "by": {"2026": None, "ok": "x"}, "n": 3, "gone": None}  # fmt: skip
    assert out is doc  # not copied: 349,000 deals in a 1M export
    assert out["deals"] is deals
    assert json.dumps(out, allow_nan=False)
