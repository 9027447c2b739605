"""The Customers page's numbers against hand-worked cases, and the sample's planted NPS."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.customers import accounts as A
from analysis.customers import headline as H
from analysis.customers import retention as R
from analysis.customers import satisfaction as C
from analysis.kpis.query import kpi_value
from analysis.kpis.table import kpi_table
from analysis.model import schema as S
from analysis.model.periods import PeriodSpec, window_periods
from analysis.read.upload import read_files
from sample_data.generate import REPS
from tests.tables import dataset, frame

QUARTER, MONTH = PeriodSpec("quarter"), PeriodSpec("month")
Q1, Q2 = "2026-Q1", "2026-Q2"
SAMPLE = Path(__file__).resolve().parents[3] / "sample_data" / "salescope_sample.xlsx"

# Anna and Bob sell in team North. Which won deals are repeat purchases is in the comments:
# an account that had won a deal on an earlier day (with anyone) is returning.
DEALS = frame(
    "rep team amount status created_date close_date account",
    [
        ("Anna", "North", 1000.0, "won", "2026-01-02", "2026-01-10", "A"),  # first
        ("Anna", "North", 2000.0, "won", "2026-01-02", "2026-02-10", "B"),  # first
        ("Bob", "North", 500.0, "won", "2026-01-02", "2026-03-01", "A"),  # A won 10 Jan
        ("Anna", "North", 300.0, "won", "2026-01-02", "2026-03-05", "C"),  # first
        ("Anna", "North", 700.0, "won", "2026-01-02", "2026-03-05", "C"),  # same day: first
        ("Anna", "North", 4000.0, "won", "2026-03-02", "2026-04-10", "B"),  # B won 10 Feb
        ("Anna", "North", 1000.0, "won", "2026-03-02", "2026-05-01", "D"),  # first
        ("Anna", "North", 600.0, "won", "2026-03-02", "2026-05-02", None),  # no account
        ("Anna", "North", 9999.0, "lost", "2026-03-02", "2026-05-03", "E"),  # not won
        ("Bob", "North", 500.0, "won", "2026-03-02", "2026-06-01", "C"),  # C won 5 March
        ("Bob", "North", 1500.0, "won", "2026-03-02", "2026-05-01", "D"),  # same day as Anna's
    ],
    dates=(S.CREATED_DATE, S.CLOSE_DATE),
)
MARKET = frame(
    "period period_end period_grain market_revenue",
    [
        ("2026-01-01", "2026-04-01", "quarter", 20000.0),
        ("2026-04-01", "2026-05-01", "month", 10000.0),
        ("2026-05-01", "2026-06-01", "month", 10000.0),
        ("2026-06-01", "2026-07-01", "month", 10000.0),
    ],
    dates=(S.PERIOD, "period_end"),
)
SALES = dataset(deals=DEALS, market=MARKET)
TEAMS = {"Anna": "North", "Bob": "North", "Cas": "South"}
# NPS answers: promoters 9-10, passives 7-8, detractors 0-6.
FEEDBACK = frame(
    "rep team date score",
    [
        *(("Anna", None, "2026-02-01", s) for s in (10.0, 9.0, 8.0, 6.0, 10.0)),
        *(("Bob", None, "2026-02-02", s) for s in (3.0, 7.0)),
        *(("Cas", None, "2026-02-03", s) for s in (9.0, 9.0, 9.0, 0.0)),
        (None, "South", "2026-03-01", 10.0),  # no rep: counts for its team and the company
        ("Anna", None, "2026-04-01", 0.0),
    ],
    dates=(S.DATE,),
)


@pytest.fixture(scope="module")
def sales_table() -> pd.DataFrame:
    return kpi_table(SALES, QUARTER)


@pytest.mark.parametrize(
    ("rep", "team", "period", "expected"),
    [
        (
            "Anna",
            None,
            Q2,
            4000 / 5000,
        ),  # B returning 4,000 of 4,000 + 1,000 (D); 600 has no account
        ("Bob", None, Q2, 500 / 2000),  # C returning 500 of 500 + 1,500 (D, first that day)
        (None, "North", Q2, 4500 / 7000),
        (None, None, Q2, 4500 / 7000),
        (None, None, Q1, None),  # first period of the data: earlier purchases are unknown
    ],
)
def test_repeat_purchase_share(sales_table, rep, team, period, expected) -> None:
    value = kpi_value(sales_table, "repeat_purchase_share", period, rep=rep, team=team)
    assert value == (None if expected is None else pytest.approx(expected))


def test_repeat_purchase_share_counts_won_deals_with_an_account(sales_table) -> None:
    rows = sales_table[
        (sales_table["kpi"] == "repeat_purchase_share")
        & (sales_table["rep"] == "Anna")
        & (sales_table["period"] == Q2)
    ]
    assert rows["n"].tolist() == [2]  # B and D; the deal without an account is left out


def test_retention_and_repeat_share_per_period(sales_table) -> None:
    out = R.retention_over_time(sales_table, [Q1, Q2])
    got = {(r.key, r.period): r.value for r in out.itertuples()}
    # Q1 customers A, B, C (D is new in Q2): B and C bought again in Q2
    assert got == {
        ("customer_retention", Q2): pytest.approx(2 / 3),
        ("repeat_purchase_share", Q2): pytest.approx(4500 / 7000),
    }
    assert set(out["label"]) == {"Customer retention", "Repeat-purchase share"}
    anna = R.retention_over_time(sales_table[sales_table["team"] == "North"], [Q2], "North")
    assert len(anna) == 2


def test_market_share_per_period(sales_table) -> None:
    out = R.market_over_time(sales_table, [Q1, Q2])
    # Q1 revenue 1,000 + 2,000 + 500 + 300 + 700 = 4,500 of a market of 20,000
    # Q2 revenue 4,000 + 1,000 + 600 + 500 + 1,500 = 7,600 of 3 × 10,000 (monthly rows)
    assert out["period"].tolist() == [Q1, Q2]
    assert out["share"].tolist() == pytest.approx([4500 / 20000, 7600 / 30000])
    assert out["market_revenue"].tolist() == pytest.approx([20000.0, 30000.0])


def test_no_market_table_gives_no_rows() -> None:
    table = kpi_table(dataset(deals=DEALS), QUARTER)
    assert R.market_over_time(table, [Q1, Q2]).empty


def test_account_revenue_and_top_share() -> None:
    accounts, total = A.account_revenue(DEALS, QUARTER, [Q1, Q2], TEAMS)
    # all won revenue 4,500 + 7,600 = 12,100, including the 600 without an account
    assert total == pytest.approx(12100.0)
    # B 2,000 + 4,000; D 1,000 + 1,500; A 1,000 + 500; C 300 + 700 + 500 (A before C on a tie)
    assert accounts["account"].tolist() == ["B", "D", "A", "C"]
    assert accounts["revenue"].tolist() == [6000.0, 2500.0, 1500.0, 1500.0]
    assert accounts["deals"].tolist() == [2, 2, 2, 3]
    assert accounts["rank"].tolist() == [1, 2, 3, 4]
    assert accounts["cumulative"].tolist() == pytest.approx(
        [6000 / 12100, 8500 / 12100, 10000 / 12100, 11500 / 12100]
    )
    assert A.top_share(accounts, 2) == pytest.approx(8500 / 12100)
    assert A.top_share(accounts) == pytest.approx(11500 / 12100)  # fewer than 10 accounts
    only_q2, q2_total = A.account_revenue(DEALS, QUARTER, [Q2], TEAMS)
    assert q2_total == pytest.approx(7600.0)
    assert only_q2["account"].tolist() == ["B", "D", "C"]


def test_account_revenue_of_a_team() -> None:
    south, total = A.account_revenue(DEALS, QUARTER, [Q1, Q2], TEAMS, "South")
    assert south.empty
    assert total == 0.0
    assert A.top_share(south) is None


def test_satisfaction_by_rep_nps() -> None:
    out = C.satisfaction_by_rep(FEEDBACK, QUARTER, [Q1], TEAMS, reps=["Dirk"], min_answers=3)
    # Cas 9, 9, 9, 0: 3/4 - 1/4 = +50; Anna 10, 9, 8, 6, 10: 3/5 - 1/5 = +40
    # Bob 3, 7: two answers, too few to rank; Dirk has none
    assert out["rep"].tolist() == ["Cas", "Anna", "Bob", "Dirk"]
    assert out["rank"].tolist() == [1, 2, 0, 0]
    assert out["ranked"].tolist() == [True, True, False, False]
    assert out["answers"].tolist() == [4, 5, 2, 0]
    assert out["value"].tolist()[:3] == pytest.approx([50.0, 40.0, -50.0])
    assert pd.isna(out["value"].iloc[3])
    anna = out.iloc[1]
    assert (anna["top"], anna["middle"], anna["bottom"]) == pytest.approx((0.6, 0.2, 0.2))
    assert out["team"].tolist()[:3] == ["South", "North", "North"]


def test_satisfaction_by_rep_of_one_team() -> None:
    out = C.satisfaction_by_rep(FEEDBACK, QUARTER, [Q1, Q2], TEAMS, "North", min_answers=3)
    # Anna now has six answers: 10, 9, 8, 6, 10, 0: 3/6 - 2/6 = +16.7
    assert out["rep"].tolist() == ["Anna", "Bob"]
    assert out["value"].tolist() == pytest.approx([100 / 6, -50.0])


def test_satisfaction_over_time() -> None:
    out = C.satisfaction_over_time(FEEDBACK, QUARTER, [Q1, Q2], TEAMS)
    got = {(r.series, r.period): (r.answers, r.value) for r in out.itertuples()}
    assert got == {
        # 12 answers: promoters 3 (Anna) + 3 (Cas) + 1 (no rep), detractors 1 + 1 (Bob) + 1
        ("Company", Q1): (12, pytest.approx(100 * (7 - 3) / 12)),
        ("Company", Q2): (1, pytest.approx(-100.0)),
        ("North", Q1): (7, pytest.approx(100 * (3 - 2) / 7)),  # Anna and Bob
        ("North", Q2): (1, pytest.approx(-100.0)),
        ("South", Q1): (5, pytest.approx(100 * (4 - 1) / 5)),  # Cas and the row without a rep
    }
    south = C.satisfaction_over_time(FEEDBACK, QUARTER, [Q1, Q2], TEAMS, "South")
    assert set(south["series"]) == {"Company", "South"}


def test_nps_agrees_with_the_kpi_table() -> None:
    data = dataset(deals=DEALS, customer_feedback=FEEDBACK)
    table = kpi_table(data, QUARTER)
    out = C.satisfaction_over_time(FEEDBACK, QUARTER, [Q1], C.rep_teams(table))
    company = out[out["series"] == "Company"]["value"].iloc[0]
    assert company == pytest.approx(kpi_value(table, "nps", Q1))


def test_csat_is_a_mean_with_its_own_groups() -> None:
    csat = frame(
        "rep date score", [("Anna", "2026-01-20", s) for s in (5.0, 4.0, 2.0)], dates=(S.DATE,)
    )
    assert C.satisfaction_kind(csat) == "csat"
    out = C.satisfaction_by_rep(csat, QUARTER, [Q1], TEAMS, min_answers=3)
    row = out.iloc[0]
    assert row["value"] == pytest.approx(11 / 3)  # (5 + 4 + 2) / 3
    assert (row["top"], row["middle"], row["bottom"]) == pytest.approx((2 / 3, 0.0, 1 / 3))
    assert C.GROUPS["csat"][0][0] == "Satisfied (4–5)"


def test_no_feedback_gives_no_rows() -> None:
    assert C.satisfaction_kind(None) is None
    empty = frame("rep date score", [], dates=(S.DATE,))
    assert C.satisfaction_by_rep(empty, QUARTER, [Q1], TEAMS).empty
    assert C.satisfaction_over_time(empty, QUARTER, [Q1], TEAMS).empty


@pytest.mark.parametrize(
    ("current", "spec", "first", "count"),
    [("2026-Q3", QUARTER, "2025-Q4", 4), ("2026-03", MONTH, "2025-04", 12)],
)
def test_window_is_twelve_months(current, spec, first, count) -> None:
    periods = window_periods(current, spec)
    assert (periods[0], periods[-1], len(periods)) == (first, current, count)
    assert C.window_label(periods) == f"{first} – {current}"


def test_feedback_alone_picks_its_last_complete_period() -> None:
    calls = frame(
        "rep date score",
        [("Jim", "2021-01-04", 3.0), ("Jim", "2021-03-31", 5.0), ("Joe", "2021-04-02", 1.0)],
        dates=(S.DATE,),
    )
    choice = C.period_choice(dataset(customer_feedback=calls), QUARTER)
    # the answers run to 2 April: 2021-Q2 has only begun, so 2021-Q1 is shown
    assert (choice.current, choice.previous) == ("2021-Q1", "2020-Q4")
    assert "2021-Q2 is not complete" in choice.note.text("en")


def test_feedback_of_one_unfinished_period_says_it_is_not_complete() -> None:
    calls = frame("rep date score", [("Jim", "2021-01-04", 3.0), ("Jim", "2021-03-02", 5.0)],
                  dates=(S.DATE,))  # fmt: skip
    choice = C.period_choice(dataset(customer_feedback=calls), QUARTER)
    assert choice.current == "2021-Q1"
    assert (
        choice.note.text("en")
        == "Showing 2021-Q1, which is not complete: the answers run to 2021-03-02."
    )


def test_headline_sentence() -> None:
    h = H.Headline(Q2, Q1, "nps", 37.0, 26.4, 0.43, 0.35, 0.2, 0.19, 10)
    # +37 vs +26.4: up 10.6, shown as 11; 43% vs 35%: 8 pts; 20% vs 19%: 1 pt
    assert H.headline_sentence(h, "the last 12 months").text("en") == (
        "2026-Q2: NPS +37 (up 11 points), 43% of last period's customers bought again "
        "(up 8 pts) and the top 10 accounts brought 20% of the revenue of the last 12 months "
        "(up 1 pt)."
    )
    csat = H.Headline(Q2, Q1, "csat", 3.44, None, None, None, None, None, 0)
    assert H.headline_sentence(csat, "x").text("en") == "2026-Q2: customer satisfaction 3.4 of 5."


def test_planted_nps_on_the_sample() -> None:
    data = read_files([(SAMPLE.name, SAMPLE.read_bytes())]).dataset()
    table = kpi_table(data, QUARTER)
    periods = window_periods("2026-Q3", QUARTER, 24)  # the whole sample
    out = C.satisfaction_by_rep(
        data.tables[S.CUSTOMER_FEEDBACK], QUARTER, periods, C.rep_teams(table)
    )
    ranked = out[out["ranked"]]
    assert ranked["rep"].iloc[0] == max(REPS, key=lambda r: r.nps).name  # Anna de Vries
    assert ranked["rep"].iloc[-1] == min(REPS, key=lambda r: r.nps).name  # Liam Mulder
    # every rep but the new hire has at least MIN_ANSWERS answers over two years
    assert set(out.loc[~out["ranked"], "rep"]) == {"Mila Peters"}


def test_satisfaction_by_rep_with_no_answer_in_the_window() -> None:
    # Regression: no answer falls in the window (all are from Q1 and Q2) but active reps are
    # listed; the rows of reps without answers lacked the score columns and the Customers page
    # stopped with KeyError 'value'. By hand: Anna and Dirk, 0 answers each, no value, unranked.
    out = C.satisfaction_by_rep(FEEDBACK, QUARTER, ["2027-Q4"], TEAMS, reps=["Dirk", "Anna"])
    assert out["rep"].tolist() == ["Anna", "Dirk"]
    assert out["answers"].tolist() == [0, 0]
    assert out["value"].isna().all()
    assert out["rank"].tolist() == [0, 0]
    assert out["team"].tolist()[0] == "North"
