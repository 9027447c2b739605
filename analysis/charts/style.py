"""The house style of every chart: fonts, colours, sizes, axes and number formats per language.

Readable on a projector: big fonts, a title that says the point, no border. A Dutch chart
carries a Vega locale (`chart_locale`) so that its axes and tooltips write '€ 2,1 mln', '25,3%'
and 'mrt 2026'. Every chart module draws with these; none defines its own colours.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import altair as alt
import pandas as pd
from babel import Locale

from analysis.words import formats as F
from analysis.words.catalogue import DEFAULT, language, t

FONT = 15


TITLE_FONT = 20


TEAM_COLOUR = "#1f5fbf"


REP_COLOUR = "#e4572e"


GOOD = "#2a9d8f"


BAD = "#e4572e"


MIDDLE_GREY = "#bdbdbd"  # the middle answers (passives), between bad and good
TEAM_PALETTE = ["#1f5fbf", "#e4572e", "#2a9d8f", "#f2a541", "#7b4b94", "#3c9dd0", "#8c564b"]
TREND_HEIGHT = 340  # pixels of a chart over time
BAR_STEP = 34  # pixels per bar: readable from the back of a meeting room


LABEL_GAP = 8  # pixels at least between two Dutch amounts on an axis


# d3's SI letters after a short amount, and the catalogue word each language writes for them.
_SI_WORDS = (
    ("k", "formats.thousand"),
    ("M", "formats.million"),
    ("G", "formats.billion"),
    ("T", "formats.trillion"),
)


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


def quoted(text: str) -> str:
    """Return text as a single-quoted Vega expression string, its quotes and backslashes escaped."""
    return "'" + str(text).replace("\\", "\\\\").replace("'", "\\'") + "'"


@cache
def chart_locale(lang: str) -> alt.Locale | None:
    """Return the Vega locale for a language's numbers and dates (None: Vega's own, English).

    Decimal mark, digit grouping and month and day names come from babel (as `formats.py`
    writes them), so a Dutch axis reads '2,5', '12.500', '25,3%' and 'mrt 2026'.
    """
    lang = language(lang)
    if lang == DEFAULT:
        return None
    babel = Locale.parse(F.LOCALES[lang])
    symbols = babel.number_symbols["latn"]
    currency = babel.currency_formats["standard"]
    names = babel.months["format"]
    days = babel.days["format"]
    sunday_first = [6, 0, 1, 2, 3, 4, 5]  # babel counts from Monday, d3 from Sunday
    return alt.Locale(
        number=alt.NumberLocale(
            decimal=symbols["decimal"],
            thousands=symbols["group"],
            grouping=[babel.decimal_formats[None].grouping[0]],
            currency=[
                currency.prefix[0].replace("¤", "€"),
                currency.suffix[0].replace("¤", "€"),
            ],
        ),
        time=alt.TimeLocale(
            dateTime="%a %e %B %Y %X",
            date="%d-%m-%Y",
            time="%H:%M:%S",
            periods=[babel.day_periods["format"]["abbreviated"][p] for p in ("am", "pm")],
            days=[days["wide"][i] for i in sunday_first],
            shortDays=[days["abbreviated"][i] for i in sunday_first],
            months=[names["wide"][m] for m in range(1, 13)],
            shortMonths=[names["abbreviated"][m] for m in range(1, 13)],
        ),
    )


def house_style(
    chart: alt.Chart, title: str, subtitle: str | list[str] | None = None, lang: str = DEFAULT
) -> alt.Chart:
    """Return the chart with the house style: big fonts, a title, no chart border.

    A subtitle given as a list is drawn one line per item.

    A chart in another language than English also gets that language's Vega locale, so its
    axes and tooltips write numbers and dates the way its texts do.
    """
    heading = alt.TitleParams(
        title, subtitle=subtitle or "", fontSize=TITLE_FONT, subtitleFontSize=FONT, anchor="start"
    )
    locale = chart_locale(lang)
    # The config in one go: each `configure_*` call would copy the chart, and Altair copies a
    # layered chart's every layer deep (with its sort lists of all reps) on each copy.
    config = alt.Config(
        **({} if locale is None else {"locale": locale}),
        axis=alt.AxisConfig(labelFontSize=FONT, titleFontSize=FONT, grid=True, gridOpacity=0.4),
        legend=alt.LegendConfig(labelFontSize=FONT, titleFontSize=FONT, orient="top"),
        view=alt.ViewConfig(strokeWidth=0),
    )
    styled = chart.properties(
        title=heading,
        width="container",
        # Fit the width only: a bar chart keeps its height of one step per bar.
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )
    styled.config = config  # our own copy: set, not validated again
    return styled


def axis_format(unit: str) -> str:
    """Return the d3 format for an axis showing values of this unit."""
    return _AXIS_FORMATS.get(unit, ",.2f")


def money_affixes(symbol: str, lang: str = DEFAULT) -> tuple[str, str]:
    """Return what short amounts write before and after the figures: ('€', '') / ('€ ', '')."""
    before, _, after = F.short_money(1, symbol, lang).rpartition("1")
    return before, after


def value_axis(unit: str, symbol: str = "", lang: str = DEFAULT) -> alt.Axis:
    """Return an axis for values of this unit; money reads '€2.5M' (B for billions, not G).

    Dutch money reads '€ 40k', '€ 2,1 mln', '€ 3 mld'; the digits follow the chart's locale.
    """
    if unit != "money":
        return alt.Axis(format=axis_format(unit))
    symbol = symbol.replace("\\", "").replace("'", "")
    before, after = money_affixes(symbol, lang)
    label = f"format(datum.value, '{axis_format(unit)}')"
    for letter, key in _SI_WORDS:
        word = t(key, lang, n="")
        if word != letter:
            label = f"replace({label}, '{letter}', {quoted(word)})"
    label = f"{quoted(before)} + {label}" + (f" + {quoted(after)}" if after else "")
    # Dutch amounts are wider ("€ 120k", "€ 1,2 mln"): keep room between them, or they touch.
    gap = {} if language(lang) == DEFAULT else {"labelSeparation": LABEL_GAP}
    return alt.Axis(format=axis_format(unit), labelExpr=label, **gap)


CHAR_WIDTH = 9  # pixels of a character in an axis label at FONT (15 px), a wide one
LABEL_ROOM = 480  # pixels a half-width chart at 1366 px gives its labels side by side
WIDE_ROOM = 900  # pixels a chart the whole width of a page at 1366 px gives them
TILT = -35  # degrees: labels that do not fit side by side are tilted, never run together


def label_room(labels: Sequence[str], room: int = LABEL_ROOM) -> dict[str, object]:
    """Return the axis settings for labels side by side under the bars or points: straight
    when every label fits its share of `room` ('2026-Q1'), tilted when they would run
    together ('2024-Q42025-Q1', 'AfrondingstempoWinratio'). A label's lines count apart."""
    longest = max((len(line) for label in labels for line in str(label).split("\n")), default=0)
    fits = len(labels) * (longest * CHAR_WIDTH + 12) <= room
    return {"labelAngle": 0} if fits else {"labelAngle": TILT, "labelOverlap": False}


