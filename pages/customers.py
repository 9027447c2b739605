"""Customers (placeholder until its issue is built)."""

import streamlit as st

from ui import state

st.title("Customers")
upload, data = state.current()
st.info(
    "This page is coming next. It will show: Customer satisfaction and NPS, retention of last period's customers, and market share."
)
if not data.tables:
    st.warning("No sales table is loaded yet: go to Upload & mapping first.")
