"""Pipeline & funnel: what is open, how deals move through the stages, what it takes to hit target.

Guard → compute each tab's view (`analysis.pipeline.views`, `lead_views`) → draw it in `lang`.
"""

import streamlit as st

from analysis.charts import leads as LC
from analysis.charts import pipeline as C
from analysis.charts import pipeline_tables as PT
from analysis.kpis.query import KpiTable
from analysis.model import schema as S
from analysis.pipeline import funnel as F
from analysis.pipeline import views as V
from analysis.pipeline.lead_views import leads_view
from analysis.pipeline.leads import response_trend
from analysis.render.safe_export import to_csv_bytes
from analysis.words.catalogue import t
from analysis.words.message import text
from ui import state
from ui.chart_view import show
from ui.metric_look import said_cards
from ui.period_view import so_far_line
from ui.pickers import team_pick
from ui.sections import attempt, need, section
from ui.text import plain, said

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
    view = V.pipeline_view(snap, plan, table, choice.current, team, data.currency)
    st.markdown("#### " + said(view.headline, lang))
    if view.cards:
        said_cards(view.cards, lang)
        left, right = st.columns(2)
        with left, st.container(key="pipeline_stage_chart"):
            show(C.stage_chart(view.stages, view.symbol, lang=lang))
        with right, st.container(key="pipeline_age_chart"):
            show(C.age_chart(C.age_frame(view.open), lang=lang))
        st.caption(said(view.stalled_note, lang))
        attention = PT.attention_table(view.attention, data.currency, lang)
        st.subheader(text(view.attention_title, lang))
        st.dataframe(attention, hide_index=True, width="stretch",
                     height=320 if len(attention) > 8 else "auto")  # fmt: skip
        st.download_button(t("pipeline.download_attention", lang), lambda: to_csv_bytes(attention),
                           "salescope_deals_to_talk_about.csv", "text/csv",
                           key="pipeline_dl_attention", on_click="ignore")  # fmt: skip
        st.subheader(t("pipeline.per_rep", lang))
        st.dataframe(PT.rep_table(view.reps, data.currency, lang), hide_index=True, width="stretch")
        with st.expander(t("pipeline.help_title", lang)):
            st.markdown(text(view.help, lang))

with funnel_tab, section("pipeline.funnel"):
    funnel_rows, order = state.current_funnel(), F.funnel_order(data)
    if lacks := V.funnel_missing(order, funnel_rows):
        st.info(said(lacks, lang))
    elif order:
        left, right = st.columns([1, 1])
        whole = {V.EVERYONE: t("pipeline.whole_team", lang)}
        rep = left.selectbox(t("pipeline.rep_pick", lang), [V.EVERYONE, *V.funnel_reps(
            funnel_rows, team)], key="funnel_rep", format_func=lambda n: whole.get(n, n))  # fmt: skip
        span = right.radio(text(V.span_label(spec.grain), lang), V.FUNNEL_SPANS[spec.grain],
                           index=1, horizontal=True, key="funnel_span")  # fmt: skip
        funnel = V.funnel_view(data, order, funnel_rows, spec, choice.current, team, rep, span)
        who, group = text(funnel.who, lang), text(funnel.group_name, lang)
        st.markdown("#### " + said(funnel.headline, lang))
        with st.container(key="pipeline_funnel_chart"):
            steps = C.funnel_frame(funnel.mine, funnel.group, who, group, lang=lang)
            show(C.funnel_chart(steps, who, group, text(funnel.title, lang), lang=lang))
        st.caption(said(funnel.notes, lang))
        st.dataframe(PT.funnel_counts(funnel.mine, lang), hide_index=True)

with plan_tab, section("pipeline.plan"):
    planned = V.plan_view(need(loaded)[1], team, data.currency, spec.grain)
    if planned.switch:
        st.info(said(planned.switch, lang))
    else:
        st.markdown("#### " + said(planned.headline, lang))
        with st.container(key="pipeline_plan_chart"):
            parts = C.plan_frame(planned.reps, planned.symbol, lang=lang)
            show(C.plan_chart(parts, planned.plan.period, planned.symbol, lang=lang))
        st.caption(said(planned.note, lang))
        st.dataframe(PT.plan_table(planned.reps, data.currency, spec.grain, lang), hide_index=True,
                     width="stretch")  # fmt: skip

with leads_tab, section("pipeline.leads"):
    leads = leads_view(data, table, spec, choice)
    if leads.absent:
        st.info(text(leads.absent, lang))
    else:
        with st.container(key="leads_point"):
            if leads.response_lacks:
                st.info(text(leads.response_lacks, lang))
            elif leads.point:
                st.subheader(said(leads.point.team_text, lang))
                if leads.point.rep_text:
                    st.subheader(said(leads.point.rep_text, lang))
                st.caption(said(leads.point_note, lang))
        rep = None
        if leads.reps_lacks:
            st.info(text(leads.reps_lacks, lang))
        elif leads.point:
            rep = st.columns(3)[0].selectbox(t("leads.follow", lang), leads.names,
                                             index=leads.first, key="leads_rep")  # fmt: skip
        if leads.point:
            left, right = st.columns(2)
            if rep is not None:
                with left, st.container(key="leads_reps"):
                    hours = leads.point.team_hours
                    show(LC.rep_response_chart(leads.reps, hours, leads.current, rep, lang=lang))
            with right if rep is not None else left, st.container(key="leads_trend"):
                trend = response_trend(table, list(leads.trend_periods), rep)
                show(LC.response_trend_chart(trend, rep, lang=lang))
        left, right = st.columns(2)
        with left, st.container(key="leads_bands"):
            st.subheader(t("leads.bands_title", lang))
            if leads.bands_lacks:
                st.info(text(leads.bands_lacks, lang))
            elif leads.verdict:
                head, _, rest = text(leads.verdict.sentence, lang).partition(": ")
                st.markdown(f"**{plain(head)}:** {plain(rest)}" if rest else plain(head))
                show(LC.band_chart(leads.by_band, text(leads.span, lang), lang=lang))
        with right, st.container(key="leads_sources"):
            st.subheader(t("leads.sources_title", lang))
            if leads.sources_lacks:
                st.info(text(leads.sources_lacks, lang))
            else:
                st.markdown(said(leads.source_note, lang))
                show(LC.source_chart(leads.by_source, text(leads.span, lang), lang=lang))
