"""The app-wide sidebar: which data is loaded, and the period picker."""

from __future__ import annotations

import streamlit as st

from analysis import schema as S
from ui import state
from ui.text import plain


def render() -> None:
    """Draw the data status and the period picker in the sidebar."""
    with st.sidebar:
        upload, data = state.current()
        st.subheader("Data")
        if state.is_sample():
            st.caption("Showing the **sample data**. Upload your own export on the Upload page.")
        for name in upload.file_names:
            st.markdown(f":material/description: {plain(name)}")
        if data.tables:
            lines = [
                f"- {S.table_label(name)}: {len(frame):,} rows"
                for name, frame in data.tables.items()
            ]
            st.markdown("\n".join(lines))
        else:
            st.warning("No sales table recognised yet.")
        span = data.date_range()
        if span is not None:
            st.caption(f"Deals closed {span[0]:%d %b %Y} – {span[1]:%d %b %Y}")
        if data.rows_set_aside:
            st.caption(f"{data.rows_set_aside:,} row(s) set aside — see the Upload page.")
        st.radio("Period", ["Quarter", "Month"], key=state.PERIOD_KEY, horizontal=True)
