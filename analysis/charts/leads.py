"""Altair charts of lead response and conversion, in the house style of `analysis.charts.style`.

Hours read "2.5 h" and rates "29%" ("2,5 u" in Dutch); every bar carries its number, so the
chart can be read from the back of a meeting room without the tooltip. Every chart takes `lang`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.charts.overview import TEAM
from analysis.charts.style import (
    BAR_STEP,
    FONT,
    INK,
    NEUTRAL,
    REP_COLOUR,
    TEAM_COLOUR,
    house_style,
    period_axis,
    quoted,
)
from analysis.kpis.labels import format_value
from analysis.pipeline.leads import NEVER, RESPONSE, band_label, source_label
from analysis.words import formats as F
from analysis.words.catalogue import DEFAULT, t
from analysis.words.message import text

TREND_HEIGHT = 320
LABEL_ROOM = 1.25  # the value axis runs this far past the longest bar, for its label
INSIDE_SHARE = 0.15  # a bar at least this share of the axis has its number written inside
# How a bar's band or source is named in a language (`analysis.pipeline.leads` keeps them in English).
_NAMES = {"band": band_label, "source": source_label}


def hours_text(hours: float | None, lang: str = DEFAULT) -> str:
    """Return hours as users read them: '2.5 h' / '2,5 u' ('—' when unknown)."""
    return format_value(RESPONSE, hours, lang=lang)


def hours_axis(lang: str = DEFAULT) -> alt.Axis:
    """Return the axis of hours: '2 h', '2.5 h' / '2 u', '2,5 u' (digits by the chart's locale)."""
    before, _, after = t("formats.hours", lang).partition("{n}")
    label = "format(datum.value, '~g')"
    label = (f"{quoted(before)} + " if before else "") + label
    label += f" + {quoted(after)}" if after else ""
    return alt.Axis(labelExpr=label, tickMinStep=0.5)


def _bar_text(**style: object) -> dict[str, object]:
    """Return the mark settings of the numbers written next to bars."""
    return {"align": "left", "baseline": "middle", "dx": 8, "fontSize": FONT, "color": INK, **style}


def rep_response_chart(
    reps: pd.DataFrame,
    team_hours: float | None,
    period: str,
    highlight: str | None = None,
    lang: str = DEFAULT,
) -> alt.Chart:
    """Return bars of each rep's median hours to a first answer, slowest on top, with the team's
    median as a dashed line; `highlight` (a rep) is drawn in the rep colour.

    `reps` has columns rep, median_hours, answered and unanswered (as `leads.rep_response`).
    """
    rows = reps.dropna(subset=["median_hours"]).copy()
    rows["hours_text"] = [hours_text(h, lang) for h in rows["median_hours"]]
    rows["colour"] = [REP_COLOUR if r == highlight else TEAM_COLOUR for r in rows["rep"]]
    top = max([*rows["median_hours"], team_hours or 0.0, 0.5]) * LABEL_ROOM
    x = alt.X(
        "median_hours:Q",
        title=t("charts.leads.median_axis", lang),
        axis=hours_axis(lang),
        scale=alt.Scale(domain=[0, top]),
    )
    base = alt.Chart().encode(  # the data is the layer's: Altair then copies no frames
        y=alt.Y("rep:N", sort=list(rows["rep"]), title=None, axis=alt.Axis(labelLimit=260)),
        x=x,
        tooltip=[
            alt.Tooltip("rep:N", title=t("charts.rep", lang)),
            alt.Tooltip("hours_text:N", title=t("charts.leads.median_first", lang)),
            alt.Tooltip("answered:Q", title=t("charts.leads.answered", lang), format=",d"),
            alt.Tooltip("unanswered:Q", title=t("charts.leads.unanswered", lang), format=",d"),
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
    subtitle = t("charts.leads.rep_subtitle", lang)
    if team_hours is not None:
        rule = alt.Chart(pd.DataFrame({"median_hours": [team_hours]})).encode(x=x)
        layers.append(rule.mark_rule(strokeDash=[6, 4], strokeWidth=3, color=INK))
        subtitle += " " + t("charts.leads.team_line", lang, hours=hours_text(team_hours, lang))
    chart = alt.layer(*layers, data=rows).properties(height=alt.Step(BAR_STEP))  # rule: its own
    return house_style(chart, t("charts.leads.rep_title", lang, period=period), subtitle, lang)


def response_trend_chart(
    trend: pd.DataFrame, highlight: str | None = None, lang: str = DEFAULT
) -> alt.Chart:
    """Return lines of the median hours to a first answer per period: the team and one rep.

    `trend` has columns period (in order), series ("Team" or the rep) and value (hours); the
    last point of each line is labelled, and the team's line is named in `lang`.
    """
    team = t("charts.team", lang)
    rows = trend.assign(series=trend["series"].replace({TEAM: team}))
    rows["hours_text"] = [hours_text(h, lang) for h in rows["value"]]
    order = list(dict.fromkeys(rows["period"]))
    colours = alt.Scale(
        domain=[team, *([highlight] if highlight else [])],
        range=[TEAM_COLOUR, *([REP_COLOUR] if highlight else [])],
    )
    base = alt.Chart(rows).encode(
        x=alt.X("period:N", sort=order, title=None, axis=period_axis(order)),
        y=alt.Y("value:Q", title=t("charts.leads.median_axis", lang), axis=hours_axis(lang)),
        color=alt.Color("series:N", scale=colours, title=None),
        tooltip=[
            alt.Tooltip("series:N", title=t("charts.who", lang)),
            alt.Tooltip("period:N", title=t("charts.period", lang)),
            alt.Tooltip("hours_text:N", title=t("charts.leads.median_first", lang)),
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
    who = (
        t("charts.leads.team_and", lang, rep=highlight)
        if highlight
        else t("charts.leads.the_team", lang)
    )
    return house_style(
        alt.layer(lines, labels).properties(height=TREND_HEIGHT),
        t("charts.leads.trend_title", lang),
        t("charts.leads.trend_subtitle", lang, who=who),
        lang,
    )


def _rate_bars(
    frame: pd.DataFrame, field: str, title: str, subtitle: str, lang: str = DEFAULT
) -> alt.LayerChart:
    """Return horizontal bars of conversion rates with their 95% interval and 'rate of n' labels."""
    rows = frame[frame["leads"] > 0].copy()
    rows["colour"] = [NEUTRAL if g == NEVER else TEAM_COLOUR for g in rows[field]]
    rows[field] = [text(_NAMES[field](g), lang) for g in rows[field]]
    rows["rate_text"] = [
        t("charts.leads.rate_of", lang, rate=F.percent(r, lang), n=F.number(n, lang))
        for r, n in zip(rows["rate"], rows["leads"], strict=True)
    ]
    rows["range_text"] = [
        f"{F.percent(lo, lang)}–{F.percent(hi, lang)}"
        for lo, hi in zip(rows["low"], rows["high"], strict=True)
    ]
    top = min(1.0, max([*rows["high"], 0.1]) * LABEL_ROOM)
    x = alt.X(
        "rate:Q",
        title=t("charts.leads.became_axis", lang),
        axis=alt.Axis(format=".0%", tickCount=6),
        scale=alt.Scale(domain=[0, top]),
    )
    leads = t("charts.leads.leads", lang)
    tooltip = [
        alt.Tooltip(f"{field}:N", title=leads),
        alt.Tooltip("rate:Q", title=t("charts.leads.became", lang), format=".1%"),
        alt.Tooltip("range_text:N", title=t("charts.leads.range", lang)),
        alt.Tooltip("leads:Q", title=leads, format=",d"),
        alt.Tooltip("converted:Q", title=t("charts.leads.became_number", lang), format=",d"),
    ]
    if "median_hours" in rows:
        rows["hours_text"] = [hours_text(h, lang) for h in rows["median_hours"]]
        tooltip.append(alt.Tooltip("hours_text:N", title=t("charts.leads.median_first", lang)))
    base = alt.Chart().encode(  # the data is the layer's: Altair then copies no frames
        y=alt.Y(f"{field}:N", sort=list(rows[field]), title=None, axis=alt.Axis(labelLimit=260)),
        tooltip=tooltip,
    )
    bars = base.mark_bar(cornerRadiusEnd=4, opacity=0.85).encode(
        x=x, color=alt.Color("colour:N", scale=None)
    )
    ranges = base.mark_rule(strokeWidth=3, color=INK).encode(x="low:Q", x2="high:Q")
    labels = base.mark_text(**_bar_text()).encode(x="high:Q", text="rate_text:N")
    chart = alt.layer(bars, ranges, labels, data=rows).properties(height=alt.Step(BAR_STEP + 6))
    return house_style(chart, title, subtitle, lang)


def _with_range_note(subtitle: str, lang: str) -> str:
    """Return the caller's subtitle followed by what the black line means."""
    return f"{subtitle} {t('charts.leads.range_note', lang)}".strip()


def band_chart(by_band: pd.DataFrame, subtitle: str = "", lang: str = DEFAULT) -> alt.Chart:
    """Return lead → deal conversion per response-time band, fastest on top, with 95% ranges.

    `by_band` has columns band, leads, converted, rate, low and high (as
    `leads.conversion_by_band`); bands without leads are left out, the others named in `lang`.
    """
    title = t("charts.leads.band_title", lang)
    return _rate_bars(by_band, "band", title, _with_range_note(subtitle, lang), lang)


def source_chart(by_source: pd.DataFrame, subtitle: str = "", lang: str = DEFAULT) -> alt.Chart:
    """Return lead → deal conversion per lead source, best first, with 95% ranges.

    `by_source` has columns source, leads, converted, rate, low, high and median_hours (as
    `leads.conversion_by_source`).
    """
    title = t("charts.leads.source_title", lang)
    return _rate_bars(by_source, "source", title, _with_range_note(subtitle, lang), lang)
