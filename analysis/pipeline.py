"""The open pipeline as the export shows it: stages, age, slipped and stalled deals.

The snapshot is taken on the last day the data covers (`periods.data_span`), not today: an
export is a picture of one day, and deals look slipped or stalled only against that day.

- **Slipped**: open, and the expected close date is before that day.
- **Stalled**: open, and nothing happened to it (no stage change in the stage history, no
  activity linked to it, not created) for longer than the rep usually takes to move a deal on
  from that stage: the time within which 3 in 4 of the rep's deals left the stage, from the
  stage history (the team's or everyone's when the rep has fewer than `MIN_STAGE_MOVES`).
  Without a stage history that time is the rep's 75th-percentile sales cycle split evenly over
  the open stages; without created dates nothing can be called stalled.
- **Age**: days from created to that day, in `AGE_BANDS`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import schema as S
from analysis.dataset import Dataset
from analysis.funnel import StageOrder, funnel_order, history_of
from analysis.periods import data_span
from analysis.stages import stage_status

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
    stalled_basis: str  # how "stalled" was decided, in words; "" when it could not be
    has_history: bool


def _text(deals: pd.DataFrame, column: str) -> pd.Series:
    if column not in deals:
        return pd.Series(pd.NA, index=deals.index, dtype="string")
    return deals[column].astype("string").str.strip()


def _dates(frame: pd.DataFrame | None, column: str, index: pd.Index) -> pd.Series:
    if frame is None or column not in frame:
        return pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
    return pd.to_datetime(frame[column]).astype("datetime64[ns]")


def stage_moves(history: pd.DataFrame, deals: pd.DataFrame) -> pd.DataFrame:
    """Return every finished stay of a deal in an open stage: deal id, rep, team, stage, days."""
    columns = ["deal_id", "rep", "team", "stage", "days"]
    if history is None or history.empty:
        return pd.DataFrame(columns=columns)
    h = history.reset_index(drop=True)
    open_stage = ~h[S.STAGE].map(lambda name: stage_status(str(name)) in ("won", "lost"))
    same = ((h[S.DEAL_ID].shift(-1) == h[S.DEAL_ID]).fillna(False) & open_stage).to_numpy(bool)
    days = (h[S.CHANGED_AT].shift(-1) - h[S.CHANGED_AT]).dt.total_seconds() / 86_400
    moves = h[same].assign(days=days[same])
    ids = _text(deals, S.DEAL_ID)
    owner = pd.DataFrame({"rep": _text(deals, S.REP), "team": _text(deals, S.TEAM)})
    owner.index = ids.to_numpy(object)
    owner = owner[~owner.index.duplicated()]
    moves = moves.join(owner, on=S.DEAL_ID)
    return moves.rename(columns={S.DEAL_ID: "deal_id", S.STAGE: "stage"})[columns].reset_index(
        drop=True
    )


def _usual_by_stage(moves: pd.DataFrame, deals: pd.DataFrame) -> pd.DataFrame:
    """Return the usual days in a stage per (rep, stage), falling back to team and everyone."""
    keys = ["rep", "team", "stage"]
    own = deals[keys].drop_duplicates()
    if moves.empty:
        return own.assign(usual_days=np.nan)

    def usual(by: list[str]) -> pd.DataFrame:
        grouped = moves.groupby(by, observed=True)["days"]
        out = grouped.quantile(USUAL_SHARE).rename("days").to_frame()
        out["n"] = grouped.size()
        return out[out["n"] >= MIN_STAGE_MOVES]["days"].reset_index()

    rep = own.merge(usual(["rep", "stage"]), on=["rep", "stage"], how="left")["days"]
    team = own.merge(usual(["team", "stage"]), on=["team", "stage"], how="left")["days"]
    everyone = own.merge(usual(["stage"]), on="stage", how="left")["days"]
    overall = float(moves["days"].quantile(USUAL_SHARE))
    value = rep.fillna(team).fillna(everyone).fillna(overall).to_numpy()
    return own.assign(usual_days=value)


def _usual_from_cycle(deals: pd.DataFrame, stages: int) -> pd.Series:
    """Return per deal its rep's 75th-percentile won cycle ÷ the number of open stages."""
    won = deals[S.STATUS] == "won"
    cycle = (deals[S.CLOSE_DATE] - deals[S.CREATED_DATE]).dt.days.where(won)
    cycle = cycle.where(cycle >= 0)
    rep = _text(deals, S.REP).fillna("")
    per_rep = cycle.groupby(rep).quantile(USUAL_SHARE)
    counts = cycle.groupby(rep).count()
    per_rep = per_rep.where(counts >= MIN_STAGE_MOVES)
    everyone = float(cycle.quantile(USUAL_SHARE)) if cycle.notna().any() else np.nan
    return rep.map(per_rep).fillna(everyone) / max(stages, 1)


