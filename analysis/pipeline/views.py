"""What the tabs of the Pipeline & funnel page show, worked out: one view per tab, drawn by the page.

Each view is a plain dataclass built by one pure function from the snapshot, plan, funnel table
or KPI table; its sentences are `Say`s and its values wait to be written in the reader's language
(`text(x, lang)`), so the page only draws. The team picked narrows every view (None: all teams).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd

from analysis.diagnosis.stage_spots import stage_spots
from analysis.kpis.labels import currency_symbol
from analysis.kpis.query import KpiTable
from analysis.kpis.registry import missing_inputs
from analysis.kpis.shown import shown
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec, last_periods
from analysis.pipeline import funnel as F
from analysis.pipeline import sentences as W
from analysis.pipeline.planning import Plan
from analysis.pipeline.snapshot import Snapshot, by_stage
from analysis.words.message import Counted, Joined, Say, counted, fmt, joined

EVERYONE = "Whole team"  # the funnel's rep picker value for the team itself (shown translated)
FUNNEL_SPANS = {"quarter": [1, 2, 4], "month": [3, 6, 12]}  # periods the funnel can add up
HELP = joined(["- ", Say("pipeline.velocity_help"), "\n- ", Say("pipeline.coverage_help")], "")


def missing_note(tables: Mapping[str, pd.DataFrame]) -> Say | Joined | None:
    """Return what the export lacks for the pipeline; None when it has what it needs."""
    if S.DEALS not in tables:
        return Say("pipeline.missing.no_deals")
    needs = {
        "age": missing_inputs(tables, "pipeline_value"),
        "plan": missing_inputs(tables, "pipeline_coverage"),
    }
    parts = [
        Say(f"pipeline.missing.{what}", lacks=joined(lacks, ", "))
        for what, lacks in needs.items()
        if lacks
    ]
    return joined(parts, " ") if parts else None


@dataclass(frozen=True)
class Card:
    """One number card: its label, value, the count under it and a help text."""

    label: Say
    value: object  # written with `text(value, lang)`
    delta: object = None
    help: Say | None = None


@dataclass(frozen=True)
class PipelineView:
    """The open-pipeline tab of a team (or all teams)."""

    headline: object  # a `Say`, `Counted` or `Joined`
    open: pd.DataFrame  # the team's open deals (`Snapshot.open` rows)
    cards: tuple[Card, ...]
    stages: pd.DataFrame  # open deals and value per stage (`by_stage`)
    symbol: str  # the currency symbol the charts put before amounts
    stalled_note: Say  # how "stalled" was decided, or what it needs
    attention: pd.DataFrame  # the slipped and stalled deals, biggest first, with a "why"
    attention_title: Say  # "Deals to talk about (n)"
    reps: pd.DataFrame  # per rep: team, deals, value, slipped, stalled, age (median days)
    help: Joined = HELP  # what velocity and coverage mean, as a Markdown list


def only_team(snap: Snapshot, team: str | None) -> Snapshot:
    """Return the snapshot with only the open deals of a team (all of them for None)."""
    if team is None:
        return snap
    return replace(snap, open=snap.open[snap.open["team"] == team].reset_index(drop=True))


def _cards(
    snap: Snapshot, plan: Plan, table: pd.DataFrame, period: str, team: str | None,
    currency: str | None,
) -> tuple[Card, ...]:  # fmt: skip
    """Return the five cards: open, slipped, stalled (value and deals), velocity, coverage."""
    open_, symbol = snap.open, currency_symbol(currency)
    groups = (("open", open_), ("slipped", open_[open_["slipped"]]),
              ("stalled", open_[open_["stalled"]]))  # fmt: skip
    cards = [
        Card(
            Say(f"pipeline.card.{name}"),
            fmt("short_money", W.total(rows["amount"]), currency=symbol),
            _deals_counted(rows["amount"]),
        )
        for name, rows in groups
    ]
    velocity = KpiTable(table).value("pipeline_velocity", period, team=team)
    cards.append(Card(Say("pipeline.card.velocity", period=period),
                      shown("pipeline_velocity", velocity, currency),
                      help=Say("pipeline.velocity_help")))  # fmt: skip
    label = (Say("pipeline.card.coverage_of", period=plan.period) if plan.period
             else Say("pipeline.card.coverage"))  # fmt: skip
    value = shown("pipeline_coverage", W.coverage(plan, team))
    cards.append(Card(label, value, help=Say("pipeline.coverage_help")))
    return tuple(cards)


def _deals_counted(amounts: pd.Series) -> Counted:
    """Return '12 deals' under a card, '12 deals (2 without an amount)' when some have none."""
    unknown = int(amounts.isna().sum())
    if unknown:
        return counted("pipeline.card.deals_unknown", len(amounts), unknown=fmt("number", unknown))
    return counted("pipeline.card.deals", len(amounts))


def _per_rep(open_: pd.DataFrame) -> pd.DataFrame:
    """Return per rep the open deals and value, slipped, stalled and median age; biggest first.

    `value` sums the amounts known (NaN when none is); `no_amount` counts the deals without one.
    """
    grouped = open_.groupby("rep", dropna=False)
    return grouped.agg(
        team=("team", "first"),
        deals=("amount", "size"),
        value=("amount", lambda a: a.sum(min_count=1)),
        no_amount=("amount", lambda a: int(a.isna().sum())),
        slipped=("slipped", "sum"),
        stalled=("stalled", "sum"),
        age=("age_days", "median"),
    ).sort_values("value", ascending=False)


WHY_FIELDS = ("slipped", "stalled", "overdue_days", "idle_days", "usual_days")  # what `why` reads


def deals_to_talk_about(open_: pd.DataFrame, whole_cycle: bool = False) -> pd.DataFrame:
    """Return the slipped and stalled open deals, biggest first, with why (`sentences.why`).

    `whole_cycle`: stalled means open longer than the rep's usual cycle (no news is known).
    """
    rows = open_[open_["slipped"] | open_["stalled"]]
    rows = rows.sort_values("amount", ascending=False, kind="stable")
    facts = rows[[c for c in WHY_FIELDS if c in rows]].to_dict("records")  # not iterrows: 35k rows
    return rows.assign(why=[W.why(row, whole_cycle) for row in facts])


def pipeline_view(
    snap: Snapshot, plan: Plan, table: pd.DataFrame, period: str, team: str | None,
    currency: str | None,
) -> PipelineView:  # fmt: skip
    """Return what the open-pipeline tab shows of a team in the current period."""
    snap = only_team(snap, team)
    open_ = snap.open
    attention = deals_to_talk_about(open_, snap.stalled_rule[0] == "whole_cycle")
    basis = snap.stalled_basis
    return PipelineView(
        headline=W.headline(snap, currency),
        open=open_,
        cards=_cards(snap, plan, table, period, team, currency) if len(open_) else (),
        stages=by_stage(snap),
        symbol=currency_symbol(currency),
        stalled_note=(
            Say("pipeline.stalled_basis", basis=basis) if basis else Say("pipeline.stalled_needs")
        ),
        attention=attention,
        attention_title=Say("pipeline.attention", n=fmt("number", len(attention))),
        reps=_per_rep(open_),
    )


@dataclass(frozen=True)
class FunnelView:
    """The funnel tab: a rep's (or the team's) stage-to-stage conversion against the team's."""

    who: Say | str  # the rep, or the group when the whole team is shown
    group_name: Say | str  # the team's name, or "Whole team" for all teams
    group: pd.DataFrame  # `funnel_of` of the team (or the company)
    mine: pd.DataFrame  # `funnel_of` of the rep (the group's when the whole team is shown)
    headline: Say
    title: Say
    notes: Joined  # how the stages were ordered and how far deals got was worked out


