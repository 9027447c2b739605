"""The pipeline flow of the period between two exports, per company, team or rep.

    due at the earlier export + new + reopened + pulled in + amount up + amount down
    + pushed out + won + lost + vanished + currency changed + moved between owners
    = due at the later export

(outflows are negative). Each deal adds `cents_after − cents_before` to the part of its
category; a deal whose rep (or team) changed instead leaves its earlier owner's flow and
joins its new owner's, as "moved between owners", which cancels out for the company. Counted
in whole cents, it adds up exactly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

START, END, REASSIGNED = "start", "end", "reassigned"
FLOW_PARTS = (
    "new",
    "reopened",
    "pulled_in",
    "amount_up",
    "amount_down",
    "pushed_out",
    "won",
    "lost",
    "vanished",
    "currency_changed",
    REASSIGNED,
)
ORDER = (START, *FLOW_PARTS, END)
FLOW_COLUMNS = ["scope", "part", "count", "cents", "value"]
COMPANY = ""  # the scope of the company's flow


def _owners(moves: pd.DataFrame, by: str | None) -> tuple[pd.Series, pd.Series]:
    if by is None:
        company = pd.Series(COMPANY, index=moves.index, dtype="string")
        return company, company
    after = moves[by].astype("string")
    before = moves[f"{by}_before"].astype("string").where(moves["category"] != "new", after)
    return before, after


def flow(moves: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Return the period's flow per owner (`by`: None for the company, "rep" or "team").

    One row per owner and part (`START`, `FLOW_PARTS`, `END`) with the deals counted and the
    money (`cents`, and `value` in the currency); parts no deal moved are left out, and so are
    owners no deal due in the period belongs to (the company is always there).
    """
    before, after = _owners(moves, by)
    n = len(moves)
    codes, owners = pd.factorize(
        pd.concat([before, after], ignore_index=True), use_na_sentinel=False
    )
    own_b, own_a = codes[:n], codes[n:]
    cents_b = moves["cents_before"].to_numpy(np.int64)
    cents_a = moves["cents_after"].to_numpy(np.int64)
    due_b, due_a = moves["due_before"].to_numpy(bool), moves["due_after"].to_numpy(bool)
    same = own_b == own_a
    step = {part: i for i, part in enumerate(ORDER)}
    part = moves["category"].astype(str).map(step).fillna(-1).to_numpy(np.int64)
    stays = same & (due_b | due_a) & (part > 0)
    left, joined = ~same & due_b, ~same & due_a
    pieces = [
        (own_b[due_b], step[START], cents_b[due_b]),
        (own_a[due_a], step[END], cents_a[due_a]),
        (own_a[stays], part[stays], cents_a[stays] - cents_b[stays]),
        (own_b[left], step[REASSIGNED], -cents_b[left]),
        (own_a[joined], step[REASSIGNED], cents_a[joined]),
    ]
    owner = np.concatenate([p[0] for p in pieces]).astype(np.int64)
    where = np.concatenate([np.broadcast_to(p[1], len(p[0])) for p in pieces]).astype(np.int64)
    cents = np.concatenate([p[2] for p in pieces]).astype(np.int64)
    return _table(owner * len(ORDER) + where, cents, owners, by is None)


def _table(cell: np.ndarray, cents: np.ndarray, owners: pd.Index, company: bool) -> pd.DataFrame:
    """Return the flow table from each piece's cell (owner × part) and cents."""
    size = max(len(owners), 1) * len(ORDER)
    count = np.bincount(cell, minlength=size).reshape(-1, len(ORDER))
    total = np.zeros(size, dtype=np.int64)
    np.add.at(total, cell, cents)
    total = total.reshape(-1, len(ORDER))
    names = list(owners) if len(owners) else [COMPANY]
    kept = np.ones(len(names), bool) if company else count.sum(axis=1) > 0
    show = (count > 0) | np.isin(np.arange(len(ORDER)), [0, len(ORDER) - 1])[None, :]
    show &= kept[:, None]
    rows, cols = np.nonzero(show)
    out = pd.DataFrame(
        {
            "scope": pd.array([names[r] for r in rows], dtype="string"),
            "part": pd.Categorical.from_codes(cols, ORDER, ordered=True),
            "count": count[rows, cols].astype(np.int64),
            "cents": total[rows, cols],
        }
    )
    out["value"] = out["cents"] / 100
    out = out.sort_values(["scope", "part"], na_position="first", kind="stable")
    return out.reset_index(drop=True)[FLOW_COLUMNS]
