"""Team health charts: the eNPS split into its groups, eNPS over time, and morale next to results.

`morale_table` writes the morale-next-to-results rows (`health.views.morale_rows`) as the
table the page shows, with headers and values in `lang`.

Each function takes rows of `analysis.health.team_health.enps_frame` (or its results frame) and returns
an `alt.Chart` in the house style of `analysis.charts.style`, in `lang`. The groups of answers keep
their English names in the frames (`GROUPS`); legends and tooltips show them in the language.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import altair as alt
import pandas as pd

from analysis.charts.style import (
    BAD,
    BAR_STEP,
    GOOD,
    INK,
    MIDDLE_GREY,
    NEUTRAL,
    TEAM_COLOUR,
    TEAM_PALETTE,
    TREND_HEIGHT,
    diverging_bars,
    house_style,
    period_axis,
    quoted,
    tooltip_format,
    value_axis,
)
from analysis.health.team_health import EVERYONE, GROUPS, Enps, detractor_range
from analysis.health.views import MoraleRow
from analysis.kpis.labels import format_value, kpi_label, team_name
from analysis.kpis.registry import KPIS
from analysis.words import formats as F
from analysis.words.catalogue import DEFAULT, t

GROUP_COLOURS = dict(zip(GROUPS, (BAD, MIDDLE_GREY, GOOD), strict=True))
ENPS = "eNPS"  # the axis and tooltip name of the score: the same in every language
# Team lines: distinct colours that read on a projector; "All teams" is the dark ink line.


def _bar_label(row: pd.Series, by: str, lang: str = DEFAULT) -> str:
    """Return a bar's axis label: the team or period, with '(few answers)' when so."""
    name = team_name(str(row[by]), lang)
    return t("charts.health.few", lang, name=name) if row["few_answers"] else name


def group_name(group: str, lang: str = DEFAULT) -> str:
    """Return a group of answers ('Detractors', …) in a language: 'Criticasters', …"""
    return t(f"charts.health.groups.{group}", lang)


def diverging_frame(rows: pd.DataFrame, by: str = "team", lang: str = DEFAULT) -> pd.DataFrame:
    """Return three segments per row of `enps_frame`: detractors left of 0, passives split, promoters right.

    Columns: label (the bar: team or period, marked when it has few answers, in `lang`), group
    (in English, as `GROUPS`), group_name (in `lang`), share, count, start and end (the
    segment's span, as shares of the answers), answers, enps_text and end_text (eNPS and
    answers, written at the bar's right end), right (where that text sits), few (few answers:
    the bar is drawn faint).
    """
    detractors, passives, promoters = GROUPS
    out = []
    for _, row in rows.iterrows():
        label = _bar_label(row, by, lang)
        half = row["passive_share"] / 2
        spans = {
            detractors: (-half - row["detractor_share"], -half, row["detractors"]),
            passives: (-half, half, row["passives"]),
            promoters: (half, half + row["promoter_share"], row["promoters"]),
        }
        enps = Enps(row["enps"]).text(lang)
        text = t("charts.health.end_text", lang, enps=enps, n=F.number(row["answers"], lang))
        for group, (start, end, count) in spans.items():
            out.append(
                {"label": label, "group": group, "group_name": group_name(group, lang),
                 "share": end - start, "count": int(count), "start": start, "end": end,
                 "answers": int(row["answers"]), "enps_text": enps, "end_text": text,
                 "right": half + row["promoter_share"], "few": bool(row["few_answers"])}
            )  # fmt: skip
    return pd.DataFrame(out)


def diverging_chart(
    rows: pd.DataFrame,
    title: str,
    by: str = "team",
    scale: str | None = None,
    lang: str = DEFAULT,
) -> alt.Chart:
    """Return a diverging stacked bar per team (or period): unhappy to the left, happy to the right.

    Detractors are red left of zero, promoters green right of it, and passives grey, split
    around zero. Each bar ends with its eNPS and its number of answers.
    """
    frame = diverging_frame(rows, by, lang)
    widest = float(frame[["start", "end"]].abs().max().max()) if len(frame) else 1.0
    reach = min(1.0, max(0.5, math.ceil(widest / 0.25 - 1e-9) * 0.25))
    groups = list(GROUP_COLOURS)
    tooltip = [
        alt.Tooltip("label:N", title=t("charts.who" if by == "team" else "charts.period", lang)),
        alt.Tooltip("group_name:N", title=t("charts.group", lang)),
        alt.Tooltip("share:Q", title=t("charts.share_of_answers", lang), format=".0%"),
        alt.Tooltip("count:Q", title=t("charts.health.in_group", lang), format=",d"),
        alt.Tooltip("answers:Q", title=t("charts.answers", lang), format=",d"),
        alt.Tooltip("enps_text:N", title=ENPS),
    ]
    chart = diverging_bars(
        frame,
        groups,
        [GROUP_COLOURS[g] for g in groups],
        (-reach, reach + 0.45),  # room on the right for the eNPS text
        _ticks(reach),
        tooltip,
        legend=alt.Legend(title=None, labelExpr=_legend_names(scale, lang)),
        faint=0.45,
        step=BAR_STEP * 1.3,
        lang=lang,
    )
    subtitle = t("charts.health.diverging_subtitle", lang, range=detractor_range(scale))
    return house_style(chart, title, subtitle, lang)


