"""The tabs of the Pipeline & funnel page: open pipeline, funnel and plan to target."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import funnel as F
from analysis import pipeline_charts as C
from analysis import pipeline_tables as T
from analysis import schema as S
from analysis.dataset import Dataset
from analysis.export import to_csv_bytes
from analysis.kpi_registry import currency_symbol, format_value, missing_inputs, short_money
from analysis.kpis import kpi_value
from analysis.periods import PeriodChoice, PeriodSpec, shift_period
from analysis.pipeline import Snapshot, by_stage
from analysis.planning import Plan
from analysis.weak_spots import stage_spots
from ui.chart_view import show
from ui.text import plain

EVERYONE = "Whole team"
FUNNEL_SPANS = {"quarter": [1, 2, 4], "month": [3, 6, 12]}


def _only(snap: Snapshot, team: str | None) -> Snapshot:
    if team is None:
        return snap
    rows = snap.open[snap.open["team"] == team].reset_index(drop=True)
    return Snapshot(snap.as_of, rows, snap.stages, snap.stalled_basis, snap.has_history)


def open_pipeline(
    snap: Snapshot,
    plan: Plan,
    table: pd.DataFrame,
    choice: PeriodChoice,
    team: str | None,
    currency: str | None,
) -> None:
    """Draw the open pipeline: cards, value per stage, age, the deals to talk about, per rep."""
    snap = _only(snap, team)
    st.markdown("#### " + plain(T.headline(snap, currency)))
    if snap.open.empty:
        return
    period = choice.current
    cards = st.columns(5)
    open_ = snap.open
    symbol = currency_symbol(currency)
    groups = (
        ("Open pipeline", open_),
        ("Past close date", open_[open_["slipped"]]),
        ("Stalled", open_[open_["stalled"]]),
    )
    for card, (label, rows) in zip(cards, groups, strict=False):
        card.metric(label, short_money(rows["amount"].sum(), symbol), f"{len(rows):,} deals",
                    delta_color="off", delta_arrow="off")  # fmt: skip
    velocity = kpi_value(table, "pipeline_velocity", period, team=team) if period else None
    cards[3].metric(
        f"Pipeline velocity, {period}",
        format_value("pipeline_velocity", velocity, currency),
        help=T.VELOCITY,
    )
    cards[4].metric(
        f"Coverage of {plan.period} target" if plan.period else "Coverage",
        format_value("pipeline_coverage", T.coverage(plan, team)),
        help=T.COVERAGE,
    )
    left, right = st.columns(2)
    with left, st.container(key="pipeline_stage_chart"):
        show(C.stage_chart(by_stage(snap), symbol))
    with right, st.container(key="pipeline_age_chart"):
        show(C.age_chart(C.age_frame(snap.open)))
    if snap.stalled_basis:
        st.caption(plain("Stalled: " + snap.stalled_basis))
    else:
        st.caption("Stalled deals need created dates on the deals (or a stage history).")
    attention = T.attention_table(snap, currency)
    st.subheader(f"Deals to talk about ({len(attention):,})")
    st.dataframe(
        attention, hide_index=True, width="stretch", height=320 if len(attention) > 8 else "auto"
    )
    st.download_button("Download these deals (CSV)", lambda: to_csv_bytes(attention),
                       "salescope_deals_to_talk_about.csv", "text/csv",
                       key="pipeline_dl_attention", on_click="ignore")  # fmt: skip
    st.subheader("Open pipeline per rep")
    st.dataframe(T.rep_table(snap, currency), hide_index=True, width="stretch")
    with st.expander("Pipeline velocity and coverage: what they mean"):
        st.markdown(f"- {T.VELOCITY}\n- {T.COVERAGE}")


def funnel(
    data: Dataset, funnel_rows: pd.DataFrame, spec: PeriodSpec, choice: PeriodChoice,
    team: str | None,
) -> None:  # fmt: skip
    """Draw stage-to-stage conversion of a rep (or the team) against the team."""
    order = F.funnel_order(data)
    if order is None or not order.stages or funnel_rows.empty:
        note = order.note if order else "The export has no deals."
        st.info(plain(note + " A stage column on the deals (or a stage history sheet) switches "
                      "the funnel on."))  # fmt: skip
        return
    rows = funnel_rows if team is None else funnel_rows[funnel_rows["team"] == team]
    reps = sorted(str(r) for r in rows.loc[rows["scope"] == "rep", "rep"].dropna().unique())
    left, right = st.columns([1, 1])
    rep = left.selectbox("Rep", [EVERYONE, *reps], key="funnel_rep")
    spans = FUNNEL_SPANS[spec.grain]
    span = right.radio(
        f"Deals created in the last … {spec.grain}s", spans, index=1, horizontal=True,
        key="funnel_span",
    )  # fmt: skip
    periods = [shift_period(choice.current, spec, -k) for k in range(span)][::-1]
    team_name = team or "Whole team"
    group = F.funnel_of(funnel_rows, periods, team=team)
    mine = group if rep == EVERYONE else F.funnel_of(funnel_rows, periods, rep=rep)
    who = team_name if rep == EVERYONE else rep
    steps = C.funnel_frame(mine, group, who, team_name)
    scoped = funnel_rows if team is None else funnel_rows[funnel_rows["team"] == team]
    spot = stage_spots(scoped, periods).get(rep) if rep != EVERYONE else None
    st.markdown("#### " + plain(T.funnel_headline(group, who, team_name, spot)))
    with st.container(key="pipeline_funnel_chart"):
        title = f"Of the deals reaching a stage, how many went on ({periods[0]}–{periods[-1]})"
        show(C.funnel_chart(steps, who, team_name, title))
    st.caption(
        plain(
            order.note + " " + F.method_note(data) + " Deals created lately may still "
            "be open, so the last steps of recent periods look lower than they will."
        )
    )
    counts = mine.assign(conversion=[format_value("win_rate", v) for v in mine["conversion"]])
    counts.columns = ["Stage", "Deals reaching it", "Went on to the next stage"]
    st.dataframe(counts, hide_index=True)


def plan_to_target(plan: Plan, team: str | None, currency: str | None, grain: str) -> None:
    """Draw per rep what is still to win next period and how many new deals that takes."""
    reps = plan.reps if team is None else plan.reps[plan.reps["team"] == team]
    shown = Plan(plan.period, plan.target_period, plan.history, plan.note, reps)
    if reps.empty:
        st.info(plain(plan.note + " A targets sheet per rep and period switches planning on."))
        return
    st.markdown("#### " + plain(T.plan_headline(shown, currency, grain)))
    with st.container(key="pipeline_plan_chart"):
        show(C.plan_chart(C.plan_frame(reps, currency_symbol(currency)), plan.period,
                          currency_symbol(currency)))  # fmt: skip
    st.caption(plain(plan.note))
    st.dataframe(T.plan_table(shown, currency, grain), hide_index=True, width="stretch")


def missing_note(data: Dataset) -> str | None:
    """Return what the export lacks for the pipeline, in words; None when it has what it needs."""
    if S.DEALS not in data.tables:
        return "Load an export with deals on the Upload & mapping page to see the pipeline."
    needs = {
        "Deal age, stalled deals and velocity": missing_inputs(data.tables, "pipeline_value"),
        "Coverage and the plan to target": missing_inputs(data.tables, "pipeline_coverage"),
    }
    parts = [f"{what} need: {', '.join(lacks)}." for what, lacks in needs.items() if lacks]
    return " ".join(parts) or None
