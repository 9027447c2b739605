"""Customer retention, repeat purchases and market share per period, cut from the KPI table.

The long KPI table (`kpis.kpi_table`) already holds these KPIs per team and for the company;
here they are laid out per period for the Customers page's charts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.kpis.query import KpiTable
from analysis.kpis.registry import KPIS

RETENTION_KEYS = ("customer_retention", "repeat_purchase_share")


def retention_over_time(
    table: pd.DataFrame, periods: list[str], team: str | None = None
) -> pd.DataFrame:
    """Return customer retention and repeat-purchase share per period of a team or the company.

    Columns: period, key, label (from the registry), value (a fraction) and n (the accounts
    that bought the period before, for retention; the won deals with an account, for repeat
    purchases). Unknown values are left out.
    """
    rows = KpiTable(table).of_team(team, periods=periods, kpi=RETENTION_KEYS)
    rows = rows.dropna(subset=["value"])
    out = pd.DataFrame(
        {
            "period": rows["period"].astype(str).to_numpy(),
            "key": rows["kpi"].astype(str).to_numpy(),
            "value": rows["value"].astype(float).to_numpy(),
            "n": rows["n"].astype(np.int64).to_numpy(),
        }
    )
    out.insert(2, "label", out["key"].map(lambda k: KPIS[k].label))
    order = {p: i for i, p in enumerate(periods)}
    out = out.assign(_o=out["period"].map(order)).sort_values(["key", "_o"])
    return out.drop(columns="_o").reset_index(drop=True)


def market_over_time(table: pd.DataFrame, periods: list[str]) -> pd.DataFrame:
    """Return the company's market share per period, with its revenue and the market's.

    Columns: period, share, revenue, market_revenue (revenue ÷ share; NaN when the share is 0).
    Periods without a known share are left out.
    """
    rows = KpiTable(table).of_team(None, periods=periods)
    wide = rows.pivot_table(
        index="period", columns="kpi", values="value", aggfunc="first", observed=True
    )
    if "market_share" not in wide:
        return pd.DataFrame(columns=["period", "share", "revenue", "market_revenue"])
    wide = wide.dropna(subset=["market_share"])
    share, revenue = wide["market_share"], wide.get("revenue", pd.Series(np.nan, wide.index))
    out = pd.DataFrame(
        {
            "period": wide.index.astype(str),
            "share": share.to_numpy(float),
            "revenue": revenue.to_numpy(float),
            "market_revenue": (revenue / share.where(share > 0)).to_numpy(float),
        }
    )
    order = {p: i for i, p in enumerate(periods)}
    return out.sort_values("period", key=lambda s: s.map(order)).reset_index(drop=True)
