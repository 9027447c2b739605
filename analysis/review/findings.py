"""What the diagnosis found for one period, in one object: for the pages, exports and the CLI.

`find` runs the root causes (`diagnosis`), the weak spots against peers (`weak_spots`) and the
coaching plans (`coaching`) once, for every rep, team and the company, for every language: its
texts are `Say`s, written in a language only where they are shown; codes (cause codes, KPI
keys, suggestion sources) are codes. The sentences around them (`headline`, `sure_text`,
`effect_text`, `flagged_table`, `METHOD`) are `Say`s too; their words are in
`analysis/words/sentences/diagnosis.toml`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.coaching import plan as coaching
from analysis.diagnosis.causes import Cause
from analysis.diagnosis.diagnose import Diagnosis, diagnose
from analysis.diagnosis.gaps import window
from analysis.diagnosis.period_stats import PeriodStats, period_stats
from analysis.diagnosis.stage_spots import stage_data_is_real, stage_spots
from analysis.diagnosis.weak_spots import (
    TOP,
    Peer,
    WeakSpot,
    importance,
    peers,
    span_words,
    weak_spots,
)
from analysis.kpis.labels import currency_symbol
from analysis.kpis.query import TEAM, KpiTable, kpi_value
from analysis.kpis.shown import Shown, shown
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec, shift_period
from analysis.pipeline.funnel import funnel_order, funnel_table, history_of
from analysis.words.message import Formatted, Joined, Say, fmt, joined


@dataclass(frozen=True)
class Findings:
    """Every rep's, team's and the company's diagnosis, weak spots and coaching for a period."""

    period: str
    stats: PeriodStats
    diagnoses: tuple[Diagnosis, ...]
    weak_spots: dict[str, list[WeakSpot]]
    peers: dict[str, Peer]
    plans: dict[str, list[coaching.Suggestion]]
    team_plan: list[coaching.Suggestion]
    compared_over: Say | str  # the periods weak spots compare, in words (or one label)

    @property
    def reps(self) -> list[Diagnosis]:
        """Return the reps' diagnoses (reps active in the period), by name."""
        return sorted((d for d in self.diagnoses if d.scope == "rep"), key=lambda d: d.name or "")

    @property
    def teams(self) -> list[Diagnosis]:
        """Return the teams' diagnoses, by name."""
        return sorted((d for d in self.diagnoses if d.scope == "team"), key=lambda d: d.name or "")

    @property
    def company(self) -> Diagnosis | None:
        """Return the whole company's diagnosis (None when nobody was active in the period)."""
        return next((d for d in self.diagnoses if d.scope == "all"), None)

    def of(self, rep: str) -> Diagnosis | None:
        """Return one rep's diagnosis, or None when the rep was not active in the period."""
        return next((d for d in self.reps if d.name == rep), None)


def team_enps(
    table: pd.DataFrame, period: str, spec: PeriodSpec
) -> dict[str, tuple[float | None, float | None, int]]:
    """Return per team its eNPS now and in the period before, and the answers behind it now."""
    rows = KpiTable(table).rows(TEAM, kpi="enps")
    previous = shift_period(period, spec)
    out = {}
    for team in sorted(str(name) for name in rows["team"].dropna().unique()):
        now = rows[(rows["team"] == team) & (rows["period"] == period)]
        answers = int(now["n"].iloc[0]) if len(now) else 0
        out[team] = (
            kpi_value(table, "enps", period, team=team),
            kpi_value(table, "enps", previous, team=team),
            answers,
        )
    return out


def find(
    data: Dataset,
    spec: PeriodSpec,
    period: str,
    table: pd.DataFrame,
    currency: str | None = None,
) -> Findings:
    """Return the diagnosis, weak spots and coaching of every rep, team and the company.

    Evidence lines, actions and reasons are `Say`s: one result for every language.
    """
    stats = period_stats(data, spec)
    found = diagnose(stats, period, currency) if period in stats.idx.periods else []
    too_early = frozenset(
        d.name for d in found if d.scope == "rep" and d.status == "insufficient_data" and d.name
    )
    spots = weak_spots(stats, period, currency, too_early) if found else {}
    judged = {d.name for d in found if d.scope == "rep" and d.name and d.name not in too_early}
    deals = data.tables.get(S.DEALS)
    order = funnel_order(data)
    real = order is not None and (
        history_of(data) is not None or stage_data_is_real(deals, order.stages)
    )
    if found and order is not None and real:
        periods = [stats.idx.periods[c] for c in window(stats, period)]
        funnel = funnel_table(data, spec, order)
        for rep, spot in stage_spots(funnel, periods, too_early).items():
            if rep not in judged:
                continue
            spots[rep] = sorted([*spots.get(rep, []), spot], key=importance)[:TOP]
    best = peers(stats, period) if found else {}
    plans = {
        d.name: coaching.rep_plan(d, spots.get(d.name, []), best, currency=currency)
        for d in found
        if d.scope == "rep" and d.name is not None
    }
    enps = team_enps(table, period, spec) if (table["kpi"] == "enps").any() else {}
    reps = [d for d in found if d.scope == "rep"]
    team = coaching.team_plan(reps, enps, currency=currency)
    over = span_words(stats, period) if found else period
    return Findings(period, stats, tuple(found), spots, best, plans, team, over)


