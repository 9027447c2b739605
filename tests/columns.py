"""Columns as the cell parsers get them (xlsx objects, CSV strings) and their results as lists."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest


def col(*items: object) -> pd.Series:
    """An object column, as read from xlsx or built by hand."""
    return pd.Series(list(items), dtype=object)


def str_col(*items: object) -> pd.Series:
    """A CSV column: pandas' string dtype."""
    return pd.Series(list(items), dtype="str")


def floats(series: pd.Series) -> list[float]:
    """The values as Python floats (NaN stays NaN)."""
    return [float(x) for x in series.to_numpy(dtype=np.float64)]


def same_floats(actual: pd.Series, expected: list[float]) -> bool:
    """Whether the values equal ``expected`` to 1e-9, NaN matching NaN."""
    got = floats(actual)
    return len(got) == len(expected) and all(
        (math.isnan(a) and math.isnan(e)) or a == pytest.approx(e, abs=1e-9)
        for a, e in zip(got, expected, strict=True)
    )


def stamps(series: pd.Series) -> list[pd.Timestamp | None]:
    """The values as Timestamps, None where missing."""
    return [None if pd.isna(x) else pd.Timestamp(x) for x in series]
