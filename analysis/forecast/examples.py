"""The deals as they looked on a past day: what was known then, and whether they were won in time.

A forecast model may only learn from what an export knew on the day it forecasts from. So every
training example is one deal on one past day (a "cut": the 15th and the last day of each month)
that was open on that day, described only with what was known then:

- what is fixed when a deal is created: its amount, source, product, account and rep;
- its age on that day and the days left in the period;
- its stage on that day and how long it had been in it, from the stage history (unknown
  without one: a deal's stage today says nothing about its stage on a past day);
- activities linked to it in the 30 days before, and the days since the last one;
- its account's deals won and lost before that day, and the rep's win rate before that day
  (shrunk toward everyone's, so a rep with few closed deals reads near the average).

The label is whether it was won by the end of that day's period. Nothing that happened after the
cut goes in: `tests/unit/forecast/test_examples.py` plants an outcome-derived column and checks
it is not used, and that shuffled labels give no skill.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from analysis.kpis.cells import build_index
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec, period_bounds, period_labels
from analysis.pipeline.funnel import deal_rows, history_of, stage_order

FEATURES = (
    "amount",
    "age",
    "days_left",
    "source",
    "product",
    "stage",
    "days_in_stage",
    "activities_30",
    "days_since_activity",
    "account_won",
    "account_lost",
    "rep_rate",
)
CATEGORICAL = ("source", "product")
TOP_VALUES = 20  # a source or product beyond the 20 most common counts as "other"
EXAMPLE_POOL = 100_000  # examples described at most (each model trains on a sample of them)
RECENT_DAYS = 30  # "activities in the last 30 days"
RATE_WEIGHT = 20.0  # a rep's win rate is shrunk as if everyone's rate counted for 20 deals
_BLOCK = 1 << 24  # days of one deal/account/rep in a sorted key: row * _BLOCK + day


@dataclass(frozen=True)
class DealFacts:
    """Every deal as integer codes and day numbers, and the stage history and activities by deal."""

    deals: pd.DataFrame  # the data's deals table (same row order as the arrays)
    created: np.ndarray  # day number (float, NaN: unknown)
    closed: np.ndarray  # the day a won or lost deal closed (NaN: open or unknown)
    won: np.ndarray
    is_open: np.ndarray
    amount: np.ndarray
    rep: np.ndarray  # rep position (-1: none); `reps` names them
    team: np.ndarray
    reps: pd.Index
    teams: pd.Index
    rep_team: np.ndarray
    codes: dict[str, np.ndarray]  # source, product, account: codes (-1: missing)
    names: dict[str, list[str]]  # source, product: the names of the codes
    stages: tuple[str, ...]  # open stages in funnel order (their position is the stage feature)
    history: tuple[np.ndarray, np.ndarray, np.ndarray] | None  # key, stage position, first row
    activities: np.ndarray | None  # sorted keys: deal row * _BLOCK + day
    # work done once for these facts: the training examples up to a day (see `examples`)
    memo: dict = dataclasses.field(default_factory=dict, compare=False, repr=False)

    @property
    def has_history(self) -> bool:
        """Return whether a stage history tells each deal's stage on a past day."""
        return self.history is not None


def days_of(values: pd.Series | pd.DatetimeIndex) -> np.ndarray:
    """Return day numbers since 1970 (float; NaN where there is no date)."""
    stamps = pd.to_datetime(pd.Series(values), errors="coerce").astype("datetime64[ns]")
    ns = stamps.to_numpy().view(np.int64).astype(float)
    ns[stamps.isna().to_numpy()] = np.nan
    return np.floor(ns / 86_400e9)


def _codes(values: pd.Series, top: int | None = TOP_VALUES) -> tuple[np.ndarray, list[str]]:
    """Return codes of the most common values (the rest share the code `top`), and their names.

    Values are told apart trimmed and case-folded; each is named as first spelled. The text
    work is done once per distinct value (a million deals have some 170k accounts)."""
    raw, uniques = pd.factorize(values.reset_index(drop=True), use_na_sentinel=True)
    shown = pd.Series(uniques, dtype=object).astype("string").str.strip()
    of_unique, texts = pd.factorize(shown.str.casefold())  # in order of first appearance
    key = np.where(raw >= 0, of_unique[np.maximum(raw, 0)], -1) if len(uniques) else raw
    counts = pd.Series(np.bincount(key[key >= 0], minlength=len(texts)), index=texts)
    counts = counts.sort_values(ascending=False)  # as `value_counts` orders them
    keep = list(counts.index if top is None else counts.index[:top])
    position = pd.Index(texts).get_indexer(keep)
    at = np.full(len(texts) + 1, -1 if top is None else top, dtype=np.int64)
    at[position] = np.arange(len(keep))
    at[-1] = -1  # no value
    codes = at[np.where(key >= 0, key, len(texts))]
    first = pd.Series(of_unique).drop_duplicates()  # each text's first spelling
    spelled = dict(zip(texts[first.to_numpy()], shown.to_numpy()[first.index], strict=True))
    names = [str(spelled[k]) for k in keep]
    return codes, names


