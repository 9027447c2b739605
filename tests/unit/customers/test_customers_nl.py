"""The Customers page's sentences in Dutch, worked out by hand."""

from __future__ import annotations

import pytest

from analysis.customers import headline as H
from analysis.customers import satisfaction as C
from analysis.model import schema as S
from analysis.model.periods import PeriodSpec
from tests.tables import dataset, frame

QUARTER = PeriodSpec("quarter")


def test_headline_sentence_in_dutch() -> None:
    h = H.Headline("2026-Q2", "2026-Q1", "nps", 37.0, 26.4, 0.43, 0.35, 0.2, 0.19, 10)
    # +37 vs +26.4: 10.6 → 11 points; 43% vs 35%: 8 points of a percentage; 20% vs 19%: 1
    assert H.headline_sentence(h, "2025-Q3 – 2026-Q2").text("nl") == (
        "2026-Q2: NPS +37 (11 punten hoger), 43% van de klanten van de vorige periode kocht "
        "opnieuw (8 procentpunt hoger) en de top 10 accounts brachten 20% van de omzet van "
        "2025-Q3 – 2026-Q2 (1 procentpunt hoger)."
    )
    csat = H.Headline("2026-Q2", "2026-Q1", "csat", 3.44, 3.6, None, None, None, None, 0)
    # 3.44 shown as 3,4; 3.44 − 3.6 = −0.16 → 0,2 lower
    assert (
        H.headline_sentence(csat, "x").text("nl")
        == "2026-Q2: klanttevredenheid 3,4 van 5 (0,2 lager)."
    )
    nothing = H.Headline("2026-Q2", "2026-Q1", None, None, None, None, None, None, None, 0)
    assert (
        H.headline_sentence(nothing, "x").text("nl")
        == "2026-Q2: geen klantcijfers voor deze periode."
    )


@pytest.mark.parametrize(
    ("key", "now", "before", "en", "nl"),
    [
        ("customer_retention", 0.43, 0.35, "+8 pts", "+8 procentpunt"),
        ("customer_retention", 0.20, 0.19, "+1 pt", "+1 procentpunt"),
        ("market_share", 0.041, 0.043, "−0.2 pts", "−0,2 procentpunt"),  # 4.1% vs 4.3%
        ("csat", 3.44, 3.2, "+0.2", "+0,2"),
        ("nps", 37.0, 26.4, "+11", "+11"),
        ("customer_retention", 0.43, 0.43, "no change", "ongewijzigd"),
    ],
)
def test_card_changes_in_english_and_dutch(
    key: str, now: float, before: float, en: str, nl: str
) -> None:
    change = H.format_delta(key, now, before)
    assert change is not None
    assert change.text("en") == en
    assert change.text("nl") == nl


def test_feedback_period_note_in_dutch() -> None:
    calls = frame("rep date score", [("Jim", "2021-01-04", 3.0), ("Jim", "2021-03-02", 5.0)],
                  dates=(S.DATE,))  # fmt: skip
    choice = C.period_choice(dataset(customer_feedback=calls), QUARTER)
    assert choice.current == "2021-Q1"
    assert choice.note.text("nl") == (
        "Je ziet 2021-Q1, die nog niet volledig is: de antwoorden lopen tot 2 mrt 2021."
    )
