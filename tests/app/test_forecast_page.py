"""The Forecast page, checked against plain pandas on the workbook it was given."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.words import formats as F
from analysis.words.catalogue import t
from tests.app.conftest import SAMPLE, chart, open_page, upload_sheets
from tests.builders import sample_as_of

CUT = pd.Timestamp("2026-08-20")  # 51 days into 2026-Q3
PAGE = "pages/forecast.py"
CLOSED = ["Closed Won", "Closed Lost"]


@pytest.fixture(scope="module")
def sheets() -> dict[str, pd.DataFrame]:
    return pd.read_excel(SAMPLE, sheet_name=None, engine="calamine")


def _said(at: AppTest) -> str:
    return " ".join(m.value for m in [*at.markdown, *at.caption]).replace("\\", "")


def _cards(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def test_the_sample_opens_with_its_headline_cards_and_charts(app: AppTest) -> None:
    open_page(app, PAGE)
    assert app.title[0].value == "Forecast"
    said = _said(app)
    assert "Forecast for 2026-Q4, made from the data up to 30 Sep 2026." in said
    assert "8 in 10 chance between" in said
    cards = _cards(app)
    assert {"Likely revenue", "Range (8 in 10 chance)", "Chance of making the target"} <= set(cards)
    assert cards["Won so far in 2026-Q4"][0] == "€0"  # the sample's last day closes 2026-Q3
    for key in ("forecast_ranges", "forecast_backtest", "forecast_reliability"):
        assert chart(app, key)["layer"]
    deals = app.main.get_by_key("forecast_deals").dataframe[0].value
    assert len(deals) == 10
    assert deals["Chance of winning"].str.endswith("%").all()


def test_the_cut_sample_agrees_with_the_deals_sheet(app: AppTest, sheets) -> None:
    cut = sample_as_of(sheets, CUT)
    upload_sheets(app, cut)
    open_page(app, PAGE)
    deals, targets = cut["Deals"], cut["Targets"]
    in_q3 = deals["Close Date"].between(pd.Timestamp("2026-07-01"), CUT)
    won = float(deals.loc[in_q3 & (deals["Stage"] == "Closed Won"), "Amount"].sum())
    open_deals = int((~deals["Stage"].isin(CLOSED)).sum())
    target = float(targets.loc[targets["Quarter"] == "2026-Q3", "Target"].sum())
    cards = _cards(app)
    assert cards["Won so far in 2026-Q3"][0] == F.short_money(won, "€")
    assert f"Expected from the {open_deals} open deals" in cards
    likely, under = cards["Likely revenue"]
    assert under.endswith(f"of the {F.short_money(target, '€')} target")
    said = _said(app)
    assert "Forecast for 2026-Q3, made from the data up to 20 Aug 2026." in said
    assert f"{F.short_money(won, '€')} won already" in said
    assert f"from the {open_deals} deals open now" in said
    assert f"Likely {likely} of the {F.short_money(target, '€')} target" in said
    chance = cards["Chance of making the target"][0]
    assert chance.endswith("%")
    assert 0 <= int(chance.rstrip("%")) <= 100


def test_the_page_in_dutch(app: AppTest) -> None:
    app.sidebar.radio(key="ui_language").set_value("nl").run()
    open_page(app, PAGE)
    assert app.title[0].value == "Prognose"
    said = _said(app)
    assert "Prognose voor 2026-Q4, gemaakt met de gegevens tot en met 30 sep 2026." in said
    assert "8 op 10 kans tussen" in said
    assert "Waarschijnlijke omzet" in _cards(app)
    deals = app.main.get_by_key("forecast_deals").dataframe[0].value
    assert "Kans op winst" in deals.columns
    assert chart(app, "forecast_ranges")["title"]["text"] == "Waar elk team waarschijnlijk uitkomt"


def test_without_created_dates_it_says_it_used_the_win_rates(app: AppTest, sheets) -> None:
    upload_sheets(app, {**sheets, "Deals": sheets["Deals"].drop(columns=["Created Date"])})
    open_page(app, PAGE)
    assert t("forecast.method.no_created") in _said(app)
    assert _cards(app)["Range (8 in 10 chance)"][0] != "—"


def test_five_deals_say_too_little_history_and_still_show_a_range(app: AppTest) -> None:
    deals = pd.DataFrame(
        {
            "Deal ID": [f"D{i}" for i in range(1, 6)],
            "Deal Name": ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"],
            "Account": ["A", "B", "C", "D", "E"],
            "Sales Rep": ["Ann", "Ann", "Ann", "Bob", "Bob"],
            "Team": ["North"] * 5,
            "Stage": ["Closed Won", "Closed Lost", "Proposal", "Closed Won", "Negotiation"],
            "Amount": [10_000, 20_000, 30_000, 15_000, 40_000],
            "Created Date": pd.to_datetime(
                ["2026-01-05", "2026-01-10", "2026-02-01", "2026-02-03", "2026-03-01"]
            ),
            "Close Date": pd.to_datetime(
                ["2026-02-10", "2026-02-20", "2026-04-15", "2026-03-05", "2026-04-30"]
            ),
        }
    )
    upload_sheets(app, {"Deals": deals}, "tiny.xlsx")
    open_page(app, PAGE)
    assert t("forecast.method.short_history") in _said(app)
    low_high = _cards(app)["Range (8 in 10 chance)"][0]
    assert low_high not in ("", "—")
    assert chart(app, "forecast_ranges")["layer"]