def _key(row: np.ndarray, day: np.ndarray) -> np.ndarray:
    return row.astype(np.int64) * _BLOCK + np.nan_to_num(day, nan=0).astype(np.int64)


def _history(data: Dataset, deals: pd.DataFrame, stages: tuple[str, ...]) -> tuple | None:
    history = history_of(data)
    if history is None or S.DEAL_ID not in deals:
        return None
    (row,) = deal_rows(deals[S.DEAL_ID].astype("string").str.strip(), history[S.DEAL_ID])
    day = days_of(history[S.CHANGED_AT])
    ok = (row >= 0) & ~np.isnan(day)
    if not ok.any():
        return None
    first_at: dict[str, int] = {}  # "Offerte" and "offerte" are one stage: its first place
    for at, stage in enumerate(stages):
        first_at.setdefault(stage.casefold(), at)
    found = pd.Index(list(first_at)).get_indexer(
        history[S.STAGE].astype(str).str.strip().str.casefold()
    )
    position = np.where(found >= 0, np.array([*first_at.values(), -1])[found], -1)
    key = _key(row[ok], day[ok])
    order = np.argsort(key, kind="stable")
    key, position = key[order], position[ok][order].astype(float)
    position[position < 0] = np.nan  # won, lost or unknown stages are no open stage
    first = np.searchsorted(key, np.arange(len(deals)) * _BLOCK)
    return key, position, first


def _activities(data: Dataset, deals: pd.DataFrame) -> np.ndarray | None:
    acts = data.tables.get(S.ACTIVITIES)
    if acts is None or S.DEAL_ID not in acts or S.DEAL_ID not in deals:
        return None
    linked = acts[S.DEAL_ID].astype("string").str.strip()
    if not linked.notna().any():
        return None
    (row,) = deal_rows(deals[S.DEAL_ID].astype("string").str.strip(), linked)
    day = days_of(acts[S.DATE])
    ok = (row >= 0) & ~np.isnan(day)
    return np.sort(_key(row[ok], day[ok])) if ok.any() else None


def deal_facts(data: Dataset, spec: PeriodSpec) -> DealFacts:
    """Return the data's deals as codes and day numbers, with their history and activities."""
    deals = data.tables[S.DEALS].reset_index(drop=True)
    status = deals[S.STATUS].astype("string").to_numpy(na_value="")
    closed = days_of(deals[S.CLOSE_DATE])
    if S.LOST_DATE in deals:
        closed = np.where(
            np.isnan(closed) & (status == "lost"), days_of(deals[S.LOST_DATE]), closed
        )
    created = (
        days_of(deals[S.CREATED_DATE]) if S.CREATED_DATE in deals else np.full(len(deals), np.nan)
    )
    idx = build_index(data, spec.whole)
    rep, team = idx.who(S.DEALS, deals)
    codes, names = {}, {}
    for field in (S.SOURCE, S.PRODUCT, S.ACCOUNT):
        column = deals[field] if field in deals else pd.Series(pd.NA, index=deals.index)
        top = None if field == S.ACCOUNT else TOP_VALUES
        codes[field], names[field] = _codes(column, top)
    stages = stage_order(deals, history_of(data)).stages
    return DealFacts(
        deals=deals,
        created=created,
        closed=np.where(np.isin(status, ["won", "lost"]), closed, np.nan),
        won=status == "won",
        is_open=status == "open",
        amount=deals[S.AMOUNT].to_numpy(dtype=float, na_value=np.nan),
        rep=rep,
        team=team,
        reps=idx.reps,
        teams=idx.teams,
        rep_team=idx.rep_team,
        codes=codes,
        names={k: v for k, v in names.items() if k != S.ACCOUNT},
        stages=stages,
        history=_history(data, deals, stages),
        activities=_activities(data, deals),
    )


def period_end_after(cut: float, spec: PeriodSpec) -> tuple[str, float]:
    """Return the period the day after `cut` falls in, and that period's last day number."""
    day = pd.Timestamp(int(cut) + 1, unit="D")
    label = str(period_labels(pd.Series([day]), spec.whole).iloc[0])
    _, after = period_bounds(label, spec.whole)
    return label, float(days_of(pd.Series([after]))[0] - 1)


