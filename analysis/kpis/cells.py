"""The cells behind the KPI table: who and when each row counts for, and sums and medians per cell.

`build_index` maps each table's rows once onto integer positions (who, period). All numbers live
in one "stacked" matrix per statistic: a row per rep, then a row per team, then one row for the
company, and a column per period. `RowCells.sum` is one `np.bincount` over the rep cells, rolled
up to teams and the company; `RowCells.median` comes from one sort. There is no Python loop over
reps or periods. `ratio`, `company_window` and `row_spans` work on those matrices.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import MISSING, PeriodSpec, all_periods, label_ordinal, period_ordinals

_PEOPLE_ORDER = [S.REPS, S.DEALS, S.ACTIVITIES, S.LEADS, S.CUSTOMER_FEEDBACK, S.TARGETS]
SCOPES = ("rep", "team", "all")
Cells = np.ndarray  # a stacked (reps + teams + company) × periods matrix
Who = tuple[np.ndarray, np.ndarray]  # per row: rep position, team position (-1: unknown)


@dataclass(frozen=True)
class Index:
    """Positions of periods, reps and teams; stacked rows are reps, then teams, then company."""

    spec: PeriodSpec
    periods: list[str]
    first: int  # ordinal of periods[0]
    reps: pd.Index
    teams: pd.Index
    rep_team: np.ndarray  # team position of each rep (-1: none), plus a -1 for "no rep"
    rep_codes: dict[str, np.ndarray]  # rep position of each row, per table

    @property
    def rows(self) -> int:
        """Return the number of stacked rows."""
        return len(self.reps) + len(self.teams) + 1

    def period(self, dates: pd.Series) -> np.ndarray:
        """Return the position of each date's period (-1: missing or outside the data)."""
        ordinal = period_ordinals(dates, self.spec)
        pos = ordinal - self.first
        return np.where((ordinal == MISSING) | (pos < 0) | (pos >= len(self.periods)), -1, pos)

    def who(self, table: str, frame: pd.DataFrame) -> Who:
        """Return each row's rep and team position (-1: not known)."""
        rep = self.rep_codes.get(table, np.full(len(frame), -1, dtype=np.int64))
        team = self.rep_team[rep]
        need = np.flatnonzero(team < 0)
        if len(need) and S.TEAM in frame:  # rows of unknown reps count for their own team
            team[need] = _codes(frame[S.TEAM].iloc[need], self.teams)
        return rep, team

    def roll_up(self, reps: np.ndarray) -> Cells:
        """Return the stacked matrix of per-rep sums: reps, their teams' totals, the company's."""
        out = np.zeros((self.rows, reps.shape[1]))
        out[: len(self.reps)] = reps
        has = np.flatnonzero(self.rep_team[:-1] >= 0)
        np.add.at(out, len(self.reps) + self.rep_team[has], reps[has])
        out[-1] = reps.sum(axis=0)
        return out


def _codes(values: pd.Series, names: pd.Index) -> np.ndarray:
    """Return the position of each value in `names` (-1 when missing)."""
    codes, uniques = pd.factorize(values)
    lookup = np.append(names.get_indexer(pd.Index(uniques, dtype=object)), -1)
    return lookup[codes].astype(np.int64)


def build_index(data: Dataset, spec: PeriodSpec) -> Index:
    """Return the periods, reps and teams of the data and each rep's team."""
    periods = all_periods(data, spec)
    first = label_ordinal(periods[0], spec) if periods else 0
    factorized = {t: pd.factorize(f[S.REP]) for t, f in data.tables.items() if S.REP in f}
    reps = pd.Index(sorted({str(v) for _, u in factorized.values() for v in u}), dtype=object)
    found = (f[S.TEAM].unique() for f in data.tables.values() if S.TEAM in f)
    teams = pd.Index(sorted({str(v) for u in found for v in u if not pd.isna(v)}), dtype=object)
    rep_codes = {}
    for table, (codes, uniques) in factorized.items():
        lookup = np.append(reps.get_indexer(pd.Index(uniques, dtype=object)), -1)
        rep_codes[table] = lookup[codes].astype(np.int64)
    rep_team = np.full(len(reps) + 1, -1, dtype=np.int64)
    for table in _PEOPLE_ORDER:  # the reps list decides, then the team most seen in deals, …
        frame = data.tables.get(table)
        if frame is None or S.TEAM not in frame or table not in rep_codes:
            continue
        rep = rep_codes[table]
        rows = np.flatnonzero((rep >= 0) & (rep_team[rep] < 0))
        team = _codes(frame[S.TEAM].iloc[rows], teams)
        ok = team >= 0
        votes = np.bincount(
            rep[rows][ok] * len(teams) + team[ok], minlength=len(reps) * len(teams)
        ).reshape(len(reps), len(teams))
        fill = (votes.sum(axis=1) > 0) & (rep_team[:-1] < 0)
        if fill.any():  # a team column with no team in it gives no votes (and argmax fails)
            rep_team[:-1][fill] = votes.argmax(axis=1)[fill]
    return Index(spec, periods, first, reps, teams, rep_team, rep_codes)


