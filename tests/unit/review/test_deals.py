"""The deals behind a number (analysis/review/deals.py), on a small planted dataset worked by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.kpis.table import kpi_table
from analysis.model import schema as S
from analysis.model.periods import PeriodSpec, current_and_previous
from analysis.pipeline.planning import Plan, plan
from analysis.pipeline.snapshot import snapshot
from analysis.render.html import html_report
from analysis.render.pdf import pdf_report
from analysis.render.safe_export import to_csv_bytes
from analysis.review.deal_tables import deals_count, deals_table, rep_sections
from analysis.review.deals import (
    BEHIND_BAR,
    EVERYBODY,
    KINDS,
    Who,
    deals_behind,
    deals_of_kinds,
    plan_said,
    rep_deals,
    who,
)
from analysis.review.document import Review, Table
from analysis.review.rep_pack import rep_pack
from sample_data.generate import CLOSE_RATE_REP
from tests.tables import dataset, frame

QUARTER = PeriodSpec("quarter")
SAMPLE = Path(__file__).parents[3] / "sample_data" / "salescope_sample.xlsx"
LINK = '=HYPERLINK("http://x.example","click")'

# The data ends on Tuesday 31 March 2026 (D3's close date): 2026-Q1 is complete, the snapshot
# is taken that day. No stage history, no activities: a deal stalls when open longer than the
# usual won cycle. Won cycles: D1 45, D3 58, D8 55, D9 49 days; nobody has 8 wins, so the
# usual is everyone's 75th percentile: 55 + 0.25 × (58 − 55) = 55.75 days.
DEALS = frame(
    "deal_id deal_name account rep team stage status amount created_date close_date",
    [
        ("D1", "Alpha", "Acme", "Anna", "North", "Closed Won", "won", 1000.0, "2025-12-01", "2026-01-15"),
        ("D2", "Beta", "Bolt", "Anna", "North", "Closed Lost", "lost", 2000.0, "2026-01-01", "2026-02-15"),
        ("D3", "Gamma", "Core", "Anna", "North", "Closed Won", "won", 3000.0, "2026-02-01", "2026-03-31"),
        ("D4", "Delta", "Dune", "Anna", "North", "Closed Lost", "lost", 500.0, "2025-10-01", "2025-12-20"),
        ("D5", "Eps", "Echo", "Bram", "North", "Demo", "open", 4000.0, "2026-03-01", "2026-05-15"),
        ("D6", "Zeta", "Fjord", "Bram", "North", "Proposal", "open", 6000.0, "2025-11-01", "2026-02-28"),
        ("D7", "Eta", "Gale", "Cas", "South", "Demo", "open", 7000.0, "2026-01-10", "2026-08-15"),
        ("D8", "Theta", "Hive", None, "North", "Closed Won", "won", 800.0, "2026-01-05", "2026-03-01"),
        ("D9", LINK, "Iris", "Cas", "South", "Closed Won", "won", 9000.0, "2026-01-20", "2026-03-10"),
    ],
    dates=(S.CREATED_DATE, S.CLOSE_DATE),
)  # fmt: skip
DATA = dataset(deals=DEALS)
TABLE = kpi_table(DATA, QUARTER)
SNAP = snapshot(DATA)


def ids(kind: str, scope: Who = EVERYBODY, due: str | None = None) -> list[str]:
    return deals_behind(DATA, QUARTER, "2026-Q1", kind, scope, SNAP, due)["deal_id"].tolist()


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("won", ["D3", "D9", "D8", "D1"]),  # closed in Q1 as won, the latest first
        ("lost", ["D2"]),  # D4 was lost in 2025-Q4
        ("new", ["D5", "D3", "D9", "D7", "D8", "D2"]),  # created in Q1, the latest first
        ("open", ["D7", "D6", "D5"]),  # open on 31 March, the largest first
        ("stalled", ["D7", "D6"]),  # open 80 and 150 days > 55.75; D5 only 30
        ("slipped", ["D6"]),  # expected 28 Feb, before 31 March
        ("due", ["D5"]),  # expected by 30 June (2026-Q2); D7 only in August
    ],
)
def test_the_deals_of_each_kind_for_everybody(kind: str, expected: list[str]) -> None:
    assert ids(kind) == expected


def test_a_team_is_its_reps_and_its_deals_without_a_rep() -> None:
    north = who(TABLE, team="North")
    assert north == Who(frozenset({"Anna", "Bram"}), "North")
    assert ids("won", north) == ["D3", "D8", "D1"]  # D8 has no rep but North's name
    assert ids("open", north) == ["D6", "D5"]
    assert ids("won", who(TABLE, team="South")) == ["D9"]
    assert ids("lost", who(TABLE, rep="Anna")) == ["D2"]
    assert ids("won", who(TABLE, team="North", among=["Anna"])) == ["D3", "D1"]  # a region
    assert who(TABLE, team=S.ALL_TEAMS) == EVERYBODY


def test_the_deals_are_the_ones_the_kpis_count() -> None:
    for team in ("North", "South"):
        scope = who(TABLE, team=team)
        for kind, kpi in (("won", "won_deals"), ("new", "new_deals")):
            counted = TABLE[(TABLE["scope"] == "team") & (TABLE["team"] == team)
                            & (TABLE["period"] == "2026-Q1") & (TABLE["kpi"] == kpi)]  # fmt: skip
            assert len(ids(kind, scope)) == counted["value"].iloc[0]


def test_stalled_and_slipped_are_the_snapshots_own_flags() -> None:
    assert (
        ids("stalled")
        == SNAP.open.loc[SNAP.open["stalled"]]
        .sort_values("amount", ascending=False)["deal_id"]
        .tolist()
    )
    assert ids("slipped") == SNAP.open.loc[SNAP.open["slipped"], "deal_id"].tolist()


def test_a_deals_fields_and_days_open() -> None:
    lost = deals_behind(DATA, QUARTER, "2026-Q1", "lost", snap=SNAP).iloc[0]
    assert (lost["deal"], lost["account"], lost["rep"], lost["amount"]) == (
        "Beta",
        "Bolt",
        "Anna",
        2000.0,
    )
    assert (lost["status"], lost["days_open"]) == ("lost", 45.0)  # 1 Jan → 15 Feb
    new = deals_behind(DATA, QUARTER, "2026-Q1", "new", snap=SNAP).iloc[0]
    assert (new["deal_id"], new["status"], new["days_open"]) == ("D5", "open", 30.0)  # → 31 Mar
    slipped = deals_behind(DATA, QUARTER, "2026-Q1", "slipped", snap=SNAP).iloc[0]
    assert (slipped["close_date"], slipped["days_open"]) == (pd.Timestamp("2026-02-28"), 150.0)
    assert deals_behind(DATA, QUARTER, "2026-Q1", "due", snap=SNAP, due_period="2026-Q3")[
        "deal_id"
    ].tolist() == ["D5", "D7"]  # by the end of September, D7 too


def test_no_deals_and_unknown_kinds() -> None:
    none = deals_behind(DATA, QUARTER, "2025-Q1", "won", snap=SNAP)
    assert none.empty
    assert none["amount"].dtype == float
    assert deals_behind(dataset(deals=DEALS.drop(columns=[S.CREATED_DATE])), QUARTER,
                        "2026-Q1", "new").empty  # fmt: skip
    with pytest.raises(ValueError, match="kind"):
        deals_behind(DATA, QUARTER, "2026-Q1", "everything")
    assert set(KINDS) == {"won", "lost", "new", "open", "stalled", "slipped", "due"}


@pytest.mark.parametrize(
    ("lang", "header", "row"),
    [
        ("en", ["Which", "Deal", "ID in the CRM", "Account", "Rep", "Team", "Stage", "Now",
                "Amount", "Created", "Close date (expected when open)", "Days open"],
         ["New deals", "Eps", "D5", "Echo", "Bram", "North", "Demo", "Open", "€4,000",
          "1 Mar 2026", "15 May 2026", "30"]),
        ("nl", ["Soort", "Deal", "ID in het CRM", "Account", "Verkoper", "Team", "Fase", "Nu",
                "Bedrag", "Aangemaakt", "Sluitdatum (verwacht als hij open is)", "Dagen open"],
         ["Nieuwe deals", "Eps", "D5", "Echo", "Bram", "North", "Demo", "Open", "€\u00a04.000",
          "1 mrt 2026", "15 mei 2026", "30"]),
    ],
)  # fmt: skip
def test_the_table_in_each_language(lang: str, header: list[str], row: list[str]) -> None:
    both = pd.concat([ids_frame("new"), ids_frame("lost")], ignore_index=True)
    written = deals_table(both, "EUR", lang)
    assert list(written.columns) == header
    assert written.iloc[0].tolist() == row


def ids_frame(kind: str) -> pd.DataFrame:
    return deals_behind(DATA, QUARTER, "2026-Q1", kind, snap=SNAP)


def test_one_kind_names_its_close_date_and_counts() -> None:
    won = deals_table(ids_frame("won"), "EUR", "en", one_rep=True)
    assert "Closed" in won.columns
    assert "Rep" not in won.columns
    assert "Which" not in won.columns
    assert "Stage" not in won.columns  # every one 'Closed Won': nothing to read in it
    due = deals_table(ids_frame("due"), "EUR", "en", compact=True)
    assert list(due.columns) == ["Deal", "ID in the CRM", "Account", "Rep", "Team", "Stage",
                                 "Amount", "Expected close", "Days open"]  # fmt: skip
    assert (
        deals_count(ids_frame("won"), "EUR") == "4 deals, €13,800 in all."
    )  # 3,000+9,000+800+1,000
    assert deals_count(ids_frame("lost"), "EUR", "nl") == "1 deal, samen €\u00a02.000."


def test_the_download_keeps_a_formula_as_text() -> None:
    written = deals_table(ids_frame("won"), "EUR", "en")
    assert LINK in written.iloc[:, 0].tolist()  # shown as the data has it
    csv = to_csv_bytes(written).decode("utf-8-sig")
    assert "'" + LINK.replace('"', '""') in csv  # quoted: a spreadsheet reads text
    assert "\n=HYPERLINK" not in csv
    assert ",=HYPERLINK" not in csv


# Planning, as tests/unit/pipeline/test_pipeline.py works it out by hand: Anna's target for
# 2026-Q2 €30,000; open by 30 June D1 + D2 (slipped) = €15,000 × 2/3 = €10,000; gap €20,000
# → 3 wins of €8,000 → 5 new deals.
PLAN_DEALS = frame(
    "deal_id rep team stage status amount created_date close_date",
    [
        ("D1", "Anna", "North", "Proposal", "open", 10000.0, "2026-01-05", "2026-04-30"),
        ("D2", "Anna", "North", "Lead", "open", 5000.0, "2025-12-01", "2026-02-15"),
        ("D3", "Anna", "North", "Closed Won", "won", 8000.0, "2026-01-02", "2026-03-31"),
        ("D4", "Bob", "North", "Demo", "open", 20000.0, "2025-09-01", "2026-06-30"),
        ("D5", "Bob", "North", "Closed Lost", "lost", 3000.0, "2026-01-10", "2026-03-01"),
    ],
    dates=(S.CREATED_DATE, S.CLOSE_DATE),
)
TARGETS = frame(
    "rep period period_end target",
    [("Anna", "2026-04-01", "2026-07-01", 30000.0), ("Bob", "2026-04-01", "2026-07-01", 40000.0)],
    dates=(S.PERIOD, "period_end"),
)


@pytest.fixture(scope="module")
def anna():
    data = dataset(deals=PLAN_DEALS, targets=TARGETS)
    snap = snapshot(data)
    table = kpi_table(data, QUARTER)
    planned = plan(data, table, QUARTER, current_and_previous(data, QUARTER), snap)
    return rep_deals(data, QUARTER, "2026-Q1", "Anna", snap, planned), planned


def test_a_reps_deals_add_up_to_the_plans_open_deals(anna) -> None:
    deals, planned = anna
    assert deals.due_period == "2026-Q2"
    assert deals.due["deal_id"].tolist() == ["D1"]
    assert deals.slipped["deal_id"].tolist() == ["D2"]
    assert deals.lost.empty
    row = planned.reps.set_index("rep").loc["Anna"]
    assert len(deals.due) + len(deals.slipped) == row["open_deals"] == 2
    assert deals.due["amount"].sum() + deals.slipped["amount"].sum() == row["open_value"]


def test_the_gap_in_words(anna) -> None:
    deals, _ = anna
    said = plan_said(deals, "EUR")
    assert said.text("en") == (
        "Target of 2026-Q2: €30,000; €0 won so far, €30,000 still to win. The 2 open deals "
        "expected to close by then (past-due ones included, €15,000 in all) should bring about "
        "€10,000 at a win rate of 67%. That leaves €20,000: about 3 more won deals of about "
        "€8,000, or about 5 new deals at that win rate."
    )
    assert said.text("nl").startswith("Target van 2026-Q2: €\u00a030.000; €\u00a00 tot nu toe")
    untargeted = Plan("2026-Q2", None, [], anna[1].reps.iloc[:0])  # no target for anybody
    data = dataset(deals=PLAN_DEALS)
    none = rep_deals(data, QUARTER, "2026-Q1", "Anna", snapshot(data), untargeted)
    assert (
        plan_said(none, "EUR").text("en") == "No target for Anna for 2026-Q2: no gap to work out."
    )


def test_the_packs_sections_on_the_reps_deals(anna) -> None:
    deals, _ = anna
    lost, ahead = rep_sections(deals, "EUR", "en")
    assert (lost.key, lost.title) == ("lost", "Lost deals in 2026-Q1")
    assert [b.text for b in lost.blocks] == ["No deals lost in 2026-Q1."]
    assert ahead.title == "Gap to the target of 2026-Q2"
    tables = [b.frame for b in ahead.blocks if isinstance(b, Table)]
    assert [f["Deal"].tolist() for f in tables] == [["D1"], ["D2"]]  # due, then slipped
    assert tables[0]["Expected close"].tolist() == ["30 Apr 2026"]
    page = html_report(Review("t", "s", (lost, ahead)))
    assert "€20,000" in page
    assert "D2" in page


def test_the_pack_of_the_planted_rep_lists_her_lost_deals(sample_analysis) -> None:
    data, table, choice, found = sample_analysis
    snap = snapshot(data)
    planned = plan(data, table, QUARTER, choice, snap)
    deals = rep_deals(data, QUARTER, found.period, CLOSE_RATE_REP, snap, planned)
    sheet = pd.read_excel(SAMPLE, sheet_name="Deals", engine="calamine")
    close = pd.to_datetime(sheet["Close Date"])
    hers = sheet["Sales Rep"] == CLOSE_RATE_REP
    lost = sheet[hers & (sheet["Stage"] == "Closed Lost") & (close >= "2026-07-01")
                 & (close < "2026-10-01")]  # fmt: skip
    assert sorted(deals.lost["deal_id"]) == sorted(lost["Deal ID"].astype(str))
    pack = rep_pack(table, found, CLOSE_RATE_REP, "EUR", "nl", deals)
    assert [s.key for s in pack.sections] == ["team", "changed", "plan", "lost", "ahead"]
    assert pack.sections[3].title == "Verloren deals in 2026-Q3"
    page = html_report(pack)
    assert str(lost.sort_values("Close Date")["Deal Name"].iloc[-1]) in page
    assert pdf_report(pack).startswith(b"%PDF")


def test_the_deals_behind_a_reps_bar_of_each_kpi() -> None:
    anna = who(TABLE, rep="Anna")
    assert BEHIND_BAR["revenue"] == BEHIND_BAR["target_attainment"] == ("won",)
    assert BEHIND_BAR["new_deals"] == ("new",)
    assert "nps" not in BEHIND_BAR  # no deals behind it
    assert "lead_response_hours" not in BEHIND_BAR
    rate = deals_of_kinds(DATA, QUARTER, "2026-Q1", BEHIND_BAR["win_rate"], anna, SNAP)
    # Anna's win rate in Q1: D3 and D1 won, D2 lost (D4 in 2025-Q4), the latest closed first
    assert rate["deal_id"].tolist() == ["D3", "D2", "D1"]
    assert rate["kind"].tolist() == ["won", "lost", "won"]
    assert deals_of_kinds(DATA, QUARTER, "2026-Q1", ("won",), anna, SNAP)["deal_id"].tolist() == [
        "D3", "D1"]  # fmt: skip
    assert deals_of_kinds(DATA, QUARTER, "2025-Q1", ("won", "lost"), anna, SNAP).empty


def test_a_deal_without_an_amount_is_unknown_and_in_no_total() -> None:
    planted = DEALS.assign(amount=DEALS["amount"].where(DEALS["deal_id"] != "D6"))  # open, Bram
    data = dataset(deals=planted)
    open_ = deals_behind(data, QUARTER, "2026-Q1", "open", snap=snapshot(data))
    assert open_["deal_id"].tolist() == ["D7", "D5", "D6"]  # the unknown amount last
    written = deals_table(open_, "EUR", "en")
    assert written["Amount"].tolist() == ["€7,000", "€4,000", "—"]
    assert deals_count(open_, "EUR") == (
        "3 deals, €11,000 in all. 1 of them has no amount and is not in that total."
    )  # 7,000 + 4,000
    assert deals_count(open_, "EUR", "nl") == (
        "3 deals, samen €\u00a011.000. Daarvan heeft er 1 geen bedrag; die telt niet mee in dat "
        "totaal."
    )
    bram = deals_behind(data, QUARTER, "2026-Q1", "slipped", snap=snapshot(data))  # D6 only
    assert deals_count(bram, "EUR") == "1 deal, without an amount."
    assert deals_table(bram, "EUR", "nl")["Bedrag"].tolist() == ["—"]
