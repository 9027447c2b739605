"""Real browser on real export shapes: Salesforce Data Loader objects and a call-centre log."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from tests.builders import xlsx
from tests.e2e.conftest import go, no_exception, open_tab, shot, upload, wait_idle

pytestmark = pytest.mark.e2e
SALESFORCE = Path(__file__).resolve().parents[1] / "data" / "salesforce"  # BSD-3, see LICENSE


def test_salesforce_objects_on_the_pipeline_page(page: Page) -> None:
    upload(page, SALESFORCE / "Opportunity.csv", SALESFORCE / "Task.csv")
    expect(page.get_by_text("Opportunity.csv").first).to_be_visible()
    go(page, "Pipeline & funnel")
    # 35 open opportunities (50 minus 12 won and 3 lost) on the last day of the data
    expect(page.get_by_text("35 open deals worth").first).to_be_visible()
    expect(page.get_by_text("does not tell how long deals usually take").first).to_be_visible()
    shot(page, "13-salesforce-pipeline")
    page.get_by_role("tab", name="Funnel").click()
    wait_idle(page)
    expect(page.get_by_text("Without a stage history").first).to_be_visible()
    page.get_by_role("tab", name="Plan to target").click()
    wait_idle(page)
    expect(page.get_by_text("no targets per rep").first).to_be_visible()
    go(page, "Team health")
    expect(page.get_by_text("Employee survey").first).to_be_visible()


def test_call_centre_log_on_the_customers_page(page: Page, tmp_path: Path) -> None:
    # The shape of PwC's call-centre log (its licence is not stated, so it is not copied):
    # dates stored as text, a 1–5 rating, blank for unanswered calls. Ratings 5, 4, 3, 2 and
    # 3 (twice) answered; one call unanswered: mean (5 + 4 + 3 + 2 + 3 + 3) / 6 = 3.33.
    calls = pd.DataFrame(
        {
            "Call Id": [f"ID{i:04d}" for i in range(1, 8)],
            "Agent": ["Jim", "Jim", "Martha", "Martha", "Dan", "Dan", "Dan"],
            "Date": ["2021-01-04", "2021-01-05", "2021-02-01", "2021-02-02", "2021-03-01",
                     "2021-03-02", "2021-03-03"],
            "Answered (Y/N)": ["Y", "Y", "Y", "Y", "Y", "Y", "N"],
            "Satisfaction rating": [5, 4, 3, 2, 3, 3, None],
        }
    )  # fmt: skip
    path = tmp_path / "01 Call-Center-Dataset.xlsx"
    calls.to_excel(path, sheet_name="Sheet1", index=False)
    upload(page, path)
    expect(page.get_by_text(path.name).first).to_be_visible()
    go(page, "Customers")
    expect(page.get_by_text("customer satisfaction 3.3 of 5").first).to_be_visible()
    shot(page, "14-call-centre-customers")


SALESFORCE_ORG = Path(__file__).resolve().parents[1] / "data" / "salesforce-powerbi-demo"  # MIT
PAGES = (
    "Team overview",
    "Root causes",
    "Rep deep-dive",
    "Pipeline & funnel",
    "Customers",
    "Team health",
    "Meeting mode & export",
)


def test_salesforce_org_export_on_every_page(page: Page) -> None:
    # Opportunity + OpportunityHistory + Lead + Account of a real org: the four files once broke
    # the funnel, and with it Rep deep-dive, Root causes, Pipeline & funnel and Meeting mode.
    names = ("Opportunity.csv", "OpportunityHistory.csv", "Lead.csv", "Account.csv")
    upload(page, *(SALESFORCE_ORG / n for n in names))
    expect(page.get_by_text("Opportunity.csv").first).to_be_visible()
    no_exception(page)
    shot(page, "15-salesforce-org-upload")
    for number, name in enumerate(PAGES, start=16):
        go(page, name)  # fails on an exception box or a part that could not be worked out
        shot(page, f"{number}-salesforce-org-{name.split()[0].lower()}")
    go(page, "Pipeline & funnel")
    open_tab(page, "Funnel")
    # With OpportunityHistory the funnel counts the stages each deal really reached.
    expect(page.get_by_text("stage history").first).to_be_visible()
    shot(page, "23-salesforce-org-funnel-from-history")
    for tab in ("Plan to target", "Leads"):
        open_tab(page, tab)


def test_a_workbook_whose_headers_say_nothing(page: Page, tmp_path: Path) -> None:
    # Headers A..F: the rep, the stage, both dates and the amount are found by their values,
    # and the mapping editor says why, so the user can check. Amounts 1,250.50 + 37 × i.
    names = ["Anna de Vries", "Bram Jansen", "Chloe Martin", "Daan Smit", "Eva Bakker"]
    rows: list[list[object]] = [["A", "B", "C", "D", "E", "F"]]
    for i in range(30):
        created = pd.Timestamp("2026-01-05") + pd.Timedelta(days=3 * i)
        rows.append([f"D-{1000 + i}", names[i % 5], ("Won", "Lost", "Proposal")[i % 3],
                     created.date().isoformat(),
                     (created + pd.Timedelta(days=20)).date().isoformat(),
                     round(1250.5 + 37 * i, 2)])  # fmt: skip
    path = tmp_path / "export.xlsx"
    path.write_bytes(xlsx({"Export": rows}))
    upload(page, path)
    no_exception(page)
    # Found by values only: the sheet asks to be checked, so its editor is open already.
    expect(page.get_by_text("please check").first).to_be_visible()
    # Amounts run from 1,250.50 (i = 0) to 1,250.50 + 37 × 29 = 2,323.50, shown rounded.
    expect(page.get_by_text("numbers from 1,250 to 2,324").first).to_be_visible()
    expect(page.get_by_text("5 names of people").first).to_be_visible()
    shot(page, "24-headers-that-say-nothing")
    go(page, "Team overview")
    # 2026-Q1: deals close 20 days after 2026-01-05 + 3i, so i = 0..21 close by 31 March. Won are
    # i = 0, 3, ..., 21: 8 × 1,250.50 + 37 × (0 + 3 + ... + 21) = 10,004 + 3,108 = 13,112.
    # Lost are i = 1, 4, ..., 19: 7, so the win rate is 8 / 15 = 53%.
    expect(page.get_by_text("13,112").first).to_be_visible()
    expect(page.get_by_text("53%").first).to_be_visible()
    shot(page, "25-headers-that-say-nothing-overview")


def test_a_workbook_without_sales_data_says_so(page: Page, tmp_path: Path) -> None:
    # An HR list and a product list: nothing to analyse, said once on the Upload page.
    people = [["Employee Name", "Department", "Hire Date", "Salary"],
              ["Anna de Vries", "Sales", "2015-03-01", 52000], ["Bram Jansen", "HR", "2018-06-15", 48000]]  # fmt: skip
    products = [["Product", "SKU", "List Price"], ["Widget", "W-1", 9.5]]
    path = tmp_path / "hr.xlsx"
    path.write_bytes(xlsx({"Staff": people, "Products": products}))
    upload(page, path)
    no_exception(page)
    expect(page.get_by_text("No sheet holds sales data").first).to_be_visible()
    shot(page, "26-no-sales-data")
    go(page, "Team overview")  # the other pages say what to load, without an error box
    expect(page.get_by_text("Load an export").first).to_be_visible()


MAVEN = Path(__file__).resolve().parents[1] / "data" / "maven-crm-opportunities"  # see SOURCE.md


def test_a_plain_export_calls_deals_stalled_only_past_the_usual_cycle(page: Page) -> None:
    # Maven CRM's opportunities: no stage history, no activities linked to deals. A deal is
    # stalled only when open longer than its rep's whole usual cycle, and the page says why
    # and what would let stalls be judged by stage (issue 14).
    upload(page, *(MAVEN / n for n in ("sales_pipeline.csv", "sales_teams.csv", "accounts.csv")))
    expect(page.get_by_text("sales_pipeline.csv").first).to_be_visible()
    go(page, "Pipeline & funnel")
    expect(
        page.get_by_text("Open for longer than the rep's usual sales cycle").first
    ).to_be_visible()
    expect(page.get_by_text("add either to see the deals stuck in a stage").first).to_be_visible()
    shot(page, "13b-plain-export-stalled-rule")
