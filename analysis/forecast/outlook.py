"""Where the period ahead lands: the forecast of every rep, team and the company, and its proof.

The period forecast is the one the deals' last day (a close or created date) falls in, or the next one when that day closes
a period. The method is the model when it could be trained and beat the baseline in the
backtest; otherwise the baseline (each rep's win rate before that day), and `why` says which
case it is: "better" (the model won the backtest), "not_better", "short_history" (too little
history to train a model or to test one), "no_created" (no created dates: a deal's age and
whether it was open on a past day are unknown).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.forecast.backtest import Backtest, backtest, no_backtest, reliability
from analysis.forecast.chances import reasons, typical
from analysis.forecast.examples import FEATURES, days_of, deal_facts, examples, period_end_after
from analysis.forecast.landing import Landing, groups_of, land, membership
from analysis.kpis.table import targets_of
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec, period_bounds

SCOPE_COLUMNS = [
    "scope", "team", "rep", "won_so_far", "from_open", "from_new", "expected", "p10", "p50", "p90",
    "target", "chance_of_target", "open_deals",
]  # fmt: skip
DEAL_COLUMNS = [
    "deal_id", "deal", "account", "rep", "team", "stage", "amount", "expected_close",
    "probability", "baseline", "reasons", "age", "days_since_activity", "source", "product",
    "account_won",
    "rep_rate", "days_in_stage",
]  # fmt: skip


@dataclass(frozen=True)
class Forecast:
    """The period ahead per rep, team and company, its open deals, and how it was tested."""

    period: str
    as_of: pd.Timestamp
    method: str  # "model" or "baseline"
    why: str  # "better", "not_better", "short_history" or "no_created"
    scopes: pd.DataFrame  # SCOPE_COLUMNS: reps, then teams, then the company ("all")
    deals: pd.DataFrame  # DEAL_COLUMNS, the open deals, largest expected value first
    backtest: Backtest
    reliability: pd.DataFrame  # the backtest's deals by band of predicted chance

    @property
    def company(self) -> pd.Series:
        """Return the company's row of `scopes`."""
        return self.scopes[self.scopes["scope"] == "all"].iloc[0]


def _method(landing: Landing, tested: Backtest) -> tuple[str, str]:
    model, base = tested.mean_error("model"), tested.mean_error("baseline")
    if landing.chances is None or model is None or base is None:
        return "baseline", "short_history"
    return ("model", "better") if model < base else ("baseline", "not_better")


def _scopes(data: Dataset, spec: PeriodSpec, landing: Landing, facts) -> pd.DataFrame:
    reps, teams = len(facts.reps), len(facts.teams)
    size = reps + teams + 1
    row = np.arange(size)
    scope = np.where(row < reps, "rep", np.where(row < reps + teams, "team", "all"))
    team_of = np.where(
        row < reps, facts.rep_team[np.minimum(row, reps)], np.where(scope == "team", row - reps, -1)
    )
    names = np.append(facts.teams.to_numpy(object), None)
    weights = membership(facts)
    open_value = np.bincount(
        groups_of(facts)[landing.rows],
        landing.chance * np.nan_to_num(facts.amount[landing.rows]),
        size,
    )
    open_count = np.bincount(groups_of(facts)[landing.rows], minlength=size)
    q = landing.quantiles()
    targets = targets_of(data, spec.whole, landing.period)
    target = targets["target"].to_numpy(float) if len(targets) == size else np.full(size, np.nan)
    frame = pd.DataFrame(
        {
            "scope": scope,
            "team": names[team_of],
            "rep": np.where(
                row < reps,
                np.append(facts.reps.to_numpy(object), None)[np.minimum(row, reps)],
                None,
            ),
            "won_so_far": landing.won_so_far,
            "from_open": open_value @ weights,
            "from_new": landing.new.expected @ weights,
            "p10": q[:, 0],
            "p50": q[:, 1],
            "p90": q[:, 2],
            "target": target,
            "open_deals": (open_count @ weights).astype(int),
        }
    )
    frame["expected"] = frame["won_so_far"] + frame["from_open"] + frame["from_new"]
    landed = landing.draws + landing.won_so_far
    with np.errstate(invalid="ignore"):
        hit = (landed >= np.where(target > 0, target, np.nan)).mean(axis=0)
    frame["chance_of_target"] = np.where(target > 0, hit, np.nan)
    busy = (frame["expected"] > 0) | frame["target"].notna() | (frame["scope"] == "all")
    return frame.loc[busy, SCOPE_COLUMNS].reset_index(drop=True)


def _named(names: pd.Index, codes: np.ndarray) -> np.ndarray:
    """Return the name of each code (None for -1)."""
    return np.append(names.to_numpy(object), None)[np.where(codes >= 0, codes, len(names))]


