"""Customers charts: satisfaction per rep and over time, retention, market share, top accounts.

Each function takes a frame of `analysis.customers.satisfaction` and returns an `alt.Chart` in the house style
of `analysis.charts.style` (big fonts for a projector, titles that say the point), in `lang`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import altair as alt
import pandas as pd

from analysis.charts.style import (
    BAD,
    BAR_STEP,
    FONT,
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
    value_axis,
)
from analysis.customers.satisfaction import COMPANY, SCORE_COLUMNS
from analysis.kpis.labels import format_value, kpi_label
from analysis.words import formats as F
from analysis.words.catalogue import DEFAULT, t
from analysis.words.formats import short_money

RETENTION_COLOURS = {"customer_retention": TEAM_COLOUR, "repeat_purchase_share": "#f2a541"}


def score_text(kind: str, value: float | None, lang: str = DEFAULT) -> str:
    """Return a satisfaction value as users read it: NPS '+37', CSAT '3.4' / '3,4'; '—'."""
    return format_value(kind, value, lang=lang)


def group_names(kind: str, lang: str = DEFAULT) -> tuple[str, str, str]:
    """Return the names of the top, middle and bottom groups of scores: 'Promoters (9–10)', …"""
    top, middle, bottom = (t(f"charts.customers.groups.{kind}.{c}", lang) for c in SCORE_COLUMNS)
    return top, middle, bottom


def _end_text(row: pd.Series, kind: str, lang: str = DEFAULT) -> str:
    """Return what is written at the end of a rep's bar: value and answers, or why not ranked."""
    answers = int(row["answers"])
    if answers == 0:
        return t("charts.customers.no_answers", lang)
    text = t(
        f"charts.customers.score_answers.{F.plural(answers, lang)}",
        lang,
        name=kind.upper(),  # NPS, CSAT: the same in every language
        score=score_text(kind, row["value"], lang),
        n=F.number(answers, lang),
    )
    return text if row["ranked"] else t("charts.customers.too_few", lang, text=text)


def satisfaction_frame(reps: pd.DataFrame, kind: str, lang: str = DEFAULT) -> pd.DataFrame:
    """Return three segments per rep: the low scores left of 0, the middle split, the top right.

    Columns: rep, group (the group's name with its scores, in `lang`), share, start, end,
    answers, end_text (value and answers, or "too few to rank"), right (where that text sits)
    and few (not ranked: drawn faint). A rep without answers keeps one empty segment, for the
    label.
    """
    top, middle, bottom = group_names(kind, lang)
    out = []
    for _, row in reps.iterrows():
        shares = {c: 0.0 if pd.isna(row[c]) else float(row[c]) for c in SCORE_COLUMNS}
        half = shares["middle"] / 2
        spans = {
            bottom: (-half - shares["bottom"], -half),
            middle: (-half, half),
            top: (half, half + shares["top"]),
        }
        end_text = _end_text(row, kind, lang)
        for group, (start, end) in spans.items():
            out.append(
                {"rep": str(row["rep"]), "group": group, "share": end - start, "start": start,
                 "end": end, "answers": int(row["answers"]), "end_text": end_text,
                 "right": half + shares["top"], "few": not bool(row["ranked"])}
            )  # fmt: skip
    return pd.DataFrame(out)


def satisfaction_chart(
    reps: pd.DataFrame, kind: str, title: str, min_answers: int, lang: str = DEFAULT
) -> alt.Chart:
    """Return a diverging bar per rep: unhappy customers to the left of 0, happy to the right.

    `reps` is `customers.satisfaction_by_rep` (ranked reps first, best first). Reps with too few
    answers are drawn faint below the ranked ones, and their bar says so.
    """
    frame = satisfaction_frame(reps, kind, lang).rename(columns={"rep": "label"})
    groups = list(reversed(group_names(kind, lang)))  # low, middle, top: left to right
    # bars use what they need of ±100%; the right end leaves room for the text
    left = max(0.5, math.ceil(-float(frame["start"].min()) * 4 - 1e-9) / 4) if len(frame) else 1
    right = float(frame["end"].max()) if len(frame) else 1.0
    tooltip = [
        alt.Tooltip("label:N", title=t("charts.rep", lang)),
        alt.Tooltip("group:N", title=t("charts.group", lang)),
        alt.Tooltip("share:Q", title=t("charts.share_of_answers", lang), format=".0%"),
        alt.Tooltip("end_text:N", title=t("charts.customers.score", lang)),
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
        lang=lang,
    )
    means = t(f"charts.customers.{kind}_means", lang)
    subtitle = t(
        "charts.customers.satisfaction_subtitle", lang, means=means, min=F.number(min_answers, lang)
    )
    return house_style(chart, title, subtitle, lang)