def cut_days(first: float, last: float) -> np.ndarray:
    """Return the cuts between two day numbers: every 15th and last day of a month."""
    start, stop = pd.Timestamp(int(first), unit="D"), pd.Timestamp(int(last), unit="D")
    ends = pd.date_range(start, stop, freq="ME")
    mids = pd.date_range(start, stop, freq="MS") + pd.Timedelta(days=14)
    days = days_of(pd.Series(ends.append(mids)))
    return np.sort(days[(days >= first) & (days <= last)])


def _alive(facts: DealFacts, cut: float) -> np.ndarray:
    """Return which deals were open on day `cut` (created by then, not closed by then)."""
    return (facts.created <= cut) & (facts.is_open | (facts.closed > cut))


def open_on(facts: DealFacts, cut: float) -> np.ndarray:
    """Return the rows of the deals open on day `cut` (created by then, not closed by then)."""
    return np.flatnonzero(_alive(facts, cut))


def _search(keys: np.ndarray, needles: np.ndarray, side: Literal["left", "right"]) -> np.ndarray:
    """Return `np.searchsorted(keys, needles, side)`, the needles looked up in sorted order
    (a search that walks on from the last one: three times faster on a million deals)."""
    order = np.argsort(needles, kind="stable")
    out = np.empty(len(needles), dtype=np.int64)
    out[order] = np.searchsorted(keys, needles[order], side=side)
    return out


def _closed_by(facts: DealFacts, by: str) -> tuple[np.ndarray, np.ndarray]:
    """Return the closed deals' keys (group * _BLOCK + close day), sorted, and the running count
    of those won (one longer), grouped by "everyone", "rep" or "account": sorted once per facts."""
    found = facts.memo.get(("closed_by", by))
    if found is None:
        group = {"everyone": np.zeros(len(facts.closed), dtype=np.int64), "rep": facts.rep,
                 "account": facts.codes[S.ACCOUNT]}[by]  # fmt: skip
        ok = (group >= 0) & ~np.isnan(facts.closed)
        key = _key(group[ok], facts.closed[ok])
        order = np.argsort(key, kind="stable")
        hits = np.concatenate([[0], np.cumsum(facts.won[ok][order])])
        found = facts.memo[("closed_by", by)] = (key[order], hits)
    return found


def _counts_before(facts: DealFacts, by: str, groups: np.ndarray, days: np.ndarray) -> tuple:
    """Return per (group, day) asked: how many deals of that group (`by`) had closed on or
    before that day, and how many of those were won."""
    key, hits = _closed_by(facts, by)
    hi = _search(key, _key(groups, days), "right")
    lo = _search(key, groups.astype(np.int64) * _BLOCK, "left")
    missing = groups < 0
    return np.where(missing, 0, hi - lo), np.where(missing, 0, hits[hi] - hits[lo])


def _rep_rates(facts: DealFacts, rows: np.ndarray, cuts: np.ndarray) -> np.ndarray:
    """Return each (deal, cut)'s rep win rate before the cut, shrunk toward everyone's then."""
    n_all, won_all = _counts_before(facts, "everyone", np.zeros(len(rows), dtype=np.int64), cuts)
    overall = np.where(n_all > 0, won_all / np.maximum(n_all, 1), np.nan)
    n, won = _counts_before(facts, "rep", facts.rep[rows], cuts)
    return (won + RATE_WEIGHT * overall) / (n + RATE_WEIGHT)


