"""Team health charts, tested as data (`to_dict()`), from small hand-made eNPS rows."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.charts.health import (
    diverging_chart,
    diverging_frame,
    enps_trend_chart,
    morale_results_chart,
)
from analysis.charts.style import BAD, GOOD, INK, MIDDLE_GREY
from analysis.health.team_health import SCALE_1_10, enps_frame
from analysis.model.periods import PeriodSpec
from tests.tables import frame

# Round 2026-Q2: South 3, 6, 7, 9 -> detractors 2 (50 %), passives 1 (25 %), promoters 1 (25 %),
# eNPS −25; North 9, 10, 8 -> promoters 67 %, passives 33 %, eNPS +67; West 2, 9: few answers.
ROWS = [
    *(("2026-05-11", "South", s) for s in (3, 6, 7, 9)),
    *(("2026-05-11", "North", s) for s in (9, 10, 8)),
    *(("2026-05-11", "West", s) for s in (2, 9)),
    *(("2026-02-09", "South", s) for s in (9, 9, 7)),
]


@pytest.fixture
def rows() -> pd.DataFrame:
    return enps_frame(frame("date team score", ROWS, dates=("date",)), PeriodSpec("quarter"))


def layers(spec: dict) -> list[dict]:
    """The layers of a chart spec (the spec itself when it has none)."""
    return spec.get("layer", [spec])


def test_segments_diverge_around_zero(rows: pd.DataFrame) -> None:
    south = diverging_frame(rows[(rows["team"] == "South") & (rows["period"] == "2026-Q2")])
    spans = {
        g: (s, e) for g, s, e in zip(south["group"], south["start"], south["end"], strict=True)
    }
    # passives 25 % split: −12.5 % … +12.5 %; detractors 50 % left of that; promoters 25 % right.
    assert spans["Passives"] == pytest.approx((-0.125, 0.125))
    assert spans["Detractors"] == pytest.approx((-0.625, -0.125))
    assert spans["Promoters"] == pytest.approx((0.125, 0.375))
    assert set(south["end_text"]) == {"eNPS −25 · 4 answers"}
    assert list(south["count"]) == [2, 1, 1]


def test_few_answers_are_labelled_and_faint(rows: pd.DataFrame) -> None:
    now = diverging_frame(rows[rows["period"] == "2026-Q2"])
    assert "West (few answers)" in set(now["label"])
    assert set(now.loc[now["few"], "label"]) == {"West (few answers)"}


def test_diverging_chart_colours_and_axis(rows: pd.DataFrame) -> None:
    spec = diverging_chart(
        rows[rows["period"] == "2026-Q2"], "How each team feels", scale=SCALE_1_10
    )
    spec = spec.to_dict()
    bars = layers(spec)[0]
    colour = bars["encoding"]["color"]["scale"]
    assert colour == {
        "domain": ["Detractors", "Passives", "Promoters"],
        "range": [BAD, MIDDLE_GREY, GOOD],
    }
    assert bars["encoding"]["x2"]["field"] == "end"
    assert "abs(datum.value)" in bars["encoding"]["x"]["axis"]["labelExpr"]  # 50% on both sides
    assert bars["encoding"]["opacity"]["condition"]["value"] == 0.45  # few answers: faint
    assert spec["title"]["text"] == "How each team feels"
    assert "Red: detractors (1–6)" in spec["title"]["subtitle"]  # a 1–10 survey
    order = bars["encoding"]["y"]["sort"]
    assert order == ["North", "South", "West (few answers)", "All teams"]


def test_trend_marks_few_answers_hollow(rows: pd.DataFrame) -> None:
    spec = enps_trend_chart(rows).to_dict()
    marks = [layer["mark"] for layer in layers(spec) if isinstance(layer["mark"], dict)]
    points = [m for m in marks if m["type"] == "point"]
    assert sorted(m["filled"] for m in points) == [False, True]
    hollow = next(layer for layer in layers(spec) if layer["mark"].get("filled") is False)
    assert hollow["transform"] == [{"filter": "datum.few_answers"}]
    line = next(layer for layer in layers(spec) if layer["mark"].get("type") == "line")
    assert line["encoding"]["y"]["scale"]["domain"] == [-100, 100]
    assert line["encoding"]["color"]["scale"]["domain"] == ["North", "South", "West", "All teams"]


def test_morale_next_to_results_has_two_axes() -> None:
    results = pd.DataFrame(
        [
            ("South", "2026-Q1", "enps", 100.0),
            ("South", "2026-Q1", "revenue", 120_000.0),
            ("South", "2026-Q2", "enps", -25.0),
            ("South", "2026-Q2", "revenue", 90_000.0),
        ],
        columns=["team", "period", "kpi", "value"],
    )
    spec = morale_results_chart(results, "South", "revenue", "€").to_dict()
    assert spec["resolve"] == {"scale": {"y": "independent"}}
    bars, line = spec["layer"]
    assert bars["encoding"]["y"]["title"] == "Revenue"
    assert bars["encoding"]["y"]["axis"]["orient"] == "right"
    assert "'€'" in bars["encoding"]["y"]["axis"]["labelExpr"]
    assert line["encoding"]["y"]["title"] == "eNPS"
    assert spec["title"]["text"] == "South: morale next to results"
    data = spec["datasets"][line["data"]["name"]]
    assert [(d["period"], d["enps_text"]) for d in data] == [
        ("2026-Q1", "+100"),
        ("2026-Q2", "−25"),
    ]


# --- in Dutch ------------------------------------------------------------------------------------


def test_dutch_segments_keep_the_groups_and_name_them(rows: pd.DataFrame) -> None:
    now = diverging_frame(rows[rows["period"] == "2026-Q2"], lang="nl")
    south = now[now["label"] == "South"]
    assert list(south["group"]) == ["Detractors", "Passives", "Promoters"]  # codes stay
    assert list(south["group_name"]) == ["Criticasters", "Passieven", "Promotors"]
    assert set(south["end_text"]) == {"eNPS −25 · 4 antwoorden"}
    assert "West (weinig antwoorden)" in set(now["label"])
    assert "Alle teams" in set(now["label"])


def test_dutch_diverging_chart_legend_and_subtitle(rows: pd.DataFrame) -> None:
    spec = diverging_chart(
        rows[rows["period"] == "2026-Q2"], "Hoe elk team zich voelt", scale=SCALE_1_10, lang="nl"
    ).to_dict()
    bars = layers(spec)[0]
    legend = bars["encoding"]["color"]["legend"]["labelExpr"]
    assert legend == (
        "datum.label == 'Detractors' ? 'Criticasters (1–6)' : "
        "datum.label == 'Passives' ? 'Passieven (7–8)' : 'Promotors (9–10)'"
    )
    assert spec["title"]["subtitle"].startswith("Rood: criticasters (1–6). Grijs: passieven")
    assert bars["encoding"]["y"]["sort"] == [
        "North",
        "South",
        "West (weinig antwoorden)",
        "Alle teams",
    ]
    tooltip = [t["title"] for t in bars["encoding"]["tooltip"]]
    assert tooltip[:2] == ["Wie", "Groep"]


def test_dutch_trend_names_all_teams_and_keeps_it_dark(rows: pd.DataFrame) -> None:
    spec = enps_trend_chart(rows, lang="nl").to_dict()
    assert spec["title"]["text"] == "eNPS per onderzoeksronde"
    line = next(layer for layer in layers(spec) if layer["mark"].get("type") == "line")
    scale = line["encoding"]["color"]["scale"]
    assert scale["domain"] == ["North", "South", "West", "Alle teams"]
    assert scale["range"][-1] == INK
    assert [t["title"] for t in line["encoding"]["tooltip"]] == [
        "Team",
        "Ronde",
        "eNPS",
        "Antwoorden",
        "Opmerking",
    ]


def test_dutch_morale_next_to_results() -> None:
    results = pd.DataFrame(
        [("South", "2026-Q1", "enps", 100.0), ("South", "2026-Q1", "revenue", 2_100_000.0)],
        columns=["team", "period", "kpi", "value"],
    )
    spec = morale_results_chart(results, "South", "revenue", "€", lang="nl").to_dict()
    bars, _ = spec["layer"]
    assert bars["encoding"]["y"]["title"] == "Omzet"
    assert "' mln'" in bars["encoding"]["y"]["axis"]["labelExpr"]  # '€ 2,1 mln'
    assert spec["title"]["text"] == "South: stemming naast resultaten"
    assert spec["title"]["subtitle"] == (
        "Blauwe lijn: eNPS (links). Lichte staven: omzet (rechts)."
    )
    whole = morale_results_chart(results, "All teams", lang="nl").to_dict()
    assert whole["title"]["text"] == "Alle teams: stemming naast resultaten"
