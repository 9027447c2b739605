"""The language picked in the sidebar's switch: its widget key and its value."""

from __future__ import annotations

import streamlit as st

from analysis.words.catalogue import language

LANGUAGE_KEY = "ui_language"  # the sidebar's language switch: "en" or "nl"


def lang() -> str:
    """Return the language picked in the sidebar: 'en' (the default) or 'nl'."""
    return language(st.session_state.get(LANGUAGE_KEY))
