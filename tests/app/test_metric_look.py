"""A card's change is coloured and pointed from the numbers, whatever minus sign it is written
with: Streamlit itself reads only a leading '-' as a fall."""

from __future__ import annotations

import pytest

from ui.metric_look import delta_look, falls


@pytest.mark.parametrize(
    ("written", "fall"),
    [("−€12,000", True), ("€\u00a0−12.000", True), ("−5 pts", True), ("-3", True),
     ("+€469", False), ("€\u00a0+469", False), ("no change", False), ("", False),
     ("2026-Q2", False)],
)  # fmt: skip
def test_a_fall_is_read_from_the_sign_before_the_figures(written: str, fall: bool) -> None:
    assert falls(written) is fall


def test_colour_says_good_or_bad_and_the_arrow_says_which_way() -> None:
    assert delta_look(-25.0, False) == {"delta_color": "red", "delta_arrow": "down"}
    assert delta_look(-2.0, True) == {"delta_color": "green", "delta_arrow": "down"}  # cycle
    assert delta_look(469.0, True) == {"delta_color": "green", "delta_arrow": "up"}
    assert delta_look(0.0, None) == {"delta_color": "gray", "delta_arrow": "off"}
    assert delta_look(None, None) == {"delta_color": "gray", "delta_arrow": "off"}
