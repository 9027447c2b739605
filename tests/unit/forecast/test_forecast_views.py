"""The Forecast page's view, from a small forecast made by hand (not by `outlook.forecast`)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.forecast.backtest import Backtest
from analysis.forecast.outlook import DEAL_COLUMNS, SCOPE_COLUMNS, Forecast
from analysis.forecast.views import (
    Span,
    forecast_view,
    reliability_table,
    variance_share,
    written,
)
from analysis.words.message import text

NL = "\u00a0"


def _scopes() -> pd.DataFrame:
    rows = [
        # scope, team, rep, won, open, new, expected, p10, p50, p90, target, chance, deals
        ("rep", "North", "Anna", 100e3, 150e3, 50e3, 300e3, 250e3, 300e3, 350e3, 400e3, 0.05, 2),
        ("rep", "North", "Bram", 0.0, 40e3, 10e3, 50e3, 20e3, 45e3, 90e3, float("nan"),
         float("nan"), 1),
        ("team", "North", None, 100e3, 190e3, 60e3, 350e3, 280e3, 345e3, 420e3, 400e3, 0.2, 3),
        ("all", None, None, 100e3, 190e3, 60e3, 350e3, 280e3, 345e3, 420e3, 400e3, 0.2, 3),
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=SCOPE_COLUMNS)


def _deals() -> pd.DataFrame:
    deals = pd.DataFrame(
        {
            "deal_id": ["D1", "D2", "D3"],
            "deal": ["Small sure", "Big unsure", "Mid"],
            "account": ["A", "B", "C"],
            "rep": ["Anna", "Anna", "Bram"],
            "team": ["North"] * 3,
            "stage": ["Proposal"] * 3,
            "amount": [50.0, 200.0, 100.0],
            "expected_close": pd.to_datetime(["2026-10-01"] * 3),
            "probability": [0.1, 0.9, 0.5],
            "baseline": [0.4] * 3,
            "reasons": [[], [("stage", 20.0)], []],
            "age": [10.0] * 3,
            "days_since_activity": [3.0] * 3,
            "source": ["Referral"] * 3,
            "product": ["X"] * 3,
            "account_won": [0.0] * 3,
            "rep_rate": [0.4] * 3,
            "days_in_stage": [12.0] * 3,
        }
    )
    return deals[DEAL_COLUMNS]


@pytest.fixture
def fc() -> Forecast:
    periods = pd.DataFrame(
        {"period": ["2026-Q3", "2026-Q3"], "method": ["model", "baseline"], "p10": [90.0, 80.0],
         "p50": [100.0, 120.0], "p90": [110.0, 150.0], "actual": [105.0, 105.0],
         "error": [-0.05, 0.14], "inside": [True, True]}
    )  # fmt: skip
    return Forecast(
        period="2026-Q4", as_of=pd.Timestamp("2026-09-30"), method="model", why="better",
        scopes=_scopes(), deals=_deals(), backtest=Backtest(periods, pd.DataFrame()),
        reliability=pd.DataFrame(columns=["band", "predicted", "actual", "deals"]),
    )  # fmt: skip


def test_each_deal_s_share_of_the_variance() -> None:
    # a²·p·(1−p): 50²·.1·.9 = 225; 200²·.9·.1 = 3600; 100²·.5·.5 = 2500; total 6325
    share = variance_share(_deals())
    assert share == pytest.approx([225 / 6325, 3600 / 6325, 2500 / 6325])


def test_the_deals_that_matter_most_are_large_and_uncertain(fc: Forecast) -> None:
    view = forecast_view(fc, "EUR")
    table = written(view.deals, "en")
    assert list(table["Deal"]) == ["Big unsure", "Mid", "Small sure"]
    assert list(table["Chance of winning"]) == ["90%", "50%", "10%"]
    assert list(table["Share of the uncertainty"]) == ["57%", "40%", "4%"]  # 3600/6325 …
    assert table["Why this chance"][0] == "in Proposal for 12 days: +20 pts"
    assert table["Why this chance"][1] == "no single factor stands out"
    assert list(written(view.deals, "nl").columns)[3] == "Kans op winst"


@pytest.mark.parametrize(
    ("lang", "cards"),
    [
        ("en", {"Likely revenue": ("€345k", "86% of the €400k target"),
                "Range (8 in 10 chance)": ("€280–420k", "1 in 10 lower, 1 in 10 higher"),
                "Chance of making the target": ("20%", "Share of simulated outcomes"),
                "Won so far in 2026-Q4": ("€100k", ""),
                "Expected from the 3 open deals": ("€190k", ""),
                "Expected from new deals": ("€60k", "")}),
        ("nl", {"Waarschijnlijke omzet": (f"€{NL}345k", f"86% van het target van €{NL}400k"),
                "Bandbreedte (8 op 10 kans)": (f"€{NL}280–420k", "1 op 10 lager, 1 op 10 hoger"),
                "Kans om het target te halen": ("20%", "Deel van de gesimuleerde uitkomsten")}),
    ],
)  # fmt: skip
def test_cards(fc: Forecast, lang: str, cards: dict[str, tuple[str, str]]) -> None:
    view = forecast_view(fc, "EUR")
    shown = {
        text(c.label, lang): (text(c.value, lang), text(c.delta, lang) or "") for c in view.cards
    }
    for label, (value, under) in cards.items():
        assert shown[label] == (value, under)


def test_rep_table_and_ranges_are_sorted_by_likely_revenue(fc: Forecast) -> None:
    view = forecast_view(fc, "EUR")
    reps = written(view.reps, "en")
    assert list(reps["Rep"]) == ["Anna", "Bram"]
    assert list(reps["Range (8 in 10)"]) == ["€250k – €350k", "€20k – €90k"]
    assert list(reps["Target"]) == ["€400k", "—"]
    assert list(reps["Chance of target"]) == ["5%", "—"]
    assert list(view.ranges["team"]["name"]) == ["North"]


def test_the_backtest_table_puts_model_and_win_rates_side_by_side(fc: Forecast) -> None:
    table = written(forecast_view(fc, "EUR").backtest, "nl")
    row = table.iloc[0]
    assert row["Werkelijke omzet"] == f"€{NL}105"
    assert (row["Ernaast"], row["Prognose op winkans ernaast"]) == ("5%", "14%")
    assert row["Binnen de bandbreedte"] == "Ja"


@pytest.mark.parametrize(
    ("low", "high", "lang", "shown"),
    [
        (1.86e6, 2.35e6, "en", "€1.86–2.35M"),  # one symbol, one unit: as narrow as a card
        (1.86e6, 2.35e6, "nl", f"€{NL}1,86–2,35 mln"),
        (98e3, 1.2e6, "en", "€98k – €1.2M"),  # units differ: both written in full
        (float("nan"), 1.2e6, "en", "— – €1.2M"),
    ],
)
def test_a_span_writes_its_unit_once(low: float, high: float, lang: str, shown: str) -> None:
    assert Span(low, high, "€").text(lang) == shown


def test_the_reliability_bands_in_words() -> None:
    bands = pd.DataFrame({"band": [0.3], "predicted": [0.352], "actual": [0.3562], "deals": [1460]})
    table = written(reliability_table(bands), "nl")
    assert table.iloc[0].tolist() == ["30–40%", "35%", "36%", "1.460"]
