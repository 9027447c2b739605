"""The sales funnel: how far the deals of a period got through the stages, per rep and team.

Stage order. The open stages found in the deals are put in order by, first, the numbers they
start with when every stage has one ("1. Lead", "2. Meeting", …); otherwise by how far along
the sales process their name is (`vocabulary.STAGE_STEPS`: lead → qualification → demo →
proposal → negotiation → closing, in English and Dutch, with Salesforce's, HubSpot's and
Pipedrive's default stages), or by the median probability of the deals in a stage the
vocabulary does not know. Stages placed by neither come last, in alphabetical order, and the
note says so. "Won" is always the last step.

How far a deal got. Without a stage history, a deal's current stage is all there is:
- a won deal went through every stage;
- an open deal reached its current stage and, we assume, every stage before it;
- a lost deal reached the stage it was lost in when the export keeps it (Pipedrive keeps the
  stage and sets the status to lost); a "Closed Lost" stage hides where it was lost, so such a
  deal counts as having reached the first stage only.
This is an approximation (stage-to-stage conversion early in the funnel absorbs every loss);
`method_note` says so to users. With a stage history (one row per stage a deal entered, like
Salesforce's OpportunityHistory) a deal's furthest stage is the furthest one its history
shows, so a lost deal counts up to where it really got (`HISTORY_NOTE`); deals missing from
the history fall back to their current stage.

Which deals. The deals created in the period (a cohort, counted so far), by created date;
a deal without a created date counts in the period it closed (or is expected to close) in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.kpis.cells import RowCells, build_index, stacked_labels
from analysis.kpis.query import COMPANY, REP, TEAM, KpiTable
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec
from analysis.read.stages import stage_number, stage_status, stage_step
from analysis.words.catalogue import t
from analysis.words.message import Joined, Say, joined

WON_STAGE = "Won"
COLUMNS = ["scope", "team", "rep", "period", "step", "stage", "stopped", "reached"]
# In English, for the KPI overview's table; `t("pipeline.funnel.<name>", lang)` in another.
DEFINITION = t("pipeline.funnel.definition")
VARIANT = t("pipeline.funnel.variant")
HISTORY_NOTE = Say("pipeline.funnel.history_note")


@dataclass(frozen=True)
class StageOrder:
    """The open stages of the deals in funnel order, and how that order was decided."""

    stages: tuple[str, ...]  # first to last, as written in the data
    unplaced: tuple[str, ...]  # stages whose place was not known (put last, A to Z)
    basis: str  # "numbers", "names" or "" when there are no open stages
    note: Say | Joined  # how the order was decided, or why there is none


def _probabilities(deals: pd.DataFrame, stage: pd.Series) -> dict[str, float]:
    """Return the median probability (0–100) of each stage's deals, where the export has one."""
    if S.PROBABILITY not in deals or deals[S.PROBABILITY].isna().all():
        return {}
    prob = pd.to_numeric(deals[S.PROBABILITY], errors="coerce").astype(float)
    if prob.max() <= 1:
        prob = prob * 100
    medians = prob.groupby(stage.to_numpy(object)).median().dropna()
    return {str(k): float(v) for k, v in medians.items() if 0 < v < 100}


def history_of(data: Dataset) -> pd.DataFrame | None:
    """Return the stage history of the data's deals (deal id, stage, changed on), or None.

    Ingestion has stripped the text already; rows missing any of the three are left out.
    """
    history = data.tables.get(S.STAGE_HISTORY)
    deals = data.tables.get(S.DEALS)
    if history is None or deals is None or S.DEAL_ID not in deals or history.empty:
        return None
    out = history[[S.DEAL_ID, S.STAGE, S.CHANGED_AT]].dropna()
    out = out.astype({S.DEAL_ID: "string", S.STAGE: "string"})
    return out.reset_index(drop=True)


def deal_rows(ids: pd.Series, *others: pd.Series) -> list[np.ndarray]:
    """Return for each of `others` the deals row each value names (-1: no such deal id).

    One factorize over all the ids (integer work from then on): much faster than joining on
    text keys for millions of history rows.
    """
    codes, uniques = pd.factorize(pd.concat([ids, *others], ignore_index=True))
    own = codes[: len(ids)]
    row_of = np.full(len(uniques) + 1, -1, dtype=np.int64)  # the last slot: code -1 (blank)
    known = np.flatnonzero(own >= 0)[::-1]
    row_of[own[known]] = known  # the first row of a duplicated id wins
    out, start = [], len(ids)
    for other in others:
        out.append(row_of[codes[start : start + len(other)]])
        start += len(other)
    return out


