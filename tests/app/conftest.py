"""AppTest fixtures: fresh caches around a test that patches code, the entry file, sample bytes."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.caching import cache_resource_api
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from analysis.words.catalogue import LANGUAGES, t
from tests.builders import steady
from ui import loads, memory

# No trim thread in the app tests (tests/app/test_memory.py calls its tick): each test ends a
# session, and a full collection of this big process every 5 s made them 25% slower.
memory.TRIM_SECONDS = 0.0

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")
SAMPLE = ROOT / "sample_data" / "salescope_sample.xlsx"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


APPTEST_SESSION = "test session id"  # the session id AppTest gives every app it runs


def forget() -> None:
    """Forget what the test's session has worked out (a patching test's own session, else the
    uploads AppTest's apps share); the sample's shared results stay."""
    try:  # patched by _own_caches in a test that patches code
        session = cache_resource_api.get_session_id_or_throw()
    except Exception:  # outside a script run: AppTest's one session
        session = APPTEST_SESSION
    cache_resource_api.clear_session_cache(session)


@pytest.fixture(autouse=True)
def _own_caches(request: pytest.FixtureRequest) -> Iterator[None]:
    """Give a test that patches code caches of its own: a result cached before would hide the
    patch, and one cached under it would leak into the next test.

    The test runs as a browser session of its own (AppTest gives every app the same session id)
    whose every result, the sample's too, lives in that session's cache, dropped afterwards.
    Other tests share the caches (keyed on the data and the inputs), as sessions of the running
    app do, and a patching test no longer makes the next one work the sample out again.
    """
    if "monkeypatch" not in request.fixturenames:
        yield
        return
    session = f"patched {request.node.nodeid}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loads, "scope_of", lambda *args: "session")
        patch.setattr(cache_resource_api, "get_session_id_or_throw", lambda: session)
        yield
    cache_resource_api.clear_session_cache(session)


@pytest.fixture(autouse=True, scope="session")
def _navigation_not_pages_dir() -> Iterator[None]:
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

    with pytest.MonkeyPatch.context() as patch:  # for the whole session: no test's own patch
        patch.setattr(PagesManager, "__init__", init)
        yield


@pytest.fixture
def app() -> AppTest:
    """Return the app, run once (it opens on the sample data)."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    no_failed_part(at)
    return at


def table(at: AppTest, key: str) -> pd.DataFrame:
    """Return the dataframe shown inside the container with this key."""
    return at.main.get_by_key(key).dataframe[0].value


def no_failed_part(at: AppTest) -> None:
    """Fail when a part of the page could not be worked out (ui/sections.py's sentence)."""
    sentences = {t("sections.failed", lang) for lang in LANGUAGES}
    assert not [w.value for w in at.warning if w.value in sentences]


def open_page(at: AppTest, path: str) -> AppTest:
    """Switch to a page ('pages/x.py'), run it and check it raised nothing and no part failed."""
    at.switch_page(path).run()
    assert not at.exception
    no_failed_part(at)
    return at


def chart(at: AppTest, key: str) -> dict:
    """Return the Vega-Lite spec of the (first) chart inside the container with this key."""
    charts = at.main.get_by_key(key).get("vega_lite_chart")
    return json.loads(charts[0].proto.spec)


def upload_sheets(at: AppTest, sheets: dict[str, pd.DataFrame], name: str = "export.xlsx") -> None:
    """Upload the frames as one workbook (a sheet each) on the Upload page, and run the app."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer) as writer:
        for sheet, frame in sheets.items():
            frame.to_excel(writer, sheet_name=sheet, index=False)
    at.switch_page("pages/upload.py").run()
    at.file_uploader(key="upload_file").set_value((name, steady(buffer.getvalue()), XLSX_MIME))
    at.run()
    assert not at.exception
    no_failed_part(at)
