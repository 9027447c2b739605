"""Charts are tested as specs (fields, titles, formats), never as pixels."""

from __future__ import annotations

import pandas as pd

from analysis.charts import attainment_chart, leaderboard_chart, trend_chart


def _layer_encodings(spec: dict) -> list[dict]:
    layers = spec.get("layer", [spec])
    return [layer["encoding"] for layer in layers if "encoding" in layer]


def test_trend_chart_has_team_and_rep_lines() -> None:
    trend = pd.DataFrame(
        {
            "period": ["2026-Q1", "2026-Q2", "2026-Q1", "2026-Q2"],
            "series": ["Team", "Team", "Emma Smit", "Emma Smit"],
            "value": [0.4, 0.38, 0.39, 0.15],
        }
    )
    spec = trend_chart(trend, "Win rate", "percent", highlight="Emma Smit").to_dict()
    encoding = spec["encoding"]
    assert encoding["x"]["field"] == "period"
    assert encoding["x"]["sort"] == ["2026-Q1", "2026-Q2"]
    assert encoding["y"]["axis"]["format"] == ".0%"
    assert encoding["y"]["title"] == "Win rate"
    assert encoding["color"]["scale"]["domain"] == ["Team", "Emma Smit"]
    assert spec["title"]["text"] == "Win rate per period"


def test_attainment_chart_orders_reps_and_marks_the_target() -> None:
    frame = pd.DataFrame(
        {
            "rep": ["A", "B"],
            "attainment": [0.8, 1.2],
            "revenue": [80.0, 120.0],
            "target": [100.0, 100.0],
        }
    )
    spec = attainment_chart(frame, "2026-Q3").to_dict()
    bars, rule = _layer_encodings(spec)
    assert bars["y"]["sort"] == ["B", "A"]  # best attainment on top
    assert bars["x"]["axis"]["format"] == ".0%"
    assert rule["x"]["field"] == "x"
    assert spec["title"]["text"] == "Target attainment, 2026-Q3"


def test_leaderboard_chart_keeps_rank_order() -> None:
    board = pd.DataFrame({"rep": ["Anna", "Sem"], "value": [3e6, 1.9e6], "rank": [1, 2]})
    spec = leaderboard_chart(board, "Revenue", "money").to_dict()
    assert spec["encoding"]["y"]["sort"] == ["Anna", "Sem"]
    assert spec["encoding"]["x"]["title"] == "Revenue"
    assert [t["title"] for t in spec["encoding"]["tooltip"]] == ["Rank", "Rep", "Revenue"]


def test_money_axis_shows_the_currency_and_billions_as_b() -> None:
    board = pd.DataFrame({"rep": ["Anna"], "value": [2.5e9], "rank": [1]})
    axis = leaderboard_chart(board, "Revenue", "money", "€").to_dict()["encoding"]["x"]["axis"]
    assert axis["labelExpr"] == "'€' + replace(format(datum.value, '~s'), 'G', 'B')"
    # a currency written in the data cannot break out of the expression's quotes
    hostile = leaderboard_chart(board, "Revenue", "money", "x' + alert(1) + '").to_dict()
    assert hostile["encoding"]["x"]["axis"]["labelExpr"].startswith("'x + alert(1) + ' + ")
    rate = leaderboard_chart(board, "Win rate", "percent", "€").to_dict()["encoding"]["x"]["axis"]
    assert "labelExpr" not in rate