def features(facts: DealFacts, rows: np.ndarray, cuts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Return the FEATURES of each deal row on its cut day (a period ending on `ends`)."""
    x = np.full((len(rows), len(FEATURES)), np.nan)
    col = {name: i for i, name in enumerate(FEATURES)}
    age = cuts - facts.created[rows]
    x[:, col["amount"]] = np.log1p(np.clip(facts.amount[rows], 0, None))
    x[:, col["age"]] = age
    x[:, col["days_left"]] = ends - cuts
    for name in CATEGORICAL:
        code = facts.codes[name][rows].astype(float)
        x[:, col[name]] = np.where(code < 0, np.nan, code)
    if facts.history is not None:
        key, position, first = facts.history
        at = _search(key, _key(rows, cuts), "right") - 1
        mine = (at >= first[rows]) & (at >= 0)
        at = np.clip(at, 0, len(key) - 1)
        x[:, col["stage"]] = np.where(mine, position[at], np.nan)
        x[:, col["days_in_stage"]] = np.where(mine, cuts - key[at] % _BLOCK, np.nan)
    if facts.activities is not None:
        acts = facts.activities
        hi = _search(acts, _key(rows, cuts), "right")
        lo = _search(acts, _key(rows, cuts - RECENT_DAYS), "right")
        x[:, col["activities_30"]] = hi - lo
        last = np.clip(hi - 1, 0, len(acts) - 1)
        mine = (hi > 0) & (acts[last] // _BLOCK == rows)
        x[:, col["days_since_activity"]] = np.where(mine, cuts - acts[last] % _BLOCK, age)
    n, won = _counts_before(facts, "account", facts.codes[S.ACCOUNT][rows], cuts)
    x[:, col["account_won"]], x[:, col["account_lost"]] = won, n - won
    x[:, col["rep_rate"]] = _rep_rates(facts, rows, cuts)
    return x


@dataclass(frozen=True)
class Examples:
    """Training examples: one row per deal open on a cut day, its features and its label."""

    x: np.ndarray
    y: np.ndarray  # won by the end of the cut's period
    rows: np.ndarray  # the deal row of each example
    cuts: np.ndarray
    ends: np.ndarray  # the last day of each example's period
    closed_deals: int = 0  # deals won or lost by the day the examples were known

    def known_by(self, day: float, closed_deals: int) -> Examples:
        """Return the examples whose period ended by `day`, in the same order."""
        keep = self.ends <= day
        return Examples(self.x[keep], self.y[keep], self.rows[keep], self.cuts[keep],
                        self.ends[keep], closed_deals)  # fmt: skip


def _last_day(facts: DealFacts) -> float:
    """Return the last day the facts tell of: a deal created or closed, an activity, a stage."""
    history = facts.history[0] if facts.history is not None else None
    keyed = [keys % _BLOCK for keys in (facts.activities, history) if keys is not None]
    days = [d for d in (facts.created, facts.closed, *keyed) if np.isfinite(d).any()]
    return max((float(np.nanmax(d)) for d in days), default=-np.inf)


def examples(facts: DealFacts, spec: PeriodSpec, known_by: float) -> Examples:
    """Return every deal open on a cut whose period ended by day `known_by`, labelled.

    A forecast and its backtest ask for the examples up to several days: they are built once,
    up to the facts' last day (or a later day asked), and the earlier ones are taken from them.
    An example does not depend on the day asked, only on its cut and its period's end.
    """
    pool = facts.memo.get(("examples", spec))
    if pool is None or pool[0] < known_by:
        upto = max(known_by, _last_day(facts))
        pool = facts.memo[("examples", spec)] = (upto, _examples(facts, spec, upto))
    if pool[0] == known_by:
        return pool[1]
    return pool[1].known_by(known_by, int((facts.closed <= known_by).sum()))


def _examples(facts: DealFacts, spec: PeriodSpec, known_by: float) -> Examples:
    """Return the examples up to `known_by`: every (deal, cut) pair, cut by cut in row order,
    or a seeded sample of `EXAMPLE_POOL` of them, picked without listing every pair first
    (a million deals over three years are open on some 70 cuts: tens of millions of pairs)."""
    first = np.nanmin(facts.created) if np.isfinite(facts.created).any() else known_by
    cuts, ends = [], []
    for cut in cut_days(first, known_by):
        _, end = period_end_after(cut, spec)
        if end <= known_by:
            cuts.append(cut)
            ends.append(end)
    counts = np.array([np.count_nonzero(_alive(facts, cut)) for cut in cuts], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(counts)])
    keep = None
    if offsets[-1] > EXAMPLE_POOL:  # a seeded sample: the model sees no more than this anyway
        keep = np.sort(np.random.default_rng(0).choice(offsets[-1], EXAMPLE_POOL, replace=False))
    parts = []
    for i, cut in enumerate(cuts):
        rows = open_on(facts, cut) if counts[i] else np.empty(0, dtype=np.int64)
        if keep is not None:
            taken = keep[np.searchsorted(keep, offsets[i]) : np.searchsorted(keep, offsets[i + 1])]
            rows = rows[taken - offsets[i]]
        parts.append(rows)
    sizes = [len(p) for p in parts]
    rows = np.concatenate([np.empty(0, dtype=np.int64), *parts])
    cut_of, end_of = (np.repeat(np.array(v, dtype=float), sizes) for v in (cuts, ends))
    label = facts.won[rows] & (facts.closed[rows] <= end_of)
    closed = int((facts.closed <= known_by).sum())
    return Examples(features(facts, rows, cut_of, end_of), label, rows, cut_of, end_of, closed)
