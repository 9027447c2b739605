"""The Team overview's charts: a KPI over time, attainment against target, the leaderboard.

Each function takes a small tidy frame (already aggregated) and returns an Altair chart in the
house style (`charts.style`), its words in `lang`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.charts.style import (
    BAD,
    BAR_STEP,
    GOOD,
    REP_COLOUR,
    TEAM_COLOUR,
    house_style,
    tooltip_format,
    value_axis,
)
from analysis.words.catalogue import DEFAULT, t

TEAM = "Team"  # the team's series in trend frames (`overview.trend_frame`), named per language


def trend_chart(
    trend: pd.DataFrame,
    label: str,
    unit: str,
    highlight: str | None = None,
    symbol: str = "",
    lang: str = DEFAULT,
) -> alt.Chart:
    """Return a line chart of a KPI over periods: the team line, and one rep highlighted.

    `trend` has columns period (label, in order), series ("Team" or a rep name) and value;
    the team's line is named in `lang`.
    """
    team = t("charts.team", lang)
    rows = trend.assign(series=trend["series"].replace({TEAM: team}))
    order = list(dict.fromkeys(rows["period"]))
    colours = alt.Scale(
        domain=[team, *([highlight] if highlight else [])],
        range=[TEAM_COLOUR, *([REP_COLOUR] if highlight else [])],
    )
    base = alt.Chart(rows).encode(
        x=alt.X("period:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=label, axis=value_axis(unit, symbol, lang)),
        color=alt.Color("series:N", scale=colours, title=None),
        tooltip=[
            alt.Tooltip("series:N", title=t("charts.who", lang)),
            alt.Tooltip("period:N", title=t("charts.period", lang)),
            alt.Tooltip("value:Q", title=label, format=tooltip_format(unit)),
        ],
    )
    lines = base.mark_line(strokeWidth=4, point=alt.OverlayMarkDef(size=90))
    title = t("charts.trend.title", lang, label=label)
    return house_style(lines.properties(height=320), title, lang=lang)


def attainment_chart(attainment: pd.DataFrame, period: str, lang: str = DEFAULT) -> alt.Chart:
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
                "attainment:Q",
                title=t("charts.attainment.axis", lang),
                axis=alt.Axis(format=".0%"),
            ),
            color=alt.condition(alt.datum.attainment >= 1, alt.value(GOOD), alt.value(BAD)),
            tooltip=[
                alt.Tooltip("rep:N", title=t("charts.rep", lang)),
                alt.Tooltip(
                    "attainment:Q", title=t("charts.attainment.tooltip", lang), format=".0%"
                ),
                alt.Tooltip("revenue:Q", title=t("charts.revenue", lang), format=",.0f"),
                alt.Tooltip("target:Q", title=t("charts.target", lang), format=",.0f"),
            ],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"x": [1.0]}))
        .mark_rule(strokeDash=[6, 4], strokeWidth=3, color="#333")
        .encode(x="x:Q")
    )
    return house_style(
        (bars + rule).properties(height=alt.Step(BAR_STEP)),
        t("charts.attainment.title", lang, period=period),
        t("charts.attainment.subtitle", lang),
        lang,
    )


def leaderboard_chart(
    board: pd.DataFrame, label: str, unit: str, symbol: str = "", lang: str = DEFAULT
) -> alt.Chart:
    """Return horizontal bars ranking reps on one KPI, best first.

    `board` has columns rep, value and rank (1 = best), already in rank order.
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
    title = t("charts.leaderboard.title", lang, label=label)
    return house_style(bars.properties(height=alt.Step(BAR_STEP)), title, lang=lang)
