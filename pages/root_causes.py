"""Root causes (placeholder until its issue is built)."""

import streamlit as st

from ui import state

st.title("Root causes")
upload, data = state.current()
st.info(
    "This page is coming next. It will show: The revenue bridge from the previous period to this one, split into fewer inquiries, a different close rate, deal size and cycle, per team and per rep, with the flagged reps."
)
if not data.tables:
    st.warning("No sales table is loaded yet: go to Upload & mapping first.")
