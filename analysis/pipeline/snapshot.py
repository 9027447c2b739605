"""The open pipeline as the export shows it: stages, age, slipped and stalled deals.

The snapshot is taken on the last day the data covers (`periods.data_span`), not today: an
export is a picture of one day, and deals look slipped or stalled only against that day.

- **Slipped**: open, and the expected close date is before that day.
- **Stalled**: open, and nothing happened to it (no stage change in the stage history, no
  activity linked to it, not created) for longer than the rep usually takes to move a deal on
  from that stage: the time within which 3 in 4 of the rep's deals left the stage, from the
  stage history (the team's or everyone's when the rep has fewer than `MIN_STAGE_MOVES`).
  Without a stage history that time is the rep's 75th-percentile sales cycle split evenly over
  the open stages. Without a stage history *and* without activities linked to deals, nothing
  tells how long a deal has gone without news: its age since creation is no such measure, so a
  deal is stalled only when it has been open longer than the rep's whole usual cycle
  ("whole_cycle"), and the rule says what would let stalled deals be judged by stage. Without
  created dates nothing can be called stalled.
- **Age**: days from created to that day, in `AGE_BANDS`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import data_span
from analysis.pipeline.funnel import StageOrder, deal_rows, history_of, stage_order
from analysis.read.stages import stage_status
from analysis.words.message import Say, joined

MIN_STAGE_MOVES = 8  # stage moves of a rep needed to trust their own usual time in a stage
MIN_USUAL_DAYS = 7.0  # a deal is never stalled after less than a week without news
USUAL_SHARE = 0.75  # "usual": the time within which 3 in 4 deals moved on
AGE_BANDS = ((30, "0–30 days"), (60, "31–60 days"), (90, "61–90 days"), (180, "91–180 days"))
OLDEST_BAND = "over 180 days"
AGE_ORDER = [label for _, label in AGE_BANDS] + [OLDEST_BAND]
NO_STAGE = "No stage"
OPEN_COLUMNS = [
    "deal_id",
    "deal",
    "account",
    "rep",
    "team",
    "stage",
    "amount",
    "created",
    "expected_close",
    "age_days",
    "age_band",
    "last_news",
    "idle_days",
    "usual_days",
    "slipped",
    "overdue_days",
    "stalled",
]


@dataclass(frozen=True)
class Snapshot:
    """The open deals on the day the data ends, with how stalled was decided."""

    as_of: pd.Timestamp | None
    open: pd.DataFrame  # OPEN_COLUMNS, one row per open deal
    stages: tuple[str, ...]  # funnel order of the open stages (NO_STAGE last when used)
    has_history: bool
    stalled_rule: tuple[str, tuple[str, ...]] = ("", ())  # (how, news kinds): keys of the words

    @property
    def stalled_basis(self) -> Say | None:
        """Return how "stalled" was decided (None when it could not be)."""
        return stalled_text(*self.stalled_rule)


def stalled_text(how: str, news: tuple[str, ...]) -> Say | None:
    """Return the stalled rule: `how` is 'history', 'cycle', 'whole_cycle', 'unknown' or ''."""
    if not how:
        return None
    if how in ("unknown", "whole_cycle"):
        return Say(f"pipeline.rule.{how}")
    usual = Say(f"pipeline.rule.{how}")
    kinds = joined([Say(f"pipeline.rule.news.{k}") for k in news], "pipeline.rule.or")
    return Say("pipeline.rule.no_news", what=kinds, how=usual)


OPEN_TEXTS = {"deal": S.DEAL_NAME, "account": S.ACCOUNT, "rep": S.REP, "team": S.TEAM}


def _text(deals: pd.DataFrame, column: str, rows: np.ndarray | None = None) -> pd.Series:
    """Return a column as stripped text, of the `rows` only when given (a boolean mask)."""
    index = deals.index if rows is None else deals.index[rows]
    if column not in deals:
        return pd.Series(pd.NA, index=index, dtype="string")
    values = deals[column] if rows is None else deals[column][rows]
    return values.astype("string").str.strip()


def _dates(frame: pd.DataFrame | None, column: str, index: pd.Index) -> pd.Series:
    if frame is None or column not in frame:
        return pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
    return pd.to_datetime(frame[column]).astype("datetime64[ns]")


def stage_moves(
    deal_row: np.ndarray, stage: np.ndarray, is_open: np.ndarray, changed: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return every finished stay of a deal in an open stage: deal row, stage code, days.

    `deal_row`, `stage` (codes) and `changed` (datetime64[ns]) are per history row; `is_open`
    tells per stage code whether it is an open stage. A stay ends when the deal's next row
    (in time) comes.
    """
    ns = changed.astype("datetime64[ns]").view(np.int64)
    step = np.diff(deal_row)
    in_order = bool((step >= 0).all() and (np.diff(ns)[step == 0] >= 0).all())
    order = slice(None) if in_order else np.lexsort((ns, deal_row))  # exports are often sorted
    row, code, t = deal_row[order], stage[order], ns[order]
    same = (row[1:] == row[:-1]) & (row[:-1] >= 0) & is_open[code[:-1]]
    days = (t[1:] - t[:-1]) / 86_400e9
    return row[:-1][same], code[:-1][same], days[same]


