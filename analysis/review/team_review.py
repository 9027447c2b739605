"""The period's team review: headline, leaderboard, bridge, flagged, pipeline, what changed
since the earlier export, focus, forecast.

`team_review` builds it for an audience: reps named, names hidden (each rep a stable stand-in,
`aliases`), or teams only. Every section is a tuple of blocks (`analysis.review.document`);
the findings' `Say`s are written here in the review's language.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

import pandas as pd

from analysis.changes.compare import Changes
from analysis.charts.diagnosis import bridge_caption, waterfall_chart
from analysis.charts.overview import attainment_chart, leaderboard_chart
from analysis.forecast.outlook import Forecast
from analysis.kpis import overview as O
from analysis.kpis.labels import currency_symbol, format_change, format_value, kpi_label
from analysis.kpis.query import REP, TEAM, KpiTable
from analysis.kpis.registry import KPIS, missing_inputs
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodChoice, PeriodSpec, compared_with, shift_period
from analysis.pipeline.planning import Plan, falling_rates, plan
from analysis.pipeline.snapshot import Snapshot, snapshot
from analysis.review import findings as F
from analysis.review import flagged as W
from analysis.review import pipeline_screen as P
from analysis.review.audience import aliases, data_source, hide, labels
from analysis.review.changes_screen import changes_section
from analysis.review.document import (
    Block,
    Card,
    Cards,
    Figure,
    Items,
    Review,
    Section,
    Text,
    compared,
    guarded,
)
from analysis.review.forecast_screen import forecast_section
from analysis.review.ramping import ramping, ramping_note
from analysis.review.team_focus import team_focus
from analysis.words.catalogue import t
from analysis.words.message import text

Audience = Literal["named", "anonymous", "teams"]
AUDIENCES: tuple[Audience, ...] = ("named", "anonymous", "teams")
CARDS = ("revenue", "target_attainment", "win_rate", "new_deals", "avg_deal_size", "cycle_days")
BOARD = "revenue"
MIN_WON = 3  # won deals a rep needs to appear on the leaderboard
MAX_BARS = 15  # reps per chart: a longer list is unreadable on a projector or a page


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
    new: tuple[Collection[str], str],  # the ramping reps, and the period they are new since
    lang: str,
) -> tuple[Block, ...]:
    period = choice.current or ""
    symbol = currency_symbol(currency)
    shown = labels(names, new[0], lang)
    # Names hidden: nobody is thanked by name on the wall.
    blocks: list[Block] = [] if names else _recognition(table, choice, currency, lang)
    frame = O.attainment_frame(table, period)
    if frame.empty:
        no_targets = t("report.no_targets", lang, period=period)
        blocks.append(_needs(data, "target_attainment", no_targets, lang))
    else:
        frame = frame.sort_values(["attainment", "rep"], ascending=[False, True])
        frame = frame.assign(rep=frame["rep"].map(lambda r: shown.get(r, r)))
        blocks.append(Figure(attainment_chart(frame.head(MAX_BARS), period, lang)))
    board = O.leaderboard(table, BOARD, period, True, min_n=MIN_WON)
    if board.empty:
        blocks.append(_needs(data, BOARD, t("report.no_board", lang, period=period), lang))
    else:
        board = board.assign(rep=board["rep"].map(lambda r: shown.get(r, r)))
        label = kpi_label(BOARD, lang)
        chart = leaderboard_chart(board.head(MAX_BARS), label, KPIS[BOARD].unit, symbol, lang)
        blocks.append(Figure(chart))
    bars = max(len(frame), len(board))
    if bars > MAX_BARS:
        blocks.append(Text(t("report.top_of", lang, n=MAX_BARS, total=bars), "note"))
    if note := ramping_note(new[0], new[1], names):
        blocks.append(Text(note.text(lang), "note"))
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
    ]  # what it is compared with is the section's baseline
    if company.bridge is None:
        note = company.note.text(lang) if company.note else t("rootcauses.no_earlier", lang)
        blocks.append(Text(note, "note"))
    else:
        typical = t(f"rootcauses.average.{grain}", lang)
        symbol = currency_symbol(currency)
        chart = waterfall_chart(company.bridge, typical, company.period, symbol, lang, wide=True)
        blocks += [Figure(chart), Text(bridge_caption(company.bridge, lang), "footnote")]
    lines = [(F.cause_line(c, currency).text(lang), c.label.text(lang)) for c in company.causes]
    blocks += [Text(line, strong=label) for line, label in lines]
    return tuple(blocks)


def _focus(
    findings: F.Findings | None,
    table: pd.DataFrame,
    spec: PeriodSpec,
    currency: str | None,
    names: Mapping[str, str],
    lang: str,
) -> tuple[Block, ...]:
    if findings is None:
        return (Text(t("report.no_team_plan", lang), "note"),)
    focus = team_focus(findings, table, spec, currency)
    notes = tuple(Text(hide(n.text(lang), names), "note") for n in focus.notes)
    if not focus.items:
        return (Text(t("report.no_team_plan", lang), "note"), *notes)
    items = tuple(
        (hide(s.action.text(lang), names), hide(s.because.text(lang), names)) for s in focus.items
    )
    return (Items(items), *notes)


@dataclass(frozen=True, eq=False)
class _Deck:
    """What every screen of one review is built from; each method returns blocks and baseline."""

    data: Dataset
    table: pd.DataFrame
    spec: PeriodSpec
    choice: PeriodChoice
    findings: F.Findings | None
    currency: str | None
    audience: Audience
    lang: str
    source: str
    pipeline: tuple[Snapshot, Plan] | None
    forecast: Forecast | None = None
    changes: Changes | BaseException | None = None

    @property
    def period(self) -> str:
        return self.choice.current or ""

    @cached_property
    def names(self) -> dict[str, str]:
        if self.audience == "named":
            return {}
        return aliases(KpiTable(self.table).rows(REP)["rep"].dropna().astype(str), self.lang)

    @cached_property
    def new(self) -> frozenset[str]:
        return (
            ramping(self.table, self.spec, self.period) if self.audience != "teams" else frozenset()
        )

    @property
    def usual(self) -> str:
        company = self.findings.company if self.findings else None
        return compared(company.period, company.reference, self.lang) if company else ""

    def headline(self) -> tuple[tuple[Block, ...], str]:
        lang, previous = self.lang, text(compared_with(self.choice), self.lang)
        cards = _cards(self.data, self.table, self.choice, self.currency, lang)
        lead = _headline(self.table, self.period, self.currency, lang)
        before = (t("report.base.previous", lang, previous=previous) if previous
                  else t("report.base.none", lang))  # fmt: skip
        return (Text(self.source, "note"), lead, cards), before

    def board(self) -> tuple[tuple[Block, ...], str]:
        lang, period = self.lang, self.period
        previous = text(compared_with(self.choice), lang)
        if self.audience == "teams":
            return _teams_board(self.data, self.table, period, self.currency, lang), ""
        said = (t("report.base.board", lang, period=period, previous=previous) if previous
                else t("report.base.board_no_previous", lang, period=period))  # fmt: skip
        new = (self.new, shift_period(period, self.spec, -1))
        blocks = _board(self.data, self.table, self.choice, self.currency, self.names, new, lang)
        return blocks, said

    def bridge(self) -> tuple[tuple[Block, ...], str]:
        blocks = _bridge(self.data, self.findings, self.spec.grain, self.currency, self.lang)
        return blocks, self.usual

    def flagged(self) -> tuple[tuple[Block, ...], str]:
        said = t("report.base.flagged", self.lang, period=self.period)
        if self.audience == "teams":
            return W.flagged_team_blocks(self.findings, self.lang), said
        return W.flagged_blocks(self.findings, self.currency, self.names, self.lang), said

    @cached_property
    def planned(self) -> tuple[Snapshot, Plan]:
        if self.pipeline is not None:
            return self.pipeline
        snap = snapshot(self.data)
        recent = falling_rates(self.findings.diagnoses) if self.findings else {}
        return snap, plan(self.data, self.table, self.spec, self.choice, snap, recent)

    def pipe(self) -> tuple[tuple[Block, ...], str]:
        snap, planned = self.planned
        shown = labels(self.names, self.new, self.lang)
        teams = self.audience == "teams"
        blocks = P.pipeline_blocks(snap, planned, self.spec, shown, teams, self.currency, self.lang)
        return blocks, P.pipeline_baseline(snap, planned, self.lang)

    def focus(self) -> tuple[tuple[Block, ...], str]:
        blocks = _focus(self.findings, self.table, self.spec, self.currency, self.names, self.lang)
        return blocks, self.usual

    def sections(self) -> tuple[Section, ...]:
        lang, teams = self.lang, self.audience == "teams"
        changed = changes_section(self.changes, self.currency, (self.names, teams), lang)
        return tuple(s for s in (
            guarded("headline", lambda: t("report.s_headline", lang), self.headline, lang),
            guarded(
                "board",
                lambda: t("report.s_teams" if teams else "report.s_board", lang),
                self.board,
                lang,
            ),
            guarded("bridge", lambda: t("report.s_bridge", lang), self.bridge, lang),
            guarded("flagged", lambda: t("report.s_flagged", lang), self.flagged, lang),
            guarded("pipeline", lambda: P.pipeline_title(self.planned[1], lang), self.pipe, lang),
            changed,
            guarded("focus", lambda: t("report.s_focus", lang), self.focus, lang),
            forecast_section(self.data, self.spec, self.forecast, self.currency,
                             (self.names, teams), lang),
        ) if s is not None)  # fmt: skip


def team_review(
    data: Dataset,
    table: pd.DataFrame,
    spec: PeriodSpec,
    choice: PeriodChoice,
    findings: F.Findings | None,
    currency: str | None,
    audience: Audience = "named",
    lang: str = "en",
    *,
    pipeline: tuple[Snapshot, Plan] | None = None,
    forecast: Forecast | None = None,
    changes: Changes | BaseException | None = None,
    files: Sequence[str] = (),
    sample: bool = False,
) -> Review:
    """Return the period's review: headline, board, bridge, flagged, pipeline, what changed
    since the earlier export (with `changes`), focus, forecast.

    Each section says what its changes are compared with (`Section.baseline`); `pipeline` (the
    open-deal snapshot and plan) and `forecast` (the period ahead) are passed when the caller
    has them; `changes` is the comparison with earlier exports (its error when it failed: the
    section says so); `files` and `sample` name the data on the title screen.
    """
    title = t("report.title", lang, period=choice.current or "—")
    source = data_source(data, files, sample, lang)
    subtitle = str(text(choice.note, lang))
    if choice.current is None or S.DEALS not in data.tables:
        empty = _needs(data, "revenue", t("report.no_period", lang), lang)
        headline = Section("headline", t("report.s_headline", lang), (Text(source, "note"), empty))
        return Review(title, subtitle, (headline,), lang, {}, source, sample)
    deck = _Deck(data, table, spec, choice, findings, currency, audience, lang, source, pipeline,
                 forecast, changes)  # fmt: skip
    return Review(title, subtitle, deck.sections(), lang, deck.names, source, sample)
