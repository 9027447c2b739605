"""The plan to target on the recent win rate of a rep whose win rate fell (issue 14, item 6),
worked out by hand on the small pipeline of test_pipeline.py."""

from __future__ import annotations

import pytest

from analysis.charts.pipeline_tables import plan_table
from analysis.kpis.table import kpi_table
from analysis.model.periods import current_and_previous
from analysis.pipeline.planning import plan
from analysis.pipeline.report import rep_pipeline_json
from analysis.pipeline.sentences import plan_headline
from analysis.pipeline.snapshot import snapshot
from tests.tables import dataset
from tests.unit.pipeline.test_pipeline import DEALS, QUARTER, TARGETS


def planned(recent: dict[str, float] | None = None):
    data = dataset(deals=DEALS, targets=TARGETS)
    choice = current_and_previous(data, QUARTER)
    return plan(data, kpi_table(data, QUARTER), QUARTER, choice, snapshot(data), recent)


def test_a_rep_whose_win_rate_fell_is_planned_on_the_recent_one() -> None:
    result = planned({"Anna": 0.2})
    reps = result.reps.set_index("rep")
    # Anna: €30,000 still to win; open by 30 June €15,000 × 20% = €3,000; gap €27,000 →
    # 27,000 ÷ 8,000 = 3.4 → 4 wins → 4 ÷ 20% = 20 new deals (at the year's 2/3: 3 and 5)
    assert reps.loc["Anna", "win_rate"] == 0.2
    assert reps.loc["Anna", "expected"] == pytest.approx(3000.0)
    assert reps.loc["Anna", "gap"] == pytest.approx(27000.0)
    assert reps.loc["Anna", ["won_needed", "new_needed"]].tolist() == [4.0, 20.0]
    # Bob's rate did not fall: still the year's, shrunk toward the team's (1/3)
    assert reps.loc["Bob", "win_rate"] == pytest.approx(1 / 3)
    assert reps["win_rate_basis"].to_dict() == {"Anna": "recent", "Bob": "history"}
    # the own rate over the year: Anna 1 of 1 closed, Bob 0 of 1
    assert reps["own_win_rate"].to_dict() == {"Anna": 1.0, "Bob": 0.0}
    assert reps.loc["Anna", "win_rate_said"].text("en") == "20% (2026-Q1, after its fall)"
    assert reps.loc["Anna", "win_rate_said"].text("nl") == "20% (2026-Q1, na de daling)"
    assert reps.loc["Bob", "win_rate_said"].text("en") == (
        "33% (2025-Q2–2026-Q1, pulled toward the team's)"
    )
    assert result.note.text("en").endswith(
        "The win rate of Anna fell (see Root causes): they are planned on their win rate of "
        "2026-Q1 instead."
    )


def test_without_a_fall_the_plan_is_unchanged_and_says_its_window() -> None:
    before, now = planned(), planned({})
    assert before.reps.drop(columns="win_rate_said").equals(now.reps.drop(columns="win_rate_said"))
    assert set(before.reps["win_rate_basis"]) == {"history"}
    assert "fell" not in before.note.text("en")


def test_the_table_headline_and_json_say_which_rate() -> None:
    result = planned({"Anna": 0.2, "Bob": 0.1})
    table = plan_table(result.reps, "EUR")
    assert table.set_index("Rep")["Win rate planned on"].to_dict() == {
        "Anna": "20% (2026-Q1, after its fall)",
        "Bob": "10% (2026-Q1, after its fall)",
    }
    # Bob: €40,000; open €20,000 × 10% = €2,000; gap €38,000 → 5 wins (4.75) → 50 new deals
    assert plan_headline(result, "EUR").text("en") == (
        "2 of 2 reps are short for 2026-Q2: €65k not covered by open deals. Biggest gap: Bob, "
        "€38k — about 50 new deals at a win rate of 10% (2026-Q1, after its fall), against 0 "
        "in a usual quarter."
    )
    assert (
        plan_headline(result, "EUR")
        .text("nl")
        .endswith(
            "ongeveer 50 nieuwe deals bij een winratio van 10% (2026-Q1, na de daling), tegen 0 in "
            "een gewoon kwartaal."
        )
    )
    said = rep_pipeline_json(snapshot(dataset(deals=DEALS)), result, "Bob")["plan"]
    assert (said["win_rate"], said["win_rate_basis"], said["new_deals_needed"]) == (
        0.1, "recent", 50
    )  # fmt: skip
