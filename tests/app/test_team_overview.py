"""The Team overview page on the sample data, driven through AppTest."""

from __future__ import annotations

import pandas as pd
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest

from tests.app.conftest import SAMPLE, XLSX_MIME, chart, open_page
from tests.builders import dutch_crm_xlsx


def _open(app: AppTest) -> AppTest:
    return open_page(app, "pages/team_overview.py")


def test_cards_show_the_current_period_against_the_previous(app: AppTest) -> None:
    _open(app)
    labels = [m.label for m in app.metric]
    assert labels[:3] == ["Revenue", "Target attainment", "Win rate"]
    assert "2026-Q3" in app.caption[0].value.replace("\\", "")
    assert all(m.value != "" for m in app.metric)


def test_leaderboard_changes_with_the_kpi(app: AppTest) -> None:
    _open(app)
    by_revenue = chart(app, "overview_board")
    assert by_revenue["encoding"]["x"]["title"] == "Revenue"
    app.selectbox(key="overview_board_kpi").set_value("win_rate").run()
    assert not app.exception
    by_win_rate = chart(app, "overview_board")
    assert by_win_rate["encoding"]["x"]["title"] == "Win rate"
    assert by_win_rate["encoding"]["x"]["axis"]["format"] == ".0%"


def test_trend_highlights_a_rep(app: AppTest) -> None:
    _open(app)
    app.selectbox(key="overview_trend_kpi").set_value("win_rate").run()
    app.selectbox(key="overview_rep").set_value("Emma Smit").run()
    assert not app.exception
    spec = chart(app, "overview_trend")
    assert spec["encoding"]["color"]["scale"]["domain"] == ["Median rep of the team", "Emma Smit"]
    app.selectbox(key="overview_rep").set_value("—").run()  # no rep: the team's own line
    assert chart(app, "overview_trend")["encoding"]["color"]["scale"]["domain"] == ["Team"]
    assert spec["title"]["text"] == "Win rate per period"


def test_attainment_chart_and_team_filter(app: AppTest) -> None:
    _open(app)
    assert chart(app, "overview_attainment")["title"]["text"].startswith("Target attainment")
    app.selectbox(key="overview_team").set_value("South").run()
    assert not app.exception
    bars = chart(app, "overview_attainment")["layer"][0]["encoding"]["y"]["sort"]
    assert set(bars) <= {"Emma Smit", "Noah Meijer", "Daan Visser", "Julia de Boer"}


def test_month_view_shows_the_last_complete_month(app: AppTest) -> None:
    app.radio(key="period_grain").set_value("Month").run()
    _open(app)
    assert "2026-09" in app.caption[0].value.replace("\\", "")
    spec = chart(app, "overview_board")
    assert spec["height"] == {"step": 34}  # one readable bar per rep


def test_region_filter_narrows_every_number(app: AppTest) -> None:
    _open(app)
    app.selectbox(key="overview_region").set_value("Noord-Holland").run()
    assert not app.exception
    board = set(chart(app, "overview_board")["encoding"]["y"]["sort"])
    # In the sample's Reps sheet, Anna de Vries and Finn Hendriks work Noord-Holland.
    assert board == {"Anna de Vries", "Finn Hendriks"}
    # The revenue card is theirs alone, worked out here with plain pandas from the workbook.
    deals = pd.read_excel(SAMPLE, sheet_name="Deals", engine="calamine")
    reps = pd.read_excel(SAMPLE, sheet_name="Reps", engine="calamine")
    region = set(reps.loc[reps["Region"] == "Noord-Holland", "Sales Rep"])
    q3 = deals["Close Date"].between("2026-07-01", "2026-09-30")
    won = deals["Stage"].eq("Closed Won") & deals["Sales Rep"].isin(region) & q3
    assert app.metric[0].label == "Revenue"
    assert app.metric[0].value == f"€{deals.loc[won, 'Amount'].sum():,.0f}"


def _won_in_q3() -> pd.DataFrame:
    """The sample's won deals closed in 2026-Q3, read from the workbook with plain pandas."""
    return _won_in("2026-07-01", "2026-09-30")


def _won_in(first: str, last: str) -> pd.DataFrame:
    """The sample's won deals closed between two days, read from the workbook with plain pandas."""
    deals = pd.read_excel(SAMPLE, sheet_name="Deals", engine="calamine")
    return deals[deals["Stage"].eq("Closed Won") & deals["Close Date"].between(first, last)]


def _dutch(amount: float) -> str:
    """Euros the Dutch way: '€', a no-break space, dots between thousands."""
    return "€\u00a0" + f"{amount:,.0f}".replace(",", ".")


