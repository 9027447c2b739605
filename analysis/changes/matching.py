"""Which deal of the earlier export is which deal of the later one.

By deal id when both exports carry one for most deals; otherwise by account + deal name (or
product when there is no name) + created date. A key shared by several deals of one export is
matched in the order the deals come in (the second "Acme / Starter / 3 May" with the second).
A deal without a usable key (no id, or a part of the field key missing) cannot be matched: it
counts as new in the later export, and as gone from the earlier one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.api.extensions import take

from analysis.changes.states import STATE_COLUMNS

MIN_ID_SHARE = 0.5  # ids are used when at least half the deals of both exports have one


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


def _codes(before: pd.Series, after: pd.Series) -> np.ndarray:
    """Return one integer per value of both series (the same value, the same number; -1: NA)."""
    codes, _ = pd.factorize(pd.concat([before, after], ignore_index=True))
    return codes.astype(np.int64)


def _keys(before: pd.DataFrame, after: pd.DataFrame, by: str) -> np.ndarray:
    """Return the key of every deal of both exports, before's first (-1: no usable key)."""
    if by == "id":
        return _codes(before["deal_id"], after["deal_id"])
    name_b = before["deal"].fillna(before["product"])
    name_a = after["deal"].fillna(after["product"])
    parts = [
        _codes(_norm(before["account"]), _norm(after["account"])),
        _codes(_norm(name_b), _norm(name_a)),
        _codes(before["created"].dt.normalize(), after["created"].dt.normalize()),
    ]
    known = np.logical_and.reduce([p >= 0 for p in parts])
    joint, _ = pd.factorize(pd.MultiIndex.from_arrays(parts))
    return np.where(known, joint, -1).astype(np.int64)


def _turns(keys: np.ndarray) -> np.ndarray:
    """Return each key's occurrence number among equal keys, in the order they come in."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    starts = np.r_[0, np.flatnonzero(np.diff(ordered)) + 1]
    lengths = np.diff(np.r_[starts, len(keys)])
    turn = np.empty(len(keys), dtype=np.int64)
    turn[order] = np.arange(len(keys)) - np.repeat(starts, lengths)
    return turn


def _numbered(keys: np.ndarray) -> np.ndarray:
    """Return keys made unique by their occurrence number (-1 stays -1)."""
    out = keys * (int(_turns(keys).max(initial=0)) + 1) + _turns(keys)
    return np.where(keys >= 0, out, -1)


def match(before: pd.DataFrame, after: pd.DataFrame) -> Matched:
    """Return the deals of two exports side by side, matched by id or by their fields."""
    by = match_by(before, after)
    both_keys = _keys(before, after, by)
    key_b, key_a = _numbered(both_keys[: len(before)]), _numbered(both_keys[len(before) :])
    keyed_a = np.flatnonzero(key_a >= 0)
    place = pd.Index(key_a[keyed_a]).get_indexer(key_b)
    place = np.where((key_b >= 0) & (place >= 0), place, len(keyed_a))  # the last: no partner
    partner = np.r_[keyed_a, -1][place]
    found = partner >= 0
    only_a = np.setdiff1d(np.arange(len(after)), partner[found])
    none_b, none_a = np.full(len(only_a), -1), np.full(int((~found).sum()), -1)
    rows_b = np.r_[np.flatnonzero(found), np.flatnonzero(~found), none_b].astype(np.int64)
    rows_a = np.r_[partner[found], none_a, only_a].astype(np.int64)
    pairs = {}
    for column in STATE_COLUMNS:
        for suffix, frame, rows in (("b", before, rows_b), ("a", after, rows_a)):
            values = take(frame[column].array, rows, allow_fill=True)
            pairs[f"{column}_{suffix}"] = values
    side = np.array(["both", "before", "after"], dtype=object)
    sides = np.repeat(side, [int(found.sum()), int((~found).sum()), len(only_a)])
    frame = pd.DataFrame(pairs)
    frame["side"] = sides
    unkeyed = int((key_b < 0).sum()), int((key_a < 0).sum())
    return Matched(frame, by, int(found.sum()), *unkeyed)
