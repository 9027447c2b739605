"""The Team overview's KPI cards and leaderboard, drawn for the page (pages/team_overview.py)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.charts.overview import leaderboard_chart
from analysis.kpis import overview as O
from analysis.kpis.registry import KPIS, format_value, kpi_definition, kpi_label, missing_inputs
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodChoice
from analysis.words.catalogue import t
from ui.chart_view import show
from ui.text import plain

CARDS = ["revenue", "target_attainment", "win_rate", "new_deals", "avg_deal_size", "cycle_days"]
BOARD = [
    "revenue",
    "target_attainment",
    "win_rate",
    "won_deals",
    "new_deals",
    "avg_deal_size",
    "activities",
    "nps",
    "lead_response_hours",
]


def cards(
    data: Dataset,
    table: pd.DataFrame,
    choice: PeriodChoice,
    periods: list[str],
    scope: str | None,
    currency: str | None,
    lang: str,
) -> None:
    """Draw a card per headline KPI: this period, the change, and a small trend."""
    columns = st.columns(len(CARDS))
    for column, key in zip(columns, CARDS, strict=True):
        entry = KPIS[key]
        moved = O.change(table, key, choice.current, choice.previous, entry.higher_is_better, scope)
        lacks = missing_inputs(data.tables, key, lang)
        meaning = kpi_definition(key, lang)
        if lacks:
            meaning += " " + t("overview.not_available", lang, what=", ".join(lacks))
        column.metric(
            kpi_label(key, lang),
            format_value(key, moved.current, currency, lang),
            O.format_change(key, moved.delta, entry.unit, currency, lang) or None,
            delta_color="off"
            if moved.good is None
            else "normal"
            if entry.higher_is_better
            else "inverse",
            delta_arrow="off" if not moved.delta else "auto",
            delta_description=t("overview.vs", lang, previous=choice.previous),
            chart_data=O.trend_frame(table, key, periods, scope)["value"].tolist() or None,
            help=meaning,
        )


def leaderboard(
    data: Dataset,
    table: pd.DataFrame,
    choice: PeriodChoice,
    board_key: str,
    scope: str | None,
    currency: str | None,
    symbol: str,
    lang: str,
) -> None:
    """Draw the leaderboard of one KPI, then the top performer and the most improved."""
    entry = KPIS[board_key]
    label = kpi_label(board_key, lang)
    higher = entry.higher_is_better is not False
    board = O.leaderboard(table, board_key, choice.current, higher, scope, min_n=3)
    with st.container(key="overview_board"):
        if lacks := missing_inputs(data.tables, board_key, lang):
            st.info(t("overview.needs", lang, kpi=label, what=", ".join(lacks)))
        elif board.empty:
            st.info(t("overview.no_board", lang, kpi=label.lower(), period=choice.current))
        else:
            show(leaderboard_chart(board, label, entry.unit, symbol, lang=lang))
    shouts = O.recognition(table, board_key, choice.current, choice.previous, higher, scope, 3)
    for shout in shouts:
        value = format_value(board_key, shout.value, currency, lang)
        if shout.kind == "top":
            top = t("overview.top", lang, rep=plain(shout.rep), value=value)
            st.success(top, icon=":material/emoji_events:")
        else:
            before = format_value(board_key, shout.previous, currency, lang)
            improved = t(
                "overview.improved", lang, rep=plain(shout.rep), before=before, value=value
            )
            st.success(improved, icon=":material/trending_up:")
