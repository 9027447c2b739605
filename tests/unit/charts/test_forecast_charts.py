"""The Forecast charts as data, in English and Dutch, from small hand-made frames."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.charts.forecast import (
    backtest_chart,
    backtest_long,
    band_label,
    range_chart,
    reliability_chart,
)

NL = "\u00a0"  # Dutch amounts keep the symbol and the figures together: '€ 496k'

RANGES = pd.DataFrame(
    {
        "name": ["Anna", "Bram"],  # already sorted by likely revenue, as views.range_frame does
        "team": ["North", "South"],
        "won_so_far": [100_000.0, 0.0],
        "p10": [370_000.0, 72_000.0],
        "p50": [496_000.0, 124_000.0],
        "p90": [639_000.0, 182_000.0],
        "target": [600_000.0, float("nan")],
        "chance": [0.25, float("nan")],
    }
)
BACKTEST = pd.DataFrame(
    {
        "period": ["2026-Q1", "2026-Q2"],
        "actual": [2_370_000.0, 1_500_000.0],
        "model_p10": [2_090_000.0, 1_990_000.0],
        "model_p50": [2_330_000.0, 2_230_000.0],
        "model_p90": [2_600_000.0, 2_480_000.0],
        "model_error": [-0.015, 0.49],
        "model_inside": [True, False],
        "baseline_p10": [2_490_000.0, 2_500_000.0],
        "baseline_p50": [2_760_000.0, 2_770_000.0],
        "baseline_p90": [3_050_000.0, 3_050_000.0],
        "baseline_error": [0.17, 0.85],
        "baseline_inside": [False, False],
    }
)
RELIABILITY = pd.DataFrame(
    {"band": [0.0, 0.3, 0.6], "predicted": [0.05, 0.35, 0.64], "actual": [0.03, 0.36, 0.84],
     "deals": [340, 146, 50]}
)  # fmt: skip


def _layers(spec: dict) -> list[dict]:
    return spec["layer"]


def _rows(spec: dict) -> list[dict]:
    (rows,) = spec["datasets"].values()
    return rows


@pytest.mark.parametrize(
    ("lang", "likely", "target", "title", "tip"),
    [
        ("en", ["€496k", "€124k"], ["€600k", "—"], "Where each rep will likely land", "Likely"),
        ("nl", [f"€{NL}496k", f"€{NL}124k"], [f"€{NL}600k", "—"],
         "Waar elke verkoper waarschijnlijk uitkomt", "Waarschijnlijk"),
    ],
)  # fmt: skip
def test_range_bars_span_p10_to_p90_with_likely_and_target(
    lang: str, likely: list[str], target: list[str], title: str, tip: str
) -> None:
    spec = range_chart(RANGES, "rep", "€", lang).to_dict()
    bars, tick, diamond, text = _layers(spec)
    assert (bars["encoding"]["x"]["field"], bars["encoding"]["x2"]["field"]) == ("p10", "p90")
    assert bars["encoding"]["y"]["sort"] == ["Anna", "Bram"]  # likeliest first
    assert tick["mark"]["type"] == "tick"
    assert tick["encoding"]["x"]["field"] == "p50"
    assert diamond["mark"]["shape"] == "diamond"
    assert diamond["encoding"]["x"]["field"] == "target"
    assert text["encoding"]["text"]["field"] == "likely_text"
    rows = _rows(spec)
    assert [r["likely_text"] for r in rows] == likely
    assert [r["target_text"] for r in rows] == target
    assert [r["chance_text"] for r in rows] == ["25%", "—"]
    assert spec["title"]["text"] == title
    assert bars["encoding"]["tooltip"][1]["title"] == tip
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 639_000 * 1.18]
    assert text["encoding"]["x"]["field"] == "label_at"
    assert [r["label_at"] for r in rows] == [639_000, 182_000]  # right of the bar
    beyond = _rows(range_chart(RANGES.assign(target=[700_000.0, None]), "rep", "€", lang).to_dict())
    assert [r["label_at"] for r in beyond] == [700_000, 182_000]  # right of the target's diamond


def test_team_ranges_are_titled_per_team() -> None:
    spec = range_chart(RANGES, "team", "€", "en").to_dict()
    assert spec["title"]["text"] == "Where each team will likely land"
    assert spec["layer"][0]["encoding"]["tooltip"][0]["title"] == "Team"


@pytest.mark.parametrize(
    ("lang", "marks", "verdicts", "actual"),
    [
        ("en", ["Forecast range (8 in 10)", "Forecast: likely", "Win-rate forecast",
                "Actual revenue"],
         ["Actual fell inside the range", "Actual fell outside the range"], "€1.5M"),
        ("nl", ["Bandbreedte prognose (8 op 10)", "Prognose: waarschijnlijk",
                "Prognose op winkans", "Werkelijke omzet"],
         ["Werkelijk viel binnen de bandbreedte", "Werkelijk viel buiten de bandbreedte"],
         f"€{NL}1,5 mln"),
    ],
)  # fmt: skip
def test_backtest_shows_range_likely_baseline_and_actual(
    lang: str, marks: list[str], verdicts: list[str], actual: str
) -> None:
    long = backtest_long(BACKTEST, "€", lang)
    assert len(long) == 2 * 4  # 2 periods x (range, likely, win-rate forecast, actual)
    q2 = long[long["period"] == "2026-Q2"].set_index("mark")
    assert q2.loc["actual", "value"] == 1_500_000.0
    assert q2.loc["baseline", "value"] == 2_770_000.0
    assert q2.loc["actual", "value_text"] == actual
    assert list(dict.fromkeys(long["verdict"])) == verdicts
    spec = backtest_chart(BACKTEST, "€", lang).to_dict()
    bar, tick, base, point = _layers(spec)
    assert (bar["encoding"]["y"]["field"], bar["encoding"]["y2"]["field"]) == ("low", "high")
    assert {layer["encoding"]["y"]["field"] for layer in (tick, base, point)} == {"value"}
    assert bar["encoding"]["color"]["scale"]["domain"] == marks
    assert bar["encoding"]["x"]["sort"] == ["2026-Q1", "2026-Q2"]


@pytest.mark.parametrize(
    ("lang", "bands", "x_title"),
    [("en", ["0–10%", "30–40%", "60–70%"], "Chance the forecast gave"),
     ("nl", ["0–10%", "30–40%", "60–70%"], "Kans volgens de prognose")],
)  # fmt: skip
def test_reliability_points_against_the_diagonal(lang: str, bands: list[str], x_title: str) -> None:
    spec = reliability_chart(RELIABILITY, lang).to_dict()
    diagonal, points = _layers(spec)
    assert diagonal["mark"]["type"] == "line"
    assert diagonal["mark"]["strokeDash"] == [6, 4]
    assert points["encoding"]["x"]["field"] == "predicted"
    assert points["encoding"]["y"]["field"] == "actual"
    assert points["encoding"]["size"]["field"] == "deals"
    assert points["encoding"]["x"]["title"] == x_title
    rows = next(r for r in spec["datasets"].values() if len(r) == 3)
    assert [r["band_text"] for r in rows] == bands
    assert [r["off"] for r in rows] == [False, False, True]  # 84% won of 64% predicted: 20 pts off


def test_band_labels_in_dutch_use_the_dutch_percent() -> None:
    assert band_label(0.9, "nl") == "90–100%"
    assert band_label(0.0, "en") == "0–10%"
