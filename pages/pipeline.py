"""Pipeline & funnel: what is open, how deals move through the stages, what it takes to hit target.

Guard → compute each tab's view (`analysis.pipeline.views`, `lead_views`) → draw it in `lang`.
"""

import streamlit as st

from analysis.charts import pipeline as C
from analysis.charts import pipeline_tables as PT
from analysis.kpis.query import KpiTable
from analysis.model import schema as S
from analysis.pipeline import funnel as F
from analysis.pipeline import views as V
from analysis.render.safe_export import to_csv_bytes
from analysis.words.catalogue import t
from analysis.words.message import text
from ui import state
from ui.chart_view import show
from ui.leads_view import draw_leads
from ui.memo import chart, memo
from ui.metric_look import said_cards
from ui.period_view import so_far_line
from ui.pickers import team_pick
from ui.sections import attempt, need, section
from ui.text import said

lang = state.lang()

st.title(t("pipeline.title", lang))
with section("pipeline.data", stop=True):
    data, table, spec = state.current_kpis()
missing = V.missing_note(data.tables)
if S.DEALS not in data.tables:
    st.info(text(missing, lang))
    st.stop()
choice = state.current_choice()
if choice.current is None:
    st.info(t("pipeline.no_dates", lang))
    st.stop()
loaded = attempt(state.current_pipeline)  # the open-pipeline and plan tabs need it
team = team_pick("pipeline.team_pick", KpiTable(table).teams(), key="pipeline_team")
if missing:
    st.caption(text(missing, lang))
so_far_line(choice, lang)
tabs = [t(f"pipeline.tab.{name}", lang) for name in ("open", "funnel", "plan", "leads")]
pipeline_tab, funnel_tab, plan_tab, leads_tab = st.tabs(tabs)

with pipeline_tab, section("pipeline.open"):
    snap, plan = need(loaded)
    view = memo("pipeline.view", lambda: V.pipeline_view(snap, plan, table, choice.current, team,
                                                         data.currency), team)  # fmt: skip
    st.markdown("#### " + said(view.headline, lang))
    if view.cards:
        said_cards(view.cards, lang)
        left, right = st.columns(2)
        with left, st.container(key="pipeline_stage_chart"):
            show(chart("pipeline.stages", lambda: C.stage_chart(view.stages, view.symbol, lang=lang),
                       team, lang))  # fmt: skip
        with right, st.container(key="pipeline_age_chart"):
            show(chart("pipeline.ages", lambda: C.age_chart(C.age_frame(view.open), lang=lang),
                       team, lang))  # fmt: skip
        st.caption(said(view.stalled_note, lang))
        attention = memo("pipeline.attention", lambda: PT.attention_table(
            view.attention, data.currency, lang), team, lang)  # fmt: skip
        st.subheader(text(view.attention_title, lang))
        st.dataframe(attention, hide_index=True, width="stretch",
                     height=320 if len(attention) > 8 else "auto")  # fmt: skip
        st.download_button(t("pipeline.download_attention", lang), lambda: to_csv_bytes(attention),
                           "salescope_deals_to_talk_about.csv", "text/csv",
                           key="pipeline_dl_attention", on_click="ignore")  # fmt: skip
        st.subheader(t("pipeline.per_rep", lang))
        reps = memo(
            "pipeline.reps", lambda: PT.rep_table(view.reps, data.currency, lang), team, lang
        )
        st.dataframe(reps, hide_index=True, width="stretch")
        with st.expander(t("pipeline.help_title", lang)):
            st.markdown(text(view.help, lang))

with funnel_tab, section("pipeline.funnel"):
    funnel_rows, order = (
        state.current_funnel(),
        memo("pipeline.order", lambda: F.funnel_order(data)),
    )
    if lacks := V.funnel_missing(order, funnel_rows):
        st.info(said(lacks, lang))
    elif order:
        left, right = st.columns([1, 1])
        whole = {V.EVERYONE: t("pipeline.whole_team", lang)}
        rep = left.selectbox(t("pipeline.rep_pick", lang), [V.EVERYONE, *V.funnel_reps(
            funnel_rows, team)], key="funnel_rep", format_func=lambda n: whole.get(n, n))  # fmt: skip
        span = right.radio(text(V.span_label(spec.grain), lang), V.FUNNEL_SPANS[spec.grain],
                           index=1, horizontal=True, key="funnel_span")  # fmt: skip
        funnel = memo("pipeline.funnel", lambda: V.funnel_view(data, order, funnel_rows, spec,
                      choice.current, team, rep, span), team, rep, span)  # fmt: skip
        who, group = text(funnel.who, lang), text(funnel.group_name, lang)
        st.markdown("#### " + said(funnel.headline, lang))
        with st.container(key="pipeline_funnel_chart"):
            show(chart("pipeline.funnel_chart", lambda: C.funnel_chart(C.funnel_frame(
                funnel.mine, funnel.group, who, group, lang=lang), who, group, text(funnel.title,
                lang), lang=lang), team, rep, span, lang))  # fmt: skip
        st.caption(said(funnel.notes, lang))
        st.dataframe(PT.funnel_counts(funnel.mine, lang), hide_index=True)

with plan_tab, section("pipeline.plan"):
    planned = memo("pipeline.plan", lambda: V.plan_view(need(loaded)[1], team, data.currency,
                                                         spec.grain), team)  # fmt: skip
    if planned.switch:
        st.info(said(planned.switch, lang))
    else:
        st.markdown("#### " + said(planned.headline, lang))
        with st.container(key="pipeline_plan_chart"):
            show(chart("pipeline.plan_chart", lambda: C.plan_chart(C.plan_frame(planned.reps,
                 planned.symbol, lang=lang), planned.plan.period, planned.symbol, lang=lang),
                 team, lang))  # fmt: skip
        st.caption(said(planned.note, lang))
        st.dataframe(PT.plan_table(planned.reps, data.currency, spec.grain, lang), hide_index=True,
                     width="stretch")  # fmt: skip

with leads_tab, section("pipeline.leads"):
    draw_leads(data, table, spec, choice, lang)
