"""The line that says a page shows a period in progress, counted so far."""

from __future__ import annotations

import streamlit as st

from analysis.model.periods import PeriodChoice
from ui.text import said


def so_far_line(choice: PeriodChoice, lang: str) -> None:
    """Say, on a page that names no period note of its own, that the period is counted so far."""
    if choice.so_far:
        st.caption(said(choice.note, lang))
