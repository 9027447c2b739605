"""Team health: eNPS per team and over time, next to the same teams' sales results."""

import streamlit as st

from analysis.charts.health import diverging_chart, enps_trend_chart, morale_results_chart
from analysis.coaching.plan import ENPS_DROP
from analysis.health import team_health as H
from analysis.kpis.overview import team_name
from analysis.kpis.registry import currency_symbol, kpi_definition, kpi_label, missing_inputs
from analysis.model.periods import current_and_previous
from analysis.words.catalogue import t
from analysis.words.formats import number
from ui import health_view as V
from ui import state
from ui.chart_view import show
from ui.sections import section
from ui.text import plain

lang = state.lang()
st.title(t("health.title", lang))
with section("health.data", stop=True):  # every part below needs the survey rounds
    data, table, spec = state.current_kpis()
    survey = V.survey_or_stop(data, lang)
    frame = V.load_enps(survey, spec.grain, spec.fiscal_start_month, lang)
    if frame.empty:
        st.info(t("health.no_enps", lang))
        st.stop()
    choice = current_and_previous(data, spec)
    rounds = H.survey_rounds(frame, choice.current, spec) or H.survey_rounds(frame, None, spec)
    pick_round, pick_team = st.columns(2)
    period = pick_round.selectbox(
        t("health.round_pick", lang), list(reversed(rounds)), key="health_round",
        help=V.few_answers_note(lang),
    )  # fmt: skip
    moods = H.moods(frame, period, rounds)
    teams_known = any(m.team != H.EVERYONE for m in moods)
    team_names = sorted(name for name in frame["team"].unique() if name != H.EVERYONE)
    lowest = next((m.team for m in moods if m.team != H.EVERYONE and not m.few_answers), None)
    team = pick_team.selectbox(
        t("health.team_pick", lang),
        [*team_names, H.EVERYONE],
        index=team_names.index(lowest) if lowest in team_names else len(team_names),
        key="health_team",
        format_func=lambda name: team_name(name, lang),
    )
    shown_team = team_name(team, lang)
    scale = frame.loc[frame["period"] == period, "scale"].iloc[0]
    previous = moods[0].previous if moods else None
    caption = t("health.round", lang, period=period, scale=scale)
    if previous:
        caption += " " + t("health.compared", lang, previous=previous)
    st.caption(plain(caption) + " " + V.few_answers_note(lang))
    st.subheader(plain(H.headline(moods, lang)))

with section("health.bars"), st.container(key="health_bars"):
    now = frame[frame["period"] == period]
    title = t("health.bars_title", lang, period=period)
    show(diverging_chart(now, title, "team", scale, lang=lang))
if not teams_known:
    st.info(t("health.no_teams", lang))

st.subheader(t("health.over_time", lang))
shown = frame[frame["period"].isin(rounds)]
with section("health.trend"), st.container(key="health_trend"):
    show(enps_trend_chart(shown, lang=lang))
with section("health.team_bars"), st.container(key="health_team_bars"):
    mine = shown[shown["team"] == team]
    if mine.empty:
        st.info(plain(t("health.no_answers_from", lang, team=shown_team, period=period)))
    else:
        title = t("health.rounds_title", lang, team=shown_team)
        show(diverging_chart(mine, title, "period", scale, lang=lang))

st.subheader(t("health.morale", lang))
lacks = missing_inputs(data.tables, "revenue", lang)
if lacks:
    st.info(plain(t("health.add", lang, lacks=t("health.and", lang).join(lacks))))
else:
    currency = data.currency
    with section("health.results"), st.container(key="health_results"):
        results = H.morale_table(moods, table, currency, lang)
        st.dataframe(results, hide_index=True, width="stretch")
    result = st.radio(
        t("health.result_pick", lang),
        [k for k in H.RESULT_KPIS if not missing_inputs(data.tables, k, lang)],
        format_func=lambda k: kpi_label(k, lang),
        horizontal=True,
        key="health_result",
    )
    with section("health.morale"), st.container(key="health_morale"):
        rows = H.results_frame(table, rounds, [team])
        symbol = currency_symbol(currency)
        show(morale_results_chart(rows, team, result or "revenue", symbol, lang=lang))

st.subheader(t("health.what_to_do", lang))
with section("health.suggestions"), st.container(key="health_suggestions"):
    plays = H.suggestions(moods)
    if plays:
        V.show_suggestions(plays, lang)
    else:
        st.success(t("health.all_fine", lang, drop=number(ENPS_DROP, lang)))
with st.expander(t("health.how_counted", lang)):
    st.markdown(plain(kpi_definition("enps", lang)))