def stage_order(deals: pd.DataFrame, history: pd.DataFrame | None = None) -> StageOrder:
    """Return the open stages of the deals in funnel order, with a note on how it was decided."""
    has_stage = S.STAGE in deals and deals[S.STAGE].notna().any()
    if not has_stage and history is None:
        return StageOrder((), (), "", Say("pipeline.funnel.no_stage"))
    parts = [deals[S.STAGE]] if has_stage else []
    if history is not None:
        parts.append(pd.Series(history[S.STAGE].unique()))  # millions of rows, few names
    stage = pd.concat(parts, ignore_index=True).astype("string").str.strip()
    spellings: dict[str, str] = {}  # a name spelled two ways is one stage: its first spelling
    for name in stage.dropna().unique():
        spellings.setdefault(_key(str(name)), str(name))
    names = [n for n in spellings.values() if stage_status(n) not in ("won", "lost")]
    if not names:
        return StageOrder((), (), "", Say("pipeline.funnel.all_closed"))
    numbers = {n: stage_number(n) for n in names}
    if all(v is not None for v in numbers.values()):
        ordered = sorted(names, key=lambda n: (numbers[n], n))
        return StageOrder(tuple(ordered), (), "numbers", Say("pipeline.funnel.by_numbers"))
    # Only the deals' own stages carry a probability: the history's names are not deal rows.
    own = deals[S.STAGE].astype("string").str.strip() if has_stage else None
    probability = {} if own is None else _probabilities(deals, own)
    place = {n: stage_step(n) for n in names}
    place = {n: probability.get(n) if p is None else p for n, p in place.items()}
    known = sorted((n for n in names if place[n] is not None), key=lambda n: (place[n], n))
    unplaced = sorted(n for n in names if place[n] is None)
    note: Say | Joined = Say("pipeline.funnel.by_names")
    if unplaced:
        note = joined([note, Say("pipeline.funnel.unplaced", names=", ".join(unplaced))], " ")
    return StageOrder(tuple(known + unplaced), tuple(unplaced), "names", note)


def _key(name: str) -> str:
    """Return a stage name as compared: without case, its words one space apart."""
    return " ".join(name.casefold().split())


def _positions(names: pd.Series, stages: tuple[str, ...]) -> np.ndarray:
    """Return each stage name's step: its place among the open stages, the last step when won
    (names compared without case: a history may write 'offerte' for the deals' 'Offerte')."""
    position = {_key(name): i for i, name in enumerate(stages)}
    codes, uniques = pd.factorize(names.astype("string").str.strip())
    steps = [
        len(stages) if stage_status(str(u)) == "won" else position.get(_key(str(u)), -1)
        for u in uniques
    ]
    return np.append(steps, -1).astype(np.int64)[codes]


def _furthest(
    deals: pd.DataFrame, stages: tuple[str, ...], history: pd.DataFrame | None = None
) -> np.ndarray:
    """Return each deal's furthest step: from its history, else its stage; the last when won."""
    if S.STAGE in deals:
        furthest = np.maximum(_positions(deals[S.STAGE], stages), 0)
    else:
        furthest = np.zeros(len(deals), dtype=np.int64)
    if history is not None:
        (row,) = deal_rows(deals[S.DEAL_ID].astype("string"), history[S.DEAL_ID])
        step = np.full(len(deals), -2, dtype=np.int64)  # -2: not in the history
        ok = row >= 0
        np.maximum.at(step, row[ok], _positions(history[S.STAGE], stages)[ok])
        furthest = np.where(step == -2, furthest, np.maximum(step, 0))
    won = (deals[S.STATUS] == "won").to_numpy(bool) if S.STATUS in deals else furthest < -1
    return np.where(won, len(stages), furthest)


