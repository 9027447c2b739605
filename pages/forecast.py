"""Forecast: where the period ahead will likely land against target, and how accurate it has been.

Guard → the cached forecast (`state.current_forecast`) → its view (`analysis.forecast.views`)
→ drawn in `lang`, each section on its own.
"""

import streamlit as st

from analysis.charts import forecast as C
from analysis.forecast import views as V
from analysis.model import schema as S
from analysis.render.safe_export import to_csv_bytes
from analysis.words.catalogue import t
from ui import state
from ui.chart_view import show
from ui.memo import chart, memo
from ui.metric_look import said_cards
from ui.sections import attempt, need, section
from ui.text import said

lang = state.lang()

st.title(t("forecast.title", lang))
with section("forecast.data", stop=True):
    data = state.current()[1]
if S.DEALS not in data.tables:
    st.info(t("outlook.no_deals", lang))
    st.stop()


def _view() -> tuple | None:
    fc = state.current_forecast()
    return None if fc is None else (fc, memo("forecast.view", lambda: V.forecast_view(
        fc, data.currency)))  # fmt: skip


loaded = attempt(_view)
if loaded is None:
    st.info(t("outlook.no_deals", lang))
    st.stop()

with section("forecast.headline"):
    fc, view = need(loaded)
    st.caption(said(view.as_of, lang))
    st.markdown("#### " + said(view.headline, lang))
    with st.container(key="forecast_cards"):
        said_cards(view.cards[:3], lang, widths=[1, 1.4, 1])  # the range needs the room
        said_cards(view.cards[3:], lang)

with section("forecast.ranges"):
    fc, view = need(loaded)
    by = st.session_state.get("forecast_by", V.BY[0])  # the toggle is drawn under the chart
    with st.container(key="forecast_ranges"):
        show(chart("forecast.ranges", lambda: C.range_chart(view.ranges[by], by, view.symbol, lang),
                   by, lang))  # fmt: skip
    st.radio(t("outlook.by", lang), V.BY, horizontal=True, key="forecast_by",
             format_func=lambda b: t(f"outlook.by_{b}", lang))  # fmt: skip
    st.caption(said(view.split, lang))

with section("forecast.deals"), st.container(key="forecast_deals"):
    fc, view = need(loaded)
    st.subheader(t("outlook.deals_title", lang))
    st.caption(t("outlook.deals_about", lang))
    deals = memo("forecast.deals", lambda: V.written(view.deals, lang), lang)
    st.dataframe(deals, hide_index=True, width="stretch")
    st.download_button(t("outlook.download", lang), lambda: to_csv_bytes(deals),
                       t("outlook.deals_file", lang, period=fc.period), "text/csv",
                       key="forecast_dl_deals", on_click="ignore",
                       icon=":material/download:")  # fmt: skip

with section("forecast.reps"), st.container(key="forecast_reps"):
    fc, view = need(loaded)
    st.subheader(t("outlook.reps_title", lang))
    st.dataframe(memo("forecast.reps", lambda: V.written(view.reps, lang), lang), hide_index=True,
                 width="stretch")  # fmt: skip

with section("forecast.accuracy"):
    fc, view = need(loaded)
    st.subheader(t("outlook.accuracy_title", lang))
    st.markdown(said(view.method, lang))
    st.markdown(said(view.coverage, lang))
    if len(view.backtest_chart):
        with st.container(key="forecast_backtest"):
            show(chart("forecast.backtest", lambda: C.backtest_chart(view.backtest_chart,
                       view.symbol, lang), lang))  # fmt: skip
            st.dataframe(V.written(view.backtest, lang), hide_index=True, width="stretch")
    if len(view.reliability):
        left, right = st.columns([3, 2])
        with left, st.container(key="forecast_reliability"):
            show(chart("forecast.reliability", lambda: C.reliability_chart(view.reliability, lang),
                       lang))  # fmt: skip
        right.dataframe(V.written(view.reliability_table, lang), hide_index=True)
