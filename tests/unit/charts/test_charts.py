"""Charts are tested as specs (fields, titles, formats), never as pixels."""

from __future__ import annotations

import re

import altair as alt
import pandas as pd
import vl_convert as vlc

from analysis.charts.overview import (
    MEDIAN,
    REP_PICK,
    attainment_chart,
    leaderboard_chart,
    picked_rep,
    trend_chart,
)
from analysis.charts.style import INK, diverging_bars, label_room


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


def test_trend_chart_names_the_median_rep_and_says_what_it_is() -> None:
    trend = pd.DataFrame(
        {"period": ["2026-Q1", "2026-Q1"], "series": [MEDIAN, "Emma Smit"], "value": [55.0, 40.0]}
    )
    spec = trend_chart(trend, "Omzet", "money", "Emma Smit", "€", lang="nl").to_dict()
    assert spec["encoding"]["color"]["scale"]["domain"] == [
        "Mediane verkoper van het team", "Emma Smit"]  # fmt: skip
    assert spec["title"]["subtitle"].startswith("Tegen de middelste verkoper van het team")
    rows = pd.DataFrame(next(iter(spec["datasets"].values())))
    assert rows["series"].tolist() == ["Mediane verkoper van het team", "Emma Smit"]


def test_period_labels_tilt_when_they_would_run_together() -> None:
    few = ["2026-Q2", "2026-Q3"]
    eight = [f"{y}-Q{q}" for y in (2024, 2025) for q in (1, 2, 3, 4)]
    assert label_room(few) == {"labelAngle": 0}
    # 8 labels of 7 characters: 8 × (7 × 9 + 12) = 600 px > 480 px: '2024-Q42025-Q1' before
    assert label_room(eight) == {"labelAngle": -35, "labelOverlap": False}
    # a trend drawn across the page has 760 px: 8 quarters fit, 11 (825 px) tilt
    trend = pd.DataFrame({"period": eight, "series": ["Team"] * 8, "value": [1.0] * 8})
    axis = trend_chart(trend, "Revenue", "money").to_dict()["encoding"]["x"]["axis"]
    assert axis["labelAngle"] == 0
    eleven = [f"{y}-Q{q}" for y in (2024, 2025, 2026) for q in (1, 2, 3, 4)][:11]
    trend = pd.DataFrame({"period": eleven, "series": ["Team"] * 11, "value": [1.0] * 11})
    axis = trend_chart(trend, "Revenue", "money").to_dict()["encoding"]["x"]["axis"]
    assert axis["labelAngle"] == -35
    # a waterfall's names: each line counts apart; 3 × (8 × 9 + 12) = 252 px fits
    assert label_room(["Omzet\n2026-Q2", "Winratio", "Omzet\n2026-Q3"]) == {"labelAngle": 0}
    # 'Afrondingstempo' is one word of 15: 4 × (15 × 9 + 12) = 588 px > 480 px
    dutch = ["Omzet\n2026-Q2", "Afrondingstempo", "Winratio", "Omzet\n2026-Q3"]
    assert label_room(dutch)["labelAngle"] == -35


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
    bars, rule, *labels = _layer_encodings(spec)
    assert bars["y"]["sort"] == ["B", "A"]  # best attainment on top
    assert bars["x"]["axis"]["format"] == ".0%"
    assert rule["x"]["field"] == "x"
    assert spec["title"]["text"] == "Target attainment, 2026-Q3"
    assert [label["text"]["field"] for label in labels] == ["label", "label"]


def _drawn(spec: dict) -> pd.DataFrame:
    """The rows the chart draws (its inline dataset)."""
    return pd.DataFrame(next(iter(spec["datasets"].values())))