def _series_colours(
    series: list[str], teams: Sequence[str] = (), company: str = COMPANY
) -> alt.Scale:
    """Return one colour per team and the dark ink for the company line (named `company`).

    A team's colour follows its place among `teams` (all teams, by name), so that it keeps
    its colour when only that team is shown.
    """
    every = sorted({*teams, *(s for s in series if s != company)})
    named = [team for team in every if team in series]
    palette = [TEAM_PALETTE[every.index(team) % len(TEAM_PALETTE)] for team in named]
    has = company in series
    return alt.Scale(domain=[*([company] if has else []), *named], range=[INK] * has + palette)


def _score_axis(kind: str) -> tuple[alt.Scale, alt.Axis]:
    """Return the value scale and axis of a satisfaction score: NPS −100…+100, CSAT 1…5."""
    if kind == "nps":
        signed = "datum.value > 0 ? '+' + datum.value : '' + datum.value"
        return alt.Scale(domain=[-100, 100]), alt.Axis(
            values=[-100, -50, 0, 50, 100], labelExpr=signed
        )
    return alt.Scale(domain=[1, 5]), alt.Axis(values=[1, 2, 3, 4, 5], format=".0f")


def satisfaction_trend_chart(
    trend: pd.DataFrame, kind: str, title: str, teams: Sequence[str] = (), lang: str = DEFAULT
) -> alt.Chart:
    """Return satisfaction per period: the company as a dark line, each team in its colour.

    `trend` is `customers.satisfaction_over_time` (period, series, answers, value, …); `teams`
    (all teams of the data) fixes each team's colour. The company's line is named in `lang`.
    """
    company = t("charts.customers.company", lang)
    frame = trend[["period", "series", "answers", "value"]].copy()
    frame["series"] = frame["series"].replace({COMPANY: company})
    frame["score"] = [score_text(kind, v, lang) for v in frame["value"]]
    order = list(dict.fromkeys(frame["period"]))
    scale = _series_colours(list(dict.fromkeys(frame["series"])), teams, company)
    y_scale, y_axis = _score_axis(kind)
    label = kpi_label(kind, lang)
    base = alt.Chart(frame).encode(
        x=alt.X("period:N", sort=order, title=None, axis=period_axis(order)),
        y=alt.Y("value:Q", title=label, scale=y_scale, axis=y_axis),
        color=alt.Color("series:N", scale=scale, title=None, sort=scale.domain),
        tooltip=[
            alt.Tooltip("series:N", title=t("charts.who", lang)),
            alt.Tooltip("period:N", title=t("charts.period", lang)),
            alt.Tooltip("score:N", title=label),
            alt.Tooltip("answers:Q", title=t("charts.answers", lang), format=",d"),
        ],
    )
    lines = base.mark_line(strokeWidth=4, point=alt.OverlayMarkDef(size=90))
    layers = [lines]
    if kind == "nps":
        zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color=NEUTRAL, strokeDash=[6, 4])
        layers.insert(0, zero.encode(y="y:Q"))
    chart = alt.layer(*layers).properties(height=TREND_HEIGHT)
    return house_style(chart, title, t("charts.customers.trend_subtitle", lang), lang)


def retention_chart(
    rows: pd.DataFrame, title: str, subtitle: str | None = None, lang: str = DEFAULT
) -> alt.Chart:
    """Return customer retention and repeat-purchase share per period, as two lines (0–100%).

    `rows` is `customers.retention_over_time` (period, key, label, value, n); each line is
    named by its KPI's label in `lang`.
    """
    frame = rows.assign(label=[kpi_label(k, lang) for k in rows["key"]])
    order = list(dict.fromkeys(frame["period"]))
    keys = [k for k in RETENTION_COLOURS if k in set(frame["key"])]
    labels = [kpi_label(k, lang) for k in keys]
    share = t("charts.share", lang)
    base = alt.Chart(frame).encode(
        x=alt.X("period:N", sort=order, title=None, axis=period_axis(order)),
        y=alt.Y(
            "value:Q",
            title=share,
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
            alt.Tooltip("label:N", title=t("charts.kpi", lang)),
            alt.Tooltip("period:N", title=t("charts.period", lang)),
            alt.Tooltip("value:Q", title=share, format=".0%"),
            alt.Tooltip("n:Q", title=t("charts.customers.counted", lang), format=",d"),
        ],
    )
    chart = base.mark_line(strokeWidth=4, point=alt.OverlayMarkDef(size=90))
    return house_style(chart.properties(height=TREND_HEIGHT), title, subtitle, lang)


