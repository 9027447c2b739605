"""Pipeline & funnel: what is open, how deals move through the stages, what it takes to hit target."""

import streamlit as st

from analysis.model import schema as S
from analysis.model.periods import current_and_previous
from analysis.words.catalogue import t
from ui import leads_view, pipeline_view, state
from ui.pickers import team_pick
from ui.sections import attempt, need, section

lang = state.lang()
st.title(t("pipeline.title", lang))
with section("pipeline.data", stop=True):
    data, table, spec = state.current_kpis()
if S.DEALS not in data.tables:
    st.info(pipeline_view.missing_note(data, lang))
    st.stop()
choice = current_and_previous(data, spec)
if choice.current is None:
    st.info(t("pipeline.no_dates", lang))
    st.stop()
loaded = attempt(state.current_pipeline)  # the open-pipeline and plan tabs need it
currency = data.currency
teams = sorted(str(name) for name in table["team"].dropna().unique())
team = team_pick("pipeline.team_pick", teams, key="pipeline_team")
if note := pipeline_view.missing_note(data, lang):
    st.caption(note)
pipeline_tab, funnel_tab, plan_tab, leads_tab = st.tabs(
    [t(f"pipeline.tab.{name}", lang) for name in ("open", "funnel", "plan", "leads")]
)
with pipeline_tab, section("pipeline.open"):
    snap, plan = need(loaded)
    pipeline_view.open_pipeline(snap, plan, table, choice, team, currency, lang)
with funnel_tab, section("pipeline.funnel"):
    pipeline_view.funnel(data, state.current_funnel(), spec, choice, team, lang)
with plan_tab, section("pipeline.plan"):
    pipeline_view.plan_to_target(need(loaded)[1], team, currency, spec.grain, lang)
with leads_tab, section("pipeline.leads"):
    leads_view.show(data, spec, lang)
