"""One rep against the team (analysis/review/deep_dive.py), on a hand-made long KPI table."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.review.deep_dive import rep_vs_team


def _rows(kpi: str, values: dict[str, float], period: str = "2026-Q3") -> list[dict]:
    return [
        {"scope": "rep", "team": "North", "rep": rep, "period": period, "kpi": kpi, "value": v}
        for rep, v in values.items()
    ]


TABLE = pd.DataFrame(
    [
        *_rows("revenue", {"Anna": 1_500.0, "Bram": 2_500.0, "Cas": 12_500.0}),
        *_rows("win_rate", {"Anna": 0.25, "Bram": 0.5, "Cas": 0.75}),
        *_rows("cycle_days", {"Anna": 30.0, "Bram": 40.0, "Cas": 50.0}),
        *_rows("activities", {"Anna": 10.0, "Bram": 20.0}),  # two reps: no band, left out
        *_rows("revenue", {"Anna": 9_999.0, "Bram": 1.0, "Cas": 1.0}, "2026-Q2"),  # not this period
    ]
)


def test_rep_against_the_median_rep_and_the_middle_half() -> None:
    frame = rep_vs_team(TABLE, "2026-Q3", "Anna", "EUR")
    assert [k.text("en") for k in frame["kpi"]] == ["Revenue", "Win rate", "Sales cycle"]
    revenue = frame.iloc[0]
    # 1,500 / 2,500 / 12,500: median 2,500; 25th pct 1,500 + (2,500 - 1,500) / 2 = 2,000;
    # 75th pct 2,500 + (12,500 - 2,500) / 2 = 7,500.
    assert (revenue["rep_value"], revenue["team_value"]) == (1_500.0, 2_500.0)
    assert (revenue["low"], revenue["high"]) == (2_000.0, 7_500.0)
    assert revenue["better"] == "higher"
    assert frame.iloc[2]["better"] == "lower"  # a shorter cycle is better


@pytest.mark.parametrize(
    ("lang", "labels", "texts"),
    [
        (
            "en",
            ["Revenue", "Win rate", "Sales cycle"],
            [
                ("€1,500", "€2,500", "€2,000 – €7,500"),
                ("25%", "50%", "38% – 62%"),  # 37.5% and 62.5% round half to even
                ("30 days", "40 days", "35 days – 45 days"),
            ],
        ),
        (
            "nl",
            ["Omzet", "Winratio", "Doorlooptijd"],
            [
                ("€\u00a01.500", "€\u00a02.500", "€\u00a02.000 – €\u00a07.500"),
                ("25%", "50%", "38% – 62%"),
                ("30 dagen", "40 dagen", "35 dagen – 45 dagen"),
            ],
        ),
    ],
)
def test_labels_and_texts_in_each_language(
    lang: str, labels: list[str], texts: list[tuple[str, str, str]]
) -> None:
    frame = rep_vs_team(TABLE, "2026-Q3", "Anna", "EUR")  # one frame, written in each language
    assert [k.text(lang) for k in frame["kpi"]] == labels
    written = frame[["rep_text", "team_text", "range_text"]].map(lambda said: said.text(lang))
    assert list(written.itertuples(index=False)) == texts
    assert set(frame["better"]) == {"higher", "lower"}  # read by the chart, the same in both


def test_a_rep_without_a_value_gets_no_row() -> None:
    assert rep_vs_team(TABLE, "2026-Q3", "Dirk").empty