def market_share_chart(
    rows: pd.DataFrame, title: str, symbol: str = "", lang: str = DEFAULT
) -> alt.Chart:
    """Return the company's market share per period as a line, with both revenues in the tooltip.

    `rows` is `customers.market_over_time` (period, share, revenue, market_revenue).
    """
    frame = rows.copy()
    frame["revenue_text"] = [short_money(v, symbol, lang=lang) for v in frame["revenue"]]
    frame["market_text"] = [short_money(v, symbol, lang=lang) for v in frame["market_revenue"]]
    market_share = t("charts.customers.market_share", lang)
    order = list(dict.fromkeys(frame["period"]))
    top = float(frame["share"].max()) if len(frame) else 0.0
    base = alt.Chart().encode(  # the data is the layer's: Altair then copies no frames
        x=alt.X("period:N", sort=order, title=None, axis=period_axis(order)),
        y=alt.Y(
            "share:Q",
            title=market_share,
            scale=alt.Scale(domain=[0, max(top * 1.25, 0.01)]),
            axis=alt.Axis(format=".1%"),
        ),
        tooltip=[
            alt.Tooltip("period:N", title=t("charts.period", lang)),
            alt.Tooltip("share:Q", title=market_share, format=".1%"),
            alt.Tooltip("revenue_text:N", title=t("charts.customers.our_revenue", lang)),
            alt.Tooltip("market_text:N", title=t("charts.customers.market_revenue", lang)),
        ],
    )
    line = base.mark_line(strokeWidth=4, color=TEAM_COLOUR, point=alt.OverlayMarkDef(size=90))
    labels = base.mark_text(dy=-16, fontSize=FONT, fontWeight="bold", color=INK).encode(
        text=alt.Text("share:Q", format=".1%")
    )
    chart = alt.layer(line, labels, data=frame).properties(height=TREND_HEIGHT)
    return house_style(chart, title, lang=lang)


def top_accounts_chart(
    accounts: pd.DataFrame, title: str, symbol: str = "", top: int = 10, lang: str = DEFAULT
) -> alt.Chart:
    """Return bars of the biggest accounts' revenue, each labelled with its share of the total.

    `accounts` is `customers.account_revenue` (rank, account, revenue, deals, share, …).
    """
    frame = accounts.head(top).copy()
    frame["text"] = [
        f"{short_money(r, symbol, lang=lang)} · {F.percent(s, lang, 1)}"
        for r, s in zip(frame["revenue"], frame["share"], strict=True)
    ]
    frame["revenue_text"] = [F.money(v, symbol, lang) for v in frame["revenue"]]
    revenue_won = t("charts.customers.revenue_won", lang)
    order = list(frame["account"])
    high = float(frame["revenue"].max()) if len(frame) else 1.0
    y = alt.Y("account:N", sort=order, title=None, axis=alt.Axis(labelLimit=300))
    axis = value_axis("money", symbol, lang)
    axis.tickCount = 4  # a few amounts that do not run into each other in half a page
    x = alt.X(
        "revenue:Q",
        title=revenue_won,
        scale=alt.Scale(domain=[0, high * 1.45]),  # room for the text after each bar
        axis=axis,
    )
    base = alt.Chart().encode(y=y, x=x)  # the data is the layer's: Altair then copies no frames
    bars = base.mark_bar(cornerRadiusEnd=4, color=TEAM_COLOUR).encode(
        tooltip=[
            alt.Tooltip("rank:Q", title=t("charts.rank", lang)),
            alt.Tooltip("account:N", title=t("charts.customers.account", lang)),
            alt.Tooltip("revenue_text:N", title=revenue_won),
            alt.Tooltip("share:Q", title=t("charts.customers.share_of_all", lang), format=".1%"),
            alt.Tooltip("deals:Q", title=t("charts.customers.won_deals", lang), format=",d"),
        ]
    )
    text = base.mark_text(align="left", dx=8, fontSize=FONT, color=INK).encode(text="text:N")
    chart = alt.layer(bars, text, data=frame).properties(height=alt.Step(BAR_STEP))
    return house_style(chart, title, lang=lang)


def concentration_chart(
    accounts: pd.DataFrame, title: str, top: int = 10, lang: str = DEFAULT
) -> alt.Chart:
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
        title=t("charts.customers.accounts_axis", lang),
        scale=alt.Scale(domain=[0, max(count, 1)], nice=False),
        axis=alt.Axis(format=",d", tickMinStep=1),
    )
    share_of_revenue = t("charts.customers.share_of_revenue", lang)
    y = alt.Y(
        "cumulative:Q",
        title=share_of_revenue,
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
                alt.Tooltip("rank:Q", title=t("charts.customers.accounts", lang)),
                alt.Tooltip("account:N", title=t("charts.customers.last_added", lang)),
                alt.Tooltip("cumulative:Q", title=share_of_revenue, format=".0%"),
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
        share = F.percent(mark["cumulative"].iloc[0], lang)
        mark["text"] = t("charts.customers.top", lang, n=F.number(n, lang), share=share)
        point = alt.Chart(mark).encode(x=x, y=y)
        layers += [
            point.mark_point(size=220, filled=True, color=BAD, opacity=1),
            point.mark_text(
                align="left", dx=14, dy=14, fontSize=FONT + 1, fontWeight="bold", color=INK
            ).encode(text="text:N"),
        ]
    subtitle = t("charts.customers.even", lang)
    return house_style(alt.layer(*layers).properties(height=TREND_HEIGHT), title, subtitle, lang)
