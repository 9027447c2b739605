"""The Team overview's KPI cards and leaderboard, drawn for the page (pages/team_overview.py)."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analysis.charts.overview import leaderboard_chart
from analysis.kpis import overview as O
from analysis.kpis.labels import format_change, format_value, kpi_definition, kpi_label
from analysis.kpis.registry import KPIS, missing_inputs
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodChoice
from analysis.review.deals import BEHIND_BAR
from analysis.words.catalogue import t
from ui import memo
from ui.chart_view import show, show_pickable
from ui.metric_look import card_columns, delta_look
from ui.text import plain


def cards(
    data: Dataset, shown: list[O.Card], previous: str | None, currency: str | None, lang: str
) -> None:
    """Draw a card per headline KPI: this period, the change, and a small trend.

    The card carries the KPI's short title (`overview.card.<key>`); its help names it in full.
    """
    for column, card in zip(card_columns(len(shown)), shown, strict=True):
        _card(column, data, card, previous, currency, lang)


def _card(
    where: DeltaGenerator,
    data: Dataset,
    card: O.Card,
    previous: str | None,
    currency: str | None,
    lang: str,
) -> None:
    moved, entry = card.change, KPIS[card.change.key]
    key = moved.key
    lacks = [x.text(lang) for x in missing_inputs(data.tables, key)]
    meaning = f"**{kpi_label(key, lang)}**: {kpi_definition(key, lang)}"
    if lacks:
        meaning += " " + t("overview.not_available", lang, what=", ".join(lacks))
    where.metric(
        t(f"overview.card.{key}", lang),
        format_value(key, moved.current, currency, lang),
        format_change(key, moved.delta, entry.unit, currency, lang) or None,
        delta_description=t("overview.vs", lang, previous=previous),
        chart_data=card.trend or None,
        help=meaning,
        border=True,
        **delta_look(moved.delta, moved.good),  # type: ignore[arg-type]
    )


def leaderboard(
    data: Dataset,
    ranked: O.Board,
    choice: PeriodChoice,
    currency: str | None,
    symbol: str,
    lang: str,
    picked: str = "",
    *,
    kept: tuple,
) -> None:
    """Draw the leaderboard of one KPI, then the top performer and the most improved.

    When deals are behind the KPI (`review.deals.BEHIND_BAR`), a click on a rep's bar picks it
    (stored under `picked`, see `chart_view.show_pickable`). `kept` names what decides `ranked`
    beside the data and period shown: its chart is then built once for it (`ui.memo`).
    """
    key = ranked.key
    label = kpi_label(key, lang)
    with st.container(key="overview_board"):
        if lacks := [x.text(lang) for x in missing_inputs(data.tables, key)]:
            st.info(t("overview.needs", lang, kpi=label, what=", ".join(lacks)))
        elif ranked.ranked.empty:
            st.info(t("overview.no_board", lang, kpi=label.lower(), period=choice.current))
        else:
            pickable = bool(picked) and key in BEHIND_BAR
            drawn = memo.chart("overview.board", lambda: leaderboard_chart(
                ranked.ranked, label, KPIS[key].unit, symbol, lang, pickable), *kept, key, lang,
                pickable)  # fmt: skip
            show_pickable(drawn, "overview_board_chart", picked) if pickable else show(drawn)
            if pickable:
                st.caption(t("deals.bar.hint", lang))
    for shout in ranked.shouts:
        value = format_value(key, shout.value, currency, lang)
        if shout.kind == "top":
            top = t("overview.top", lang, rep=plain(shout.rep), value=value)
            st.success(top, icon=":material/emoji_events:")
        else:
            before = format_value(key, shout.previous, currency, lang)
            improved = t(
                "overview.improved", lang, rep=plain(shout.rep), before=before, value=value
            )
            st.success(improved, icon=":material/trending_up:")
