"""Meeting mode: stepping through the screens, who appears, and making the files."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from sample_data.generate import CLOSE_RATE_REP, REPS
from tests.app.conftest import open_page

SCREENS = ["headline", "board", "bridge", "flagged", "focus"]


def _screen(at: AppTest) -> str:
    keys = [k for k in SCREENS if _has(at, f"meeting_screen_{k}")]
    assert len(keys) == 1, keys
    return keys[0]


def _has(at: AppTest, key: str) -> bool:
    try:
        at.main.get_by_key(key)
    except KeyError:
        return False
    return True


def _all_text(at: AppTest) -> str:
    parts = [m.value for m in at.main.markdown] + [h.value for h in at.main.subheader]
    parts += [c.value for c in at.main.caption]
    for frame in [*at.main.dataframe, *at.main.table]:
        parts += [str(v).replace("\\", "") for v in frame.value.to_numpy().ravel()]
    return " ".join(parts)


@pytest.fixture
def meeting(app: AppTest) -> AppTest:
    return open_page(app, "pages/meeting.py")


def test_setup_lists_the_screens_and_who_appears(meeting: AppTest) -> None:
    assert meeting.title[0].value == "Meeting mode & export"
    audience = meeting.radio(key="meeting_audience")
    assert audience.options == [
        "Reps by name",
        "Names hidden (Rep A, Rep B, …)",
        "Teams only, no reps",
    ]
    shown = meeting.markdown[0].value.replace("\\", "")  # the title is Markdown-escaped
    assert "Sales review, 2026-Q3, compared with 2026-Q2" in shown


def test_next_and_previous_walk_the_five_screens(meeting: AppTest) -> None:
    meeting.button(key="meeting_start").click().run()
    assert _screen(meeting) == "headline"
    assert meeting.button(key="meeting_previous").disabled
    metrics = {m.label: m.value for m in meeting.main.metric}
    assert metrics["Target attainment"] == "91%"  # €2,109,905 of the €2,310,000 target
    seen = ["headline"]
    for _ in SCREENS[1:]:
        meeting.button(key="meeting_next").click().run()
        assert not meeting.exception
        seen.append(_screen(meeting))
    assert seen == SCREENS
    assert meeting.button(key="meeting_next").disabled
    meeting.button(key="meeting_previous").click().run()
    assert _screen(meeting) == "flagged"
    assert CLOSE_RATE_REP in _all_text(meeting)
    meeting.button(key="meeting_leave").click().run()
    assert meeting.title[0].value == "Meeting mode & export"


def test_teams_only_shows_no_rep_on_any_screen(meeting: AppTest) -> None:
    meeting.radio(key="meeting_audience").set_value("teams").run()
    meeting.button(key="meeting_start").click().run()
    for number, _ in enumerate(SCREENS, 1):
        text = _all_text(meeting)
        assert [r.name for r in REPS if r.name in text] == []
        if number < len(SCREENS):
            meeting.button(key="meeting_next").click().run()
    assert meeting.radio  # the setup radio is gone while presenting …
    meeting.button(key="meeting_leave").click().run()
    assert meeting.radio(key="meeting_audience").value == "teams"  # … and its choice is kept


def test_make_files_offers_three_downloads(meeting: AppTest) -> None:
    meeting.button(key="meeting_make").click().run()
    assert not meeting.exception
    keys = {b.key for b in meeting.get("download_button")}
    assert {"meeting_dl_html", "meeting_dl_pdf", "meeting_dl_xlsx"} <= keys


def test_a_failed_export_says_why_and_keeps_the_rest(
    meeting: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    import analysis.render.pdf

    def broken(review: object) -> bytes:
        raise OSError("disk full")

    monkeypatch.setattr(analysis.render.pdf, "pdf_report", broken)
    meeting.radio(key="meeting_audience").set_value("anonymous").run()
    meeting.button(key="meeting_make").click().run()
    assert not meeting.exception
    errors = [e.value for e in meeting.main.error]
    assert len(errors) == 1
    assert "Review as PDF could not be made (disk full)" in errors[0]
    keys = {b.key for b in meeting.get("download_button")}
    assert {"meeting_dl_html", "meeting_dl_xlsx"} <= keys
    assert "meeting_dl_pdf" not in keys
    assert meeting.radio(key="meeting_audience").value == "anonymous"


def test_dutch_meeting_labels_and_number_formats(meeting: AppTest) -> None:
    meeting.radio(key="ui_language").set_value("nl").run()
    assert not meeting.exception
    assert meeting.title[0].value == "Vergadermodus & export"
    assert meeting.radio(key="meeting_audience").options[2] == "Alleen teams, geen verkopers"
    meeting.button(key="meeting_start").click().run()
    metrics = {m.label: m.value for m in meeting.main.metric}
    # 2,109,905 euro won in 2026-Q3 (the sample's Deals sheet): Dutch grouping, symbol first.
    assert metrics["Omzet"] == "€\u00a02.109.905"
    assert meeting.button(key="meeting_next").label == "Volgende"


def test_deep_dive_makes_the_one_to_one_pack(app: AppTest) -> None:
    open_page(app, "pages/rep_deep_dive.py")
    app.selectbox(key="rep_pick").set_value(CLOSE_RATE_REP).run()
    app.button(key="deepdive_make").click().run()
    assert not app.exception
    keys = {b.key for b in app.get("download_button")}
    assert {"deepdive_dl_html", "deepdive_dl_pdf"} <= keys
