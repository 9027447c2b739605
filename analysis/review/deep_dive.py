"""What the Rep deep-dive shows, as tidy frames: one rep against the team on every KPI.

The team here is the reps active in the period: its line is the median rep, its band the
middle half of the reps (25th to 75th percentile), so that a rep is compared with a colleague,
not with the sum of the whole team. Labels and values are kept as `Say`s and KPI values to be
written (`kpis.shown`): the chart writes them in the reader's language.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.kpis.query import REP, KpiTable
from analysis.kpis.registry import KPIS
from analysis.kpis.shown import Shown, shown
from analysis.words.message import Say, joined

COMPARED = (
    "revenue",
    "target_attainment",
    "win_rate",
    "new_deals",
    "avg_deal_size",
    "cycle_days",
    "activities",
    "lead_response_hours",
    "nps",
    "csat",
    "customer_retention",
)
COLUMNS = [
    "kpi",
    "unit",
    "rep_value",
    "team_value",
    "low",
    "high",
    "better",
    "rep_text",
    "team_text",
    "range_text",
]
MIN_REPS = 3  # fewer reps with a value: no band to compare with


def rep_vs_team(
    table: pd.DataFrame, period: str, rep: str, currency: str | None = None
) -> pd.DataFrame:
    """Return per KPI the rep's value, the median rep's and the middle half of the reps.

    The label (kpi) is a `Say` and the texts (rep_text, team_text, range_text) are values to be
    written in a language where they are shown; `better` is "higher" or "lower" (what the
    chart reads, never shown).
    """
    rows = KpiTable(table).rows(REP, period=period)
    rows = rows[rows["kpi"].isin(COMPARED)].dropna(subset=["value"])
    out = []
    for key in COMPARED:
        values = rows[rows["kpi"] == key]
        mine = values[values["rep"] == rep]
        if len(values) < MIN_REPS or mine.empty:
            continue
        v = values["value"].to_numpy(float)
        low, mid, high = np.percentile(v, [25, 50, 75])
        entry = KPIS[key]
        mine_value = float(mine["value"].iloc[0])

        def show(x: float, key: str = key) -> Shown:
            return shown(key, x, currency)

        out.append(
            {
                "kpi": Say(f"kpis.{key}.label"),
                "unit": entry.unit,
                "rep_value": mine_value,
                "team_value": float(mid),
                "low": float(low),
                "high": float(high),
                "better": "higher" if entry.higher_is_better else "lower",
                "rep_text": show(mine_value),
                "team_text": show(float(mid)),
                "range_text": joined((show(float(low)), show(float(high))), " – "),
            }
        )
    return pd.DataFrame(out, columns=COLUMNS)
