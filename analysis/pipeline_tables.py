"""The tables and sentences of the Pipeline & funnel page, in the words and formats users read."""

from __future__ import annotations

import pandas as pd

from analysis.kpi_registry import currency_symbol, format_value, short_money
from analysis.pipeline import Snapshot
from analysis.planning import Plan
from analysis.weak_spots import WeakSpot

VELOCITY = (
    "Pipeline velocity: how much revenue the pipeline brings in per day — open deals × win rate "
    "× average deal size ÷ sales cycle in days."
)
COVERAGE = (
    "Pipeline coverage: the open pipeline ÷ the target still to be won. At a 33% win rate it "
    "takes about 3× coverage to expect the target."
)


def _money(value: float, currency: str | None) -> str:
    return format_value("revenue", value, currency)


def _day(value: object) -> str:
    return "—" if pd.isna(value) else f"{pd.Timestamp(value):%d %b %Y}"


def _whole(value: object) -> str:
    return "—" if pd.isna(value) else f"{float(value):,.0f}"


def attention_table(snap: Snapshot, currency: str | None) -> pd.DataFrame:
    """Return the slipped and stalled open deals, biggest first, with plain column names."""
    rows = snap.open[snap.open["slipped"] | snap.open["stalled"]]
    rows = rows.sort_values("amount", ascending=False, kind="stable")
    why = []
    for _, r in rows.iterrows():
        parts = []
        if r["slipped"]:
            parts.append(f"{r['overdue_days']:,.0f} days past its close date")
        if r["stalled"]:
            parts.append(
                f"no news for {r['idle_days']:,.0f} days (usually moves on within "
                f"{r['usual_days']:,.0f})"
            )
        why.append("; ".join(parts))
    return pd.DataFrame(
        {
            "Deal": rows["deal"].fillna(rows["deal_id"]).fillna("—").to_numpy(),
            "Account": rows["account"].fillna("—").to_numpy(),
            "Rep": rows["rep"].fillna("—").to_numpy(),
            "Stage": rows["stage"].astype(str).to_numpy(),
            "Amount": [_money(v, currency) for v in rows["amount"]],
            "Expected close": [_day(v) for v in rows["expected_close"]],
            "Why": why,
        }
    )


def rep_table(snap: Snapshot, currency: str | None) -> pd.DataFrame:
    """Return per rep the open deals and value, and how many are past their date or stalled."""
    grouped = snap.open.groupby("rep", dropna=False)
    out = grouped.agg(
        team=("team", "first"),
        deals=("amount", "size"),
        value=("amount", "sum"),
        slipped=("slipped", "sum"),
        stalled=("stalled", "sum"),
        age=("age_days", "median"),
    ).sort_values("value", ascending=False)
    return pd.DataFrame(
        {
            "Rep": [("—" if pd.isna(r) else str(r)) for r in out.index],
            "Team": out["team"].fillna("—").to_numpy(),
            "Open deals": out["deals"].to_numpy(),
            "Open pipeline": [_money(v, currency) for v in out["value"]],
            "Past close date": out["slipped"].astype(int).to_numpy(),
            "Stalled": out["stalled"].astype(int).to_numpy(),
            "Typical age (days)": [_whole(v) for v in out["age"]],
        }
    )


def plan_table(plan: Plan, currency: str | None, grain: str = "quarter") -> pd.DataFrame:
    """Return the reverse funnel per rep with plain column names and formatted numbers."""
    r = plan.reps
    own = r["won_deals"] / r["closed_deals"].where(r["closed_deals"] > 0)
    return pd.DataFrame(
        {
            "Rep": r["rep"].to_numpy(),
            "Target": [_money(v, currency) for v in r["target"]],
            "Still to win": [_money(v, currency) for v in r["still_to_win"]],
            "Open deals": r["open_deals"].astype(int).to_numpy(),
            "Open value": [_money(v, currency) for v in r["open_value"]],
            "Own win rate": [format_value("win_rate", v) for v in own],
            "Win rate planned on": [format_value("win_rate", v) for v in r["win_rate"]],
            "Deal size": [_money(v, currency) for v in r["deal_size"]],
            "Expected from open deals": [_money(v, currency) for v in r["expected"]],
            "Uncovered": [_money(v, currency) for v in r["gap"]],
            "Wins needed": [_whole(v) for v in r["won_needed"]],
            "New deals needed": [_whole(v) for v in r["new_needed"]],
            f"New deals in a usual {grain}": [f"{v:,.0f}" for v in r["usual_new"]],
        }
    )


