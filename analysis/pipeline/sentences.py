"""The sentences of the Pipeline & funnel page, as `Say`s: written in a language where shown."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis.diagnosis.weak_spots import WeakSpot
from analysis.kpis.labels import currency_symbol
from analysis.pipeline.funnel import stage_name
from analysis.pipeline.planning import Plan, plan_note
from analysis.pipeline.snapshot import Snapshot
from analysis.words.message import Counted, Joined, Say, counted, fmt, joined

MIN_FUNNEL_DEALS = 10  # deals reaching a stage before its conversion is worth a sentence


def _money(value: float, symbol: str) -> object:
    return fmt("short_money", value, currency=symbol)


def total(amounts: pd.Series) -> float:
    """Return the sum of the amounts known: NaN when none is (never 0 for deals without one)."""
    return float(amounts.sum(min_count=1))


def no_amount(amounts: pd.Series) -> Counted | None:
    """Return how many deals have no amount and are in no total ('3 of them have no amount…')."""
    unknown = int(amounts.isna().sum())
    return counted("pipeline.no_amount", unknown) if unknown else None


def headline(snap: Snapshot, currency: str | None) -> Say | Counted | Joined:
    """Return the page's first sentence: what is open, and how much of it needs attention.

    Deals without an amount count as deals, not in the amounts, and the sentence says how many.
    """
    open_ = snap.open
    if open_.empty:
        return Say("pipeline.headline.none")
    symbol = currency_symbol(currency)
    money = _money(total(open_["amount"]), symbol)
    said: Counted | Joined
    said = counted("pipeline.headline.open", len(open_), money=money, date=fmt("day", snap.as_of))
    if (unknown := no_amount(open_["amount"])) is not None:
        said = joined([said, unknown], " ")
    stalled_key = "stalled_cycle" if snap.stalled_rule[0] == "whole_cycle" else "stalled"
    parts = [
        counted(f"pipeline.headline.{key}", len(rows), money=_money(total(rows["amount"]), symbol))
        for key, rows in (
            ("slipped", open_[open_["slipped"]]),
            (stalled_key, open_[open_["stalled"]]),
        )
        if len(rows)
    ]
    if not parts:
        return said
    return joined([said, " ", joined(parts, "; "), "."], "")


def why(row: Mapping[str, object], whole_cycle: bool = False) -> Joined:
    """Return why an open deal needs attention: how long past its date, how long without news
    (or, with `whole_cycle`, how long open against the rep's usual cycle)."""
    parts = []
    if row["slipped"]:
        parts.append(Say("pipeline.why.overdue", days=fmt("days", row["overdue_days"])))
    if row["stalled"]:
        idle, usual = fmt("days", row["idle_days"]), fmt("number", row["usual_days"])
        key = "pipeline.why.stalled_cycle" if whole_cycle else "pipeline.why.stalled"
        parts.append(Say(key, days=idle, usual=usual))
    return joined(parts, "; ")


def plan_headline(plan: Plan, currency: str | None, grain: str = "quarter") -> Say | Joined:
    """Return one sentence on the plan: how many reps are short and by how much in total."""
    reps = plan.reps
    if reps.empty:
        return plan_note(plan)
    symbol = currency_symbol(currency)
    short = reps[reps["status"] == "short"]
    if short.empty:
        return Say("pipeline.plan.covered", period=plan.period)
    worst = short.iloc[0]
    recent = worst.get("win_rate_basis") == "recent"  # planned on its rate after a fall
    return Say(
        "pipeline.plan.short_recent" if recent else "pipeline.plan.short",
        short=fmt("number", len(short)),
        reps=fmt("number", len(reps)),
        period=plan.period,
        gap=_money(short["gap"].sum(), symbol),
        rep=worst["rep"],
        rep_gap=_money(worst["gap"], symbol),
        new=fmt("number", worst["new_needed"]),
        usual_new=fmt("number", worst["usual_new"]),
        usual=Say(f"pipeline.usual.{grain}"),
        **({"rate": worst["win_rate_said"]} if recent else {}),
    )


def funnel_headline(
    group: pd.DataFrame, who: Say | str, group_name: Say | str, spot: WeakSpot | None = None
) -> Say:
    """Return where the funnel loses most deals, in one sentence.

    For a rep, `spot` is their stage weak spot (`weak_spots.stage_spots`: the step furthest
    below the other reps once the sample size is allowed for); without one the rep keeps up.
    For the whole group, the step with the lowest conversion (`group` is a `funnel_of` frame).
    """
    if who != group_name:
        if spot is None:
            return Say("pipeline.funnel.rep_keeps_up", who=who)
        stage = stage_name(str(spot.stage))
        return Say("pipeline.funnel.rep_spot", who=who, stage=stage, evidence=spot.evidence)
    steps = group.iloc[:-1].assign(next=list(group["stage"].iloc[1:]))
    steps = steps[steps["reached"] >= MIN_FUNNEL_DEALS].dropna(subset=["conversion"])
    if steps.empty:
        return Say("pipeline.funnel.too_few")
    low = steps.loc[steps["conversion"].idxmin()]
    return Say(
        "pipeline.funnel.drop",
        stage=stage_name(str(low["stage"])),
        share=fmt("percent", low["conversion"]),
        n=fmt("number", low["reached"]),
        next=stage_name(str(low["next"])),
    )


def coverage(plan: Plan, team: str | None = None) -> float | None:
    """Return the open pipeline due in the planned period ÷ what is still to win (None: no plan)."""
    reps = plan.reps if team is None else plan.reps[plan.reps["team"] == team]
    still = float(reps["still_to_win"].sum()) if len(reps) else 0.0
    return float(reps["open_value"].sum()) / still if still > 0 else None
