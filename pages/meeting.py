"""Meeting mode & export (placeholder until its issue is built)."""

import streamlit as st

from ui import state

st.title("Meeting mode & export")
upload, data = state.current()
st.info(
    "This page is coming next. It will show: A presentation view for the team meeting, and the report as HTML, PDF or Excel."
)
if not data.tables:
    st.warning("No sales table is loaded yet: go to Upload & mapping first.")
