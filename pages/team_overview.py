"""Team overview (placeholder until its issue is built)."""

import streamlit as st

from ui import state

st.title("Team overview")
upload, data = state.current()
st.info(
    "This page is coming next. It will show: KPI cards with the change against the previous period, trends per KPI, target attainment per rep and a leaderboard with recognition for the top performers and the most improved."
)
if not data.tables:
    st.warning("No sales table is loaded yet: go to Upload & mapping first.")
