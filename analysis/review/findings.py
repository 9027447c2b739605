"""What the diagnosis found for one period, in one object: for the pages, exports and the CLI.

`find` runs the root causes (`diagnosis`), the weak spots against peers (`weak_spots`) and the
coaching plans (`coaching`) once, for every rep, team and the company, with every text in one
language (English or Dutch); codes (cause codes, KPI keys, suggestion sources) stay the same
in both. The sentences around them (`headline`, `sure_text`, `effect_text`, `flagged_table`,
`method_text`) take the language too; their words are in `analysis/words/sentences/diagnosis.toml`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.coaching import plan as coaching
from analysis.diagnosis.bridge import factor_label
from analysis.diagnosis.diagnose import Cause, Diagnosis, diagnose
from analysis.diagnosis.period_stats import PeriodStats, period_stats
from analysis.diagnosis.weak_spots import (
    TOP,
    Peer,
    WeakSpot,
    importance,
    peers,
    span_words,
    stage_data_is_real,
    stage_spots,
    weak_spots,
    window,
)
from analysis.kpis.registry import currency_symbol, format_value, short_money
from analysis.kpis.table import kpi_value
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec, shift_period
from analysis.pipeline.funnel import funnel_order, funnel_table, history_of
from analysis.words import formats as F
from analysis.words.catalogue import t


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
    compared_over: str  # the periods weak spots compare, in words
    lang: str = "en"  # the language its texts are written in

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
    rows = table[(table["scope"] == "team") & (table["kpi"] == "enps")]
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
    lang: str = "en",
) -> Findings:
    """Return the diagnosis, weak spots and coaching of every rep, team and the company.

    Every label, evidence line, action and reason is written in `lang` ('en' or 'nl').
    """
    stats = period_stats(data, spec)
    found = diagnose(stats, period, currency, lang) if period in stats.idx.periods else []
    too_early = frozenset(
        d.name for d in found if d.scope == "rep" and d.status == "insufficient_data" and d.name
    )
    spots = weak_spots(stats, period, currency, too_early, lang) if found else {}
    judged = {d.name for d in found if d.scope == "rep" and d.name and d.name not in too_early}
    deals = data.tables.get(S.DEALS)
    order = funnel_order(data)
    real = order is not None and (
        history_of(data) is not None or stage_data_is_real(deals, order.stages)
    )
    if found and order is not None and real:
        periods = [stats.idx.periods[c] for c in window(stats, period)]
        funnel = funnel_table(data, spec, order)
        for rep, spot in stage_spots(funnel, periods, too_early, lang).items():
            if rep not in judged:
                continue
            spots[rep] = sorted([*spots.get(rep, []), spot], key=importance)[:TOP]
    best = peers(stats, period) if found else {}
    plans = {
        d.name: coaching.rep_plan(d, spots.get(d.name, []), best, currency=currency, lang=lang)
        for d in found
        if d.scope == "rep" and d.name is not None
    }
    enps = team_enps(table, period, spec) if "enps" in set(table["kpi"].astype(str)) else {}
    reps = [d for d in found if d.scope == "rep"]
    team = coaching.team_plan(reps, enps, currency=currency, lang=lang)
    over = span_words(stats, period, lang) if found else period
    return Findings(period, stats, tuple(found), spots, best, plans, team, over, lang)


def method_text(lang: str = "en") -> str:
    """Return how Salescope decides what is flagged and how the bridge splits, in `lang`."""
    return t("diagnosis.method", lang)


METHOD = method_text()  # in English; method_text(lang) for another language


def _money(value: float, currency: str | None, lang: str = "en") -> str:
    """Return a signed whole amount: '-€12,500', '+€0' / '€ -12.500'."""
    return format_value("revenue", value, currency, lang, signed=True)


def headline(diagnosis: Diagnosis, currency: str | None = None, lang: str = "en") -> str:
    """Return one sentence: revenue now against the usual, and the parts that moved it most."""
    bridge = diagnosis.bridge
    if bridge is None:
        return t("diagnosis.headline.no_bridge", lang, period=diagnosis.period)
    symbol = currency_symbol(currency)
    grain = "quarter" if "Q" in diagnosis.period else "month"
    text = t(
        f"diagnosis.headline.{grain}",
        lang,
        after=short_money(bridge.after, symbol, lang=lang),
        period=diagnosis.period,
        before=short_money(bridge.before, symbol, lang=lang),
        change=short_money(bridge.change, symbol, signed=True, lang=lang),
    )
    lost = [p for p in sorted(bridge.parts, key=lambda p: p.contribution) if p.contribution < 0]
    if lost:
        drags = ", ".join(
            f"{factor_label(p.factor, lang).lower()} "
            + short_money(p.contribution, symbol, signed=True, lang=lang)
            for p in lost[:2]
        )
        many = "other" if len(lost) > 1 else "one"
        text += t(f"diagnosis.headline.drag.{many}", lang, drags=drags)
    return text


def sure_text(confidence: float, lang: str = "en") -> str:
    """Return how sure, as users read it: '97% sure', 'over 99% sure' (never '100%')."""
    if confidence >= 0.995:
        return t("diagnosis.sure.over", lang)
    return t("diagnosis.sure.level", lang, sure=F.percent(confidence, lang))


def effect_text(contribution: float | None, currency: str | None, lang: str = "en") -> str:
    """Return a cause's effect on revenue in words: a loss, none yet, or outside the bridge."""
    if contribution is None:
        return t("diagnosis.effect.not_measured", lang)
    if contribution >= 0:
        return t("diagnosis.effect.no_loss", lang)
    return _money(contribution, currency, lang)


COLUMNS = ("rep", "team", "what_changed", "evidence", "effect", "sure")


def flagged_columns(lang: str = "en") -> list[str]:
    """Return the column names of `flagged_table` in a language ('Rep', … / 'Verkoper', …)."""
    return [t(f"diagnosis.column.{c}", lang) for c in COLUMNS]


def _effect_words(cause: Cause, currency: str | None, lang: str) -> str:
    """Return a cause's effect on revenue, or under which cause it is counted."""
    if cause.shared_with:
        return t("diagnosis.effect.counted_under", lang, other=cause.shared_with)
    return effect_text(cause.contribution, currency, lang)


def flagged_table(
    findings: Findings, currency: str | None = None, lang: str = "en"
) -> pd.DataFrame:
    """Return one row per flagged cause of a rep: who, what changed, evidence, effect, how sure.

    Column names and the effect and how-sure words are in `lang` (`flagged_columns`); the
    labels and evidence are those of the findings.
    """
    columns = flagged_columns(lang)
    rows = [
        (
            d.name,
            d.team or "",
            c.label,
            c.evidence,
            _effect_words(c, currency, lang),
            sure_text(c.confidence, lang),
            c.contribution if c.contribution is not None else 0.0,
        )
        for d in findings.reps
        for c in d.causes
    ]
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(rows, columns=[*columns, "_effect"])
    frame = frame.sort_values(["_effect", columns[0]]).reset_index(drop=True)
    return frame[columns]
