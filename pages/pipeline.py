"""Pipeline & funnel: what is open, how deals move through the stages, what it takes to hit target."""

import streamlit as st

from ui import leads_view, state

st.title("Pipeline & funnel")
data, table, spec = state.current_kpis()
pipeline_tab, funnel_tab, plan_tab, leads_tab = st.tabs(
    ["Open pipeline", "Funnel", "Plan to target", "Leads"]
)
with pipeline_tab:
    st.info("The open pipeline is coming next.")
with funnel_tab:
    st.info("The funnel is coming next.")
with plan_tab:
    st.info("Planning to target is coming next.")
with leads_tab:
    leads_view.show(data, spec)