def _usual_by_stage(
    moves: tuple[np.ndarray, np.ndarray, np.ndarray], who: pd.DataFrame, open_keys: pd.DataFrame
) -> np.ndarray:
    """Return per open deal the usual days in its stage: the rep's, else the team's, else all's.

    `who` has integer rep and team codes per deals row; `open_keys` has rep, team and stage
    codes per open deal.
    """
    row, code, days = moves
    if not len(days):
        return np.full(len(open_keys), np.nan)
    stays = pd.DataFrame(
        {"rep": who["rep"].to_numpy()[row], "team": who["team"].to_numpy()[row], "stage": code,
         "days": days}
    )  # fmt: skip

    def usual(by: list[str]) -> np.ndarray:
        grouped = stays[stays[by[0]] >= 0].groupby(by)["days"]
        table = pd.DataFrame({"usual": grouped.quantile(USUAL_SHARE), "n": grouped.size()})
        table = table[table["n"] >= MIN_STAGE_MOVES]
        return open_keys.merge(table, left_on=by, right_index=True, how="left")["usual"].to_numpy()

    value = usual(["rep", "stage"])
    for by in (["team", "stage"], ["stage"]):
        value = np.where(np.isnan(value), usual(by), value)
    return np.where(np.isnan(value), float(np.quantile(days, USUAL_SHARE)), value)


def _usual_from_cycle(deals: pd.DataFrame, stages: int, is_open: np.ndarray) -> np.ndarray:
    """Return per open deal its rep's 75th-percentile won cycle ÷ the number of open stages."""
    won = deals[S.STATUS] == "won"
    cycle = (deals[S.CLOSE_DATE] - deals[S.CREATED_DATE]).dt.days.where(won)
    cycle = cycle.where(cycle >= 0)
    rep = _text(deals, S.REP).fillna("")
    per_rep = cycle.groupby(rep).quantile(USUAL_SHARE)
    counts = cycle.groupby(rep).count()
    per_rep = per_rep.where(counts >= MIN_STAGE_MOVES)
    everyone = float(cycle.quantile(USUAL_SHARE)) if cycle.notna().any() else np.nan
    # astype: mapping an empty text column gives text, even through an empty number lookup
    usual = rep[is_open].map(per_rep).astype(float).fillna(everyone) / max(stages, 1)
    return usual.to_numpy()


def _no_open_deals() -> pd.DataFrame:
    """Return an empty open-deals table whose columns have their usual types.

    Untyped (object) empty columns break boolean selection: `rows[rows["slipped"]]` would pick
    columns, not rows, and lose "amount".
    """
    day = "datetime64[ns]"
    return pd.DataFrame(columns=OPEN_COLUMNS).astype(
        {
            "amount": float,
            "created": day,
            "expected_close": day,
            "age_days": float,
            "last_news": day,
            "idle_days": float,
            "usual_days": float,
            "slipped": bool,
            "overdue_days": float,
            "stalled": bool,
        }
    )


def _news(
    data: Dataset, ids: pd.Series, created: pd.Series, history: pd.DataFrame | None
) -> tuple[list[np.ndarray], np.ndarray, list[str]]:
    """Return the deals row of each stage change and activity, each deal's last news (ns since
    the epoch: its created date, its last stage change or linked activity) and what counted."""
    acts = data.tables.get(S.ACTIVITIES)
    sources = []  # (deal ids, dates, what they are) of everything that counts as news
    if history is not None:
        sources.append((history[S.DEAL_ID], history[S.CHANGED_AT], "stages"))
    if acts is not None and S.DEAL_ID in acts and bool(acts[S.DEAL_ID].notna().any()):
        linked = acts[S.DEAL_ID].astype("string").str.strip()
        sources.append((linked, acts[S.DATE], "activities"))
    rows = deal_rows(ids, *[source[0] for source in sources]) if sources else []
    news = created.to_numpy("datetime64[ns]").view(np.int64).copy()  # NaT is the smallest
    for row, (_, when, _) in zip(rows, sources, strict=True):
        ns = pd.to_datetime(when).to_numpy("datetime64[ns]").view(np.int64)
        ok = row >= 0
        np.maximum.at(news, row[ok], ns[ok])
    return rows, news, [what for _, _, what in sources]


