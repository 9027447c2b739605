"""Regions: each rep's region, and KPIs of one region computed from its reps' rows only."""

from __future__ import annotations

import pandas as pd

from analysis.customers.regions import only_region, rep_regions
from analysis.kpis.query import kpi_value
from analysis.kpis.table import kpi_table
from analysis.model import schema as S
from analysis.model.periods import PeriodSpec
from tests.tables import dataset, frame

Q1 = "2026-Q1"


def test_rep_region_from_the_reps_list_else_most_deals() -> None:
    tables = {
        "reps": pd.DataFrame({"rep": ["Anna", "Emma"], "region": ["Noord", "Zuid"]}),
        "deals": pd.DataFrame(
            {"rep": ["Bram", "Bram", "Bram", "Anna"], "region": ["Zuid", "Zuid", "Noord", "Zuid"]}
        ),
    }
    # Anna: the reps list says Noord (her one deal in Zuid does not decide); Bram: 2 of 3 deals
    assert rep_regions(tables) == {"Anna": "Noord", "Bram": "Zuid", "Emma": "Zuid"}
    assert rep_regions({"deals": pd.DataFrame({"rep": ["Anna"]})}) == {}


# Team North: Anna (Noord) and Bram (Zuid). Team South: Emma (Zuid) only.
REPS = frame("rep team region", [("Anna", "North", "Noord"), ("Bram", "North", "Zuid"),
                                 ("Emma", "South", "Zuid")])  # fmt: skip
DEALS = frame(
    "rep team amount status close_date",
    [
        ("Anna", "North", 1000.0, "won", "2026-01-10"),
        ("Bram", "North", 300.0, "won", "2026-02-10"),
        ("Bram", "North", 200.0, "lost", "2026-02-11"),
        ("Emma", "South", 500.0, "won", "2026-03-10"),
    ],
    dates=(S.CLOSE_DATE,),
)
TARGETS = frame(
    "rep team period period_end target",
    [
        ("Bram", "North", "2026-01-01", "2026-04-01", 600.0),
        (None, "North", "2026-01-01", "2026-04-01", 2000.0),  # North spans two regions
        (None, "South", "2026-01-01", "2026-04-01", 1000.0),  # South is wholly in Zuid
    ],
    dates=(S.PERIOD, "period_end"),
)
SURVEY = frame("team date score", [("North", "2026-03-15", 9.0), ("South", "2026-03-15", 10.0),
                                   ("South", "2026-03-16", 3.0)], dates=(S.DATE,))  # fmt: skip
MARKET = frame("period period_end market_revenue", [("2026-01-01", "2026-04-01", 9000.0)],
               dates=(S.PERIOD, "period_end"))  # fmt: skip
DATA = dataset(reps=REPS, deals=DEALS, targets=TARGETS, employee_survey=SURVEY, market=MARKET)


def test_only_region_keeps_the_rows_of_its_reps() -> None:
    south = only_region(DATA, "Zuid")
    assert sorted(south.tables[S.DEALS]["rep"]) == ["Bram", "Bram", "Emma"]
    # Bram's own target, and South's team target (South is wholly in Zuid); not North's
    assert south.tables[S.TARGETS]["target"].tolist() == [600.0, 1000.0]
    assert south.tables[S.EMPLOYEE_SURVEY]["team"].tolist() == ["South", "South"]
    assert S.MARKET not in south.tables
    assert len(DATA.tables[S.DEALS]) == 4  # the full dataset is untouched


def test_region_kpis_add_up_its_reps_only() -> None:
    table = kpi_table(only_region(DATA, "Zuid"), PeriodSpec("quarter"))
    # revenue: Bram 300 + Emma 500 = 800; win rate 2 won / 3 closed
    assert kpi_value(table, "revenue", Q1) == 800.0
    assert kpi_value(table, "win_rate", Q1) == 2 / 3
    # North in Zuid is only Bram: his 300 against his own 600 (North's team target is dropped)
    assert kpi_value(table, "revenue", Q1, team="North") == 300.0
    assert kpi_value(table, "target", Q1, team="North") == 600.0
    # the company target: South's 1,000 + North's (Bram's) 600
    assert kpi_value(table, "target", Q1) == 1600.0
    assert kpi_value(table, "target_attainment", Q1) == 800 / 1600
    # eNPS from South's answers only (10 and 3): 50% promoters - 50% detractors = 0
    assert kpi_value(table, "enps", Q1) == 0.0


def test_deals_without_a_rep_count_by_their_own_region() -> None:
    deals = frame(
        "rep region amount status close_date",
        [(None, "Zuid", 100.0, "won", "2026-01-05"), (None, "Noord", 900.0, "won", "2026-01-06")],
        dates=(S.CLOSE_DATE,),
    )
    south = only_region(dataset(deals=deals), "Zuid")
    assert south.tables[S.DEALS]["amount"].tolist() == [100.0]
