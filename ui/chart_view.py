"""Drawing our Altair charts in Streamlit, the same way on every page."""

from __future__ import annotations

import altair as alt
import streamlit as st


def show(chart: alt.TopLevelMixin) -> None:
    """Draw a chart full width in our own style (Streamlit's theme would shrink bars and fonts)."""
    st.altair_chart(chart, width="stretch", theme=None)
