"""What the Team health page draws, worked out: the round's moods and morale next to results.

`round_view` gives the survey round the page shows (every team's mood, the team to show first,
the headline); `morale_rows` gives each team's eNPS next to its sales results and whether the
two moved together. Sentences are `Say`s, written in the reader's language where drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.health.team_health import (
    EVERYONE,
    RESULT_KPIS,
    Enps,
    TeamMood,
    headline,
    moods,
    team_words,
)
from analysis.kpis.labels import currency_symbol
from analysis.kpis.query import kpi_value
from analysis.words.message import Say, fmt

MORALE_STEP = 10.0  # eNPS points: a smaller change is "held steady"
RESULT_STEP = 0.05  # share of revenue: a smaller change is "held steady"


@dataclass(frozen=True)
class RoundView:
    """One survey round as the page shows it: every team's mood and the point of it."""

    period: str
    moods: list[TeamMood]  # lowest eNPS first, few-answer teams last, then the whole company
    teams: list[str]  # the teams of the survey, by name ("All teams" left out)
    teams_known: bool  # a team (not only the whole company) answered in this round
    lowest: str | None  # the lowest team with enough answers: the team shown first
    scale: str  # "0–10" or "1–10"
    previous: str | None  # the round before, None for the first
    headline: Say


def round_view(frame: pd.DataFrame, period: str, rounds: Sequence[str]) -> RoundView:
    """Return the survey round `period` of the eNPS frame, compared with the round before."""
    found = moods(frame, period, rounds)
    teams = sorted(str(name) for name in frame["team"].unique() if name != EVERYONE)
    named = [m for m in found if m.team != EVERYONE]
    lowest = next((m.team for m in named if not m.few_answers), None)
    scale = str(frame.loc[frame["period"] == period, "scale"].iloc[0])
    previous = found[0].previous if found else None
    return RoundView(period, found, teams, bool(named), lowest, scale, previous, headline(found))


def _direction(change: float | None, step: float) -> int | None:
    """Return +1 (up), −1 (down) or 0 (steady) for a change; None when unknown."""
    if change is None or np.isnan(change):
        return None
    return 0 if abs(change) < step else (1 if change > 0 else -1)


_VERBS = {1: "rose", -1: "fell", 0: "steady"}  # their words: health.verb.* / health.verb_one.*


def together(
    mood: TeamMood, revenue_now: float | None, revenue_before: float | None, symbol: str = ""
) -> Say:
    """Return a plain sentence on whether a team's morale and revenue moved together.

    eNPS moves when it changes by `MORALE_STEP` points or more, revenue when it changes by
    `RESULT_STEP` (5%) or more; compared over the same two survey rounds.
    """
    team = team_words(mood.team)
    if mood.before is None:
        return Say("health.together.no_round", team=team)
    if revenue_now is None or revenue_before is None:
        return Say("health.together.no_revenue", team=team)
    morale = _direction(mood.change, MORALE_STEP)
    growth = (revenue_now - revenue_before) / revenue_before if revenue_before > 0 else None
    results = _direction(growth, RESULT_STEP)
    numbers = Say(
        "health.together.numbers",
        enps_before=Enps(mood.before),
        enps=Enps(mood.enps),
        revenue_before=fmt("short_money", revenue_before, currency=symbol),
        revenue=fmt("short_money", revenue_now, currency=symbol),
    )
    if results is None:
        return Say(
            "health.together.no_revenue_before", team=team, previous=mood.previous,
            numbers=numbers,
        )  # fmt: skip
    if morale == results == 0:
        return Say("health.together.both_steady", team=team, numbers=numbers)
    if morale == results:
        verb = Say(f"health.verb.{_VERBS[morale]}")
        return Say("health.together.both", team=team, verb=verb, numbers=numbers)
    return Say(
        "health.together.apart", team=team, numbers=numbers,
        morale=Say(f"health.verb_one.{_VERBS[morale]}"),
        results=Say(f"health.verb.{_VERBS[results]}"),
    )  # fmt: skip


@dataclass(frozen=True)
class MoraleRow:
    """One team's eNPS in a round next to its sales results, and whether they moved together."""

    team: str  # or "All teams"
    enps: float
    few_answers: bool
    change: float | None  # eNPS points since the round before
    answers: int
    results: tuple[tuple[str, float | None], ...]  # (KPI, value) of `RESULT_KPIS` this round
    together: Say


def morale_rows(
    teams: Sequence[TeamMood], table: pd.DataFrame, currency: str | None = None
) -> list[MoraleRow]:
    """Return one row per team: its eNPS, change and answers, its results and `together`'s verdict."""
    symbol = currency_symbol(currency)
    rows = []
    for mood in teams:
        team = None if mood.team == EVERYONE else mood.team

        def value(key: str, period: str | None, team: str | None = team) -> float | None:
            return None if period is None else kpi_value(table, key, period, team=team)

        revenue, before = value("revenue", mood.period), value("revenue", mood.previous)
        results = tuple((key, value(key, mood.period)) for key in RESULT_KPIS)
        verdict = together(mood, revenue, before, symbol)
        rows.append(
            MoraleRow(
                mood.team, mood.enps, mood.few_answers, mood.change, mood.answers, results, verdict
            )
        )
    return rows
