"""KpiTable: the questions asked of the long KPI table, on a table written out by hand."""

from __future__ import annotations

import pandas as pd

from analysis.kpis.query import COMPANY, REP, TEAM, KpiTable
from analysis.model import schema as S

NAN = float("nan")
ROWS = [  # scope, team, rep, period, kpi, value
    ("rep", "North", "Anna", "2026-Q1", "revenue", 100.0),
    ("rep", "North", "Anna", "2026-Q2", "revenue", 120.0),
    ("rep", "North", "Bob", "2026-Q2", "revenue", NAN),
    ("rep", "South", "Cleo", "2026-Q2", "revenue", 80.0),
    ("rep", "South", "Cleo", "2026-Q2", "win_rate", 0.4),
    ("team", "North", None, "2026-Q2", "revenue", 120.0),
    ("team", "South", None, "2026-Q2", "revenue", 80.0),
    ("all", None, None, "2026-Q2", "revenue", 200.0),
]
TABLE = KpiTable(
    pd.DataFrame(ROWS, columns=["scope", "team", "rep", "period", "kpi", "value"]).assign(n=1)
)


def test_rows_narrow_by_scope_period_kpi_rep_and_team() -> None:
    assert len(TABLE.rows(REP)) == 5
    assert TABLE.rows(REP, period="2026-Q2", team="North")["rep"].tolist() == ["Anna", "Bob"]
    assert TABLE.rows(REP, kpi=["win_rate"])["rep"].tolist() == ["Cleo"]
    assert TABLE.rows(REP, periods=["2026-Q1"], rep="Anna")["value"].tolist() == [100.0]
    assert TABLE.rows(TEAM, team=S.ALL_TEAMS)["team"].tolist() == ["North", "South"]
    assert TABLE.rows(COMPANY, team="North")["value"].tolist() == [200.0]


def test_a_team_or_the_whole_company() -> None:
    assert TABLE.of_team("South")["value"].tolist() == [80.0]
    assert TABLE.of_team(None)["value"].tolist() == [200.0]
    assert TABLE.of_team(S.ALL_TEAMS)["value"].tolist() == [200.0]


def test_reps_teams_and_values() -> None:
    assert TABLE.reps() == ["Anna", "Bob", "Cleo"]
    assert TABLE.reps("South") == ["Cleo"]
    assert TABLE.reps(periods=["2026-Q1"]) == ["Anna"]
    assert TABLE.teams() == ["North", "South"]
    assert TABLE.value("revenue", "2026-Q2", rep="Anna") == 120.0
    assert TABLE.value("revenue", "2026-Q2", rep="Bob") is None  # unknown, not zero
    assert TABLE.value("revenue", "2026-Q2", team="South") == 80.0
    assert TABLE.value("revenue", "2026-Q2") == 200.0
    assert TABLE.value("win_rate", "2026-Q1", rep="Cleo") is None
    assert TABLE.values("2026-Q2", rep="Cleo") == {"revenue": 80.0, "win_rate": 0.4}
