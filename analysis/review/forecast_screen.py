"""The deck's forecast screen and the reports' forecast section: where the period ahead lands.

Written in the review's language from the forecast's own view (`analysis.forecast.views`): the
likely revenue against target and its 8-in-10 range, the range of each team (of each rep when
there is one team; stand-in names when names are hidden), how it splits into open and new deals,
and how often the range held in past periods. Nothing is computed here.
"""

from __future__ import annotations

from collections.abc import Mapping

from analysis.charts.forecast import range_chart
from analysis.forecast.outlook import Forecast, forecast
from analysis.forecast.views import forecast_view
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec
from analysis.review.document import Block, Card, Cards, Figure, Section, Text, guarded
from analysis.words.catalogue import t
from analysis.words.message import text

SCREEN_CARDS = 3  # likely, range, chance of target: the rest is on the Forecast page


def forecast_blocks(
    fc: Forecast, currency: str | None, names: Mapping[str, str], teams_only: bool, lang: str
) -> tuple[tuple[Block, ...], str]:
    """Return the forecast screen's blocks and its baseline (which period, from which day)."""
    view = forecast_view(fc, currency)
    cards = Cards(
        tuple(
            Card(str(text(c.label, lang)), str(text(c.value, lang)),
                 str(text(c.delta, lang)) if c.delta is not None else "", "flat")
            for c in view.cards[:SCREEN_CARDS]
        )
    )  # fmt: skip
    by = "rep" if len(view.ranges["team"]) < 2 and not teams_only else "team"
    ranges = view.ranges[by]
    if by == "rep" and names:
        ranges = ranges.assign(name=[names.get(n, n) for n in ranges["name"]])
    chart = range_chart(ranges, by, view.symbol, lang)
    notes = f"{text(view.split, lang)} {text(view.coverage, lang)}"
    blocks = (
        Text(str(text(view.headline, lang)), "lead"),
        cards,
        Figure(chart),
        Text(notes, "note"),
    )
    return blocks, str(text(view.as_of, lang))


def forecast_section(
    data: Dataset,
    spec: PeriodSpec,
    given: Forecast | None,
    currency: str | None,
    audience: tuple[Mapping[str, str], bool],
    lang: str,
) -> Section:
    """Return the forecast section (the forecast worked out when not `given`); one that fails
    or has nothing to forecast says so in one sentence."""

    def build() -> tuple[tuple[Block, ...], str]:
        fc = given if given is not None else forecast(data, spec)
        if fc is None:
            return (Text(t("outlook.no_deals", lang), "note"),), ""
        return forecast_blocks(fc, currency, audience[0], audience[1], lang)

    return guarded("forecast", lambda: t("forecast.title", lang), build, lang)
