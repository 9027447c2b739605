"""Team overview: how are we doing this period, and who is doing what."""

import streamlit as st

from analysis import overview as O
from analysis import schema as S
from analysis.charts import attainment_chart, leaderboard_chart, trend_chart
from analysis.kpi_registry import KPIS, currency_symbol, format_value, missing_inputs
from analysis.periods import all_periods, current_and_previous
from analysis.regions import ALL_REGIONS, rep_regions
from analysis.regions import NOTE as REGION_NOTE
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

st.title("Team overview")
data, everyone, spec = state.current_kpis()
if S.DEALS not in data.tables:
    st.info("Load an export with deals on the Upload & mapping page to see the team's KPIs.")
    st.stop()
choice = current_and_previous(data, spec)
if choice.current is None:
    st.info("The deals have no dates, so there are no periods to show.")
    st.stop()
currency = O.main_currency(data.tables.get(S.DEALS))
teams = sorted(t for t in everyone["team"].dropna().unique())

left, right = st.columns([1, 1])
team = left.selectbox("Team", [O.ALL_TEAMS, *teams], key="overview_team")
scope = None if team == O.ALL_TEAMS else team
regions = rep_regions(data.tables)
region = right.selectbox(
    "Region",
    [ALL_REGIONS, *sorted(set(regions.values()))],
    key="overview_region",
    disabled=not regions,
    help=REGION_NOTE if regions else "The export has no region column.",
)
table = everyone if region == ALL_REGIONS else state.current_kpis(region)[1]
if scope and not (table["team"] == scope).any():
    st.info(f"No rep of team {plain(team)} works in region {plain(region)}.")
    st.stop()
where = ""
if region != ALL_REGIONS:
    names = sorted(r for r, g in regions.items() if g == region)
    where = f" Region {region}: {', '.join(names)}."
st.caption(plain(choice.note + f" Compared with {choice.previous}." + where))
periods = all_periods(data, spec)
periods = periods[: periods.index(choice.current) + 1][-8:]

cards = st.columns(len(CARDS))
for column, key in zip(cards, CARDS, strict=True):
    entry = KPIS[key]
    moved = O.change(table, key, choice.current, choice.previous, entry.higher_is_better, scope)
    lacks = missing_inputs(data.tables, key)
    column.metric(
        entry.label,
        format_value(key, moved.current, currency),
        O.format_change(key, moved.delta, entry.unit, currency) or None,
        delta_color="off"
        if moved.good is None
        else "normal"
        if entry.higher_is_better
        else "inverse",
        delta_arrow="off" if not moved.delta else "auto",
        delta_description=f"vs {choice.previous}",
        chart_data=O.trend_frame(table, key, periods, scope)["value"].tolist() or None,
        help=entry.definition + (f" Not available: needs {', '.join(lacks)}." if lacks else ""),
    )

reps = sorted(
    table.loc[(table["scope"] == "rep") & ((table["team"] == scope) if scope else True), "rep"]
    .dropna()
    .unique()
)
trend_left, trend_right = st.columns(2)
trend_key = trend_left.selectbox(
    "KPI to follow", list(KPIS), format_func=lambda k: KPIS[k].label, key="overview_trend_kpi"
)
highlight = trend_right.selectbox("Highlight a rep", ["—", *reps], key="overview_rep")
lacking = missing_inputs(data.tables, trend_key)
with st.container(key="overview_trend"):
    if lacking:
        st.info(
            f"{KPIS[trend_key].label} needs: " + ", ".join(lacking) + ". Map it on the Upload page."
        )
    else:
        trend = O.trend_frame(
            table, trend_key, periods, scope, None if highlight == "—" else highlight
        )
        unit = KPIS[trend_key].unit
        show(
            trend_chart(
                trend,
                KPIS[trend_key].label,
                unit,
                None if highlight == "—" else highlight,
                currency_symbol(currency),
            )
        )

att, board_col = st.columns(2)
with att, st.container(key="overview_attainment"):
    frame = O.attainment_frame(table, choice.current, scope)
    if frame.empty:
        st.info("No targets for this period: add a Targets sheet (rep or team, period, target).")
    else:
        show(attainment_chart(frame, choice.current))
with board_col:
    board_key = st.selectbox(
        "Leaderboard by", BOARD, format_func=lambda k: KPIS[k].label, key="overview_board_kpi"
    )
    entry = KPIS[board_key]
    board = O.leaderboard(
        table, board_key, choice.current, entry.higher_is_better is not False, scope, min_n=3
    )
    with st.container(key="overview_board"):
        if lacks := missing_inputs(data.tables, board_key):
            st.info(f"{entry.label} needs: {', '.join(lacks)}. Map it on the Upload page.")
        elif board.empty:
            st.info(f"No rep has enough data for {entry.label.lower()} in {choice.current}.")
        else:
            show(leaderboard_chart(board, entry.label, entry.unit, currency_symbol(currency)))
    for shout in O.recognition(
        table,
        board_key,
        choice.current,
        choice.previous,
        entry.higher_is_better is not False,
        scope,
        min_n=3,
    ):
        value = format_value(board_key, shout.value, currency)
        if shout.kind == "top":
            st.success(f"Top: **{plain(shout.rep)}** — {value}", icon=":material/emoji_events:")
        else:
            before = format_value(board_key, shout.previous, currency)
            st.success(
                f"Most improved: **{plain(shout.rep)}** — {before} → {value}",
                icon=":material/trending_up:",
            )

with st.expander("What the numbers mean"):
    st.dataframe(O.definitions(KPIS.values()), hide_index=True, width="stretch")
