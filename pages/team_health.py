"""Team health: eNPS per team and over time, next to the same teams' sales results."""

import streamlit as st

from analysis import schema as S
from analysis import team_health as H
from analysis.coaching import ENPS_DROP
from analysis.health_charts import diverging_chart, enps_trend_chart, morale_results_chart
from analysis.kpi_registry import KPIS, currency_symbol, missing_inputs
from analysis.overview import main_currency
from analysis.periods import current_and_previous
from ui import health_view as V
from ui import state
from ui.chart_view import show
from ui.text import plain

st.title("Team health")
data, table, spec = state.current_kpis()
survey = V.survey_or_stop(data)
frame = V.load_enps(survey, spec.grain, spec.fiscal_start_month)
if frame.empty:
    st.info(
        "The Employee survey has no answers on a 0–10 or 1–10 scale (scores of at most 5 are "
        "a different survey), so there is no eNPS to show."
    )
    st.stop()
choice = current_and_previous(data, spec)
rounds = H.survey_rounds(frame, choice.current, spec) or H.survey_rounds(frame, None, spec)
pick_round, pick_team = st.columns(2)
period = pick_round.selectbox(
    "Survey round", list(reversed(rounds)), key="health_round", help=V.few_answers_note()
)
moods = H.moods(frame, period, rounds)
teams_known = any(m.team != H.EVERYONE for m in moods)
team_names = sorted(t for t in frame["team"].unique() if t != H.EVERYONE)
lowest = next((m.team for m in moods if m.team != H.EVERYONE and not m.few_answers), None)
team = pick_team.selectbox(
    "Team (over time, and morale next to results)",
    [*team_names, H.EVERYONE],
    index=team_names.index(lowest) if lowest in team_names else len(team_names),
    key="health_team",
)
scale = frame.loc[frame["period"] == period, "scale"].iloc[0]
previous = moods[0].previous if moods else None
compared = f" Compared with the round before, {previous}." if previous else ""
st.caption(
    plain(f"Survey round {period}: answers on a {scale} scale.{compared}")
    + " "
    + V.few_answers_note()
)
st.subheader(plain(H.headline(moods)))

with st.container(key="health_bars"):
    now = frame[frame["period"] == period]
    show(diverging_chart(now, f"How each team feels, {period}", "team", scale))
if not teams_known:
    st.info("A **Team** column in the Employee survey splits the eNPS per team.")

st.subheader("Over time")
shown = frame[frame["period"].isin(rounds)]
with st.container(key="health_trend"):
    show(enps_trend_chart(shown))
with st.container(key="health_team_bars"):
    mine = shown[shown["team"] == team]
    if mine.empty:
        st.info(plain(f"No answers from {team} up to {period}."))
    else:
        show(diverging_chart(mine, f"{team}, round by round", "period", scale))

st.subheader("Morale next to results")
lacks = missing_inputs(data.tables, "revenue")
if lacks:
    st.info(plain("Add " + " and ".join(lacks)) + " to see the teams' sales results here.")
else:
    currency = main_currency(data.tables.get(S.DEALS))
    with st.container(key="health_results"):
        st.dataframe(H.morale_table(moods, table, currency), hide_index=True, width="stretch")
    result = st.radio(
        "Result next to the eNPS",
        [k for k in H.RESULT_KPIS if not missing_inputs(data.tables, k)],
        format_func=lambda k: KPIS[k].label,
        horizontal=True,
        key="health_result",
    )
    rows = H.results_frame(table, rounds, [team])
    with st.container(key="health_morale"):
        show(morale_results_chart(rows, team, result or "revenue", currency_symbol(currency)))

st.subheader("What to do")
plays = H.suggestions(moods)
with st.container(key="health_suggestions"):
    if plays:
        V.show_suggestions(plays)
    else:
        st.success(
            f"No team's eNPS is below 0 or fell {ENPS_DROP:.0f} points or more: keep "
            "recognising good work and run the next survey as planned."
        )
with st.expander("How eNPS is counted"):
    st.markdown(plain(KPIS["enps"].definition))