def _usual_days(
    deals: pd.DataFrame, history: pd.DataFrame | None, stage: pd.Series, is_open: np.ndarray,
    rows: list[np.ndarray], stages: int,
) -> tuple[np.ndarray, str]:  # fmt: skip
    """Return per open deal the usual days in its stage (`stage`: of the open deals), and how:
    'history', 'cycle' or ''."""
    if history is not None:
        codes, uniques = pd.factorize(pd.concat([history[S.STAGE], stage], ignore_index=True))
        closes = np.array([stage_status(str(u)) in ("won", "lost") for u in uniques] + [True])
        who = pd.DataFrame({"rep": pd.factorize(_text(deals, S.REP))[0],
                            "team": pd.factorize(_text(deals, S.TEAM))[0]})  # fmt: skip
        moves = stage_moves(rows[0], codes[: len(history)], ~closes,
                            history[S.CHANGED_AT].to_numpy("datetime64[ns]"))  # fmt: skip
        keys = who[is_open].assign(stage=codes[len(history) :])
        return _usual_by_stage(moves, who, keys.reset_index(drop=True)), "history"
    if S.CREATED_DATE in deals and not rows:  # no news of any kind: the whole cycle
        return _usual_from_cycle(deals, 1, is_open), "whole_cycle"
    if S.CREATED_DATE in deals:
        return _usual_from_cycle(deals, stages, is_open), "cycle"
    return np.full(int(is_open.sum()), np.nan), ""


def snapshot(data: Dataset, order: StageOrder | None = None) -> Snapshot:
    """Return the open deals on the last day of the data: stage, age, slipped, stalled."""
    deals = data.tables.get(S.DEALS)
    span = data_span(data)
    if deals is None or span is None:
        return Snapshot(None, _no_open_deals(), (), False)
    as_of = span[1]
    history = history_of(data)
    order = order or stage_order(deals, history)
    is_open = (deals[S.STATUS] == "open").to_numpy(bool)
    stages = order.stages if order else ()
    stage = _text(deals, S.STAGE, is_open)  # every column of the open deals only (a third)
    stage = stage.where(stage.isin(stages), NO_STAGE) if stages else stage.fillna(NO_STAGE)
    created = _dates(deals, S.CREATED_DATE, deals.index)
    ids = _text(deals, S.DEAL_ID)
    rows, news, basis = _news(data, ids, created, history)
    frame = pd.DataFrame(
        {
            "deal_id": ids[is_open],
            **{key: _text(deals, column, is_open) for key, column in OPEN_TEXTS.items()},
            "stage": stage,
            "amount": pd.to_numeric(deals[S.AMOUNT][is_open], errors="coerce").astype(float),
            "created": created[is_open],
            "expected_close": _dates(deals, S.CLOSE_DATE, deals.index)[is_open],
        }
    )
    frame["usual_days"], how = _usual_days(deals, history, stage, is_open, rows, len(stages))
    if how and len(frame) and frame["usual_days"].isna().all():
        how = "unknown"  # e.g. every won deal closed before it was created (a bulk-load date)
    frame["usual_days"] = frame["usual_days"].clip(lower=MIN_USUAL_DAYS)
    age = (as_of - frame["created"].dt.normalize()).dt.days  # whole days: as_of is a date
    frame["age_days"] = age.where(age >= 0)
    bands = [0, *[limit for limit, _ in AGE_BANDS], np.inf]
    frame["age_band"] = pd.cut(
        frame["age_days"], bands, labels=AGE_ORDER, include_lowest=True, ordered=True
    )
    frame["last_news"] = pd.to_datetime(news[is_open].view("datetime64[ns]"))
    frame["idle_days"] = (as_of - frame["last_news"].dt.normalize()).dt.days.clip(lower=0)
    overdue = (as_of - frame["expected_close"]).dt.days
    frame["slipped"] = (overdue > 0).fillna(False).astype(bool)
    frame["overdue_days"] = overdue.where(frame["slipped"])
    frame["stalled"] = (frame["idle_days"] > frame["usual_days"]).fillna(False).astype(bool)
    order_of = list(stages) + ([NO_STAGE] if (frame["stage"] == NO_STAGE).any() else [])
    frame["stage"] = pd.Categorical(frame["stage"], order_of, ordered=True)
    rule = (how, tuple(basis))
    frame = frame.sort_values(["rep", "stage", "amount"], ascending=[True, True, False])
    open_ = frame[OPEN_COLUMNS].reset_index(drop=True)
    return Snapshot(as_of, open_, tuple(order_of), history is not None, rule)


def by_stage(snap: Snapshot, by: str | None = None) -> pd.DataFrame:
    """Return open deals and their value per stage (and per rep or team when `by` is given)."""
    keys = ([by] if by else []) + ["stage"]
    grouped = snap.open.groupby(keys, observed=False, dropna=False)
    out = grouped.agg(deals=("amount", "size"), value=("amount", "sum")).reset_index()
    return out[out["deals"] > 0].reset_index(drop=True) if by else out


def by_age(snap: Snapshot) -> pd.DataFrame:
    """Return open deals and their value per age band, the slipped and stalled among them."""
    grouped = snap.open.groupby("age_band", observed=False)
    return grouped.agg(
        deals=("amount", "size"),
        value=("amount", "sum"),
        slipped=("slipped", "sum"),
        stalled=("stalled", "sum"),
    ).reset_index()
