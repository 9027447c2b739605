"""Team health (placeholder until its issue is built)."""

import streamlit as st

from ui import state

st.title("Team health")
upload, data = state.current()
st.info(
    "This page is coming next. It will show: eNPS per team and over time: promoters, passives and detractors."
)
if not data.tables:
    st.warning("No sales table is loaded yet: go to Upload & mapping first.")
