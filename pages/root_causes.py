"""Root causes: why revenue moved, for the team and each team, and which reps need attention."""

import streamlit as st

from analysis import findings as F
from analysis import schema as S
from analysis.charts import waterfall_chart
from analysis.kpi_registry import currency_symbol
from analysis.overview import ALL_TEAMS, main_currency
from ui import state
from ui.chart_view import show
from ui.text import plain

st.title("Root causes")
data, table, found = state.current_findings()
if found is None or found.company is None:
    st.info("Load an export with dated deals on the Upload & mapping page to see what changed.")
    st.stop()
currency = main_currency(data.tables.get(S.DEALS))
teams = {d.name: d for d in found.teams if d.name}
pick = st.selectbox("Team", [ALL_TEAMS, *teams], key="rootcause_team")
chosen = found.company if pick == ALL_TEAMS else teams[pick]
st.caption(plain(f"{chosen.period} compared with {chosen.reference} (see How Salescope decides)."))
st.subheader(plain(F.headline(chosen, currency)))
with st.container(key="rootcause_bridge"):
    if chosen.bridge is not None:
        typical = "Average " + found.stats.idx.spec.grain
        show(waterfall_chart(chosen.bridge, typical, chosen.period, currency_symbol(currency)))
    else:
        st.info(chosen.note or "No earlier period to compare with.")
for cause in chosen.causes:
    st.warning(f"**{plain(cause.label)}** for {plain(pick)}: {plain(cause.evidence)}")

st.subheader("Reps who need attention")
flagged = F.flagged_table(found, currency)
reps = [d for d in found.reps if pick == ALL_TEAMS or d.team == pick]
if pick != ALL_TEAMS:
    flagged = flagged[flagged["Team"] == pick]
with st.container(key="rootcause_flagged"):
    if flagged.empty:
        st.success("No rep shows a change that is both big enough to matter and clearly not noise.")
    else:
        st.dataframe(flagged, hide_index=True, width="stretch")
early = [d for d in reps if d.status == "insufficient_data"]
steady = [d.name for d in reps if d.status == "ok"]
left, right = st.columns(2)
with left, st.container(key="rootcause_early"):
    st.markdown("**Too early to judge**")
    for d in early:
        st.markdown(f"- {plain(d.name)}: {plain(d.note)}")
    if not early:
        st.caption("Every rep has enough data.")
with right, st.container(key="rootcause_steady"):
    st.markdown("**No cause found**")
    st.markdown(plain(", ".join(n for n in steady if n)) if steady else "—")

if found.team_plan:
    st.subheader("For the whole team")
    for suggestion in found.team_plan:
        st.info(f"{plain(suggestion.action)}  \n*Why:* {plain(suggestion.because)}")
with st.expander("How Salescope decides"):
    st.markdown(plain(F.METHOD))
