"""Pipeline & funnel (placeholder until its issue is built)."""

import streamlit as st

from ui import state

st.title("Pipeline & funnel")
upload, data = state.current()
st.info(
    "This page is coming next. It will show: Deals per stage, stage-to-stage conversion, pipeline velocity, coverage of the remaining target, and deal ageing."
)
if not data.tables:
    st.warning("No sales table is loaded yet: go to Upload & mapping first.")
