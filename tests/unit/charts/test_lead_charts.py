"""The lead charts, tested as specs (fields, sort orders, labels and colours), never as pixels."""

from __future__ import annotations

import pandas as pd

from analysis.charts.leads import band_chart, rep_response_chart, response_trend_chart, source_chart
from analysis.charts.style import INK, NEUTRAL, REP_COLOUR, TEAM_COLOUR
from analysis.pipeline.leads import NO_SOURCE


def _data(spec: dict, layer: dict) -> list[dict]:
    """Return the rows a layer draws (its own dataset, or the chart's)."""
    name = layer.get("data", spec.get("data", {})).get("name")
    return spec["datasets"][name]


def _marks(spec: dict) -> list[str]:
    return [layer["mark"]["type"] for layer in spec["layer"]]


REPS = pd.DataFrame(
    {
        "rep": ["Lucas Vos", "Liam Mulder", "Anna de Vries", "Mila Peters"],
        "team": ["West", "West", "North", "West"],
        "median_hours": [7.44, 3.6, 2.1, float("nan")],  # Mila: leads, none answered
        "answered": [30, 27, 51, 0],
        "unanswered": [3, 1, 0, 2],
        "leads": [33, 28, 51, 2],
    }
)


def test_rep_bars_slowest_first_with_the_team_line() -> None:
    spec = rep_response_chart(REPS, 2.6, "2026-Q3", highlight="Lucas Vos").to_dict()
    assert spec["title"]["text"] == "Time to first answer per rep, 2026-Q3"
    assert "the team's median, 2.6 h" in spec["title"]["subtitle"]
    bars = spec["layer"][0]
    assert bars["encoding"]["y"]["sort"] == ["Lucas Vos", "Liam Mulder", "Anna de Vries"]
    assert "' h'" in bars["encoding"]["x"]["axis"]["labelExpr"]  # the axis reads "2 h"
    rows = _data(spec, bars)
    assert {r["rep"]: r["colour"] for r in rows} == {
        "Lucas Vos": REP_COLOUR,
        "Liam Mulder": TEAM_COLOUR,
        "Anna de Vries": TEAM_COLOUR,
    }
    assert [r["hours_text"] for r in rows] == ["7.4 h", "3.6 h", "2.1 h"]
    rule = spec["layer"][-1]
    assert rule["mark"]["type"] == "rule"
    assert rule["mark"]["color"] == INK
    assert _data(spec, rule) == [{"median_hours": 2.6}]
    # room to the right of the longest bar: 7.44 h × 1.25
    assert bars["encoding"]["x"]["scale"]["domain"] == [0, 7.44 * 1.25]


def test_rep_bars_without_a_team_median_draw_no_line() -> None:
    spec = rep_response_chart(REPS, None, "2026-Q3").to_dict()
    assert "rule" not in _marks(spec)
    assert all(r["colour"] == TEAM_COLOUR for r in _data(spec, spec["layer"][0]))


def test_trend_labels_the_last_point_of_each_line() -> None:
    trend = pd.DataFrame(
        {
            "period": ["2026-Q1", "2026-Q2", "2026-Q3"] * 2,
            "series": ["Team"] * 3 + ["Lucas Vos"] * 3,
            "value": [2.45, 2.8, 2.6, 2.0, 8.18, 7.44],
        }
    )
    spec = response_trend_chart(trend, "Lucas Vos").to_dict()
    lines, labels = spec["layer"]
    assert lines["encoding"]["color"]["scale"]["domain"] == ["Team", "Lucas Vos"]
    assert lines["encoding"]["color"]["scale"]["range"] == [TEAM_COLOUR, REP_COLOUR]
    assert lines["encoding"]["x"]["sort"] == ["2026-Q1", "2026-Q2", "2026-Q3"]
    assert [(r["series"], r["hours_text"]) for r in _data(spec, labels)] == [
        ("Team", "2.6 h"),
        ("Lucas Vos", "7.4 h"),
    ]
    assert spec["title"]["subtitle"] == "Median hours, the team and Lucas Vos."


BANDS = pd.DataFrame(
    {
        "band": ["Within 1 hour", "1–4 hours", "Over 3 days", "Never answered"],
        "leads": [466, 2290, 0, 69],
        "converted": [133, 681, 0, 17],
        "rate": [133 / 466, 681 / 2290, float("nan"), 17 / 69],
        "low": [0.246, 0.279, float("nan"), 0.160],
        "high": [0.328, 0.316, float("nan"), 0.360],
    }
)


def test_band_bars_leave_out_empty_bands_and_grey_the_unanswered() -> None:
    spec = band_chart(BANDS, "Leads created 2024-Q4 – 2026-Q3.").to_dict()
    assert spec["title"]["text"] == "Conversion by time to first answer"
    assert spec["title"]["subtitle"] == "Leads created 2024-Q4 – 2026-Q3. Black line: 95% range."
    assert _marks(spec) == ["bar", "rule", "text"]
    bars, ranges, labels = spec["layer"]
    order = ["Within 1 hour", "1–4 hours", "Never answered"]
    assert bars["encoding"]["y"]["sort"] == order  # fastest first, no empty band
    assert bars["encoding"]["x"]["axis"]["format"] == ".0%"
    assert (ranges["encoding"]["x"]["field"], ranges["encoding"]["x2"]["field"]) == ("low", "high")
    rows = _data(spec, bars)
    # 133 / 466 = 28.5% → "29% of 466"; 17 / 69 = 24.6% → "25% of 69"
    assert [r["rate_text"] for r in rows] == ["29% of 466", "30% of 2,290", "25% of 69"]
    assert [r["colour"] for r in rows] == [TEAM_COLOUR, TEAM_COLOUR, NEUTRAL]
    assert labels["encoding"]["text"]["field"] == "rate_text"


