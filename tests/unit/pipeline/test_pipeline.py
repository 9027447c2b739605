"""Open pipeline, slipped and stalled deals, and reverse-funnel planning, worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.charts.pipeline import (
    MOVING,
    SLIPPED,
    STALLED,
    age_frame,
    funnel_frame,
    plan_frame,
)
from analysis.charts.pipeline_tables import attention_table
from analysis.diagnosis.weak_spots import WeakSpot
from analysis.kpis.table import kpi_table, targets_of
from analysis.model import schema as S
from analysis.model.periods import PeriodSpec, current_and_previous
from analysis.pipeline import snapshot as pipeline
from analysis.pipeline.planning import plan
from analysis.pipeline.sentences import coverage, funnel_headline, headline, plan_headline
from analysis.pipeline.snapshot import by_age, by_stage, snapshot
from analysis.pipeline.views import deals_to_talk_about
from tests.tables import dataset, frame

QUARTER = PeriodSpec("quarter")

# The data ends on 31 March 2026 (D3's close date), the day the snapshot is taken.
DEALS = frame(
    "deal_id rep team stage status amount created_date close_date",
    [
        ("D1", "Anna", "North", "Proposal", "open", 10000.0, "2026-01-05", "2026-04-30"),
        ("D2", "Anna", "North", "Lead", "open", 5000.0, "2025-12-01", "2026-02-15"),  # slipped
        ("D3", "Anna", "North", "Closed Won", "won", 8000.0, "2026-01-02", "2026-03-31"),
        ("D4", "Bob", "North", "Demo", "open", 20000.0, "2025-09-01", "2026-06-30"),
        ("D5", "Bob", "North", "Closed Lost", "lost", 3000.0, "2026-01-10", "2026-03-01"),
    ],
    dates=(S.CREATED_DATE, S.CLOSE_DATE),
)
HISTORY = frame(
    "deal_id stage changed_at",
    [
        ("D1", "Lead", "2026-01-05"),
        ("D1", "Demo", "2026-01-20"),  # 15 days in Lead
        ("D1", "Proposal", "2026-03-25"),  # 64 days in Demo; 6 days in Proposal so far
        ("D2", "Lead", "2025-12-01"),  # 120 days without news
        ("D3", "Lead", "2026-01-02"),
        ("D3", "Demo", "2026-01-10"),  # 8 days in Lead
        ("D3", "Proposal", "2026-02-01"),  # 22 days in Demo
        ("D3", "Closed Won", "2026-03-31"),  # 58 days in Proposal
        ("D4", "Lead", "2025-09-01"),
        ("D4", "Demo", "2025-10-01"),  # 30 days in Lead; 181 days in Demo so far
        ("D5", "Lead", "2026-01-10"),
        ("D5", "Closed Lost", "2026-03-01"),  # 50 days in Lead
    ],
    dates=(S.CHANGED_AT,),
)


def test_open_deals_by_stage_and_age() -> None:
    snap = snapshot(dataset(deals=DEALS))
    assert snap.as_of == pd.Timestamp("2026-03-31")
    assert snap.stages == ("Lead", "Demo", "Proposal")
    stages = by_stage(snap)
    assert stages["deals"].tolist() == [1, 1, 1]
    assert stages["value"].tolist() == [5000.0, 20000.0, 10000.0]
    open_ = snap.open.set_index("deal_id")
    # ages: D1 85 days, D2 120, D4 211
    assert open_.loc[["D1", "D2", "D4"], "age_days"].tolist() == [85, 120, 211]
    ages = by_age(snap).set_index("age_band")
    assert ages["deals"].tolist() == [0, 0, 1, 1, 1]
    assert ages.loc["over 180 days", "value"] == 20000.0
    # only D2 is past its expected close (15 February): 44 days overdue
    assert open_.loc[["D1", "D2", "D4"], "slipped"].tolist() == [False, True, False]
    assert open_.loc["D2", "overdue_days"] == 44


def test_stalled_from_everyones_usual_stage_time() -> None:
    # Too few moves per rep, team or stage: the usual time is the 75th percentile of all
    # seven finished stays (8, 15, 22, 30, 50, 58, 64 days) = 50 + 0.5 × 8 = 54 days.
    snap = snapshot(dataset(deals=DEALS, stage_history=HISTORY))
    open_ = snap.open.set_index("deal_id")
    assert open_["usual_days"].tolist() == pytest.approx([54.0, 54.0, 54.0])
    assert open_.loc[["D1", "D2", "D4"], "idle_days"].tolist() == [6, 120, 181]
    assert open_.loc[["D1", "D2", "D4"], "stalled"].tolist() == [False, True, True]
    assert "stage" in snap.stalled_basis.text()


def test_stalled_from_the_reps_own_stage_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "MIN_STAGE_MOVES", 1)
    snap = snapshot(dataset(deals=DEALS, stage_history=HISTORY))
    usual = snap.open.set_index("deal_id")["usual_days"]
    # Anna in Lead: stays of 15 and 8 days → 8 + 0.75 × 7 = 13.25
    assert usual["D2"] == pytest.approx(13.25)
    # Anna in Proposal: D3's 58 days
    assert usual["D1"] == pytest.approx(58.0)
    # Bob never left Demo: team North's Demo stays 64 and 22 days → 22 + 0.75 × 42 = 53.5
    assert usual["D4"] == pytest.approx(53.5)


def test_without_history_activities_and_the_cycle_decide() -> None:
    acts = frame("rep date type deal_id", [("Bob", "2026-03-20", "Call", "D4")], dates=(S.DATE,))
    snap = snapshot(dataset(deals=DEALS, activities=acts))
    open_ = snap.open.set_index("deal_id")
    # usual: the only won cycle, 88 days, over 3 open stages = 29.33 days
    assert open_["usual_days"].tolist() == pytest.approx([88 / 3] * 3)
    # D4 had a call on 20 March (11 days ago); D1 and D2 have had no news since created
    assert open_.loc[["D1", "D2", "D4"], "idle_days"].tolist() == [85, 120, 11]
    assert open_.loc[["D1", "D2", "D4"], "stalled"].tolist() == [True, True, False]


def test_without_history_or_linked_activities_only_deals_older_than_the_cycle_stall() -> None:
    # Issue 14: no stage history and no activity linked to a deal, so nothing tells how long a
    # deal went without news. Anna won 8 deals in 10, 20, …, 80 days: 3 in 4 closed within
    # the 75th percentile of those, 10 + 0.75 × 70 = 62.5 days (numpy's linear quantile).
    # On 31 March 2026 (the last won close date) her open deals are 20, 60 and 63 days old:
    # only the one of 63 days is stalled. Split over stages, as before, 62.5 ÷ 3 = 21 days
    # would have called two of the three stalled.
    won = [
        (f"W{d}", "Anna", "North", "Closed Won", "won", 1000.0,
         str((pd.Timestamp("2026-03-31") - pd.Timedelta(days=d)).date()), "2026-03-31")
        for d in range(10, 90, 10)
    ]  # fmt: skip
    opened = [
        (f"O{d}", "Anna", "North", stage, "open", 500.0,
         str((pd.Timestamp("2026-03-31") - pd.Timedelta(days=d)).date()), "2026-06-30")
        for d, stage in ((20, "Lead"), (60, "Demo"), (63, "Proposal"))
    ]  # fmt: skip
    deals = frame(
        "deal_id rep team stage status amount created_date close_date", won + opened,
        dates=(S.CREATED_DATE, S.CLOSE_DATE),
    )  # fmt: skip
    snap = snapshot(dataset(deals=deals))
    open_ = snap.open.set_index("deal_id")
    assert open_.loc[["O20", "O60", "O63"], "usual_days"].tolist() == [62.5] * 3
    assert open_.loc[["O20", "O60", "O63"], "stalled"].tolist() == [False, False, True]
    assert snap.stalled_rule == ("whole_cycle", ())
    assert "no stage history and no activities linked to deals" in snap.stalled_basis.text()
    assert headline(snap, "EUR").text() == (
        "3 open deals worth €1.5k on 31 Mar 2026. 1 (€500) has been open longer than its rep's "
        "usual sales cycle."
    )
    (why,) = deals_to_talk_about(snap.open, whole_cycle=True)["why"]
    assert why.text() == "open for 63 days (usual cycle 62 days)"  # 62.5 written whole


def test_without_created_dates_nothing_is_called_stalled() -> None:
    snap = snapshot(dataset(deals=DEALS.drop(columns=[S.CREATED_DATE])))
    assert not snap.open["stalled"].any()
    assert snap.stalled_basis is None


TARGETS = frame(
    "rep period period_end target",
    [("Anna", "2026-04-01", "2026-07-01", 30000.0), ("Bob", "2026-04-01", "2026-07-01", 40000.0)],
    dates=(S.PERIOD, "period_end"),
)


def test_targets_of_a_period_the_data_does_not_reach_yet() -> None:
    targets = targets_of(dataset(deals=DEALS, targets=TARGETS), QUARTER, "2026-Q2")
    reps = targets[targets["scope"] == "rep"]
    assert reps.set_index("rep")["target"].to_dict() == {
        "Anna": 30000.0,
        "Bob": 40000.0,
    }
    assert targets.loc[targets["scope"] == "all", "target"].tolist() == [70000.0]


def test_reverse_funnel_per_rep() -> None:
    data = dataset(deals=DEALS, targets=TARGETS)
    choice = current_and_previous(data, QUARTER)
    result = plan(data, kpi_table(data, QUARTER), QUARTER, choice, snapshot(data))
    assert result.period == "2026-Q2"  # Q1 is complete: plan the next quarter
    assert result.target_period == "2026-Q2"
    reps = result.reps.set_index("rep")
    # Win rates shrunk: Anna won 1 of 1, Bob 0 of 1; pooled 50%, prior worth 2 deals
    # (the method-of-moments strength is 0, raised to its floor of 2) → 2/3 and 1/3.
    assert reps.loc["Anna", "win_rate"] == pytest.approx(2 / 3)
    assert reps.loc["Bob", "win_rate"] == pytest.approx(1 / 3)
    # Deal size: everyone's average €8,000 (Anna's own is €8,000; Bob has no wins)
    assert reps["deal_size"].tolist() == pytest.approx([8000.0, 8000.0])
    # Anna: open by 30 June D1 + D2 = €15,000 × 2/3 = €10,000; gap €20,000 → 3 wins → 5 deals
    assert reps.loc["Anna", "open_value"] == 15000.0
    assert reps.loc["Anna", "expected"] == pytest.approx(10000.0)
    assert reps.loc["Anna", "gap"] == pytest.approx(20000.0)
    assert reps.loc["Anna", ["won_needed", "new_needed"]].tolist() == [3.0, 5.0]
    assert reps.loc["Anna", "coverage"] == pytest.approx(0.5)
    # Bob: D4 €20,000 × 1/3; gap €33,333 → 5 wins (4.17 rounded up) → 15 new deals
    assert reps.loc["Bob", "gap"] == pytest.approx(40000 - 20000 / 3)
    assert reps.loc["Bob", ["won_needed", "new_needed"]].tolist() == [5.0, 15.0]
    assert set(reps["status"]) == {"short"}


def test_plan_falls_back_on_the_last_targets_and_says_so() -> None:
    targets = TARGETS.assign(
        period=pd.Timestamp("2026-01-01"), period_end=pd.Timestamp("2026-04-01")
    )
    data = dataset(deals=DEALS, targets=targets)
    result = plan(
        data, kpi_table(data, QUARTER), QUARTER, current_and_previous(data, QUARTER),
        snapshot(data),
    )  # fmt: skip
    assert result.period == "2026-Q2"
    assert result.target_period == "2026-Q1"
    assert "no targets for 2026-Q2" in result.note.text()
    # Anna won €8,000 in Q1, but the plan is for Q2: nothing is won there yet
    assert result.reps.set_index("rep").loc["Anna", "still_to_win"] == 30000.0


def test_plan_without_targets_says_what_is_missing() -> None:
    data = dataset(deals=DEALS)
    result = plan(
        data, kpi_table(data, QUARTER), QUARTER, current_and_previous(data, QUARTER),
        snapshot(data),
    )  # fmt: skip
    assert result.reps.empty
    assert "no targets" in result.note.text()


def test_headline_counts_slipped_and_stalled_deals_with_their_value() -> None:
    snap = snapshot(dataset(deals=DEALS.assign(currency="EUR"), stage_history=HISTORY))
    # open: D1 €10,000, D2 €5,000 (slipped and stalled), D4 €20,000 (stalled)
    assert headline(snap, "EUR").text() == (
        "3 open deals worth €35k on 31 Mar 2026. 1 (€5k) is past the expected close date; "
        "2 (€25k) have had no news for longer than usual."
    )
    table = attention_table(deals_to_talk_about(snap.open), "EUR")
    assert table["Amount"].tolist() == ["€20,000", "€5,000"]  # biggest first
    assert table["Why"].tolist() == [
        "no news for 181 days (usually moves on within 54)",
        "44 days past its close date; no news for 120 days (usually moves on within 54)",
    ]


def test_age_frame_puts_each_deal_in_one_state() -> None:
    snap = snapshot(dataset(deals=DEALS, stage_history=HISTORY))
    ages = age_frame(snap.open).set_index(["age_band", "state"])["deals"].to_dict()
    # D1 85 days, moving; D2 120 days, slipped (slipped wins over stalled); D4 211, stalled
    assert ages == {
        ("61–90 days", MOVING): 1,
        ("91–180 days", SLIPPED): 1,
        ("over 180 days", STALLED): 1,
    }


def test_plan_frame_and_headline_say_what_the_gap_takes() -> None:
    data = dataset(deals=DEALS, targets=TARGETS)
    result = plan(
        data, kpi_table(data, QUARTER), QUARTER, current_and_previous(data, QUARTER),
        snapshot(data),
    )  # fmt: skip
    parts = plan_frame(result.reps, "€")
    anna = parts[parts["rep"] == "Anna"].set_index("part")
    assert anna["value"].to_dict() == pytest.approx(
        {"Expected from open deals": 10000.0, "Still uncovered": 20000.0}
    )
    assert anna["label"].iloc[0] == "€20k short: about 5 new deals (3 wins)"
    assert plan_headline(result, "EUR").text() == (
        "2 of 2 reps are short for 2026-Q2: €53.3k not covered by open deals. Biggest gap: "
        "Bob, €33.3k — about 15 new deals at their win rate, against 0 in a usual quarter."
    )
    # coverage: open €35,000 due by 30 June ÷ €70,000 still to win
    assert coverage(result) == pytest.approx(0.5)


FUNNEL_REP = pd.DataFrame(
    {"stage": ["Lead", "Demo", "Won"], "reached": [40, 30, 6], "conversion": [0.75, 0.2, None]}
)
FUNNEL_TEAM = pd.DataFrame(
    {"stage": ["Lead", "Demo", "Won"], "reached": [100, 60, 30], "conversion": [0.6, 0.5, None]}
)


def test_funnel_headline_names_the_weakest_step() -> None:
    # The whole team: Lead → Demo 60%, Demo → Won 50%: the drop after Demo is the biggest
    assert funnel_headline(FUNNEL_TEAM, "North", "North").text() == (
        "The biggest drop is after Demo: 50% of the 60 deals reaching it went on to Won."
    )
    spot = WeakSpot("stage_conversion", 0.2, 0.3, 0.5, 0.99, 30, None, "6 of 30 went on", "Demo")
    assert funnel_headline(FUNNEL_TEAM, "Anna", "North", spot).text() == (
        "Anna loses the most deals after Demo: 6 of 30 went on."
    )
    assert "no step" in funnel_headline(FUNNEL_TEAM, "Anna", "North", None).text()
    steps = funnel_frame(FUNNEL_REP, FUNNEL_TEAM, "Anna", "North")
    assert steps["step"].tolist() == ["Lead → Demo", "Demo → Won"] * 2
    assert steps["label"].tolist() == ["60%", "50%", "75%", "20%"]


def test_a_shuffled_history_gives_the_same_stage_times() -> None:
    shuffled = HISTORY.sample(frac=1.0, random_state=3).reset_index(drop=True)
    assert not shuffled[S.CHANGED_AT].is_monotonic_increasing
    snap = snapshot(dataset(deals=DEALS, stage_history=shuffled))
    assert snap.open["usual_days"].tolist() == pytest.approx([54.0, 54.0, 54.0])


def test_bulk_loaded_created_dates_make_no_deal_stalled() -> None:
    # Salesforce's sample: every deal "created" on the load day, after the won deal closed
    deals = DEALS.assign(created_date=pd.Timestamp("2026-04-01"))
    snap = snapshot(dataset(deals=deals))
    assert not snap.open["stalled"].any()
    assert "does not tell how long deals usually take" in snap.stalled_basis.text()


def test_open_deals_without_any_dated_row_give_an_empty_pipeline() -> None:
    # Regression: only open deals, whose expected close dates do not count as data, so the
    # data covers no day; the empty open-deals table had untyped columns and the JSON's
    # `rows[rows["slipped"]]["amount"]` raised KeyError 'amount'. By hand: no day, no
    # snapshot, so 0 open deals worth 0.00, none slipped or stalled.
    from analysis.pipeline.report import _open_part

    deals = frame(
        "amount stage status close_date",
        [(2033.81, "Qualification", "open", None), (43524.86, "Proposal", "open", "2019-01-01")],
        dates=(S.CLOSE_DATE,),
    )
    snap = snapshot(dataset(deals=deals))
    assert snap.as_of is None
    assert _open_part(snap.open) == {
        "open_deals": 0, "open_value": 0.0, "slipped_deals": 0, "slipped_value": 0.0,
        "stalled_deals": 0, "stalled_value": 0.0,
    }  # fmt: skip


def test_a_deals_table_emptied_by_set_aside_rows_gives_an_empty_pipeline() -> None:
    # Regression: every deal set aside (one deal, negative amount), leads still date the data:
    # the usual cycle per rep of no deals came back as text and dividing it by the stages
    # raised TypeError. By hand: the data ends on the lead's day, 2019-01-01; no open deal.
    deals = frame(
        "rep amount status close_date created_date",
        [("Anna", 1.0, "won", "2019-01-01", "2018-12-01")],
        dates=(S.CLOSE_DATE, S.CREATED_DATE),
    ).iloc[0:0]
    leads = frame("created_at", [("2019-01-01",)], dates=(S.CREATED_AT,))
    snap = snapshot(dataset(deals=deals, leads=leads))
    assert snap.as_of == pd.Timestamp("2019-01-01")
    assert len(snap.open) == 0