def _deals(facts, landing: Landing, train_x: np.ndarray) -> pd.DataFrame:
    deals = facts.deals.iloc[landing.rows]
    x = landing.x

    def column(name: str) -> pd.Series:
        return (
            deals[name].reset_index(drop=True) if name in deals else pd.Series([None] * len(deals))
        )

    said = (
        reasons(landing.chances, x, typical(train_x))
        if landing.chances
        else [[] for _ in range(len(x))]
    )
    frame = pd.DataFrame(
        {
            "deal_id": column(S.DEAL_ID),
            "deal": column(S.DEAL_NAME),
            "account": column(S.ACCOUNT),
            "rep": _named(facts.reps, facts.rep[landing.rows]),
            "team": _named(facts.teams, facts.team[landing.rows]),
            "stage": column(S.STAGE),
            "amount": facts.amount[landing.rows],
            "expected_close": column(S.CLOSE_DATE),
            "probability": landing.chance,
            "baseline": landing.baseline,
            "reasons": said,
            "age": x[:, FEATURES.index("age")],
            "days_since_activity": x[:, FEATURES.index("days_since_activity")],
            "source": column(S.SOURCE),
            "product": column(S.PRODUCT),
            "account_won": x[:, FEATURES.index("account_won")],
            "rep_rate": x[:, FEATURES.index("rep_rate")],
            "days_in_stage": x[:, FEATURES.index("days_in_stage")],
        }
    )
    value = frame["probability"] * frame["amount"].fillna(0)
    return frame.iloc[np.argsort(-value.to_numpy(), kind="stable")][DEAL_COLUMNS].reset_index(
        drop=True
    )


USED = (S.DEALS, S.ACTIVITIES, S.STAGE_HISTORY, S.TARGETS, S.REPS)  # the tables it reads
_MEMO: OrderedDict[tuple, Forecast | None] = OrderedDict()  # the last few forecasts, by content
MEMO_SIZE = 4
_LOCK = threading.Lock()


def _content(data: Dataset, spec: PeriodSpec, seed: int) -> tuple:
    """Return a key of what a forecast is made of: the tables it reads (their cells), spec, seed."""
    digest = hashlib.blake2b(digest_size=16)
    for name in USED:
        frame = data.tables.get(name)
        if frame is not None:
            digest.update(f"{name}:{list(frame.columns)}".encode())
            digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest(), spec.whole, seed


def forecast(data: Dataset, spec: PeriodSpec, seed: int = 0) -> Forecast | None:
    """Return the forecast of the period ahead of the data's last day (None without deals).

    The same tables give the same forecast: the last `MEMO_SIZE` are kept (a command-line run
    or a test suite that forecasts one export for the JSON, the workbook and the report works
    it out once). Callers must not change the frames of a returned forecast.
    """
    if S.DEALS not in data.tables or not len(data.tables[S.DEALS]):
        return None
    key = _content(data, spec, seed)
    with _LOCK:  # sessions of the app share it
        if key in _MEMO:
            _MEMO.move_to_end(key)
            return _MEMO[key]
    made = _forecast(data, spec, seed)
    with _LOCK:
        _MEMO[key] = made
        while len(_MEMO) > MEMO_SIZE:
            _MEMO.popitem(last=False)
    return made


def _forecast(data: Dataset, spec: PeriodSpec, seed: int) -> Forecast | None:
    facts = deal_facts(data, spec)
    known = np.concatenate([facts.created, facts.closed])
    if not np.isfinite(known).any():
        return None
    # the deals' own last day: activities or leads that run on after them say nothing of deals
    as_of = float(np.nanmax(known))
    period, end = period_end_after(as_of, spec)
    start = float(days_of(pd.Series([period_bounds(period, spec.whole)[0]]))[0])
    no_created = not np.isfinite(facts.created).any()
    tested = no_backtest() if no_created else backtest(facts, spec, as_of, seed)
    landing = land(facts, spec, (period, start, end, as_of), not no_created, seed)
    method, why = ("baseline", "no_created") if no_created else _method(landing, tested)
    if method == "baseline" and landing.chances is not None:
        landing = land(facts, spec, (period, start, end, as_of), False, seed)
    train_x = examples(facts, spec, as_of).x if landing.chances else np.empty((0, len(FEATURES)))
    return Forecast(
        period=period,
        as_of=pd.Timestamp(int(as_of), unit="D"),
        method=method,
        why=why,
        scopes=_scopes(data, spec, landing, facts),
        deals=_deals(facts, landing, train_x),
        backtest=tested,
        reliability=reliability(tested.deals, "chance" if method == "model" else "baseline"),
    )
