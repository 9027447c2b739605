"""The Team overview's charts: a KPI over time, attainment against target, the leaderboard.

Each function takes a small tidy frame (already aggregated) and returns an Altair chart in the
house style (`charts.style`), its words in `lang`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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
    period_axis,
    tooltip_format,
    value_axis,
)
from analysis.kpis import overview as O
from analysis.words import formats as F
from analysis.words.catalogue import DEFAULT, t

TEAM = "Team"  # the team's series in trend frames (`overview.trend_frame`), named per language
FULL_WIDTH = 760  # pixels of labels a trend drawn across the page has at 1366 px
MEDIAN = O.MEDIAN  # the middle rep's series (`overview.rep_trend_frame`), named per language
REP_PICK = "rep_pick"  # the point selection of a bar chart's rep: a click picks a rep's bar
FADED = 0.45  # the opacity of the bars not picked while one rep's bar is


def trend_chart(
    trend: pd.DataFrame,
    label: str,
    unit: str,
    highlight: str | None = None,
    symbol: str = "",
    lang: str = DEFAULT,
) -> alt.Chart:
    """Return a line chart of a KPI over periods: the team line, and one rep highlighted.

    `trend` has columns period (label, in order), series ("Team", "Median rep" or a rep name)
    and value; the team's (or median rep's) line is named in `lang`.
    """
    median = MEDIAN in set(trend["series"])
    team = t("charts.median_rep" if median else "charts.team", lang)
    rows = trend.assign(series=trend["series"].replace({TEAM: team, MEDIAN: team}))
    order = list(dict.fromkeys(rows["period"]))
    colours = alt.Scale(
        domain=[team, *([highlight] if highlight else [])],
        range=[TEAM_COLOUR, *([REP_COLOUR] if highlight else [])],
    )
    base = alt.Chart(rows).encode(
        x=alt.X("period:N", sort=order, title=None, axis=period_axis(order, FULL_WIDTH)),
        y=alt.Y("value:Q", title=label, axis=value_axis(unit, symbol, lang)),
        color=alt.Color("series:N", scale=colours, title=None, legend=alt.Legend(labelLimit=400)),
        tooltip=[
            alt.Tooltip("series:N", title=t("charts.who", lang)),
            alt.Tooltip("period:N", title=t("charts.period", lang)),
            alt.Tooltip("value:Q", title=label, format=tooltip_format(unit)),
        ],
    )
    lines = base.mark_line(strokeWidth=4, point=alt.OverlayMarkDef(size=90))
    title = t("charts.trend.title", lang, label=label)
    subtitle = t("charts.median_note", lang) if median else None
    return house_style(lines.properties(height=320), title, subtitle, lang=lang)


ATTAINMENT_CAP = 2.0  # the attainment axis ends here: one tiny target must not stretch it to 400%
INSIDE = 0.3  # a bar longer than this share of the axis carries its label inside (white), clear
# of the dashed line at 100%; a shorter one carries it after its end


def attainment_frame(attainment: pd.DataFrame, lang: str = DEFAULT) -> pd.DataFrame:
    """Return the attainment rows to draw, best first: `drawn` (cut at the cap), `capped` and
    `label` (the real percentage, '412% ▸' for a bar cut at the cap)."""
    ordered = attainment.sort_values("attainment", ascending=False).reset_index(drop=True)
    capped = ordered["attainment"] > ATTAINMENT_CAP
    written = [F.percent(v, lang) for v in ordered["attainment"]]
    return ordered.assign(
        drawn=ordered["attainment"].clip(upper=ATTAINMENT_CAP),
        capped=capped,
        label=[w + (" ▸" if c else "") for w, c in zip(written, capped, strict=True)],
    )


def rep_pick() -> alt.Parameter:
    """Return the selection a click on a rep's bar makes (`REP_PICK`, on the field rep)."""
    return alt.selection_point(name=REP_PICK, fields=["rep"], on="click", clear="dblclick")


def picked_rep(selection: Mapping[str, object]) -> str | None:
    """Return the rep whose bar is picked in a chart's selection state, None when none is.

    `selection` is what Streamlit returns for a chart drawn with `on_select`: the points picked
    per selection, `{"rep_pick": [{"rep": "Emma Smit"}]}`.
    """
    points = selection.get(REP_PICK)
    if not isinstance(points, Sequence) or not points:
        return None
    first = points[0]
    rep = first.get("rep") if isinstance(first, Mapping) else None
    return str(rep) if rep is not None else None