class RowCells:
    """Each row's (rep, period) cell, or its team's for rows without a rep: sums and medians."""

    def __init__(self, idx: Index, who: Who, per: np.ndarray, width: int = 0) -> None:
        self.idx, self.width = idx, width or len(idx.periods)
        self.rep, self.team, self.per = who[0], who[1], per
        self.with_rep = (per >= 0) & (who[0] >= 0)
        self.rep_key = who[0][self.with_rep] * self.width + per[self.with_rep]
        self.without = np.flatnonzero((per >= 0) & (who[0] < 0))

    def keys(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return stacked-cell keys of the rows for each scope (-1 where a scope has none)."""
        P, R, T = self.width, len(self.idx.reps), len(self.idx.teams)
        rep, team, per = self.rep[rows], self.team[rows], self.per[rows]
        ok = per >= 0
        return (
            np.where(ok & (rep >= 0), rep * P + per, -1),
            np.where(ok & (team >= 0), (R + team) * P + per, -1),
            np.where(ok, (R + T) * P + per, -1),
        )

    def sum(self, weights: np.ndarray | None = None) -> Cells:
        """Return the number of rows (or the sum of `weights`) per stacked cell."""
        w = None if weights is None else np.asarray(weights, dtype=float)
        n_reps = len(self.idx.reps)
        reps = np.bincount(
            self.rep_key, None if w is None else w[self.with_rep], minlength=n_reps * self.width
        )
        out = self.idx.roll_up(reps.reshape(n_reps, self.width))
        if len(self.without):  # rows without a rep: their own team and the company
            _, team_key, all_key = self.keys(self.without)
            wo = np.ones(len(self.without)) if w is None else w[self.without]
            keys = np.concatenate([team_key, all_key])
            ok = keys >= 0
            extra = np.bincount(keys[ok], np.tile(wo, 2)[ok], minlength=out.size)
            out += extra.reshape(out.shape)
        return out

    def median(self, values: np.ndarray, order: np.ndarray) -> Cells:
        """Return the median per stacked cell of `values` at the rows `order` (sorted by value)."""
        m = max(len(order), 1)
        keys = np.concatenate(self.keys(order))
        rank = np.tile(np.arange(len(order)), 3)
        # one integer sort by (cell, rank of the value) puts each cell's values in order
        both = np.sort(keys[keys >= 0] * m + rank[keys >= 0])
        v = values[order][both % m]
        n = np.bincount(both // m, minlength=self.idx.rows * self.width)
        start, has = np.cumsum(n) - n, n > 0
        out = np.full(n.shape, np.nan)
        out[has] = (v[(start + (n - 1) // 2)[has]] + v[(start + n // 2)[has]]) / 2
        return out.reshape(self.idx.rows, self.width)


def sorted_rows(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Return the rows where `mask` holds and the value is known, in order of value."""
    rows = np.flatnonzero(mask & ~np.isnan(values))
    return rows[np.argsort(values[rows], kind="stable")]


def company_window(counts: Cells) -> np.ndarray:
    """Return the periods from the first to the last one in which the company has any row."""
    where = np.flatnonzero(counts[-1] > 0)
    cols = np.arange(counts.shape[1])
    return (cols >= where[0]) & (cols <= where[-1]) if len(where) else cols < 0


def row_spans(shape: tuple[int, int], counts: list[Cells]) -> np.ndarray:
    """Return per stacked row the periods from its first to its last one with any row."""
    seen = np.sum([np.zeros(shape), *counts], axis=0) > 0
    if not shape[1]:  # no periods at all (no dated rows): nothing to span, and argmax fails
        return seen
    cols = np.arange(shape[1])
    first = np.where(seen.any(axis=1), seen.argmax(axis=1), shape[1])
    last = shape[1] - 1 - seen[:, ::-1].argmax(axis=1)
    return (cols >= first[:, None]) & (cols <= last[:, None])


def ratio(num: Cells, den: Cells) -> Cells:
    """Return num / den, NaN where the denominator is 0 or unknown."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def stacked_labels(idx: Index, row: np.ndarray) -> dict[str, pd.Categorical]:
    """Return the scope ('rep', 'team', 'all'), team and rep of each stacked row position."""
    R, T = len(idx.reps), len(idx.teams)
    scope = np.where(row < R, 0, np.where(row < R + T, 1, 2))
    rep = np.where(row < R, row, -1)
    team = np.where(row < R, idx.rep_team[rep], np.where(scope == 1, row - R, -1))
    return {
        "scope": pd.Categorical.from_codes(scope, SCOPES),
        "team": pd.Categorical.from_codes(team, idx.teams),
        "rep": pd.Categorical.from_codes(rep, idx.reps),
    }
