"""Altair charts of the Pipeline & funnel page: stages, funnel, deal age and the plan to target.

Every chart takes `lang`; frames keep the English names their code filters on (the deal states,
the plan's parts) and the charts show them in the chosen language.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.charts.style import (
    BAD,
    BAR_STEP,
    FONT,
    GOOD,
    INK,
    REP_COLOUR,
    TEAM_COLOUR,
    house_style,
    quoted,
    value_axis,
)
from analysis.pipeline.funnel import WON_STAGE
from analysis.pipeline.snapshot import AGE_BANDS, AGE_ORDER, NO_STAGE
from analysis.words import formats as F
from analysis.words.catalogue import DEFAULT, t
from analysis.words.formats import short_money

# The deal states of `age_frame` and the parts of `plan_frame` are held in English, as code
# filters on them; each maps to its catalogue key, and the charts show it in their language.
STATES = {t(key): key for key in ("charts.age.slipped", "charts.age.stalled", "charts.age.moving")}
SLIPPED, STALLED, MOVING = STATES
STATE_COLOURS = [BAD, "#f4a261", TEAM_COLOUR]
PARTS = {t(key): key for key in ("charts.plan.expected", "charts.plan.uncovered")}
EXPECTED, UNCOVERED = PARTS
LABEL_LIMIT = 260


def _count_text(n: float, value: float, symbol: str, lang: str = DEFAULT) -> str:
    """Return a stage's deals and value: '12 deals · €1.2M' / '12 deals · € 1,2 mln'."""
    count = F.number(n, lang)
    key = "charts.pipeline.deals." + ("one" if n == 1 else "other")
    return t(key, lang, n=count, value=short_money(value, symbol, lang=lang))


def age_label(band: str, lang: str = DEFAULT) -> str:
    """Return an age band of `pipeline.AGE_ORDER` in a language: '0–30 days' / '0–30 dagen'."""
    if band not in AGE_ORDER:
        return band
    i = AGE_ORDER.index(band)
    if i == len(AGE_BANDS):  # the oldest band: over the last band's end
        return t("charts.age.oldest", lang, days=AGE_BANDS[-1][0])
    low = AGE_BANDS[i - 1][0] + 1 if i else 0
    return t("charts.age.band", lang, low=low, high=AGE_BANDS[i][0])


INSIDE = 0.5  # a bar at least this share of the longest one carries its label inside