def _pickable(bars: alt.Chart, pickable: bool) -> alt.Chart:
    """Return the bars with the rep pick (the bars not picked faded), or as they are."""
    if not pickable:
        return bars
    pick = rep_pick()
    faded = alt.condition(pick, alt.value(1.0), alt.value(FADED))
    return bars.add_params(pick).encode(opacity=faded)


def attainment_chart(
    attainment: pd.DataFrame, period: str, lang: str = DEFAULT, pickable: bool = False
) -> alt.Chart:
    """Return bars of target attainment per rep, each labelled with its percentage, a line at
    100 %, and an axis that ends at `ATTAINMENT_CAP` (bars beyond it are cut and say so).

    `attainment` has columns rep, attainment (1.0 = on target), revenue and target;
    `pickable` lets a click pick a rep's bar (`REP_PICK`).
    """
    ordered = attainment_frame(attainment, lang)
    top = max(1.0, min(float(ordered["attainment"].max()), ATTAINMENT_CAP))
    scale = alt.Scale(domain=[0, top], nice=False, clamp=True)
    y = alt.Y("rep:N", sort=list(ordered["rep"]), title=None, axis=alt.Axis(labelLimit=260))
    base = alt.Chart().encode(y=y)  # the data is the layer's: Altair then copies no frames
    bars = base.mark_bar(cornerRadiusEnd=4).encode(
        x=alt.X(
            "drawn:Q",
            scale=scale,
            title=t("charts.attainment.axis", lang),
            axis=value_axis("percent"),
        ),
        color=alt.condition(alt.datum.attainment >= 1, alt.value(GOOD), alt.value(BAD)),
        tooltip=[
            alt.Tooltip("rep:N", title=t("charts.rep", lang)),
            alt.Tooltip("attainment:Q", title=t("charts.attainment.tooltip", lang), format=".0%"),
            alt.Tooltip("revenue:Q", title=t("charts.revenue", lang), format=",.0f"),
            alt.Tooltip("target:Q", title=t("charts.target", lang), format=",.0f"),
        ],
    )
    bars = _pickable(bars, pickable)
    inside = alt.datum.drawn > INSIDE * top
    labels = base.mark_text(fontSize=FONT, fontWeight="bold", align="left", dx=6).encode(
        x=alt.X("drawn:Q", scale=scale),
        text="label:N",
        opacity=alt.condition(inside, alt.value(0), alt.value(1)),
        color=alt.value(INK),
    )
    labels_inside = base.mark_text(fontSize=FONT, fontWeight="bold", align="right", dx=-6).encode(
        x=alt.X("drawn:Q", scale=scale),
        text="label:N",
        opacity=alt.condition(inside, alt.value(1), alt.value(0)),
        color=alt.value("white"),
    )
    rule = (
        alt.Chart(pd.DataFrame({"x": [1.0]}))
        .mark_rule(strokeDash=[6, 4], strokeWidth=3, color="#333")
        .encode(x=alt.X("x:Q", scale=scale))
    )
    subtitle = [t("charts.attainment.subtitle", lang)]
    if n := int(ordered["capped"].sum()):
        cap = F.percent(ATTAINMENT_CAP, lang)
        subtitle.append(t(f"charts.attainment.capped.{F.plural(n, lang)}", lang, n=n, cap=cap))
    return house_style(
        alt.layer(bars, rule, labels, labels_inside, data=ordered).properties(  # rule: its own
            height=alt.Step(BAR_STEP)
        ),
        t("charts.attainment.title", lang, period=period),
        subtitle if len(subtitle) > 1 else subtitle[0],
        lang,
    )


def leaderboard_chart(
    board: pd.DataFrame,
    label: str,
    unit: str,
    symbol: str = "",
    lang: str = DEFAULT,
    pickable: bool = False,
) -> alt.Chart:
    """Return horizontal bars ranking reps on one KPI, best first.

    `board` has columns rep, value and rank (1 = best), already in rank order; `pickable` lets
    a click pick a rep's bar (`REP_PICK`).
    """
    bars = (
        alt.Chart(board)
        .mark_bar(cornerRadiusEnd=4, color=TEAM_COLOUR)
        .encode(
            y=alt.Y("rep:N", sort=list(board["rep"]), title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("value:Q", title=label, axis=value_axis(unit, symbol, lang)),
            tooltip=[
                alt.Tooltip("rank:Q", title=t("charts.rank", lang)),
                alt.Tooltip("rep:N", title=t("charts.rep", lang)),
                alt.Tooltip("value:Q", title=label, format=tooltip_format(unit)),
            ],
        )
    )
    bars = _pickable(bars, pickable)
    title = t("charts.leaderboard.title", lang, label=label)
    return house_style(bars.properties(height=alt.Step(BAR_STEP)), title, lang=lang)
