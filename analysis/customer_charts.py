"""Customers charts: satisfaction per rep and over time, retention, market share, top accounts.

Each function takes a frame of `analysis.customers` and returns an `alt.Chart` in the house style
of `analysis.charts` (big fonts for a projector, titles that say the point).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import altair as alt
import pandas as pd

from analysis.charts import (
    BAD,
    BAR_STEP,
    FONT,
    GOOD,
    INK,
    NEUTRAL,
    TEAM_COLOUR,
    diverging_bars,
    house_style,
    value_axis,
)
from analysis.customers import COMPANY, GROUPS, SCORE_COLUMNS
from analysis.kpi_registry import KPIS, format_value, short_money

MIDDLE_GREY = "#bdbdbd"
TREND_HEIGHT = 340
TEAM_PALETTE = ["#1f5fbf", "#e4572e", "#2a9d8f", "#f2a541", "#7b4b94", "#3c9dd0", "#8c564b"]
RETENTION_COLOURS = {"customer_retention": TEAM_COLOUR, "repeat_purchase_share": "#f2a541"}


def score_text(kind: str, value: float | None) -> str:
    """Return a satisfaction value as users read it: NPS '+37', CSAT '3.4'; '—' when unknown."""
    return format_value(kind, value)


def _end_text(row: pd.Series, kind: str) -> str:
    """Return what is written at the end of a rep's bar: value and answers, or why not ranked."""
    answers = int(row["answers"])
    if answers == 0:
        return "no answers"
    noun = "answer" if answers == 1 else "answers"
    name = "NPS" if kind == "nps" else "CSAT"
    text = f"{name} {score_text(kind, row['value'])} · {answers} {noun}"
    return text if row["ranked"] else f"{text} (too few)"


