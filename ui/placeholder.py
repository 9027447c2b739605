"""The page shown for a screen that a later issue builds."""

from __future__ import annotations

import streamlit as st

from ui import state


def coming_next(title: str, what: str) -> None:
    """Draw the page title and a plain sentence about what the page will show."""
    st.title(title)
    _, data = state.current()
    st.info(f"This page is coming next. It will show: {what}")
    if not data.tables:
        st.warning("No sales table is loaded yet: go to Upload & mapping first.")
