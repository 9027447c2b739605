"""Regions: which region each rep works in, and the data of one region only.

A rep's region comes from the reps list, else from the region most of their deals carry.
`only_region` keeps the rows of the region's reps in every table, so that every KPI (cards,
team lines, targets) is computed for that region alone, with the same code as for everyone.
"""

from __future__ import annotations

import pandas as pd

from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.words import catalogue as texts

ALL_REGIONS = "All regions"
NOTE = texts.t("overview.region_note")  # the rule, in English; the page shows it in its language


def rep_regions(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """Return each rep's region (the reps list first, else the region most of their deals have)."""
    frames = [
        t[[S.REP, S.REGION]]
        for name in (S.REPS, S.DEALS)
        if (t := tables.get(name)) is not None and {S.REP, S.REGION} <= set(t.columns)
    ]
    if not frames:
        return {}
    pairs = pd.concat(frames, ignore_index=True).dropna()
    if pairs.empty:
        return {}
    top = pairs.groupby([S.REP, S.REGION], observed=True).size().reset_index(name="n")
    top = top.sort_values([S.REP, "n"], ascending=[True, False]).drop_duplicates(S.REP)
    return {str(r): str(g) for r, g in zip(top[S.REP], top[S.REGION], strict=True)}


def _team_members(tables: dict[str, pd.DataFrame]) -> dict[str, set[str]]:
    """Return the reps seen with each team in any table."""
    pairs = [
        t[[S.TEAM, S.REP]].dropna() for t in tables.values() if {S.TEAM, S.REP} <= set(t.columns)
    ]
    if not pairs:
        return {}
    both = pd.concat(pairs, ignore_index=True).astype(str).drop_duplicates()
    return {str(team): set(group[S.REP]) for team, group in both.groupby(S.TEAM)}


def only_region(data: Dataset, region: str) -> Dataset:
    """Return the dataset limited to the rows of the region's reps (see `NOTE` for the rules)."""
    reps = {r for r, g in rep_regions(data.tables).items() if g == region}
    whole = {t for t, members in _team_members(data.tables).items() if members <= reps}
    tables: dict[str, pd.DataFrame] = {}
    for name, frame in data.tables.items():
        if name == S.MARKET:
            continue
        no_rep = frame[S.REP].isna() if S.REP in frame else pd.Series(True, index=frame.index)
        keep = frame[S.REP].astype("string").isin(reps) if S.REP in frame else ~no_rep
        if S.REGION in frame:
            keep |= no_rep & (frame[S.REGION].astype("string") == region)
        if S.TEAM in frame:
            keep |= no_rep & frame[S.TEAM].astype("string").isin(whole)
        tables[name] = frame[keep.fillna(False).to_numpy(bool)]
    return Dataset(tables, data.set_aside, data.reports, data.notes)
