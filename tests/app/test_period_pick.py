"""The sidebar's period pick: any complete quarter or month, and the quarter so far.

Expected revenue is summed by hand from the sample's Deals sheet with pandas, not by analysis/.
"""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import SAMPLE, open_page, upload_sheets
from tests.builders import sample_as_of

CUT = pd.Timestamp("2026-08-20")  # 51 days into 2026-Q3


@pytest.fixture(scope="module")
def sheets() -> dict[str, pd.DataFrame]:
    return pd.read_excel(SAMPLE, sheet_name=None, engine="calamine")


def _won(deals: pd.DataFrame, first: str, last: str) -> float:
    """Revenue of won deals closed from `first` to `last` (both included), summed by hand."""
    closed = deals["Close Date"].between(pd.Timestamp(first), pd.Timestamp(last))
    return float(deals.loc[closed & (deals["Stage"] == "Closed Won"), "Amount"].sum())


def _revenue_card(at: AppTest) -> str:
    return next(m for m in at.metric if m.label == "Revenue").value


def _caption(at: AppTest) -> str:
    return at.caption[0].value.replace("\\", "")


def test_a_complete_quarter_can_be_picked(app: AppTest, sheets) -> None:
    assert app.sidebar.selectbox(key="period_pick").options[:3] == ["2026-Q3", "2026-Q2", "2026-Q1"]
    app.sidebar.selectbox(key="period_pick").set_value("2026-Q1").run()
    open_page(app, "pages/team_overview.py")
    assert "Showing 2026-Q1, chosen by hand." in _caption(app)
    assert "2025-Q4" in _caption(app)
    expected = _won(sheets["Deals"], "2026-01-01", "2026-03-31")
    assert _revenue_card(app) == f"€{expected:,.0f}"


def test_a_month_can_be_picked(app: AppTest, sheets) -> None:
    app.sidebar.radio(key="period_grain").set_value("Month").run()
    assert app.sidebar.selectbox(key="period_pick").value == "2026-09"
    app.sidebar.selectbox(key="period_pick").set_value("2026-05").run()
    open_page(app, "pages/team_overview.py")
    assert "2026-05" in _caption(app)
    assert _revenue_card(app) == f"€{_won(sheets['Deals'], '2026-05-01', '2026-05-31'):,.0f}"


def test_a_quarter_picked_stays_valid_when_the_grain_changes(app: AppTest) -> None:
    app.sidebar.selectbox(key="period_pick").set_value("2026-Q1").run()
    app.sidebar.radio(key="period_grain").set_value("Month").run()
    assert not app.exception
    assert app.sidebar.selectbox(key="period_pick").value == "2026-09"


def _cut(sheets: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The sample as exported on 20 August 2026."""
    return sample_as_of(sheets, CUT)


def test_the_quarter_so_far_is_compared_with_the_same_days_before(app: AppTest, sheets) -> None:
    upload_sheets(app, _cut(sheets))
    pick = app.sidebar.selectbox(key="period_pick")
    assert pick.value == "2026-Q2"  # by default the last complete quarter
    assert pick.options[0] == "2026-Q3 so far (51 days)"
    pick.set_value("2026-Q3 so far (51 days)").run()
    open_page(app, "pages/team_overview.py")
    assert "Showing 2026-Q3 so far: 2026-07-01 to 2026-08-20 (51 days)" in _caption(app)
    assert "Compared with 2026-Q2, first 51 days." in _caption(app)
    now = _won(sheets["Deals"], "2026-07-01", "2026-08-20")
    before = _won(sheets["Deals"], "2026-04-01", "2026-05-21")  # the first 51 days of Q2
    card = next(m for m in app.metric if m.label == "Revenue")
    assert card.value == f"€{now:,.0f}"
    assert card.delta.replace("−", "-").replace("€", "") == f"{now - before:+,.0f}"


PAGES = ["team_overview", "rep_deep_dive", "root_causes", "pipeline", "customers"]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_page_shows_the_quarter_so_far(app: AppTest, sheets, lang: str) -> None:
    upload_sheets(app, _cut(sheets))
    app.sidebar.radio(key="ui_language").set_value(lang).run()
    pick = app.sidebar.selectbox(key="period_pick")
    pick.set_value(pick.options[0]).run()
    so_far = {"en": "2026-Q3 so far", "nl": "2026-Q3 tot nu toe"}[lang]
    for page in PAGES:
        open_page(app, f"pages/{page}.py")
        shown = " ".join(str(c.value) for c in app.caption) + " ".join(
            str(m.value) for m in app.markdown
        )
        assert so_far in shown.replace("\\", ""), page
    open_page(app, "pages/team_health.py")  # survey rounds: whole, whatever the pick
    open_page(app, "pages/meeting.py")
    assert so_far in " ".join(str(m.value) for m in app.markdown).replace("\\", "")
