"""The Team health page's sentences and table in Dutch, worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.charts.health import morale_table
from analysis.health.team_health import EVERYONE, TeamMood, headline
from analysis.health.views import morale_rows, together
from analysis.kpis.labels import team_name


def mood(now: float, before: float | None, team: str = "South", answers: int = 5) -> TeamMood:
    """A team with enough answers now, ranked, and `before` in 2026-Q1."""
    return TeamMood(team, "2026-Q2", now, answers, before, "2026-Q1", 1, False)


def test_headline_in_dutch() -> None:
    teams = [
        mood(-50, 25, answers=4),
        TeamMood(EVERYONE, "2026-Q2", 0, 9, 10, "2026-Q1", None, False),
    ]
    assert headline(teams).text("nl") == (
        "Team South: eNPS −50, gedaald van +25 — het enige team met genoeg antwoorden, 4 antwoorden"
    )
    company = [TeamMood(EVERYONE, "2026-Q2", 25, 4, None, None, None, False)]
    assert headline(company).text("nl") == "eNPS van het bedrijf +25, 4 antwoorden"


@pytest.mark.parametrize(
    ("now", "before", "revenue", "expected"),
    [
        # eNPS +25 → −50, revenue 100k → 80k (−20 %): both fell
        (-50, 25, (100_000, 80_000),
         "South: stemming en resultaten daalden samen (eNPS +25 → −50, omzet € 100k → € 80k)."),
        # +20 → +25 (< 10 points), 100k → 103k (< 5 %): both steady
        (25, 20, (100_000, 103_000),
         "South: stemming en resultaten bleven allebei gelijk (eNPS +20 → +25, omzet € 100k → "
         "€ 103k)."),
        # +40 → +10 (−30), 200k → 260k (+30 %): apart
        (10, 40, (200_000, 260_000),
         "South: de stemming daalde terwijl de resultaten stegen (eNPS +40 → +10, omzet € 200k "
         "→ € 260k)."),
    ],
)  # fmt: skip
def test_together_in_dutch(
    now: float, before: float, revenue: tuple[float, float], expected: str
) -> None:
    got = together(mood(now, before), revenue[1], revenue[0], "€").text("nl")
    assert got == expected.replace("€ ", "€\u00a0")  # Dutch: a no-break space after €


def test_morale_table_in_dutch() -> None:
    # South's revenue 80,000 now and 100,000 before, attainment 80 %, win rate 25 %.
    rows = [
        ("team", "South", None, "2026-Q2", "revenue", 80_000.0, 8),
        ("team", "South", None, "2026-Q1", "revenue", 100_000.0, 10),
        ("team", "South", None, "2026-Q2", "target_attainment", 0.8, 8),
        ("team", "South", None, "2026-Q2", "win_rate", 0.25, 32),
        ("all", None, None, "2026-Q2", "revenue", 1_234_567.0, 90),
    ]
    table = pd.DataFrame(rows, columns=["scope", "team", "rep", "period", "kpi", "value", "n"])
    few = TeamMood(EVERYONE, "2026-Q2", 10, 2, None, None, None, True)
    shown = morale_table(morale_rows([mood(-50, 25), few], table, "EUR"), "EUR", "nl")
    assert list(shown.columns) == [
        "Team", "eNPS", "Verandering eNPS", "Antwoorden", "Omzet", "Targetrealisatie",
        "Winratio", "Stemming en resultaten",
    ]  # fmt: skip
    south, company = shown.to_dict("records")
    assert (south["eNPS"], south["Verandering eNPS"], south["Omzet"]) == (
        "−50",
        "−75",
        "€\u00a080.000",
    )
    assert (south["Targetrealisatie"], south["Winratio"]) == ("80%", "25%")
    assert company["Team"] == "Alle teams"
    assert company["eNPS"] == "+10 (weinig antwoorden)"
    assert company["Omzet"] == "€\u00a01.234.567"
    assert company["Stemming en resultaten"] == (
        "Geen eerdere ronde van Alle teams om mee te vergelijken."
    )
    assert team_name(EVERYONE) == "All teams"
    assert team_name("South", "nl") == "South"
