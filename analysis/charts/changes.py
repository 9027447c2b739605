"""The chart of what changed between two exports: the period's pipeline flow as a waterfall.

The pipeline due in the period at the earlier export, one floating bar per kind of move (new,
pulled in, pushed out, won, lost, ...), and the pipeline due now. Moves that added to it are
green, moves that took from it red, the two totals grey; each bar carries its amount, and its
label under the axis says how many deals moved. In the house style of `charts.style`.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from analysis.changes.flow import END, FLOW_PARTS, START
from analysis.changes.sentences import part
from analysis.charts.diagnosis import waterfall_scale
from analysis.charts.style import (
    BAD,
    BAND_GREY,
    FONT,
    GOOD,
    INK,
    NEUTRAL,
    WIDE_ROOM,
    house_style,
    label_room,
    value_axis,
)
from analysis.words import formats as F
from analysis.words.catalogue import DEFAULT, t
from analysis.words.message import counted
from analysis.words.message import text as written

HEIGHT = 360
LABEL_WIDTH = 12  # characters per line under a bar: "Pushed out" / "Naar voren" / "gehaald"
ORDER = (START, *FLOW_PARTS, END)


def _label(code: str, count: int, lang: str) -> str:
    """Return a bar's label: its words wrapped to short lines, then how many deals."""
    words = written(part(code), lang)
    lines = textwrap.wrap(str(words), LABEL_WIDTH, break_long_words=False) or [str(words)]
    return "\n".join([*lines, str(written(counted("changes_page.deals", count), lang))])


def _full(value: float, symbol: str, lang: str, signed: bool = False) -> str:
    """Return money to the unit, as a tooltip shows it: '+€12,345' / '€ −12.345'."""
    if round(value) == 0:
        return F.money(0, symbol, lang)
    return F.money(value, symbol, lang, signed)


def flow_frame(flow: pd.DataFrame, symbol: str = "", lang: str = DEFAULT) -> pd.DataFrame:
    """Return the bars of a flow (`flow.FLOW_COLUMNS`, one scope) left to right.

    Columns: part (code), label (its words and deals, lines joined by newlines), kind
    ("total" or "change"), start and end (the bar's span, in the currency), top (where its
    amount sits), bar_text ('€3.76M', '−€31.6k'), amount_text (to the unit, for the tooltip),
    deals and colour (grey totals, green inflows, red outflows, light grey for no money).
    """
    rows = flow.assign(part=flow["part"].astype(str)).set_index("part")
    level, out = 0.0, []
    for code in [c for c in ORDER if c in rows.index]:
        value, count = float(rows.at[code, "cents"]) / 100, int(rows.at[code, "count"])
        total = code in (START, END)
        start, end = (0.0, value) if total else (level, level + value)
        colour = NEUTRAL if total else (BAND_GREY if value == 0 else GOOD if value > 0 else BAD)
        out.append(
            {"part": code, "label": _label(code, count, lang),
             "kind": "total" if total else "change", "start": start, "end": end,
             "bar_text": F.short_money(value, symbol, lang, signed=not total),
             "amount_text": _full(value, symbol, lang, signed=not total),
             "deals": count, "colour": colour}
        )  # fmt: skip
        level = end
    frame = pd.DataFrame(out)
    frame["top"] = frame[["start", "end"]].max(axis=1)
    return frame


def flow_chart(
    flow: pd.DataFrame,
    period: str,
    days: tuple[pd.Timestamp | None, pd.Timestamp | None],
    symbol: str = "",
    lang: str = DEFAULT,
    who: str | None = None,
) -> alt.Chart:
    """Return the waterfall of a flow: the pipeline due in `period` at the earlier export (of
    `who`, or the company), a bar per kind of move, and the pipeline due now; `days` are the
    two exports' days, for the subtitle."""
    frame = flow_frame(flow, symbol, lang)
    angle = label_room(list(frame["label"]), WIDE_ROOM)
    if angle["labelAngle"]:  # tilted labels run on one line
        frame = frame.assign(label=frame["label"].str.replace("\n", " "))
    axis = alt.Axis(labelExpr="split(datum.label, '\\n')", labelLimit=220, **angle)  # type: ignore[arg-type]
    x = alt.X("label:N", sort=list(frame["label"]), title=None, axis=axis)
    scale, zoomed = waterfall_scale(frame)  # the revenue bridge's: zoomed in when all is high
    y_axis = value_axis("money", symbol, lang)
    y_axis.tickCount = 6
    y_title = t(f"changes_page.chart.{'axis_zoomed' if zoomed else 'axis'}", lang)
    y = alt.Y("start:Q", title=y_title, scale=scale, axis=y_axis)
    tooltip = [
        alt.Tooltip("label:N", title=t("changes_page.chart.part", lang)),
        alt.Tooltip("amount_text:N", title=t("changes_page.chart.amount", lang)),
    ]
    base = alt.Chart().encode(x=x)  # the data is the layer's: Altair then copies no frames
    bars = base.mark_bar(clip=True, cornerRadius=3, width=alt.RelativeBandSize(0.7)).encode(
        y=y, y2="end:Q", color=alt.Color("colour:N", scale=None), tooltip=tooltip
    )
    labels = base.mark_text(
        baseline="bottom", dy=-6, fontSize=FONT + 1, fontWeight="bold", color=INK
    ).encode(y=alt.Y("top:Q", scale=scale), text="bar_text:N")
    first, last = frame.iloc[0], frame.iloc[-1]
    change = F.short_money(last["end"] - first["end"], symbol, lang, signed=True)
    if last["end"] == first["end"]:
        change = t("formats.no_change", lang)
    subtitle = t("changes_page.chart.subtitle", lang, start=first["bar_text"],
                 end=last["bar_text"], before=F.day(days[0], lang), after=F.day(days[1], lang),
                 change=change)  # fmt: skip
    title = (
        t("changes_page.chart.title", lang, period=period)
        if who is None
        else t("changes_page.chart.title_of", lang, period=period, who=who)
    )
    return house_style(
        alt.layer(bars, labels, data=frame).properties(height=HEIGHT), title, subtitle, lang
    )
