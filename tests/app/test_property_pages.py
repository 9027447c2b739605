"""Property test of the app: every page opens without an exception on generated exports.

Each export from `tests.exports` goes into session state as if uploaded (FACTS.md: the files
in `upload_files_data`, `upload_is_sample` False); then every page is visited in turn, in
English or Dutch and by quarter or by month. Few examples: AppTest takes seconds per page.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st_
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, forget
from tests.crash_exports import CRASHES
from tests.export_files import Export
from tests.exports import exports, settled

PAGES = (
    "pages/upload.py",
    "pages/team_overview.py",
    "pages/rep_deep_dive.py",
    "pages/root_causes.py",
    "pages/pipeline.py",
    "pages/customers.py",
    "pages/team_health.py",
    "pages/meeting.py",
)


def visit_every_page(files: tuple[tuple[str, bytes], ...], lang: str, grain: str) -> None:
    """Open the app on these files and visit every page; none may show an exception."""
    forget()  # the cache outlives an AppTest: each example starts afresh
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["upload_files_data"] = files
    at.session_state["upload_is_sample"] = False
    at.session_state["ui_language"] = lang
    at.session_state["period_grain"] = grain
    at.run()
    assert not at.exception, at.exception
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)


# The autouse fixtures of tests/app/conftest.py are function-scoped: they hold for all examples.
@settled(examples=20, suppress=(HealthCheck.function_scoped_fixture,))
@given(
    exports(),
    st_.sampled_from(("en", "nl")),
    st_.sampled_from(("Quarter", "Month")),
)
def test_every_page_opens_on_generated_exports(export: Export, lang: str, grain: str) -> None:
    visit_every_page(export.files, lang, grain)


@pytest.mark.parametrize("name", sorted(CRASHES))
def test_every_page_opens_on_exports_that_once_crashed(name: str) -> None:
    export, grain, _ = CRASHES[name]()
    visit_every_page(export.files, "en", grain.title())