def test_attainment_bars_carry_their_percentage() -> None:
    frame = pd.DataFrame(
        {"rep": ["A", "B"], "attainment": [0.8, 1.234], "revenue": [80.0, 123.4],
         "target": [100.0, 100.0]}
    )  # fmt: skip
    spec = attainment_chart(frame, "2026-Q3").to_dict()
    rows = _drawn(spec)
    assert rows[["rep", "label"]].values.tolist() == [["B", "123%"], ["A", "80%"]]
    assert rows["capped"].tolist() == [False, False]
    # no bar past the cap: the axis ends at the longest bar (or at 100%), with no note
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 1.234]
    assert spec["title"]["subtitle"] == "Dashed line: target reached"
    dutch = _drawn(attainment_chart(frame, "2026-Q3", lang="nl").to_dict())
    assert dutch["label"].tolist() == ["123%", "80%"]


def test_one_tiny_target_does_not_stretch_the_axis() -> None:
    # C sold 412 against a target of 100: 412%. The axis stops at 200%, C's bar is cut there
    # and labelled with its real figure, and the subtitle says so.
    frame = pd.DataFrame(
        {"rep": ["A", "B", "C"], "attainment": [0.8, 0.5, 4.12],
         "revenue": [80.0, 50.0, 412.0], "target": [100.0, 100.0, 100.0]}
    )  # fmt: skip
    spec = attainment_chart(frame, "2026-Q3").to_dict()
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 2.0]
    assert spec["layer"][0]["encoding"]["x"]["field"] == "drawn"
    rows = _drawn(spec)
    assert rows[["rep", "drawn", "label"]].values.tolist() == [
        ["C", 2.0, "412% ▸"], ["A", 0.8, "80%"], ["B", 0.5, "50%"]]  # fmt: skip
    assert rows["capped"].tolist() == [True, False, False]
    assert spec["title"]["subtitle"] == [
        "Dashed line: target reached",
        "1 bar runs past 200% (▸): its label gives the real figure",
    ]
    two = frame.assign(attainment=[2.5, 0.5, 4.12])
    dutch = attainment_chart(two, "2026-Q3", lang="nl").to_dict()
    assert dutch["title"]["subtitle"][1] == (
        "2 balken lopen verder dan 200% (▸): hun labels geven de echte cijfers"
    )


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


def test_diverging_bars_one_text_per_bar_and_faint_rows() -> None:
    # Two bars of three segments: A (low 20%, middle 20% split, top 60%), B faint.
    segments = [
        ("A", "Low", -0.3, -0.1), ("A", "Mid", -0.1, 0.1), ("A", "Top", 0.1, 0.7),
        ("B", "Low", -0.75, -0.25), ("B", "Mid", -0.25, 0.25), ("B", "Top", 0.25, 0.25),
    ]  # fmt: skip
    frame = pd.DataFrame(segments, columns=["label", "group", "start", "end"])
    frame["right"] = frame["label"].map({"A": 0.7, "B": 0.25})
    frame["end_text"] = frame["label"].map({"A": "+40", "B": "-50 (too few)"})
    frame["few"] = frame["label"] == "B"
    tooltip = [alt.Tooltip("label:N", title="Rep")]
    spec = diverging_bars(
        frame, ["Low", "Mid", "Top"], ["red", "grey", "green"], (-0.75, 1.4),
        [-0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1], tooltip, faint=0.4, faint_text="#999",
    ).to_dict()  # fmt: skip
    bars, zero, text = spec["layer"]
    assert bars["encoding"]["y"]["sort"] == ["A", "B"]
    assert bars["encoding"]["x"]["scale"]["domain"] == [-0.75, 1.4]
    assert bars["encoding"]["x"]["axis"]["values"][0] == -0.75
    assert "abs(datum.value)" in bars["encoding"]["x"]["axis"]["labelExpr"]  # 75% left and right
    assert bars["encoding"]["color"]["scale"]["range"] == ["red", "grey", "green"]
    assert bars["encoding"]["opacity"] == {
        "condition": {"test": "datum.few", "value": 0.4},
        "value": 1.0,
    }
    assert zero["encoding"]["x"]["scale"] == bars["encoding"]["x"]["scale"]  # the line is at 0
    written = spec["datasets"][text["data"]["name"]]
    assert [(d["label"], d["right"], d["end_text"]) for d in written] == [
        ("A", 0.7, "+40"),
        ("B", 0.25, "-50 (too few)"),
    ]
    assert text["encoding"]["color"] == {
        "condition": {"test": "datum.few", "value": "#999"},
        "value": INK,
    }
    assert spec["height"] == {"step": 42.5}  # 34 px a bar, times 1.25


