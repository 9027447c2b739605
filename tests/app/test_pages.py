"""Every page opens on the sample data without an exception, and the sidebar stays."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

PAGES = [
    ("pages/rep_deep_dive.py", "Rep deep-dive"),
    ("pages/root_causes.py", "Root causes"),
    ("pages/pipeline.py", "Pipeline & funnel"),
    ("pages/forecast.py", "Forecast"),
    ("pages/changes.py", "What changed"),
    ("pages/customers.py", "Customers"),
    ("pages/team_health.py", "Team health"),
    ("pages/meeting.py", "Meeting mode & export"),
]

PLACEHOLDERS: set[str] = set()  # pages that show "coming next"


@pytest.mark.parametrize(("path", "title"), PAGES)
def test_page_opens(app: AppTest, path: str, title: str) -> None:
    app.switch_page(path).run()
    assert not app.exception
    assert app.title[0].value == title
    if path in PLACEHOLDERS:
        assert "coming next" in app.info[0].value
    sidebar = " ".join(m.value for m in app.sidebar.markdown)
    assert "Deals: 3,031 rows" in sidebar


def test_period_picker_keeps_its_value_across_pages(app: AppTest) -> None:
    app.radio(key="period_grain").set_value("Month").run()
    app.switch_page("pages/team_overview.py").run()
    assert app.radio(key="period_grain").value == "Month"
