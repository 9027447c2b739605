"""Customers: are they happy, do they come back, our share of the market, who buys the most."""

import streamlit as st

from analysis.customers import satisfaction as C
from analysis.model import schema as S
from analysis.model.periods import window_periods
from analysis.words.catalogue import t
from analysis.words.message import text
from ui import customers_view as V
from ui import state
from ui.pickers import team_pick
from ui.sections import section
from ui.text import plain

lang = state.lang()
st.title(t("customers.title", lang))
with section("customers.data", stop=True):
    data, table, spec = state.current_kpis()
if S.DEALS not in data.tables and S.CUSTOMER_FEEDBACK not in data.tables:
    st.info(t("customers.no_data", lang))
    st.stop()
choice = C.period_choice(data, spec, lang)
if choice.current is None:
    st.info(t("customers.no_dates", lang))
    st.stop()
current = choice.current
currency = data.currency
teams = sorted(set(C.rep_teams(table).values()))
team = team_pick(
    "customers.team_pick", teams, key="customers_team", where=st.columns([1, 3])[0],
    disabled=not teams,
)  # fmt: skip
st.caption(
    plain(
        str(text(choice.note, lang)) + " " + t("customers.compared", lang, previous=choice.previous)
    )
)

with section("customers.headline"):
    window = C.window_label(window_periods(current, spec))
    headline = C.headline(data, table, spec, choice, team)
    if headline is not None:
        with st.container(key="customers_headline"):
            st.subheader(plain(C.headline_text(headline, window, lang)))
            V.cards(headline, data, table, team, window, currency, lang)

sat_tab, kept_tab, market_tab, accounts_tab = st.tabs(
    [
        t(f"customers.tab.{name}", lang)
        for name in ("satisfaction", "retention", "market", "accounts")
    ]
)
with sat_tab, section("customers.satisfaction"):
    V.satisfaction(data, table, spec, choice, team, lang)
with kept_tab, section("customers.retention"):
    V.retention(data, table, spec, current, team, lang)
with market_tab, section("customers.market"):
    V.market(data, table, spec, current, team, currency, lang)
with accounts_tab, section("customers.accounts"):
    V.accounts(data, table, spec, current, team, currency, lang)

with section("customers.meaning"), st.expander(t("customers.meaning", lang)):
    st.dataframe(V.definitions(lang), hide_index=True, width="stretch")