# --- Dutch: words from the catalogue, numbers by the Vega locale ------------------------------

# Dutch money on an axis: '€ 40k', '€ 2,1 mln', '€ 3 mld' (d3's M, G and T written out).
DUTCH_MONEY = (
    "'€\u00a0' + replace(replace(replace(format(datum.value, '~s'), 'M', ' mln'), 'G', ' mld'), "
    "'T', ' bln')"
)


def test_dutch_trend_chart_names_the_team_and_reads_dutch_money() -> None:
    trend = pd.DataFrame(
        {"period": ["2026-Q1", "2026-Q1"], "series": ["Team", "Emma Smit"], "value": [2e6, 4e5]}
    )
    spec = trend_chart(trend, "Omzet", "money", "Emma Smit", "€", lang="nl").to_dict()
    assert spec["title"]["text"] == "Omzet per periode"
    assert spec["encoding"]["y"]["axis"]["labelExpr"] == DUTCH_MONEY
    assert spec["encoding"]["y"]["axis"]["labelSeparation"] == 8  # wide amounts do not touch
    assert [t["title"] for t in spec["encoding"]["tooltip"]] == ["Wie", "Periode", "Omzet"]
    assert spec["encoding"]["color"]["scale"]["domain"] == ["Team", "Emma Smit"]
    locale = spec["config"]["locale"]
    assert locale["number"] == {
        "decimal": ",",
        "thousands": ".",
        "grouping": [3],
        "currency": ["€\u00a0", ""],
    }
    assert locale["time"]["shortMonths"][2] == "mrt"  # an axis of dates reads 'mrt 2026'
    assert locale["time"]["months"][2] == "maart"
    assert locale["time"]["days"][0] == "zondag"  # d3 starts the week on Sunday
    assert spec["config"]["axis"]["labelFontSize"] == 15  # the house style is still there


def test_english_charts_carry_no_locale() -> None:
    board = pd.DataFrame({"rep": ["Anna"], "value": [2.5e9], "rank": [1]})
    spec = leaderboard_chart(board, "Revenue", "money", "€").to_dict()
    assert "locale" not in spec["config"]
    assert "labelSeparation" not in spec["encoding"]["x"]["axis"]  # as before the Dutch came


def test_dutch_attainment_and_leaderboard_titles() -> None:
    frame = pd.DataFrame({"rep": ["A"], "attainment": [0.8], "revenue": [80.0], "target": [100.0]})
    spec = attainment_chart(frame, "2026-Q3", lang="nl").to_dict()
    assert spec["title"] == {
        "text": "Targetrealisatie, 2026-Q3",
        "subtitle": "Stippellijn: target gehaald",
        "fontSize": 20,
        "subtitleFontSize": 15,
        "anchor": "start",
    }
    bars = _layer_encodings(spec)[0]
    assert bars["x"]["title"] == "Omzet als deel van de target"
    assert [t["title"] for t in bars["tooltip"]] == ["Verkoper", "Targetrealisatie", "Omzet",
                                                     "Target"]  # fmt: skip
    board = pd.DataFrame({"rep": ["Anna"], "value": [3e6], "rank": [1]})
    spec = leaderboard_chart(board, "Omzet", "money", "€", lang="nl").to_dict()
    assert spec["title"]["text"] == "Ranglijst: Omzet"
    assert [t["title"] for t in spec["encoding"]["tooltip"]] == ["Positie", "Verkoper", "Omzet"]


