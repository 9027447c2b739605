"""Streamlit-side helpers shared by the pages: named session state, cached loads, sidebar."""