def headline(snap: Snapshot, currency: str | None) -> str:
    """Return the page's first sentence: what is open, and how much of it needs attention."""
    open_ = snap.open
    if open_.empty:
        return "There are no open deals in the export."
    symbol = currency_symbol(currency)
    slipped, stalled = open_[open_["slipped"]], open_[open_["stalled"]]
    text = (
        f"{len(open_):,} open deals worth {short_money(open_['amount'].sum(), symbol)} on "
        f"{snap.as_of:%d %b %Y}."
    )
    parts = []
    if len(slipped):
        money = short_money(slipped["amount"].sum(), symbol)
        verb = "is" if len(slipped) == 1 else "are"
        parts.append(f"{len(slipped):,} ({money}) {verb} past the expected close date")
    if len(stalled):
        money = short_money(stalled["amount"].sum(), symbol)
        verb = "has" if len(stalled) == 1 else "have"
        parts.append(f"{len(stalled):,} ({money}) {verb} had no news for longer than usual")
    if parts:
        text += " " + "; ".join(parts) + "."
    return text


def plan_headline(plan: Plan, currency: str | None, grain: str = "quarter") -> str:
    """Return one sentence on the plan: how many reps are short and by how much in total."""
    reps = plan.reps
    if reps.empty:
        return plan.note
    symbol = currency_symbol(currency)
    short = reps[reps["status"] == "short"]
    if short.empty:
        return f"Every rep's open pipeline covers what is still to win in {plan.period}."
    worst = short.iloc[0]
    return (
        f"{len(short)} of {len(reps)} reps are short for {plan.period}: "
        f"{short_money(short['gap'].sum(), symbol)} not covered by open deals. "
        f"Biggest gap: {worst['rep']}, {short_money(worst['gap'], symbol)} — about "
        f"{worst['new_needed']:,.0f} new deals at their win rate, against "
        f"{worst['usual_new']:,.0f} in a usual {grain}."
    )


MIN_FUNNEL_DEALS = 10  # deals reaching a stage before its conversion is worth a sentence


def funnel_headline(
    group: pd.DataFrame, who: str, group_name: str, spot: WeakSpot | None = None
) -> str:
    """Return where the funnel loses most deals, in one sentence.

    For a rep, `spot` is their stage weak spot (`weak_spots.stage_spots`: the step furthest
    below the other reps once the sample size is allowed for); without one the rep keeps up.
    For the whole group, the step with the lowest conversion (`group` is a `funnel_of` frame).
    """
    if who != group_name:
        if spot is None:
            return f"{who}: no step of the funnel is clearly below the other reps'."
        return f"{who} loses the most deals after {spot.stage}: {spot.evidence}."
    steps = group.iloc[:-1].assign(next=list(group["stage"].iloc[1:]))
    steps = steps[steps["reached"] >= MIN_FUNNEL_DEALS].dropna(subset=["conversion"])
    if steps.empty:
        return "Too few deals reached each stage to compare the steps."
    low = steps.loc[steps["conversion"].idxmin()]
    return (
        f"The biggest drop is after {low['stage']}: {low['conversion']:.0%} of the "
        f"{low['reached']:,} deals reaching it went on to {low['next']}."
    )


def coverage(plan: Plan, team: str | None = None) -> float | None:
    """Return the open pipeline due in the planned period ÷ what is still to win (None: no plan)."""
    reps = plan.reps if team is None else plan.reps[plan.reps["team"] == team]
    still = float(reps["still_to_win"].sum()) if len(reps) else 0.0
    return float(reps["open_value"].sum()) / still if still > 0 else None
