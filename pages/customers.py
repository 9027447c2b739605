"""Customers: are they happy, do they come back, our share of the market, who buys the most."""

import streamlit as st

from analysis import customers as C
from analysis import schema as S
from analysis.overview import ALL_TEAMS, main_currency
from ui import customers_view as V
from ui import state
from ui.text import plain

st.title("Customers")
data, table, spec = state.current_kpis()
if S.DEALS not in data.tables and S.CUSTOMER_FEEDBACK not in data.tables:
    st.info(
        "Load an export with deals (with their account) or customer feedback (date and score) "
        "on the Upload & mapping page to see your customers."
    )
    st.stop()
choice = C.period_choice(data, spec)
if choice.current is None:
    st.info("The data has no dates, so there are no periods to show.")
    st.stop()
current = choice.current
currency = main_currency(data.tables.get(S.DEALS))
teams = sorted(set(C.rep_teams(table).values()))
pick = st.columns([1, 3])[0].selectbox(
    "Team", [ALL_TEAMS, *teams], key="customers_team", disabled=not teams
)
team = None if pick == ALL_TEAMS else pick
st.caption(plain(f"{choice.note} Compared with {choice.previous}."))

window = C.window_label(C.window_periods(current, spec))
headline = C.headline(data, table, spec, choice, team)
if headline is not None:
    with st.container(key="customers_headline"):
        st.subheader(plain(C.headline_text(headline, window)))
        V.cards(headline, data, table, team, window, currency)

sat_tab, kept_tab, market_tab, accounts_tab = st.tabs(
    ["Satisfaction", "Retention", "Market share", "Accounts"]
)
with sat_tab:
    V.satisfaction(data, table, spec, choice, team)
with kept_tab:
    V.retention(data, table, spec, current, team)
with market_tab:
    V.market(data, table, spec, current, team, currency)
with accounts_tab:
    V.accounts(data, table, spec, current, team, currency)

with st.expander("What the numbers mean"):
    st.dataframe(V.definitions(), hide_index=True, width="stretch")