def funnel_table(data: Dataset, spec: PeriodSpec, order: StageOrder | None = None) -> pd.DataFrame:
    """Return per rep, team, company and period the deals stopped at and reaching each stage."""
    deals = data.tables.get(S.DEALS)
    history = history_of(data)
    order = order or (stage_order(deals, history) if deals is not None else None)
    if deals is None or order is None or not order.stages:
        return pd.DataFrame(columns=COLUMNS)
    idx = build_index(data, spec)
    K, P = len(order.stages) + 1, len(idx.periods)
    dates = deals[S.CLOSE_DATE]
    if S.CREATED_DATE in deals:
        dates = deals[S.CREATED_DATE].fillna(dates)
    per = idx.period(dates)
    furthest = _furthest(deals, order.stages, history)
    cells = RowCells(
        idx, idx.who(S.DEALS, deals), np.where(per >= 0, per * K + furthest, -1), K * P
    )
    stopped = cells.sum().reshape(idx.rows, P, K)
    reached = stopped[:, :, ::-1].cumsum(axis=2)[:, :, ::-1]
    row, period = np.nonzero(reached[:, :, 0] > 0)
    row, period, step = np.repeat(row, K), np.repeat(period, K), np.tile(np.arange(K), len(row))
    return pd.DataFrame(
        {
            **stacked_labels(idx, row),
            "period": pd.Categorical.from_codes(period, idx.periods, ordered=True),
            "step": step,
            "stage": pd.Categorical.from_codes(step, [*order.stages, WON_STAGE], ordered=True),
            "stopped": stopped[row, period, step].round().astype(np.int64),
            "reached": reached[row, period, step].round().astype(np.int64),
        },
        columns=COLUMNS,
    )


def funnel_of(
    funnel: pd.DataFrame,
    periods: list[str],
    rep: str | None = None,
    team: str | None = None,
) -> pd.DataFrame:
    """Return stage, reached and conversion to the next stage of a rep, team or the company.

    The deals of the given periods are added up; conversion is NaN for the last stage and
    where no deal reached the stage.
    """
    scope = REP if rep is not None else TEAM if team is not None else COMPANY
    rows = KpiTable(funnel).rows(scope, periods=periods, rep=rep, team=team)
    out = (
        rows.groupby("stage", observed=False)["reached"]
        .sum()
        .rename_axis("stage")
        .reset_index()
        .astype({"stage": str, "reached": np.int64})
    )
    if rows.empty:
        return out.iloc[0:0].assign(conversion=pd.Series(dtype=float))
    out["conversion"] = conversion(out["reached"].to_numpy())
    return out


def conversion(reached: np.ndarray) -> np.ndarray:
    """Return each stage's conversion to the next along the last axis: reached by the next ÷
    reached by this one (NaN for the last stage and where no deal reached the stage)."""
    reached = np.asarray(reached, dtype=float)
    following = np.full_like(reached, np.nan)
    following[..., :-1] = reached[..., 1:]
    with np.errstate(divide="ignore", invalid="ignore"):
        return following / np.where(reached > 0, reached, np.nan)


def rep_reached(funnel: pd.DataFrame, periods: list[str]) -> dict[str, np.ndarray]:
    """Return per rep with deals in the periods the deals reaching each step: the `reached` of
    `funnel_of` for every rep at once, in one pass over the table."""
    rows = KpiTable(funnel).rows(REP, periods=periods)
    if rows.empty or not isinstance(rows["stage"].dtype, pd.CategoricalDtype):
        return {}
    steps = len(rows["stage"].cat.categories)
    rep, reps = pd.factorize(rows["rep"])
    step = rows["stage"].cat.codes.to_numpy()
    ok = (rep >= 0) & (step >= 0)
    cells = np.bincount(
        rep[ok].astype(np.int64) * steps + step[ok],
        weights=rows["reached"].to_numpy(float)[ok],
        minlength=len(reps) * steps,
    )
    reached = cells.round().astype(np.int64).reshape(len(reps), steps)
    return {str(name): reached[i] for i, name in enumerate(reps)}


def funnel_order(data: Dataset) -> StageOrder | None:
    """Return the stage order of the data's deals and their stage history (None without deals)."""
    deals = data.tables.get(S.DEALS)
    return None if deals is None else stage_order(deals, history_of(data))


def method_note(data: Dataset) -> Say:
    """Return how the funnel was worked out: from the stage history or from current stages."""
    key = "history_note" if history_of(data) is not None else "order_note"
    return Say(f"pipeline.funnel.{key}")


def funnel_note(data: Dataset, order: StageOrder) -> Joined:
    """Return how the stages were put in order and how far deals got was worked out."""
    return joined([order.note, method_note(data)], " ")


def stage_name(stage: str) -> Say | str:
    """Return a funnel step's name as shown: the data's own stage names, `WON_STAGE` a `Say`."""
    return Say("pipeline.won") if stage == WON_STAGE else stage
