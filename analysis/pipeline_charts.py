"""Altair charts of the Pipeline & funnel page: stages, funnel, deal age and the plan to target."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.charts import (
    BAD,
    BAR_STEP,
    FONT,
    GOOD,
    INK,
    REP_COLOUR,
    TEAM_COLOUR,
    house_style,
    value_axis,
)
from analysis.kpi_registry import short_money
from analysis.pipeline import AGE_ORDER

SLIPPED, STALLED, MOVING = "Past its close date", "Stalled", "Moving"
AGE_COLOURS = alt.Scale(domain=[SLIPPED, STALLED, MOVING], range=[BAD, "#f4a261", TEAM_COLOUR])
LABEL_LIMIT = 260


def _count_text(n: float, value: float, symbol: str) -> str:
    return f"{n:,.0f} deal{'s' if n != 1 else ''} · {short_money(value, symbol)}"


def stage_chart(stages: pd.DataFrame, symbol: str = "", title: str = "") -> alt.Chart:
    """Return horizontal bars of open pipeline value per stage, labelled with count and value.

    `stages` has columns stage (in funnel order), deals and value.
    """
    frame = stages.assign(
        stage=stages["stage"].astype(str),
        label=[_count_text(n, v, symbol) for n, v in zip(stages["deals"], stages["value"],
                                                          strict=True)],
    )  # fmt: skip
    order = list(frame["stage"])
    base = alt.Chart(frame).encode(
        y=alt.Y("stage:N", sort=order, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        x=alt.X("value:Q", title="Open pipeline", axis=value_axis("money", symbol),
                scale=alt.Scale(domainMax=float(frame["value"].max() or 1) * 1.45)),
        tooltip=[
            alt.Tooltip("stage:N", title="Stage"),
            alt.Tooltip("deals:Q", title="Open deals", format=",d"),
            alt.Tooltip("value:Q", title="Value", format=",.0f"),
        ],
    )  # fmt: skip
    bars = base.mark_bar(cornerRadiusEnd=4, color=TEAM_COLOUR)
    text = base.mark_text(align="left", dx=6, fontSize=FONT, color=INK).encode(text="label:N")
    return house_style((bars + text).properties(height=alt.Step(BAR_STEP + 6)),
                  title or "Open pipeline by stage")  # fmt: skip


def funnel_frame(
    rep: pd.DataFrame, team: pd.DataFrame, rep_name: str, team_name: str
) -> pd.DataFrame:
    """Return one row per stage step and who: the share of deals reaching a stage that went on.

    `rep` and `team` are `funnel.funnel_of` frames (stage, reached, conversion). The last stage
    (Won) has no step after it and is left out; steps are named "Proposal → Negotiation".
    When the rep's name is the group's, only the group is shown.
    """
    rows = []
    pairs = [(team_name, team)] + ([(rep_name, rep)] if rep_name != team_name else [])
    for who, frame in pairs:
        if frame.empty:
            continue
        stages = list(frame["stage"])
        for i in range(len(stages) - 1):
            rate = frame["conversion"].iloc[i]
            rows.append(
                {
                    "step": f"{stages[i]} → {stages[i + 1]}",
                    "who": who,
                    "conversion": None if pd.isna(rate) else float(rate),
                    "reached": int(frame["reached"].iloc[i]),
                    "went_on": int(frame["reached"].iloc[i + 1]),
                    "label": "—" if pd.isna(rate) else f"{rate:.0%}",
                }
            )
    return pd.DataFrame(rows, columns=["step", "who", "conversion", "reached", "went_on", "label"])


def funnel_chart(steps: pd.DataFrame, rep_name: str, team_name: str, title: str) -> alt.Chart:
    """Return grouped bars of stage-to-stage conversion: the rep beside the team, per step."""
    order = list(dict.fromkeys(steps["step"]))
    who = [team_name, *([rep_name] if rep_name != team_name else [])]
    colours = alt.Scale(domain=who, range=[TEAM_COLOUR, REP_COLOUR][: len(who)])
    base = alt.Chart(steps).encode(
        y=alt.Y("step:N", sort=order, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        yOffset=alt.YOffset("who:N", sort=who),
        x=alt.X("conversion:Q", title="Share that went on to the next stage",
                axis=alt.Axis(format=".0%"), scale=alt.Scale(domain=[0, 1.15])),
        color=alt.Color("who:N", scale=colours, title=None, sort=who),
        tooltip=[
            alt.Tooltip("who:N", title="Who"),
            alt.Tooltip("step:N", title="Step"),
            alt.Tooltip("reached:Q", title="Deals reaching the stage", format=",d"),
            alt.Tooltip("went_on:Q", title="Went on", format=",d"),
            alt.Tooltip("conversion:Q", title="Share", format=".0%"),
        ],
    )  # fmt: skip
    bars = base.mark_bar(cornerRadiusEnd=4)
    text = base.mark_text(align="left", dx=6, fontSize=FONT, color=INK).encode(text="label:N")
    step = BAR_STEP * len(who)
    return house_style((bars + text).properties(height=alt.Step(step // len(who))), title)


def age_frame(open_deals: pd.DataFrame) -> pd.DataFrame:
    """Return open deals and value per age band and state (past close date, stalled, moving)."""
    state = pd.Series(MOVING, index=open_deals.index)
    state[open_deals["stalled"].to_numpy(bool)] = STALLED
    state[open_deals["slipped"].to_numpy(bool)] = SLIPPED
    frame = open_deals.assign(state=state, age_band=open_deals["age_band"].astype(str))
    frame = frame[frame["age_band"].isin(AGE_ORDER)]
    out = frame.groupby(["age_band", "state"]).agg(
        deals=("amount", "size"), value=("amount", "sum")
    )
    return out.reset_index()


def age_chart(ages: pd.DataFrame, title: str = "Open deals by age") -> alt.Chart:
    """Return stacked bars of open deals per age band: past close date, stalled, moving."""
    chart = (
        alt.Chart(ages)
        .mark_bar()
        .encode(
            y=alt.Y("age_band:N", sort=AGE_ORDER, title="Days since created",
                    scale=alt.Scale(domain=AGE_ORDER), axis=alt.Axis(labelLimit=LABEL_LIMIT)),
            x=alt.X("sum(deals):Q", title="Open deals", stack="zero"),
            color=alt.Color("state:N", scale=AGE_COLOURS, title=None,
                            sort=[SLIPPED, STALLED, MOVING]),
            order=alt.Order("state_order:Q"),
            tooltip=[
                alt.Tooltip("age_band:N", title="Age"),
                alt.Tooltip("state:N", title="State"),
                alt.Tooltip("deals:Q", title="Open deals", format=",d"),
                alt.Tooltip("value:Q", title="Value", format=",.0f"),
            ],
        )
        .transform_calculate(
            state_order=f"indexof({[SLIPPED, STALLED, MOVING]!r}, datum.state)"
        )
    )  # fmt: skip
    return house_style(chart.properties(height=alt.Step(BAR_STEP + 6)), title)


def plan_frame(reps: pd.DataFrame, symbol: str = "") -> pd.DataFrame:
    """Return per rep two stacked parts of what is still to win: expected from pipeline, gap.

    `reps` is `planning.Plan.reps`. The label says what the gap takes in new deals.
    """
    rows = []
    for _, r in reps.iterrows():
        expected = min(float(r["expected"]), float(r["still_to_win"]))
        if r["status"] == "target met":
            label = "target met"
        elif r["status"] == "no history":
            label = "no closed deals to plan from"
        elif r["gap"] <= 0:
            label = "covered by the open pipeline"
        else:
            label = (
                f"{short_money(r['gap'], symbol)} short: about {r['new_needed']:,.0f} new deals "
                f"({r['won_needed']:,.0f} wins)"
            )
        for part, value in (("Expected from open deals", expected), ("Still uncovered", r["gap"])):
            rows.append({"rep": r["rep"], "part": part, "value": float(value), "label": label,
                         "total": float(r["still_to_win"])})  # fmt: skip
    return pd.DataFrame(rows, columns=["rep", "part", "value", "label", "total"])


def plan_chart(parts: pd.DataFrame, period: str, symbol: str = "") -> alt.Chart:
    """Return stacked bars per rep: revenue the open pipeline should bring, and the gap left."""
    order = list(
        parts[parts["part"] == "Still uncovered"].sort_values("value", ascending=False)["rep"]
    )
    colours = alt.Scale(domain=["Expected from open deals", "Still uncovered"],
                        range=[GOOD, BAD])  # fmt: skip
    reach = float(parts.groupby("rep")["value"].sum().max() or 1)
    base = alt.Chart(parts).encode(
        y=alt.Y("rep:N", sort=order, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
    )
    bars = base.mark_bar().encode(
        x=alt.X("value:Q", title=f"Still to win in {period}", stack="zero",
                axis=value_axis("money", symbol), scale=alt.Scale(domainMax=reach * 1.7)),
        color=alt.Color("part:N", scale=colours, title=None, legend=alt.Legend(labelLimit=400)),
        order=alt.Order("part_order:Q"),
        tooltip=[
            alt.Tooltip("rep:N", title="Rep"),
            alt.Tooltip("part:N", title="Part"),
            alt.Tooltip("value:Q", title="Amount", format=",.0f"),
            alt.Tooltip("label:N", title="What it takes"),
        ],
    ).transform_calculate(part_order="datum.part == 'Still uncovered' ? 1 : 0")  # fmt: skip
    labels = (
        base.transform_filter(alt.datum.part == "Still uncovered")
        .mark_text(align="left", dx=6, fontSize=FONT, color=INK)
        .encode(x=alt.X("total:Q"), text="label:N")
    )
    return house_style(
        (bars + labels).properties(height=alt.Step(BAR_STEP)),
        f"What each rep still needs in {period}",
        "Green: what their open deals should bring at their win rate. Red: still uncovered.",
    )
