"""The server gives memory back once sessions end (ui/memory.py): the allocators are set on the
first run, and a session's end, not a click, makes a full collection due."""

from __future__ import annotations

import time

import pyarrow as pa
import pytest
from streamlit import config
from streamlit.runtime.caching import cache_resource_api
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, no_failed_part
from ui import memory

SESSION = "a visitor"


def _visit(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """Open the app on the sample as the session `SESSION`, and click the Team overview."""
    monkeypatch.setattr(cache_resource_api, "get_session_id_or_throw", lambda: SESSION)
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("pages/team_overview.py").run()
    no_failed_part(at)
    return at


def test_clicks_make_no_collection_due_and_the_end_of_the_session_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _visit(monkeypatch)
    with memory._lock:
        memory._collect_at.clear()
    _visit(monkeypatch).run()  # the same session again: reruns, its caches full and evicting
    assert not memory._collect_at
    before = time.monotonic()
    cache_resource_api.clear_session_cache(SESSION)  # what Streamlit does when the tab closes
    due = sorted(memory._collect_at)
    assert len(due) == 2
    assert before <= due[0] <= time.monotonic()  # at once
    forget = config.get_option("server.disconnectedSessionTTL")
    assert due[1] >= due[0] + forget  # and once the closed session is forgotten
    assert memory._collection_due()  # the first is due now, and taken off the list
    assert memory._collect_at == [due[1]]
    assert not memory._collection_due()
    with memory._lock:
        memory._collect_at.clear()


def test_after_the_first_run_arrow_allocates_with_malloc(monkeypatch: pytest.MonkeyPatch) -> None:
    _visit(monkeypatch)  # on Linux (glibc), as CI and the servers we know of
    assert pa.default_memory_pool().backend_name == "system"
    assert not memory.keep_memory_low()  # set once per process


def test_a_tick_collects_only_when_a_session_ended(monkeypatch: pytest.MonkeyPatch) -> None:
    collections: list[int] = []
    monkeypatch.setattr(memory.gc, "collect", lambda: collections.append(1) or 0)
    _visit(monkeypatch)
    with memory._lock:
        memory._collect_at.clear()
    assert not memory.tick()  # a click's rerun: nothing to collect, only the trim
    cache_resource_api.clear_session_cache(SESSION)
    assert memory.tick()  # the session ended: collected at once
    assert not memory.tick()  # the second is due once the server has forgotten it
    assert len(collections) == 1
    with memory._lock:
        memory._collect_at.clear()
