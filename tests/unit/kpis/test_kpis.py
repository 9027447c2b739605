"""Every KPI of the registry against numbers worked out by hand on tiny inline tables."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from analysis.kpis.labels import format_value
from analysis.kpis.query import kpi_value, kpis_for
from analysis.kpis.registry import CONTRACT_KEYS, KPIS, missing_inputs
from analysis.kpis.table import COLUMNS, kpi_table
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec
from tests.said import en
from tests.tables import dataset, frame

QUARTER, MONTH = PeriodSpec("quarter"), PeriodSpec("month")
Q1, Q2 = "2026-Q1", "2026-Q2"


# Anna and Bob sell in team North, Cas in team South. Cycle days in the comments.
DEALS = frame(
    "rep team amount status created_date close_date account",
    [
        ("Anna", "North", 1000.0, "won", "2026-01-05", "2026-01-15", "X"),  # 10 days
        ("Anna", "North", 3000.0, "won", "2026-01-10", "2026-02-09", "Y"),  # 30 days
        ("Anna", "North", 8000.0, "won", "2026-02-12", "2026-03-12", "Z"),  # 28 days
        ("Anna", "North", 2000.0, "lost", "2026-01-20", "2026-03-01", "Y"),
        ("Anna", "North", 4000.0, "won", "2026-02-01", "2026-04-10", "X"),  # 68 days
        ("Anna", "North", 5000.0, "open", "2026-03-15", "2026-06-30", "V"),  # expected close
        ("Anna", "North", 6000.0, "lost", "2026-04-02", "2026-05-02", "V"),
        ("Bob", "North", 500.0, "lost", "2026-01-03", "2026-02-01", "U"),
        ("Bob", "North", 700.0, "lost", "2026-02-03", "2026-03-01", "U"),
        ("Bob", "North", 800.0, "won", "2026-04-01", "2026-05-01", "Z"),  # 30 days
        ("Cas", "South", 2500.0, "won", "2026-01-07", "2026-03-17", "W"),  # 69 days
        ("Cas", "South", 1500.0, "won", "2026-04-01", "2026-05-11", "W"),  # 40 days
    ],
    dates=(S.CREATED_DATE, S.CLOSE_DATE),
)
ACTIVITIES = frame(
    "rep date type",
    [
        ("Anna", "2026-01-05", "Call"),
        ("Anna", "2026-01-06", "Phone call"),
        ("Anna", "2026-02-01", "Meeting"),
        ("Anna", "2026-02-02", "E-mail"),
        ("Anna", "2026-03-02", "Demo"),
        ("Anna", "2026-03-03", "Lunch"),  # counts as an activity of no known type
        ("Bob", "2026-01-09", "Call"),
        ("Cas", "2026-05-05", "Call"),  # so the activities export covers Q2 as well
    ],
    dates=(S.DATE,),
)
LEADS = frame(
    "rep created_at first_response_at converted",
    [
        ("Anna", "2026-01-05 09:00", "2026-01-05 10:00", True),  # 1 h
        ("Anna", "2026-01-06 09:00", "2026-01-06 12:00", False),  # 3 h
        ("Anna", "2026-02-01 10:00", "2026-02-01 15:00", None),  # 5 h, outcome unknown
        ("Anna", "2026-03-01 10:00", None, False),  # never answered
    ],
    dates=(S.CREATED_AT, S.FIRST_RESPONSE_AT),
)
LEADS[S.CONVERTED] = LEADS[S.CONVERTED].astype("boolean")
TARGETS = frame(
    "rep team period period_end period_grain target",
    [
        ("Anna", "North", "2026-01-01", "2027-01-01", "year", 48000.0),  # 12,000 a quarter
        ("Bob", "North", "2026-01-01", "2026-02-01", "month", 1000.0),
        ("Bob", "North", "2026-02-01", "2026-03-01", "month", 1000.0),
        ("Bob", "North", "2026-03-01", "2026-04-01", "month", 2000.0),  # Q1: 4,000
        (None, "South", "2026-01-01", "2026-04-01", "quarter", 5000.0),  # a team target only
    ],
    dates=(S.PERIOD, "period_end"),
)
FEEDBACK = frame(
    "rep date score",
    [
        ("Anna", f"2026-02-0{day}", score)
        for day, score in ((1, 10.0), (2, 9.0), (3, 8.0), (4, 3.0))
    ],
    dates=(S.DATE,),
)
SURVEY = frame(
    "team date score",
    [("North", "2026-03-15", s) for s in (10.0, 9.0, 9.0, 8.0, 5.0)],
    dates=(S.DATE,),
)
MARKET = frame(
    "period period_end period_grain market_revenue",
    [("2026-01-01", "2026-04-01", "quarter", 145000.0)],
    dates=(S.PERIOD, "period_end"),
)
BASE = dataset(
    deals=DEALS,
    activities=ACTIVITIES,
    leads=LEADS,
    targets=TARGETS,
    customer_feedback=FEEDBACK,
    employee_survey=SURVEY,
    market=MARKET,
)
CSAT = dataset(
    deals=DEALS.iloc[:1],
    customer_feedback=frame(
        "rep date score", [("Anna", "2026-01-20", s) for s in (4.0, 5.0, 3.0)], dates=(S.DATE,)
    ),
)
ENPS_1_TO_10 = dataset(
    deals=DEALS.iloc[:1],
    employee_survey=frame(
        "team date score", [("North", "2026-03-15", s) for s in (1.0, 6.0, 7.0, 10.0)], ("date",)
    ),
)

# (kpi, data, period, rep, team, expected): rep=None and team=None is the whole company.
CASES = [
    # Anna Q1 wins 1,000 + 3,000 + 8,000 = 12,000; Q2 wins 4,000 (closed 10 April)
    ("revenue", BASE, Q1, "Anna", None, 12000.0),
    ("revenue", BASE, Q2, "Anna", None, 4000.0),
    # Bob closed two deals in Q1 and lost both: a real zero, not unknown
    ("revenue", BASE, Q1, "Bob", None, 0.0),
    ("revenue", BASE, Q1, None, "North", 12000.0),  # Anna 12,000 + Bob 0
    ("revenue", BASE, Q1, None, None, 14500.0),  # + Cas 2,500
    # Anna's yearly 48,000 spread evenly: 12,000 a quarter, 4,000 a month
    ("target", BASE, Q1, "Anna", None, 12000.0),
    ("target", BASE, Q1, "Bob", None, 4000.0),  # monthly 1,000 + 1,000 + 2,000
    ("target", BASE, Q1, None, "North", 16000.0),  # no team row: Anna 12,000 + Bob 4,000
    ("target", BASE, Q1, None, "South", 5000.0),  # the team row
    ("target", BASE, Q1, "Cas", None, None),  # a team target is not split onto its reps
    ("target", BASE, Q1, None, None, 21000.0),  # North 16,000 + South 5,000
    ("target_attainment", BASE, Q1, "Anna", None, 1.0),  # 12,000 / 12,000
    ("target_attainment", BASE, Q2, "Anna", None, 4000 / 12000),
    ("target_attainment", BASE, Q1, "Bob", None, 0.0),  # 0 / 4,000
    ("target_attainment", BASE, Q1, None, "North", 0.75),  # 12,000 / 16,000
    ("target_attainment", BASE, Q1, None, "South", 0.5),  # 2,500 / 5,000
    ("target_attainment", BASE, Q1, "Cas", None, None),  # only a team target exists
    ("target_attainment", BASE, Q1, None, None, 14500 / 21000),
    ("win_rate", BASE, Q1, "Anna", None, 0.75),  # 3 won / (3 won + 1 lost)
    ("win_rate", BASE, Q2, "Anna", None, 0.5),  # 1 won / (1 + 1)
    ("win_rate", BASE, Q1, "Bob", None, 0.0),  # 0 won / 2 lost
    ("win_rate", BASE, Q2, "Bob", None, 1.0),  # no lost deals: 1 / (1 + 0)
    ("win_rate", BASE, Q1, None, "North", 0.5),  # 3 / (4 + 2)
    ("new_deals", BASE, Q1, "Anna", None, 6.0),  # created Jan 5, 10, 20, Feb 1, 12, Mar 15
    ("new_deals", BASE, Q2, "Anna", None, 1.0),
    ("new_deals", BASE, Q2, None, None, 3.0),  # created 1 April (Bob, Cas) and 2 April (Anna)
    ("new_leads", BASE, Q1, "Anna", None, 4.0),
    ("new_leads", BASE, Q2, "Anna", None, None),  # the leads export ends in Q1: unknown
    ("lead_conversion", BASE, Q1, "Anna", None, 1 / 3),  # 1 yes of 3 known (one blank)
    ("closed_deals", BASE, Q1, "Anna", None, 4.0),  # 3 won + 1 lost
    ("closed_deals", BASE, Q1, None, None, 7.0),  # Anna 4 + Bob 2 + Cas 1
    ("won_deals", BASE, Q1, "Anna", None, 3.0),
    ("won_deals", BASE, Q1, "Bob", None, 0.0),
    ("avg_deal_size", BASE, Q1, "Anna", None, 4000.0),  # 12,000 / 3
    ("avg_deal_size", BASE, Q1, "Bob", None, None),  # no won deals: unknown, not 0
    ("avg_deal_size", BASE, Q1, None, "North", 4000.0),
    ("median_deal_size", BASE, Q1, "Anna", None, 3000.0),  # middle of 1,000 / 3,000 / 8,000
    ("median_deal_size", BASE, Q2, None, None, 1500.0),  # middle of 800 / 1,500 / 4,000
    ("cycle_days", BASE, Q1, "Anna", None, 28.0),  # middle of 10 / 28 / 30
    ("cycle_days", BASE, Q2, "Anna", None, 68.0),
    ("cycle_days", BASE, Q1, None, None, 29.0),  # 10 / 28 / 30 / 69: (28 + 30) / 2
    ("activities", BASE, Q1, "Anna", None, 6.0),
    ("activities", BASE, Q2, "Anna", None, 0.0),  # active (deals) but no activities: zero
    ("activities", BASE, Q2, None, None, 1.0),  # Cas's call
    ("activities", BASE, Q1, None, None, 7.0),
    ("activities_call", BASE, Q1, "Anna", None, 2.0),  # "Call" and "Phone call"
    ("activities_meeting", BASE, Q1, "Anna", None, 1.0),
    ("activities_email", BASE, Q1, "Anna", None, 1.0),  # "E-mail"
    ("activities_demo", BASE, Q1, "Anna", None, 1.0),
    ("activities_per_won_deal", BASE, Q1, "Anna", None, 2.0),  # 6 activities / 3 won
    ("activities_per_won_deal", BASE, Q1, "Bob", None, None),  # 1 activity / 0 won
    ("revenue_per_activity", BASE, Q1, "Anna", None, 2000.0),  # 12,000 / 6
    ("revenue_per_activity", BASE, Q1, None, None, 14500 / 7),
    ("revenue_per_rep", BASE, Q1, None, "North", 6000.0),  # 12,000 / 2 active reps
    ("revenue_per_rep", BASE, Q1, None, None, 14500 / 3),
    ("deals_per_rep", BASE, Q1, None, "North", 1.5),  # 3 won / 2 active reps
    # open at 1 April: the 4,000 deal (closes 10 April) and the open 5,000 one
    ("pipeline_value", BASE, Q2, "Anna", None, 9000.0),
    ("pipeline_value", BASE, Q1, "Anna", None, None),  # first period: earlier deals unknown
    ("pipeline_value", BASE, Q2, "Bob", None, 0.0),
    # 2 open deals × win rate 1/2 × average 4,000 / cycle 68 days
    ("pipeline_velocity", BASE, Q2, "Anna", None, 2 * 0.5 * 4000 / 68),
    ("pipeline_coverage", BASE, Q2, "Anna", None, 0.75),  # 9,000 open / 12,000 target
    ("lead_response_hours", BASE, Q1, "Anna", None, 3.0),  # middle of 1 / 3 / 5 h
    ("csat", CSAT, Q1, "Anna", None, 4.0),  # (4 + 5 + 3) / 3 on a 1-5 scale
    ("nps", BASE, Q1, "Anna", None, 25.0),  # 10, 9, 8, 3: 2/4 promoters - 1/4 detractors
    # Anna bought from X, Y, Z in Q1; only X bought again in Q2
    ("customer_retention", BASE, Q2, "Anna", None, 1 / 3),
    ("customer_retention", BASE, Q2, None, "North", 2 / 3),  # X (Anna) and Z (Bob) again
    ("customer_retention", BASE, Q2, None, None, 0.75),  # X, Z, W of X, Y, Z, W
    ("customer_retention", BASE, Q1, "Anna", None, None),  # no earlier period
    # Q2 wins 4,000 (X), 800 (Z), 1,500 (W): each account had won in Q1 already
    ("repeat_purchase_share", BASE, Q2, None, None, 1.0),
    ("repeat_purchase_share", BASE, Q1, None, None, None),  # first period: no history
    ("market_share", BASE, Q1, None, None, 0.1),  # 14,500 / 145,000
    ("enps", BASE, Q1, None, "North", 40.0),  # 10, 9, 9, 8, 5: 3/5 promoters - 1/5 detractors
    ("enps", BASE, Q1, "Anna", None, None),  # answers are anonymous: no rep eNPS
    ("enps", ENPS_1_TO_10, Q1, None, "North", -25.0),  # 1, 6, 7, 10: 1/4 - 2/4 (1-6 detract)
]


@pytest.fixture(scope="module")
def tables() -> Callable[[Dataset], pd.DataFrame]:
    cache: dict[int, pd.DataFrame] = {}

    def table(data: Dataset) -> pd.DataFrame:
        if id(data) not in cache:
            cache[id(data)] = kpi_table(data, QUARTER)
        return cache[id(data)]

    return table


@pytest.mark.parametrize(
    ("key", "data", "period", "rep", "team", "expected"),
    CASES,
    ids=[f"{c[0]}-{c[3] or c[4] or 'all'}-{c[2]}" for c in CASES],
)
def test_hand_worked(tables, key, data, period, rep, team, expected) -> None:
    value = kpi_value(tables(data), key, period, rep=rep, team=team)
    if expected is None:
        assert value is None
    else:
        assert value == pytest.approx(expected)


def test_every_registry_kpi_has_a_hand_worked_case() -> None:
    missing = sorted(set(KPIS) - {case[0] for case in CASES})
    assert not missing, f"KPIs without a hand-worked case: {', '.join(missing)}"


def test_the_json_contract_keys_are_in_the_registry() -> None:
    assert set(CONTRACT_KEYS) <= set(KPIS)
    assert set(CONTRACT_KEYS) == {
        "revenue", "win_rate", "avg_deal_size", "new_deals", "closed_deals",
        "won_deals", "cycle_days", "activities", "target_attainment", "enps",
    }  # fmt: skip


def test_the_table_is_long_and_tidy(tables) -> None:
    table = tables(BASE)
    assert list(table.columns) == COLUMNS
    assert not table.duplicated(["scope", "team", "rep", "period", "kpi"]).any()
    assert set(table["scope"]) == {"rep", "team", "all"}
    assert table.loc[table["scope"] != "rep", "rep"].isna().all()
    assert table.loc[table["scope"] == "all", "team"].isna().all()
    assert (table.loc[table["rep"] == "Cas", "team"] == "South").all()
    assert table["value"].dtype == float
    assert table["period"].cat.ordered


@pytest.mark.parametrize(
    ("key", "rep", "n"),
    [
        ("win_rate", "Anna", 4),  # closed deals
        ("avg_deal_size", "Anna", 3),  # won deals
        ("cycle_days", "Anna", 3),
        ("lead_conversion", "Anna", 3),  # leads with a known outcome
        ("lead_response_hours", "Anna", 3),  # answered leads
        ("nps", "Anna", 4),  # answers
        ("activities", "Anna", 6),
    ],
)
def test_sample_size_behind_each_value(tables, key: str, rep: str, n: int) -> None:
    table = tables(BASE)
    row = table[(table["kpi"] == key) & (table["rep"] == rep) & (table["period"] == Q1)]
    assert row["n"].tolist() == [n]


def test_unknown_is_none_never_nan_or_zero(tables) -> None:
    table = tables(BASE)
    bob = kpis_for(table, Q1, rep="Bob")
    assert list(bob) == list(KPIS)
    assert bob["avg_deal_size"] is None
    assert bob["revenue"] == 0.0
    assert all(v is None or np.isfinite(v) for v in bob.values())
    # a period with no data at all, before and after the data, for a rep, a team and the company
    for period in ("2025-Q4", "2026-Q3"):
        for who in ({"rep": "Anna"}, {"team": "North"}, {}):
            assert set(kpis_for(table, period, **who).values()) == {None}
    assert kpi_value(table, "revenue", Q1, rep="Nobody") is None


def test_a_quiet_period_between_active_ones_counts_zero() -> None:
    # Dirk logs activities in Q1 and Q3 and nothing in Q2: Q2 is a zero, Q4 is unknown
    acts = frame(
        "rep date type",
        [
            ("Dirk", "2026-01-10", "Call"),
            ("Dirk", "2026-08-10", "Call"),
            ("Eva", "2026-11-02", "Call"),
        ],
        dates=(S.DATE,),
    )
    deals = frame(
        "rep amount status created_date close_date",
        [
            ("Eva", 100.0, "won", "2026-01-02", "2026-01-05"),
            ("Eva", 100.0, "won", "2026-10-02", "2026-11-05"),
        ],
        dates=(S.CREATED_DATE, S.CLOSE_DATE),
    )
    table = kpi_table(dataset(deals=deals, activities=acts), QUARTER)
    assert [kpi_value(table, "activities", f"2026-Q{q}", rep="Dirk") for q in (1, 2, 3, 4)] == [
        1.0,
        0.0,
        1.0,
        None,
    ]
    assert kpi_value(table, "revenue", "2026-Q2", rep="Dirk") == 0.0  # active: no wins is 0
    assert kpi_value(table, "revenue", "2026-Q4", rep="Dirk") is None  # after his last activity
    assert kpi_value(table, "win_rate", "2026-Q2", rep="Dirk") is None  # nothing closed


def test_month_grain_spreads_a_yearly_target_and_keeps_monthly_ones() -> None:
    table = kpi_table(BASE, MONTH)
    assert kpi_value(table, "target", "2026-01", rep="Anna") == pytest.approx(4000.0)
    assert kpi_value(table, "target", "2026-03", rep="Bob") == pytest.approx(2000.0)
    assert kpi_value(table, "revenue", "2026-03", rep="Anna") == pytest.approx(8000.0)


def test_fiscal_quarters_group_the_same_deals_differently() -> None:
    # with a fiscal year from April, Jan-Mar 2026 is FY2026-Q4 and April FY2027-Q1
    table = kpi_table(BASE, PeriodSpec("quarter", 4))
    assert kpi_value(table, "revenue", "FY2026-Q4", rep="Anna") == pytest.approx(12000.0)
    assert kpi_value(table, "revenue", "FY2027-Q1", rep="Anna") == pytest.approx(4000.0)


def test_reps_list_decides_the_team() -> None:
    reps = frame("rep team", [("Anna", "South")])
    table = kpi_table(dataset(deals=DEALS, reps=reps), QUARTER)
    assert kpi_value(table, "revenue", Q1, team="South") == pytest.approx(14500.0)  # Anna + Cas
    assert kpi_value(table, "revenue", Q1, team="North") == pytest.approx(0.0)  # Bob only


def test_rows_without_a_rep_count_for_their_team_and_the_company() -> None:
    deals = frame(
        "rep team amount status close_date",
        [("Anna", "North", 100.0, "won", "2026-01-05"), (None, "North", 50.0, "won", "2026-01-06")],
        dates=(S.CLOSE_DATE,),
    )
    table = kpi_table(dataset(deals=deals), QUARTER)
    assert kpi_value(table, "revenue", Q1, rep="Anna") == 100.0
    assert kpi_value(table, "revenue", Q1, team="North") == 150.0
    assert kpi_value(table, "revenue", Q1) == 150.0
    assert kpi_value(table, "new_deals", Q1) is None  # no created dates: unknown, not 0


def test_a_company_target_wins_over_the_sum_of_teams() -> None:
    targets = frame(
        "rep team period period_end target",
        [
            ("Anna", "North", "2026-01-01", "2026-04-01", 10.0),
            (None, None, "2026-01-01", "2026-04-01", 99.0),
        ],
        dates=(S.PERIOD, "period_end"),
    )
    table = kpi_table(dataset(deals=DEALS, targets=targets), QUARTER)
    assert kpi_value(table, "target", Q1) == 99.0
    assert kpi_value(table, "target", Q1, team="North") == 10.0


def test_an_empty_dataset_gives_an_empty_table() -> None:
    table = kpi_table(dataset(), QUARTER)
    assert list(table.columns) == COLUMNS
    assert table.empty
    assert kpis_for(table, Q1) == dict.fromkeys(KPIS)


@pytest.mark.parametrize(
    ("key", "value", "currency", "shown"),
    [
        ("revenue", 12500.0, "EUR", "€12,500"),
        ("revenue", 12500.4, None, "12,500"),
        ("revenue", -300.0, "USD", "−$300"),
        ("avg_deal_size", 1234.5, "CHF", "CHF 1,234"),
        ("win_rate", 0.34, None, "34%"),
        ("market_share", 0.0123, None, "1.2%"),
        ("cycle_days", 12.0, None, "12 days"),
        ("cycle_days", 1.0, None, "1 day"),
        ("lead_response_hours", 2.46, None, "2.5 h"),
        ("enps", 33.0, None, "+33"),
        ("nps", -4.0, None, "−4"),
        ("csat", 4.25, None, "4.2"),
        ("pipeline_coverage", 3.04, None, "3.0×"),
        ("activities", 1234.0, None, "1,234"),
        ("win_rate", None, None, "—"),
        ("revenue", float("nan"), "EUR", "—"),
    ],
)
def test_format_value(key: str, value: float | None, currency: str | None, shown: str) -> None:
    assert format_value(key, value, currency) == shown


def test_registry_entries_are_complete() -> None:
    units = {"money", "percent", "count", "days", "hours", "score", "ratio"}
    for key, kpi in KPIS.items():
        assert kpi.key == key
        assert kpi.label, key
        assert kpi.definition.endswith("."), key
        assert kpi.unit in units, key
        assert kpi.tables, key
        assert set(kpi.tables) <= set(S.TABLES), key
    assert "won / (won + lost)" in (KPIS["win_rate"].variant or "")
    assert "higher is better" in KPIS["pipeline_coverage"].definition


def test_missing_inputs_name_the_table_or_column_that_would_enable_a_kpi() -> None:
    assert missing_inputs(BASE.tables, "revenue") == []
    assert en(missing_inputs({"deals": DEALS}, "enps")) == ["Employee survey"]
    no_created = DEALS.drop(columns=[S.CREATED_DATE])
    assert en(missing_inputs({"deals": no_created}, "cycle_days")) == ["Deals: Created date"]
    leads = LEADS.drop(columns=[S.CONVERTED])
    assert en(missing_inputs({"leads": leads}, "lead_conversion")) == [
        "Leads: Converted (yes/no) or Leads: Converted on"
    ]


def test_a_team_that_only_answers_the_survey_gets_only_enps() -> None:
    survey = frame(
        "team date score", [("Management", "2026-02-01", s) for s in (9.0, 10.0, 3.0)], ("date",)
    )
    table = kpi_table(dataset(deals=DEALS, employee_survey=survey), QUARTER)
    rows = table[table["team"] == "Management"]
    assert rows["kpi"].astype(str).tolist() == ["enps"]
    assert rows["value"].tolist() == pytest.approx([100 * (2 - 1) / 3])  # 2 promoters, 1 detractor


def test_a_scale_column_says_which_answers_are_csat_and_which_nps() -> None:
    feedback = frame(
        "rep date score scale",
        [
            ("Anna", "2026-01-10", 4.0, "CSAT"),
            ("Anna", "2026-01-11", 2.0, "CSAT"),  # CSAT (4 + 2) / 2 = 3
            ("Anna", "2026-01-12", 9.0, "NPS"),
            ("Anna", "2026-01-13", 4.0, "NPS"),  # NPS 1/2 promoters - 1/2 detractors = 0
        ],
        dates=(S.DATE,),
    )
    table = kpi_table(dataset(deals=DEALS, customer_feedback=feedback), QUARTER)
    assert kpi_value(table, "csat", Q1, rep="Anna") == pytest.approx(3.0)
    assert kpi_value(table, "nps", Q1, rep="Anna") == pytest.approx(0.0)


def test_order_data_without_status_has_no_win_rate() -> None:
    from analysis.kpis.query import kpi_value
    from analysis.kpis.table import kpi_table
    from analysis.model.periods import PeriodSpec
    from analysis.read.upload import read_files
    from tests.builders import csv_bytes

    rows = [
        ["Order ID", "Sales Rep", "Amount", "Order Date"],
        ["O1", "Anna", "100", "2026-01-05"],
        ["O2", "Anna", "50", "2026-02-05"],
    ]
    data = read_files([("orders.csv", csv_bytes(rows))]).dataset()
    table = kpi_table(data, PeriodSpec("quarter"))
    assert kpi_value(table, "revenue", "2026-Q1", rep="Anna") == 150.0  # every order is a sale
    assert kpi_value(table, "win_rate", "2026-Q1", rep="Anna") is None  # not 100%


def test_a_team_column_with_no_team_in_it_leaves_reps_without_a_team() -> None:
    # Regression: a team column that is blank on every row gave a rep × 0-team vote table,
    # and its argmax raised "attempt to get argmax of an empty sequence". By hand: Anna won
    # 100 + 300 in Q1 and lost one, so revenue 400, 2 won of 3 closed; she has no team.
    deals = frame(
        "rep team amount status close_date",
        [
            ("Anna", None, 100.0, "won", "2026-01-05"),
            ("Anna", None, 300.0, "won", "2026-02-05"),
            ("Anna", None, 50.0, "lost", "2026-03-05"),
        ],
        dates=(S.CLOSE_DATE,),
    )
    deals[S.TEAM] = pd.Series([None] * 3, dtype="string")
    table = kpi_table(dataset(deals=deals), QUARTER)
    anna = kpis_for(table, Q1, rep="Anna")
    assert (anna["revenue"], anna["won_deals"], anna["closed_deals"]) == (400.0, 2, 3)
    assert table.loc[table["rep"] == "Anna", "team"].isna().all()


def test_row_spans_of_data_without_periods_is_empty() -> None:
    # Regression: no dated row at all (e.g. --current given for an export with no sales
    # table) made row_spans take an argmax over zero periods. By hand: 2 rows × 0 periods.
    from analysis.kpis.cells import row_spans

    assert row_spans((2, 0), [np.zeros((2, 0))]).shape == (2, 0)
    # …and with periods: a row active in periods 1 and 3 spans 1 to 3
    spans = row_spans((1, 4), [np.array([[0, 2, 0, 1]])])
    assert spans.tolist() == [[False, True, True, True]]
