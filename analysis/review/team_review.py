"""The period's team review: headline and cards, leaderboard, bridge, flagged reps and focus.

`team_review` builds it for an audience: reps named, names hidden (each rep a stable stand-in,
`aliases`), or teams only. Every section is a tuple of blocks (`analysis.review.document`);
the findings' `Say`s are written here in the review's language.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Literal

import pandas as pd

from analysis.charts.diagnosis import waterfall_chart
from analysis.charts.overview import attainment_chart, leaderboard_chart
from analysis.kpis import overview as O
from analysis.kpis.labels import currency_symbol, format_change, format_value, kpi_label
from analysis.kpis.query import REP, TEAM, KpiTable
from analysis.kpis.registry import KPIS, missing_inputs
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodChoice, PeriodSpec
from analysis.review import findings as F
from analysis.review import flagged as W
from analysis.review.document import (
    Block,
    Card,
    Cards,
    Figure,
    Items,
    Review,
    Section,
    Table,
    Text,
    compared,
)
from analysis.words.catalogue import t
from analysis.words.message import text

Audience = Literal["named", "anonymous", "teams"]
AUDIENCES: tuple[Audience, ...] = ("named", "anonymous", "teams")
CARDS = ("revenue", "target_attainment", "win_rate", "new_deals", "avg_deal_size", "cycle_days")
BOARD = "revenue"
MIN_WON = 3  # won deals a rep needs to appear on the leaderboard
MAX_BARS = 15  # reps per chart: a longer list is unreadable on a projector or a page


def aliases(reps: Iterable[str], lang: str = "en") -> dict[str, str]:
    """Return a stable stand-in per rep ('Rep A', 'Rep B', …) in an order that reveals nothing."""
    ordered = sorted(set(reps), key=lambda r: hashlib.sha256(r.encode()).hexdigest())
    word = t("report.rep_alias", lang)
    out = {}
    for i, rep in enumerate(ordered):
        letters = ""
        n = i
        while True:
            letters = chr(ord("A") + n % 26) + letters
            n = n // 26 - 1
            if n < 0:
                break
        out[rep] = f"{word} {letters}"
    return out


def _hide(text: str, names: Mapping[str, str]) -> str:
    for real in sorted(names, key=len, reverse=True):
        text = text.replace(real, names[real])
    return text


def _needs(data: Dataset, key: str, fallback: str, lang: str) -> Text:
    lacks = [x.text(lang) for x in missing_inputs(data.tables, key)]
    if lacks:
        return Text(t("report.needs", lang, what=", ".join(lacks)), "note")
    return Text(fallback, "note")


def _cards(
    data: Dataset, table: pd.DataFrame, choice: PeriodChoice, currency: str | None, lang: str
) -> Cards:
    out = []
    for key in CARDS:
        entry = KPIS[key]
        moved = O.change(table, key, choice.current or "", choice.previous, entry.higher_is_better)
        lacks = [x.text(lang) for x in missing_inputs(data.tables, key)]
        delta = ""
        if lacks:
            detail = t("report.needs", lang, what=", ".join(lacks))
        else:
            delta = format_change(key, moved.delta, entry.unit, currency, lang)
            detail = t(
                "report.card_change",
                lang,
                change=delta or t("report.no_comparison", lang),
                previous=choice.previous or "—",
                before=format_value(key, moved.previous, currency, lang),
            )
        tone = "flat" if moved.good is None else ("good" if moved.good else "bad")
        now = format_value(key, moved.current, currency, lang)
        out.append(Card(kpi_label(key, lang), now, detail, tone, delta))
    return Cards(tuple(out))


def _headline(table: pd.DataFrame, period: str, currency: str | None, lang: str) -> Text:
    revenue = O.value_of(table, "revenue", period)
    target = O.value_of(table, "target", period)
    won = format_value("revenue", revenue, currency, lang)
    if revenue is None:
        return Text(t("report.headline_none", lang, period=period), "lead")
    if target is None or not target:
        return Text(t("report.headline_no_target", lang, won=won, period=period), "lead")
    return Text(
        t(
            "report.headline",
            lang,
            won=won,
            period=period,
            share=format_value("target_attainment", revenue / target, lang=lang),
            target=format_value("revenue", target, currency, lang),
        ),
        "lead",
    )


def _recognition(
    table: pd.DataFrame, choice: PeriodChoice, currency: str | None, lang: str
) -> list[Block]:
    out: list[Block] = []
    for shout in O.recognition(
        table, BOARD, choice.current or "", choice.previous, True, min_n=MIN_WON
    ):
        now = format_value(BOARD, shout.value, currency, lang)
        if shout.kind == "top":
            out.append(Text(t("report.top_text", lang, now=now), strong=shout.rep))
        else:
            before = format_value(BOARD, shout.previous, currency, lang)
            text = t("report.improved_text", lang, before=before, now=now)
            out.append(Text(text, strong=shout.rep))
    return out


def _board(
    data: Dataset,
    table: pd.DataFrame,
    choice: PeriodChoice,
    currency: str | None,
    names: Mapping[str, str],
    lang: str,
) -> tuple[Block, ...]:
    period = choice.current or ""
    symbol = currency_symbol(currency)
    # Names hidden: nobody is thanked by name on the wall.
    blocks: list[Block] = [] if names else _recognition(table, choice, currency, lang)
    frame = O.attainment_frame(table, period)
    if frame.empty:
        no_targets = t("report.no_targets", lang, period=period)
        blocks.append(_needs(data, "target_attainment", no_targets, lang))
    else:
        frame = frame.sort_values(["attainment", "rep"], ascending=[False, True])
        frame = frame.assign(rep=frame["rep"].map(lambda r: names.get(r, r)))
        blocks.append(Figure(attainment_chart(frame.head(MAX_BARS), period, lang)))
    board = O.leaderboard(table, BOARD, period, True, min_n=MIN_WON)
    if board.empty:
        blocks.append(_needs(data, BOARD, t("report.no_board", lang, period=period), lang))
    else:
        board = board.assign(rep=board["rep"].map(lambda r: names.get(r, r)))
        label = kpi_label(BOARD, lang)
        chart = leaderboard_chart(board.head(MAX_BARS), label, KPIS[BOARD].unit, symbol, lang)
        blocks.append(Figure(chart))
    shown = max(len(frame), len(board))
    if shown > MAX_BARS:
        blocks.append(Text(t("report.top_of", lang, n=MAX_BARS, total=shown), "note"))
    return tuple(blocks)


def _teams_board(
    data: Dataset, table: pd.DataFrame, period: str, currency: str | None, lang: str
) -> tuple[Block, ...]:
    rows = KpiTable(table).rows(TEAM, period=period)
    rows = rows[rows["kpi"] == BOARD].dropna(subset=["value", "team"])
    if rows.empty:
        return (_needs(data, BOARD, t("report.no_teams", lang), lang),)
    board = pd.DataFrame(
        {"rep": rows["team"].astype(str), "value": rows["value"].astype(float)}
    ).sort_values(["value", "rep"], ascending=[False, True])
    board["rank"] = range(1, len(board) + 1)
    entry = KPIS[BOARD]
    symbol = currency_symbol(currency)
    chart = leaderboard_chart(board, kpi_label(BOARD, lang), entry.unit, symbol, lang)
    top = board.iloc[0]
    best = format_value(BOARD, float(top["value"]), currency, lang)
    return Figure(chart), Text(t("report.top_team_text", lang, now=best), strong=str(top["rep"]))


def _bridge(
    data: Dataset, findings: F.Findings | None, grain: str, currency: str | None, lang: str
) -> tuple[Block, ...]:
    company = findings.company if findings else None
    if company is None:
        return (_needs(data, "revenue", t("report.no_sales", lang), lang),)
    blocks: list[Block] = [
        Text(F.headline(company, currency).text(lang), "lead"),
        Text(compared(company.period, company.reference, lang), "note"),
    ]
    if company.bridge is None:
        note = company.note.text(lang) if company.note else t("rootcauses.no_earlier", lang)
        blocks.append(Text(note, "note"))
    else:
        typical = t(f"rootcauses.average.{grain}", lang)
        symbol = currency_symbol(currency)
        chart = waterfall_chart(company.bridge, typical, company.period, symbol, lang)
        blocks.append(Figure(chart))
    blocks += [Text(c.evidence.text(lang), strong=c.label.text(lang)) for c in company.causes]
    return tuple(blocks)


def _flagged(
    findings: F.Findings | None, currency: str | None, names: Mapping[str, str], lang: str
) -> tuple[Block, ...]:
    flagged = W.flagged_frame(findings, currency, lang) if findings else pd.DataFrame()
    if flagged.empty:
        return (Text(t("report.none_flagged", lang), "note"),)
    reps = flagged[W.flagged_columns(lang)[0]].nunique()
    lead = Text(t("report.flagged_count", lang, n=reps), "lead")
    if names:
        flagged = flagged.map(lambda v: _hide(str(v), names))
    return lead, Table(flagged)


def _flagged_teams(findings: F.Findings | None, lang: str) -> tuple[Block, ...]:
    flagged = W.flagged_frame(findings, lang=lang) if findings else pd.DataFrame()
    if flagged.empty:
        return (Text(t("report.none_flagged", lang), "note"),)
    rep, _, what = W.flagged_columns(lang)[:3]
    lead = Text(t("report.flagged_private", lang, n=flagged[rep].nunique()), "lead")
    counts = flagged.groupby(what)[rep].nunique().sort_values(ascending=False)
    rows = pd.DataFrame(
        {
            what: counts.index.astype(str),
            t("report.col_reps", lang): counts.to_numpy().astype(str),
        }
    )
    return lead, Table(rows)


def _focus(findings: F.Findings | None, names: Mapping[str, str], lang: str) -> tuple[Block, ...]:
    plan = findings.team_plan if findings else []
    if not plan:
        return (Text(t("report.no_team_plan", lang), "note"),)
    items = tuple(
        (_hide(s.action.text(lang), names), _hide(s.because.text(lang), names)) for s in plan
    )
    return (Items(items),)


def team_review(
    data: Dataset,
    table: pd.DataFrame,
    spec: PeriodSpec,
    choice: PeriodChoice,
    findings: F.Findings | None,
    currency: str | None,
    audience: Audience = "named",
    lang: str = "en",
) -> Review:
    """Return the period's team review: headline, leaderboard, bridge, flagged reps, focus."""
    period, previous = choice.current, choice.previous
    if previous:
        title = t("report.title_compared", lang, period=period, previous=previous)
    else:
        title = t("report.title", lang, period=period or "—")
    if period is None or S.DEALS not in data.tables:
        empty = _needs(data, "revenue", t("report.no_period", lang), lang)
        return Review(
            title,
            str(text(choice.note, lang)),
            (Section("headline", t("report.s_headline", lang), (empty,)),),
            lang,
        )
    names: dict[str, str] = {}
    if audience != "named":
        reps = KpiTable(table).rows(REP)["rep"].dropna().astype(str)
        names = aliases(reps, lang)
    if audience == "teams":
        board = Section(
            "board", t("report.s_teams", lang), _teams_board(data, table, period, currency, lang)
        )
        flagged = Section("flagged", t("report.s_flagged", lang), _flagged_teams(findings, lang))
    else:
        board = Section(
            "board", t("report.s_board", lang), _board(data, table, choice, currency, names, lang)
        )
        flagged = Section(
            "flagged", t("report.s_flagged", lang), _flagged(findings, currency, names, lang)
        )
    headline = (
        _headline(table, period, currency, lang),
        _cards(data, table, choice, currency, lang),
    )
    sections = (
        Section("headline", t("report.s_headline", lang), headline),
        board,
        Section(
            "bridge",
            t("report.s_bridge", lang),
            _bridge(data, findings, spec.grain, currency, lang),
        ),
        flagged,
        Section(
            "focus",
            t("report.s_focus", lang),
            _focus(findings, names, lang),
        ),
    )
    return Review(title, str(text(choice.note, lang)), sections, lang, names)