def _ticks(reach: float) -> list[float]:
    """Return axis ticks every 25% within ±reach."""
    steps = int(reach / 0.25 + 1e-9)
    return [i * 0.25 for i in range(-steps, steps + 1)]


def _legend_names(scale: str | None, lang: str = DEFAULT) -> str:
    """Return a legend label expression naming each group and its scores, in a language."""
    detractors, passives, promoters = (
        quoted(t(f"charts.health.legend.{g}", lang, range=detractor_range(scale))) for g in GROUPS
    )
    return (
        f"datum.label == {quoted(GROUPS[0])} ? {detractors} : "
        f"datum.label == {quoted(GROUPS[1])} ? {passives} : {promoters}"
    )


def team_colours(teams: Sequence[str], lang: str = DEFAULT) -> alt.Scale:
    """Return the colour scale of team lines: one colour per team (by name), 'All teams' dark.

    The whole company's line is `EVERYONE` or its name in `lang`.
    """
    whole = {EVERYONE, team_name(EVERYONE, lang)}
    named = sorted(team for team in teams if team not in whole)
    palette = [TEAM_PALETTE[i % len(TEAM_PALETTE)] for i in range(len(named))]
    last = [team for team in dict.fromkeys(teams) if team in whole][:1]
    return alt.Scale(domain=named + last, range=palette + [INK] * len(last))


def enps_trend_chart(
    rows: pd.DataFrame, title: str | None = None, lang: str = DEFAULT
) -> alt.Chart:
    """Return eNPS per team over the survey rounds; rounds with few answers have hollow points.

    The title is "eNPS per survey round" in `lang` unless given.
    """
    frame = rows[["team", "period", "enps", "answers", "few_answers"]].copy()
    frame["team"] = frame["team"].replace({EVERYONE: team_name(EVERYONE, lang)})
    frame["enps_text"] = [Enps(v).text(lang) for v in frame["enps"]]
    note = t("charts.health.few_note", lang)
    frame["note"] = frame["few_answers"].map({True: note, False: ""})
    order = list(dict.fromkeys(frame["period"]))
    teams = list(dict.fromkeys(frame["team"]))
    scale = team_colours(teams, lang)
    colour = alt.Color("team:N", scale=scale, title=None, sort=scale.domain)
    base = alt.Chart().encode(  # the data is the layer's: Altair then copies no frames
        x=alt.X("period:N", sort=order, title=None, axis=period_axis(order)),
        y=alt.Y(
            "enps:Q",
            title=ENPS,
            scale=alt.Scale(domain=[-100, 100]),
            axis=alt.Axis(values=[-100, -50, 0, 50, 100], labelExpr=_signed_label()),
        ),
        color=colour,
        tooltip=[
            alt.Tooltip("team:N", title=t("charts.team", lang)),
            alt.Tooltip("period:N", title=t("charts.health.round", lang)),
            alt.Tooltip("enps_text:N", title=ENPS),
            alt.Tooltip("answers:Q", title=t("charts.answers", lang), format=",d"),
            alt.Tooltip("note:N", title=t("charts.health.note", lang)),
        ],
    )
    line = base.mark_line(strokeWidth=4)
    solid = base.transform_filter(~alt.datum.few_answers).mark_point(
        size=110, filled=True, opacity=1
    )
    hollow = base.transform_filter(alt.datum.few_answers).mark_point(
        size=130, filled=False, strokeWidth=3, fill="white", opacity=1
    )
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color=NEUTRAL, strokeDash=[6, 4])
    layers = (zero.encode(y="y:Q"), line, solid, hollow)  # the line at 0 keeps its own data
    chart = alt.layer(*layers, data=frame).properties(height=TREND_HEIGHT)
    title = title or t("charts.health.trend_title", lang)
    return house_style(chart, title, t("charts.health.hollow", lang), lang)