def stage_chart(
    stages: pd.DataFrame, symbol: str = "", title: str = "", lang: str = DEFAULT
) -> alt.Chart:
    """Return horizontal bars of open pipeline value per stage, labelled with count and value.

    `stages` has columns stage (in funnel order), deals and value.
    """
    no_stage = t("charts.pipeline.no_stage", lang)
    frame = stages.assign(
        stage=stages["stage"].astype(str).replace({NO_STAGE: no_stage}),
        label=[_count_text(n, v, symbol, lang) for n, v in zip(stages["deals"], stages["value"],
                                                                strict=True)],
    )  # fmt: skip
    order = list(frame["stage"])
    longest = float(frame["value"].max() or 1)
    frame = frame.assign(inside=frame["value"] >= INSIDE * longest)  # long bars hold their label
    base = alt.Chart().encode(  # the data is the layer's: Altair then copies no frames
        y=alt.Y("stage:N", sort=order, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        x=alt.X("value:Q", title=t("charts.pipeline.open_pipeline", lang),
                axis=value_axis("money", symbol, lang),
                scale=alt.Scale(domainMax=longest * 1.25)),
        tooltip=[
            alt.Tooltip("stage:N", title=t("charts.pipeline.stage", lang)),
            alt.Tooltip("deals:Q", title=t("charts.pipeline.open_deals", lang), format=",d"),
            alt.Tooltip("value:Q", title=t("charts.value", lang), format=",.0f"),
        ],
    )  # fmt: skip
    bars = base.mark_bar(cornerRadiusEnd=4, color=TEAM_COLOUR)
    text = [
        base.transform_filter(alt.datum.inside == inside)
        .mark_text(align=align, dx=dx, fontSize=FONT, color=colour, fontWeight=weight)
        .encode(text="label:N")
        for inside, align, dx, colour, weight in (
            (False, "left", 6, INK, "normal"), (True, "right", -6, "white", "bold"))
    ]  # fmt: skip
    chart = alt.layer(bars, *text, data=frame).properties(height=alt.Step(BAR_STEP + 6))
    return house_style(chart, title or t("charts.pipeline.stage_title", lang), lang=lang)


def funnel_frame(
    rep: pd.DataFrame, team: pd.DataFrame, rep_name: str, team_name: str, lang: str = DEFAULT
) -> pd.DataFrame:
    """Return one row per stage step and who: the share of deals reaching a stage that went on.

    `rep` and `team` are `funnel.funnel_of` frames (stage, reached, conversion). The last stage
    (Won) has no step after it and is left out; steps are named "Proposal → Negotiation", with
    Won in `lang`. When the rep's name is the group's, only the group is shown.
    """
    rows = []
    won = t("charts.funnel.won", lang)
    pairs = [(team_name, team)] + ([(rep_name, rep)] if rep_name != team_name else [])
    for who, frame in pairs:
        if frame.empty:
            continue
        stages = [won if s == WON_STAGE else str(s) for s in frame["stage"]]
        for i in range(len(stages) - 1):
            rate = frame["conversion"].iloc[i]
            rows.append(
                {
                    "step": f"{stages[i]} → {stages[i + 1]}",
                    "who": who,
                    "conversion": None if pd.isna(rate) else float(rate),
                    "reached": int(frame["reached"].iloc[i]),
                    "went_on": int(frame["reached"].iloc[i + 1]),
                    "label": F.percent(None if pd.isna(rate) else rate, lang),
                }
            )
    return pd.DataFrame(rows, columns=["step", "who", "conversion", "reached", "went_on", "label"])


def funnel_chart(
    steps: pd.DataFrame, rep_name: str, team_name: str, title: str, lang: str = DEFAULT
) -> alt.Chart:
    """Return grouped bars of stage-to-stage conversion: the rep beside the team, per step."""
    order = list(dict.fromkeys(steps["step"]))
    who = [team_name, *([rep_name] if rep_name != team_name else [])]
    colours = alt.Scale(domain=who, range=[TEAM_COLOUR, REP_COLOUR][: len(who)])
    base = alt.Chart().encode(  # the data is the layer's: Altair then copies no frames
        y=alt.Y("step:N", sort=order, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        yOffset=alt.YOffset("who:N", sort=who),
        x=alt.X("conversion:Q", title=t("charts.funnel.axis", lang),
                axis=alt.Axis(format=".0%"), scale=alt.Scale(domain=[0, 1.15])),
        color=alt.Color("who:N", scale=colours, title=None, sort=who),
        tooltip=[
            alt.Tooltip("who:N", title=t("charts.who", lang)),
            alt.Tooltip("step:N", title=t("charts.step", lang)),
            alt.Tooltip("reached:Q", title=t("charts.funnel.reached", lang), format=",d"),
            alt.Tooltip("went_on:Q", title=t("charts.funnel.went_on", lang), format=",d"),
            alt.Tooltip("conversion:Q", title=t("charts.share", lang), format=".0%"),
        ],
    )  # fmt: skip
    bars = base.mark_bar(cornerRadiusEnd=4)
    text = base.mark_text(align="left", dx=6, fontSize=FONT, color=INK).encode(text="label:N")
    step = BAR_STEP * len(who)
    return house_style(
        alt.layer(bars, text, data=steps).properties(height=alt.Step(step // len(who))),
        title,
        lang=lang,
    )


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


def age_chart(ages: pd.DataFrame, title: str | None = None, lang: str = DEFAULT) -> alt.Chart:
    """Return stacked bars of open deals per age band: past close date, stalled, moving.

    `ages` is `age_frame`; the title is "Open deals by age" in `lang` unless given.
    """
    states = [t(STATES[s], lang) for s in (SLIPPED, STALLED, MOVING)]
    bands = [age_label(b, lang) for b in AGE_ORDER]
    frame = ages.assign(
        state_label=ages["state"].map(lambda s: t(STATES[s], lang) if s in STATES else s),
        age_label=ages["age_band"].map(lambda b: age_label(b, lang)),
    )
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("age_label:N", sort=bands, title=t("charts.age.axis", lang),
                    scale=alt.Scale(domain=bands), axis=alt.Axis(labelLimit=LABEL_LIMIT)),
            x=alt.X("sum(deals):Q", title=t("charts.pipeline.open_deals", lang), stack="zero"),
            color=alt.Color("state_label:N", title=None, sort=states,
                            scale=alt.Scale(domain=states, range=STATE_COLOURS),
                            legend=alt.Legend(columns=2, labelLimit=320)),  # never cut
            order=alt.Order("state_order:Q"),
            tooltip=[
                alt.Tooltip("age_label:N", title=t("charts.age.age", lang)),
                alt.Tooltip("state_label:N", title=t("charts.age.state", lang)),
                alt.Tooltip("deals:Q", title=t("charts.pipeline.open_deals", lang), format=",d"),
                alt.Tooltip("value:Q", title=t("charts.value", lang), format=",.0f"),
            ],
        )
        .transform_calculate(
            state_order=f"indexof({[SLIPPED, STALLED, MOVING]!r}, datum.state)"
        )
    )  # fmt: skip
    title = title or t("charts.age.title", lang)
    return house_style(chart.properties(height=alt.Step(BAR_STEP + 6)), title, lang=lang)


def plan_frame(reps: pd.DataFrame, symbol: str = "", lang: str = DEFAULT) -> pd.DataFrame:
    """Return per rep two stacked parts of what is still to win: expected from pipeline, gap.

    `reps` is `planning.Plan.reps`. The part is named in English (`EXPECTED`, `UNCOVERED`);
    the label, in `lang`, says what the gap takes in new deals.
    """
    rows = []
    for _, r in reps.iterrows():
        expected = min(float(r["expected"]), float(r["still_to_win"]))
        if r["status"] == "target met":
            label = t("charts.plan.met", lang)
        elif r["status"] == "no history":
            label = t("charts.plan.no_history", lang)
        elif r["gap"] <= 0:
            label = t("charts.plan.covered", lang)
        else:
            label = t(
                "charts.plan.short",
                lang,
                gap=short_money(r["gap"], symbol, lang=lang),
                new=F.number(r["new_needed"], lang),
                won=F.number(r["won_needed"], lang),
            )
        for part, value in ((EXPECTED, expected), (UNCOVERED, r["gap"])):
            rows.append({"rep": r["rep"], "part": part, "value": float(value), "label": label,
                         "total": float(r["still_to_win"])})  # fmt: skip
    return pd.DataFrame(rows, columns=["rep", "part", "value", "label", "total"])


def plan_chart(
    parts: pd.DataFrame, period: str, symbol: str = "", lang: str = DEFAULT
) -> alt.Chart:
    """Return stacked bars per rep: revenue the open pipeline should bring, and the gap left.

    `parts` is `plan_frame`; its parts are shown by their names in `lang`.
    """
    order = list(parts[parts["part"] == UNCOVERED].sort_values("value", ascending=False)["rep"])
    names = [t(PARTS[p], lang) for p in (EXPECTED, UNCOVERED)]
    frame = parts.assign(part_label=parts["part"].map(lambda p: t(PARTS[p], lang)))
    colours = alt.Scale(domain=names, range=[GOOD, BAD])
    reach = float(parts.groupby("rep")["value"].sum().max() or 1)
    base = alt.Chart().encode(  # the data is the layer's: Altair then copies no frames
        y=alt.Y("rep:N", sort=order, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
    )
    bars = base.mark_bar().encode(
        x=alt.X("value:Q", title=t("charts.plan.axis", lang, period=period), stack="zero",
                axis=value_axis("money", symbol, lang), scale=alt.Scale(domainMax=reach * 1.7)),
        color=alt.Color("part_label:N", scale=colours, title=None, sort=names,
                        legend=alt.Legend(labelLimit=400)),
        order=alt.Order("part_order:Q"),
        tooltip=[
            alt.Tooltip("rep:N", title=t("charts.rep", lang)),
            alt.Tooltip("part_label:N", title=t("charts.plan.part", lang)),
            alt.Tooltip("value:Q", title=t("charts.amount", lang), format=",.0f"),
            alt.Tooltip("label:N", title=t("charts.plan.takes", lang)),
        ],
    ).transform_calculate(part_order=f"datum.part == {quoted(UNCOVERED)} ? 1 : 0")  # fmt: skip
    labels = (
        base.transform_filter(alt.datum.part == UNCOVERED)
        .mark_text(align="left", dx=6, fontSize=FONT, color=INK)
        .encode(x=alt.X("total:Q"), text="label:N")
    )
    return house_style(
        alt.layer(bars, labels, data=frame).properties(height=alt.Step(BAR_STEP)),
        t("charts.plan.title", lang, period=period),
        t("charts.plan.subtitle", lang),
        lang,
    )