def test_in_dutch_the_page_speaks_dutch_and_writes_dutch_numbers(app: AppTest) -> None:
    app.radio(key="ui_language").set_value("nl").run()
    _open(app)
    assert app.title[0].value == "Teamoverzicht"
    assert [m.label for m in app.metric] == [
        "Omzet",
        "Targetrealisatie",
        "Winratio",
        "Nieuwe deals",
        "Gem. dealwaarde",
        "Doorlooptijd",
    ]
    # A short title on the card (it is never cut at 1366 px); its help names the KPI in full.
    assert app.metric[3].proto.help.startswith("**Nieuwe deals (aanvragen)**: ")
    assert app.metric[4].proto.help.startswith("**Gemiddelde dealwaarde**: ")
    won = _won_in_q3()
    assert round(won["Amount"].sum()) == 2_070_648  # 2,070,648.24 in the Deals sheet
    assert app.metric[0].value == "€\u00a02.070.648"
    assert app.metric[5].value.endswith(" dagen")
    # The sample's last dated row (a deal created, a deal closed) is 30 Sep 2026.
    caption = app.caption[0].value.replace("\\", "")
    assert caption.startswith("Je ziet 2026-Q3, de laatste volledige periode")
    assert "30 sep 2026" in caption
    assert caption.endswith(" Vergeleken met 2026-Q2.")
    team = app.selectbox(key="overview_team")
    assert team.options == ["Alle teams", "North", "South", "West"]
    assert team.value == "All teams"  # the value is the same in both languages
    assert app.selectbox(key="overview_region").options[0] == "Alle regio's"
    assert app.selectbox(key="overview_board_kpi").label == "Ranglijst op"
    assert app.selectbox(key="overview_board_kpi").value == "revenue"
    assert chart(app, "overview_trend")["encoding"]["y"]["title"] == "Omzet"
    by_rep = won.groupby("Sales Rep")["Amount"].sum()
    top = app.success[0].value
    assert top == f"Beste: **{by_rep.idxmax()}** — {_dutch(by_rep.max())}"
    assert top == "Beste: **Anna de Vries** — €\u00a0412.941"
    meaning = app.dataframe[-1].value
    assert meaning.columns.tolist() == ["KPI", "Wat het betekent", "Gekozen variant"]
    assert meaning["KPI"].iloc[0] == "Omzet"


def test_in_dutch_a_region_and_its_reps_are_named_in_the_caption(app: AppTest) -> None:
    app.radio(key="ui_language").set_value("nl").run()
    _open(app)
    app.selectbox(key="overview_region").set_value("Noord-Holland").run()
    assert not app.exception
    caption = app.caption[0].value.replace("\\", "")
    assert caption.endswith(
        "Vergeleken met 2026-Q2. Regio Noord-Holland: Anna de Vries, Finn Hendriks."
    )
    # Anna de Vries and Finn Hendriks won 412,940.91 + 128,378.39 in 2026-Q3 (Deals sheet).
    won = _won_in_q3()
    region = won[won["Sales Rep"].isin(["Anna de Vries", "Finn Hendriks"])]["Amount"].sum()
    assert app.metric[0].value == _dutch(region) == "€\u00a0541.319"


def test_a_fall_shows_a_red_arrow_down_whatever_its_minus_sign(app: AppTest) -> None:
    # The sample's deals created in 2026-Q2: 374, in 2026-Q3: 349 (counted by hand from the
    # Deals sheet's Created Date). The card writes the fall with a real minus sign, red and
    # down, in both languages (Streamlit itself reads only a leading '-' as a fall).
    deals = pd.read_excel(SAMPLE, sheet_name="Deals", engine="calamine")
    created = deals["Created Date"]
    q2, q3 = (created.between(a, b).sum() for a, b in (("2026-04-01", "2026-06-30"),
                                                        ("2026-07-01", "2026-09-30")))  # fmt: skip
    assert (q2, q3) == (374, 349)
    for lang in ("en", "nl"):
        app.radio(key="ui_language").set_value(lang).run()
        _open(app)
        new_deals = app.metric[3].proto
        assert (new_deals.body, new_deals.delta) == ("349", "\u221225")
        assert new_deals.color == MetricProto.MetricColor.RED
        assert new_deals.direction == MetricProto.MetricDirection.DOWN
        revenue = app.metric[0].proto  # +€56,697: up and green
        assert revenue.color == MetricProto.MetricColor.GREEN
        assert revenue.direction == MetricProto.MetricDirection.UP


def test_a_dutch_crm_workbook_shows_its_euros(app: AppTest) -> None:
    # The sample's deals written as a Dutch CRM does ('€ 17.280,00', Dutch headers, no
    # currency column): the currency comes from the cells, so every amount carries its €.
    app.switch_page("pages/upload.py").run()
    workbook = ("crm.xlsx", dutch_crm_xlsx(), XLSX_MIME)
    app.file_uploader(key="upload_file").set_value(workbook).run()
    assert app.session_state["upload_is_sample"] is False
    app.radio(key="ui_language").set_value("nl").run()
    _open(app)
    assert "Deals: 3.031 rijen" in " ".join(m.value for m in app.sidebar.markdown)
    assert app.metric[0].value == _dutch(_won_in_q3()["Amount"].sum()) == "€\u00a02.070.648"
    assert app.metric[4].value.startswith("€\u00a0")  # the average deal size too
    app.radio(key="ui_language").set_value("en").run()
    assert app.metric[0].value == "€2,070,648"


def test_a_new_reps_short_bar_says_why(app: AppTest) -> None:
    # the workbook: Mila Peters's first deal and first activity fall in 2026-Q2, nobody else's
    sheets = pd.read_excel(SAMPLE, sheet_name=["Deals", "Activities"], engine="calamine")
    first = pd.concat(
        [sheets["Deals"].groupby("Sales Rep")["Created Date"].min(),
         sheets["Activities"].groupby("Sales Rep")["Date"].min()], axis=1
    ).min(axis=1)  # fmt: skip
    assert list(first[first >= "2026-04-01"].index) == ["Mila Peters"]
    _open(app)
    captions = " ".join(c.value for c in app.main.get_by_key("overview_attainment").caption)
    assert "Ramping: Mila Peters. No deals before 2026-Q2" in captions.replace("\\", "")
