"""AppTest fixtures: a fresh cache for every test, the app's entry file, sample bytes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")
SAMPLE = ROOT / "sample_data" / "salescope_sample.xlsx"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    st.cache_data.clear()


@pytest.fixture(autouse=True)
def _navigation_not_pages_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep AppTest on st.navigation after the first run.

    AppTest resets `PagesManager.uses_pages_directory` before every run, and because our
    pages live in `pages/` the flag turns True again, so reruns would use the old
    pages-directory mode (no sidebar, no navigation). `streamlit run` keeps the flag False
    once st.navigation has run, which is what this reproduces.
    """
    original = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def app() -> AppTest:
    """Return the app, run once (it opens on the sample data)."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def table(at: AppTest, key: str) -> pd.DataFrame:
    """Return the dataframe shown inside the container with this key."""
    return at.main.get_by_key(key).dataframe[0].value
