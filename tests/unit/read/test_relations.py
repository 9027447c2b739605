"""Relations across files: order lines priced from quantity × price, ids turned into people."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.kpis.query import kpis_for
from analysis.kpis.table import kpi_table
from analysis.model import schema as S
from analysis.model.periods import PeriodSpec
from analysis.read.derived_columns import FULL_NAME, LINE_AMOUNT, full_names, line_amounts
from analysis.read.joins import shared_key
from analysis.read.upload import read_files


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        # 3 × 10.00 × (1 − 0.15) = 25.50; 2 × 5.00 × (1 − 0) = 10.00
        ({"Quantity": [3, 2], "UnitPrice": [10.0, 5.0], "Discount": [0.15, 0]}, [25.5, 10.0]),
        # Discount in percent: 3 × 10 × (1 − 15/100) = 25.50
        ({"Qty": [3, 2], "Price": ["10,00", "5,00"], "Discount %": [15, 0]}, [25.5, 10.0]),
        # No discount column: 4 × 2.50 = 10.00
        ({"Aantal": [4], "Stukprijs": ["€ 2,50"]}, [10.0]),
    ],
)
def test_a_line_amount_is_quantity_times_price_less_discount(columns: dict, expected: list) -> None:
    frame, added = line_amounts(pd.DataFrame(columns))
    assert added
    assert frame[LINE_AMOUNT].tolist() == pytest.approx(expected)


def test_a_sheet_with_a_line_total_gets_nothing_added() -> None:
    frame = pd.DataFrame({"Quantity": [3], "Unit Price": [10.0], "Line Total": [30.0]})
    assert line_amounts(frame) == (frame, False)


def test_first_and_last_name_make_the_full_name() -> None:
    frame, added = full_names(
        pd.DataFrame({"FirstName": ["Nancy", None], "LastName": ["Davolio", None]})
    )
    assert added
    assert frame[FULL_NAME].tolist()[0] == "Nancy Davolio"
    assert pd.isna(frame[FULL_NAME].tolist()[1])


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode()


def test_orders_with_lines_and_employees_give_revenue_per_rep() -> None:
    """Northwind's shape: Orders (EmployeeID), Order Details (no total), Employees (ids, names)."""
    employees = pd.DataFrame(
        {"EmployeeID": [1, 2], "LastName": ["Davolio", "Fuller"], "FirstName": ["Nancy", "Andrew"],
         "Title": ["Sales Representative", "Vice President, Sales"]}
    )  # fmt: skip
    orders = pd.DataFrame(
        {
            "OrderID": [10248, 10249, 10250, 10251],
            "CustomerID": ["VINET", "TOMSP", "HANAR", "VICTE"],
            "EmployeeID": [1, 2, 1, 2],
            "OrderDate": ["1997-04-04", "1997-05-05", "1997-06-08", "1997-07-08"],
        }
    )
    lines = pd.DataFrame(
        {
            "OrderID": [10248, 10248, 10249, 10250, 10250, 10251],
            "ProductID": [11, 42, 14, 41, 51, 22],
            "UnitPrice": [14.0, 9.8, 18.6, 7.7, 42.4, 16.8],
            "Quantity": [12, 10, 9, 10, 35, 6],
            "Discount": [0, 0, 0, 0, 0.15, 0.05],
        }
    )
    data = read_files(
        [("employees.csv", _csv(employees)), ("orders.csv", _csv(orders)),
         ("order_details.csv", _csv(lines))]
    ).dataset()  # fmt: skip
    table = kpi_table(data, PeriodSpec("quarter"))
    nancy = kpis_for(table, "1997-Q2", rep="Nancy Davolio")
    # Nancy, Q2: order 10248 = 12 × 14.00 + 10 × 9.80 = 266.00;
    # order 10250 = 10 × 7.70 + 35 × 42.40 × 0.85 = 77.00 + 1261.40 = 1338.40. Two orders.
    assert nancy["revenue"] == pytest.approx(266.0 + 1338.4)
    assert nancy["won_deals"] == 2
    assert nancy["avg_deal_size"] == pytest.approx((266.0 + 1338.4) / 2)
    andrew = kpis_for(table, "1997-Q2", rep="Andrew Fuller")
    assert andrew["revenue"] == pytest.approx(9 * 18.6)  # order 10249 = 167.40
    # Order 10251 (July) is in Q3: 6 × 16.80 × 0.95 = 95.76
    assert kpis_for(table, "1997-Q3", rep="Andrew Fuller")["revenue"] == pytest.approx(95.76)
    assert set(data.tables[S.DEALS][S.REP]) == {"Nancy Davolio", "Andrew Fuller"}


def test_closed_deals_carrying_lead_ids_convert_leads_and_give_the_source() -> None:
    """A marketing funnel's shape: qualified leads, and closed deals holding the lead's id."""
    leads = pd.DataFrame(
        {
            "mql_id": ["a1f3", "b2e4", "c3d5", "d4c6", "e5b7"],
            "first_contact_date": ["2018-02-01", "2018-02-03", "2018-02-10", "2018-03-02",
                                   "2018-03-20"],
            "origin": ["organic_search", "paid_search", "social", "organic_search", "email"],
        }
    )  # fmt: skip
    deals = pd.DataFrame(
        {
            "mql_id": ["b2e4", "d4c6"],
            "seller_id": ["9f0e1d", "8e7c6b"],
            "sr_id": ["4ab5cd", "4ab5cd"],
            "won_date": ["2018-03-05 10:00:00", "2018-03-28 16:30:00"],
            "declared_monthly_revenue": [0.0, 50000.0],
        }
    )
    data = read_files(
        [("olist_marketing_qualified_leads_dataset.csv", _csv(leads)),
         ("olist_closed_deals_dataset.csv", _csv(deals))]
    ).dataset()  # fmt: skip
    # Leads b2e4 and d4c6 became deals: 2 of 5 converted.
    assert data.tables[S.LEADS][S.CONVERTED].tolist() == [False, True, False, True, False]
    assert data.tables[S.DEALS][S.SOURCE].tolist() == ["paid_search", "organic_search"]
    assert data.tables[S.DEALS][S.REP].tolist() == [
        "4ab5cd",
        "4ab5cd",
    ]  # the sales rep, not the seller
    table = kpi_table(data, PeriodSpec("quarter"))
    q1 = kpis_for(table, "2018-Q1")
    assert q1["revenue"] == pytest.approx(50000.0)
    assert q1["won_deals"] == 2
    assert q1["lead_conversion"] == pytest.approx(2 / 5)


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("OrderID", "OrderID", True),
        ("NumeroPedido", "IdPedido", True),  # Spanish: the id word first, 'pedido' on both
        ("NumberOfEmployees", "NumberOfEmployees", False),  # a count is not a key
        ("NumeroPedido", "IdCliente", False),  # ids of different things
    ],
)
def test_which_columns_join_two_sheets(left: str, right: str, joined: bool) -> None:
    ids = [str(10_000 + i) for i in range(20)]
    lines = pd.DataFrame({left: ids + ids[:5], "MontoVenta": range(25)})
    orders = pd.DataFrame({right: ids, "FechaPedido": ["2018-01-02"] * 20})
    assert (shared_key(lines, orders) is not None) is joined
