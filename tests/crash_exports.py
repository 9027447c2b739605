"""Exports that once crashed the analysis, built by hand: tested forever by the property suite.

`CRASHES` maps a name to a function returning (export, period grain, --current or None). Each
entry says the exception it raised and where; the unit test next to the fix pins the number.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pandas as pd

from analysis.model import schema as S
from tests.export_files import Export, Sheet, export_of

Case = tuple[Export, str, str | None]


def _sheet(table: str, name: str, rows: list[dict[str, object]], fields: dict[str, str]) -> Sheet:
    return Sheet(table, name, pd.DataFrame(rows), fields)


def salesforce_org() -> Case:
    """Opportunity + OpportunityHistory + Lead + Account as CSV files.

    Raised `Grouper and axis must be same length` in funnel._probabilities (via findings.find):
    the stage names of the history were grouped against the deals' probabilities.
    """
    stages = ["Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review"]
    opps, history = [], []
    for i in range(12):
        stage = ["Closed Won", "Closed Lost", *stages][i % 6]
        created = datetime(2025, 1, 6) + timedelta(days=7 * i)
        close = created + timedelta(days=30)
        opps.append(
            {
                "Id": f"006{i:03d}",
                "AccountId": f"001{i % 3}",
                "Name": f"Deal {i}",
                "StageName": stage,
                "Amount": 1000 * (i + 1),
                "Probability": 10 + 5 * (i % 6),
                "CloseDate": close.date().isoformat(),
                "Type": "New Business",
                "LeadSource": "Web",
                "IsClosed": int(stage.startswith("Closed")),
                "IsWon": int(stage == "Closed Won"),
                "OwnerId": f"005{i % 2}",
                "CreatedDate": created.isoformat() + ".000+0000",
            }
        )
        for j, name in enumerate(stages[: 1 + i % 4]):
            history.append(
                {
                    "Id": f"008{i:03d}{j}",
                    "OpportunityId": f"006{i:03d}",
                    "CreatedById": "005A",
                    "CreatedDate": (created + timedelta(days=j)).isoformat() + ".000+0000",
                    "StageName": name,
                    "Amount": 1000 * (i + 1),
                    "ExpectedRevenue": 100 * j,
                    "CloseDate": close.date().isoformat(),
                    "Probability": 10 * (j + 1),
                    "ForecastCategory": "Pipeline",
                }
            )
    leads = [
        {
            "Id": f"00Q{i}",
            "LastName": "Smit",
            "Company": "Acme",
            "Status": "Open",
            "LeadSource": "Web",
            "OwnerId": "0050",
            "CreatedDate": "2025-02-03T10:00:00.000+0000",
            "IsConverted": "false",
        }
        for i in range(5)
    ]
    accounts = [{"Id": f"001{i}", "Name": f"Account {i}", "Industry": "Retail"} for i in range(3)]
    sheets = [
        _sheet(S.DEALS, "Opportunity", opps, {}),
        _sheet(S.STAGE_HISTORY, "OpportunityHistory", history, {}),
        _sheet(S.LEADS, "Lead", leads, {}),
        _sheet(S.IGNORE, "Account", accounts, {}),
    ]
    return export_of(sheets, csv=True), "quarter", None


def opportunities_nothing_recognised() -> Case:
    """An opportunities CSV whose amount is `close_value`, with side files, and --current.

    No sheet was recognised, so there were no periods at all; --current named one anyway and
    kpi_cells.row_spans took the argmax over zero periods: `attempt to get argmax of an empty
    sequence`.
    """
    pipeline = [
        {
            "opportunity_id": f"OPP{i:03d}",
            "sales_agent": ["Moses Frase", "Zane Levy"][i % 2],
            "product": "GTX",
            "account": "Acme",
            "deal_stage": ["Won", "Lost", "Engaging"][i % 3],
            "engage_date": f"2017-0{1 + i % 6}-1{i % 9}",
            "close_date": f"2017-0{2 + i % 6}-2{i % 9}",
            "close_value": 100 * i,
        }
        for i in range(9)
    ]
    teams = [
        {"sales_agent": "Moses Frase", "manager": "Dustin Brinkmann", "regional_office": "Central"}
    ]
    products = [{"product": "GTX", "series": "GTX", "sales_price": 550}]
    sheets = [
        _sheet(S.IGNORE, "sales_pipeline", pipeline, {}),
        _sheet(S.IGNORE, "sales_teams", teams, {}),
        _sheet(S.IGNORE, "products", products, {}),
    ]
    return export_of(sheets, csv=True), "quarter", "2017-Q1"


def open_deals_only_before_the_data() -> Case:
    """Three open deals, one with an expected close date, and --current before them all.

    The data covered no day (expected close dates of open deals do not count), so the open
    deals table came back empty and untyped: KeyError 'amount' in pipeline_report._open_part.
    """
    deals = pd.DataFrame(
        {
            "amount": [2033.81, 27995.09, 43524.86],
            "deal closed on": [None, None, datetime(2019, 1, 1)],
            "stage": ["Qualification", "Prospecting", "Proposal"],
        }
    )
    fields = {"amount": S.AMOUNT, "deal closed on": S.CLOSE_DATE, "stage": S.STAGE}
    return export_of([Sheet(S.DEALS, "Deals", deals, fields)]), "quarter", "2018-Q1"


def team_column_without_teams() -> Case:
    """Deals whose Team column names a team only on a row that is set aside (negative amount).

    The rows kept had no team at all, so the rep-team vote had zero teams to vote for, and its
    argmax raised `attempt to get argmax of an empty sequence` in kpi_cells.build_index.
    """
    deals = pd.DataFrame(
        {
            "Opportunity Owner": ["Anna de Vries", "Sem Jansen", "Anna de Vries"],
            "Team": [None, "North", None],
            "Amount": [1000, -2000, 3000],
            "Stage": ["Closed Won", "Closed Lost", "Closed Won"],
            "Close Date": [datetime(2026, 1, 15), datetime(2026, 2, 15), datetime(2026, 3, 15)],
        }
    )
    fields = {
        "Opportunity Owner": S.REP,
        "Team": S.TEAM,
        "Amount": S.AMOUNT,
        "Stage": S.STAGE,
        "Close Date": S.CLOSE_DATE,
    }
    return export_of([Sheet(S.DEALS, "Deals", deals, fields)]), "quarter", None


def every_deal_set_aside() -> Case:
    """One deal, set aside for its negative amount, and a leads sheet that dates the data.

    The deals table was empty; the usual won cycle per rep of no deals came back as text and
    pipeline._usual_from_cycle divided it: TypeError 'truediv' not supported for dtype 'string'.
    """
    deals = pd.DataFrame(
        {
            "amount": [-2808.55],
            "deal closed on": [datetime(2019, 1, 1)],
            "stage": ["Verloren"],
            "created date": [datetime(2019, 1, 1)],
            "sales rep": ["Anna de Vries"],
        }
    )
    leads = pd.DataFrame({"created on": [datetime(2019, 1, 1)] * 4})
    sheets = [
        Sheet(S.DEALS, "Deals", deals, {}),
        Sheet(S.LEADS, "Leads", leads, {"created on": S.CREATED_AT}),
    ]
    return export_of(sheets), "quarter", None


def nobody_sold_in_both_periods() -> Case:
    """Emma sold only last quarter, Anna only this one; the team review names who to thank.

    No rep was in both quarters, the gain of no one came out as text and overview.recognition
    raised TypeError (subtract_checked: double, large_string) in the HTML and workbook runs.
    """
    days = [datetime(2026, 5, d) for d in (4, 5, 6)] + [datetime(2026, 8, d) for d in (3, 4, 5)]
    deals = pd.DataFrame(
        {
            "Owner": ["Emma"] * 3 + ["Anna"] * 4,  # 3 won each: enough for the leaderboard
            "Amount": [200, 210, 220, 150, 160, 170, 90],
            "Status": ["won"] * 6 + ["lost"],
            "Close Date": [*days, datetime(2026, 9, 30)],
        }
    )
    fields = {"Owner": S.REP, "Amount": S.AMOUNT, "Status": S.STATUS, "Close Date": S.CLOSE_DATE}
    return export_of([Sheet(S.DEALS, "Deals", deals, fields)]), "quarter", None


def feedback_without_answers_in_the_window() -> Case:
    """A call in 2027-Q4 (the quarter reported on), deals and one NPS answer in 2028-Q1.

    The Customers page lists the reps active in the quarter (the caller) beside those with
    answers in it (none); those rows lacked the score columns: KeyError 'value' in
    customers.satisfaction_by_rep.
    """
    day = datetime(2028, 1, 14)
    deals = pd.DataFrame(
        {
            "acv": [48273.59, 32024.77, 40169.22],
            "deal closed on": [day] * 3,
            "stage": ["2. Meeting", "Closed Lost", "Gewonnen"],
            "sales rep": ["Anna de Vries"] * 3,
        }
    )
    feedback = pd.DataFrame(
        {"date": [datetime(2028, 1, 6)], "nps score": [2], "sales rep": ["Zoë Müller"]}
    )
    calls = pd.DataFrame(
        {"deal eigenaar": ["Zoë Müller"], "date": [datetime(2027, 12, 27, 14)], "type": ["Meeting"]}
    )
    sheets = [
        Sheet(S.DEALS, "Deals", deals, {}),
        Sheet(S.ACTIVITIES, "Activities", calls, {}),
        Sheet(S.CUSTOMER_FEEDBACK, "Customer feedback", feedback, {}),
    ]
    return export_of(sheets), "quarter", None


def stages_differing_only_in_case() -> Case:
    """Deals with a stage history that spells one stage two ways ("Offerte", "offerte").

    The forecast placed each history row by its stage's place in the stage order, looked up in
    an index of the stages in lower case, which then held "offerte" twice: InvalidIndexError
    `Reindexing only valid with uniquely valued Index objects` in forecast.examples._history.
    """
    deals = pd.DataFrame(
        {
            "Deal ID": ["K-1", "K-2", "K-3"],
            "Owner": ["Anna de Vries", "Anna de Vries", "Sem Jansen"],
            "Amount": [39544.07, 37365.31, 12000.0],
            "Stage": ["Closed Won", "Closed Won", "Offerte"],
            "Created": [datetime(2025, 6, 2), datetime(2025, 6, 9), datetime(2025, 7, 1)],
            "Close Date": [datetime(2025, 8, 18), datetime(2025, 8, 18), datetime(2025, 9, 30)],
        }
    )
    steps = {"K-1": ["Prospecting", "demo", "Offerte", "Closed Won"],
             "K-2": ["Prospecting", "Demo", "offerte", "Closed Won"],
             "K-3": ["Prospecting", "Demo", "proposal", "Proposal", "Offerte"]}  # fmt: skip
    history = pd.DataFrame(
        [
            {
                "Deal ID": deal,
                "Stage": stage,
                "Changed": datetime(2025, 6, 10) + timedelta(days=9 * i),
            }
            for deal, stages in steps.items()
            for i, stage in enumerate(stages)
        ]
    )
    fields = {"Deal ID": S.DEAL_ID, "Owner": S.REP, "Amount": S.AMOUNT, "Stage": S.STAGE,
              "Created": S.CREATED_DATE, "Close Date": S.CLOSE_DATE}  # fmt: skip
    moves = {"Deal ID": S.DEAL_ID, "Stage": S.STAGE, "Changed": S.CHANGED_AT}
    sheets = [Sheet(S.DEALS, "Deals", deals, fields),
              Sheet(S.STAGE_HISTORY, "Stage history", history, moves)]  # fmt: skip
    return export_of(sheets), "quarter", None


CRASHES: dict[str, Callable[[], Case]] = {
    "stages_differing_only_in_case": stages_differing_only_in_case,
    "feedback_without_answers_in_the_window": feedback_without_answers_in_the_window,
    "nobody_sold_in_both_periods": nobody_sold_in_both_periods,
    "every_deal_set_aside": every_deal_set_aside,
    "team_column_without_teams": team_column_without_teams,
    "open_deals_only_before_the_data": open_deals_only_before_the_data,
    "salesforce_org": salesforce_org,
    "opportunities_nothing_recognised": opportunities_nothing_recognised,
}
