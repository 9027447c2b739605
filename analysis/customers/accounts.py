"""Revenue per account: the biggest accounts of a window of periods and how concentrated it is.

Adds up the won deals closed in the window (of a team: its reps' deals, see
`satisfaction.row_teams`); deals without an account count in the total but in no account.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.customers.satisfaction import row_teams
from analysis.model import schema as S
from analysis.model.periods import PeriodSpec, period_labels

TOP_ACCOUNTS = 10
SHARE_COLUMNS = ["rank", "account", "revenue", "deals", "share", "cumulative"]


def account_revenue(
    deals: pd.DataFrame,
    spec: PeriodSpec,
    periods: list[str],
    teams: Mapping[str, str],
    team: str | None = None,
) -> tuple[pd.DataFrame, float]:
    """Return the won revenue per account over the periods, biggest first, and the total.

    Columns: rank, account, revenue, deals (won), share (of the total) and cumulative (share of
    this account and every bigger one). The total is all revenue won in the periods, including
    deals without an account (which are in no row).
    """
    won = (deals[S.STATUS] == "won").to_numpy(bool) & deals[S.AMOUNT].notna().to_numpy(bool)
    rows = deals[won]
    rows = rows[period_labels(rows[S.CLOSE_DATE], spec).isin(periods).fillna(False).to_numpy(bool)]
    if team is not None:
        rows = rows[(row_teams(rows, teams) == team).fillna(False).to_numpy(bool)]
    total = float(rows[S.AMOUNT].astype(float).sum())
    if S.ACCOUNT not in rows or total <= 0:
        return pd.DataFrame(columns=SHARE_COLUMNS), total
    known = rows[rows[S.ACCOUNT].notna().to_numpy(bool)]
    grouped = known.groupby(known[S.ACCOUNT].astype(str), sort=False)[S.AMOUNT]
    out = pd.DataFrame({"revenue": grouped.sum().astype(float), "deals": grouped.size()})
    out = out.rename_axis("account").reset_index()
    out = out.sort_values(["revenue", "account"], ascending=[False, True]).reset_index(drop=True)
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    out["share"] = out["revenue"] / total
    out["cumulative"] = out["share"].cumsum()
    return out[SHARE_COLUMNS], total


def top_share(accounts: pd.DataFrame, top: int = TOP_ACCOUNTS) -> float | None:
    """Return the share of revenue the `top` biggest accounts bring (None without accounts)."""
    if accounts.empty:
        return None
    return float(accounts["cumulative"].iloc[min(top, len(accounts)) - 1])


def accounts_for_share(accounts: pd.DataFrame, share: float = 0.5) -> int | None:
    """Return how many of the biggest accounts bring at least `share` of revenue (None: never)."""
    reached = np.flatnonzero(accounts["cumulative"].to_numpy(float) >= share - 1e-12)
    return int(reached[0]) + 1 if len(reached) else None
