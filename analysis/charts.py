"""Altair charts: one short function per chart, from tidy frames, readable on a projector.

Each function takes a small tidy DataFrame (already aggregated: never raw rows) and returns an
`alt.Chart` with human titles, explicit field types, formatted axes and tooltips.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

FONT = 15
TITLE_FONT = 20
TEAM_COLOUR = "#1f5fbf"
REP_COLOUR = "#e4572e"
GOOD = "#2a9d8f"
BAD = "#e4572e"
BAR_STEP = 34  # pixels per bar: readable from the back of a meeting room

_AXIS_FORMATS = {
    "money": "~s",
    "percent": ".0%",
    "count": ",d",
    "days": ",.0f",
    "hours": ",.1f",
    "score": ",.1f",
    "ratio": ",.2f",
}
_TOOLTIP_FORMATS = {
    "money": ",.0f",
    "percent": ".1%",
    "count": ",d",
    "days": ",.0f",
    "hours": ",.1f",
    "score": ",.1f",
    "ratio": ",.2f",
}


def _style(chart: alt.Chart, title: str, subtitle: str | None = None) -> alt.Chart:
    """Return the chart with the house style: big fonts, a title, no chart border."""
    heading = alt.TitleParams(
        title, subtitle=subtitle or "", fontSize=TITLE_FONT, subtitleFontSize=FONT, anchor="start"
    )
    return (
        chart.properties(
            title=heading,
            width="container",
            # Fit the width only: a bar chart keeps its height of one step per bar.
            autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        )
        .configure_axis(labelFontSize=FONT, titleFontSize=FONT, grid=True, gridOpacity=0.4)
        .configure_legend(labelFontSize=FONT, titleFontSize=FONT, orient="top")
        .configure_view(strokeWidth=0)
    )


def axis_format(unit: str) -> str:
    """Return the d3 format for an axis showing values of this unit."""
    return _AXIS_FORMATS.get(unit, ",.2f")


def value_axis(unit: str, symbol: str = "") -> alt.Axis:
    """Return an axis for values of this unit; money reads '€2.5M' (B for billions, not G)."""
    if unit != "money":
        return alt.Axis(format=axis_format(unit))
    symbol = symbol.replace("\\", "").replace("'", "")
    return alt.Axis(
        format=axis_format(unit),
        labelExpr=f"'{symbol}' + replace(format(datum.value, '{axis_format(unit)}'), 'G', 'B')",
    )


def tooltip_format(unit: str) -> str:
    """Return the d3 format for a tooltip showing values of this unit."""
    return _TOOLTIP_FORMATS.get(unit, ",.2f")


def trend_chart(
    trend: pd.DataFrame, label: str, unit: str, highlight: str | None = None, symbol: str = ""
) -> alt.Chart:
    """Return a line chart of a KPI over periods: the team line, and one rep highlighted.

    `trend` has columns period (label, in order), series ("Team" or a rep name) and value.
    """
    order = list(dict.fromkeys(trend["period"]))
    colours = alt.Scale(
        domain=["Team", *([highlight] if highlight else [])],
        range=[TEAM_COLOUR, *([REP_COLOUR] if highlight else [])],
    )
    base = alt.Chart(trend).encode(
        x=alt.X("period:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=label, axis=value_axis(unit, symbol)),
        color=alt.Color("series:N", scale=colours, title=None),
        tooltip=[
            alt.Tooltip("series:N", title="Who"),
            alt.Tooltip("period:N", title="Period"),
            alt.Tooltip("value:Q", title=label, format=tooltip_format(unit)),
        ],
    )
    lines = base.mark_line(strokeWidth=4, point=alt.OverlayMarkDef(size=90))
    return _style(lines.properties(height=320), f"{label} per period")


def attainment_chart(attainment: pd.DataFrame, period: str) -> alt.Chart:
    """Return bars of target attainment per rep with a line at 100 %.

    `attainment` has columns rep, attainment (1.0 = on target), revenue and target.
    """
    ordered = attainment.sort_values("attainment", ascending=False)
    bars = (
        alt.Chart(ordered)
        .mark_bar(cornerRadiusEnd=4)
        .encode(
            y=alt.Y("rep:N", sort=list(ordered["rep"]), title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X(
                "attainment:Q", title="Revenue as share of target", axis=alt.Axis(format=".0%")
            ),
            color=alt.condition(alt.datum.attainment >= 1, alt.value(GOOD), alt.value(BAD)),
            tooltip=[
                alt.Tooltip("rep:N", title="Rep"),
                alt.Tooltip("attainment:Q", title="Attainment", format=".0%"),
                alt.Tooltip("revenue:Q", title="Revenue", format=",.0f"),
                alt.Tooltip("target:Q", title="Target", format=",.0f"),
            ],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"x": [1.0]}))
        .mark_rule(strokeDash=[6, 4], strokeWidth=3, color="#333")
        .encode(x="x:Q")
    )
    return _style(
        (bars + rule).properties(height=alt.Step(BAR_STEP)),
        f"Target attainment, {period}",
        "Dashed line: target reached",
    )


def leaderboard_chart(board: pd.DataFrame, label: str, unit: str, symbol: str = "") -> alt.Chart:
    """Return horizontal bars ranking reps on one KPI, best first.

    `board` has columns rep, value and rank (1 = best), already in rank order.
    """
    bars = (
        alt.Chart(board)
        .mark_bar(cornerRadiusEnd=4, color=TEAM_COLOUR)
        .encode(
            y=alt.Y("rep:N", sort=list(board["rep"]), title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("value:Q", title=label, axis=value_axis(unit, symbol)),
            tooltip=[
                alt.Tooltip("rank:Q", title="Rank"),
                alt.Tooltip("rep:N", title="Rep"),
                alt.Tooltip("value:Q", title=label, format=tooltip_format(unit)),
            ],
        )
    )
    return _style(bars.properties(height=alt.Step(BAR_STEP)), f"Leaderboard: {label}")
