"""Questions asked of the long KPI table, so that no caller filters it by raw strings.

The table (`kpis.table.kpi_table`) has a row per scope × who × period × KPI; `scope` is "rep",
"team" or "all" (the company). `KpiTable(table)` answers: the rows of a scope (of a team, a rep,
some periods, some KPIs), the reps of a team, the teams, and one value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from analysis.kpis.registry import KPIS
from analysis.model import schema as S

Scope = Literal["rep", "team", "all"]
REP: Scope = "rep"
TEAM: Scope = "team"
COMPANY: Scope = "all"


@dataclass(frozen=True)
class KpiTable:
    """The long KPI table and the questions pages and reports ask of it."""

    frame: pd.DataFrame

    def rows(
        self,
        scope: Scope,
        *,
        period: str | None = None,
        periods: Iterable[str] | None = None,
        kpi: str | Iterable[str] | None = None,
        rep: str | None = None,
        team: str | None = None,
    ) -> pd.DataFrame:
        """Return the rows of one scope, narrowed to a period (or periods), KPI(s), rep or team.

        `team` None or "All teams" does not narrow; the company's rows ignore it.
        """
        table = self.frame
        mask = (table["scope"] == scope).to_numpy(dtype=bool, copy=True)
        if period is not None:
            mask &= (table["period"] == period).to_numpy(bool)
        if periods is not None:
            mask &= table["period"].isin(list(periods)).to_numpy(bool)
        if isinstance(kpi, str):
            mask &= (table["kpi"] == kpi).to_numpy(bool)
        elif kpi is not None:
            mask &= table["kpi"].isin(list(kpi)).to_numpy(bool)
        if rep is not None:
            mask &= (table["rep"] == rep).to_numpy(bool)
        if team not in (None, S.ALL_TEAMS) and scope != COMPANY:
            mask &= (table["team"] == team).to_numpy(bool)
        return table[mask]

    def of_team(self, team: str | None, **narrow: object) -> pd.DataFrame:
        """Return the team's own rows, or the company's when `team` is None or "All teams"."""
        if team in (None, S.ALL_TEAMS):
            return self.rows(COMPANY, **narrow)  # type: ignore[arg-type]
        return self.rows(TEAM, team=team, **narrow)  # type: ignore[arg-type]

    def reps(self, team: str | None = None, periods: Iterable[str] | None = None) -> list[str]:
        """Return the names of the reps (of a team, seen in some periods), sorted."""
        names = self.rows(REP, team=team, periods=periods)["rep"].dropna().astype(str)
        return sorted(names.unique())

    def teams(self) -> list[str]:
        """Return the names of the teams, sorted."""
        return sorted(self.frame["team"].dropna().astype(str).unique())

    def value(
        self, key: str, period: str, rep: str | None = None, team: str | None = None
    ) -> float | None:
        """Return one KPI value of a rep (or team, or the company), or None when it is unknown."""
        scope = REP if rep is not None else TEAM if team not in (None, S.ALL_TEAMS) else COMPANY
        rows = self.rows(scope, period=period, kpi=key, rep=rep, team=team)
        values = rows["value"]
        return None if values.empty or pd.isna(values.iloc[0]) else float(values.iloc[0])

    def values(self, period: str, rep: str | None = None, team: str | None = None) -> dict:
        """Return {KPI key: value} of a rep (or team, or the company) in a period; NaN dropped."""
        scope = REP if rep is not None else TEAM if team not in (None, S.ALL_TEAMS) else COMPANY
        rows = self.rows(scope, period=period, rep=rep, team=team)
        found = dict(zip(rows["kpi"].astype(str), rows["value"], strict=True))
        return {k: float(v) for k, v in found.items() if not np.isnan(v)}


def kpi_value(
    table: pd.DataFrame, key: str, period: str, rep: str | None = None, team: str | None = None
) -> float | None:
    """Return one KPI value of a rep (or team, or the company), or None when it is unknown."""
    return KpiTable(table).value(key, period, rep, team)


def kpis_for(
    table: pd.DataFrame, period: str, rep: str | None = None, team: str | None = None
) -> dict[str, float | None]:
    """Return every registry KPI of a rep (or team, or the company) in a period; None if unknown."""
    found = KpiTable(table).values(period, rep, team)
    return {key: found.get(key) for key in KPIS}
