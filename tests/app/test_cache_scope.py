"""Where cached results live (ui/loads.py): the bundled sample's are shared by every session,
an upload's belong to the session that uploaded it (another session reading the very same file
works it out for itself, and the results go when the session ends)."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import pandas as pd
import pytest
from streamlit.runtime.caching import cache_resource_api
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, XLSX_MIME, no_failed_part
from ui import loads
from ui.files import Files
from ui.loads import Source, scope_of

DEALS = pd.DataFrame(
    {
        "Deal ID": ["A-1", "A-2", "A-3"],
        "Owner": ["Ada Scope", "Ada Scope", "Bo Scope"],
        "Amount": [1000, 2000, 3000],
        "Stage": ["Closed Won", "Closed Lost", "Closed Won"],
        "Created": pd.to_datetime(["2026-01-05", "2026-02-01", "2026-02-10"]),
        "Close Date": pd.to_datetime(["2026-03-01", "2026-03-15", "2026-04-01"]),
    }
)


def test_the_sample_is_shared_and_an_upload_is_not() -> None:
    upload = Files.of([("export.csv", b"a,b\n1,2\n")])
    sample = Files.of([("salescope_sample.xlsx", b"x")], shared=True)
    assert scope_of(upload, None) == "session"
    assert scope_of(sample, None) == "global"
    assert scope_of(Source.of(sample, None, ())) == "global"
    assert scope_of(Source.of(upload, None, ()), "Quarter") == "session"
    assert scope_of(pd.DataFrame()) == "session"  # no files: the session's own


def test_a_second_session_works_out_its_own_upload_but_not_the_sample(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads: Counter[str] = Counter()
    read_files = loads.read_files

    def counted(files: list[tuple[str, bytes]], saved: Any) -> Any:
        reads[files[0][0]] += 1
        return read_files(files, saved)

    monkeypatch.setattr(loads, "read_files", counted)
    monkeypatch.setattr(loads, "scope_of", scope_of)  # the app's own scopes (conftest sets one)
    buffer = io.BytesIO()  # one file, byte for byte (a workbook written twice differs in its date)
    DEALS.to_excel(buffer, sheet_name="Deals", index=False)
    for person in ("first", "second"):  # one after the other: open on the sample, then upload
        # AppTest gives every app the same session id; the browser gives each person their own
        monkeypatch.setattr(cache_resource_api, "get_session_id_or_throw", lambda p=person: p)
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        at.switch_page("pages/upload.py").run()
        at.file_uploader(key="upload_file").set_value(("scope.xlsx", buffer.getvalue(), XLSX_MIME))
        at.run()
        assert not at.exception
        no_failed_part(at)
    for person in ("first", "second"):
        cache_resource_api.clear_session_cache(person)
    assert reads["salescope_sample.xlsx"] <= 1  # once at most (an earlier test may have read it)
    assert reads["scope.xlsx"] == 2  # each session read the upload itself
