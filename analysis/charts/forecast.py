"""Altair charts of the Forecast page: each team's or rep's range, the backtest, the reliability.

They take the frames of `analysis.forecast.views` (numbers) and write every label, axis and
tooltip in `lang`; amounts in tooltips are written out ('€496k' / '€ 496k'), never raw floats.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from analysis.charts.style import (
    BAD,
    BAR_STEP,
    FONT,
    GOOD,
    INK,
    NEUTRAL,
    TEAM_COLOUR,
    house_style,
    period_axis,
    value_axis,
)
from analysis.words import formats as F
from analysis.words.catalogue import DEFAULT, t

TARGET_COLOUR = "#e4572e"
RANGE_COLOUR = "#9dbbe6"  # the 8-in-10 range: a light bar, so the likely tick stands out on it
LABEL_LIMIT = 220


def _w(key: str, lang: str, **values: object) -> str:
    return t(f"outlook.chart.{key}", lang, **values)


def _money(values: pd.Series, symbol: str, lang: str) -> list[str]:
    return [F.short_money(v, symbol, lang) for v in values]


def range_chart(ranges: pd.DataFrame, by: str, symbol: str = "", lang: str = DEFAULT) -> alt.Chart:
    """Return a horizontal bar per team or rep from P10 to P90, a tick at the likely revenue
    (P50) and a diamond at the target, sorted by likely revenue (`views.range_frame`)."""
    frame = ranges.assign(
        low_text=_money(ranges["p10"], symbol, lang),
        likely_text=_money(ranges["p50"], symbol, lang),
        high_text=_money(ranges["p90"], symbol, lang),
        won_text=_money(ranges["won_so_far"], symbol, lang),
        target_text=[F.short_money(v, symbol, lang) if v > 0 else "—" for v in ranges["target"]],
        chance_text=[F.percent(c, lang) for c in ranges["chance"]],
        # the likely value is written right of the bar, or of the target's diamond beyond it
        label_at=np.fmax(ranges["p90"].to_numpy(float), ranges["target"].fillna(0).to_numpy(float)),
    )
    order = list(frame["name"])
    who = _w(f"who.{by}", lang)
    tooltip = [
        alt.Tooltip("name:N", title=who),
        alt.Tooltip("likely_text:N", title=_w("likely", lang)),
        alt.Tooltip("low_text:N", title=_w("low", lang)),
        alt.Tooltip("high_text:N", title=_w("high", lang)),
        alt.Tooltip("target_text:N", title=_w("target", lang)),
        alt.Tooltip("chance_text:N", title=_w("chance", lang)),
        alt.Tooltip("won_text:N", title=_w("won", lang)),
    ]
    top = float(frame[["p90", "target"]].max().max() or 1)
    x_scale = alt.Scale(domain=[0, top * 1.18], nice=False)
    y = alt.Y("name:N", sort=order, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT))
    # the data is the layer's: Altair then copies no frames
    base = alt.Chart().encode(y=y, tooltip=tooltip)
    axis = value_axis("money", symbol, lang)
    axis.tickCount = 6  # a few round amounts, never labels running together on a wide screen
    bars = base.mark_bar(color=RANGE_COLOUR, size=BAR_STEP * 0.6, cornerRadius=3).encode(
        x=alt.X("p10:Q", title=None, scale=x_scale, axis=axis),
        x2="p90:Q",
    )  # fmt: skip
    likely = base.mark_tick(color=INK, thickness=4, size=BAR_STEP * 0.8).encode(
        x=alt.X("p50:Q", scale=x_scale)
    )
    target = (
        base.transform_filter("datum.target > 0")
        .mark_point(shape="diamond", filled=True, size=180, color=TARGET_COLOUR, opacity=1)
        .encode(x=alt.X("target:Q", scale=x_scale))
    )
    label = base.mark_text(align="left", dx=12, fontSize=FONT, color=INK).encode(
        x=alt.X("label_at:Q", scale=x_scale), text="likely_text:N"
    )
    layered = alt.layer(bars, likely, target, label, data=frame).properties(
        height=alt.Step(BAR_STEP)
    )
    return house_style(layered, _w(f"range_title.{by}", lang), _w("range_key", lang), lang=lang)


BACKTEST_MARKS = ("range", "likely", "baseline", "actual")  # the legend's order
BACKTEST_COLOURS = (RANGE_COLOUR, TEAM_COLOUR, NEUTRAL, INK)


def backtest_long(backtest: pd.DataFrame, symbol: str = "", lang: str = DEFAULT) -> pd.DataFrame:
    """Return the backtest as one row per period and mark: the model's range and likely revenue,
    the win-rate forecast and the actual revenue, with every amount written for the tooltip."""
    rows = []
    for _, r in backtest.iterrows():
        inside = _w("inside" if r["model_inside"] is True or r["model_inside"] == 1 else "outside",
                    lang)  # fmt: skip
        common = {"period": r["period"], "verdict": inside,
                  "low": r["model_p10"], "high": r["model_p90"],
                  "range_text": t("outlook.range", lang, low=F.short_money(r["model_p10"], symbol,
                                  lang), high=F.short_money(r["model_p90"], symbol, lang))}  # fmt: skip
        for mark, column in (("range", "model_p50"), ("likely", "model_p50"),
                             ("baseline", "baseline_p50"), ("actual", "actual")):  # fmt: skip
            rows.append({**common, "mark": mark, "what": _w(f"mark.{mark}", lang),
                         "value": r[column],
                         "value_text": F.short_money(r[column], symbol, lang)})  # fmt: skip
    columns = ["period", "verdict", "low", "high", "range_text", "mark", "what", "value",
               "value_text"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def backtest_chart(backtest: pd.DataFrame, symbol: str = "", lang: str = DEFAULT) -> alt.Chart:
    """Return per past period the model's 8-in-10 range (bar) and likely revenue (tick), the
    win-rate forecast (grey point) and the actual revenue (black point): did it fall inside?"""
    frame = backtest_long(backtest, symbol, lang)
    periods = list(dict.fromkeys(frame["period"]))
    names = [_w(f"mark.{m}", lang) for m in BACKTEST_MARKS]
    colour = alt.Color("what:N", title=None, sort=names, legend=alt.Legend(labelLimit=360),
                       scale=alt.Scale(domain=names, range=list(BACKTEST_COLOURS)))  # fmt: skip
    x = alt.X("period:N", sort=periods, title=None, axis=period_axis(periods))
    y_axis = value_axis("money", symbol, lang)
    tooltip = [
        alt.Tooltip("period:N", title=_w("period", lang)),
        alt.Tooltip("what:N", title=_w("what", lang)),
        alt.Tooltip("value_text:N", title=_w("amount", lang)),
        alt.Tooltip("range_text:N", title=_w("mark.range", lang)),
        alt.Tooltip("verdict:N", title=_w("verdict", lang)),
    ]
    # the data is the layer's: Altair then copies no frames
    base = alt.Chart().encode(x=x, color=colour, tooltip=tooltip)
    y = alt.Y("value:Q", title=_w("revenue", lang), axis=y_axis, scale=alt.Scale(zero=False))
    bar = (
        base.transform_filter(alt.datum.mark == "range")
        .mark_bar(size=46, cornerRadius=3)
        .encode(y=alt.Y("low:Q", title=_w("revenue", lang), axis=y_axis,
                        scale=alt.Scale(zero=False)), y2="high:Q")
    )  # fmt: skip
    likely = (base.transform_filter(alt.datum.mark == "likely")
              .mark_tick(thickness=4, size=46).encode(y=y))  # fmt: skip
    baseline = (base.transform_filter(alt.datum.mark == "baseline")
                .mark_point(shape="square", size=140, filled=True).encode(y=y))  # fmt: skip
    actual = (base.transform_filter(alt.datum.mark == "actual")
              .mark_point(size=220, filled=True, opacity=1).encode(y=y))  # fmt: skip
    chart = alt.layer(bar, likely, baseline, actual, data=frame).properties(height=340)
    return house_style(chart, _w("backtest_title", lang), _w("backtest_key", lang), lang=lang)


def band_label(band: float, lang: str = DEFAULT) -> str:
    """Return a band of predicted chance in words: '30–40%'."""
    low = F.percent(band, lang).rstrip("%").strip()
    return f"{low}–{F.percent(min(band + 0.1, 1.0), lang)}"


def reliability_chart(reliability: pd.DataFrame, lang: str = DEFAULT) -> alt.Chart:
    """Return per band of predicted chance the share actually won, against the diagonal where
    the two are equal (point size: how many deals)."""
    frame = reliability.assign(
        band_text=[band_label(b, lang) for b in reliability["band"]],
        predicted_text=[F.percent(v, lang) for v in reliability["predicted"]],
        actual_text=[F.percent(v, lang) for v in reliability["actual"]],
        deals_text=[F.number(v, lang) for v in reliability["deals"]],
        off=(reliability["actual"] - reliability["predicted"]).abs() > 0.1,
    )
    scale = alt.Scale(domain=[0, 1], nice=False)
    diagonal = (
        alt.Chart(pd.DataFrame({"x": [0.0, 1.0], "y": [0.0, 1.0]}))
        .mark_line(color=NEUTRAL, strokeDash=[6, 4], strokeWidth=2)
        .encode(x=alt.X("x:Q", scale=scale), y=alt.Y("y:Q", scale=scale))
    )
    points = (
        alt.Chart(frame)
        .mark_circle(opacity=0.85, stroke="white", strokeWidth=1)
        .encode(
            x=alt.X("predicted:Q", scale=scale, title=_w("predicted", lang),
                    axis=alt.Axis(format=".0%", values=[i / 10 for i in range(11)])),
            y=alt.Y("actual:Q", scale=scale, title=_w("actual", lang),
                    axis=alt.Axis(format=".0%", values=[i / 10 for i in range(11)])),
            size=alt.Size("deals:Q", title=_w("deals", lang),
                          scale=alt.Scale(range=[60, 900]), legend=alt.Legend(format=",d", tickCount=3)),
            color=alt.condition(alt.datum.off, alt.value(BAD), alt.value(GOOD)),
            tooltip=[
                alt.Tooltip("band_text:N", title=_w("band", lang)),
                alt.Tooltip("predicted_text:N", title=_w("predicted", lang)),
                alt.Tooltip("actual_text:N", title=_w("actual", lang)),
                alt.Tooltip("deals_text:N", title=_w("deals", lang)),
            ],
        )
    )  # fmt: skip
    chart = (diagonal + points).properties(height=420)
    key = _w("reliability_key", lang).split(" · ")  # one line each: the chart is half wide
    return house_style(chart, _w("reliability_title", lang), key, lang=lang)
