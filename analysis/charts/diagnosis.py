"""The charts of why revenue moved: the revenue bridge as a waterfall, a rep against the team.

Each function takes the diagnosis' results (or a small tidy frame) and returns an Altair chart in
the house style (`charts.style`), its words in `lang`.
"""

from __future__ import annotations

import math
import textwrap
from numbers import Real

import altair as alt
import pandas as pd

from analysis.charts.style import (
    BAD,
    BAND_GREY,
    FONT,
    GOOD,
    INK,
    LABEL_ROOM,
    NEUTRAL,
    TEAM_COLOUR,
    TITLE_FONT,
    WIDE_ROOM,
    house_style,
    label_room,
    value_axis,
)
from analysis.diagnosis.bridge import Bridge
from analysis.words import formats as F
from analysis.words.catalogue import DEFAULT, catalogue, t
from analysis.words.formats import MINUS, short_money
from analysis.words.message import text as written

WATERFALL_HEIGHT = 380


WATERFALL_LABEL_WIDTH = 10  # characters per line under a waterfall bar: "Closing" / "pace"


# The revenue axis starts at 0 unless every level of the waterfall is at least this share of
# the highest one: then the changes would be slivers on top of tall bars, so the axis zooms in.
ZOOM_FLOOR = 0.8


ROW_STEP = 56  # pixels per KPI row of the rep against the team


_DOT_DOMAIN = [-0.5, 1.5]  # each KPI row spans 0 … 1; the margins hold the rep's label (€ 174.289)


_RANGE_WORDS = {"days": "charts.versus.range_days", "hours": "charts.versus.range_hours"}


def _full_money(value: float, symbol: str = "", signed: bool = False, lang: str = DEFAULT) -> str:
    """Return money to the unit, as tooltips show it: '€2,134,567', '+€57,432', '−€110,000'.

    Dutch writes '€ 2.134.567', '€ −110.000'; an amount that rounds to 0 is '€0' / '€ 0'.
    """
    if round(value) == 0:
        return F.money(0, symbol, lang)
    return F.money(value, symbol, lang, signed).replace("-", MINUS)


def _known_number(value: object) -> bool:
    """Return whether a value is a finite number (not None, NaN or infinite)."""
    return isinstance(value, Real) and math.isfinite(value)


def _factor_text(factor: str, value: float | None, symbol: str, lang: str = DEFAULT) -> str:
    """Return a bridge factor's value as users read it: '38%', '37', '€19,701', '0.95'; '—'."""
    if value is None or not _known_number(value):
        return F.UNKNOWN
    if factor == "win_rate":
        return F.percent(value, lang)
    if factor == "avg_deal_size":
        return _full_money(value, symbol, lang=lang)
    if factor in ("new_deals", "closed_deals"):  # a typical period's count is a median: 36.5
        return F.number(value, lang, 0 if value == round(value) else 1)
    return F.number(value, lang, 2)


def _before_after(
    factor: str, before: float | None, after: float | None, symbol: str, lang: str = DEFAULT
) -> str:
    """Return a factor's change as '38% → 15%'; closing pace says what its number counts."""
    before_text, after_text = (_factor_text(factor, v, symbol, lang) for v in (before, after))
    text = f"{before_text} → {after_text}"
    return t("charts.waterfall.pace", lang, change=text) if factor == "pace" else text


def _axis_labels(names: list[str]) -> list[str]:
    """Return the names wrapped to short lines (joined by newlines), kept apart when equal."""
    out: list[str] = []
    for name in names:
        # A long word (Dutch compounds: "Afrondingstempo") stays whole on its own line.
        lines = textwrap.wrap(
            name, WATERFALL_LABEL_WIDTH, max_lines=3, placeholder="…", break_long_words=False
        )
        label = "\n".join(lines) or F.UNKNOWN
        while label in out:  # two steps of the same name must stay two bars
            label += "\u200b"
        out.append(label)
    return out


def bridge_caption(bridge: Bridge, lang: str = DEFAULT) -> str:
    """Return the one line under a revenue bridge saying what each of its parts means:
    'Each bar is what one part added to revenue or took from it: new deals (…); closing pace
    (…); …'. Only the parts of this bridge are explained, in their order."""
    parts = [
        t(f"charts.waterfall.means.{part.factor}", lang)
        for part in bridge.parts
        if f"charts.waterfall.means.{part.factor}" in catalogue()
    ]
    return t("charts.waterfall.caption", lang, parts="; ".join(parts))


