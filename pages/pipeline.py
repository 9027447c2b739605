"""Pipeline & funnel: what is open, how deals move through the stages, what it takes to hit target."""

import streamlit as st

from analysis import schema as S
from analysis.overview import main_currency
from analysis.periods import current_and_previous
from ui import leads_view, pipeline_view, state

st.title("Pipeline & funnel")
data, table, spec = state.current_kpis()
if S.DEALS not in data.tables:
    st.info(pipeline_view.missing_note(data))
    st.stop()
choice = current_and_previous(data, spec)
if choice.current is None:
    st.info("The deals have no dates, so there is no pipeline to show.")
    st.stop()
snap, plan, funnel_rows = state.current_pipeline()
currency = main_currency(data.tables.get(S.DEALS))
teams = sorted(str(t) for t in table["team"].dropna().unique())
picked = st.selectbox(
    "Team (open pipeline, funnel and plan)", ["All teams", *teams], key="pipeline_team"
)
team = None if picked == "All teams" else picked
if note := pipeline_view.missing_note(data):
    st.caption(note)
pipeline_tab, funnel_tab, plan_tab, leads_tab = st.tabs(
    ["Open pipeline", "Funnel", "Plan to target", "Leads"]
)
with pipeline_tab:
    pipeline_view.open_pipeline(snap, plan, table, choice, team, currency)
with funnel_tab:
    pipeline_view.funnel(data, funnel_rows, spec, choice, team)
with plan_tab:
    pipeline_view.plan_to_target(plan, team, currency, spec.grain)
with leads_tab:
    leads_view.show(data, spec)