def funnel_missing(order: F.StageOrder | None, funnel_rows: pd.DataFrame) -> Say | None:
    """Return why there is no funnel to show (no deals, no open stages, no rows); None: there is."""
    if order is not None and order.stages and not funnel_rows.empty:
        return None
    return Say("pipeline.funnel_switch", note=order.note if order else Say("pipeline.no_deals"))


def span_label(grain: str) -> Say:
    """Return the label of the funnel's span picker: how many months or quarters to add up."""
    return Say("pipeline.span", grains=Say(f"pipeline.grains.{grain}"))


def funnel_reps(funnel_rows: pd.DataFrame, team: str | None) -> list[str]:
    """Return the reps of the funnel table (of a team), sorted: the choices of the rep picker."""
    return KpiTable(funnel_rows).reps(team)


def funnel_view(
    data: Dataset, order: F.StageOrder, funnel_rows: pd.DataFrame, spec: PeriodSpec,
    current: str, team: str | None, rep: str, span: int,
) -> FunnelView:  # fmt: skip
    """Return the funnel of a rep (or `EVERYONE`) of a team over the last `span` periods."""
    periods = last_periods(current, spec, span)
    group_name: Say | str = team or Say("pipeline.whole_team")
    group = F.funnel_of(funnel_rows, periods, team=team)
    mine = group if rep == EVERYONE else F.funnel_of(funnel_rows, periods, rep=rep)
    who = group_name if rep == EVERYONE else rep
    scoped = funnel_rows if team is None else funnel_rows[funnel_rows["team"] == team]
    spot = stage_spots(scoped, periods).get(rep) if rep != EVERYONE else None
    notes = [order.note, F.method_note(data), Say("pipeline.funnel_recent")]
    return FunnelView(
        who=who,
        group_name=group_name,
        group=group,
        mine=mine,
        headline=W.funnel_headline(group, who, group_name, spot),
        title=Say("pipeline.funnel_title", first=periods[0], last=periods[-1]),
        notes=joined(notes, " "),
    )


@dataclass(frozen=True)
class PlanView:
    """The plan-to-target tab of a team: per rep what the period ahead still needs."""

    plan: Plan  # the plan with only the team's reps
    symbol: str
    headline: Say | Joined
    note: Say | Joined  # what the plan is based on, or why there is none
    switch: Say | None  # what would switch planning on, when no rep of the team has a plan

    @property
    def reps(self) -> pd.DataFrame:
        """Return the team's reps of the plan (`Plan.reps`)."""
        return self.plan.reps


def plan_view(plan: Plan, team: str | None, currency: str | None, grain: str) -> PlanView:
    """Return the plan of a team's reps (all reps for None) with its sentences."""
    reps = plan.reps if team is None else plan.reps[plan.reps["team"] == team]
    mine = replace(plan, reps=reps)
    switch = Say("pipeline.plan_switch", note=plan.note) if reps.empty else None
    headline = W.plan_headline(mine, currency, grain)
    return PlanView(mine, currency_symbol(currency), headline, plan.note, switch)
