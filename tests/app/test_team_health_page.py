"""The Team health page on the sample data (and on uploads without a survey), through AppTest."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from analysis.words.formats import MINUS
from sample_data.generate import LOW_ENPS_TEAM
from tests.app.conftest import SAMPLE, XLSX_MIME, chart, open_page, table
from tests.builders import DEALS_HEADER, DEALS_ROWS, xlsx


def _open(app: AppTest) -> AppTest:
    return open_page(app, "pages/team_health.py")


def _layers(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def _enps_by_hand(quarter: str, team: str) -> int:
    """The team's eNPS in a quarter, straight from the workbook with plain pandas."""
    sheet = pd.read_excel(SAMPLE, sheet_name="Employee Survey", engine="calamine")
    dates = pd.to_datetime(sheet["Survey Date"])
    labels = dates.dt.year.astype(str) + "-Q" + dates.dt.quarter.astype(str)
    score = sheet.loc[(labels == quarter) & (sheet["Team"] == team), "Score"]
    return round(100 * ((score >= 9).mean() - (score <= 6).mean()))


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else f"{MINUS}{abs(value)}" if value < 0 else "0"


def test_headline_names_the_planted_team_with_its_numbers(app: AppTest) -> None:
    _open(app)
    assert app.title[0].value == "Team health"
    now, before = _enps_by_hand("2026-Q3", "South"), _enps_by_hand("2026-Q2", "South")
    assert now < 0  # planted: South's eNPS falls below zero in 2026-Q2 and 2026-Q3
    headline = app.subheader[0].value.replace("\\", "")
    assert headline.startswith(f"Team {LOW_ENPS_TEAM}: eNPS {_signed(now)}")
    assert f"from {_signed(before)} — lowest team" in headline
    assert app.selectbox(key="health_round").value == "2026-Q3"
    assert app.selectbox(key="health_team").value == LOW_ENPS_TEAM


def test_diverging_bars_for_every_team_this_round(app: AppTest) -> None:
    _open(app)
    spec = chart(app, "health_bars")
    assert spec["title"]["text"] == "How each team feels, 2026-Q3"
    bars = _layers(spec)[0]
    assert bars["encoding"]["y"]["sort"] == ["North", "South", "West", "All teams"]
    assert bars["encoding"]["color"]["scale"]["domain"] == ["Detractors", "Passives", "Promoters"]


def test_team_picker_changes_the_round_by_round_bars(app: AppTest) -> None:
    _open(app)
    assert chart(app, "health_team_bars")["title"]["text"] == "South, round by round"
    app.selectbox(key="health_team").set_value("North").run()
    assert not app.exception
    spec = chart(app, "health_team_bars")
    assert spec["title"]["text"] == "North, round by round"
    assert len(_layers(spec)[0]["encoding"]["y"]["sort"]) == 8  # a survey every quarter
    assert chart(app, "health_morale")["title"]["text"] == "North: morale next to results"
    trend = chart(app, "health_trend")
    line = next(layer for layer in _layers(trend) if layer["mark"].get("type") == "line")
    assert line["encoding"]["color"]["scale"]["domain"] == ["North", "South", "West", "All teams"]


def test_morale_next_to_results_and_a_chosen_result(app: AppTest) -> None:
    _open(app)
    shown = table(app, "health_results")
    assert list(shown.columns[:4]) == ["Team", "eNPS", "eNPS change", "Answers"]
    south = shown[shown["Team"] == "South"].iloc[0]
    assert south["eNPS"] == _signed(_enps_by_hand("2026-Q3", "South"))
    assert south["Revenue"].startswith("€")
    app.radio(key="health_result").set_value("win_rate").run()
    assert not app.exception
    bars = chart(app, "health_morale")["layer"][0]
    assert bars["encoding"]["y"]["title"] == "Win rate"


def test_suggestions_for_the_low_team_include_a_short_pulse_survey(app: AppTest) -> None:
    _open(app)
    texts = [i.value for i in app.main.get_by_key("health_suggestions").info]
    pulse = [t for t in texts if t.startswith("**Pulse surveys**")]
    assert len(pulse) == 1
    assert "South" in pulse[0]
    assert "at most 10 questions" in pulse[0]
    assert all("North" not in t and "West" not in t for t in texts)  # both are fine


def test_month_view_reports_the_last_survey_month(app: AppTest) -> None:
    app.radio(key="period_grain").set_value("Month").run()
    _open(app)
    # Surveys run once a quarter (in its last month), so the round before 2026-09 is 2026-06.
    assert app.selectbox(key="health_round").value == "2026-09"
    assert "2026-06" in app.caption[0].value.replace("\\", "")


def test_without_a_survey_the_page_says_which_sheet_switches_it_on(app: AppTest) -> None:
    data = xlsx({"Deals": [DEALS_HEADER, *DEALS_ROWS]})
    app.file_uploader(key="upload_file").set_value(("deals.xlsx", data, XLSX_MIME)).run()
    _open(app)
    (info,) = app.info
    assert "**Employee survey** sheet" in info.value
    assert not app.get("vega_lite_chart")


def test_a_survey_without_teams_shows_the_company_and_asks_for_a_team_column(
    app: AppTest,
) -> None:
    # 2026-Q1: 9, 10, 3, 7 -> promoters 2, detractors 1 of 4 -> eNPS +25.
    survey = [["Survey Date", "Score"], *(["2026-03-10", s] for s in (9, 10, 3, 7))]
    data = xlsx({"Deals": [DEALS_HEADER, *DEALS_ROWS], "Employee Survey": survey})
    app.file_uploader(key="upload_file").set_value(("two.xlsx", data, XLSX_MIME)).run()
    _open(app)
    assert app.subheader[0].value.replace("\\", "") == "Company eNPS +25, 4 answers"
    assert any("**Team** column" in i.value for i in app.info)


def test_in_dutch_the_page_reads_dutch_with_dutch_numbers(app: AppTest) -> None:
    app.radio(key="ui_language").set_value("nl").run()
    _open(app)
    assert app.title[0].value == "Teamgezondheid"
    now, before = _enps_by_hand("2026-Q3", "South"), _enps_by_hand("2026-Q2", "South")
    headline = app.subheader[0].value.replace("\\", "")
    assert headline.startswith(f"Team {LOW_ENPS_TEAM}: eNPS {_signed(now)}")
    assert f"gedaald van {_signed(before)} — laagste team" in headline
    assert [s.value for s in app.main.subheader[1:]] == [
        "In de tijd", "Stemming naast resultaten", "Wat te doen",
    ]  # fmt: skip
    assert chart(app, "health_team_bars")["title"]["text"] == "South, ronde voor ronde"
    shown = table(app, "health_results")
    assert list(shown.columns[:4]) == ["Team", "eNPS", "Verandering eNPS", "Antwoorden"]
    south = shown[shown["Team"] == "South"].iloc[0]
    # South's won deals closed in 2026-Q3, from the Deals sheet
    deals = pd.read_excel(SAMPLE, sheet_name="Deals", engine="calamine")
    close = pd.to_datetime(deals["Close Date"])
    q3 = deals[(deals["Stage"] == "Closed Won") & (deals["Team"] == "South")
               & (close >= "2026-07-01") & (close < "2026-10-01")]  # fmt: skip
    assert south["Omzet"] == f"€\u00a0{q3['Amount'].sum():,.0f}".replace(",", ".")
    assert shown["Team"].iloc[-1] == "Alle teams"
    assert app.selectbox(key="health_team").options[-1] == "Alle teams"
