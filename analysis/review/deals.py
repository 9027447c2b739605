"""The deals behind a number: the won, lost, new, open, stalled, slipped and due deals of a scope.

`deals_behind` lists, for a rep, the reps of a team or everybody (`Who`), the deals of one kind
(`KINDS`, codes; their words are `deals.kind.<code>` in the catalogue):

- **won** / **lost**: closed as won (with an amount) or lost, with a close date in the period:
  the deals behind revenue, won deals, deal size, the sales cycle and the win rate
  (`kpis.table`);
- **new**: created in the period, whatever became of them: the deals behind new deals;
- **open**, **stalled**, **slipped**: the open deals of the snapshot on the last day of the
  data, and those `pipeline.snapshot` calls stalled or slipped (its flags, not recomputed);
- **due**: open deals of the snapshot, not slipped, expected to close by the end of the
  period after the one reported (the period the plan is for). Together with the slipped ones
  they are the open deals the plan (`pipeline.planning`) counts on.

A team's deals are those of the reps the KPI table counts in that team, and the deals without
a rep that carry the team's name: the same deals the team's KPIs count. Every frame has
`COLUMNS`, with codes (kind, status) and raw values: written where it is shown
(`review.deal_tables`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.kpis.query import KpiTable
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec, data_span, period_bounds, shift_period
from analysis.pipeline.planning import Plan
from analysis.pipeline.snapshot import Snapshot, snapshot
from analysis.words.message import Joined, Say, fmt, joined

KINDS = ("won", "lost", "new", "open", "stalled", "slipped", "due")
OPEN_KINDS = ("open", "stalled", "slipped", "due")
COLUMNS = [
    "kind",
    "deal_id",
    "deal",
    "account",
    "rep",
    "team",
    "stage",
    "status",  # "won", "lost" or "open"
    "amount",
    "created",
    "close_date",  # the expected close date of an open deal
    "days_open",  # created → closed, or → the last day of the data while open
]
# The deals behind a KPI (Team overview cards, weak spots) and behind a root cause.
BEHIND_KPI = {
    "revenue": "won",
    "target_attainment": "won",
    "won_deals": "won",
    "avg_deal_size": "won",
    "median_deal_size": "won",
    "cycle_days": "won",
    "win_rate": "lost",
    "closed_deals": "lost",
    "new_deals": "new",
    "activities": "new",
    "pipeline_value": "open",
    "pipeline_velocity": "open",
}
# The deals behind a rep's bar on a chart of a KPI (Team overview): the deals the KPI counts.
BEHIND_BAR: dict[str, tuple[str, ...]] = {
    **{key: (kind,) for key, kind in BEHIND_KPI.items()},
    "win_rate": ("won", "lost"),
    "closed_deals": ("won", "lost"),
}
BEHIND_CAUSE = {
    "falling_inquiries": "new",
    "falling_close_rate": "lost",
    "shrinking_deal_size": "won",
    "slowing_cycle": "won",
    "low_activity": "new",
}


@dataclass(frozen=True)
class Who:
    """Whose deals: the reps named (None: everybody's), and the team of deals without a rep."""

    reps: frozenset[str] | None = None
    team: str | None = None


EVERYBODY = Who()


def who(
    table: pd.DataFrame,
    rep: str | None = None,
    team: str | None = None,
    among: Collection[str] | None = None,
) -> Who:
    """Return whose deals a number of the KPI table counts: a rep's, a team's or everybody's.

    `among` narrows to some reps (the reps of a region), and then leaves out deals without a rep.
    """
    if rep is not None:
        return Who(frozenset([rep]))
    if team in (None, S.ALL_TEAMS):
        return EVERYBODY if among is None else Who(frozenset(among))
    reps = set(KpiTable(table).reps(team))
    if among is not None:
        return Who(frozenset(reps & set(among)))
    return Who(frozenset(reps), team)


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame:
        return pd.Series(pd.NA, index=frame.index, dtype="string")
    return frame[column].astype("string").str.strip()


def _dates(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame:
        return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    return pd.to_datetime(frame[column]).astype("datetime64[ns]")


def _mine(rep: pd.Series, team: pd.Series, scope: Who) -> np.ndarray:
    """Return per deal whether it belongs to the scope."""
    if scope.reps is None:
        return np.ones(len(rep), dtype=bool)
    mine = rep.isin(scope.reps).fillna(False).to_numpy(bool, copy=True)
    if scope.team is not None:
        own = (rep.isna() & (team == scope.team)).fillna(False).to_numpy(bool)
        mine |= own
    return mine


def empty() -> pd.DataFrame:
    """Return a frame of no deals with `COLUMNS` and their types."""
    day = "datetime64[ns]"
    types = {"amount": float, "created": day, "close_date": day, "days_open": float}
    return pd.DataFrame(columns=COLUMNS).astype(types)


def _closed_or_new(data: Dataset, spec: PeriodSpec, period: str, kind: str) -> pd.DataFrame:
    """Return the won, lost or new deals of the period, every deal's fields as the data has them."""
    deals = data.tables.get(S.DEALS)
    span = data_span(data)
    if deals is None or span is None or (kind == "new" and S.CREATED_DATE not in deals):
        return empty()
    start, end = period_bounds(period, spec)
    created, close = _dates(deals, S.CREATED_DATE), _dates(deals, S.CLOSE_DATE)
    status = deals[S.STATUS].astype(object)
    amount = pd.to_numeric(deals[S.AMOUNT], errors="coerce").astype(float)
    if kind == "new":
        pick = (created >= start) & (created < end)
    else:
        pick = (status == kind) & (close >= start) & (close < end)
        pick &= amount.notna() if kind == "won" else True  # as revenue and won deals count
    pick = pick.fillna(False).to_numpy(bool)  # the period's deals only: the text is per deal
    deals, created, close, status, amount = (
        x[pick] for x in (deals, created, close, status, amount)
    )
    ended = close.where(status.isin(["won", "lost"]), span[1])
    days = (ended.dt.normalize() - created.dt.normalize()).dt.days
    frame = pd.DataFrame(
        {
            "kind": kind,
            "deal_id": _text(deals, S.DEAL_ID),
            "deal": _text(deals, S.DEAL_NAME),
            "account": _text(deals, S.ACCOUNT),
            "rep": _text(deals, S.REP),
            "team": _text(deals, S.TEAM),
            "stage": _text(deals, S.STAGE),
            "status": status,
            "amount": amount,
            "created": created,
            "close_date": close,
            "days_open": days.where(days >= 0).astype(float),
        },
        columns=COLUMNS,
    )
    by = ["created", "amount"] if kind == "new" else ["close_date", "amount"]
    return frame.sort_values(by, ascending=False, kind="stable")


def _open(
    snap: Snapshot, spec: PeriodSpec, period: str, kind: str, due: str | None, scope: Who
) -> pd.DataFrame:
    """Return the open deals of the snapshot of one kind (open, stalled, slipped or due) of
    a scope."""
    deals = snap.open
    deals = deals[_mine(deals["rep"], deals["team"], scope)]
    if kind == "stalled":
        deals = deals[deals["stalled"]]
    elif kind == "slipped":
        deals = deals[deals["slipped"]]
    elif kind == "due":
        end = period_bounds(due or shift_period(period, spec, 1), spec)[1]
        deals = deals[~deals["slipped"] & (deals["expected_close"] < end)]
    frame = pd.DataFrame(
        {
            "kind": kind,
            "deal_id": deals["deal_id"],
            "deal": deals["deal"],
            "account": deals["account"],
            "rep": deals["rep"],
            "team": deals["team"],
            "stage": deals["stage"].astype("string"),
            "status": "open",
            "amount": deals["amount"].astype(float),
            "created": deals["created"],
            "close_date": deals["expected_close"],
            "days_open": deals["age_days"].astype(float),
        },
        columns=COLUMNS,
    )
    if kind in ("slipped", "due"):  # the longest overdue, the soonest due first
        return frame.sort_values(["close_date", "amount"], ascending=[True, False], kind="stable")
    return frame.sort_values("amount", ascending=False, kind="stable")


def deals_behind(
    data: Dataset,
    spec: PeriodSpec,
    period: str,
    kind: str,
    scope: Who = EVERYBODY,
    snap: Snapshot | None = None,
    due_period: str | None = None,
) -> pd.DataFrame:
    """Return the deals of one kind (`KINDS`) of a scope in a period, as `COLUMNS`.

    `snap` is the open-deal snapshot (made when not given); `due_period` the period "due"
    deals close by (default: the one after `period`).
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if kind in OPEN_KINDS:
        frame = _open(snap or snapshot(data), spec, period, kind, due_period, scope)
    else:
        frame = _closed_or_new(data, spec, period, kind)
    frame = frame[_mine(frame["rep"], frame["team"], scope)]
    return frame.reset_index(drop=True) if len(frame) else empty()


def deals_of_kinds(
    data: Dataset,
    spec: PeriodSpec,
    period: str,
    kinds: tuple[str, ...],
    scope: Who = EVERYBODY,
    snap: Snapshot | None = None,
    due_period: str | None = None,
) -> pd.DataFrame:
    """Return the deals of several kinds (`KINDS`) of a scope in a period, as `COLUMNS`.

    Closed deals come the latest closed first (won and lost mixed: the deals of a win rate).
    """
    frames = [deals_behind(data, spec, period, k, scope, snap, due_period) for k in kinds]
    frames = [f for f in frames if len(f)]
    if len(frames) < 2:
        return frames[0] if frames else empty()
    both = pd.concat(frames, ignore_index=True)
    if set(kinds) <= {"won", "lost"}:
        both = both.sort_values(["close_date", "amount"], ascending=False, kind="stable")
    return both.reset_index(drop=True)


@dataclass(frozen=True, eq=False)
class RepDeals:
    """What a one-to-one needs of a rep's deals: lost, due, slipped, and the rep's plan."""

    rep: str
    period: str  # the period reported on (lost deals are of this period)
    due_period: str  # the period the due deals close by (the plan's)
    lost: pd.DataFrame  # COLUMNS
    due: pd.DataFrame
    slipped: pd.DataFrame
    plan: dict[str, object] | None  # the rep's row of `Plan.reps`, None without a target
    target_period: str | None  # the period the plan took the rep's target from


def rep_deals(
    data: Dataset, spec: PeriodSpec, period: str, rep: str, snap: Snapshot, plan: Plan
) -> RepDeals:
    """Return a rep's lost deals of the period, open deals due and slipped, and the rep's plan."""
    due_period = plan.period or shift_period(period, spec, 1)
    mine = Who(frozenset([rep]))

    def of(kind: str) -> pd.DataFrame:
        return deals_behind(data, spec, period, kind, mine, snap, due_period)

    rows = plan.reps[plan.reps["rep"] == rep]
    row = rows.iloc[0].to_dict() if len(rows) else None
    return RepDeals(
        rep, period, due_period, of("lost"), of("due"), of("slipped"), row, plan.target_period
    )


PLAN_SAYS = {
    "target met": "met",
    "covered": "covered",
    "short": "short",
    "no history": "no_history",
}


def plan_said(deals: RepDeals, currency: str | None) -> Say | Joined:
    """Return the gap to the next target in one sentence, from the plan's own numbers."""
    row, period = deals.plan, deals.due_period
    if row is None:
        return Say("deals.plan.no_target", rep=deals.rep, period=period)

    def money(column: str) -> object:
        return fmt("money", row[column], currency=currency)

    def count(column: str) -> object:
        return fmt("number", row[column])

    key = PLAN_SAYS.get(str(row["status"]), "short")
    said = Say(
        f"deals.plan.{key}",
        period=period, target=money("target"), won=money("won_so_far"),
        **({} if key == "met" else {"still": money("still_to_win"), "due": count("open_deals"),
                                   "value": money("open_value")}),
        **({"expected": money("expected"), "rate": fmt("percent", row["win_rate"])}
           if key in ("covered", "short") else {}),
        **({"gap": money("gap"), "wins": count("won_needed"), "size": money("deal_size"),
            "new": count("new_needed")} if key == "short" else {}),
    )  # fmt: skip
    if deals.target_period in (None, period):
        return said
    return joined([said, Say("deals.plan.fallback", period=period, used=deals.target_period)], " ")