def test_dutch_axis_is_drawn_with_dutch_numbers() -> None:
    # vl-convert (the HTML and PDF reports) applies the locale: 1.2 million reads '€ 1,2 mln'.
    board = pd.DataFrame({"rep": ["Anna", "Sem"], "value": [3e6, 1.9e6], "rank": [1, 2]})
    chart = leaderboard_chart(board, "Omzet", "money", "€", lang="nl").properties(width=600)
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", vlc.vegalite_to_svg(chart.to_dict()))
    assert {"€\u00a0800k", "€\u00a01,2 mln", "€\u00a03 mln"} <= set(labels)
    assert "Ranglijst: Omzet" in labels


def test_dutch_money_axis_for_other_currencies() -> None:
    board = pd.DataFrame({"rep": ["Anna"], "value": [2.5e9], "rank": [1]})
    axis = leaderboard_chart(board, "Omzet", "money", "CHF ", lang="nl").to_dict()
    assert axis["encoding"]["x"]["axis"]["labelExpr"].startswith("'CHF\u00a0' + replace(")
    bare = leaderboard_chart(board, "Omzet", "money", "", lang="nl").to_dict()
    assert bare["encoding"]["x"]["axis"]["labelExpr"].startswith("'' + replace(")


def test_dutch_diverging_bars_axis_title() -> None:
    frame = pd.DataFrame(
        [("A", "Low", -0.3, -0.1, 0.7, "+40", False)],
        columns=["label", "group", "start", "end", "right", "end_text", "few"],
    )
    spec = diverging_bars(frame, ["Low"], ["red"], (-0.5, 1.0), [0], [], lang="nl").to_dict()
    title = spec["layer"][0]["encoding"]["x"]["title"]
    assert title == "Aandeel van de antwoorden (ontevreden ← 0 → tevreden)"


def test_a_click_picks_a_reps_bar_on_the_leaderboard_and_attainment_chart() -> None:
    board = pd.DataFrame({"rep": ["Anna", "Sem"], "value": [3e6, 1.9e6], "rank": [1, 2]})
    spec = leaderboard_chart(board, "Revenue", "money", pickable=True).to_dict()
    assert spec["params"] == [{"name": REP_PICK, "select": {"type": "point", "fields": ["rep"],
                                                             "on": "click", "clear": "dblclick"}}]  # fmt: skip
    assert spec["encoding"]["opacity"]["condition"] == {"param": REP_PICK, "value": 1.0}
    assert "params" not in leaderboard_chart(board, "Revenue", "money").to_dict()  # reports
    frame = pd.DataFrame({"rep": ["A", "B"], "attainment": [0.8, 1.2],
                          "revenue": [80.0, 120.0], "target": [100.0, 100.0]})  # fmt: skip
    layered = attainment_chart(frame, "2026-Q3", pickable=True).to_dict()
    (pick,) = layered["params"]  # a layered chart names the view its selection is made in
    assert (pick["name"], pick["select"]["fields"]) == (REP_PICK, ["rep"])
    assert pick["views"] == [layered["layer"][0]["name"]]  # the bars, not the labels or the rule
    assert layered["layer"][0]["encoding"]["opacity"]["condition"]["param"] == REP_PICK


def test_the_rep_picked_is_read_from_streamlits_selection_state() -> None:
    # What st.altair_chart(on_select=...) returns as `.selection` for a point on field rep.
    assert picked_rep({REP_PICK: [{"rep": "Emma Smit"}]}) == "Emma Smit"
    assert picked_rep({REP_PICK: [{"rep": "Anna"}, {"rep": "Sem"}]}) == "Anna"  # shift-click
    assert picked_rep({REP_PICK: []}) is None  # a click beside the bars
    assert picked_rep({REP_PICK: {}}) is None  # nothing clicked yet
    assert picked_rep({}) is None
