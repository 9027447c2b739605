"""Salescope's analysis: pure functions from CRM exports to KPIs and diagnoses (no Streamlit)."""
