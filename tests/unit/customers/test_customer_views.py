"""The Customers page's view models against numbers worked out by hand (and in Dutch)."""

from __future__ import annotations

import pytest

from analysis.customers import views as V
from analysis.customers.headline import Headline
from analysis.kpis.table import kpi_table
from analysis.model.periods import PeriodSpec
from tests.tables import dataset
from tests.unit.customers.test_customers import DEALS, FEEDBACK, MARKET, Q1, Q2, SALES

QUARTER = PeriodSpec("quarter")
FEEDBACK_TOO = dataset(deals=DEALS, market=MARKET, customer_feedback=FEEDBACK)


@pytest.fixture(scope="module")
def table():
    return kpi_table(SALES, QUARTER)


def test_cards_leave_out_what_the_data_cannot_have(table) -> None:
    # No feedback: no satisfaction card. Retention 2/3 in Q2 (A, B, C bought in Q1; B and C
    # again in Q2), unknown in Q1: no change. Market share 7,600 / 30,000 = 25.3% against
    # 4,500 / 20,000 = 22.5%: +2.8 points (shown to a tenth, like the share). Top accounts 20%
    # against 19%: +1 pt.
    h = Headline(Q2, Q1, None, None, None, 2 / 3, None, 0.20, 0.19, 4)
    cards = V.headline_cards(h, SALES, table)
    assert cards.previous == Q1
    assert [c.key for c in cards.kpis] == [
        "customer_retention",
        "repeat_purchase_share",
        "market_share",
    ]
    retention, repeat, market = cards.kpis
    assert retention.value == pytest.approx(2 / 3)
    assert retention.change is None
    assert repeat.value == pytest.approx(4500 / 7000)  # B 4,000 and C 500 of 7,000 with an account
    assert not repeat.coloured  # more repeat purchases are neither good nor bad
    assert market.value == pytest.approx(7600 / 30000)
    assert market.change.text("en") == "+2.8 pts"
    assert market.change.text("nl") == "+2,8 procentpunt"
    assert (market.coloured, market.moved, market.company) == (True, True, False)
    assert cards.top is not None
    assert (cards.top.n, cards.top.share) == (4, 0.20)
    assert cards.top.change.text("en") == "+1 pt"


def test_with_a_team_the_market_card_is_the_company_s(table) -> None:
    h = Headline(Q2, Q1, None, None, None, 0.5, 0.5, None, None, 0)
    cards = V.headline_cards(h, SALES, table, "North")
    retention, _, market = cards.kpis
    assert market.company
    assert retention.change.text("en") == "no change"
    assert (retention.coloured, retention.moved) == (False, False)
    assert cards.top.n == 10  # no accounts counted: the usual top 10


def test_satisfaction_tab_of_one_quarter() -> None:
    table = kpi_table(FEEDBACK_TOO, QUARTER)
    view = V.satisfaction_view(FEEDBACK_TOO, table, QUARTER, Q1, None, last_12=False)
    assert view.kind == "nps"
    assert view.window == Q1
    # Q1 answers: Anna 5, Bob 2, Cas 4; none reaches 10 answers, so none is ranked and they
    # are listed by name
    assert view.reps["rep"].tolist() == ["Anna", "Bob", "Cas"]
    assert view.reps["answers"].tolist() == [5, 2, 4]
    assert not view.reps["ranked"].any()
    assert view.reps_title.text("en") == "NPS per rep, 2026-Q1"
    assert view.trend_window == "2024-Q2 – 2026-Q1"  # the last 8 quarters
    assert view.trend_title.text("en") == "NPS per period, the company and each team"
    assert view.trend_title.text("nl") == "NPS per periode, het bedrijf en elk team"
    assert view.teams == ["North"]  # Anna and Bob sell in North; Cas has no deals


def test_satisfaction_tab_of_a_team_over_12_months() -> None:
    table = kpi_table(FEEDBACK_TOO, QUARTER)
    view = V.satisfaction_view(FEEDBACK_TOO, table, QUARTER, Q2, "North", last_12=True)
    assert view.window == "2025-Q3 – 2026-Q2"
    assert view.reps["rep"].tolist() == ["Anna", "Bob"]  # Cas is not in North
    assert view.trend_title.text("en") == "NPS per period, North"


def test_retention_tab_is_titled_by_the_last_period(table) -> None:
    view = V.retention_view(table, QUARTER, Q2, None)
    assert view.title.text("en") == "67% of 2026-Q1's customers bought again in 2026-Q2"
    north = V.retention_view(table, QUARTER, Q2, "North")
    assert (
        north.title.text("en") == "67% of 2026-Q1's customers bought again in 2026-Q2, team North"
    )
    assert north.title.text("nl") == (
        "67% van de klanten van 2026-Q1 kocht opnieuw in 2026-Q2, team North"
    )
    first = V.retention_view(table, QUARTER, Q1, None)  # nothing before the data: no retention
    assert first.title.text("en") == "Repeat purchases"


def test_market_tab_is_titled_by_the_last_share(table) -> None:
    view = V.market_view(table, QUARTER, Q2, "EUR")
    assert view.rows["period"].tolist()[-2:] == [Q1, Q2]
    assert view.title.text("en") == "Market share: 25.3% in 2026-Q2"  # 7,600 / 30,000
    assert view.title.text("nl") == "Marktaandeel: 25,3% in 2026-Q2"
    assert view.symbol == "€"
    no_market = kpi_table(dataset(deals=DEALS), QUARTER)
    assert V.market_view(no_market, QUARTER, Q2, None).title is None


def test_accounts_tab_over_12_months(table) -> None:
    view = V.accounts_view(SALES, table, QUARTER, Q2, None, last_12=True)
    # Q1 and Q2: B 6,000, D 2,500, A 1,500, C 1,500 of 12,100 won (600 without an account)
    assert view.window == "2025-Q3 – 2026-Q2"
    assert view.accounts["account"].tolist() == ["B", "D", "A", "C"]
    # the top 4 (all of them) bring 11,500 / 12,100 = 95%; B and D 8,500 / 12,100 ≥ half
    assert view.top_title.text("en") == "Top 4 accounts: 95% of revenue, 2025-Q3 – 2026-Q2"
    assert view.curve_title.text("en") == "2 of 4 accounts bring half the revenue"
    assert view.note.text("en") == (
        "Revenue won in 2025-Q3 – 2026-Q2: 12.1k. 600 of it is on deals without an account."
    )
    assert view.note.text("nl") == (
        "Omzet gewonnen in 2025-Q3 – 2026-Q2: 12,1k. Daarvan staat 600 op deals zonder account."
    )


def test_accounts_tab_of_one_quarter_without_unassigned_revenue(table) -> None:
    # Q1 alone: A 1,500 (1,000 + 500), B 2,000, C 1,000 of 4,500, every deal with an account
    view = V.accounts_view(SALES, table, QUARTER, Q1, None, last_12=False)
    assert view.accounts["account"].tolist() == ["B", "A", "C"]
    assert view.curve_title.text("en") == "2 of 3 accounts bring half the revenue"  # 2,000 < 2,250
    assert view.note.text("en") == "Revenue won in 2026-Q1: 4.5k."
    only = V.accounts_view(SALES, table, QUARTER, Q1, "South", last_12=False)
    assert only.accounts.empty
