"""The bundled sample, read once for the forecast tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.model.dataset import Dataset
from analysis.read.upload import read_files

SAMPLE = Path(__file__).parents[3] / "sample_data" / "salescope_sample.xlsx"


@pytest.fixture(scope="session")
def sample_data() -> Dataset:
    """Return the sample workbook's dataset."""
    return read_files([(SAMPLE.name, SAMPLE.read_bytes())]).dataset()
