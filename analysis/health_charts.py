"""Team health charts: the eNPS split into its groups, eNPS over time, and morale next to results.

Each function takes rows of `analysis.team_health.enps_frame` (or its results frame) and returns
an `alt.Chart` in the house style of `analysis.charts`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import altair as alt
import pandas as pd

from analysis.charts import (
    BAD,
    BAR_STEP,
    GOOD,
    INK,
    NEUTRAL,
    TEAM_COLOUR,
    diverging_bars,
    house_style,
    tooltip_format,
    value_axis,
)
from analysis.kpi_registry import KPIS
from analysis.team_health import EVERYONE, detractor_range, enps_text

PASSIVE_GREY = "#bdbdbd"
GROUP_COLOURS = {"Detractors": BAD, "Passives": PASSIVE_GREY, "Promoters": GOOD}
FEW_NOTE = "few answers"
TREND_HEIGHT = 340
# Team lines: distinct colours that read on a projector; "All teams" is the dark ink line.
TEAM_PALETTE = ["#1f5fbf", "#e4572e", "#2a9d8f", "#f2a541", "#7b4b94", "#3c9dd0", "#8c564b"]


def _bar_label(row: pd.Series, by: str) -> str:
    """Return a bar's axis label: the team or period, with '(few answers)' when so."""
    return f"{row[by]} ({FEW_NOTE})" if row["few_answers"] else str(row[by])


def diverging_frame(rows: pd.DataFrame, by: str = "team") -> pd.DataFrame:
    """Return three segments per row of `enps_frame`: detractors left of 0, passives split, promoters right.

    Columns: label (the bar: team or period, marked when it has few answers), group, share,
    count, start and end (the segment's span, as shares of the answers), answers, enps_text and
    end_text (eNPS and answers, written at the bar's right end), right (where that text sits),
    few (few answers: the bar is drawn faint).
    """
    out = []
    for _, row in rows.iterrows():
        label = _bar_label(row, by)
        half = row["passive_share"] / 2
        spans = {
            "Detractors": (-half - row["detractor_share"], -half, row["detractors"]),
            "Passives": (-half, half, row["passives"]),
            "Promoters": (half, half + row["promoter_share"], row["promoters"]),
        }
        text = f"eNPS {enps_text(row['enps'])} · {row['answers']} answers"
        for group, (start, end, count) in spans.items():
            out.append(
                {"label": label, "group": group, "share": end - start, "count": int(count),
                 "start": start, "end": end, "answers": int(row["answers"]),
                 "enps_text": enps_text(row["enps"]), "end_text": text,
                 "right": half + row["promoter_share"], "few": bool(row["few_answers"])}
            )  # fmt: skip
    return pd.DataFrame(out)


def diverging_chart(
    rows: pd.DataFrame, title: str, by: str = "team", scale: str | None = None
) -> alt.Chart:
    """Return a diverging stacked bar per team (or period): unhappy to the left, happy to the right.

    Detractors are red left of zero, promoters green right of it, and passives grey, split
    around zero. Each bar ends with its eNPS and its number of answers.
    """
    frame = diverging_frame(rows, by)
    widest = float(frame[["start", "end"]].abs().max().max()) if len(frame) else 1.0
    reach = min(1.0, max(0.5, math.ceil(widest / 0.25 - 1e-9) * 0.25))
    groups = list(GROUP_COLOURS)
    tooltip = [
        alt.Tooltip("label:N", title="Who" if by == "team" else "Period"),
        alt.Tooltip("group:N", title="Group"),
        alt.Tooltip("share:Q", title="Share of answers", format=".0%"),
        alt.Tooltip("count:Q", title="Answers in the group", format=",d"),
        alt.Tooltip("answers:Q", title="Answers", format=",d"),
        alt.Tooltip("enps_text:N", title="eNPS"),
    ]
    chart = diverging_bars(
        frame,
        groups,
        [GROUP_COLOURS[g] for g in groups],
        (-reach, reach + 0.45),  # room on the right for the eNPS text
        _ticks(reach),
        tooltip,
        legend=alt.Legend(title=None, labelExpr=_legend_names(scale)),
        faint=0.45,
        step=BAR_STEP * 1.3,
    )
    subtitle = (
        f"Red: detractors ({detractor_range(scale)}). Grey: passives (7–8), half each side of 0. "
        "Green: promoters (9–10). eNPS = % promoters − % detractors."
    )
    return house_style(chart, title, subtitle)


def _ticks(reach: float) -> list[float]:
    """Return axis ticks every 25% within ±reach."""
    steps = int(reach / 0.25 + 1e-9)
    return [i * 0.25 for i in range(-steps, steps + 1)]


def _legend_names(scale: str | None) -> str:
    """Return a legend label expression naming each group's scores."""
    det = detractor_range(scale)
    return (
        f"datum.label == 'Detractors' ? 'Detractors ({det})' : "
        "datum.label == 'Passives' ? 'Passives (7–8)' : 'Promoters (9–10)'"
    )


