"""The revenue bridge: Shapley parts worked out by hand, and parts that always add up."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.diagnosis.bridge import Part, factor_label, revenue_bridge, shapley, to_cents
from analysis.words.message import text

FACTORS3 = ("closed_deals", "win_rate", "avg_deal_size")


def test_two_factors_by_hand() -> None:
    # 10 deals × €100 → 12 deals × €90: 1,000 → 1,080, change +80.
    # deals: +2 × (100 + 90) / 2 = +190; size: -10 × (10 + 12) / 2 = -110; 190 - 110 = 80
    assert shapley([10, 100], [12, 90]) == pytest.approx([190.0, -110.0])


def test_three_factors_by_hand() -> None:
    # before 10 closed × 50% × €1,000 = €5,000; after 8 × 25% × €1,200 = €2,400; change -2,600.
    # Contribution of x = Δx × [(y0·z0 + y1·z1)/3 + (y0·z1 + y1·z0)/6]:
    #   closed: -2 × [(500 + 300)/3 + (600 + 250)/6] = -2 × 408.33 = -816.67
    #   win rate: -0.25 × [(10,000 + 9,600)/3 + (12,000 + 8,000)/6] = -2,466.67
    #   size: +200 × [(5 + 2)/3 + (2.5 + 4)/6] = +683.33
    bridge = revenue_bridge(FACTORS3, [10, 0.5, 1000], [8, 0.25, 1200])
    assert (bridge.before, bridge.after) == (5000.0, 2400.0)
    contributions = [p.contribution for p in bridge.parts]
    assert contributions == pytest.approx([-816.6667, -2466.6667, 683.3333], abs=1e-3)
    # rounded: -816.67 - 2,466.67 + 683.33 = -2,600.01, so the biggest part takes the cent back
    assert to_cents(bridge) == [-816.67, -2466.66, 683.33]
    assert text(bridge.part("win_rate").label, "en") == "Win rate"


def test_no_closed_deals_before_gives_everything_to_closed_deals() -> None:
    # before: nothing closed, so win rate and deal size are unknown; after 4 × 50% × €500
    bridge = revenue_bridge(FACTORS3, [0, None, None], [4, 0.5, 500])
    assert (bridge.before, bridge.after) == (0.0, 1000.0)
    assert [p.contribution for p in bridge.parts] == [1000.0, 0.0, 0.0]
    assert bridge.parts[1].before is None  # the unknown stays unknown for display


def test_no_wins_after_keeps_revenue_at_zero() -> None:
    # after: 5 closed, none won, so the deal size is unknown and revenue is really 0
    bridge = revenue_bridge(FACTORS3, [5, 0.4, 1000], [5, 0.0, None])
    assert (bridge.before, bridge.after) == (2000.0, 0.0)
    assert [p.contribution for p in bridge.parts] == pytest.approx([0.0, -2000.0, 0.0])


def test_nothing_on_either_side() -> None:
    bridge = revenue_bridge(FACTORS3, [0, None, None], [0, None, None])
    assert bridge.change == 0.0
    assert to_cents(bridge) == [0.0, 0.0, 0.0]


@st.composite
def period(draw: st.DrawFn) -> tuple[float, float | None, float | None]:
    """Closed deals, win rate and average won size as the data gives them (None: unknown)."""
    closed = draw(st.integers(0, 500))
    won = draw(st.integers(0, closed))
    revenue = draw(st.floats(1, 5e7)) if won else 0.0
    return closed, (won / closed if closed else None), (revenue / won if won else None)


@given(period(), period())
def test_parts_always_add_up_to_the_change(before, after) -> None:
    revenue = [c * (w or 0) * (s or 0) for c, w, s in (before, after)]
    bridge = revenue_bridge(FACTORS3, before, after)
    assert bridge.before == pytest.approx(revenue[0], rel=1e-9, abs=1e-6)
    assert bridge.after == pytest.approx(revenue[1], rel=1e-9, abs=1e-6)
    change = revenue[1] - revenue[0]
    assert math.fsum(p.contribution for p in bridge.parts) == pytest.approx(
        change, abs=1e-6 * max(1.0, *revenue)
    )
    cents = to_cents(bridge)
    assert round(sum(cents) * 100) == round(revenue[1] * 100) - round(revenue[0] * 100)


@given(st.lists(st.tuples(st.floats(0, 1e4), st.floats(0, 1e4)), min_size=1, max_size=5))
def test_shapley_adds_up_for_any_number_of_factors(pairs) -> None:
    before, after = [b for b, _ in pairs], [a for _, a in pairs]
    total = math.fsum(shapley(before, after))
    change = math.prod(after) - math.prod(before)
    scale = max(1.0, math.prod(max(b, a) for b, a in pairs))  # the largest mixed product
    assert total == pytest.approx(change, abs=1e-9 * scale)


@pytest.mark.parametrize(
    ("factor", "english", "dutch"),
    [
        ("new_deals", "New deals", "Nieuwe deals"),
        ("pace", "Closing pace", "Afrondingstempo"),
        ("closed_deals", "Closed deals", "Afgeronde deals"),
        ("win_rate", "Win rate", "Winratio"),
        ("avg_deal_size", "Deal size", "Dealwaarde"),
        ("margin", "margin", "margin"),  # a factor the catalogue does not know keeps its name
    ],
)
def test_part_labels_in_english_and_dutch(factor: str, english: str, dutch: str) -> None:
    assert text(factor_label(factor), "en") == english
    assert text(factor_label(factor), "nl") == dutch
    assert text(Part(factor, 1.0, 2.0, 1.0).label, "en") == english


def test_a_dutch_bridge_labels_its_parts_in_dutch() -> None:
    # the same numbers as by hand above; only the words change
    bridge = revenue_bridge(FACTORS3, [10, 0.5, 1000], [8, 0.25, 1200])
    labels = [text(p.label, "nl") for p in bridge.parts]
    assert labels == ["Afgeronde deals", "Winratio", "Dealwaarde"]
    assert to_cents(bridge) == [-816.67, -2466.66, 683.33]
