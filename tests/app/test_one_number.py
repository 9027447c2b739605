"""One number, one window (issue 14, item 7): a walk through the pages on the sample.

The same KPI over the same window reads the same on Root causes, the Rep deep-dive (chart,
causes, coaching), the plan to target and the leads tab; a number over another window says
which. Every expected value is worked out here with plain pandas on the workbook's sheets,
independent of analysis/.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from tests.app.conftest import SAMPLE, chart, open_page

NOW = pd.Period("2026-Q3", freq="Q")
BEFORE = [NOW - k for k in range(6, 0, -1)]  # the six quarters of the usual level
LAST_TWO = [NOW - 1, NOW]  # the window weak spots compare over


@pytest.fixture(scope="module")
def sheets() -> dict[str, pd.DataFrame]:
    names = ["Deals", "Leads", "Customer Feedback"]
    return pd.read_excel(SAMPLE, sheet_name=names, engine="openpyxl")


def win_rate(deals: pd.DataFrame, rep: str, quarters: list[pd.Period]) -> float:
    """Won ÷ closed (won or lost) of a rep's deals closed in these quarters."""
    mine = deals[(deals["Sales Rep"] == rep) & deals["Stage"].isin(["Closed Won", "Closed Lost"])]
    mine = mine[mine["Close Date"].dt.to_period("Q").isin(quarters)]
    return float((mine["Stage"] == "Closed Won").mean())


def usual_win_rate(deals: pd.DataFrame, rep: str) -> float:
    """The median of the rep's quarterly win rates over the six quarters before."""
    return float(np.median([win_rate(deals, rep, [q]) for q in BEFORE]))


def nps(feedback: pd.DataFrame, rep: str, quarters: list[pd.Period]) -> float:
    """% promoters (9–10) − % detractors (0–6) of the rep's answers in these quarters."""
    mine = feedback[feedback["Sales Rep"] == rep]
    score = mine.loc[mine["Date"].dt.to_period("Q").isin(quarters), "NPS Score"]
    return float(100 * ((score >= 9).mean() - (score <= 6).mean()))


def response_hours(leads: pd.DataFrame, rep: str, quarter: pd.Period) -> float:
    """The median hours from a rep's lead coming in to its first answer, in one quarter."""
    mine = leads[(leads["Lead Owner"] == rep) & (leads["Created On"].dt.to_period("Q") == quarter)]
    hours = (mine["First Response At"] - mine["Created On"]).dt.total_seconds() / 3600
    return float(hours[hours >= 0].median())


def percent(value: float) -> str:
    return f"{round(100 * value)}%"


def signed(value: float) -> str:
    return f"{round(value):+d}".replace("-", "−")


def said(at: AppTest, key: str, kinds: tuple[str, ...] = ("markdown", "warning")) -> str:
    box = at.main.get_by_key(key)
    return " ".join(str(e.value) for kind in kinds for e in box.get(kind)).replace("\\", "")


def dot(at: AppTest, label: str) -> str:
    """The rep's value of one KPI on the deep-dive's rep-against-team chart, as written."""
    assert chart(at, "deepdive_vs_team")["title"]
    (data,) = at.main.get_by_key("deepdive_vs_team").get("vega_lite_chart")[0].proto.datasets
    rows = dataframe_util.convert_arrow_bytes_to_pandas_df(data.data.data)
    return str(rows.set_index("kpi").loc[label, "rep_text"])


def pick(at: AppTest, rep: str) -> AppTest:
    open_page(at, "pages/rep_deep_dive.py")
    at.selectbox(key="rep_pick").set_value(rep).run()
    assert not at.exception
    return at