def team_colours(teams: Sequence[str]) -> alt.Scale:
    """Return the colour scale of team lines: one colour per team (by name), 'All teams' dark."""
    named = sorted(t for t in teams if t != EVERYONE)
    palette = [TEAM_PALETTE[i % len(TEAM_PALETTE)] for i in range(len(named))]
    domain = named + ([EVERYONE] if EVERYONE in teams else [])
    return alt.Scale(domain=domain, range=palette + ([INK] if EVERYONE in teams else []))


def enps_trend_chart(rows: pd.DataFrame, title: str = "eNPS per survey round") -> alt.Chart:
    """Return eNPS per team over the survey rounds; rounds with few answers have hollow points."""
    frame = rows[["team", "period", "enps", "answers", "few_answers"]].copy()
    frame["enps_text"] = frame["enps"].map(enps_text)
    frame["note"] = frame["few_answers"].map({True: "Few answers: not ranked", False: ""})
    order = list(dict.fromkeys(frame["period"]))
    teams = list(dict.fromkeys(frame["team"]))
    scale = team_colours(teams)
    colour = alt.Color("team:N", scale=scale, title=None, sort=scale.domain)
    base = alt.Chart(frame).encode(
        x=alt.X("period:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(
            "enps:Q",
            title="eNPS",
            scale=alt.Scale(domain=[-100, 100]),
            axis=alt.Axis(values=[-100, -50, 0, 50, 100], labelExpr=_signed_label()),
        ),
        color=colour,
        tooltip=[
            alt.Tooltip("team:N", title="Team"),
            alt.Tooltip("period:N", title="Round"),
            alt.Tooltip("enps_text:N", title="eNPS"),
            alt.Tooltip("answers:Q", title="Answers", format=",d"),
            alt.Tooltip("note:N", title="Note"),
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
    chart = (zero.encode(y="y:Q") + line + solid + hollow).properties(height=TREND_HEIGHT)
    subtitle = "Hollow point: fewer answers than needed to judge the team (not ranked)."
    return house_style(chart, title, subtitle)


def _signed_label() -> str:
    """Return a label expression writing axis numbers with their sign: '+50', '−50', '0'."""
    return "datum.value > 0 ? '+' + datum.value : datum.value < 0 ? '−' + abs(datum.value) : '0'"


def morale_results_chart(
    rows: pd.DataFrame, team: str, result: str = "revenue", symbol: str = ""
) -> alt.Chart:
    """Return one team's eNPS (line, left axis) next to a sales result (bars, right axis) per period.

    `rows` is `team_health.results_frame` for the team: columns period, kpi, value.
    """
    entry = KPIS[result]
    wide = rows.pivot_table(index="period", columns="kpi", values="value", aggfunc="first")
    order = list(dict.fromkeys(rows["period"]))
    frame = pd.DataFrame({"period": order})
    frame["enps"] = [wide.get("enps", pd.Series(dtype=float)).get(p) for p in order]
    frame["result"] = [wide.get(result, pd.Series(dtype=float)).get(p) for p in order]
    frame["enps_text"] = frame["enps"].map(lambda v: enps_text(None if pd.isna(v) else v))
    x = alt.X("period:N", sort=order, title=None, axis=alt.Axis(labelAngle=0))
    bars = (
        alt.Chart(frame)
        .mark_bar(color="#c6d4ea", cornerRadiusEnd=3, width=alt.RelativeBandSize(0.6))
        .encode(
            x=x,
            y=alt.Y(
                "result:Q",
                title=entry.label,
                axis=alt.Axis(
                    orient="right",
                    grid=False,  # one grid (the eNPS one) is enough
                    titleColor="#5b7bb0",
                    format=value_axis(entry.unit, symbol).format,
                    labelExpr=value_axis(entry.unit, symbol).labelExpr,
                ),
            ),
            tooltip=[
                alt.Tooltip("period:N", title="Period"),
                alt.Tooltip("result:Q", title=entry.label, format=tooltip_format(entry.unit)),
            ],
        )
    )
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
                title="eNPS",
                scale=alt.Scale(domain=[-100, 100]),
                axis=alt.Axis(
                    values=[-100, -50, 0, 50, 100],
                    labelExpr=_signed_label(),
                    titleColor=TEAM_COLOUR,
                ),
            ),
            tooltip=[
                alt.Tooltip("period:N", title="Period"),
                alt.Tooltip("enps_text:N", title="eNPS"),
            ],
        )
    )
    chart = alt.layer(bars, line).resolve_scale(y="independent").properties(height=TREND_HEIGHT)
    subtitle = f"Blue line: eNPS (left). Light bars: {entry.label.lower()} (right)."
    return house_style(chart, f"{team}: morale next to results", subtitle)