def waterfall_frame(
    bridge: Bridge, before_label: str, after_label: str, symbol: str = "", lang: str = DEFAULT
) -> pd.DataFrame:
    """Return the steps of the revenue waterfall, one row per bar, left to right.

    Columns: step (name), axis_label (the name wrapped for the axis), kind ("total" or
    "change"), start and end (the bar's span), top (where its label sits), bar_text ("€2.13M",
    "+€57.4k"), amount_text (to the unit, for the tooltip), before_after ("38% → 15%", empty for
    totals) and colour. Names and amounts are written in `lang`.
    """
    total = {"kind": "total", "start": 0.0, "before_after": "", "colour": TEAM_COLOUR}
    rows: list[dict[str, object]] = [
        {**total, "step": before_label, "end": float(bridge.before),
         "bar_text": short_money(bridge.before, symbol, lang=lang),
         "amount_text": _full_money(bridge.before, symbol, lang=lang)}
    ]  # fmt: skip
    level = float(bridge.before)
    for part in bridge.parts:
        change = float(part.contribution)
        rows.append(
            {"step": written(part.label, lang), "kind": "change", "start": level,
             "end": level + change,
             "bar_text": short_money(change, symbol, signed=True, lang=lang),
             "amount_text": _full_money(change, symbol, signed=True, lang=lang),
             "before_after": _before_after(part.factor, part.before, part.after, symbol, lang),
             "colour": NEUTRAL if round(change) == 0 else (GOOD if change > 0 else BAD)}
        )  # fmt: skip
        level += change
    rows.append(
        {**total, "step": after_label, "end": float(bridge.after),
         "bar_text": short_money(bridge.after, symbol, lang=lang),
         "amount_text": _full_money(bridge.after, symbol, lang=lang)}
    )  # fmt: skip
    frame = pd.DataFrame(rows)
    frame.insert(1, "axis_label", _axis_labels(list(frame["step"])))
    frame["top"] = frame[["start", "end"]].max(axis=1)
    return frame


def waterfall_scale(frame: pd.DataFrame) -> tuple[alt.Scale, bool]:
    """Return the revenue scale of a waterfall, and whether it zooms in (does not start at 0).

    The scale leaves room above the highest bar for its label.
    """
    changes = frame[frame["kind"] == "change"]
    levels = [*changes["start"], *changes["end"], *frame.loc[frame["kind"] == "total", "end"]]
    low, high = min(levels), max(levels)
    zoomed = high > low >= ZOOM_FLOOR * high > 0
    bottom = low - (high - low) * 0.25 if zoomed else min(low, 0.0)
    top = max(high, 0.0)
    if top == bottom:  # nothing to draw but zeros: let Vega-Lite pick the axis
        return alt.Scale(zero=True), False
    return alt.Scale(zero=not zoomed, domain=[bottom, top + (top - bottom) * 0.12]), zoomed


def _waterfall_x(frame: pd.DataFrame, room: int) -> tuple[pd.DataFrame, alt.X]:
    """Return the frame and its x axis: labels of two lines side by side where they fit in
    `room` pixels, else tilted, one line each (or the lines of neighbours cross)."""
    angle = label_room(list(frame["axis_label"]), room)
    if angle["labelAngle"]:
        frame = frame.assign(axis_label=frame["axis_label"].str.replace("\n", " "))
    axis = alt.Axis(labelExpr="split(datum.label, '\\n')", labelLimit=200, **angle)  # type: ignore[arg-type]
    return frame, alt.X("axis_label:N", sort=list(frame["axis_label"]), title=None, axis=axis)