METHOD = Say("diagnosis.method")  # how Salescope decides what is flagged and how the bridge splits


def headline(diagnosis: Diagnosis, currency: str | None = None) -> Say | Joined:
    """Return one sentence: revenue now against the usual, and the parts that moved it most."""
    bridge = diagnosis.bridge
    if bridge is None:
        return Say("diagnosis.headline.no_bridge", period=diagnosis.period)
    symbol = currency_symbol(currency)
    grain = "quarter" if "Q" in diagnosis.period else "month"

    def money(value: float, signed: bool = False) -> Formatted:
        return fmt("short_money", value, currency=symbol, signed=signed)

    said = Say(
        f"diagnosis.headline.{grain}",
        after=money(bridge.after),
        period=diagnosis.period,
        before=money(bridge.before),
        change=money(bridge.change, signed=True),
    )
    lost = [p for p in sorted(bridge.parts, key=lambda p: p.contribution) if p.contribution < 0]
    if not lost:
        return said
    drags = joined(
        (joined((fmt("lower", p.label), money(p.contribution, True)), " ") for p in lost[:2]),
        ", ",
    )
    many = "other" if len(lost) > 1 else "one"
    return joined((said, Say(f"diagnosis.headline.drag.{many}", drags=drags)), "")


def sure_text(confidence: float) -> Say:
    """Return how sure, as users read it: '97% sure', 'over 99% sure' (never '100%')."""
    if confidence >= 0.995:
        return Say("diagnosis.sure.over")
    return Say("diagnosis.sure.level", sure=fmt("percent", confidence))


def effect_text(contribution: float | None, currency: str | None) -> Say | Shown:
    """Return a cause's effect on revenue in words: a loss, none yet, or outside the bridge."""
    if contribution is None:
        return Say("diagnosis.effect.not_measured")
    if contribution >= 0:
        return Say("diagnosis.effect.no_loss")
    return shown("revenue", contribution, currency, signed=True)


def effect_words(cause: Cause, currency: str | None) -> Say | Shown:
    """Return a cause's effect on revenue, or under which cause it is counted."""
    if cause.shared_label is not None:
        return Say("diagnosis.effect.counted_under", other=cause.shared_label)
    return effect_text(cause.contribution, currency)


def share_words(cause: Cause) -> Say | None:
    """Return the share of the fall a cause explains in words ('61% of the fall'), or None."""
    if cause.share is None:
        return None
    return Say("diagnosis.share.fall", share=fmt("percent", cause.share))


def cause_effect(cause: Cause, currency: str | None) -> Say | Shown:
    """Return a cause's effect on revenue with the share of the fall it explains, where it does.

    '−€54,000 (explains 61% of the fall)'; otherwise `effect_words`.
    """
    effect, share = effect_words(cause, currency), share_words(cause)
    return (
        effect if share is None else Say("diagnosis.effect.with_share", effect=effect, share=share)
    )


def cause_line(cause: Cause, currency: str | None) -> Say:
    """Return a cause's line in the reports: evidence, effect (and share of the fall), how sure."""
    return Say(
        "report.cause_line",
        evidence=cause.evidence,
        effect=cause_effect(cause, currency),
        sure=sure_text(cause.confidence),
    )


COLUMNS = ("rep", "team", "what_changed", "evidence", "effect", "sure")


def flagged_table(findings: Findings, currency: str | None = None) -> pd.DataFrame:
    """Return one row per flagged cause of a rep: who, what changed, evidence, effect, how sure.

    Columns are `COLUMNS` (codes); what changed, evidence, effect and how sure are `Say`s (or
    amounts to be written): `written` turns the table into text in a language.
    """
    rows = [
        (
            d.name,
            d.team or "",
            c.label,
            c.evidence,
            effect_words(c, currency),
            sure_text(c.confidence),
            c.contribution if c.contribution is not None else 0.0,
        )
        for d in findings.reps
        for c in d.causes
    ]
    if not rows:
        return pd.DataFrame(columns=list(COLUMNS))
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "_effect"])
    frame = frame.sort_values(["_effect", "rep"]).reset_index(drop=True)
    return frame[list(COLUMNS)]
