"""Real public exports nobody here wrote (tests/data/<slug>, each with SOURCE.md and LICENSE.txt).

Each export is read as a user would upload it: every CSV of the folder, no mapping by hand. The
KPIs of one quarter must equal what plain pandas works out from the raw files with the definitions
of DESIGN.md: revenue is the sum of the amounts of the deals won with a close date in the quarter,
closed deals are the won and lost deals closed in the quarter, win rate is won / closed, average
deal size is revenue / won deals. Order data has no lost orders, so every order is a won deal and
the win rate is unknown (None), as the KPI module already says for exports without an outcome.

The expected side below never calls the analysis package: it reads the raw files with pandas (or
the csv module, where a file has unquoted commas) and applies those definitions by hand.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from analysis.kpis.query import kpis_for
from analysis.kpis.table import kpi_table, targets_of
from analysis.model.periods import PeriodSpec
from analysis.read.upload import read_files

DATA = Path(__file__).resolve().parents[2] / "data"
QUARTER = PeriodSpec("quarter")
CHECKED = ("revenue", "won_deals", "closed_deals")

# Per rep: the labels a correct reading may give that rep (a people sheet can yield "First Last"
# or "Last, First"; the first label found among the reps of the KPI table is used), and the
# expected KPIs. An empty tuple of labels means the company as a whole (no rep in the export).
Expected = dict[tuple[str, ...], dict[str, float | None]]


def _upload(slug: str) -> list[tuple[str, bytes]]:
    """Return every CSV of one export folder as (name, bytes), as the upload page receives them."""
    return [(p.name, p.read_bytes()) for p in sorted((DATA / slug).glob("*.csv"))]


def _by_rep(closed: pd.DataFrame, order_data: bool = False) -> dict[str, dict[str, float | None]]:
    """Return the five KPIs per rep from closed deals with columns rep, amount, won (bool)."""
    out: dict[str, dict[str, float | None]] = {}
    for rep, deals in closed.groupby("rep"):
        won = deals[deals["won"]]
        revenue = float(won["amount"].fillna(0).sum())
        with_amount = won["amount"].notna().sum()
        out[str(rep)] = {
            "revenue": revenue,
            "won_deals": float(len(won)),
            "closed_deals": float(len(deals)),
            "win_rate": None if order_data else len(won) / len(deals),
            "avg_deal_size": revenue / with_amount if with_amount else None,
        }
    return out


def _in_quarter(dates: pd.Series, first_day: str) -> pd.Series:
    """Return whether each date falls in the quarter that starts on first_day."""
    start = pd.Timestamp(first_day)
    return (dates >= start) & (dates < start + pd.DateOffset(months=3))


# --- a) Maven Analytics "CRM Sales Opportunities" --------------------------------------------


def maven() -> tuple[str, Expected]:
    """Deals of one sales team, 2017-Q2: close_value of Won deals by close_date, per sales_agent."""
    raw = pd.read_csv(DATA / "maven-crm-opportunities" / "sales_pipeline.csv")
    close = pd.to_datetime(raw["close_date"], format="%Y-%m-%d")
    # Only Won and Lost have a close date; Engaging and Prospecting are open (empty close_date).
    closed = raw[_in_quarter(close, "2017-04-01") & raw["deal_stage"].isin(["Won", "Lost"])]
    frame = pd.DataFrame(
        {
            "rep": closed["sales_agent"],
            "amount": closed["close_value"].astype(float),
            "won": closed["deal_stage"] == "Won",
        }
    )
    return "2017-Q2", {(rep,): kpis for rep, kpis in _by_rep(frame).items()}


# --- b) Salesforce org export: Opportunity + OpportunityHistory + Lead + Account ---------------


def salesforce_demo() -> tuple[str, Expected]:
    """No owner on Opportunity (one user owns the org): the company, 2024-Q1 by CloseDate."""
    raw = pd.read_csv(DATA / "salesforce-powerbi-demo" / "Opportunity.csv")
    close = pd.to_datetime(raw["CloseDate"], format="%m/%d/%y")  # 02/03/24 is 3 February 2024
    is_closed = raw["IsClosed"].astype(str).str.upper() == "TRUE"
    closed = raw[_in_quarter(close, "2024-01-01") & is_closed]
    frame = pd.DataFrame(
        {
            "rep": "company",
            "amount": closed["Amount"].astype(float),
            "won": closed["IsWon"].astype(str).str.upper() == "TRUE",
        }
    )
    return "2024-Q1", {(): _by_rep(frame)["company"]}


def fivetran_salesforce() -> tuple[str, Expected]:
    """Fivetran-synced Salesforce seeds, 2018-Q4: is_won / is_closed per owner_id (stages hashed)."""
    raw = pd.read_csv(DATA / "fivetran-salesforce-seeds" / "sf_opportunity_data.csv")
    close = pd.to_datetime(raw["close_date"], format="%Y-%m-%d %H:%M:%S")
    is_closed = raw["is_closed"].astype(str).str.lower() == "true"
    closed = raw[_in_quarter(close, "2018-10-01") & is_closed]
    frame = pd.DataFrame(
        {
            "rep": closed["owner_id"],
            "amount": closed["amount"].astype(float),
            "won": closed["is_won"].astype(str).str.lower() == "true",
        }
    )
    # A won deal without an amount cannot add to revenue: it is set aside with its reason
    # ("missing amount", counted and downloadable on the Upload page). A lost deal needs none.
    expected = _by_rep(frame[frame["amount"].notna() | ~frame["won"]])
    return "2018-Q4", {(rep,): kpis for rep, kpis in expected.items()}


# --- d) Northwind orders + order lines + employees ---------------------------------------------


def northwind() -> tuple[str, Expected]:
    """Orders of 1997-Q2 per employee: amount = sum of unitPrice x quantity x (1 - discount)."""
    folder = DATA / "northwind-orders"
    lines = pd.read_csv(folder / "order-details.csv")
    lines["total"] = lines["unitPrice"] * lines["quantity"] * (1 - lines["discount"])
    amount = lines.groupby("orderID")["total"].sum()
    # orders.csv has unquoted commas inside ship addresses (80 lines with 15 fields), but the
    # first four fields (orderID, customerID, employeeID, orderDate) come before any of them.
    with (folder / "orders.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    orders = pd.DataFrame(
        {
            "order": [int(r[0]) for r in rows],
            "employee": [int(r[2]) for r in rows],
            "date": pd.to_datetime([r[3] for r in rows], format="%Y-%m-%d %H:%M:%S.%f"),
        }
    )
    orders = orders[_in_quarter(orders["date"], "1997-04-01")]
    people = pd.read_csv(folder / "employees.csv")
    names = {
        row.employeeID: (f"{row.firstName} {row.lastName}", f"{row.lastName}, {row.firstName}")
        for row in people.itertuples()
    }
    frame = pd.DataFrame(
        {
            "rep": orders["employee"].to_numpy(),
            "amount": amount.reindex(orders["order"]).to_numpy(),
            "won": True,
        }
    )
    expected = _by_rep(frame, order_data=True)
    return "1997-Q2", {names[int(emp)]: kpis for emp, kpis in expected.items()}


# --- f) Spanish Northwind ("Neptuno"): pedidos + hechoPedido lines + empleados -----------------


def neptuno() -> tuple[str, Expected]:
    """Pedidos of 2018-Q2 per empleado: amount = sum of MontoVenta of the order's lines."""
    folder = DATA / "neptuno-pedidos-es"
    lines = pd.read_csv(folder / "hechoPedido.csv")
    amount = lines.groupby("NumeroPedido")["MontoVenta"].sum()
    orders = pd.read_csv(folder / "pedidos.csv", encoding="cp1252")
    orders = orders[_in_quarter(pd.to_datetime(orders["FechaPedido"]), "2018-04-01")]
    # empleados.csv: "1,1,Sanchez, Nancy" — the name holds an unquoted comma, so a line has one
    # field more than the header; the name is everything after the second comma.
    with (folder / "empleados.csv").open(encoding="cp1252", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    names = {}
    for row in rows:
        last, first = row[2].strip(), ",".join(row[3:]).strip()
        names[int(row[1])] = (f"{last}, {first}", f"{first} {last}")
    frame = pd.DataFrame(
        {
            "rep": orders["IdEmpleado"].to_numpy(),
            "amount": amount.reindex(orders["IdPedido"]).to_numpy(dtype=float),
            "won": True,
        }
    )
    expected = _by_rep(frame, order_data=True)
    return "2018-Q2", {names[int(emp)]: kpis for emp, kpis in expected.items()}


# --- g) Adventure Works reseller sales (UTF-16) + wide monthly targets ---------------------------


def pl300() -> tuple[str, Expected]:
    """June 2020 orders per EmployeeKey: amount = sum of SalesAmount of the order's lines."""
    raw = pd.read_csv(
        DATA / "pl300-reseller-sales-targets" / "ResellerSales_202006.csv", encoding="utf-16"
    )
    raw = raw[_in_quarter(pd.to_datetime(raw["OrderDate"], format="%Y-%m-%d"), "2020-04-01")]
    orders = raw.groupby("SalesOrderNumber").agg(
        rep=("EmployeeKey", "first"), amount=("SalesAmount", "sum")
    )
    assert (raw.groupby("SalesOrderNumber")["EmployeeKey"].nunique() == 1).all()  # one rep an order
    expected = _by_rep(orders.assign(won=True), order_data=True)
    return "2020-Q2", {(rep,): kpis for rep, kpis in expected.items()}


EXPORTS: dict[str, Callable[[], tuple[str, Expected]]] = {
    "maven-crm-opportunities": maven,
    "salesforce-powerbi-demo": salesforce_demo,
    "fivetran-salesforce-seeds": fivetran_salesforce,
    "northwind-orders": northwind,
    "neptuno-pedidos-es": neptuno,
    "pl300-reseller-sales-targets": pl300,
}


# The company's won deals, closed deals and revenue in the checked quarter, counted outside Python
# (awk over the raw lines, or the csv module where a file has quoted commas). They guard the
# hand computation above and are checked against the company row of the KPI table too.
TOTALS: dict[str, tuple[float, float, float | None]] = {
    # 2017-Q2: 236 Won and 140 Lost lines of the team; close_value of the Won ones.
    "maven-crm-opportunities": (236, 376, 365_987.0),
    # CloseDate 02/03/24 with IsClosed TRUE: 12 IsWon, 6 lost; Amount of the 12 won.
    "salesforce-powerbi-demo": (12, 18, 2_815_000.0),
    # 5 is_won and 4 lost closed in the quarter; 1 of the 5 won carries an Amount (24,120,000):
    # the 4 others are set aside, the 4 lost ones count.
    "fivetran-salesforce-seeds": (1, 5, 24_120_000.0),
    # 93 orders dated April-June 1997, lines summed as unitPrice x quantity x (1 - discount).
    "northwind-orders": (93, 93, 143_177.045),
    # 91 pedidos dated April-June 2018, the MontoVenta of their lines summed.
    "neptuno-pedidos-es": (91, 91, 148_992.0),
    # 63 orders (875 lines) of June 2020; SalesAmount of all lines summed (awk: 962,931 rounded).
    "pl300-reseller-sales-targets": (63, 63, 962_930.93),
}


def _label(table: pd.DataFrame, labels: tuple[str, ...]) -> str | None:
    """Return the first of a rep's possible labels that the KPI table holds (None: not there)."""
    reps = set(table.loc[(table["scope"] == "rep").to_numpy(bool), "rep"].astype(str))
    return next((label for label in labels if label in reps), None)


@pytest.mark.parametrize("slug", list(EXPORTS))
def test_quarter_kpis_per_rep_match_pandas(slug: str) -> None:
    period, expected = EXPORTS[slug]()
    won, closed, revenue = TOTALS[slug]
    summed = {k: sum(v[k] or 0.0 for v in expected.values() if k in v) for k in CHECKED}
    assert summed["won_deals"] == won
    assert summed["closed_deals"] == closed
    assert revenue is None or summed["revenue"] == pytest.approx(revenue)
    table = kpi_table(read_files(_upload(slug)).dataset(), QUARTER)
    company = kpis_for(table, period)
    want: dict[str, float | None] = {"all won_deals": won, "all closed_deals": closed}
    got: dict[str, float | None] = {k: company[k.split()[1]] for k in want}
    if revenue is not None:
        want["all revenue"], got["all revenue"] = revenue, company["revenue"]
    for labels, kpis in expected.items():
        rep = _label(table, labels) if labels else None
        actual = kpis_for(table, period, rep=rep) if rep or not labels else {}
        # A rep the reading did not find shows as NaN under a name that says so.
        name = rep or (f"{labels[0]} (not among the reps read)" if labels else "company")
        for key, value in kpis.items():
            want[f"{name} {key}"] = value
            got[f"{name} {key}"] = actual.get(key, float("nan"))
    assert got == pytest.approx(want)


def test_maven_team_is_the_manager() -> None:
    # sales_teams.csv has no team column: each agent's manager is their team (issue 12, item 2).
    teams = pd.read_csv(DATA / "maven-crm-opportunities" / "sales_teams.csv")
    pipeline = pd.read_csv(DATA / "maven-crm-opportunities" / "sales_pipeline.csv")
    want = teams[teams["sales_agent"].isin(pipeline["sales_agent"])]
    deals = read_files(_upload("maven-crm-opportunities")).dataset().tables["deals"]
    got = deals.drop_duplicates("rep").set_index("rep")["team"].astype(str).to_dict()
    assert got == dict(zip(want["sales_agent"], want["manager"], strict=True))


def test_pl300_wide_targets_are_unpivoted_in_thousands() -> None:
    # ResellerSalesTargets.csv: one row per salesperson and year, M01..M12 in thousands ("-" = none;
    # the publisher's lab multiplies by 1,000). 2020, April-June over the 18 rows of 2020, summed
    # with awk: 39,100 thousand. The company's target needs no join to the sales file.
    folder = DATA / "pl300-reseller-sales-targets"
    wide = pd.read_csv(folder / "ResellerSalesTargets.csv", encoding="utf-16", na_values="-")
    want = wide.loc[wide["Year"] == 2020, ["M04", "M05", "M06"]].sum().sum() * 1000
    assert want == 39_100_000
    data = read_files(_upload("pl300-reseller-sales-targets")).dataset()
    targets = targets_of(data, QUARTER, "2020-Q2")
    company = targets.loc[(targets["scope"] == "all").to_numpy(bool), "target"]
    assert company.tolist() == [want]