def waterfall_chart(
    bridge: Bridge,
    before_label: str,
    after_label: str,
    symbol: str = "",
    lang: str = DEFAULT,
    wide: bool = False,
) -> alt.Chart:
    """Return a revenue waterfall: the total before, one floating bar per part, the total after.

    Totals are blue, parts that raised revenue green and parts that lowered it red; every bar
    is labelled with its amount, and the tooltip of a part shows its factor before → after.
    A `wide` chart (the whole width of a page) keeps its labels straight where they fit.
    """
    frame = waterfall_frame(bridge, before_label, after_label, symbol, lang)
    frame, x = _waterfall_x(frame, WIDE_ROOM if wide else LABEL_ROOM)
    scale, zoomed = waterfall_scale(frame)
    revenue = t("charts.revenue", lang)
    y_title = t("charts.waterfall.axis_zoomed", lang) if zoomed else revenue
    axis = value_axis("money", symbol, lang)
    axis.tickCount = 6  # a few round amounts, big enough to read from the back
    y = alt.Y("start:Q", title=y_title, scale=scale, axis=axis)
    base = alt.Chart().encode(x=x)  # the data is the layer's: Altair then copies no frames
    bar = {"clip": True, "cornerRadius": 3, "width": alt.RelativeBandSize(0.7)}

    def bars(kind: str, tooltip: list[alt.Tooltip]) -> alt.Chart:
        return (
            base.transform_filter(alt.datum.kind == kind)
            .mark_bar(**bar)
            .encode(y=y, y2="end:Q", color=alt.Color("colour:N", scale=None), tooltip=tooltip)
        )

    step = alt.Tooltip("step:N", title=t("charts.step", lang))
    totals = bars("total", [step, alt.Tooltip("amount_text:N", title=revenue)])
    changes = bars(
        "change",
        [
            step,
            alt.Tooltip("amount_text:N", title=t("charts.waterfall.change", lang)),
            alt.Tooltip("before_after:N", title=t("charts.waterfall.before_after", lang)),
        ],
    )
    labels = base.mark_text(
        baseline="bottom", dy=-6, fontSize=FONT + 1, fontWeight="bold", color=INK
    ).encode(y=alt.Y("top:Q", scale=scale), text="bar_text:N")
    change = short_money(bridge.change, symbol, signed=True, lang=lang)
    if change == short_money(0, symbol, lang=lang):
        change = t("formats.no_change", lang)
    subtitle = t("charts.waterfall.subtitle", lang, before=before_label, after=after_label,
                 change=change)  # fmt: skip
    return house_style(
        alt.layer(totals, changes, labels, data=frame).properties(height=WATERFALL_HEIGHT),
        t("charts.waterfall.title", lang),
        subtitle,
        lang,
    )


def _unit_number(unit: str, value: float, lang: str = DEFAULT) -> str:
    """Return a number as the unit reads it, without the unit's word: '18%', '12,500', '34'."""
    if unit == "percent":
        return F.percent(value, lang)
    if unit in ("money", "count", "days"):
        return F.number(value, lang)
    if unit in ("hours", "score"):
        return F.number(value, lang, 1)
    return F.number(value, lang, 2)


def _range_text(unit: str, low: float, high: float, symbol: str, lang: str = DEFAULT) -> str:
    """Return the reps' middle half as '20%–35%', '€9,000–€15,000', '30–41 days'; '—'."""
    if not (_known_number(low) and _known_number(high)):
        return F.UNKNOWN
    if unit == "money":
        return f"{F.money(low, symbol, lang)}–{F.money(high, symbol, lang)}"
    text = f"{_unit_number(unit, low, lang)}–{_unit_number(unit, high, lang)}"
    return t(_RANGE_WORDS[unit], lang, range=text) if unit in _RANGE_WORDS else text


def _verdict(rep: float, team: float, better: str, lang: str = DEFAULT) -> tuple[str, str]:
    """Return how the rep compares with the team in words, and the dot's colour."""
    direction = str(better).strip().lower()
    if not _known_number(team) or direction not in ("higher", "lower"):
        return "", NEUTRAL
    if rep == team:
        return t("charts.versus.level", lang), NEUTRAL
    ahead = rep > team if direction == "higher" else rep < team
    if ahead:
        return t("charts.versus.better", lang), GOOD
    return t("charts.versus.worse", lang), BAD


def rep_vs_team_frame(frame: pd.DataFrame, symbol: str = "", lang: str = DEFAULT) -> pd.DataFrame:
    """Return the KPI rows of a rep against the team, placed on each KPI's own scale.

    Rows without a rep value are dropped. Each KPI's scale runs from 0 (or its lowest value,
    when below 0) at 0.0 to its highest value at 1.0; the added columns rep_pos, team_pos,
    low_pos and high_pos are the positions on it. Also added: range_text (unless given),
    verdict ("Better than the team", …, in `lang`), colour and label_side (the side of the dot
    its label goes: "left" when the rep is left of the team line, else "right").
    """
    rows = frame.copy()
    for column in ("kpi", "rep_text", "team_text", "range_text"):  # labels and values to write
        if column in rows:
            rows[column] = rows[column].map(lambda said: written(said, lang))
    for column in ("rep_value", "team_value", "low", "high"):
        rows[column] = pd.to_numeric(rows[column], errors="coerce").astype(float)
    rows = rows[rows["rep_value"].map(_known_number)].reset_index(drop=True)
    columns = {
        "rep_value": "rep_pos",
        "team_value": "team_pos",
        "low": "low_pos",
        "high": "high_pos",
    }
    values = rows[list(columns)]
    values = values.where(values.map(_known_number))
    start = values.min(axis=1).clip(upper=0)
    span = values.max(axis=1).clip(lower=0) - start
    span = span.where(span > 0, 1.0)
    for column, position in columns.items():
        rows[position] = (values[column] - start) / span
    if "range_text" not in rows:
        rows["range_text"] = [
            _range_text(unit, low, high, symbol, lang)
            for unit, low, high in zip(rows["unit"], rows["low"], rows["high"], strict=True)
        ]
    verdicts = [
        _verdict(r, v, b, lang)
        for r, v, b in zip(rows["rep_value"], rows["team_value"], rows["better"], strict=True)
    ]
    rows["verdict"] = [v for v, _ in verdicts]
    left = rows["rep_pos"] < rows["team_pos"]  # False when the team is unknown
    rows["label_side"] = left.map({True: "left", False: "right"})
    rows["colour"] = [c for _, c in verdicts]
    return rows