def test_source_bars_show_the_median_answer_in_the_tooltip() -> None:
    sources = pd.DataFrame(
        {
            "source": ["Partner", "LinkedIn"],
            "leads": [636, 668],
            "converted": [181, 164],
            "rate": [181 / 636, 164 / 668],
            "low": [0.25, 0.22],
            "high": [0.32, 0.28],
            "median_hours": [2.63, 2.58],
            "answered": [623, 654],
        }
    )
    spec = source_chart(sources).to_dict()
    bars = spec["layer"][0]
    assert bars["encoding"]["y"]["sort"] == ["Partner", "LinkedIn"]
    titles = [t["title"] for t in bars["encoding"]["tooltip"]]
    assert "Median first answer" in titles
    assert [r["hours_text"] for r in _data(spec, bars)] == ["2.6 h", "2.6 h"]
    assert spec["title"]["text"] == "Conversion by lead source"


# --- in Dutch ------------------------------------------------------------------------------------


def test_dutch_rep_bars_write_hours_the_dutch_way() -> None:
    spec = rep_response_chart(REPS, 2.6, "2026-Q3", "Lucas Vos", lang="nl").to_dict()
    assert spec["title"]["text"] == "Tijd tot eerste antwoord per verkoper, 2026-Q3"
    assert spec["title"]["subtitle"] == (
        "Mediaan van de leads die een antwoord kregen. Stippellijn: de mediaan van het team, 2,6 u."
    )
    bars = spec["layer"][0]
    assert [r["hours_text"] for r in _data(spec, bars)] == ["7,4 u", "3,6 u", "2,1 u"]
    axis = bars["encoding"]["x"]["axis"]
    assert axis["labelExpr"] == "format(datum.value, '~g') + ' u'"  # '2,5 u' by the locale
    assert bars["encoding"]["x"]["title"] == "Mediaan uren tot eerste antwoord"
    assert spec["config"]["locale"]["number"]["decimal"] == ","


def test_dutch_trend_names_the_team() -> None:
    trend = pd.DataFrame(
        {"period": ["2026-Q3"] * 2, "series": ["Team", "Lucas Vos"], "value": [2.6, 7.44]}
    )
    spec = response_trend_chart(trend, "Lucas Vos", lang="nl").to_dict()
    lines, labels = spec["layer"]
    assert lines["encoding"]["color"]["scale"]["domain"] == ["Team", "Lucas Vos"]
    assert [(r["series"], r["hours_text"]) for r in _data(spec, labels)] == [
        ("Team", "2,6 u"),
        ("Lucas Vos", "7,4 u"),
    ]
    assert spec["title"]["subtitle"] == "Mediaan in uren, het team en Lucas Vos."


def test_dutch_band_bars_name_the_bands_and_grey_the_unanswered() -> None:
    spec = band_chart(BANDS, lang="nl").to_dict()
    assert spec["title"]["text"] == "Conversie naar tijd tot eerste antwoord"
    assert spec["title"]["subtitle"] == "Zwarte lijn: 95%-bereik."
    bars = spec["layer"][0]
    assert bars["encoding"]["y"]["sort"] == ["Binnen 1 uur", "1–4 uur", "Nooit beantwoord"]
    rows = _data(spec, bars)
    # 681 / 2,290 = 29.7% → "30% van 2.290" (Dutch groups thousands with a dot)
    assert [r["rate_text"] for r in rows] == ["29% van 466", "30% van 2.290", "25% van 69"]
    assert [r["colour"] for r in rows] == [TEAM_COLOUR, TEAM_COLOUR, NEUTRAL]
    assert rows[0]["range_text"] == "25%–33%"  # 24.6% – 32.8%


def test_dutch_source_bars_name_the_missing_source() -> None:
    sources = pd.DataFrame(
        {"source": ["LinkedIn", NO_SOURCE], "leads": [668, 20], "converted": [164, 2],
         "rate": [164 / 668, 0.1], "low": [0.22, 0.03], "high": [0.28, 0.3],
         "median_hours": [2.58, 30.0], "answered": [654, 18]}
    )  # fmt: skip
    spec = source_chart(sources, "Leads van 2026-Q3.", lang="nl").to_dict()
    bars = spec["layer"][0]
    # a source from the data keeps its name; the leads without one are named in Dutch
    assert bars["encoding"]["y"]["sort"] == ["LinkedIn", "Geen bron opgegeven"]
    assert [r["hours_text"] for r in _data(spec, bars)] == ["2,6 u", "30,0 u"]
    assert spec["title"]["text"] == "Conversie per leadbron"
    assert spec["title"]["subtitle"] == "Leads van 2026-Q3. Zwarte lijn: 95%-bereik."
