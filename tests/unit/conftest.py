"""Fixtures shared by the report tests: the bundled sample, analysed once per session."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.kpis.table import kpi_table
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodChoice, PeriodSpec, current_and_previous
from analysis.read.upload import read_files
from analysis.review.findings import Findings, find

SAMPLE = Path(__file__).parents[2] / "sample_data" / "salescope_sample.xlsx"
QUARTER = PeriodSpec("quarter")


@pytest.fixture(scope="session")
def sample_analysis() -> tuple[Dataset, pd.DataFrame, PeriodChoice, Findings]:
    """Return the sample's data, quarterly KPI table, last complete quarter and its findings."""
    data = read_files([(SAMPLE.name, SAMPLE.read_bytes())]).dataset()
    choice = current_and_previous(data, QUARTER)
    table = kpi_table(data, QUARTER)
    assert choice.current is not None
    return data, table, choice, find(data, QUARTER, choice.current, table, "EUR")
