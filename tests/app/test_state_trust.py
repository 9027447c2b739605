"""State a person can trust: the sidebar follows a mapping change at once, and a reload either
brings the upload back or says plainly that the sample is shown."""

from __future__ import annotations

import io

import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, XLSX_MIME, no_failed_part, upload_sheets
from ui import kept_upload

DEALS = pd.DataFrame(
    {
        "Deal": ["A-1", "A-2", "A-3"],
        "Owner": ["Ann", "Bob", "Ann"],
        "Stage": ["Closed Won", "Closed Lost", "Closed Won"],
        "Amount": [100.0, 200.0, 300.0],
        "Closed": pd.to_datetime(["2026-01-10", "2026-02-11", "2026-03-12"]),
    }
)
CALLS = pd.DataFrame(
    {
        "Activity ID": ["C-1", "C-2"],
        "Sales Rep": ["Ann", "Bob"],
        "Date": pd.to_datetime(["2026-01-05", "2026-02-06"]),
        "Type": ["Call", "Call"],
    }
)


def _sidebar_text(at: AppTest) -> str:
    return " ".join(str(m.value) for m in at.sidebar.markdown).replace("\\", "")


def test_the_sidebar_follows_a_mapping_change_at_once(app: AppTest) -> None:
    upload_sheets(app, {"Deals": DEALS, "Activities": CALLS})
    assert "Activities: 2 rows" in _sidebar_text(app)
    role = next(s for s in app.main.selectbox if s.key == "upload_role_1")
    role.set_value("ignore").run()  # one run: the sidebar must not lag behind
    assert not app.exception
    assert "Activities" not in _sidebar_text(app)
    assert "Deals: 3 rows" in _sidebar_text(app)


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer) as writer:
        DEALS.to_excel(writer, sheet_name="Deals", index=False)
    return buffer.getvalue()


def test_a_reload_keeps_the_upload_under_a_fresh_token(app: AppTest) -> None:
    app.switch_page("pages/upload.py").run()
    app.file_uploader(key="upload_file").set_value(("mine.xlsx", _xlsx(), XLSX_MIME))
    app.run()
    token = app.query_params[kept_upload.PARAM]
    token = token[0] if isinstance(token, list) else token
    assert len(token) >= 32  # unguessable

    reloaded = AppTest.from_file(APP, default_timeout=60)
    reloaded.query_params[kept_upload.PARAM] = token
    reloaded.run()
    assert not reloaded.exception
    no_failed_part(reloaded)
    assert "mine.xlsx" in _sidebar_text(reloaded)
    assert not any("sample data" in w.value for w in reloaded.warning)
    fresh = reloaded.query_params[kept_upload.PARAM]
    assert (fresh[0] if isinstance(fresh, list) else fresh) != token

    again = AppTest.from_file(APP, default_timeout=60)  # the old address no longer works
    again.query_params[kept_upload.PARAM] = token
    again.run()
    assert "mine.xlsx" not in _sidebar_text(again)


def test_a_lost_upload_says_the_sample_is_shown() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params[kept_upload.PARAM] = "no-such-token"
    at.run()
    assert not at.exception
    assert any("sample data" in w.value and "reloaded" in w.value for w in at.warning)
    assert kept_upload.PARAM not in at.query_params


def test_a_first_visit_shows_the_sample_without_a_warning(app: AppTest) -> None:
    assert not any("reloaded" in w.value for w in app.warning)
