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
from analysis.forecast.views import Span, forecast_view
from analysis.kpis.labels import currency_symbol
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec
from analysis.review.document import Block, Card, Cards, Figure, Section, Text, guarded
from analysis.words.catalogue import t
from analysis.words.formats import percent, short_money
from analysis.words.message import text


def _cards(fc: Forecast, currency: str | None, lang: str) -> Cards:
    """Return likely revenue (with its range), the target (with the likely share of it) and the
    chance of making it: short values, so each card shows whole on a projector."""
    row, symbol = fc.company, currency_symbol(currency)

    def money(value: float) -> str:
        return short_money(value, symbol, lang)

    span = Span(row["p10"], row["p90"], symbol).text(lang)
    aimed = bool(row["target"] > 0)
    share = percent(row["p50"] / row["target"], lang) if aimed else ""
    chance = percent(row["chance_of_target"], lang) if aimed else "—"
    return Cards(
        (
            Card(t("outlook.card.likely", lang), money(row["p50"]),
                 t("outlook.screen.range", lang, range=span), "flat"),
            Card(t("outlook.screen.target", lang, period=fc.period),
                 money(row["target"]) if aimed else "—",
                 t("outlook.screen.target_share", lang, share=share) if aimed
                 else t("outlook.card.no_target", lang), "flat"),
            Card(t("outlook.card.chance", lang), chance,
                 t("outlook.card.chance_under" if aimed else "outlook.card.no_target", lang),
                 "flat"),
        )
    )  # fmt: skip


def forecast_blocks(
    fc: Forecast, currency: str | None, names: Mapping[str, str], teams_only: bool, lang: str
) -> tuple[tuple[Block, ...], str]:
    """Return the forecast screen's blocks and its baseline (which period, from which day)."""
    view = forecast_view(fc, currency)
    by = "rep" if len(view.ranges["team"]) < 2 and not teams_only else "team"
    ranges = view.ranges[by]
    if by == "rep" and names:
        ranges = ranges.assign(name=[names.get(n, n) for n in ranges["name"]])
    chart = range_chart(ranges, by, view.symbol, lang)
    notes = f"{text(view.split, lang)} {text(view.coverage, lang)}"
    lead = Text(str(text(view.headline, lang)), "lead")
    return (lead, _cards(fc, currency, lang), Figure(chart), Text(notes, "note")), str(
        text(view.as_of, lang)
    )


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
