"""The Pipeline & funnel charts as data, in English and Dutch, from small hand-made frames.

The frames of `analysis.pipeline.snapshot` and `analysis.pipeline.planning` are tested in test_pipeline.py.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.charts.pipeline import (
    MOVING,
    SLIPPED,
    STALLED,
    UNCOVERED,
    age_chart,
    age_label,
    funnel_chart,
    funnel_frame,
    plan_chart,
    plan_frame,
    stage_chart,
)
from analysis.charts.pipeline_tables import rep_table
from analysis.charts.style import BAD, GOOD
from analysis.pipeline.snapshot import AGE_ORDER, NO_STAGE

NL = "\u00a0"  # Dutch amounts keep the symbol and the figures together: '€ 1,23 mln'

STAGES = pd.DataFrame(
    {"stage": ["Demo", "Proposal", NO_STAGE], "deals": [12, 1, 3], "value": [1_234_000.0,
                                                                          57_400.0, 8_000.0]}
)  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "labels", "stages", "title"),
    [
        ("en", ["12 deals · €1.23M", "1 deal · €57.4k", "3 deals · €8k"],
         ["Demo", "Proposal", "No stage"], "Open pipeline by stage"),
        ("nl", [f"12 deals · €{NL}1,23 mln", f"1 deal · €{NL}57,4k", f"3 deals · €{NL}8k"],
         ["Demo", "Proposal", "Geen fase"], "Open pipeline per fase"),
    ],
)  # fmt: skip
def test_stage_bars_say_deals_and_value(
    lang: str, labels: list[str], stages: list[str], title: str
) -> None:
    spec = stage_chart(STAGES, "€", lang=lang).to_dict()
    (rows,) = spec["datasets"].values()
    assert [r["label"] for r in rows] == labels
    assert spec["layer"][0]["encoding"]["y"]["sort"] == stages  # the user's stage names as given
    assert spec["title"]["text"] == title


def test_age_bands_are_named_in_each_language() -> None:
    assert [age_label(b) for b in AGE_ORDER] == AGE_ORDER  # English: the frame's own names
    assert [age_label(b, "nl") for b in AGE_ORDER] == [
        "0–30 dagen",
        "31–60 dagen",
        "61–90 dagen",
        "91–180 dagen",
        "meer dan 180 dagen",
    ]


def test_dutch_age_chart_shows_states_in_dutch_and_orders_them_by_code() -> None:
    ages = pd.DataFrame(
        {
            "age_band": ["0–30 days", "0–30 days", "over 180 days"],
            "state": [MOVING, STALLED, SLIPPED],
            "deals": [10, 3, 4],
            "value": [1e5, 3e4, 5e4],
        }
    )
    spec = age_chart(ages, lang="nl").to_dict()
    encoding = spec["encoding"]
    assert encoding["color"]["scale"]["domain"] == [
        "Sluitdatum verstreken",
        "Stilgevallen",
        "In beweging",
    ]
    assert encoding["color"]["scale"]["range"][0] == BAD  # past its close date: red
    assert encoding["y"]["sort"][-1] == "meer dan 180 dagen"
    assert encoding["y"]["title"] == "Dagen sinds aangemaakt"
    assert spec["title"]["text"] == "Open deals naar leeftijd"
    # the stacking order still reads the English state the frame holds
    assert "datum.state" in spec["transform"][0]["calculate"]
    (rows,) = spec["datasets"].values()
    assert [(r["age_label"], r["state_label"]) for r in rows] == [
        ("0–30 dagen", "In beweging"),
        ("0–30 dagen", "Stilgevallen"),
        ("meer dan 180 dagen", "Sluitdatum verstreken"),
    ]


FUNNEL = pd.DataFrame(
    {"stage": ["Lead", "Demo", "Won"], "reached": [40, 30, 6], "conversion": [0.75, None, None]}
)


def test_dutch_funnel_names_won_and_writes_percentages() -> None:
    steps = funnel_frame(FUNNEL, FUNNEL, "North", "North", lang="nl")
    assert steps["step"].tolist() == ["Lead → Demo", "Demo → Gewonnen"]
    assert steps["label"].tolist() == ["75%", "—"]  # 30 of 40 went on; unknown
    spec = funnel_chart(steps, "North", "North", "Trechter", lang="nl").to_dict()
    x = spec["layer"][0]["encoding"]["x"]
    assert x["title"] == "Deel dat doorging naar de volgende fase"
    assert [t["title"] for t in spec["layer"][0]["encoding"]["tooltip"]] == [
        "Wie",
        "Stap",
        "Deals die de fase bereikten",
        "Gingen door",
        "Aandeel",
    ]


REPS = pd.DataFrame(
    {
        "rep": ["Anna", "Bob", "Cas"],
        "expected": [10_000.0, 90_000.0, 0.0],
        "still_to_win": [30_000.0, 50_000.0, 0.0],
        "gap": [20_000.0, -40_000.0, 0.0],
        "new_needed": [5.0, 0.0, 0.0],
        "won_needed": [3.0, 0.0, 0.0],
        "status": ["open", "open", "target met"],
    }
)


def test_dutch_plan_says_what_the_gap_takes_and_keeps_the_parts_codes() -> None:
    parts = plan_frame(REPS, "€", lang="nl")
    labels = parts.drop_duplicates("rep").set_index("rep")["label"].to_dict()
    assert labels == {
        "Anna": f"€{NL}20k tekort: ongeveer 5 nieuwe deals (3 gewonnen)",
        "Bob": "gedekt door de open pipeline",  # expected 90,000 ≥ 50,000 still to win
        "Cas": "target gehaald",
    }
    assert set(parts["part"]) == {"Expected from open deals", UNCOVERED}  # codes stay English
    spec = plan_chart(parts, "2026-Q3", "€", lang="nl").to_dict()
    bars, labels_layer = spec["layer"]
    assert bars["encoding"]["color"]["scale"] == {
        "domain": ["Verwacht uit open deals", "Nog niet gedekt"],
        "range": [GOOD, BAD],
    }
    assert bars["encoding"]["x"]["title"] == "Nog te winnen in 2026-Q3"
    assert labels_layer["transform"] == [{"filter": "(datum.part === 'Still uncovered')"}]
    assert spec["title"]["text"] == "Wat elke verkoper nog nodig heeft in 2026-Q3"
    english = plan_chart(plan_frame(REPS, "€"), "2026-Q3", "€").to_dict()
    assert english["layer"][0]["encoding"]["color"]["scale"]["domain"] == [
        "Expected from open deals",
        "Still uncovered",
    ]


def test_long_stage_bars_carry_their_label_inside() -> None:
    # 1.95M is the longest; 1.0M is just over half of it, 0.9M just under: outside, after the bar
    stages = pd.DataFrame(
        {"stage": ["Prospecting", "Proposal", "Negotiation"], "deals": [48, 53, 115],
         "value": [900_000.0, 1_000_000.0, 1_950_000.0]}
    )  # fmt: skip
    spec = stage_chart(stages, "€").to_dict()
    (rows,) = spec["datasets"].values()
    assert [r["inside"] for r in rows] == [False, True, True]
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domainMax"] == 1_950_000.0 * 1.25


def test_a_reps_open_value_says_how_many_deals_have_no_amount() -> None:
    reps = pd.DataFrame(
        {"team": ["North", "North"], "deals": [3, 2], "value": [11000.0, float("nan")],
         "no_amount": [1, 2], "slipped": [0, 1], "stalled": [1, 0], "age": [30.0, 40.0]},
        index=pd.Index(["Anna", "Bram"], name="rep"),
    )  # fmt: skip
    en = rep_table(reps, "EUR", "en")["Open pipeline"].tolist()
    assert en == ["€11,000 (1 without an amount)", "— (2 without an amount)"]  # never '€0'
    nl = rep_table(reps, "EUR", "nl")["Open pipeline"].tolist()
    assert nl == ["€\u00a011.000 (1 zonder bedrag)", "— (2 zonder bedrag)"]
    reps = reps.drop(columns="no_amount").iloc[:1]  # every amount known
    assert rep_table(reps, "EUR", "en")["Open pipeline"].tolist() == ["€11,000"]
