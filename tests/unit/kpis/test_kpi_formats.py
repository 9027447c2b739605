"""KPI values, changes, labels and definitions in English and Dutch."""

from __future__ import annotations

import pytest

from analysis.kpis.labels import format_change, format_value, kpi_definition, kpi_label, kpi_variant
from analysis.kpis.registry import KPIS
from analysis.words.formats import short_money

NB = "\u00a0"


@pytest.mark.parametrize(
    ("key", "value", "currency", "shown"),
    [
        ("revenue", 12500.0, "EUR", f"€{NB}12.500"),
        ("revenue", -12500.0, "EUR", f"€{NB}−12.500"),
        ("revenue", 12500.4, None, "12.500"),
        ("avg_deal_size", 1234.5, "CHF", f"CHF{NB}1.234"),
        ("win_rate", 0.34, None, "34%"),
        ("market_share", 0.0123, None, "1,2%"),
        ("cycle_days", 12.0, None, "12 dagen"),
        ("cycle_days", 1.0, None, "1 dag"),
        ("lead_response_hours", 2.46, None, "2,5 u"),
        ("enps", 33.0, None, "+33"),
        ("nps", -4.0, None, "−4"),
        ("csat", 4.25, None, "4,2"),
        ("pipeline_coverage", 3.04, None, "3,0×"),
        ("pipeline_velocity", 1234.0, "EUR", f"€{NB}1.234/dag"),
        ("activities_per_won_deal", 12.35, None, "12,3"),  # 12.35 is 12.3499… in floats
        ("activities", 1234.0, None, "1.234"),
        ("win_rate", None, None, "—"),
        ("revenue", float("nan"), "EUR", "—"),
    ],
)
def test_format_value_in_dutch(
    key: str, value: float | None, currency: str | None, shown: str
) -> None:
    assert format_value(key, value, currency, "nl") == shown


@pytest.mark.parametrize("value", [0.0, 0.5, 1.5, 2.675, 12.0, 999.5, 1234.5, 57_400.0, -300.0])
@pytest.mark.parametrize("key", list(KPIS))
def test_english_is_the_registry_format(key: str, value: float) -> None:
    """English output is what the registry's str.format pattern writes (money: symbol first),
    with the real minus sign '−' for its hyphen."""
    entry = KPIS[key]
    expected = entry.fmt.format(abs(value) if entry.unit == "money" else value)
    if entry.unit == "money":
        expected = ("-" if value < 0 else "") + "€" + expected
    expected = expected.replace("-", "\u2212")
    if entry.unit == "days" and round(abs(value)) == 1:
        expected = expected.replace(" days", " day")
    assert format_value(key, value, "EUR") == expected


@pytest.mark.parametrize(
    ("key", "delta", "unit", "lang", "shown"),
    [
        ("win_rate", 0.05, "percent", "en", "+5 pts"),
        ("win_rate", 0.05, "percent", "nl", "+5 procentpunt"),
        ("win_rate", -0.12, "percent", "nl", "−12 procentpunt"),
        ("revenue", 12000.0, "money", "en", "+€12,000"),
        ("revenue", -12000.0, "money", "en", "−€12,000"),
        ("revenue", 12000.0, "money", "nl", f"€{NB}+12.000"),
        ("revenue", -12000.0, "money", "nl", f"€{NB}−12.000"),
        ("cycle_days", 3.0, "days", "en", "+3 days"),
        ("cycle_days", -1.0, "days", "en", "−1 day"),
        ("cycle_days", -1.0, "days", "nl", "−1 dag"),
        ("new_deals", 3.0, "count", "nl", "+3"),
        ("enps", 5.0, "score", "en", "+5"),  # once '++5': the sign was written twice
        ("enps", -5.0, "score", "en", "−5"),
        ("revenue", 0.0, "money", "en", "no change"),
        ("revenue", 0.0, "money", "nl", "ongewijzigd"),
        ("revenue", None, "money", "nl", ""),
    ],
)
def test_format_change(key: str, delta: float | None, unit: str, lang: str, shown: str) -> None:
    assert format_change(key, delta, unit, "EUR", lang) == shown


def test_short_money_keeps_its_arguments_and_speaks_dutch() -> None:
    assert short_money(-110_000, "€") == "\u2212€110k"
    assert short_money(2_134_000, "€", signed=True) == "+€2.13M"
    assert short_money(2_134_000, "€", lang="nl") == f"€{NB}2,13 mln"


def test_labels_and_definitions_in_both_languages() -> None:
    assert kpi_label("win_rate") == KPIS["win_rate"].label == "Win rate"
    assert kpi_label("win_rate", "nl") == "Winratio"
    assert kpi_label("avg_deal_size", "nl") == "Gemiddelde dealwaarde"
    assert kpi_label("cycle_days", "nl") == "Doorlooptijd"
    assert kpi_definition("revenue") == KPIS["revenue"].definition
    assert kpi_definition("win_rate", "nl").startswith("Gewonnen deals ÷ (gewonnen + verloren")
    assert kpi_variant("win_rate") == KPIS["win_rate"].variant
    assert kpi_variant("median_deal_size", "nl") == ""  # one way to work it out only


def test_dutch_says_winratio_for_win_rate_throughout() -> None:
    """One Dutch word for win rate: no 'win rate' or 'winstpercentage' left in the Dutch texts."""
    dutch = " ".join(kpi_definition(k, "nl") + kpi_label(k, "nl") for k in KPIS).lower()
    assert "winratio" in dutch
    assert "win rate" not in dutch
    assert "winstpercentage" not in dutch


def test_what_a_kpi_needs_in_dutch() -> None:
    import pandas as pd

    from analysis.kpis.registry import missing_inputs

    deals = pd.DataFrame({"amount": [1.0], "account": [None]})
    (lack,) = missing_inputs({"deals": deals}, "customer_retention")
    assert lack.text("en") == "Deals: Account"
    assert lack.text("nl") == "Deals: Klant"
    assert [x.text("nl") for x in missing_inputs({}, "csat")] == ["Klantfeedback"]
