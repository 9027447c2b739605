"""Rep deep-dive (placeholder until its issue is built)."""

import streamlit as st

from ui import state

st.title("Rep deep-dive")
upload, data = state.current()
st.info(
    "This page is coming next. It will show: One rep against the team on every KPI, the funnel stage where deals are lost, the trend, the root causes with their evidence and a coaching plan."
)
if not data.tables:
    st.warning("No sales table is loaded yet: go to Upload & mapping first.")
