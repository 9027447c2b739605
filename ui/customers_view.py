"""The Customers page's drawing of its own: the cards, the window picker, the switch-on notes.

What is drawn is worked out in `analysis.customers.views`; this only writes it in the page's
language.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.customers.views import SECTION_KPIS, Card, Cards
from analysis.kpis.labels import format_value, kpi_definition, kpi_label, kpi_variant
from analysis.model import schema as S
from analysis.words import formats as F
from analysis.words.catalogue import t
from analysis.words.message import text
from ui.metric_look import card_columns, delta_look, falls

LAST_12 = "Last 12 months"  # the window picker's value (shown in the page's language)


def switch_on(what: str, lacks: list[str], how: str, lang: str) -> None:
    """Say which table or column would switch a part on, instead of drawing an empty chart."""
    needs = t("customers.needs", lang, what=t(f"customers.what.{what}", lang),
              lacks=", ".join(lacks), how=t(f"customers.how.{how}", lang))  # fmt: skip
    st.info(needs, icon=":material/info:")


def feedback_field(column: str, lang: str) -> str:
    """Return 'Customer feedback: Score' for a column of the feedback."""
    return f"{t(f'tables.{S.CUSTOMER_FEEDBACK}', lang)}: {S.TABLES[S.CUSTOMER_FEEDBACK].field(column).label}"


def last_12_pick(key: str, current: str, default_last_12: bool, lang: str) -> bool:
    """Draw the window picker (this period or the last 12 months); True for the last 12 months."""
    options, last_12 = [current, LAST_12], t("customers.last_12", lang)
    pick = st.segmented_control(
        t("customers.window", lang), options, default=options[1 if default_last_12 else 0],
        key=key, format_func=lambda option: last_12 if option == LAST_12 else option,
    )  # fmt: skip
    return pick == LAST_12


def draw_cards(cards: Cards, window: str, currency: str | None, lang: str) -> None:
    """Draw the headline's cards, each against the previous period, all the same width."""
    columns = card_columns(len(cards.kpis) + (cards.top is not None))
    versus = t("customers.card.versus", lang, previous=cards.previous)
    for card in cards.kpis:
        label, definition = kpi_label(card.key, lang), kpi_definition(card.key, lang)
        if card.company:
            label = t("customers.card.company", lang, label=label)
            definition = t("customers.card.company_help", lang, definition=definition)
        next(columns).metric(
            label, format_value(card.key, card.value, currency, lang), text(card.change, lang),
            delta_description=versus, help=definition, **_look(card, lang),
        )  # fmt: skip
    if (top := cards.top) is not None:
        next(columns).metric(
            t("customers.card.top", lang, n=top.n), F.percent(top.share, lang),
            text(top.change, lang), delta_color="off",
            delta_description=t("customers.card.top_versus", lang),
            help=t("customers.card.top_help", lang, window=window),
        )  # fmt: skip


def _look(card: Card, lang: str) -> dict[str, str]:
    """The card's colour and arrow (all its KPIs are better higher)."""
    fell = falls(text(card.change, lang) or "")
    moved = -1.0 if fell else 1.0 if card.moved else 0.0
    return delta_look(moved, (not fell) if card.coloured else None)


def definitions(lang: str) -> pd.DataFrame:
    """Return KPI, what it means and the variant chosen, for the KPIs of the page."""
    return pd.DataFrame(
        {
            t("customers.col.kpi", lang): [kpi_label(k, lang) for k in SECTION_KPIS],
            t("customers.col.meaning", lang): [kpi_definition(k, lang) for k in SECTION_KPIS],
            t("customers.col.variant", lang): [kpi_variant(k, lang) for k in SECTION_KPIS],
        }
    )
