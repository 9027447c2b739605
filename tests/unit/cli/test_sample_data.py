"""The sample workbook really contains the patterns `sample_data.generate.PLANTED` describes.

Every KPI here is recomputed with plain pandas, independently of the generator's internals, and
the planted patterns are checked on the committed seed (7) and on two other seeds, so that they
hold by construction and not by luck.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from sample_data.generate import PLANTED, STALLED, TRUE_CHANCE, build_frames

WORKBOOK = Path(__file__).resolve().parents[3] / "sample_data" / "salescope_sample.xlsx"
BEFORE = ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]
AFTER = ["2026-Q2", "2026-Q3"]
NEXT = "2026-Q4"  # targets only: the quarter a forecast made on 2026-09-30 aims at
CLOSED = ["Closed Won", "Closed Lost"]
OPEN = ["Prospecting", "Qualification", "Proposal", "Negotiation"]
COLUMNS = {
    "Deals": ["Deal ID", "Deal Name", "Account", "Sales Rep", "Team", "Region", "Stage",
              "Amount", "Currency", "Created Date", "Close Date", "Source", "Product"],
    "Activities": ["Activity ID", "Sales Rep", "Date", "Type", "Deal ID", "Outcome",
                   "Duration (min)"],
    "Leads": ["Lead ID", "Created On", "Lead Owner", "Lead Source", "First Response At",
              "Converted"],
    "Targets": ["Sales Rep", "Team", "Quarter", "Target"],
    "Customer Feedback": ["Date", "Account", "Sales Rep", "NPS Score"],
    "Employee Survey": ["Survey Date", "Team", "Respondent", "Score"],
    "Reps": ["Sales Rep", "Team", "Region", "Start Date"],
    "Stage History": ["Opportunity ID", "Stage", "Changed On"],
    "Market": ["Quarter", "Market Revenue"],
}  # fmt: skip
PATTERN_REPS = {p.rep for p in PLANTED.values() if p.code != "top_performer"}


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return build_frames(7)


@pytest.fixture(scope="module", params=[7, 11, 2024], ids=lambda seed: f"seed{seed}")
def any_seed(request: pytest.FixtureRequest) -> dict[str, pd.DataFrame]:
    return build_frames(request.param)


@pytest.fixture(scope="module", params=[7, 11, 2024], ids=lambda seed: f"seed{seed}")
def truth(request: pytest.FixtureRequest) -> dict[str, pd.DataFrame]:
    return build_frames(request.param, truth=True)


def quarter(dates: pd.Series) -> pd.Series:
    return dates.dt.year.astype(str) + "-Q" + dates.dt.quarter.astype(str)


def deals_of(frames: dict[str, pd.DataFrame], rep: str) -> pd.DataFrame:
    deals = frames["Deals"]
    deals = deals[deals["Sales Rep"] == rep]
    return deals.assign(
        created_q=quarter(deals["Created Date"]),
        close_q=quarter(deals["Close Date"]),
        days=(deals["Close Date"] - deals["Created Date"]).dt.days,
    )


def created_per_quarter(deals: pd.DataFrame, quarters: list[str]) -> float:
    return deals["created_q"].isin(quarters).sum() / len(quarters)


def closed_in(deals: pd.DataFrame, quarters: list[str]) -> pd.DataFrame:
    return deals[deals["Stage"].isin(CLOSED) & deals["close_q"].isin(quarters)]


def win_rate(deals: pd.DataFrame, quarters: list[str]) -> float:
    closed = closed_in(deals, quarters)
    return (closed["Stage"] == "Closed Won").sum() / len(closed)


def won_in(deals: pd.DataFrame, quarters: list[str]) -> pd.DataFrame:
    return deals[(deals["Stage"] == "Closed Won") & deals["close_q"].isin(quarters)]


def enps(scores: pd.Series) -> float:
    return 100 * ((scores >= 9).mean() - (scores <= 6).mean())


def lead_hours(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    leads = frames["Leads"]
    hours = (leads["First Response At"] - leads["Created On"]).dt.total_seconds() / 3600
    return leads.assign(hours=hours, q=quarter(leads["Created On"]))


# --- shape of the workbook ------------------------------------------------------------------


def test_sheets_have_the_exact_headers(frames: dict[str, pd.DataFrame]) -> None:
    assert list(frames) == list(COLUMNS)
    for name, columns in COLUMNS.items():
        assert list(frames[name].columns) == columns, name


def test_row_counts_are_in_the_agreed_ranges(frames: dict[str, pd.DataFrame]) -> None:
    assert 2500 <= len(frames["Deals"]) <= 4000
    assert 20_000 <= len(frames["Activities"]) <= 40_000
    assert 3000 <= len(frames["Leads"]) <= 6000
    assert 800 <= len(frames["Customer Feedback"]) <= 1500
    rounds = frames["Employee Survey"].groupby("Survey Date").size()
    assert len(rounds) == 8
    assert rounds.between(12, 16).all(), rounds.to_dict()
    assert len(frames["Reps"]) == 12
    assert sorted(frames["Reps"]["Team"].unique()) == ["North", "South", "West"]


def test_deals_are_consistent(frames: dict[str, pd.DataFrame]) -> None:
    deals = frames["Deals"]
    assert deals["Deal ID"].is_unique
    assert deals["Deal ID"].str.fullmatch(r"D-\d{6}").all()
    assert set(deals["Stage"]) == set(CLOSED + OPEN)
    assert set(deals["Source"]) == {"Inbound", "Outbound", "Referral", "Partner"}
    assert (deals["Close Date"] >= deals["Created Date"]).all()
    assert deals["Created Date"].between("2024-10-01", "2026-09-30").all()
    closed = deals[deals["Stage"].isin(CLOSED)]
    assert closed["Close Date"].between("2024-10-01", "2026-09-30").all()
    still_open = deals[deals["Stage"].isin(OPEN)]
    assert 0.04 <= len(still_open) / len(deals) <= 0.15
    assert (still_open["Close Date"] >= "2026-08-01").all()  # expected close: recent or future
    assert (deals["Amount"] > 0).all()
    assert (deals["Amount"].round(2) == deals["Amount"]).all()
    reps = frames["Reps"].set_index("Sales Rep")
    assert (deals["Team"] == deals["Sales Rep"].map(reps["Team"])).all()


def test_activities_point_at_live_deals_of_the_same_rep(frames: dict[str, pd.DataFrame]) -> None:
    activities = frames["Activities"]
    assert activities["Activity ID"].is_unique
    assert set(activities["Type"]) == {"Call", "Meeting", "Email", "Demo"}
    linked = activities.dropna(subset=["Deal ID"])
    assert 0.3 <= len(linked) / len(activities) <= 0.9
    deals = frames["Deals"].set_index("Deal ID")
    assert (linked["Sales Rep"].to_numpy() == deals.loc[linked["Deal ID"], "Sales Rep"]).all()
    assert (linked["Date"].to_numpy() >= deals.loc[linked["Deal ID"], "Created Date"]).all()


def test_targets_are_realistic_for_reps_without_a_planted_problem(
    frames: dict[str, pd.DataFrame],
) -> None:
    won = frames["Deals"][frames["Deals"]["Stage"] == "Closed Won"]
    revenue = won.groupby(["Sales Rep", quarter(won["Close Date"])])["Amount"].sum()
    targets = frames["Targets"].set_index(["Sales Rep", "Quarter"])["Target"]
    assert targets.index.get_level_values("Quarter").isin([*BEFORE, *AFTER, NEXT]).all()
    normal = targets[~targets.index.get_level_values("Sales Rep").isin(PATTERN_REPS)]
    # the export starts in 2024-Q4; 2026-Q4 is still to come
    normal = normal[~normal.index.get_level_values("Quarter").isin(["2024-Q4", NEXT])]
    attainment = revenue.reindex(normal.index, fill_value=0) / normal
    assert attainment.between(0.7, 1.3).mean() >= 0.6, attainment.describe()
    assert 0.85 <= attainment.median() <= 1.15


# --- planted patterns -----------------------------------------------------------------------


def test_falling_inquiries(any_seed: dict[str, pd.DataFrame]) -> None:
    planted = PLANTED["falling_inquiries"]
    deals = deals_of(any_seed, planted.rep)
    before, after = created_per_quarter(deals, BEFORE), created_per_quarter(deals, AFTER)
    assert before == pytest.approx(planted.before, rel=0.1)
    assert after == pytest.approx(planted.after, rel=0.15)
    assert 0.4 <= after / before <= 0.6
    # nothing else changed
    assert abs(win_rate(deals, AFTER) - win_rate(deals, BEFORE)) < 0.1
    sizes = [won_in(deals, q)["Amount"].mean() for q in (BEFORE, AFTER)]
    assert 0.75 <= sizes[1] / sizes[0] <= 1.33
    cycles = [won_in(deals, q)["days"].median() for q in (BEFORE, AFTER)]
    assert 0.7 <= cycles[1] / cycles[0] <= 1.4


def test_falling_close_rate(any_seed: dict[str, pd.DataFrame]) -> None:
    planted = PLANTED["falling_close_rate"]
    deals = deals_of(any_seed, planted.rep)
    assert win_rate(deals, BEFORE) == pytest.approx(planted.before, abs=0.05)
    assert win_rate(deals, AFTER) == pytest.approx(planted.after, abs=0.05)
    assert len(closed_in(deals, AFTER)) >= 50  # enough closed deals to be sure
    inflow = [created_per_quarter(deals, q) for q in (BEFORE, AFTER)]
    assert 0.85 <= inflow[1] / inflow[0] <= 1.15


def test_shrinking_deal_size(any_seed: dict[str, pd.DataFrame]) -> None:
    planted = PLANTED["shrinking_deal_size"]
    deals = deals_of(any_seed, planted.rep)
    before, after = (won_in(deals, q)["Amount"].mean() for q in (BEFORE, AFTER))
    assert before == pytest.approx(planted.before, rel=0.15)
    assert after == pytest.approx(planted.after, rel=0.2)
    assert 0.42 <= after / before <= 0.68
    assert abs(win_rate(deals, AFTER) - win_rate(deals, BEFORE)) < 0.1


def test_slowing_cycle(any_seed: dict[str, pd.DataFrame]) -> None:
    planted = PLANTED["slowing_cycle"]
    deals = deals_of(any_seed, planted.rep)
    before, after = (won_in(deals, q)["days"].median() for q in (BEFORE, AFTER))
    assert before == pytest.approx(planted.before, rel=0.2)
    assert after == pytest.approx(planted.after, rel=0.25)
    assert after >= 1.5 * before
    # so fewer deals close while the slow deals are still underway; the win rate holds
    assert len(closed_in(deals, ["2026-Q2"])) < 0.9 * len(closed_in(deals, BEFORE[1:])) / 5
    assert abs(win_rate(deals, AFTER) - win_rate(deals, BEFORE)) < 0.1


def test_low_activity_then_fewer_new_deals(any_seed: dict[str, pd.DataFrame]) -> None:
    planted, inflow = PLANTED["low_activity"], PLANTED["low_activity_inflow"]
    activities = any_seed["Activities"]
    activities = activities[activities["Sales Rep"] == planted.rep]
    calls = activities[activities["Type"].isin(["Call", "Meeting"])]
    per_q = quarter(calls["Date"]).value_counts()
    before, after = per_q[BEFORE].mean(), per_q[AFTER].mean()
    all_per_q = quarter(activities["Date"]).value_counts()
    assert all_per_q[BEFORE].mean() == pytest.approx(planted.before, rel=0.1)
    assert all_per_q[AFTER].mean() == pytest.approx(planted.after, rel=0.15)
    assert 0.3 <= after / before <= 0.5
    deals = deals_of(any_seed, planted.rep)
    base = created_per_quarter(deals, BEFORE)
    assert created_per_quarter(deals, ["2026-Q2"]) >= 0.85 * base  # not yet in the first quarter
    assert created_per_quarter(deals, inflow.quarters) == pytest.approx(inflow.after, rel=0.2)
    assert created_per_quarter(deals, inflow.quarters) <= 0.75 * base


def test_new_hire_has_only_a_handful_of_deals(any_seed: dict[str, pd.DataFrame]) -> None:
    planted = PLANTED["new_hire"]
    start = any_seed["Reps"].set_index("Sales Rep").loc[planted.rep, "Start Date"]
    assert quarter(pd.Series([start])).iloc[0] == "2026-Q2"
    deals = deals_of(any_seed, planted.rep)
    assert len(deals) == planted.after
    assert len(closed_in(deals, BEFORE + AFTER)) < 10
    assert (deals["Created Date"] >= start).all()
    for sheet, rep_col, date_col in [("Activities", "Sales Rep", "Date"),
                                     ("Leads", "Lead Owner", "Created On")]:  # fmt: skip
        rows = any_seed[sheet][any_seed[sheet][rep_col] == planted.rep]
        assert len(rows) > 0
        assert (rows[date_col] >= start).all()
    targets = any_seed["Targets"]
    assert sorted(targets.loc[targets["Sales Rep"] == planted.rep, "Quarter"]) == [*AFTER, NEXT]


def test_one_clear_top_performer_and_a_spread(any_seed: dict[str, pd.DataFrame]) -> None:
    won = any_seed["Deals"][any_seed["Deals"]["Stage"] == "Closed Won"]
    revenue = won.groupby("Sales Rep")["Amount"].sum().sort_values(ascending=False)
    assert revenue.index[0] == PLANTED["top_performer"].rep
    assert revenue.iloc[0] >= 1.4 * revenue.iloc[1]
    experienced = revenue.drop(PLANTED["new_hire"].rep)
    assert experienced.min() <= 0.4 * experienced.max()


def test_slow_lead_response(any_seed: dict[str, pd.DataFrame]) -> None:
    planted = PLANTED["slow_lead_response"]
    leads = lead_hours(any_seed)
    mine, others = (
        leads[leads["Lead Owner"] == planted.rep],
        leads[leads["Lead Owner"] != planted.rep],
    )
    team_before = others.loc[others["q"].isin(BEFORE), "hours"].median()
    team_after = others.loc[others["q"].isin(AFTER), "hours"].median()
    rep_before = mine.loc[mine["q"].isin(BEFORE), "hours"].median()
    rep_after = mine.loc[mine["q"].isin(AFTER), "hours"].median()
    assert 1.5 <= team_after <= 4  # a few hours
    assert team_before == pytest.approx(planted.before, rel=0.2)
    assert 0.7 <= rep_before / team_before <= 1.4
    assert rep_after == pytest.approx(planted.after, rel=0.35)
    assert rep_after >= 2.3 * team_after


def test_inquiries_rep_gets_fewer_leads_too(any_seed: dict[str, pd.DataFrame]) -> None:
    leads = lead_hours(any_seed)
    mine = leads[leads["Lead Owner"] == PLANTED["falling_inquiries"].rep]
    per_q = mine["q"].value_counts()
    assert per_q[AFTER].mean() <= 0.65 * per_q[BEFORE].mean()


def test_one_team_has_a_negative_enps(any_seed: dict[str, pd.DataFrame]) -> None:
    planted = PLANTED["low_enps"]
    survey = any_seed["Employee Survey"]
    after = quarter(survey["Survey Date"]).isin(AFTER)
    by_team = survey[after].groupby("Team")["Score"].apply(enps)
    assert by_team[planted.team] <= -40
    assert (by_team.drop(planted.team) > 0).all(), by_team.to_dict()
    before = enps(survey.loc[~after & (survey["Team"] == planted.team), "Score"])
    assert before >= by_team[planted.team] + 40


def test_every_rep_has_a_target_for_the_next_quarter(frames: dict[str, pd.DataFrame]) -> None:
    targets = frames["Targets"]
    ahead = targets[targets["Quarter"] == NEXT].set_index("Sales Rep")["Target"]
    assert sorted(ahead.index) == sorted(frames["Reps"]["Sales Rep"])
    last = targets[targets["Quarter"] == AFTER[-1]].set_index("Sales Rep")["Target"]
    # the same rule as every quarter: 0.85-1.05 × the rep's expected revenue, a new draw
    assert (ahead / last.reindex(ahead.index)).between(0.85 / 1.05, 1.05 / 0.85).all()


# --- the planted win signal (issue 15): who wins follows a known chance ---------------------


def closed_deals(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    deals = frames["Deals"]
    closed = deals[deals["Stage"].isin(CLOSED)]
    return closed.assign(
        won=closed["Stage"] == "Closed Won",
        days=(closed["Close Date"] - closed["Created Date"]).dt.days,
        close_q=quarter(closed["Close Date"]),
    )


def test_the_workbook_keeps_the_truth_out(frames: dict[str, pd.DataFrame]) -> None:
    for columns in (
        frames["Deals"].columns,
        pd.read_excel(WORKBOOK, "Deals", nrows=1, engine="openpyxl").columns,
    ):
        assert TRUE_CHANCE not in columns
        assert STALLED not in columns


def test_truth_adds_only_the_chance_and_stalled(truth: dict[str, pd.DataFrame]) -> None:
    deals = truth["Deals"]
    assert list(deals.columns) == [*COLUMNS["Deals"], TRUE_CHANCE, STALLED]
    assert deals[TRUE_CHANCE].between(0, 1).all()
    still_open = deals[deals["Stage"].isin(OPEN)]
    assert (deals.loc[deals[STALLED], "Stage"].isin(OPEN)).all()
    overdue = still_open["Close Date"] <= "2026-09-30"
    assert still_open.loc[overdue, STALLED].all()  # an open deal past its close date is stalled
    assert ((still_open[TRUE_CHANCE] > 0) & (still_open[TRUE_CHANCE] < 1)).all()
    # a stalled deal has been open far longer than usual, so it is less likely to be won
    assert still_open.groupby(STALLED)[TRUE_CHANCE].mean().diff().iloc[-1] < 0


def test_the_chances_add_up_to_the_wins_of_each_rep_quarter(
    truth: dict[str, pd.DataFrame],
) -> None:
    closed = closed_deals(truth).groupby(["Sales Rep", "close_q"])
    gap = closed[TRUE_CHANCE].sum() - closed["won"].sum()
    assert gap.abs().max() < 1e-6


def test_deals_win_about_as_often_as_their_chance(truth: dict[str, pd.DataFrame]) -> None:
    closed = closed_deals(truth)
    bands = pd.cut(closed[TRUE_CHANCE], [0, 0.2, 0.3, 0.4, 0.5, 0.6, 1])
    table = closed.groupby(bands, observed=True).agg(
        chance=(TRUE_CHANCE, "mean"), won=("won", "mean"), n=("won", "size")
    )
    assert (table["n"] >= 100).all(), table
    assert (table["won"] - table["chance"]).abs().max() < 0.05, table
    assert table["won"].is_monotonic_increasing, table


def test_referrals_win_most_and_outbound_least(any_seed: dict[str, pd.DataFrame]) -> None:
    rate = closed_deals(any_seed).groupby("Source")["won"].mean()
    assert rate["Referral"] > rate["Inbound"] + 0.1, rate.to_dict()
    assert rate["Inbound"] > rate["Outbound"] + 0.03, rate.to_dict()


def test_won_deals_closed_faster_than_lost_ones(any_seed: dict[str, pd.DataFrame]) -> None:
    days = closed_deals(any_seed).groupby("won")["days"].median()
    assert days[True] < days[False], days.to_dict()  # seed 7: 36 against 38 days


def test_deals_with_recent_activity_win_more_often(any_seed: dict[str, pd.DataFrame]) -> None:
    closed = closed_deals(any_seed)
    linked = any_seed["Activities"].dropna(subset=["Deal ID"])
    linked = linked.merge(closed[["Deal ID", "Close Date"]], on="Deal ID")
    last_30_days = linked["Date"].between(
        linked["Close Date"] - pd.Timedelta(days=30), linked["Close Date"]
    )
    active = closed["Deal ID"].isin(linked.loc[last_30_days, "Deal ID"])
    rate = closed.groupby(active)["won"].mean()
    assert (~active).sum() >= 100  # enough quiet deals to compare
    assert rate[True] > rate[False], rate.to_dict()  # seed 7: 36% against 29%


# --- determinism and the committed workbook -------------------------------------------------


def test_same_seed_gives_identical_frames(frames: dict[str, pd.DataFrame]) -> None:
    again = build_frames(7)
    for name, frame in frames.items():
        pd.testing.assert_frame_equal(frame, again[name])
    assert not build_frames(8)["Deals"]["Amount"].equals(frames["Deals"]["Amount"])


def test_planted_records_match_the_reps_sheet(frames: dict[str, pd.DataFrame]) -> None:
    teams = frames["Reps"].set_index("Sales Rep")["Team"]
    for planted in PLANTED.values():
        assert set(planted.quarters) <= set(BEFORE + AFTER)
        if planted.rep is not None:
            assert teams[planted.rep] == planted.team, planted.code


def test_committed_workbook_opens_with_seven_sheets_matching_the_generator(
    frames: dict[str, pd.DataFrame],
) -> None:
    assert WORKBOOK.exists()
    assert WORKBOOK.stat().st_size < 3_000_000
    book = openpyxl.load_workbook(WORKBOOK, read_only=True)
    try:
        assert book.sheetnames == list(COLUMNS)
        deals_sheet = book["Deals"]
        header, first = deals_sheet.iter_rows(min_row=1, max_row=2, values_only=True)
        assert list(header) == COLUMNS["Deals"]
        row = dict(zip(header, first, strict=True))
        assert isinstance(row["Amount"], float)
        assert row["Created Date"].year == 2024  # a real Excel date, not text
    finally:
        book.close()
    deals = pd.read_excel(WORKBOOK, sheet_name="Deals", engine="openpyxl")
    expected = frames["Deals"]
    assert deals["Deal ID"].tolist() == expected["Deal ID"].tolist()  # not stale
    assert deals["Amount"].to_numpy() == pytest.approx(expected["Amount"].to_numpy())
    assert (deals["Close Date"].to_numpy() == expected["Close Date"].to_numpy()).all()


def test_stage_history_ends_at_each_deals_current_stage(any_seed: dict[str, pd.DataFrame]) -> None:
    history, deals = any_seed["Stage History"], any_seed["Deals"]
    last = history.groupby("Opportunity ID", sort=False)["Stage"].last()
    assert last.reindex(deals["Deal ID"]).tolist() == deals["Stage"].tolist()
    first = history.groupby("Opportunity ID", sort=False)
    assert (first["Stage"].first() == "Prospecting").all()
    assert (first["Changed On"].first().reindex(deals["Deal ID"]).to_numpy()
            == deals["Created Date"].to_numpy()).all()  # fmt: skip
    assert first["Changed On"].is_monotonic_increasing.all()


def test_won_deals_pass_every_stage_in_order(frames: dict[str, pd.DataFrame]) -> None:
    history, deals = frames["Stage History"], frames["Deals"]
    won = set(deals.loc[deals["Stage"] == "Closed Won", "Deal ID"])
    paths = history[history["Opportunity ID"].isin(won)].groupby("Opportunity ID")["Stage"]
    expected = ["Prospecting", "Qualification", "Proposal", "Negotiation", "Closed Won"]
    assert all(list(path) == expected for _, path in paths)


def test_emma_loses_her_deals_after_the_proposal_in_the_last_two_quarters(
    frames: dict[str, pd.DataFrame],
) -> None:
    history, deals = frames["Stage History"], frames["Deals"]
    lost = deals[(deals["Stage"] == "Closed Lost") & (deals["Close Date"] >= "2026-04-01")]
    before_lost = history[history["Stage"] != "Closed Lost"].groupby("Opportunity ID").last()
    dropped_at = before_lost["Stage"].reindex(lost["Deal ID"]).to_numpy()
    emma = (lost["Sales Rep"] == "Emma Smit").to_numpy()
    assert (dropped_at[emma] == "Proposal").mean() >= 0.45
    assert (dropped_at[~emma] == "Proposal").mean() <= 0.3


def test_market_grows_a_little_and_our_share_is_about_five_percent(
    frames: dict[str, pd.DataFrame],
) -> None:
    market, deals = frames["Market"], frames["Deals"]
    assert market["Quarter"].tolist() == [
        f"{y}-Q{q}"
        for y, q in [(2024, 4), *[(2025, q) for q in range(1, 5)], (2026, 1), (2026, 2), (2026, 3)]
    ]
    won = deals[deals["Stage"] == "Closed Won"]
    revenue = won.groupby(quarter(won["Close Date"]))["Amount"].sum()
    share = revenue.reindex(market["Quarter"]).to_numpy() / market["Market Revenue"].to_numpy()
    assert ((share[1:] > 0.03) & (share[1:] < 0.08)).all()
