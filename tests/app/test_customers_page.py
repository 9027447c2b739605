"""The Customers page on the sample data and on exports that lack its tables, through AppTest."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from sample_data.generate import REPS
from tests.app.conftest import SAMPLE, chart, open_page, upload_sheets

BEST, WORST = max(REPS, key=lambda r: r.nps).name, min(REPS, key=lambda r: r.nps).name


def _open(app: AppTest) -> AppTest:
    return open_page(app, "pages/customers.py")


def _infos(app: AppTest) -> str:
    return " ".join(i.value for i in app.info)


def test_the_point_comes_first(app: AppTest) -> None:
    _open(app)
    headline = app.main.get_by_key("customers_headline").subheader[0].value.replace("\\", "")
    assert headline.startswith("2026-Q3: NPS +")
    assert "bought again" in headline
    assert "top 10 accounts brought" in headline
    labels = [m.label for m in app.metric]
    assert labels[:4] == [
        "Net Promoter Score (NPS)",
        "Customer retention",
        "Repeat-purchase share",
        "Market share",
    ]
    assert all(m.value != "—" for m in app.metric)  # the sample has every table now


def test_nps_per_rep_this_quarter_and_over_a_year(app: AppTest) -> None:
    _open(app)
    spec = chart(app, "customers_sat_reps")
    assert spec["title"]["text"] == "NPS per rep, 2026-Q3"
    app.segmented_control(key="customers_sat_window").set_value("Last 12 months").run()
    assert not app.exception
    spec = chart(app, "customers_sat_reps")
    assert spec["title"]["text"] == "NPS per rep, 2025-Q4 – 2026-Q3"
    order = spec["layer"][0]["encoding"]["y"]["sort"]
    # planted: Anna de Vries's customers score highest, Liam Mulder's lowest (of the ranked)
    assert order[0] == BEST
    assert order.index(WORST) == len(order) - 2  # only the new hire, not ranked, below him
    assert order[-1] == "Mila Peters"


def test_team_filter_narrows_the_reps(app: AppTest) -> None:
    _open(app)
    app.selectbox(key="customers_team").set_value("West").run()
    assert not app.exception
    reps = set(chart(app, "customers_sat_reps")["layer"][0]["encoding"]["y"]["sort"])
    assert reps == {r.name for r in REPS if r.team == "West"}
    trend = chart(app, "customers_sat_trend")
    assert trend["layer"][-1]["encoding"]["color"]["scale"]["domain"] == ["Company", "West"]


def test_retention_market_and_accounts_are_drawn(app: AppTest) -> None:
    _open(app)
    retention = chart(app, "customers_retention")
    assert retention["encoding"]["color"]["scale"]["domain"] == [
        "Customer retention",
        "Repeat-purchase share",
    ]
    assert chart(app, "customers_market")["title"]["text"].startswith("Market share: ")
    top = chart(app, "customers_top_accounts")
    assert top["title"]["text"].startswith("Top 10 accounts: ")
    assert top["title"]["text"].endswith("2025-Q4 – 2026-Q3")
    # the ten accounts with the most won revenue over the last four quarters, by plain pandas
    deals = pd.read_excel(SAMPLE, sheet_name="Deals", engine="calamine")
    won = deals[(deals["Stage"] == "Closed Won")]
    close = pd.to_datetime(won["Close Date"])
    year = won[(close >= "2025-10-01") & (close < "2026-10-01")]
    by_account = year.groupby("Account")["Amount"].sum().sort_values(ascending=False)
    assert top["layer"][0]["encoding"]["y"]["sort"] == by_account.index[:10].tolist()
    half = int((by_account.cumsum() / year["Amount"].sum() < 0.5).sum()) + 1
    assert chart(app, "customers_concentration")["title"]["text"] == (
        f"{half} of {len(by_account)} accounts bring half the revenue"
    )


def test_missing_tables_say_what_would_switch_them_on(app: AppTest) -> None:
    deals = pd.DataFrame(
        {
            "Opportunity Owner": ["Ann", "Ann", "Bo", "Bo"],
            "Amount": [1000, 2000, 1500, 500],
            "Stage": ["Closed Won", "Closed Lost", "Closed Won", "Closed Won"],
            "Close Date": ["2026-01-15", "2026-02-10", "2026-03-10", "2026-04-20"],
        }
    )
    upload_sheets(app, {"Deals": deals})
    _open(app)
    text = _infos(app)
    assert "Customer satisfaction needs: Customer feedback" in text
    assert "Customer retention needs: Deals: Account" in text
    assert "Market share needs: Market" in text
    assert "Revenue by account needs: Deals: Account" in text
    assert not app.main.get("vega_lite_chart")  # no empty charts
    assert not app.metric  # nor empty cards


def test_a_call_centre_log_shows_csat_per_agent(app: AppTest) -> None:
    # Feedback only (no deals): the period comes from the answers, CSAT is a mean of 1-5.
    calls = pd.DataFrame(
        {
            "Agent": ["Jim"] * 12 + ["Joe"] * 3,
            "Date": ["2021-01-05"] * 6 + ["2021-03-30"] * 6 + ["2021-02-01"] * 3,
            "Satisfaction rating": [5, 4, 4, 3, 5, 4, 4, 5, 3, 4, 5, 2, 1, 2, 3],
        }
    )
    upload_sheets(app, {"Sheet1": calls}, "calls.xlsx")
    _open(app)
    headline = app.main.get_by_key("customers_headline").subheader[0].value.replace("\\", "")
    # 15 answers, 5+4+4+3+5+4+4+5+3+4+5+2+1+2+3 = 54: 54 / 15 = 3.6
    assert headline == "2021-Q1: customer satisfaction 3.6 of 5."
    spec = chart(app, "customers_sat_reps")
    assert spec["title"]["text"] == "Customer satisfaction per rep, 2021-Q1"
    assert spec["layer"][0]["encoding"]["y"]["sort"] == ["Jim", "Joe"]  # Joe: 3 answers
    assert "Customer retention needs: Deals" in _infos(app)
    assert [m.label for m in app.metric] == ["Customer satisfaction (CSAT)"]  # no empty cards


def test_in_dutch_the_call_centre_log_reads_dutch(app: AppTest) -> None:
    calls = pd.DataFrame(
        {
            "Agent": ["Jim"] * 12 + ["Joe"] * 3,
            "Date": ["2021-01-05"] * 6 + ["2021-03-30"] * 6 + ["2021-02-01"] * 3,
            "Satisfaction rating": [5, 4, 4, 3, 5, 4, 4, 5, 3, 4, 5, 2, 1, 2, 3],
        }
    )
    app.radio(key="ui_language").set_value("nl").run()
    upload_sheets(app, {"Sheet1": calls}, "calls.xlsx")
    _open(app)
    assert app.title[0].value == "Klanten"
    assert [tab.label for tab in app.tabs] == [
        "Tevredenheid", "Klantbehoud", "Marktaandeel", "Accounts",
    ]  # fmt: skip
    headline = app.main.get_by_key("customers_headline").subheader[0].value.replace("\\", "")
    assert headline == "2021-Q1: klanttevredenheid 3,6 van 5."  # 54 / 15 = 3.6
    assert [m.label for m in app.metric] == ["Klanttevredenheid (CSAT)"]
    assert app.metric[0].value == "3,6"
    caption = app.caption[0].value.replace("\\", "")
    # the answers stop on Tuesday 30 March, before Q1's last working day (31 March)
    assert caption.startswith("Je ziet 2021-Q1, die nog niet volledig is")
    assert "de antwoorden lopen tot 30 mrt 2021" in caption
    assert chart(app, "customers_sat_reps")["title"]["text"] == (
        "Klanttevredenheid per verkoper, 2021-Q1"
    )
    assert "Voor het klantbehoud is nodig: Deals" in _infos(app)


def test_in_dutch_the_accounts_tab_writes_dutch_titles(app: AppTest) -> None:
    app.radio(key="ui_language").set_value("nl").run()
    _open(app)
    deals = pd.read_excel(SAMPLE, sheet_name="Deals", engine="calamine")
    won = deals[(deals["Stage"] == "Closed Won")]
    close = pd.to_datetime(won["Close Date"])
    year = won[(close >= "2025-10-01") & (close < "2026-10-01")]
    by_account = year.groupby("Account")["Amount"].sum().sort_values(ascending=False)
    share = round(100 * by_account.iloc[:10].sum() / year["Amount"].sum())
    top = chart(app, "customers_top_accounts")["title"]["text"]
    assert top == f"Top 10 accounts: {share}% van de omzet, 2025-Q4 – 2026-Q3"
    half = int((by_account.cumsum() / year["Amount"].sum() < 0.5).sum()) + 1
    assert chart(app, "customers_concentration")["title"]["text"] == (
        f"{half} van de {len(by_account)} accounts brengen de helft van de omzet"
    )
    assert app.selectbox(key="customers_team").options[0] == "Alle teams"
