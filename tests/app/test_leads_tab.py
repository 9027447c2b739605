"""The Leads tab of the Pipeline & funnel page, on the sample and on exports that lack columns."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from sample_data.generate import SLOW_RESPONSE_REP
from tests.app.conftest import chart, open_page, upload_sheets


def _open(app: AppTest) -> AppTest:
    return open_page(app, "pages/pipeline.py")


def _text(app: AppTest, key: str) -> str:
    box = app.main.get_by_key(key)
    parts = [
        e.value for kind in ("subheader", "markdown", "caption", "info") for e in box.get(kind)
    ]
    return " ".join(str(p) for p in parts).replace("\\", "")


def test_the_point_names_the_planted_slow_rep(app: AppTest) -> None:
    _open(app)
    point = _text(app, "leads_point")
    assert "Median first answer" in point
    assert "2026-Q3" in point
    assert f"{SLOW_RESPONSE_REP} is slowest" in point
    bars = chart(app, "leads_reps")["layer"][0]["encoding"]["y"]["sort"]
    assert bars[0] == SLOW_RESPONSE_REP
    assert len(bars) == 12  # every rep of the sample had answered leads in 2026-Q3
    assert app.selectbox(key="leads_rep").value == SLOW_RESPONSE_REP


def test_following_another_rep_redraws_the_trend(app: AppTest) -> None:
    _open(app)
    app.selectbox(key="leads_rep").set_value("Emma Smit").run()
    assert not app.exception
    trend = chart(app, "leads_trend")
    assert trend["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["Team", "Emma Smit"]
    assert trend["layer"][0]["encoding"]["x"]["sort"][-1] == "2026-Q3"


def test_conversion_by_band_answers_the_question(app: AppTest) -> None:
    _open(app)
    bands = _text(app, "leads_bands")
    assert "Do faster answers convert better?" in bands
    assert "Yes:" in bands  # the sample converts a lead answered within 4 h more often
    sort = chart(app, "leads_bands")["layer"][0]["encoding"]["y"]["sort"]
    assert sort[0] == "Within 1 hour"
    assert sort[-1] == "Never answered"
    sources = chart(app, "leads_sources")["layer"][0]["encoding"]["y"]["sort"]
    assert set(sources) == {"Website", "Webinar", "Trade fair", "LinkedIn", "Referral", "Partner"}
    assert "could be chance" in _text(app, "leads_sources")


def test_month_view_uses_the_last_complete_month(app: AppTest) -> None:
    app.radio(key="period_grain").set_value("Month").run()
    _open(app)
    assert "2026-09" in _text(app, "leads_point")


def _upload(app: AppTest, sheets: dict[str, pd.DataFrame]) -> AppTest:
    upload_sheets(app, sheets)
    return _open(app)


DEALS = pd.DataFrame(
    {
        "Opportunity Owner": ["Anna", "Bob", "Anna", "Bob"],
        "Amount": [1000, 2000, 1500, 500],
        "Stage": ["Closed Won", "Closed Lost", "Closed Won", "Closed Won"],
        "Close Date": ["2026-07-10", "2026-08-12", "2026-09-15", "2026-09-30"],
    }
)


def test_without_a_leads_sheet_it_says_which_sheet_switches_it_on(app: AppTest) -> None:
    _upload(app, {"Deals": DEALS})
    (note,) = [i.value for i in app.info if "Leads sheet" in i.value]
    assert "one row per lead" in note


def test_missing_columns_are_named_instead_of_empty_charts(app: AppTest) -> None:
    leads = pd.DataFrame(
        {
            "Created On": ["2026-07-01", "2026-08-03", "2026-09-07"],
            "Lead Owner": ["Anna", "Bob", "Anna"],
        }
    )
    _upload(app, {"Deals": DEALS, "Leads": leads})
    assert "needs Leads: First response" in _text(app, "leads_point")
    assert not app.main.get_by_key("leads_point").get("vega_lite_chart")
    bands = _text(app, "leads_bands")
    assert "needs Leads: Converted (yes/no) or Leads: Converted on" in bands
    assert "Leads: First response" in bands
    assert "Leads: Lead source" in _text(app, "leads_sources")
    assert not app.main.get_by_key("leads_sources").get("vega_lite_chart")


def test_leads_without_reps_show_the_company_and_name_the_rep_column(app: AppTest) -> None:
    # Answered after 1 h, 2 h and 6 h: the company median is 2 h.
    leads = pd.DataFrame(
        {
            "Created On": ["2026-07-01 09:00", "2026-08-03 09:00", "2026-09-07 09:00"],
            "First Response At": ["2026-07-01 10:00", "2026-08-03 11:00", "2026-09-07 15:00"],
        }
    )
    _upload(app, {"Deals": DEALS, "Leads": leads})
    assert "Median first answer 2.0 h in 2026-Q3." in _text(app, "leads_point")
    assert any("Response time per rep needs Leads: Sales rep" in i.value for i in app.info)
    trend = chart(app, "leads_trend")["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert trend == ["Team"]


def test_in_dutch_the_point_and_what_is_missing_are_dutch(app: AppTest) -> None:
    # Answered after 1 h, 2 h and 6 h: the company median is 2 h, written '2,0 u' in Dutch.
    leads = pd.DataFrame(
        {
            "Created On": ["2026-07-01 09:00", "2026-08-03 09:00", "2026-09-07 09:00"],
            "First Response At": ["2026-07-01 10:00", "2026-08-03 11:00", "2026-09-07 15:00"],
        }
    )
    app.radio(key="ui_language").set_value("nl").run()
    _upload(app, {"Deals": DEALS, "Leads": leads})
    assert app.tabs[3].label == "Leads"
    point = _text(app, "leads_point")
    assert "Mediaan tot het eerste antwoord 2,0 u in 2026-Q3." in point
    # 3 leads in 2026-Q3, every one answered
    assert "Alle 3 leads uit 2026-Q3 hebben een antwoord gekregen." in point
    infos = [i.value for i in app.info]
    assert any(i.startswith("Voor de reactietijd per verkoper is nodig: Leads:") for i in infos)
    assert "Converteren snellere antwoorden beter?" in _text(app, "leads_bands")
