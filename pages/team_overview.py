"""Team overview: how are we doing this period, and who is doing what."""

import altair as alt
import streamlit as st

from analysis.charts.overview import attainment_chart, trend_chart
from analysis.customers.regions import ALL_REGIONS, rep_regions
from analysis.kpis import overview as O
from analysis.kpis.labels import currency_symbol, definitions, kpi_label
from analysis.kpis.query import KpiTable
from analysis.kpis.registry import KPIS, missing_inputs
from analysis.model import schema as S
from analysis.model.periods import compared_with, shift_period, trend_periods
from analysis.review.deals import who
from analysis.review.ramping import ramping, ramping_note
from analysis.words.catalogue import t
from analysis.words.message import text
from ui import state
from ui.chart_view import show, show_pickable
from ui.deals_view import bar_deals, deals_panel
from ui.memo import chart, memo
from ui.overview_view import cards, leaderboard
from ui.pickers import team_pick
from ui.sections import section
from ui.text import plain

NOBODY = "—"  # the highlight picker's value for no rep (shown as overview.no_highlight)
PICKED = "overview_bar"  # (chart key, rep) of the rep's bar clicked last (chart_view.show_pickable)

lang = state.lang()
st.title(t("overview.title", lang))
with section("overview.data", stop=True):
    data, everyone, spec = state.current_kpis()
if S.DEALS not in data.tables:
    st.info(t("overview.no_deals", lang))
    st.stop()
choice = state.current_choice()
if choice.current is None:
    st.info(t("overview.no_dates", lang))
    st.stop()
currency = data.currency
symbol = currency_symbol(currency)
teams = sorted(name for name in everyone["team"].dropna().unique())


def region_name(region: str) -> str:
    return t("overview.all_regions", lang) if region == ALL_REGIONS else region


def kpi_name(key: str) -> str:
    return kpi_label(key, lang)


left, right = st.columns([1, 1])
scope = team_pick("overview.team", teams, key="overview_team", where=left)
regions = memo("overview.regions", lambda: rep_regions(data.tables))
region = right.selectbox(
    t("overview.region", lang),
    [ALL_REGIONS, *sorted(set(regions.values()))],
    format_func=region_name,
    key="overview_region",
    disabled=not regions,
    help=t("overview.region_note" if regions else "overview.no_region", lang),
)
with section("overview.region", stop=True):
    table = everyone if region == ALL_REGIONS else state.current_kpis(region)[1]
if scope and not (table["team"] == scope).any():
    st.info(t("overview.not_in_region", lang, team=plain(scope), region=plain(region)))
    st.stop()
before = text(compared_with(choice), lang)
said = [str(text(choice.note, lang)), t("overview.compared", lang, previous=before)]
if region != ALL_REGIONS:
    names = sorted(r for r, g in regions.items() if g == region)
    said.append(t("overview.region_reps", lang, region=region, names=", ".join(names)))
st.caption(plain(" ".join(said)))
periods = memo("overview.periods", lambda: trend_periods(data, spec, choice.current))

with section("overview.cards"):
    shown = memo("overview.cards", lambda: O.headline_cards(table, choice.current, choice.previous,
                                                            periods, scope), region, scope)  # fmt: skip
    cards(data, shown, before, currency, lang)
with section("overview.deals"):
    among = None if region == ALL_REGIONS else KpiTable(table).reps()
    deals_panel(
        data, spec, choice.current, who(table, team=scope, among=among), "overview_deals", lang
    )

reps = KpiTable(table).reps(scope)
trend_left, trend_right = st.columns(2)
trend_key = trend_left.selectbox(
    t("overview.trend_kpi", lang), list(KPIS), format_func=kpi_name, key="overview_trend_kpi"
)
highlight = trend_right.selectbox(
    t("overview.highlight", lang),
    [NOBODY, *reps],
    format_func=lambda rep: t("overview.no_highlight", lang) if rep == NOBODY else rep,
    key="overview_rep",
)
rep = None if highlight == NOBODY else highlight
lacking = [lack.text(lang) for lack in missing_inputs(data.tables, trend_key)]
with section("overview.trend"), st.container(key="overview_trend"):
    if lacking:
        st.info(t("overview.needs", lang, kpi=kpi_name(trend_key), what=", ".join(lacking)))
    else:

        def trend() -> alt.Chart:  # a rep's against the team's median rep
            shown = (O.rep_trend_frame(table, trend_key, periods, rep, scope) if rep
                     else O.trend_frame(table, trend_key, periods, scope))  # fmt: skip
            return trend_chart(shown, kpi_name(trend_key), KPIS[trend_key].unit, rep, symbol,
                               lang=lang)  # fmt: skip

        show(chart("overview.trend", trend, region, scope, trend_key, rep, lang))

att, board_col = st.columns(2)
with att, section("overview.attainment"), st.container(key="overview_attainment"):
    frame = memo("overview.attainment", lambda: O.attainment_frame(table, choice.current, scope),
                 region, scope)  # fmt: skip
    if frame.empty:
        st.info(t("overview.no_targets", lang))
    else:
        show_pickable(chart("overview.attainment", lambda: attainment_chart(frame, choice.current,
                      lang, pickable=True), region, scope, lang), "overview_attainment_chart",
                      PICKED)  # fmt: skip
        new = memo("overview.ramping", lambda: ramping(table, spec, choice.current)
                   & set(frame["rep"].astype(str)), region, scope)  # fmt: skip
        note, hint = (
            ramping_note(new, shift_period(choice.current, spec, -1)),
            t("deals.bar.hint", lang),
        )
        st.caption(f"{plain(text(note, lang))} {hint}" if note else hint)  # why a bar is short
with board_col:
    board_key = st.selectbox(
        t("overview.board_by", lang), O.BOARD, format_func=kpi_name, key="overview_board_kpi"
    )
    with section("overview.board"):
        ranked = memo("overview.board", lambda: O.board(table, board_key, choice.current,
                      choice.previous, scope), region, scope, board_key)  # fmt: skip
        leaderboard(data, ranked, choice, currency, symbol, lang, PICKED, kept=(region, scope))
chart_key, picked = st.session_state.get(PICKED, (None, None))
if picked in reps:  # a rep of this team and region: the deals behind the bar clicked
    kpi = "target_attainment" if chart_key == "overview_attainment_chart" else board_key
    with section("overview.bar_deals"):
        bar_deals(data, spec, choice.current, picked, kpi, "overview_bar_deals", lang)

with section("overview.meaning"), st.expander(t("overview.meaning", lang)):
    shown = memo("overview.definitions", lambda: definitions(KPIS.values(), lang), lang)
    st.dataframe(shown, hide_index=True, width="stretch")
