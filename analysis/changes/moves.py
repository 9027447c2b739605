"""What happened to each deal between two exports: one category each, and its money.

The categories, first match wins: new (only in the later export), won, lost, reopened,
vanished (open before, absent now), pushed out (its expected close left the period), pulled in
(it moved into the period), currency changed (reported, never converted), amount up, amount
down, stage forward, stage back, owner changed, unchanged. A deal closed in the earlier export
and absent from the later one is history the later export left out: it is not a move.

"Due in the period" means open with an expected close inside the period. Money is counted in
whole cents, so the flow (`flow.py`) adds up exactly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

CATEGORIES = (
    "new",
    "won",
    "lost",
    "reopened",
    "vanished",
    "pushed_out",
    "pulled_in",
    "currency_changed",
    "amount_up",
    "amount_down",
    "stage_forward",
    "stage_back",
    "owner_changed",
    "unchanged",
)
MOVE_COLUMNS = [
    "deal_id",
    "deal",
    "account",
    "rep",
    "team",
    "category",
    "rep_before",
    "team_before",
    "status_before",
    "status_after",
    "stage_before",
    "stage_after",
    "amount_before",
    "amount_after",
    "close_before",
    "close_after",
    "currency_before",
    "currency_after",
    "due_before",  # open and due in the period in the earlier export
    "due_after",
    "cents_before",  # its amount in whole cents when due in the period, else 0
    "cents_after",
]


def _cents(amount: pd.Series) -> np.ndarray:
    return np.round(
        pd.to_numeric(amount, errors="coerce").fillna(0.0).to_numpy(float) * 100
    ).astype(np.int64)


def _due(
    status: pd.Series, close: pd.Series, window: tuple[pd.Timestamp, pd.Timestamp]
) -> np.ndarray:
    close = pd.to_datetime(close)
    inside = (close >= window[0]) & (close <= window[1])
    return ((status == "open") & inside).fillna(False).to_numpy(bool)


def _is(values: pd.Series, value: str) -> np.ndarray:
    return (values == value).fillna(False).to_numpy(bool)


def _step(stage: pd.Series, stages: tuple[str, ...]) -> np.ndarray:
    place = {name.casefold(): i for i, name in enumerate(stages)}
    codes, names = pd.factorize(stage)
    steps = np.array([place.get(str(n).casefold(), np.nan) for n in names] + [np.nan])
    return steps[codes]  # code -1 (blank) takes the last: unknown


def _differ(before: pd.Series, after: pd.Series) -> np.ndarray:
    known = before.notna() & after.notna()
    return (
        (known & (before.astype("string") != after.astype("string"))).fillna(False).to_numpy(bool)
    )


def categorize(pairs: pd.DataFrame, window: tuple[pd.Timestamp, pd.Timestamp],
               stages: tuple[str, ...]) -> pd.DataFrame:  # fmt: skip
    """Return one row per deal with `MOVE_COLUMNS`: its category and its money in the period."""
    side = pairs["side"].to_numpy()
    status_b = pairs["status_b"].astype("string")
    status_a = pairs["status_a"].astype("string")
    closed_b = _is(status_b, "won") | _is(status_b, "lost")
    kept = ~((side == "before") & closed_b)
    pairs, side, status_b, status_a = pairs[kept], side[kept], status_b[kept], status_a[kept]
    open_b, open_a = _is(status_b, "open"), _is(status_a, "open")
    both = side == "both"
    due_b = _due(status_b, pairs["close_b"], window) & (side != "after")
    due_a = _due(status_a, pairs["close_a"], window) & (side != "before")
    amount_b, amount_a = _cents(pairs["amount_b"]), _cents(pairs["amount_a"])
    step_b, step_a = _step(pairs["stage_b"], stages), _step(pairs["stage_a"], stages)
    moved = both & open_b & open_a
    conditions = [
        side == "after",
        both & _is(status_a, "won") & ~_is(status_b, "won"),
        both & _is(status_a, "lost") & ~_is(status_b, "lost"),
        both & ~open_b & open_a,
        side == "before",
        moved & due_b & ~due_a,
        moved & ~due_b & due_a,
        both & _differ(pairs["currency_b"], pairs["currency_a"]),
        both & (amount_a > amount_b),
        both & (amount_a < amount_b),
        moved & (step_a > step_b),
        moved & (step_a < step_b),
        both & _differ(pairs["rep_b"], pairs["rep_a"]),
    ]
    category = np.select(conditions, list(CATEGORIES[:-1]), CATEGORIES[-1])
    money = {"due_before": due_b, "due_after": due_a,
             "cents_before": np.where(due_b, amount_b, 0),
             "cents_after": np.where(due_a, amount_a, 0)}  # fmt: skip
    return _table(pairs, side, category, money)


def _table(pairs: pd.DataFrame, side: np.ndarray, category: np.ndarray,
           money: dict[str, np.ndarray]) -> pd.DataFrame:  # fmt: skip
    """Return the moves table: each deal's names now, its category, before and after."""

    def now(column: str) -> pd.Series:  # the later export's value, the earlier's when gone
        return pairs[f"{column}_a"].where(side != "before", pairs[f"{column}_b"])

    out = pd.DataFrame(
        {
            **{column: now(column) for column in ("deal_id", "deal", "account", "rep", "team")},
            "category": pd.Categorical(category, CATEGORIES),
            "rep_before": pairs["rep_b"],
            "team_before": pairs["team_b"],
            **{
                f"{c}_{w}": pairs[f"{c}_{s}"]
                for c in ("status", "stage", "currency")
                for w, s in (("before", "b"), ("after", "a"))
            },
            "amount_before": pd.to_numeric(pairs["amount_b"], errors="coerce"),
            "amount_after": pd.to_numeric(pairs["amount_a"], errors="coerce"),
            "close_before": pd.to_datetime(pairs["close_b"]),
            "close_after": pd.to_datetime(pairs["close_a"]),
            **money,
        }
    )
    text = ["deal_id", "deal", "account", "rep", "team", "rep_before", "team_before",
            "status_before", "status_after"]  # fmt: skip
    out[text] = out[text].astype("string")
    return out[MOVE_COLUMNS].reset_index(drop=True)
