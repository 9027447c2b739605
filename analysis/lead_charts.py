"""Altair charts of lead response and conversion, in the house style of `analysis.charts`.

Hours read "2.5 h" and rates "29%"; every bar carries its number, so the chart can be read
from the back of a meeting room without the tooltip.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.charts import (
    BAR_STEP,
    FONT,
    INK,
    NEUTRAL,
    REP_COLOUR,
    TEAM_COLOUR,
    house_style,
)
from analysis.leads import NEVER, hours_text

HOURS_AXIS = alt.Axis(labelExpr="format(datum.value, '~g') + ' h'", tickMinStep=0.5)
TREND_HEIGHT = 320
LABEL_ROOM = 1.25  # the value axis runs this far past the longest bar, for its label
INSIDE_SHARE = 0.15  # a bar at least this share of the axis has its number written inside
RANGE_NOTE = "Black line: 95% range."


def _bar_text(**style: object) -> dict[str, object]:
    """Return the mark settings of the numbers written next to bars."""
    return {"align": "left", "baseline": "middle", "dx": 8, "fontSize": FONT, "color": INK, **style}


def rep_response_chart(
    reps: pd.DataFrame, team_hours: float | None, period: str, highlight: str | None = None
) -> alt.Chart:
    """Return bars of each rep's median hours to a first answer, slowest on top, with the team's
    median as a dashed line; `highlight` (a rep) is drawn in the rep colour.

    `reps` has columns rep, median_hours, answered and unanswered (as `leads.rep_response`).
    """
    rows = reps.dropna(subset=["median_hours"]).copy()
    rows["hours_text"] = rows["median_hours"].map(hours_text)
    rows["colour"] = [REP_COLOUR if r == highlight else TEAM_COLOUR for r in rows["rep"]]
    top = max([*rows["median_hours"], team_hours or 0.0, 0.5]) * LABEL_ROOM
    x = alt.X(
        "median_hours:Q",
        title="Median hours to first answer",
        axis=HOURS_AXIS,
        scale=alt.Scale(domain=[0, top]),
    )
    base = alt.Chart(rows).encode(
        y=alt.Y("rep:N", sort=list(rows["rep"]), title=None, axis=alt.Axis(labelLimit=260)),
        x=x,
        tooltip=[
            alt.Tooltip("rep:N", title="Rep"),
            alt.Tooltip("hours_text:N", title="Median first answer"),
            alt.Tooltip("answered:Q", title="Leads answered", format=",d"),
            alt.Tooltip("unanswered:Q", title="Leads not answered", format=",d"),
        ],
    )
    bars = base.mark_bar(cornerRadiusEnd=4).encode(color=alt.Color("colour:N", scale=None))
    # A bar long enough carries its number inside, at its start: the team line never crosses it.
    inside = alt.datum.median_hours >= INSIDE_SHARE * top
    labels = [
        base.transform_filter(inside)
        .mark_text(**_bar_text(color="white", fontWeight="bold"))
        .encode(x=alt.datum(0), text="hours_text:N"),
        base.transform_filter(~inside).mark_text(**_bar_text()).encode(text="hours_text:N"),
    ]
    layers: list[alt.Chart] = [bars, *labels]
    subtitle = "Median of the leads that got an answer."
    if team_hours is not None:
        rule = alt.Chart(pd.DataFrame({"median_hours": [team_hours]})).encode(x=x)
        layers.append(rule.mark_rule(strokeDash=[6, 4], strokeWidth=3, color=INK))
        subtitle += f" Dashed line: the team's median, {hours_text(team_hours)}."
    chart = alt.layer(*layers).properties(height=alt.Step(BAR_STEP))
    return house_style(chart, f"Time to first answer per rep, {period}", subtitle)


def response_trend_chart(trend: pd.DataFrame, highlight: str | None = None) -> alt.Chart:
    """Return lines of the median hours to a first answer per period: the team and one rep.

    `trend` has columns period (in order), series ("Team" or the rep) and value (hours); the
    last point of each line is labelled.
    """
    rows = trend.copy()
    rows["hours_text"] = rows["value"].map(hours_text)
    order = list(dict.fromkeys(rows["period"]))
    colours = alt.Scale(
        domain=["Team", *([highlight] if highlight else [])],
        range=[TEAM_COLOUR, *([REP_COLOUR] if highlight else [])],
    )
    base = alt.Chart(rows).encode(
        x=alt.X("period:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title="Median hours to first answer", axis=HOURS_AXIS),
        color=alt.Color("series:N", scale=colours, title=None),
        tooltip=[
            alt.Tooltip("series:N", title="Who"),
            alt.Tooltip("period:N", title="Period"),
            alt.Tooltip("hours_text:N", title="Median first answer"),
        ],
    )
    lines = base.mark_line(strokeWidth=4, point=alt.OverlayMarkDef(size=90))
    last = rows.groupby("series", sort=False).tail(1)
    labels = (
        alt.Chart(last)
        .mark_text(align="left", dx=10, dy=-12, fontSize=FONT + 1, fontWeight="bold")
        .encode(
            x=alt.X("period:N", sort=order),
            y="value:Q",
            text="hours_text:N",
            color=alt.Color("series:N", scale=colours, legend=None),
        )
    )
    who = f"the team and {highlight}" if highlight else "the team"
    return house_style(
        alt.layer(lines, labels).properties(height=TREND_HEIGHT),
        "Time to first answer per period",
        f"Median hours, {who}.",
    )


def _rate_bars(frame: pd.DataFrame, field: str, title: str, subtitle: str) -> alt.LayerChart:
    """Return horizontal bars of conversion rates with their 95% interval and 'rate of n' labels."""
    rows = frame[frame["leads"] > 0].copy()
    rows["rate_text"] = [
        f"{r:.0%} of {n:,}" for r, n in zip(rows["rate"], rows["leads"], strict=True)
    ]
    rows["range_text"] = [
        f"{lo:.0%}–{hi:.0%}" for lo, hi in zip(rows["low"], rows["high"], strict=True)
    ]
    rows["colour"] = [NEUTRAL if g == NEVER else TEAM_COLOUR for g in rows[field]]
    top = min(1.0, max([*rows["high"], 0.1]) * LABEL_ROOM)
    x = alt.X(
        "rate:Q",
        title="Leads that became deals",
        axis=alt.Axis(format=".0%", tickCount=6),
        scale=alt.Scale(domain=[0, top]),
    )
    tooltip = [
        alt.Tooltip(f"{field}:N", title="Leads"),
        alt.Tooltip("rate:Q", title="Became deals", format=".1%"),
        alt.Tooltip("range_text:N", title="95% range"),
        alt.Tooltip("leads:Q", title="Leads", format=",d"),
        alt.Tooltip("converted:Q", title="Became deals (number)", format=",d"),
    ]
    if "median_hours" in rows:
        rows["hours_text"] = rows["median_hours"].map(hours_text)
        tooltip.append(alt.Tooltip("hours_text:N", title="Median first answer"))
    base = alt.Chart(rows).encode(
        y=alt.Y(f"{field}:N", sort=list(rows[field]), title=None, axis=alt.Axis(labelLimit=260)),
        tooltip=tooltip,
    )
    bars = base.mark_bar(cornerRadiusEnd=4, opacity=0.85).encode(
        x=x, color=alt.Color("colour:N", scale=None)
    )
    ranges = base.mark_rule(strokeWidth=3, color=INK).encode(x="low:Q", x2="high:Q")
    labels = base.mark_text(**_bar_text()).encode(x="high:Q", text="rate_text:N")
    chart = alt.layer(bars, ranges, labels).properties(height=alt.Step(BAR_STEP + 6))
    return house_style(chart, title, subtitle)


def band_chart(by_band: pd.DataFrame, subtitle: str = "") -> alt.Chart:
    """Return lead → deal conversion per response-time band, fastest on top, with 95% ranges.

    `by_band` has columns band, leads, converted, rate, low and high (as
    `leads.conversion_by_band`); bands without leads are left out.
    """
    title = "Conversion by time to first answer"
    return _rate_bars(by_band, "band", title, f"{subtitle} {RANGE_NOTE}".strip())


def source_chart(by_source: pd.DataFrame, subtitle: str = "") -> alt.Chart:
    """Return lead → deal conversion per lead source, best first, with 95% ranges.

    `by_source` has columns source, leads, converted, rate, low, high and median_hours (as
    `leads.conversion_by_source`).
    """
    title = "Conversion by lead source"
    return _rate_bars(by_source, "source", title, f"{subtitle} {RANGE_NOTE}".strip())