def period_axis(periods: Sequence[str], room: int = LABEL_ROOM) -> alt.Axis:
    """Return the x axis of periods in order: straight labels when they fit, else tilted."""
    return alt.Axis(**label_room(periods, room))  # type: ignore[arg-type]


def tooltip_format(unit: str) -> str:
    """Return the d3 format for a tooltip showing values of this unit."""
    return _TOOLTIP_FORMATS.get(unit, ",.2f")


NEUTRAL = "#8c8c8c"  # a change of zero; a rep level with the team


BAND_GREY = "#d9d9d9"  # the middle half of the reps


INK = "#222222"  # the team line and the labels on bars


def diverging_bars(
    frame: pd.DataFrame,
    groups: Sequence[str],
    colours: Sequence[str],
    domain: tuple[float, float],
    ticks: Sequence[float],
    tooltip: Sequence[alt.Tooltip],
    *,
    legend: alt.Legend | None = None,
    faint: float = 0.4,
    faint_text: str = INK,
    step: float = BAR_STEP * 1.25,
    lang: str = DEFAULT,
) -> alt.LayerChart:
    """Return diverging stacked bars, one per label, a line at 0 and each bar's text at its end.

    `frame` has one row per segment: label (the bar, in the order drawn top to bottom), group,
    start and end (the segment's span, as shares: left of 0 is unhappy), right (where the bar's
    text starts), end_text (that text) and few (the bar is drawn faint: opacity `faint`, its text
    in `faint_text`). `groups` and `colours` pair each group with its colour, left to right; the
    axis spans `domain` with labels at `ticks`, written as percentages without a sign. The chart
    is not house-styled yet: the caller adds its title (and, with it, the locale of `lang`).
    """
    x_scale = alt.Scale(domain=list(domain), nice=False)
    y = alt.Y(
        "label:N",
        sort=list(dict.fromkeys(frame["label"])),
        title=None,
        axis=alt.Axis(labelLimit=300),
    )
    bars = (
        alt.Chart(frame)
        .mark_bar(size=BAR_STEP * 0.75)
        .encode(
            y=y,
            x=alt.X(
                "start:Q",
                scale=x_scale,
                title=t("charts.diverging.axis", lang),
                axis=alt.Axis(values=list(ticks), labelExpr="format(abs(datum.value), '.0%')"),
            ),
            x2="end:Q",
            color=alt.Color(
                "group:N",
                scale=alt.Scale(domain=list(groups), range=list(colours)),
                legend=legend or alt.Legend(title=None),
                sort=list(groups),
            ),
            opacity=alt.condition(alt.datum.few, alt.value(faint), alt.value(1.0)),
            tooltip=list(tooltip),
        )
    )
    zero, texts = _zero_and_texts(frame, y, x_scale, faint_text)
    return (bars + zero + texts).properties(height=alt.Step(step))


def _zero_and_texts(
    frame: pd.DataFrame, y: alt.Y, x_scale: alt.Scale, faint_text: str
) -> tuple[alt.Chart, alt.Chart]:
    """Return the line at 0 and each diverging bar's text at its end."""
    zero = (
        alt.Chart(pd.DataFrame({"x": [0.0]}))
        .mark_rule(color=INK, strokeWidth=2)
        .encode(x=alt.X("x:Q", scale=x_scale))
    )
    text = (
        alt.Chart(frame.drop_duplicates("label"))
        .mark_text(align="left", dx=8, fontSize=FONT, fontWeight="bold")
        .encode(
            y=y,
            x=alt.X("right:Q", scale=x_scale),
            text="end_text:N",
            color=alt.condition(alt.datum.few, alt.value(faint_text), alt.value(INK)),
        )
    )
    return zero, text
