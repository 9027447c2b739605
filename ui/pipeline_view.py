"""The tabs of the Pipeline & funnel page: open pipeline, funnel and plan to target."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from analysis.charts import pipeline as C
from analysis.diagnosis.weak_spots import stage_spots
from analysis.kpis.registry import currency_symbol, format_value, missing_inputs
from analysis.kpis.table import kpi_value
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodChoice, PeriodSpec, last_periods
from analysis.pipeline import funnel as F
from analysis.pipeline import tables as T
from analysis.pipeline.planning import Plan, plan_note
from analysis.pipeline.snapshot import Snapshot, by_stage
from analysis.render.safe_export import to_csv_bytes
from analysis.words.catalogue import t
from analysis.words.formats import number, plural, short_money
from ui.chart_view import show
from ui.text import plain

EVERYONE = "Whole team"  # the rep picker's value for the team itself (shown translated)
FUNNEL_SPANS = {"quarter": [1, 2, 4], "month": [3, 6, 12]}


def _only(snap: Snapshot, team: str | None) -> Snapshot:
    if team is None:
        return snap
    rows = snap.open[snap.open["team"] == team].reset_index(drop=True)
    return replace(snap, open=rows)


def open_pipeline(
    snap: Snapshot,
    plan: Plan,
    table: pd.DataFrame,
    choice: PeriodChoice,
    team: str | None,
    currency: str | None,
    lang: str = "en",
) -> None:
    """Draw the open pipeline: cards, value per stage, age, the deals to talk about, per rep."""
    snap = _only(snap, team)
    st.markdown("#### " + plain(T.headline(snap, currency, lang)))
    if snap.open.empty:
        return
    period = choice.current
    cards = st.columns(5)
    open_ = snap.open
    symbol = currency_symbol(currency)
    groups = (
        ("open", open_),
        ("slipped", open_[open_["slipped"]]),
        ("stalled", open_[open_["stalled"]]),
    )
    for card, (name, rows) in zip(cards, groups, strict=False):
        deals = t(f"pipeline.card.deals.{plural(len(rows), lang)}", lang, n=number(len(rows), lang))
        card.metric(t(f"pipeline.card.{name}", lang), short_money(rows["amount"].sum(), symbol,
                    lang=lang), deals, delta_color="off", delta_arrow="off")  # fmt: skip
    velocity = kpi_value(table, "pipeline_velocity", period, team=team) if period else None
    cards[3].metric(
        t("pipeline.card.velocity", lang, period=period),
        format_value("pipeline_velocity", velocity, currency, lang),
        help=t("pipeline.velocity_help", lang),
    )
    coverage = (
        t("pipeline.card.coverage_of", lang, period=plan.period)
        if plan.period
        else t("pipeline.card.coverage", lang)
    )
    cards[4].metric(
        coverage,
        format_value("pipeline_coverage", T.coverage(plan, team), lang=lang),
        help=t("pipeline.coverage_help", lang),
    )
    left, right = st.columns(2)
    with left, st.container(key="pipeline_stage_chart"):
        show(C.stage_chart(by_stage(snap), symbol, lang=lang))
    with right, st.container(key="pipeline_age_chart"):
        show(C.age_chart(C.age_frame(snap.open), lang=lang))
    if snap.stalled_basis:
        st.caption(plain(t("pipeline.stalled_basis", lang, basis=snap.stalled_words(lang))))
    else:
        st.caption(t("pipeline.stalled_needs", lang))
    attention = T.attention_table(snap, currency, lang)
    st.subheader(t("pipeline.attention", lang, n=number(len(attention), lang)))
    st.dataframe(
        attention, hide_index=True, width="stretch", height=320 if len(attention) > 8 else "auto"
    )
    st.download_button(t("pipeline.download_attention", lang), lambda: to_csv_bytes(attention),
                       "salescope_deals_to_talk_about.csv", "text/csv",
                       key="pipeline_dl_attention", on_click="ignore")  # fmt: skip
    st.subheader(t("pipeline.per_rep", lang))
    st.dataframe(T.rep_table(snap, currency, lang), hide_index=True, width="stretch")
    with st.expander(t("pipeline.help_title", lang)):
        velocity_help, coverage_help = (
            t("pipeline.velocity_help", lang),
            t("pipeline.coverage_help", lang),
        )
        st.markdown(f"- {velocity_help}\n- {coverage_help}")


def funnel(
    data: Dataset, funnel_rows: pd.DataFrame, spec: PeriodSpec, choice: PeriodChoice,
    team: str | None, lang: str = "en",
) -> None:  # fmt: skip
    """Draw stage-to-stage conversion of a rep (or the team) against the team."""
    order = F.funnel_order(data, lang)
    if order is None or not order.stages or funnel_rows.empty:
        note = order.note if order else t("pipeline.no_deals", lang)
        st.info(plain(t("pipeline.funnel_switch", lang, note=note)))
        return
    rows = funnel_rows if team is None else funnel_rows[funnel_rows["team"] == team]
    reps = sorted(str(r) for r in rows.loc[rows["scope"] == "rep", "rep"].dropna().unique())
    left, right = st.columns([1, 1])
    whole_team = t("pipeline.whole_team", lang)
    rep = left.selectbox(
        t("pipeline.rep_pick", lang), [EVERYONE, *reps], key="funnel_rep",
        format_func=lambda name: whole_team if name == EVERYONE else name,
    )  # fmt: skip
    spans = FUNNEL_SPANS[spec.grain]
    span = right.radio(
        t("pipeline.span", lang, grains=t(f"pipeline.grains.{spec.grain}", lang)), spans,
        index=1, horizontal=True, key="funnel_span",
    )  # fmt: skip
    periods = last_periods(choice.current, spec, span)
    team_name = team or whole_team
    group = F.funnel_of(funnel_rows, periods, team=team)
    mine = group if rep == EVERYONE else F.funnel_of(funnel_rows, periods, rep=rep)
    who = team_name if rep == EVERYONE else rep
    steps = C.funnel_frame(mine, group, who, team_name, lang=lang)
    scoped = funnel_rows if team is None else funnel_rows[funnel_rows["team"] == team]
    spot = stage_spots(scoped, periods).get(rep) if rep != EVERYONE else None
    st.markdown("#### " + plain(T.funnel_headline(group, who, team_name, spot, lang)))
    with st.container(key="pipeline_funnel_chart"):
        title = t("pipeline.funnel_title", lang, first=periods[0], last=periods[-1])
        show(C.funnel_chart(steps, who, team_name, title, lang=lang))
    notes = (order.note, F.method_note(data, lang), t("pipeline.funnel_recent", lang))
    st.caption(plain(" ".join(notes)))
    counts = pd.DataFrame(
        {
            t("pipeline.col.stage", lang): [F.stage_name(s, lang) for s in mine["stage"]],
            t("pipeline.col.reached", lang): mine["reached"].to_numpy(),
            t("pipeline.col.went_on", lang): [
                format_value("win_rate", v, lang=lang) for v in mine["conversion"]
            ],
        }
    )
    st.dataframe(counts, hide_index=True)


def plan_to_target(
    plan: Plan, team: str | None, currency: str | None, grain: str, lang: str = "en"
) -> None:
    """Draw per rep what is still to win next period and how many new deals that takes."""
    reps = plan.reps if team is None else plan.reps[plan.reps["team"] == team]
    shown = Plan(plan.period, plan.target_period, plan.history, plan.note, reps)
    note = plan_note(plan, lang)
    if reps.empty:
        st.info(plain(t("pipeline.plan_switch", lang, note=note)))
        return
    st.markdown("#### " + plain(T.plan_headline(shown, currency, grain, lang)))
    with st.container(key="pipeline_plan_chart"):
        symbol = currency_symbol(currency)
        parts = C.plan_frame(reps, symbol, lang=lang)
        show(C.plan_chart(parts, plan.period, symbol, lang=lang))
    st.caption(plain(note))
    st.dataframe(T.plan_table(shown, currency, grain, lang), hide_index=True, width="stretch")


def missing_note(data: Dataset, lang: str = "en") -> str | None:
    """Return what the export lacks for the pipeline, in words; None when it has what it needs."""
    if S.DEALS not in data.tables:
        return t("pipeline.missing.no_deals", lang)
    needs = {
        "age": missing_inputs(data.tables, "pipeline_value", lang),
        "plan": missing_inputs(data.tables, "pipeline_coverage", lang),
    }
    parts = [
        t(f"pipeline.missing.{what}", lang, lacks=", ".join(lacks))
        for what, lacks in needs.items()
        if lacks
    ]
    return " ".join(parts) or None