def satisfaction_frame(reps: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Return three segments per rep: the low scores left of 0, the middle split, the top right.

    Columns: rep, group (the group's name with its scores), share, start, end, answers,
    end_text (value and answers, or "too few to rank"), right (where that text sits) and few
    (not ranked: drawn faint). A rep without answers keeps one empty segment, for the label.
    """
    (top, _, _), (middle, _, _), (bottom, _, _) = GROUPS[kind]
    out = []
    for _, row in reps.iterrows():
        shares = {c: 0.0 if pd.isna(row[c]) else float(row[c]) for c in SCORE_COLUMNS}
        half = shares["middle"] / 2
        spans = {
            bottom: (-half - shares["bottom"], -half),
            middle: (-half, half),
            top: (half, half + shares["top"]),
        }
        for group, (start, end) in spans.items():
            out.append(
                {"rep": str(row["rep"]), "group": group, "share": end - start, "start": start,
                 "end": end, "answers": int(row["answers"]), "end_text": _end_text(row, kind),
                 "right": half + shares["top"], "few": not bool(row["ranked"])}
            )  # fmt: skip
    return pd.DataFrame(out)


def satisfaction_chart(reps: pd.DataFrame, kind: str, title: str, min_answers: int) -> alt.Chart:
    """Return a diverging bar per rep: unhappy customers to the left of 0, happy to the right.

    `reps` is `customers.satisfaction_by_rep` (ranked reps first, best first). Reps with too few
    answers are drawn faint below the ranked ones, and their bar says so.
    """
    frame = satisfaction_frame(reps, kind).rename(columns={"rep": "label"})
    groups = [g for g, _, _ in reversed(GROUPS[kind])]  # low, middle, top: left to right
    # bars use what they need of ±100%; the right end leaves room for the text
    left = max(0.5, math.ceil(-float(frame["start"].min()) * 4 - 1e-9) / 4) if len(frame) else 1
    right = float(frame["end"].max()) if len(frame) else 1.0
    tooltip = [
        alt.Tooltip("label:N", title="Rep"),
        alt.Tooltip("group:N", title="Group"),
        alt.Tooltip("share:Q", title="Share of answers", format=".0%"),
        alt.Tooltip("end_text:N", title="Score"),
    ]
    chart = diverging_bars(
        frame,
        groups,
        [BAD, MIDDLE_GREY, GOOD],
        (-left, right + 0.7),
        [t / 4 for t in range(-int(left * 4), 5)],
        tooltip,
        faint=0.4,
        faint_text=NEUTRAL,
        step=BAR_STEP * 1.25,
    )
    what = "NPS = % promoters − % detractors" if kind == "nps" else "CSAT = the average score"
    subtitle = (
        f"{what}. Best first; faint: fewer than {min_answers} answers, not ranked. "
        "Middle scores are split half each side of 0."
    )
    return house_style(chart, title, subtitle)


def _series_colours(series: list[str], teams: Sequence[str] = ()) -> alt.Scale:
    """Return one colour per team and the dark ink for the company line.

    A team's colour follows its place among `teams` (all teams, by name), so that it keeps
    its colour when only that team is shown.
    """
    every = sorted({*teams, *(s for s in series if s != COMPANY)})
    named = [t for t in every if t in series]
    palette = [TEAM_PALETTE[every.index(t) % len(TEAM_PALETTE)] for t in named]
    has = COMPANY in series
    return alt.Scale(domain=[*([COMPANY] if has else []), *named], range=[INK] * has + palette)


def _score_axis(kind: str) -> tuple[alt.Scale, alt.Axis]:
    """Return the value scale and axis of a satisfaction score: NPS −100…+100, CSAT 1…5."""
    if kind == "nps":
        signed = "datum.value > 0 ? '+' + datum.value : '' + datum.value"
        return alt.Scale(domain=[-100, 100]), alt.Axis(
            values=[-100, -50, 0, 50, 100], labelExpr=signed
        )
    return alt.Scale(domain=[1, 5]), alt.Axis(values=[1, 2, 3, 4, 5], format=".0f")


def satisfaction_trend_chart(
    trend: pd.DataFrame, kind: str, title: str, teams: Sequence[str] = ()
) -> alt.Chart:
    """Return satisfaction per period: the company as a dark line, each team in its colour.

    `trend` is `customers.satisfaction_over_time` (period, series, answers, value, …); `teams`
    (all teams of the data) fixes each team's colour.
    """
    frame = trend[["period", "series", "answers", "value"]].copy()
    frame["score"] = [score_text(kind, v) for v in frame["value"]]
    order = list(dict.fromkeys(frame["period"]))
    scale = _series_colours(list(dict.fromkeys(frame["series"])), teams)
    y_scale, y_axis = _score_axis(kind)
    label = KPIS[kind].label
    base = alt.Chart(frame).encode(
        x=alt.X("period:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=label, scale=y_scale, axis=y_axis),
        color=alt.Color("series:N", scale=scale, title=None, sort=scale.domain),
        tooltip=[
            alt.Tooltip("series:N", title="Who"),
            alt.Tooltip("period:N", title="Period"),
            alt.Tooltip("score:N", title=label),
            alt.Tooltip("answers:Q", title="Answers", format=",d"),
        ],
    )
    lines = base.mark_line(strokeWidth=4, point=alt.OverlayMarkDef(size=90))
    layers = [lines]
    if kind == "nps":
        zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color=NEUTRAL, strokeDash=[6, 4])
        layers.insert(0, zero.encode(y="y:Q"))
    chart = alt.layer(*layers).properties(height=TREND_HEIGHT)
    return house_style(chart, title, "Hover a point for the number of answers behind it.")


def retention_chart(rows: pd.DataFrame, title: str, subtitle: str | None = None) -> alt.Chart:
    """Return customer retention and repeat-purchase share per period, as two lines (0–100%).

    `rows` is `customers.retention_over_time` (period, key, label, value, n).
    """
    order = list(dict.fromkeys(rows["period"]))
    keys = [k for k in RETENTION_COLOURS if k in set(rows["key"])]
    labels = [KPIS[k].label for k in keys]
    base = alt.Chart(rows).encode(
        x=alt.X("period:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(
            "value:Q",
            title="Share",
            scale=alt.Scale(domain=[0, 1]),
            axis=alt.Axis(format=".0%", values=[0, 0.25, 0.5, 0.75, 1]),
        ),
        color=alt.Color(
            "label:N",
            scale=alt.Scale(domain=labels, range=[RETENTION_COLOURS[k] for k in keys]),
            title=None,
            sort=labels,
        ),
        tooltip=[
            alt.Tooltip("label:N", title="KPI"),
            alt.Tooltip("period:N", title="Period"),
            alt.Tooltip("value:Q", title="Share", format=".0%"),
            alt.Tooltip("n:Q", title="Counted", format=",d"),
        ],
    )
    chart = base.mark_line(strokeWidth=4, point=alt.OverlayMarkDef(size=90))
    return house_style(chart.properties(height=TREND_HEIGHT), title, subtitle)


def market_share_chart(rows: pd.DataFrame, title: str, symbol: str = "") -> alt.Chart:
    """Return the company's market share per period as a line, with both revenues in the tooltip.

    `rows` is `customers.market_over_time` (period, share, revenue, market_revenue).
    """
    frame = rows.copy()
    frame["revenue_text"] = [short_money(v, symbol) for v in frame["revenue"]]
    frame["market_text"] = [
        "—" if pd.isna(v) else short_money(v, symbol) for v in frame["market_revenue"]
    ]
    order = list(dict.fromkeys(frame["period"]))
    top = float(frame["share"].max()) if len(frame) else 0.0
    base = alt.Chart(frame).encode(
        x=alt.X("period:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(
            "share:Q",
            title="Market share",
            scale=alt.Scale(domain=[0, max(top * 1.25, 0.01)]),
            axis=alt.Axis(format=".1%"),
        ),
        tooltip=[
            alt.Tooltip("period:N", title="Period"),
            alt.Tooltip("share:Q", title="Market share", format=".1%"),
            alt.Tooltip("revenue_text:N", title="Our revenue"),
            alt.Tooltip("market_text:N", title="Market revenue"),
        ],
    )
    line = base.mark_line(strokeWidth=4, color=TEAM_COLOUR, point=alt.OverlayMarkDef(size=90))
    labels = base.mark_text(dy=-16, fontSize=FONT, fontWeight="bold", color=INK).encode(
        text=alt.Text("share:Q", format=".1%")
    )
    return house_style((line + labels).properties(height=TREND_HEIGHT), title)


def top_accounts_chart(
    accounts: pd.DataFrame, title: str, symbol: str = "", top: int = 10
) -> alt.Chart:
    """Return bars of the biggest accounts' revenue, each labelled with its share of the total.

    `accounts` is `customers.account_revenue` (rank, account, revenue, deals, share, …).
    """
    frame = accounts.head(top).copy()
    frame["text"] = [
        f"{short_money(r, symbol)} · {s:.1%}"
        for r, s in zip(frame["revenue"], frame["share"], strict=True)
    ]
    frame["revenue_text"] = [f"{symbol}{v:,.0f}" for v in frame["revenue"]]
    order = list(frame["account"])
    high = float(frame["revenue"].max()) if len(frame) else 1.0
    y = alt.Y("account:N", sort=order, title=None, axis=alt.Axis(labelLimit=300))
    axis = value_axis("money", symbol)
    axis.tickCount = 4  # a few amounts that do not run into each other in half a page
    x = alt.X(
        "revenue:Q",
        title="Revenue won",
        scale=alt.Scale(domain=[0, high * 1.45]),  # room for the text after each bar
        axis=axis,
    )
    base = alt.Chart(frame).encode(y=y, x=x)
    bars = base.mark_bar(cornerRadiusEnd=4, color=TEAM_COLOUR).encode(
        tooltip=[
            alt.Tooltip("rank:Q", title="Rank"),
            alt.Tooltip("account:N", title="Account"),
            alt.Tooltip("revenue_text:N", title="Revenue won"),
            alt.Tooltip("share:Q", title="Share of all revenue", format=".1%"),
            alt.Tooltip("deals:Q", title="Won deals", format=",d"),
        ]
    )
    text = base.mark_text(align="left", dx=8, fontSize=FONT, color=INK).encode(text="text:N")
    return house_style((bars + text).properties(height=alt.Step(BAR_STEP)), title)


def concentration_chart(accounts: pd.DataFrame, title: str, top: int = 10) -> alt.Chart:
    """Return the cumulative share of revenue over the accounts, biggest first, top ones marked.

    The dashed line is what an even spread would give (every account buying the same).
    """
    count = len(accounts)
    curve = pd.DataFrame(
        {"rank": [0, *accounts["rank"]], "cumulative": [0.0, *accounts["cumulative"]]}
    )
    curve["account"] = ["", *accounts["account"]]
    x = alt.X(
        "rank:Q",
        title="Accounts, biggest first",
        scale=alt.Scale(domain=[0, max(count, 1)], nice=False),
        axis=alt.Axis(format=",d", tickMinStep=1),
    )
    y = alt.Y(
        "cumulative:Q",
        title="Share of revenue",
        scale=alt.Scale(domain=[0, 1]),
        axis=alt.Axis(format=".0%", values=[0, 0.25, 0.5, 0.75, 1]),
    )
    line = (
        alt.Chart(curve)
        .mark_line(strokeWidth=4, color=TEAM_COLOUR)
        .encode(
            x=x,
            y=y,
            tooltip=[
                alt.Tooltip("rank:Q", title="Accounts"),
                alt.Tooltip("account:N", title="Last one added"),
                alt.Tooltip("cumulative:Q", title="Share of revenue", format=".0%"),
            ],
        )
    )
    even = (
        alt.Chart(pd.DataFrame({"rank": [0, max(count, 1)], "cumulative": [0.0, 1.0]}))
        .mark_line(strokeDash=[6, 4], strokeWidth=2, color=NEUTRAL)
        .encode(x=x, y=y)
    )
    layers = [even, line]
    if count:
        n = min(top, count)
        mark = pd.DataFrame(
            {"rank": [n], "cumulative": [float(accounts["cumulative"].iloc[n - 1])]}
        )
        mark["text"] = f"Top {n}: {mark['cumulative'].iloc[0]:.0%}"
        point = alt.Chart(mark).encode(x=x, y=y)
        layers += [
            point.mark_point(size=220, filled=True, color=BAD, opacity=1),
            point.mark_text(
                align="left", dx=14, dy=14, fontSize=FONT + 1, fontWeight="bold", color=INK
            ).encode(text="text:N"),
        ]
    subtitle = "Dashed: if every account had bought the same amount."
    return house_style(alt.layer(*layers).properties(height=TREND_HEIGHT), title, subtitle)
