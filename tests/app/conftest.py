"""AppTest fixtures: a fresh cache for every test, the app's entry file, sample bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")
SAMPLE = ROOT / "sample_data" / "salescope_sample.xlsx"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    st.cache_data.clear()


@pytest.fixture
def app() -> AppTest:
    """Return the app, run once (it opens on the sample data)."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    return at