def test_emmas_win_rate_reads_the_same_for_the_same_window(app: AppTest, sheets) -> None:
    deals = sheets["Deals"]
    now, usual = win_rate(deals, "Emma Smit", [NOW]), usual_win_rate(deals, "Emma Smit")
    two = win_rate(deals, "Emma Smit", LAST_TWO)
    assert (round(now * 34), round(two * 83)) == (5, 12)  # 5 of 34 closed; 12 of 83
    change = f"win rate {percent(usual)} → {percent(now)}"
    assert change == "win rate 39% → 15%"
    # Root causes: the flagged reps' evidence
    open_page(app, "pages/root_causes.py")
    flagged = app.main.get_by_key("rootcause_flagged").dataframe[0].value
    emma = flagged[flagged["Rep"] == "Emma Smit"]
    assert emma["Evidence"].iloc[0].startswith(change)
    # Rep deep-dive: the chart's dot is this period's, the cause and the coaching quote it
    pick(app, "Emma Smit")
    assert dot(app, "Win rate") == percent(now)
    caption = app.caption[0].value.replace("\\", "")  # the caption says the chart's window
    assert "The chart: 2026-Q3 against the team's median rep." in caption
    assert change in said(app, "deepdive_bridge")
    plan = said(app, "deepdive_plan")
    assert f"Falling win rate: {change}" in plan
    # the same KPI over another window says it: the last two quarters
    assert f"win rate {percent(two)} over 2026-Q2 and 2026-Q3" in plan
    # the plan to target uses this period's win rate, the one that fell, and says so
    open_page(app, "pages/pipeline.py")
    table = next(d.value for d in app.dataframe if "Win rate planned on" in d.value.columns)
    used = table.set_index("Rep").loc["Emma Smit", "Win rate planned on"]
    assert used == f"{percent(now)} (2026-Q3, after its fall)"
    note = " ".join(c.value for c in app.caption)
    assert "The win rate of Emma Smit fell" in note


def test_a_reps_nps_says_its_window(app: AppTest, sheets) -> None:
    feedback = sheets["Customer Feedback"]
    # Liam Mulder's customers are planted to score lowest (sample_data/README.md)
    now, two = nps(feedback, "Liam Mulder", [NOW]), nps(feedback, "Liam Mulder", LAST_TWO)
    assert (signed(now), signed(two)) == ("−8", "−22")  # two windows, two values
    pick(app, "Liam Mulder")
    assert dot(app, "Net Promoter Score (NPS)").replace("-", "−") == signed(now)
    behind = said(app, "deepdive_plan")
    assert re.search(rf"NPS [−-]{abs(round(two))} over 2026-Q2 and 2026-Q3, against", behind)


def test_lead_response_reads_the_same_on_every_page(app: AppTest, sheets) -> None:
    leads = sheets["Leads"]
    usual = float(np.median([response_hours(leads, "Lucas Vos", q) for q in BEFORE]))
    now = response_hours(leads, "Lucas Vos", NOW)
    assert (f"{usual:.1f} h", f"{now:.1f} h") == ("2.3 h", "7.4 h")
    open_page(app, "pages/pipeline.py")
    point = said(app, "leads_point", ("subheader", "markdown", "caption", "info"))
    assert f"Lucas Vos is slowest at {now:.1f} h, usually {usual:.1f} h." in point
    open_page(app, "pages/root_causes.py")
    flagged = app.main.get_by_key("rootcause_flagged").dataframe[0].value
    lucas = flagged[flagged["Rep"] == "Lucas Vos"]["Evidence"].iloc[0]
    assert lucas.startswith(f"typical first response {usual:.1f} h → {now:.1f} h")
    pick(app, "Lucas Vos")
    assert dot(app, "Lead response time") == f"{now:.1f} h"
    assert f"{usual:.1f} h → {now:.1f} h" in said(app, "deepdive_bridge")


def test_in_dutch_the_plan_says_which_win_rate_and_the_spot_its_window(
    app: AppTest, sheets
) -> None:
    deals = sheets["Deals"]
    now, two = win_rate(deals, "Emma Smit", [NOW]), win_rate(deals, "Emma Smit", LAST_TWO)
    app.radio(key="ui_language").set_value("nl").run()
    open_page(app, "pages/pipeline.py")
    table = next(d.value for d in app.dataframe if "Winratio in het plan" in d.value.columns)
    used = table.set_index("Verkoper").loc["Emma Smit", "Winratio in het plan"]
    assert used == f"{percent(now)} (2026-Q3, na de daling)"
    pick(app, "Emma Smit")
    assert dot(app, "Winratio") == percent(now)
    assert f"winratio {percent(two)} over 2026-Q2 en 2026-Q3, tegenover" in said(
        app, "deepdive_plan"
    )
