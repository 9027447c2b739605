"""Team health: eNPS per team and over time, next to the same teams' sales results."""

import streamlit as st

from analysis.charts import health as charts
from analysis.coaching.plan import ENPS_DROP
from analysis.health import team_health as H
from analysis.health import views as HV
from analysis.kpis.labels import currency_symbol, kpi_definition, kpi_label, team_name
from analysis.kpis.registry import missing_inputs
from analysis.model import schema as S
from analysis.words.catalogue import t
from analysis.words.formats import number
from analysis.words.message import text
from ui import state
from ui.chart_view import show
from ui.loads import load_enps
from ui.sections import section
from ui.text import plain

lang = state.lang()
few_answers = t("health.few_answers", lang, n=H.FEW_ANSWERS)  # for captions

# Guard: the survey rounds every part below needs; then the round and the team to show.
st.title(t("health.title", lang))
with section("health.data", stop=True):
    data, table, spec = state.current_kpis()
    if missing_inputs(data.tables, "enps"):
        st.info(t("health.switch_on", lang))
        st.stop()
    with st.spinner(t("health.counting", lang)):  # shown only when it takes a while
        survey = data.tables[S.EMPLOYEE_SURVEY]
        frame = load_enps(survey, spec.whole)  # survey rounds count whole, even so far
    if frame.empty:
        st.info(t("health.no_enps", lang))
        st.stop()
    choice = state.current_choice()
    rounds = H.survey_rounds(frame, choice.current, spec) or H.survey_rounds(frame, None, spec)
    pick_round, pick_team = st.columns(2)
    period = pick_round.selectbox(
        t("health.round_pick", lang), list(reversed(rounds)), key="health_round",
        help=few_answers,
    )  # fmt: skip
    view = HV.round_view(frame, period, rounds)
    team = pick_team.selectbox(
        t("health.team_pick", lang), [*view.teams, H.EVERYONE],
        index=view.teams.index(view.lowest) if view.lowest in view.teams else len(view.teams),
        key="health_team", format_func=lambda name: team_name(name, lang),
    )  # fmt: skip
    shown_team = team_name(team, lang)
    caption = t("health.round", lang, period=period, scale=view.scale)
    if view.previous:
        caption += " " + t("health.compared", lang, previous=view.previous)
    st.caption(plain(caption) + " " + few_answers)
    st.subheader(plain(view.headline.text(lang)))

with section("health.bars"), st.container(key="health_bars"):
    title = t("health.bars_title", lang, period=period)
    show(charts.diverging_chart(frame[frame["period"] == period], title, "team", view.scale, lang))
if not view.teams_known:
    st.info(t("health.no_teams", lang))

st.subheader(t("health.over_time", lang))
shown = frame[frame["period"].isin(rounds)]
with section("health.trend"), st.container(key="health_trend"):
    show(charts.enps_trend_chart(shown, lang=lang))
with section("health.team_bars"), st.container(key="health_team_bars"):
    mine = shown[shown["team"] == team]
    if mine.empty:
        st.info(plain(t("health.no_answers_from", lang, team=shown_team, period=period)))
    else:
        title = t("health.rounds_title", lang, team=shown_team)
        show(charts.diverging_chart(mine, title, "period", view.scale, lang=lang))

st.subheader(t("health.morale", lang))
if lacks := [x.text(lang) for x in missing_inputs(data.tables, "revenue")]:
    st.info(plain(t("health.add", lang, lacks=t("health.and", lang).join(lacks))))
else:
    currency = data.currency
    with section("health.results"), st.container(key="health_results"):
        results = charts.morale_table(HV.morale_rows(view.moods, table, currency), currency, lang)
        st.dataframe(results, hide_index=True, width="stretch")
    result = st.radio(
        t("health.result_pick", lang),
        [k for k in H.RESULT_KPIS if not missing_inputs(data.tables, k)],
        format_func=lambda k: kpi_label(k, lang), horizontal=True, key="health_result",
    )  # fmt: skip
    with section("health.morale"), st.container(key="health_morale"):
        rows = H.results_frame(table, rounds, [team])
        symbol = currency_symbol(currency)
        show(charts.morale_results_chart(rows, team, result or "revenue", symbol, lang=lang))

st.subheader(t("health.what_to_do", lang))
with section("health.suggestions"), st.container(key="health_suggestions"):
    plays = H.suggestions(view.moods)
    for play in plays:  # each with its playbook and the numbers behind it
        said = {"lever": play.lever, "action": play.action, "because": play.because}
        st.info(t("health.suggestion", lang, **{k: plain(text(v, lang)) for k, v in said.items()}))
    if not plays:
        st.success(t("health.all_fine", lang, drop=number(ENPS_DROP, lang)))
with st.expander(t("health.how_counted", lang)):
    st.markdown(plain(kpi_definition("enps", lang)))
