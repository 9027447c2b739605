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
    money (`cents`, and `value` in the currency); parts no deal moved are left out.
    """
    before, after = _owners(moves, by)
    cents_b = moves["cents_before"].to_numpy(np.int64)
    cents_a = moves["cents_after"].to_numpy(np.int64)
    due_b, due_a = moves["due_before"].to_numpy(bool), moves["due_after"].to_numpy(bool)
    same = (before.fillna("\0") == after.fillna("\0")).to_numpy(bool)
    category = moves["category"].astype(str).to_numpy()
    rows = [
        (before[due_b], START, cents_b[due_b]),
        (after[due_a], END, cents_a[due_a]),
    ]
    stays = same & (due_b | due_a) & np.isin(category, FLOW_PARTS)
    rows.append((after[stays], category[stays], cents_a[stays] - cents_b[stays]))
    left = ~same & due_b
    rows.append((before[left], REASSIGNED, -cents_b[left]))
    joined = ~same & due_a
    rows.append((after[joined], REASSIGNED, cents_a[joined]))
    long = pd.concat(
        [
            pd.DataFrame({"scope": owner.to_numpy(), "part": part, "cents": cents})
            for owner, part, cents in rows
        ],
        ignore_index=True,
    )
    order = [START, *FLOW_PARTS, END]
    long["part"] = pd.Categorical(long["part"], order, ordered=True)
    out = (
        long.groupby(["scope", "part"], dropna=False, observed=True)
        .agg(count=("cents", "size"), cents=("cents", "sum"))
        .reset_index()
    )
    out["cents"] = out["cents"].astype(np.int64)
    out["value"] = out["cents"] / 100
    return _with_ends(out)[FLOW_COLUMNS]


def _with_ends(out: pd.DataFrame) -> pd.DataFrame:
    """Return the flow with a start and an end row for every owner (zero when nothing was due)."""
    owners = out["scope"].drop_duplicates()
    ends = pd.DataFrame([(o, p) for o in owners for p in (START, END)], columns=["scope", "part"])
    ends["part"] = pd.Categorical(ends["part"], out["part"].cat.categories, ordered=True)
    full = ends.merge(out, on=["scope", "part"], how="left")
    missing = full["cents"].isna()
    full.loc[missing, ["count", "cents", "value"]] = 0
    rest = out[~out["part"].isin([START, END])]
    both = pd.concat([full, rest], ignore_index=True)
    both[["count", "cents"]] = both[["count", "cents"]].astype(np.int64)
    return both.sort_values(["scope", "part"], na_position="first").reset_index(drop=True)
