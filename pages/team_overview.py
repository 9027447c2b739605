"""Team overview: how are we doing this period, and who is doing what."""

import streamlit as st

from analysis import overview as O
from analysis import schema as S
from analysis.charts import attainment_chart, leaderboard_chart, trend_chart
from analysis.kpi_registry import (
    KPIS,
    currency_symbol,
    format_value,
    kpi_definition,
    kpi_label,
    missing_inputs,
)
from analysis.periods import all_periods, current_and_previous
from analysis.regions import ALL_REGIONS, rep_regions
from analysis.texts import t
from ui import state
from ui.chart_view import show
from ui.text import plain

CARDS = ["revenue", "target_attainment", "win_rate", "new_deals", "avg_deal_size", "cycle_days"]
BOARD = [
    "revenue",
    "target_attainment",
    "win_rate",
    "won_deals",
    "new_deals",
    "avg_deal_size",
    "activities",
    "nps",
    "lead_response_hours",
]
NOBODY = "—"  # the highlight picker's value for no rep (shown as overview.no_highlight)

lang = state.lang()
st.title(t("overview.title", lang))
data, everyone, spec = state.current_kpis()
if S.DEALS not in data.tables:
    st.info(t("overview.no_deals", lang))
    st.stop()
choice = current_and_previous(data, spec, lang=lang)
if choice.current is None:
    st.info(t("overview.no_dates", lang))
    st.stop()
currency = O.main_currency(data.tables.get(S.DEALS))
symbol = currency_symbol(currency)
teams = sorted(name for name in everyone["team"].dropna().unique())


def region_name(region: str) -> str:
    return t("overview.all_regions", lang) if region == ALL_REGIONS else region


def kpi_name(key: str) -> str:
    return kpi_label(key, lang)


left, right = st.columns([1, 1])
team = left.selectbox(
    t("overview.team", lang),
    [O.ALL_TEAMS, *teams],
    format_func=lambda team: O.team_name(team, lang),
    key="overview_team",
)
scope = None if team == O.ALL_TEAMS else team
regions = rep_regions(data.tables)
region = right.selectbox(
    t("overview.region", lang),
    [ALL_REGIONS, *sorted(set(regions.values()))],
    format_func=region_name,
    key="overview_region",
    disabled=not regions,
    help=t("overview.region_note" if regions else "overview.no_region", lang),
)
table = everyone if region == ALL_REGIONS else state.current_kpis(region)[1]
if scope and not (table["team"] == scope).any():
    st.info(t("overview.not_in_region", lang, team=plain(team), region=plain(region)))
    st.stop()
said = [choice.note, t("overview.compared", lang, previous=choice.previous)]
if region != ALL_REGIONS:
    names = sorted(r for r, g in regions.items() if g == region)
    said.append(t("overview.region_reps", lang, region=region, names=", ".join(names)))
st.caption(plain(" ".join(said)))
periods = all_periods(data, spec)
periods = periods[: periods.index(choice.current) + 1][-8:]

cards = st.columns(len(CARDS))
for column, key in zip(cards, CARDS, strict=True):
    entry = KPIS[key]
    moved = O.change(table, key, choice.current, choice.previous, entry.higher_is_better, scope)
    lacks = missing_inputs(data.tables, key, lang)
    meaning = kpi_definition(key, lang)
    if lacks:
        meaning += " " + t("overview.not_available", lang, what=", ".join(lacks))
    column.metric(
        kpi_name(key),
        format_value(key, moved.current, currency, lang),
        O.format_change(key, moved.delta, entry.unit, currency, lang) or None,
        delta_color="off"
        if moved.good is None
        else "normal"
        if entry.higher_is_better
        else "inverse",
        delta_arrow="off" if not moved.delta else "auto",
        delta_description=t("overview.vs", lang, previous=choice.previous),
        chart_data=O.trend_frame(table, key, periods, scope)["value"].tolist() or None,
        help=meaning,
    )

reps = sorted(
    table.loc[(table["scope"] == "rep") & ((table["team"] == scope) if scope else True), "rep"]
    .dropna()
    .unique()
)
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
lacking = missing_inputs(data.tables, trend_key, lang)
with st.container(key="overview_trend"):
    if lacking:
        st.info(t("overview.needs", lang, kpi=kpi_name(trend_key), what=", ".join(lacking)))
    else:
        trend = O.trend_frame(table, trend_key, periods, scope, rep)
        unit = KPIS[trend_key].unit
        show(trend_chart(trend, kpi_name(trend_key), unit, rep, symbol, lang=lang))

att, board_col = st.columns(2)
with att, st.container(key="overview_attainment"):
    frame = O.attainment_frame(table, choice.current, scope)
    if frame.empty:
        st.info(t("overview.no_targets", lang))
    else:
        show(attainment_chart(frame, choice.current, lang=lang))
with board_col:
    board_key = st.selectbox(
        t("overview.board_by", lang), BOARD, format_func=kpi_name, key="overview_board_kpi"
    )
    entry = KPIS[board_key]
    label = kpi_name(board_key)
    board = O.leaderboard(
        table, board_key, choice.current, entry.higher_is_better is not False, scope, min_n=3
    )
    with st.container(key="overview_board"):
        if lacks := missing_inputs(data.tables, board_key, lang):
            st.info(t("overview.needs", lang, kpi=label, what=", ".join(lacks)))
        elif board.empty:
            st.info(t("overview.no_board", lang, kpi=label.lower(), period=choice.current))
        else:
            show(leaderboard_chart(board, label, entry.unit, symbol, lang=lang))
    for shout in O.recognition(
        table,
        board_key,
        choice.current,
        choice.previous,
        entry.higher_is_better is not False,
        scope,
        min_n=3,
    ):
        value = format_value(board_key, shout.value, currency, lang)
        if shout.kind == "top":
            top = t("overview.top", lang, rep=plain(shout.rep), value=value)
            st.success(top, icon=":material/emoji_events:")
        else:
            before = format_value(board_key, shout.previous, currency, lang)
            improved = t(
                "overview.improved", lang, rep=plain(shout.rep), before=before, value=value
            )
            st.success(improved, icon=":material/trending_up:")

with st.expander(t("overview.meaning", lang)):
    st.dataframe(O.definitions(KPIS.values(), lang), hide_index=True, width="stretch")
