"""The charts of what changed between two exports: the pipeline flow as a waterfall.

`flow_chart` draws one flow (`analysis.changes.flow`, one scope): the pipeline due at the
earlier export, a floating bar per part that moved it, and the pipeline due now. It has no
title: the screen or section it stands in says what it is.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from analysis.changes.flow import END, START
from analysis.charts.style import (
    BAD,
    FONT,
    GOOD,
    INK,
    NEUTRAL,
    TEAM_COLOUR,
    WIDE_ROOM,
    house_style,
    label_room,
    value_axis,
)
from analysis.kpis.labels import currency_symbol
from analysis.words.catalogue import t
from analysis.words.formats import money as full_money
from analysis.words.formats import short_money

FLOW_HEIGHT = 300
LABEL_WIDTH = 10  # characters per line under a bar: "Amounts" / "down"
CROWDED = 8  # bars beyond which their labels are set smaller, or neighbours run together
ZOOM_FLOOR = 0.8  # every level at least this share of the highest: the axis zooms in


def flow_frame(flow: pd.DataFrame, lang: str, currency: str | None) -> pd.DataFrame:
    """Return one row per bar, left to right: step, kind (total/change), start, end, top, the
    bar's label ('+€57.4k'), the amount in full and the deals it holds, and its colour."""
    symbol = currency_symbol(currency)
    rows, level = [], 0.0
    for part, count, cents in zip(flow["part"], flow["count"], flow["cents"], strict=True):
        value, total = float(cents) / 100, str(part) in (START, END)
        start = 0.0 if total else level
        end = value if total else level + value
        level = end
        colour = TEAM_COLOUR if total else NEUTRAL if cents == 0 else GOOD if cents > 0 else BAD
        rows.append(
            {"step": t(f"changes.part.{part}", lang), "kind": "total" if total else "change",
             "start": start, "end": end, "top": max(start, end), "deals": int(count),
             "bar_text": short_money(value, symbol, lang, signed=not total),
             "amount_text": full_money(value, symbol, lang, signed=not total),
             "colour": colour}
        )  # fmt: skip
    return pd.DataFrame(rows)


def _scale(frame: pd.DataFrame) -> tuple[alt.Scale, bool]:
    """Return the money scale and whether it is zoomed in: from 0, or not when every level is
    near the highest (the moves would be slivers on tall bars); room above for the labels."""
    moves = frame[frame["kind"] == "change"]
    levels = [*moves["start"], *moves["end"], *frame.loc[frame["kind"] == "total", "end"]]
    low, high = min(levels), max(levels)
    zoomed = high > low >= ZOOM_FLOOR * high > 0
    bottom = low - (high - low) * 0.5 if zoomed else min(low, 0.0)
    top = max(high, 0.0)
    if top == bottom:  # nothing but zeros: let Vega-Lite pick the axis
        return alt.Scale(zero=True), False
    return alt.Scale(zero=not zoomed, domain=[bottom, top + (top - bottom) * 0.15]), zoomed


def _x(frame: pd.DataFrame) -> tuple[pd.DataFrame, alt.X]:
    """Return the frame and its x axis: names of two lines side by side where they fit, else
    tilted on one line."""
    lines = [textwrap.wrap(s, LABEL_WIDTH, break_long_words=False) or [s] for s in frame["step"]]
    frame = frame.assign(label=["\n".join(parts) for parts in lines])
    angle = label_room(list(frame["label"]), WIDE_ROOM)
    if angle["labelAngle"]:
        frame = frame.assign(label=frame["step"])
    axis = alt.Axis(labelExpr="split(datum.label, '\\n')", labelLimit=220, **angle)  # type: ignore[arg-type]
    return frame, alt.X("label:N", sort=list(frame["label"]), title=None, axis=axis)


def flow_chart(flow: pd.DataFrame, lang: str, currency: str | None) -> alt.Chart:
    """Return the pipeline flow as a waterfall: the earlier export's pipeline due in the
    period, each part that moved it (green in, red out), and the pipeline due now."""
    frame, x = _x(flow_frame(flow, lang, currency))
    scale, zoomed = _scale(frame)
    axis = value_axis("money", currency_symbol(currency), lang)
    title = t(f"charts.pipeline.{'axis_zoomed' if zoomed else 'open_pipeline'}", lang).split("\n")
    y = alt.Y("start:Q", title=title, scale=scale, axis=axis)
    base = alt.Chart(frame).encode(x=x)
    tooltip = [
        alt.Tooltip("step:N", title=t("charts.step", lang)),
        alt.Tooltip("amount_text:N", title=t("charts.amount", lang)),
        alt.Tooltip("deals:Q", title=t("charts.pipeline.open_deals", lang)),
    ]
    bars = base.mark_bar(cornerRadius=3, clip=True, width=alt.RelativeBandSize(0.7)).encode(
        y=y, y2="end:Q", color=alt.Color("colour:N", scale=None), tooltip=tooltip
    )
    size = FONT if len(frame) <= CROWDED else FONT - 3  # many bars: narrower labels
    labels = base.mark_text(
        baseline="bottom", dy=-6, fontSize=size, fontWeight="bold", color=INK
    ).encode(y=alt.Y("top:Q", scale=scale), text="bar_text:N")
    return house_style((bars + labels).properties(height=FLOW_HEIGHT), "", None, lang)
