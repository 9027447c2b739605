"""Which deal of the earlier export is which deal of the later one.

By deal id when both exports carry one for most deals; otherwise by account + deal name (or
product when there is no name) + created date. A key shared by several deals of one export is
matched in the order the deals come in (the second "Acme / Starter / 3 May" with the second).
A deal without a usable key (no id, or a part of the field key missing) cannot be matched: it
counts as new in the later export, and as gone from the earlier one.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.changes.states import STATE_COLUMNS

MIN_ID_SHARE = 0.5  # ids are used when at least half the deals of both exports have one
KEY = "_key"


@dataclass(frozen=True)
class Matched:
    """The deals of two exports side by side: `_b` (before) and `_a` (after) columns."""

    pairs: pd.DataFrame  # STATE_COLUMNS with _b and _a, `side`: both / before / after
    by: str  # "id" or "fields"
    matched: int  # deals found in both exports
    unkeyed_before: int  # deals of the earlier export without a usable key
    unkeyed_after: int  # deals of the later export without a usable key


def _norm(text: pd.Series) -> pd.Series:
    return text.astype("string").str.lower().str.replace(r"\s+", " ", regex=True).str.strip()


def _id_share(states: pd.DataFrame) -> float:
    return float(states["deal_id"].notna().mean()) if len(states) else 0.0


def match_by(before: pd.DataFrame, after: pd.DataFrame) -> str:
    """Return how two exports' deals are matched: "id" or "fields"."""
    ids = min(_id_share(before), _id_share(after)) >= MIN_ID_SHARE
    return "id" if ids else "fields"


def _keys(states: pd.DataFrame, by: str) -> pd.Series:
    """Return each deal's key (NA when it has none), numbered within a shared key."""
    if by == "id":
        key = states["deal_id"].astype("string")
    else:
        name = states["deal"].fillna(states["product"])
        created = states["created"].dt.strftime("%Y-%m-%d").astype("string")
        key = _norm(states["account"]) + "|" + _norm(name) + "|" + created
    turn = key.groupby(key, dropna=True).cumcount().astype("string")
    return (key + "#" + turn).where(key.notna())


def match(before: pd.DataFrame, after: pd.DataFrame) -> Matched:
    """Return the deals of two exports side by side, matched by id or by their fields."""
    by = match_by(before, after)
    left = before.assign(**{KEY: _keys(before, by)})
    right = after.assign(**{KEY: _keys(after, by)})
    keyed = pd.merge(
        left[left[KEY].notna()],
        right[right[KEY].notna()],
        on=KEY,
        how="outer",
        suffixes=("_b", "_a"),
        indicator="side",
    )
    unkeyed_b = left[left[KEY].isna()].add_suffix("_b")
    unkeyed_a = right[right[KEY].isna()].add_suffix("_a")
    pairs = pd.concat(
        [
            keyed.drop(columns=[KEY]),
            unkeyed_b.drop(columns=[KEY + "_b"]).assign(side="left_only"),
            unkeyed_a.drop(columns=[KEY + "_a"]).assign(side="right_only"),
        ],
        ignore_index=True,
    )
    sides = {"both": "both", "left_only": "before", "right_only": "after"}
    pairs["side"] = pairs["side"].astype(str).map(sides)
    columns = [f"{c}_{s}" for c in STATE_COLUMNS for s in ("b", "a")]
    for column in columns:  # a side missing altogether still gets its columns
        if column not in pairs:
            pairs[column] = pd.NA
    matched = int((pairs["side"] == "both").sum())
    return Matched(pairs[[*columns, "side"]], by, matched, len(unkeyed_b), len(unkeyed_a))
