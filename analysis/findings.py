"""What the diagnosis found for one period, in one object: for the pages, exports and the CLI.

`find` runs the root causes (`diagnosis`), the weak spots against peers (`weak_spots`) and the
coaching plans (`coaching`) once, for every rep, team and the company.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis import coaching
from analysis import schema as S
from analysis.dataset import Dataset
from analysis.diagnosis import Diagnosis, diagnose
from analysis.funnel import funnel_order, funnel_table, history_of
from analysis.kpi_registry import currency_symbol, format_value, short_money
from analysis.kpis import kpi_value
from analysis.period_stats import PeriodStats, period_stats
from analysis.periods import PeriodSpec, shift_period
from analysis.weak_spots import (
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
    for team in sorted(str(t) for t in rows["team"].dropna().unique()):
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
    """Return the diagnosis, weak spots and coaching of every rep, team and the company."""
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
        for rep, spot in stage_spots(funnel_table(data, spec, order), periods, too_early).items():
            if rep not in judged:
                continue
            spots[rep] = sorted([*spots.get(rep, []), spot], key=importance)[:TOP]
    best = peers(stats, period) if found else {}
    plans = {
        d.name: coaching.rep_plan(d, spots.get(d.name, []), best, currency=currency)
        for d in found
        if d.scope == "rep" and d.name is not None
    }
    enps = team_enps(table, period, spec) if "enps" in set(table["kpi"].astype(str)) else {}
    team = coaching.team_plan([d for d in found if d.scope == "rep"], enps, currency=currency)
    over = span_words(stats, period) if found else period
    return Findings(period, stats, tuple(found), spots, best, plans, team, over)


METHOD = (
    "Each rep's current period is compared with their usual level: the median of their last "
    "six quarters (or twelve months). A cause is flagged only when the change is big enough "
    "to matter (for example a win rate at least 20% lower and 5 points down, deals at least "
    "15% smaller, a cycle at least 20% and 5 days longer, 25% less activity) and when Salescope "
    "is at least 98% sure it is not noise. How sure depends on the sample (41 closed deals "
    "say more than 8) and on how much the rep's numbers usually move from one quarter to the "
    "next, learnt from their own history and the team's. A rep with less than two periods of "
    "history, or too few deals to test, is listed as too early to judge and never flagged. "
    "Fewer deals closing while new deals hold up also counts as a slower cycle (stalled deals "
    "never close). The revenue bridge starts from the rep's average period over the same "
    "periods and splits the change exactly (Shapley values) into new deals, closing pace "
    "(closed deals per new deal, which drops when deals take longer), win rate and deal size: "
    "the parts add up to the change. Each part is counted under one cause only; less activity, "
    "a leading indicator, shares the part of the cause it drives."
)


def _money(value: float, currency: str | None, signed: bool = False) -> str:
    text = format_value("revenue", abs(value), currency)
    if not signed:
        return ("-" if value < 0 else "") + text
    return ("+" if value >= 0 else "-") + text


def headline(diagnosis: Diagnosis, currency: str | None = None) -> str:
    """Return one sentence: revenue now against the usual, and the parts that moved it most."""
    bridge = diagnosis.bridge
    if bridge is None:
        return f"Revenue in {diagnosis.period}: no earlier period to compare with."
    symbol = currency_symbol(currency)
    grain = "quarter" if "Q" in diagnosis.period else "month"
    text = (
        f"Revenue {short_money(bridge.after, symbol)} in {diagnosis.period} against "
        f"{short_money(bridge.before, symbol)} in an average {grain}: "
        f"{short_money(bridge.change, symbol, signed=True)}."
    )
    lost = [p for p in sorted(bridge.parts, key=lambda p: p.contribution) if p.contribution < 0]
    if lost:
        drags = ", ".join(
            f"{p.label.lower()} {short_money(p.contribution, symbol, signed=True)}"
            for p in lost[:2]
        )
        text += f" Biggest drag{'s' if len(lost) > 1 else ''}: {drags}."
    return text


def sure_text(confidence: float) -> str:
    """Return how sure, as users read it: '97% sure', 'over 99% sure' (never '100%')."""
    return "over 99% sure" if confidence >= 0.995 else f"{confidence:.0%} sure"


def effect_text(contribution: float | None, currency: str | None) -> str:
    """Return a cause's effect on revenue in words: a loss, none yet, or outside the bridge."""
    if contribution is None:
        return "not measured in revenue"
    if contribution >= 0:
        return "no loss yet"
    return _money(contribution, currency, signed=True)


def flagged_table(findings: Findings, currency: str | None = None) -> pd.DataFrame:
    """Return one row per flagged cause of a rep: who, what changed, evidence, effect, how sure."""
    rows = [
        {
            "Rep": d.name,
            "Team": d.team or "",
            "What changed": c.label,
            "Evidence": c.evidence,
            "Effect on revenue": f"counted under {c.shared_with}"
            if c.shared_with
            else effect_text(c.contribution, currency),
            "How sure": sure_text(c.confidence),
            "_effect": c.contribution if c.contribution is not None else 0.0,
        }
        for d in findings.reps
        for c in d.causes
    ]
    columns = ["Rep", "Team", "What changed", "Evidence", "Effect on revenue", "How sure"]
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(rows).sort_values(["_effect", "Rep"]).reset_index(drop=True)
    return frame[columns]
