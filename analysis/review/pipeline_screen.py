"""The deck's pipeline-and-plan screen: what is still to win next period and what may bring it.

Written in the review's language from the pipeline's own numbers: the open-deal snapshot
(`analysis.pipeline.snapshot`: due, slipped) and the plan to target (`analysis.pipeline.planning`:
still to win, coverage, gap per rep). Nothing is computed twice: this module only adds up and
words them.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis.kpis.labels import currency_symbol
from analysis.kpis.shown import shown
from analysis.model.periods import PeriodSpec, period_bounds
from analysis.pipeline.planning import Plan
from analysis.pipeline.sentences import coverage
from analysis.pipeline.snapshot import Snapshot
from analysis.review.document import Block, Card, Cards, Table, Text
from analysis.words.catalogue import t
from analysis.words.formats import data_day, short_money
from analysis.words.message import text


def _money(value: float, currency: str | None, lang: str) -> str:
    return short_money(value, currency_symbol(currency), lang)


def _deals(rows: pd.DataFrame, currency: str | None, lang: str) -> str:
    return f"{len(rows)} · {_money(float(rows['amount'].sum()), currency, lang)}"


def _due(snap: Snapshot, plan: Plan, spec: PeriodSpec) -> pd.DataFrame:
    """Return the open deals expected to close by the end of the planned period (slipped too)."""
    if plan.period is None:
        return snap.open.iloc[0:0]
    end = period_bounds(plan.period, spec)[1]
    return snap.open[snap.open["expected_close"] < end]


def _cards(plan: Plan, currency: str | None, lang: str) -> Cards:
    reps, period = plan.reps, plan.period
    target = _money(float(reps["target"].sum()), currency, lang)
    ratio = shown("pipeline_coverage", coverage(plan)).text(lang)
    return Cards(
        (
            Card(t("report.pipe.still", lang, period=period),
                 _money(float(reps["still_to_win"].sum()), currency, lang),
                 t("report.pipe.of_target", lang, target=target, period=plan.target_period), "flat"),
            Card(t("report.pipe.coverage", lang), ratio,
                 t("report.pipe.coverage_detail", lang), "flat"),
            Card(t("report.pipe.gap", lang), _money(float(reps["gap"].sum()), currency, lang),
                 t("report.pipe.gap_detail", lang), "flat"),
        )
    )  # fmt: skip


def _table(
    snap: Snapshot,
    plan: Plan,
    due: pd.DataFrame,
    by: str,
    labels: Mapping[str, str],
    currency: str | None,
    lang: str,
) -> Table:
    """Return per rep (or team) target, deals due, coverage, gap and slipped; biggest gap first."""
    reps = plan.reps.assign(team=plan.reps["team"].astype("string").fillna("—"))
    sums = reps.groupby(by, sort=False)[["target", "still_to_win", "open_value", "gap"]].sum()
    sums = sums.sort_values(["gap", "target"], ascending=False)  # a screen shows the first
    slipped = snap.open[snap.open["slipped"]]
    period = plan.period
    rows = []
    for who, row in sums.iterrows():
        still = float(row["still_to_win"])
        ratio = float(row["open_value"]) / still if still > 0 else None
        rows.append(
            (
                labels.get(str(who), str(who)),
                _money(float(row["target"]), currency, lang),
                _deals(due[due[by] == who], currency, lang),
                shown("pipeline_coverage", ratio).text(lang),
                _money(float(row["gap"]), currency, lang),
                _deals(slipped[slipped[by] == who], currency, lang),
            )
        )
    first = t("diagnosis.column.rep" if by == "rep" else "diagnosis.column.team", lang)
    columns = [first, t("report.pipe.col_target", lang, period=plan.target_period),
               t("report.pipe.col_due", lang, period=period), t("report.pipe.col_coverage", lang),
               t("report.pipe.col_gap", lang), t("report.pipe.col_slipped", lang)]  # fmt: skip
    return Table(pd.DataFrame(rows, columns=columns))


def pipeline_title(plan: Plan | None, lang: str) -> str:
    """Return the screen's title: 'Pipeline and plan for 2026-Q4'."""
    if plan is None or plan.period is None:
        return t("report.s_pipeline_none", lang)
    return t("report.s_pipeline", lang, period=plan.period)


def pipeline_baseline(snap: Snapshot, plan: Plan, lang: str) -> str:
    """Return what the screen compares: the open deals on the data's last day, the targets."""
    day = data_day(snap.as_of, lang)
    if plan.target_period and plan.period and plan.target_period != plan.period:
        return t("report.base.pipeline_fallback", lang, day=day, used=plan.target_period,
                 period=plan.period)  # fmt: skip
    return t("report.base.pipeline", lang, day=day, period=plan.target_period or plan.period or "—")


def pipeline_blocks(
    snap: Snapshot,
    plan: Plan,
    spec: PeriodSpec,
    labels: Mapping[str, str],
    teams_only: bool,
    currency: str | None,
    lang: str,
) -> tuple[Block, ...]:
    """Return the screen: deals due and slipped, still to win, coverage, gap, and per rep.

    `labels` names each rep as shown (a stand-in when names are hidden, 'ramping' for a new
    rep); `teams_only` shows teams instead of reps.
    """
    if snap.as_of is None or snap.open.empty:
        return (Text(t("report.pipe.no_open", lang, day=data_day(snap.as_of, lang)), "note"),)
    due = _due(snap, plan, spec)
    slipped = snap.open[snap.open["slipped"]]
    lead = t("report.pipe.lead", lang, period=plan.period or "—", due=len(due),
             due_value=_money(float(due["amount"].sum()), currency, lang), slipped=len(slipped),
             slipped_value=_money(float(slipped["amount"].sum()), currency, lang))  # fmt: skip
    blocks: list[Block] = [Text(lead)]
    if plan.target_period is None or plan.reps.empty:
        return (*blocks, Text(text(plan.note, lang), "note"))
    blocks.append(_cards(plan, currency, lang))
    blocks.append(_table(snap, plan, due, "team" if teams_only else "rep", labels, currency, lang))
    return tuple(blocks)
