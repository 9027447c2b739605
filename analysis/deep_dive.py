"""What the Rep deep-dive shows, as tidy frames: one rep against the team on every KPI.

The team here is the reps active in the period: its line is the median rep, its band the
middle half of the reps (25th to 75th percentile), so that a rep is compared with a colleague,
not with the sum of the whole team.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from analysis.coaching import Suggestion
from analysis.diagnosis import Diagnosis
from analysis.kpi_registry import KPIS, format_value
from analysis.weak_spots import WeakSpot

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
    """Return per KPI the rep's value, the median rep's and the middle half of the reps."""
    rows = table[(table["scope"] == "rep") & (table["period"] == period)]
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

        def show(x: float, key: str = key) -> str:
            return format_value(key, x, currency)

        out.append(
            {
                "kpi": entry.label,
                "unit": entry.unit,
                "rep_value": mine_value,
                "team_value": float(mid),
                "low": float(low),
                "high": float(high),
                "better": "higher" if entry.higher_is_better else "lower",
                "rep_text": show(mine_value),
                "team_text": show(float(mid)),
                "range_text": f"{show(float(low))} – {show(float(high))}",
            }
        )
    return pd.DataFrame(out, columns=COLUMNS)


def plan_html(
    rep: str,
    period: str,
    diagnosis: Diagnosis | None,
    spots: list[WeakSpot],
    plan: list[Suggestion],
) -> str:
    """Return a printable one-to-one page (self-contained HTML; every text escaped)."""
    e = html.escape
    parts = [
        "<!doctype html><html lang='en'><meta charset='utf-8'>",
        f"<title>One-to-one: {e(rep)}, {e(period)}</title>",
        "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;font-size:15px}"
        "h1{font-size:1.6em}li{margin:.4em 0}.why{color:#555}</style>",
        f"<h1>One-to-one: {e(rep)}</h1><p>{e(period)}",
    ]
    if diagnosis is not None:
        parts.append(f" · compared with {e(diagnosis.reference)}</p>")
        if diagnosis.note:
            parts.append(f"<p>{e(diagnosis.note)}</p>")
        if diagnosis.causes:
            parts.append("<h2>What changed</h2><ul>")
            parts += [f"<li><b>{e(c.label)}</b>: {e(c.evidence)}</li>" for c in diagnosis.causes]
            parts.append("</ul>")
    else:
        parts.append("</p>")
    if spots:
        parts.append("<h2>Behind the team</h2><ul>")
        parts += [f"<li>{e(w.evidence)}</li>" for w in spots]
        parts.append("</ul>")
    parts.append("<h2>Plan</h2><ol>")
    parts += [
        f"<li>{e(s.action)}<br><span class='why'>Why: {e(s.because)}</span></li>" for s in plan
    ]
    parts.append("</ol></html>")
    return "".join(parts)
