"""The page shown for a screen that a later issue builds."""

from __future__ import annotations

import streamlit as st

from analysis.texts import t
from ui import state


def coming_next(title: str, what: str) -> None:
    """Draw the page title and a plain sentence about what the page will show."""
    lang = state.lang()
    st.title(title)
    _, data = state.current()
    st.info(t("upload.coming_next", lang, what=what))
    if not data.tables:
        st.warning(t("upload.no_data", lang))
