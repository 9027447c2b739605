"""The views of the Pipeline & funnel page (analysis/pipeline/views.py, lead_views.py), by hand.

The small frames are those of test_pipeline.py and test_leads.py: the data ends on 31 March
2026; open are D1 (Anna, €10,000, Proposal), D2 (Anna, €5,000, Lead, slipped and stalled) and
D4 (Bob, €20,000, Demo, stalled).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from analysis.kpis.table import kpi_table
from analysis.model.periods import current_and_previous
from analysis.pipeline import views as V
from analysis.pipeline.funnel import StageOrder, funnel_order, funnel_table
from analysis.pipeline.lead_views import leads_view
from analysis.pipeline.planning import plan
from analysis.pipeline.snapshot import snapshot
from analysis.words.message import Say, text
from tests.tables import dataset
from tests.unit.pipeline.test_leads import TWO_QUARTERS
from tests.unit.pipeline.test_pipeline import DEALS, HISTORY, QUARTER, TARGETS


@pytest.fixture(scope="module")
def data():
    return dataset(deals=DEALS.assign(currency="EUR"), stage_history=HISTORY, targets=TARGETS)


@pytest.fixture(scope="module")
def parts(data):
    table = kpi_table(data, QUARTER)
    snap = snapshot(data)
    return snap, plan(data, table, QUARTER, current_and_previous(data, QUARTER), snap), table


def test_the_open_pipeline_cards_and_tables(parts) -> None:
    snap, planned, table = parts
    view = V.pipeline_view(snap, planned, table, "2026-Q1", None, "EUR")
    cards = [(text(c.label), text(c.value), text(c.delta)) for c in view.cards]
    # open €35,000 in 3 deals; slipped D2 €5,000; stalled D2 + D4 = €25,000 in 2 deals
    assert cards[:3] == [
        ("Open pipeline", "€35k", "3 deals"),
        ("Past close date", "€5k", "1 deal"),
        ("Stalled", "€25k", "2 deals"),
    ]
    assert cards[3][0] == "Pipeline velocity, 2026-Q1"
    # coverage: €35,000 due by 30 June ÷ €70,000 still to win in 2026-Q2 = 0.5
    assert cards[4][:2] == ("Coverage of 2026-Q2 target", "0.5×")
    assert text(view.cards[4].help).startswith("Pipeline coverage: the open pipeline ÷")
    # the deals to talk about, biggest first: D4 €20,000, then D2 €5,000
    assert view.attention["deal_id"].tolist() == ["D4", "D2"]
    assert text(view.attention_title) == "Deals to talk about (2)"
    assert [text(w) for w in view.attention["why"]] == [
        "no news for 181 days (usually moves on within 54)",
        "44 days past its close date; no news for 120 days (usually moves on within 54)",
    ]
    # per rep, biggest first: Bob €20,000 (1 deal, stalled, 211 days old); Anna €15,000 in
    # 2 deals (D2 slipped and stalled), typical age the median of 85 and 120 days = 102.5
    reps = view.reps
    assert list(reps.index) == ["Bob", "Anna"]
    assert reps["deals"].tolist() == [1, 2]
    assert reps["value"].tolist() == [20000.0, 15000.0]
    assert reps["slipped"].tolist() == [0, 1]
    assert reps["stalled"].tolist() == [1, 1]
    assert reps["age"].tolist() == [211.0, 102.5]
    assert view.stages["value"].tolist() == [5000.0, 20000.0, 10000.0]  # Lead, Demo, Proposal
    assert text(view.stalled_note).startswith("Stalled: No news (stage changes")


def test_the_team_picked_narrows_the_open_pipeline(parts) -> None:
    snap, planned, table = parts
    south = snap.open.assign(team=["North", "North", "South"])  # D4 (Bob) moves to South
    view = V.pipeline_view(replace(snap, open=south), planned, table, "2026-Q1", "South", "EUR")
    assert text(view.headline) == (
        "1 open deal worth €20k on 31 Mar 2026. 1 (€20k) has had no news for longer than usual."
    )
    assert [text(c.delta) for c in view.cards[:3]] == ["1 deal", "0 deals", "1 deal"]
    # no rep of the plan is in South: coverage is unknown
    assert text(view.cards[4].value) == "—"


def test_no_open_deals_give_no_cards() -> None:
    closed = DEALS[DEALS["status"] != "open"]
    data = dataset(deals=closed)
    table = kpi_table(data, QUARTER)
    snap = snapshot(data)
    view = V.pipeline_view(snap, plan(data, table, QUARTER, current_and_previous(data, QUARTER),
                                      snap), table, "2026-Q1", None, None)  # fmt: skip
    assert view.cards == ()
    assert text(view.headline) == "There are no open deals in the export."
    assert view.attention.empty


def test_the_funnel_of_the_team_and_of_a_rep(data) -> None:
    rows = funnel_table(data, QUARTER)
    order = funnel_order(data)
    assert V.funnel_missing(order, rows) is None
    assert V.funnel_reps(rows, None) == ["Anna", "Bob"]
    # Created in 2026-Q1: D1 (reached Proposal), D3 (won), D5 (lost in Lead): 3 reached Lead,
    # 2 Demo, 2 Proposal, 1 won → 2/3, 100%, 50%; no stage reached by 10 deals.
    team = V.funnel_view(data, order, rows, QUARTER, "2026-Q1", None, V.EVERYONE, 1)
    assert team.group["reached"].tolist() == [3, 2, 2, 1]
    assert team.group["conversion"].tolist()[:3] == pytest.approx([2 / 3, 1.0, 0.5])
    assert team.mine is team.group
    assert text(team.who) == text(team.group_name) == "Whole team"
    assert text(team.headline) == text(Say("pipeline.funnel.too_few"))
    assert text(team.title) == text(Say("pipeline.funnel_title", first="2026-Q1", last="2026-Q1"))
    assert text(team.notes).endswith(text(Say("pipeline.funnel_recent")))
    # Anna's deals of 2026-Q1: D1 and D3, both past Demo; D3 won
    anna = V.funnel_view(data, order, rows, QUARTER, "2026-Q1", "North", "Anna", 1)
    assert anna.mine["reached"].tolist() == [2, 2, 2, 1]
    assert anna.who == "Anna"
    assert anna.group_name == "North"
    assert text(anna.headline) == text(Say("pipeline.funnel.rep_keeps_up", who="Anna"))


def test_without_stages_the_funnel_says_what_would_switch_it_on() -> None:
    order = StageOrder((), (), "", Say("pipeline.funnel.no_stage"))
    lacks = V.funnel_missing(order, pd.DataFrame())
    assert lacks == Say("pipeline.funnel_switch", note=Say("pipeline.funnel.no_stage"))
    no_deals = V.funnel_missing(None, pd.DataFrame())
    assert no_deals == Say("pipeline.funnel_switch", note=Say("pipeline.no_deals"))


def test_the_plan_of_a_team(parts) -> None:
    _, planned, _ = parts
    north = V.plan_view(planned, "North", "EUR", "quarter")
    assert north.reps["rep"].tolist() == ["Bob", "Anna"]  # biggest gap first
    assert north.switch is None
    assert north.symbol == "€"
    assert text(north.headline).startswith("2 of 2 reps are short for 2026-Q2: €53.3k")
    south = V.plan_view(planned, "South", "EUR", "quarter")
    assert south.reps.empty
    assert south.switch == Say("pipeline.plan_switch", note=planned.note)


def test_the_missing_note_names_what_would_switch_parts_on() -> None:
    assert V.missing_note({}) == Say("pipeline.missing.no_deals")
    bare = dataset(deals=DEALS.drop(columns=["created_date"])).tables
    assert "Deals: Created date" in text(V.missing_note(bare))
    assert text(V.missing_note(bare)).startswith("Deal age")
    assert V.missing_note(dataset(deals=DEALS, targets=TARGETS).tables) is None


def test_the_leads_view_by_hand() -> None:
    # The leads end on 6 August 2026, inside 2026-Q3: the last complete quarter is 2026-Q2, in
    # which A answered 5 leads in 1 h and B 5 in 2 h (company median 1.5 h); there is no
    # quarter before it, so no rep has a usual level. No lead converted, all from the website.
    data = dataset(leads=TWO_QUARTERS)
    view = leads_view(data, kpi_table(data, QUARTER), QUARTER)
    assert view.absent is None
    assert view.current == "2026-Q2"
    assert view.point is not None
    assert text(view.point.team_text) == "Median first answer 1.5 h in 2026-Q2."
    assert text(view.point.rep_text) == "B is slowest at 2.0 h."
    assert view.names == ("B", "A")
    assert view.first == 0
    # every lead of 2026-Q2 was answered; 2026-Q1 is the quarter compared with (no leads)
    assert text(view.point_note) == (
        "Every one of the 10 leads of 2026-Q2 got an answer. Compared with 2026-Q1."
    )
    assert view.trend_periods == ("2026-Q2",)
    assert view.response_lacks is None
    assert view.reps_lacks is None
    # 1 h and 2 h both fall in the band 1–4 hours (a band's end is not in it): 10 answered
    # leads with a known outcome, too few to tell (30 needed)
    assert view.by_band["leads"].tolist()[:2] == [0, 10]
    assert view.verdict.answer == "too_few"
    assert view.source_note == Say("leads.source.too_few")
    assert text(view.span) == "Leads created 2026-Q2 – 2026-Q2."


def test_leads_without_a_sheet_or_columns_say_what_they_need() -> None:
    assert leads_view(dataset(deals=DEALS), pd.DataFrame(), QUARTER).absent == Say("leads.no_sheet")
    bare = TWO_QUARTERS.drop(columns=["first_response_at", "converted", "source"])
    data = dataset(leads=bare)
    view = leads_view(data, kpi_table(data, QUARTER), QUARTER)
    assert view.point is None
    assert text(view.response_lacks).startswith("Lead response time needs Leads: First response")
    assert "Leads: Lead source" in text(view.sources_lacks)
    assert view.by_band is None
    assert view.by_source is None