def _lines(sentences: str) -> list[str]:
    """Return a subtitle a line per sentence: at half a 1366 px page one line would be cut."""
    parts = sentences.split(". ")
    return [part + "." for part in parts[:-1]] + parts[-1:]


def rep_vs_team_chart(
    frame: pd.DataFrame, rep: str, symbol: str = "", lang: str = DEFAULT
) -> alt.Chart:
    """Return one row per KPI: the reps' middle half, the team's value and the rep's dot.

    The middle half is a grey band, the team a dark line, and the rep a dot: green when the rep
    does better than the team, red when worse. `frame` has columns kpi (label), unit, rep_value,
    team_value, low and high (the 25th and 75th percentile of the reps), better ("higher" or
    "lower"), rep_text and team_text (text, or a `Say` or value written in `lang`), and
    optionally range_text (else low–high is
    formatted by the unit, money with `symbol`). Every KPI has its own scale, from 0 to its
    highest value, so there is no x axis: the rep's value is written next to the dot and the
    rest is in the tooltip.
    """
    title = t("charts.versus.title", lang, rep=rep)
    subtitle = _lines(t("charts.versus.subtitle", lang, rep=rep))
    rows = rep_vs_team_frame(frame, symbol, lang) if not frame.empty else frame
    if rows.empty:
        note = alt.Chart(pd.DataFrame({"text": [t("charts.versus.empty", lang)]}))
        empty = note.mark_text(fontSize=TITLE_FONT, color=NEUTRAL).encode(text="text:N")
        return house_style(empty.properties(height=120), title, lang=lang)  # no dots to explain
    x_scale = alt.Scale(domain=_DOT_DOMAIN, zero=False, nice=False)
    base = alt.Chart().encode(  # the data is the layer's: Altair then copies no frames
        y=alt.Y(
            "kpi:N",
            sort=list(rows["kpi"]),
            title=None,
            axis=alt.Axis(labelLimit=280, labelPadding=12, ticks=False, domain=False, grid=False),
        ),
        tooltip=[
            alt.Tooltip("kpi:N", title=t("charts.kpi", lang)),
            alt.Tooltip("rep_text:N", title=rep),
            alt.Tooltip("team_text:N", title=t("charts.team", lang)),
            alt.Tooltip("range_text:N", title=t("charts.versus.middle", lang)),
            alt.Tooltip("verdict:N", title=t("charts.versus.compared", lang)),
        ],
    )

    def x(field: str) -> alt.X:
        return alt.X(f"{field}:Q", scale=x_scale, axis=None, title=None)

    band = base.mark_bar(color=BAND_GREY, size=ROW_STEP * 0.55, cornerRadius=4).encode(
        x=x("low_pos"), x2="high_pos:Q"
    )
    team = base.mark_tick(color=INK, opacity=1, thickness=4, size=ROW_STEP * 0.75).encode(
        x=x("team_pos")
    )
    dot = base.mark_circle(size=480, opacity=1, stroke="white", strokeWidth=2).encode(
        x=x("rep_pos"), color=alt.Color("colour:N", scale=None)
    )
    # The rep's value is written on the side away from the team line, so the two never cross.
    text = {"baseline": "middle", "fontSize": FONT + 2, "fontWeight": "bold"}
    labels = [
        base.transform_filter(alt.datum.label_side == side)
        .mark_text(align=align, dx=dx, **text)
        .encode(x=x("rep_pos"), text="rep_text:N", color=alt.Color("colour:N", scale=None))
        for side, align, dx in (("left", "right", -18), ("right", "left", 18))
    ]
    chart = alt.layer(band, team, dot, *labels, data=rows).properties(height=alt.Step(ROW_STEP))
    return house_style(chart, title, subtitle, lang)
