"""Causes ordered by the share of the revenue change they explain, and less activity as the
cause of fewer new deals (issue 14, item 6), on planted data worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.coaching.plan import rep_plan
from analysis.diagnosis.bridge import Bridge, Part
from analysis.diagnosis.causes import (
    CAUSE_BY_CODE,
    activity_share,
    share_of_change,
    split_contributions,
)
from analysis.diagnosis.diagnose import diagnose
from analysis.diagnosis.period_stats import period_stats
from analysis.model import schema as S
from analysis.model.periods import PeriodSpec
from analysis.pipeline.planning import falling_rates
from analysis.review.findings import cause_effect, cause_line
from tests.tables import dataset

QUARTER = PeriodSpec("quarter")
QUARTERS = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
STARTS = pd.PeriodIndex(QUARTERS, freq="Q").start_time
USUAL = [1.0, 1.05, 0.95, 1.0, 1.05, 0.95]  # the six usual quarters swing ±5% around the level
SIZE = 1000.0


def deals(rep: str, new: list[int], won: list[int]) -> list[tuple]:
    """Deals of €1,000, created on day 5 of each quarter and closed on day 40 (all of them)."""
    rows = []
    for q, (n, w) in enumerate(zip(new, won, strict=True)):
        created, closed = STARTS[q] + pd.Timedelta(days=5), STARTS[q] + pd.Timedelta(days=40)
        rows += [(rep, SIZE, "won" if k < w else "lost", closed, created) for k in range(n)]
    return rows


def activities(rep: str, counts: list[int]) -> list[tuple]:
    """`counts[q]` activities of the rep in quarter q (on day 10)."""
    return [
        (rep, STARTS[q] + pd.Timedelta(days=10)) for q, n in enumerate(counts) for _ in range(n)
    ]


def usual(level: int, now: int) -> list[int]:
    """Six usual quarters around `level`, then `now`."""
    return [*(round(level * f) for f in USUAL), now]


def half(new: list[int], won_now: int | None = None) -> list[int]:
    """Half of the new deals won each quarter (`won_now` won in the last one, when given)."""
    won = [round(n / 2) for n in new]
    return won if won_now is None else [*won[:-1], won_now]


# name: (new deals a quarter, won deals a quarter, activities a quarter)
REPS = {
    # activities 400 → 150 and new deals 40 → 20: the yield per activity rose (.10 → .13), so
    # less activity explains all of the fall in new deals
    "Ada": (usual(40, 20), half(usual(40, 20)), usual(400, 150)),
    # new deals 40 → 20 while activity holds: fewer new deals is the cause
    "Bo": (usual(40, 20), half(usual(40, 20)), usual(400, 400)),
    # new deals 40 → 16, activities 400 → 280: activity explains 39% of the fall, not most
    "Cy": (usual(40, 16), half(usual(40, 16)), usual(400, 280)),
    # new deals 80 → 56 and win rate 50% → 25%: the win rate explains most
    "Eve": (usual(80, 56), half(usual(80, 56), 14), usual(400, 400)),
    # new deals 80 → 32 and win rate 50% → 25%: fewer new deals explain most
    "Fay": (usual(80, 32), half(usual(80, 32), 8), usual(400, 400)),
    "Gus": (usual(40, 40), half(usual(40, 40)), usual(400, 400)),
    "Hal": (usual(40, 40), half(usual(40, 40)), usual(400, 400)),
}


@pytest.fixture(scope="module")
def found() -> dict[str, object]:
    deal_rows = [row for rep, (n, w, _) in REPS.items() for row in deals(rep, n, w)]
    act_rows = [row for rep, (_, _, a) in REPS.items() for row in activities(rep, a)]
    deal_frame = pd.DataFrame(
        deal_rows, columns=[S.REP, S.AMOUNT, S.STATUS, S.CLOSE_DATE, S.CREATED_DATE]
    )
    act_frame = pd.DataFrame(act_rows, columns=[S.REP, S.DATE])
    for frame in (deal_frame, act_frame):
        frame[S.REP] = frame[S.REP].astype("string")
    data = dataset(deals=deal_frame, activities=act_frame)
    return {d.name: d for d in diagnose(period_stats(data, QUARTER), "2026-Q3") if d.scope == "rep"}


def shapley_two(n0: float, n1: float, w0: float, w1: float) -> tuple[float, float]:
    """The Shapley parts of new deals and win rate in n × w × €1,000, by the formula."""
    return 0.5 * (n1 - n0) * (w0 + w1) * SIZE, 0.5 * (w1 - w0) * (n0 + n1) * SIZE


def test_the_activity_share_by_hand() -> None:
    # new = activities × yield; 40 = 400 × .10 → 20 = 150 × .1333: the activity part is
    # (150 − 400) × (.10 + .1333) / 2 = −29.17 of a −20 change: 146%
    assert activity_share((40, 20), (400, 150)) == pytest.approx(29.1667 / 20, abs=1e-4)
    # 40 = 400 × .10 → 16 = 280 × .05714: (−120) × .15714 / 2 = −9.43 of −24: 39%
    assert activity_share((40, 16), (400, 280)) == pytest.approx(9.4286 / 24, abs=1e-4)
    assert activity_share((40, 44), (400, 150)) is None  # new deals did not fall
    assert activity_share((40, 20), (400, 420)) is None  # activity did not fall


def test_less_activity_that_explains_fewer_new_deals_claims_their_part() -> None:
    bridge = Bridge(100.0, 60.0, (Part("new_deals", 10, 6, -40.0), Part("pace", 1, 0.8, -10.0)))
    specs = [CAUSE_BY_CODE["falling_inquiries"], CAUSE_BY_CODE["low_activity"]]
    # the new-deals part is counted under less activity; pace is not what fewer new deals
    # works through, so it stays unclaimed; fewer new deals is counted under less activity
    assert split_contributions(specs, bridge, activity_first=True) == [
        (None, "low_activity"),
        (-40.0, None),
    ]
    slower = [*specs, CAUSE_BY_CODE["slowing_cycle"]]
    assert split_contributions(slower, bridge, activity_first=True)[2] == (-10.0, None)


def test_less_activity_leads_when_it_explains_the_fall_in_new_deals(found) -> None:
    ada = found["Ada"]
    assert [c.code for c in ada.causes] == ["low_activity", "falling_inquiries"]
    activity, inflow = ada.causes
    # the bridge: new deals 40 → 20 (pace 1, win rate 50%, €1,000 each): only new deals moved
    # revenue, from 40 × .5 × €1,000 = €20,000 to €10,000
    assert activity.contribution == pytest.approx(-10_000.0)
    assert (inflow.contribution, inflow.shared_with) == (None, "low_activity")
    assert inflow.shared_label.text("en") == "Less activity"
    plan = rep_plan(ada, [], {})
    assert [s.source for s in plan[:3]] == ["low_activity"] * 3  # the rep's own activity first
    assert plan[0].lever.text("en") == "One-to-ones"
    assert "marketing" not in plan[0].action.text("en")
    assert [s.source for s in plan[3:]] == ["falling_inquiries"] * 2


def test_fewer_new_deals_lead_while_activity_holds_or_explains_little(found) -> None:
    bo = found["Bo"]
    assert [c.code for c in bo.causes] == ["falling_inquiries"]
    assert bo.causes[0].contribution == pytest.approx(-10_000.0)
    assert rep_plan(bo, [], {})[0].source == "falling_inquiries"
    cy = found["Cy"]
    assert [c.code for c in cy.causes] == ["falling_inquiries", "low_activity"]
    assert cy.causes[0].contribution == pytest.approx(-12_000.0)  # 40 → 16 at €500 each
    assert cy.causes[1].shared_with == "falling_inquiries"
    assert rep_plan(cy, [], {})[0].source == "falling_inquiries"


@pytest.mark.parametrize(
    ("rep", "n1", "w1", "first"),
    [
        # new deals 80 → 56 and win rate .5 → .25: parts −€9,000 and −€17,000 (by hand)
        ("Eve", 56, 0.25, "falling_close_rate"),
        # new → 32 and win rate .5 → .25: parts −€18,000 and −€14,000
        ("Fay", 32, 0.25, "falling_inquiries"),
    ],
)
def test_causes_and_plays_follow_the_share_they_explain(found, rep, n1, w1, first) -> None:
    diagnosis = found[rep]
    new_part, win_part = shapley_two(80.0, n1, 0.5, w1)
    assert (new_part, win_part) == {"Eve": (-9000.0, -17000.0), "Fay": (-18000.0, -14000.0)}[rep]
    by_code = {c.code: c.contribution for c in diagnosis.causes}
    assert by_code["falling_inquiries"] == pytest.approx(new_part)
    assert by_code["falling_close_rate"] == pytest.approx(win_part)
    assert diagnosis.causes[0].code == first
    shares = [c.contribution / diagnosis.bridge.change for c in diagnosis.causes]
    assert shares == sorted(shares, reverse=True)
    assert sum(shares) == pytest.approx(1.0)  # pace and size did not move
    assert rep_plan(diagnosis, [], {})[0].source == first


def test_the_plan_takes_the_recent_win_rate_of_the_reps_whose_rate_fell(found) -> None:
    # Eve won 14 of 56 this quarter (25%) and Fay 8 of 32 (25%): both falls are flagged
    assert falling_rates(found.values()) == {"Eve": 0.25, "Fay": 0.25}


# --- the share of what pulled revenue down each cause explains, shown where the cause is -------


def test_the_share_of_the_fall_on_a_planted_bridge() -> None:
    # revenue €100,000 → €40,000 (−€60,000): new deals −€40,000, closing pace +€10,000, win
    # rate −€30,000. What pulled revenue down: €70,000. Fewer new deals explain 40/70 = 57%, the
    # win rate 30/70 = 43%: never more than all of it, although the pace made up for €10,000
    bridge = Bridge(
        100_000.0,
        40_000.0,
        (
            Part("new_deals", 40, 24, -40_000.0),
            Part("pace", 1, 1.2, 10_000.0),
            Part("win_rate", 0.5, 0.3, -30_000.0),
            Part("avg_deal_size", 5000, 5000, 0.0),
        ),
    )
    specs = [CAUSE_BY_CODE["falling_inquiries"], CAUSE_BY_CODE["falling_close_rate"]]
    (inflow, _), (win, _) = split_contributions(specs, bridge)
    assert share_of_change(inflow, bridge) == pytest.approx(4 / 7)
    assert share_of_change(win, bridge) == pytest.approx(3 / 7)
    # a part counted elsewhere, outside the bridge, or no loss: no share
    assert share_of_change(None, bridge) is None
    assert share_of_change(10_000.0, bridge) is None
    # revenue rose: no fall to explain
    risen = Bridge(40_000.0, 100_000.0, (Part("new_deals", 24, 40, 60_000.0),))
    assert share_of_change(-5_000.0, risen) is None
    # a part larger than the whole fall (the others rose): all of what pulled revenue down
    offset = Bridge(100_000.0, 80_000.0, (Part("win_rate", 0.5, 0.3, -40_000.0),
                                          Part("pace", 1, 1.2, 20_000.0)))  # fmt: skip
    assert share_of_change(-40_000.0, offset) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("rep", "shares"),
    [
        # revenue 80 × .5 × €1,000 = €40,000 → 56 × .25 × €1,000 = €14,000: −€26,000, of which
        # the win rate −€17,000 (65.4%) and new deals −€9,000 (34.6%)
        ("Eve", {"falling_close_rate": 17 / 26, "falling_inquiries": 9 / 26}),
        # €40,000 → 32 × .25 × €1,000 = €8,000: −€32,000; new deals −€18,000 (56.25%), the win
        # rate −€14,000 (43.75%)
        ("Fay", {"falling_inquiries": 18 / 32, "falling_close_rate": 14 / 32}),
        # €20,000 → €10,000, all of it new deals, counted under less activity (100%)
        ("Ada", {"low_activity": 1.0, "falling_inquiries": None}),
    ],
)
def test_each_cause_carries_the_share_of_the_fall_it_explains(found, rep, shares) -> None:
    causes = {c.code: c.share for c in found[rep].causes}
    assert causes.keys() == shares.keys()
    for code, share in shares.items():
        assert causes[code] == (None if share is None else pytest.approx(share))


def test_the_share_in_words(found) -> None:
    win, inflow = found["Eve"].causes
    assert (
        cause_effect(win, "EUR").text("en") == "−€17,000 (explains 65% of what pulled revenue down)"
    )
    assert (
        cause_effect(inflow, "EUR").text("en")
        == "−€9,000 (explains 35% of what pulled revenue down)"
    )
    assert (
        cause_effect(win, "EUR").text("nl")
        == "€\u00a0−17.000 (verklaart 65% van wat de omzet omlaag trok)"
    )
    activity, counted = found["Ada"].causes
    assert (
        cause_effect(activity, "EUR").text("en")
        == "−€10,000 (explains 100% of what pulled revenue down)"
    )
    assert cause_effect(counted, "EUR").text("en") == "counted under Less activity"
    line = cause_line(win, "EUR").text("en")
    assert line.startswith(win.evidence.text("en") + ". Effect on revenue: −€17,000 (explains 65%")