def snapshot(data: Dataset, order: StageOrder | None = None) -> Snapshot:
    """Return the open deals on the last day of the data: stage, age, slipped, stalled."""
    deals = data.tables.get(S.DEALS)
    span = data_span(data)
    if deals is None or span is None:
        return Snapshot(None, pd.DataFrame(columns=OPEN_COLUMNS), (), "", False)
    as_of = span[1]
    order = order or funnel_order(data)
    history = history_of(data)
    is_open = (deals[S.STATUS] == "open").to_numpy(bool)
    stages = order.stages if order else ()
    stage = _text(deals, S.STAGE)
    stage = stage.where(stage.isin(stages), NO_STAGE) if stages else stage.fillna(NO_STAGE)
    created = _dates(deals, S.CREATED_DATE, deals.index)
    ids = _text(deals, S.DEAL_ID)
    news = created.copy()
    basis = []
    if history is not None:
        changed = history.groupby(S.DEAL_ID)[S.CHANGED_AT].max()
        news = pd.concat([news, ids.map(changed).astype("datetime64[ns]")], axis=1).max(axis=1)
        basis.append("stage changes")
    acts = data.tables.get(S.ACTIVITIES)
    if acts is not None and S.DEAL_ID in acts and acts[S.DEAL_ID].notna().any():
        touched = acts.groupby(acts[S.DEAL_ID].astype("string").str.strip())[S.DATE].max()
        news = pd.concat([news, ids.map(touched).astype("datetime64[ns]")], axis=1).max(axis=1)
        basis.append("activities linked to the deal")
    frame = pd.DataFrame(
        {
            "deal_id": ids,
            "deal": _text(deals, S.DEAL_NAME),
            "account": _text(deals, S.ACCOUNT),
            "rep": _text(deals, S.REP),
            "team": _text(deals, S.TEAM),
            "stage": stage,
            "amount": pd.to_numeric(deals[S.AMOUNT], errors="coerce").astype(float),
            "created": created,
            "expected_close": _dates(deals, S.CLOSE_DATE, deals.index),
        }
    )[is_open]
    if history is not None:
        usual = _usual_by_stage(stage_moves(history, deals), frame)
        frame = frame.merge(usual, on=["rep", "team", "stage"], how="left")
        how = "the time within which 3 in 4 of the rep's deals moved on from that stage"
    elif S.CREATED_DATE in deals:
        frame["usual_days"] = _usual_from_cycle(deals, len(stages)).to_numpy()[is_open]
        how = (
            "the rep's usual sales cycle (3 in 4 won deals closed within it) split over the stages"
        )
    else:
        frame["usual_days"] = np.nan
        how = ""
    frame["usual_days"] = frame["usual_days"].clip(lower=MIN_USUAL_DAYS)
    age = (as_of - frame["created"]).dt.days
    frame["age_days"] = age.where(age >= 0)
    bands = [0, *[limit for limit, _ in AGE_BANDS], np.inf]
    frame["age_band"] = pd.cut(
        frame["age_days"], bands, labels=AGE_ORDER, include_lowest=True, ordered=True
    )
    frame["last_news"] = news[is_open].to_numpy()
    frame["idle_days"] = (as_of - frame["last_news"]).dt.days.clip(lower=0)
    overdue = (as_of - frame["expected_close"]).dt.days
    frame["slipped"] = (overdue > 0).fillna(False).astype(bool)
    frame["overdue_days"] = overdue.where(frame["slipped"])
    frame["stalled"] = (frame["idle_days"] > frame["usual_days"]).fillna(False).astype(bool)
    order_of = list(stages) + ([NO_STAGE] if (frame["stage"] == NO_STAGE).any() else [])
    frame["stage"] = pd.Categorical(frame["stage"], order_of, ordered=True)
    text = ""
    if how:
        since = " or ".join(basis) or "no news since the deal was created"
        text = f"No news ({since}) for longer than {how}, and at least a week."
    frame = frame.sort_values(["rep", "stage", "amount"], ascending=[True, True, False])
    return Snapshot(as_of, frame[OPEN_COLUMNS].reset_index(drop=True), tuple(order_of), text,
                    history is not None)  # fmt: skip


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


def attention(snap: Snapshot) -> pd.DataFrame:
    """Return the slipped or stalled open deals, biggest first: the deals to talk about."""
    rows = snap.open[snap.open["slipped"] | snap.open["stalled"]]
    return rows.sort_values("amount", ascending=False, kind="stable").reset_index(drop=True)
