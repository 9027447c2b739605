"""Canonical tables written inline by the tests, as ingestion would hand them over."""

from __future__ import annotations

import pandas as pd

from analysis.model import schema as S
from analysis.model.dataset import Dataset


def text(values: list[object]) -> pd.Series:
    """A text column as ingestion makes it ("string" dtype)."""
    return pd.Series(values, dtype="string")


def frame(columns: str, rows: list[tuple], dates: tuple[str, ...] = ()) -> pd.DataFrame:
    """A canonical table from rows; text columns as "string", `dates` as datetimes."""
    out = pd.DataFrame(rows, columns=columns.split())
    for column in out.columns:
        if column in dates:
            out[column] = pd.to_datetime(out[column])
        elif column != S.STATUS and any(isinstance(v, str) for v in out[column]):
            out[column] = text(out[column].tolist())
    return out


def dataset(**tables: pd.DataFrame) -> Dataset:
    """A dataset of these canonical tables, with nothing set aside."""
    return Dataset(dict(tables), pd.DataFrame(), [], [])
