"""Targets checked against the deals: the unit they are written in, and whose targets they are.

Target sheets are often kept in thousands without saying so (`Jan: 250` for 250,000). A unit
the sheet states wins (`(k€)`, `in thousands`: see `wide_targets.py`). Without one, the
targets of each sheet are set beside the won revenue of the same months, at the level they are
given for (per rep, per team or for the whole company): when the median target is a hundred to
ten thousand times smaller than the median revenue, they can only be thousands, and are
multiplied by 1,000. Targets of the same size as the revenue (800 against 700) stay as written,
and so do targets without enough revenue in their months to compare with; a note says which.

Targets of people none of whom sell in the deals (a national id against an employee key) still
add up to the team and company targets (see `kpis._targets`); a note says they could not be
matched to reps.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.model import schema as S
from analysis.read.mapping import SheetMapping
from analysis.read.notes import message
from analysis.read.sheets import RawSheet
from analysis.read.wide_targets import stated_unit, unpivoted_unit
from analysis.words.message import Say

THOUSAND = 1000
RATIOS = (100, 10_000)  # revenue over target, per cell, for targets written in thousands
MIN_CELLS = 3  # (who, month) cells with a target, and with revenue, in the months both cover
EXAMPLES = 3


def fit_target_units(
    tables: dict[str, pd.DataFrame],
    sheets: list[RawSheet],
    mappings: dict[str, SheetMapping],
    notes: dict[tuple[str, str], list[Say]],
) -> None:
    """Multiply the targets of each sheet written in thousands, and note why, in place.

    `notes` are the notes of each (file, sheet): the note saying which unit was taken is
    written there, in place of the reading's "used as written" note.
    """
    targets = tables.get(S.TARGETS)
    if targets is None or targets.empty:
        return
    as_written = message("note.wide_targets.as_written")
    targets = targets.copy()
    for sheet in sheets:
        mapping = mappings.get(sheet.key)
        if mapping is None or mapping.table != S.TARGETS:
            continue
        rows = (targets[S.SOURCE_FILE] == sheet.file) & (targets[S.SOURCE_SHEET] == sheet.sheet)
        rows &= _revenue_targets(targets)
        if not rows.any():
            continue
        said = notes.setdefault((sheet.file, sheet.sheet), [])
        unpivoted = unpivoted_unit(sheet)
        if unpivoted == "stated":
            continue  # multiplied when the sheet was unpivoted
        factor, marker = stated_unit(sheet, mapping.field_to_column().get(S.TARGET, ""))
        if not unpivoted and factor > 1:  # a long sheet that says its unit
            targets.loc[rows, S.TARGET] *= factor
            key = "thousands" if factor == THOUSAND else "millions"
            said.append(message(f"note.wide_targets.{key}", marker=marker))
            continue
        ratio = _revenue_ratio(targets[rows], tables.get(S.DEALS))
        if ratio is not None and RATIOS[0] <= ratio <= RATIOS[1]:
            targets.loc[rows, S.TARGET] *= THOUSAND
            _swap(said, as_written, message("note.target_units.thousands"))
        elif ratio is None and unpivoted:
            _swap(said, as_written, message("note.target_units.no_revenue"))
    tables[S.TARGETS] = targets


def _swap(notes: list[Say], old: Say, new: Say) -> None:
    """Put `new` in the place of `old` among the notes, or after them when `old` is not there."""
    if old in notes:
        notes[notes.index(old)] = new
    else:
        notes.append(new)


def _revenue_ratio(targets: pd.DataFrame, deals: pd.DataFrame | None) -> float | None:
    """Median won revenue over median target per (who, month) in the months both cover.

    Who is the rep when most targets are per rep and the deals name reps, the team likewise,
    else the company. None when fewer than MIN_CELLS cells have a target or revenue.
    """
    if deals is None or deals.empty or not {S.AMOUNT, S.CLOSE_DATE, S.STATUS} <= set(deals):
        return None
    level = _level(targets, deals)
    target = _monthly_targets(targets, level)
    won = deals[(deals[S.STATUS] == "won") & deals[S.AMOUNT].notna()]
    close = won[S.CLOSE_DATE]
    revenue = pd.DataFrame(
        {
            "who": won[level].astype("string") if level else "",
            "month": close.dt.year * 12 + close.dt.month - 1,
            "value": won[S.AMOUNT].astype(float),
        }
    ).dropna()
    revenue = revenue.groupby(["who", "month"])["value"].sum()
    months = set(target.index.get_level_values("month")) & set(
        revenue.index.get_level_values("month")
    )
    target = target[target.index.get_level_values("month").isin(months) & (target > 0)]
    revenue = revenue[revenue.index.get_level_values("month").isin(months) & (revenue > 0)]
    if len(target) < MIN_CELLS or len(revenue) < MIN_CELLS:
        return None
    return float(revenue.median() / target.median())


def _revenue_targets(targets: pd.DataFrame) -> pd.Series:
    """Whether each target is of revenue: all are, unless a metric column names several."""
    if S.METRIC not in targets:
        return pd.Series(True, index=targets.index)
    metric = targets[S.METRIC].astype("string").str.lower()
    if metric.nunique() <= 1:
        return pd.Series(True, index=targets.index)
    return (metric.isna() | metric.str.contains(S.REVENUE_METRIC)).fillna(False).astype(bool)


def _level(targets: pd.DataFrame, deals: pd.DataFrame) -> str:
    """The column (rep or team) most targets are given for and the deals name, '' for company."""
    for column in (S.REP, S.TEAM):
        given = targets[column].notna().mean() if column in targets else 0.0
        if given > 0.5 and column in deals and deals[column].notna().any():
            return column
    return ""


def _monthly_targets(targets: pd.DataFrame, level: str) -> pd.Series:
    """The target of each (who, month), a quarter's or year's spread evenly over its months."""
    start = targets[S.PERIOD]
    end = targets["period_end"] if "period_end" in targets else start + pd.DateOffset(months=1)
    first = (start.dt.year * 12 + start.dt.month - 1).to_numpy(float)
    months = (end.dt.year * 12 + end.dt.month - 1).to_numpy(float) - first
    ok = np.isfinite(first) & np.isfinite(months) & (months > 0)
    n = np.where(ok, months, 0).astype(int)
    rows = np.repeat(np.arange(len(targets)), n)
    step = np.arange(len(rows)) - np.repeat(np.cumsum(n) - n, n)
    who = targets[level].astype("string").to_numpy()[rows] if level else np.full(len(rows), "")
    frame = pd.DataFrame(
        {
            "who": who,
            "month": first[rows].astype(int) + step,
            "value": targets[S.TARGET].to_numpy(float)[rows] / n[rows],
        }
    ).dropna()
    return frame.groupby(["who", "month"])["value"].sum()


def unmatched_target_reps(tables: dict[str, pd.DataFrame]) -> list[Say]:
    """Return a note when the targets name reps of whom none sells in the deals."""
    targets, deals = tables.get(S.TARGETS), tables.get(S.DEALS)
    if targets is None or deals is None or S.REP not in targets or S.REP not in deals:
        return []
    named = pd.Index(targets[S.REP].dropna().astype(str).unique())
    selling = set(deals[S.REP].dropna().astype(str))
    if named.empty or not selling or named.isin(list(selling)).any():
        return []
    examples = ", ".join(f"'{name}'" for name in sorted(named)[:EXAMPLES])
    key = "unmatched_reps_team" if S.TEAM in targets and targets[S.TEAM].notna().any() else None
    return [message(f"note.target_units.{key or 'unmatched_reps'}", n=len(named), names=examples)]