def _signed_label() -> str:
    """Return a label expression writing axis numbers with their sign: '+50', '−50', '0'."""
    return "datum.value > 0 ? '+' + datum.value : datum.value < 0 ? '−' + abs(datum.value) : '0'"


def _morale_frame(rows: pd.DataFrame, result: str, lang: str = DEFAULT) -> pd.DataFrame:
    """Return per period (in the rows' order) the eNPS, its text in `lang` and the result."""
    wide = rows.pivot_table(index="period", columns="kpi", values="value", aggfunc="first")
    order = list(dict.fromkeys(rows["period"]))
    frame = pd.DataFrame({"period": order})
    frame["enps"] = [wide.get("enps", pd.Series(dtype=float)).get(p) for p in order]
    frame["result"] = [wide.get(result, pd.Series(dtype=float)).get(p) for p in order]
    frame["enps_text"] = [Enps(None if pd.isna(v) else v).text(lang) for v in frame["enps"]]
    return frame


def _result_bars(
    frame: pd.DataFrame, x: alt.X, result: str, symbol: str = "", lang: str = DEFAULT
) -> alt.Chart:
    """Return the bars of a sales result per period, on an axis at the right."""
    entry = KPIS[result]
    label = kpi_label(result, lang)
    return (
        alt.Chart(frame)
        .mark_bar(color="#c6d4ea", cornerRadiusEnd=3, width=alt.RelativeBandSize(0.6))
        .encode(
            x=x,
            y=alt.Y(
                "result:Q",
                title=label,
                axis=alt.Axis(
                    orient="right",
                    grid=False,  # one grid (the eNPS one) is enough
                    titleColor="#5b7bb0",
                    format=value_axis(entry.unit, symbol, lang).format,
                    labelExpr=value_axis(entry.unit, symbol, lang).labelExpr,
                ),
            ),
            tooltip=[
                alt.Tooltip("period:N", title=t("charts.period", lang)),
                alt.Tooltip("result:Q", title=label, format=tooltip_format(entry.unit)),
            ],
        )
    )


def morale_results_chart(
    rows: pd.DataFrame, team: str, result: str = "revenue", symbol: str = "", lang: str = DEFAULT
) -> alt.Chart:
    """Return one team's eNPS (line, left axis) next to a sales result (bars, right axis) per period.

    `rows` is `team_health.results_frame` for the team: columns period, kpi, value.
    """
    label = kpi_label(result, lang)
    frame = _morale_frame(rows, result, lang)
    order = list(frame["period"])
    x = alt.X("period:N", sort=order, title=None, axis=period_axis(order))
    bars = _result_bars(frame, x, result, symbol, lang)
    enps = frame.dropna(subset=["enps"])
    line = (
        alt.Chart(enps)
        .mark_line(
            color=TEAM_COLOUR, strokeWidth=4, point=alt.OverlayMarkDef(size=110, color=TEAM_COLOUR)
        )
        .encode(
            x=x,
            y=alt.Y(
                "enps:Q",
                title=ENPS,
                scale=alt.Scale(domain=[-100, 100]),
                axis=alt.Axis(
                    values=[-100, -50, 0, 50, 100],
                    labelExpr=_signed_label(),
                    titleColor=TEAM_COLOUR,
                ),
            ),
            tooltip=[
                alt.Tooltip("period:N", title=t("charts.period", lang)),
                alt.Tooltip("enps_text:N", title=ENPS),
            ],
        )
    )
    chart = alt.layer(bars, line).resolve_scale(y="independent").properties(height=TREND_HEIGHT)
    subtitle = t("charts.health.morale_subtitle", lang, result=label.lower())
    title = t("charts.health.morale_title", lang, team=team_name(team, lang))
    return house_style(chart, title, subtitle, lang)


def morale_table(
    rows: Sequence[MoraleRow], currency: str | None = None, lang: str = DEFAULT
) -> pd.DataFrame:
    """Return one row per team: eNPS (and its change), answers, revenue, attainment, win rate, verdict.

    Values are written as users read them in `lang` ('—' when unknown).
    """
    shown = []
    for row in rows:
        enps = Enps(row.enps).text(lang)
        results = {kpi_label(k, lang): format_value(k, v, currency, lang) for k, v in row.results}
        shown.append(
            {
                t("health.col.team", lang): team_name(row.team, lang),
                t("health.col.enps", lang): t("health.few", lang, enps=enps)
                if row.few_answers
                else enps,
                t("health.col.change", lang): Enps(row.change).text(lang),
                t("health.col.answers", lang): row.answers,
                **results,
                t("health.col.together", lang): row.together.text(lang),
            }
        )
    return pd.DataFrame(shown)
