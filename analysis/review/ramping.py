"""New reps: those without deals or activities before a recent period are still ramping.

A ramping rep is not judged against the others (the diagnosis has too little history) and
often shows an empty bar; the review labels them "ramping" so that the room knows why.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pandas as pd

from analysis.kpis.query import REP, KpiTable
from analysis.model.periods import PeriodSpec, label_ordinal
from analysis.words.message import Say

RECENT = 2  # a rep first seen in the current period or the one before is ramping
SIGNS = ["new_deals", "closed_deals", "activities"]  # any of these above zero: the rep worked


def first_periods(table: pd.DataFrame, spec: PeriodSpec) -> dict[str, str]:
    """Return per rep the first period with new deals, closed deals or activities."""
    rows = KpiTable(table).rows(REP, kpi=SIGNS)
    rows = rows[pd.to_numeric(rows["value"], errors="coerce").fillna(0) > 0]
    out: dict[str, str] = {}
    for rep, periods in rows.groupby(rows["rep"].astype(str))["period"]:
        out[str(rep)] = min((str(p) for p in periods), key=lambda p: label_ordinal(p, spec))
    return out


def ramping(table: pd.DataFrame, spec: PeriodSpec, period: str) -> frozenset[str]:
    """Return the reps whose first period is `period` or one of the `RECENT` − 1 before it."""
    now = label_ordinal(period, spec)
    return frozenset(
        rep
        for rep, first in first_periods(table, spec).items()
        if now - RECENT < label_ordinal(first, spec) <= now
    )


def ramping_note(
    reps: Collection[str], since: str, names: Mapping[str, str] | None = None
) -> Say | None:
    """Return the note that names the ramping reps of a chart (new since the period `since`)
    and why they are not judged yet; None when there are none. `names`: each rep as shown."""
    if not reps:
        return None
    who = ", ".join(sorted((names or {}).get(r, r) for r in reps))
    return Say("report.ramping_note", names=who, since=since)
