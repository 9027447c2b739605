"""The diagnosis charts (revenue waterfall, rep against the team), tested as specs, not pixels."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.charts.diagnosis import (
    bridge_caption,
    rep_vs_team_chart,
    waterfall_chart,
    waterfall_frame,
)
from analysis.charts.style import BAD, GOOD, NEUTRAL, TEAM_COLOUR
from analysis.diagnosis.bridge import Bridge, Part


def _rows(spec: dict) -> list[dict]:
    """Return the rows of the chart's one dataset."""
    (rows,) = spec["datasets"].values()
    return rows


def _layers(spec: dict) -> list[dict]:
    return spec["layer"]


# --- the revenue waterfall ---------------------------------------------------------------------

# Worked by hand: €1,000,000 + €57,000 (more new deals) − €110,000 (lower win rate) = €947,000.
RISE_AND_FALL = Bridge(
    before=1_000_000.0,
    after=947_000.0,
    parts=(
        Part("new_deals", 37, 19, 57_000.0),
        Part("win_rate", 0.38, 0.15, -110_000.0),
    ),
)


def test_waterfall_steps_run_from_total_through_parts_to_total() -> None:
    spec = waterfall_chart(RISE_AND_FALL, "Typical quarter", "2026-Q3", "€").to_dict()
    rows = _rows(spec)
    assert [r["step"] for r in rows] == ["Typical quarter", "New deals", "Win rate", "2026-Q3"]
    assert [r["kind"] for r in rows] == ["total", "change", "change", "total"]
    # each part floats from the running total to the running total + its contribution
    assert [(r["start"], r["end"]) for r in rows] == [
        (0.0, 1_000_000.0),
        (1_000_000.0, 1_057_000.0),
        (1_057_000.0, 947_000.0),
        (0.0, 947_000.0),
    ]
    assert [r["top"] for r in rows] == [1_000_000.0, 1_057_000.0, 1_057_000.0, 947_000.0]
    assert [r["colour"] for r in rows] == [TEAM_COLOUR, GOOD, BAD, TEAM_COLOUR]
    x = _layers(spec)[0]["encoding"]["x"]
    assert x["field"] == "axis_label"
    assert x["sort"] == ["Typical\nquarter", "New deals", "Win rate", "2026-Q3"]  # left to right
    assert x["axis"]["labelAngle"] == 0
    assert x["axis"]["labelExpr"] == "split(datum.label, '\\n')"  # wrapped names, not rotated


def test_waterfall_labels_totals_as_money_and_parts_signed() -> None:
    spec = waterfall_chart(RISE_AND_FALL, "Typical quarter", "2026-Q3", "€").to_dict()
    rows = _rows(spec)
    assert [r["bar_text"] for r in rows] == ["€1M", "+€57k", "−€110k", "€947k"]
    assert [r["amount_text"] for r in rows] == [
        "€1,000,000",
        "+€57,000",
        "−€110,000",
        "€947,000",
    ]
    labels = _layers(spec)[2]
    assert labels["mark"]["type"] == "text"
    assert labels["encoding"]["text"]["field"] == "bar_text"
    assert labels["encoding"]["y"]["field"] == "top"
    assert spec["title"]["text"] == "What changed revenue"
    assert spec["title"]["subtitle"] == "Typical quarter → 2026-Q3: −€53k"


def test_waterfall_bars_tooltips_colours_and_money_axis() -> None:
    spec = waterfall_chart(RISE_AND_FALL, "Typical quarter", "2026-Q3", "€").to_dict()
    totals, changes, _ = _layers(spec)
    assert totals["transform"] == [{"filter": "(datum.kind === 'total')"}]
    assert changes["transform"] == [{"filter": "(datum.kind === 'change')"}]
    assert [t["title"] for t in totals["encoding"]["tooltip"]] == ["Step", "Revenue"]
    assert [t["title"] for t in changes["encoding"]["tooltip"]] == [
        "Step",
        "Change in revenue",
        "Before → after",
    ]
    for layer in (totals, changes):
        encoding = layer["encoding"]
        assert encoding["y"]["field"] == "start"
        assert encoding["y"]["type"] == "quantitative"
        assert encoding["y2"]["field"] == "end"
        assert encoding["color"] == {"field": "colour", "scale": None, "type": "nominal"}
        axis = encoding["y"]["axis"]
        assert axis["labelExpr"] == "'€' + replace(format(datum.value, '~s'), 'G', 'B')"


def test_waterfall_tooltip_shows_each_factor_before_and_after() -> None:
    bridge = Bridge(
        before=100.0,
        after=100.0,
        parts=(
            Part("new_deals", 37, 19, 0.0),
            Part("pace", 0.95, 0.8, 0.0),
            Part("win_rate", 0.38, 0.15, 0.0),
            Part("avg_deal_size", 19_701.0, 10_484.0, 0.0),
            Part("closed_deals", 40, 34, 0.0),
            Part("win_rate", None, 0.15, 0.0),
            Part("closed_deals", 36.5, float("nan"), 0.0),
        ),
    )
    rows = _rows(waterfall_chart(bridge, "Typical quarter", "2026-Q3", "€").to_dict())
    assert [r["before_after"] for r in rows] == [
        "",
        "37 → 19",
        "0.95 → 0.80 closed deals per new deal",
        "38% → 15%",
        "€19,701 → €10,484",
        "40 → 34",
        "— → 15%",
        "36.5 → —",  # a typical period's count is a median; a missing value is a dash
        "",
    ]


def test_waterfall_zooms_in_only_when_every_level_is_far_from_zero() -> None:
    # lowest level 947,000 is 90 % of the highest (1,057,000): the changes would be slivers
    zoomed = _layers(waterfall_chart(RISE_AND_FALL, "Typical quarter", "2026-Q3").to_dict())[0]
    y = zoomed["encoding"]["y"]
    # 947,000 − 25 % of the 110,000 span below; 12 % of the domain above for the labels
    assert y["scale"] == {"domain": [919_500.0, 1_073_500.0], "zero": False}
    assert y["title"] == "Revenue (axis does not start at 0)"

    halved = Bridge(200_000.0, 100_000.0, (Part("closed_deals", 20, 10, -100_000.0),))
    y = _layers(waterfall_chart(halved, "Typical quarter", "2026-Q3").to_dict())[0]["encoding"]["y"]
    assert y["scale"] == {"domain": [0.0, 224_000.0], "zero": True}  # 200,000 + 12 % headroom
    assert y["title"] == "Revenue"


def test_waterfall_without_change_still_draws() -> None:
    flat = Bridge(
        5_000.0,
        5_000.0,
        (Part("closed_deals", 10, 10, 0.0), Part("win_rate", 0.5, 0.5, 0.0)),
    )
    spec = waterfall_chart(flat, "Typical month", "March 2026", "$").to_dict()
    rows = _rows(spec)
    assert [r["bar_text"] for r in rows] == ["$5k", "$0", "$0", "$5k"]
    assert [r["colour"] for r in rows] == [TEAM_COLOUR, NEUTRAL, NEUTRAL, TEAM_COLOUR]
    assert spec["title"]["subtitle"] == "Typical month → March 2026: no change"
    # all levels equal: no zoom, the axis runs from 0
    assert _layers(spec)[0]["encoding"]["y"]["scale"] == {"domain": [0.0, 5_600.0], "zero": True}


def test_waterfall_of_zeros_and_without_parts_still_draws() -> None:
    zeros = Bridge(0.0, 0.0, (Part("closed_deals", None, None, 0.0),))
    spec = waterfall_chart(zeros, "Typical quarter", "2026-Q3").to_dict()
    assert [r["bar_text"] for r in _rows(spec)] == ["0", "0", "0"]
    assert [r["before_after"] for r in _rows(spec)] == ["", "— → —", ""]
    assert _layers(spec)[0]["encoding"]["y"]["scale"] == {"zero": True}

    bare = waterfall_chart(Bridge(5.0, 5.0, ()), "Typical quarter", "2026-Q3").to_dict()
    assert [r["step"] for r in _rows(bare)] == ["Typical quarter", "2026-Q3"]


def test_waterfall_wraps_long_names_and_keeps_equal_names_apart() -> None:
    bridge = Bridge(10.0, 12.0, (Part("closed_deals", 1, 1.2, 2.0),))
    spec = waterfall_chart(bridge, "Typical month long name", "Closed deals").to_dict()
    sort = _layers(spec)[0]["encoding"]["x"]["sort"]
    # ten characters a line: "Typical" / "month long" / "name"
    assert sort == ["Typical\nmonth long\nname", "Closed\ndeals", "Closed\ndeals\u200b"]
    assert [r["axis_label"] for r in _rows(spec)] == sort


def test_waterfall_money_in_billions_reads_b() -> None:
    bridge = Bridge(3e9, 2.2e9, (Part("closed_deals", 400, 300, -8e8),))
    spec = waterfall_chart(bridge, "Typical year", "2026", "£").to_dict()
    assert [r["bar_text"] for r in _rows(spec)] == ["£3B", "−£800M", "£2.2B"]
    assert spec["title"]["subtitle"] == "Typical year → 2026: −£800M"


# --- the rep against the team ------------------------------------------------------------------


def _kpis() -> pd.DataFrame:
    rows = [
        # kpi, unit, rep, team, low, high, better, rep_text, team_text
        ("Win rate", "percent", 0.1, 0.3, 0.2, 0.4, "higher", "10%", "30%"),
        ("Sales cycle", "days", 30.0, 40.0, 35.0, 50.0, "lower", "30 days", "40 days"),
        ("Deal size", "money", 12_000.0, 10_000.0, 8_000.0, 16_000.0, "higher", "€12,000",
         "€10,000"),
        ("NPS", "score", -10.0, 20.0, 10.0, 30.0, "higher", "−10", "+20"),
        ("New deals", "count", float("nan"), 30.0, 20.0, 40.0, "higher", "—", "30"),
        ("Lead response time", "hours", 5.0, 5.0, 4.0, 8.0, "lower", "5.0 hours", "5.0 hours"),
    ]  # fmt: skip
    columns = ["kpi", "unit", "rep_value", "team_value", "low", "high", "better"]
    return pd.DataFrame(rows, columns=[*columns, "rep_text", "team_text"])


def test_rep_vs_team_keeps_kpi_order_and_drops_rows_without_a_rep_value() -> None:
    spec = rep_vs_team_chart(_kpis(), "Emma Smit", "€").to_dict()
    kpis = ["Win rate", "Sales cycle", "Deal size", "NPS", "Lead response time"]
    assert [r["kpi"] for r in _rows(spec)] == kpis  # "New deals" has no rep value
    for layer in _layers(spec):
        assert layer["encoding"]["y"]["field"] == "kpi"
        assert layer["encoding"]["y"]["sort"] == kpis
        assert layer["encoding"]["y"]["title"] is None
    assert spec["title"]["text"] == "Emma Smit against the team"
    assert spec["title"]["subtitle"] == [  # a line each: the whole line is cut at 1366 px
        "Dot: Emma Smit.", "Line: the median rep.", "Grey band: the middle half of the reps."]  # fmt: skip


def test_rep_vs_team_colours_the_dot_by_which_way_is_better() -> None:
    rows = _rows(rep_vs_team_chart(_kpis(), "Emma Smit").to_dict())
    assert [r["colour"] for r in rows] == [BAD, GOOD, GOOD, BAD, NEUTRAL]
    assert [r["verdict"] for r in rows] == [
        "Worse than the team",  # 10 % < 30 %, higher is better
        "Better than the team",  # 30 days < 40 days, lower is better
        "Better than the team",
        "Worse than the team",
        "Level with the team",
    ]


def test_rep_vs_team_places_each_kpi_on_its_own_scale_from_zero() -> None:
    rows = _rows(rep_vs_team_chart(_kpis(), "Emma Smit").to_dict())
    positions = [[r[c] for c in ("rep_pos", "team_pos", "low_pos", "high_pos")] for r in rows]
    expected = [
        [0.25, 0.75, 0.5, 1.0],  # 0 … 0.4
        [0.6, 0.8, 0.7, 1.0],  # 0 … 50 days
        [0.75, 0.625, 0.5, 1.0],  # 0 … €16,000
        [0.0, 0.75, 0.5, 1.0],  # −10 … 30: below zero the scale starts at the lowest value
        [0.625, 0.625, 0.5, 1.0],  # 0 … 8 hours
    ]
    for got, want in zip(positions, expected, strict=True):
        assert got == pytest.approx(want)
    # the rep's label goes on the side away from the team line
    assert [r["label_side"] for r in rows] == ["left", "left", "right", "left", "right"]


def test_rep_vs_team_marks_band_line_dot_and_label() -> None:
    spec = rep_vs_team_chart(_kpis(), "Emma Smit").to_dict()
    band, team, dot, left, right = _layers(spec)
    assert band["mark"]["type"] == "bar"
    assert (band["encoding"]["x"]["field"], band["encoding"]["x2"]["field"]) == (
        "low_pos",
        "high_pos",
    )
    assert team["mark"]["type"] == "tick"
    assert team["encoding"]["x"]["field"] == "team_pos"
    assert dot["mark"]["type"] == "circle"
    assert dot["encoding"]["x"]["field"] == "rep_pos"
    assert dot["encoding"]["color"] == {"field": "colour", "scale": None, "type": "nominal"}
    for label, side, align in ((left, "left", "right"), (right, "right", "left")):
        assert label["mark"]["type"] == "text"
        assert label["mark"]["align"] == align
        assert label["transform"] == [{"filter": f"(datum.label_side === '{side}')"}]
        assert label["encoding"]["text"]["field"] == "rep_text"
    for layer in (band, team, dot):
        assert layer["encoding"]["x"]["axis"] is None  # each KPI has its own scale: no shared axis
        assert layer["encoding"]["x"]["scale"]["domain"] == [-0.5, 1.5]


def test_rep_vs_team_tooltip_says_rep_team_and_middle_half() -> None:
    spec = rep_vs_team_chart(_kpis(), "Emma Smit", "€").to_dict()
    tooltip = _layers(spec)[2]["encoding"]["tooltip"]
    assert [t["title"] for t in tooltip] == [
        "KPI",
        "Emma Smit",
        "Team",
        "Middle half of the reps",
        "Compared with the team",
    ]
    assert [t["field"] for t in tooltip] == [
        "kpi",
        "rep_text",
        "team_text",
        "range_text",
        "verdict",
    ]
    assert [r["range_text"] for r in _rows(spec)] == [
        "20%–40%",
        "35–50 days",
        "€8,000–€16,000",
        "10.0–30.0",
        "4.0–8.0 hours",
    ]


def test_rep_vs_team_uses_a_given_range_text_and_copes_with_unknowns() -> None:
    frame = _kpis().iloc[:1].assign(range_text=["a fifth to two fifths"], team_value=[None])
    frame.loc[0, ["low", "high"]] = math.nan
    rows = _rows(rep_vs_team_chart(frame, "Emma Smit").to_dict())
    assert rows[0]["range_text"] == "a fifth to two fifths"
    assert rows[0]["team_pos"] is None  # not drawn
    assert rows[0]["low_pos"] is None
    assert rows[0]["rep_pos"] == pytest.approx(1.0)  # 0 … 0.1, the only known value
    assert (rows[0]["colour"], rows[0]["verdict"]) == (NEUTRAL, "")


@pytest.mark.parametrize(
    "frame",
    [
        _kpis().iloc[:0],
        _kpis().assign(rep_value=float("nan")),
        pd.DataFrame(),
    ],
    ids=["no rows", "no rep values", "no columns"],
)
def test_rep_vs_team_without_kpis_says_so(frame: pd.DataFrame) -> None:
    spec = rep_vs_team_chart(frame, "Emma Smit").to_dict()
    assert spec["mark"]["type"] == "text"
    assert _rows(spec) == [{"text": "No KPIs to compare"}]
    assert spec["title"]["text"] == "Emma Smit against the team"


# --- in Dutch ------------------------------------------------------------------------------------

NL = "\u00a0"  # Dutch amounts keep the symbol and the figures together: '€ 1 mln'


def test_dutch_waterfall_names_steps_and_writes_dutch_amounts() -> None:
    spec = waterfall_chart(RISE_AND_FALL, "Gemiddeld kwartaal", "2026-Q3", "€", "nl").to_dict()
    rows = _rows(spec)
    assert [r["step"] for r in rows] == [
        "Gemiddeld kwartaal",
        "Nieuwe deals",
        "Winratio",
        "2026-Q3",
    ]
    assert [r["bar_text"] for r in rows] == [f"€{NL}1 mln", f"€{NL}+57k", f"€{NL}−110k",
                                             f"€{NL}947k"]  # fmt: skip
    assert [r["amount_text"] for r in rows] == [
        f"€{NL}1.000.000",
        f"€{NL}+57.000",
        f"€{NL}−110.000",
        f"€{NL}947.000",
    ]
    assert spec["title"]["text"] == "Wat de omzet veranderde"
    # 947,000 − 1,000,000 = −53,000
    assert spec["title"]["subtitle"] == f"Gemiddeld kwartaal → 2026-Q3: €{NL}−53k"
    totals, changes, _ = _layers(spec)
    assert totals["encoding"]["y"]["title"] == "Omzet (de as begint niet bij 0)"  # zoomed in
    assert [t["title"] for t in totals["encoding"]["tooltip"]] == ["Stap", "Omzet"]
    assert [t["title"] for t in changes["encoding"]["tooltip"]] == [
        "Stap",
        "Verandering in omzet",
        "Voor → na",
    ]
    assert totals["encoding"]["y"]["axis"]["labelExpr"].startswith(f"'€{NL}' + replace(")
    assert spec["config"]["locale"]["number"]["decimal"] == ","


def test_dutch_waterfall_tooltip_writes_factors_the_dutch_way() -> None:
    bridge = Bridge(
        100.0,
        100.0,
        (
            Part("pace", 0.95, 0.8, 0.0),
            Part("avg_deal_size", 19_701.0, 10_484.0, 0.0),
            Part("closed_deals", 36.5, float("nan"), 0.0),
        ),
    )
    spec = waterfall_chart(bridge, "Gemiddelde maand", "maart 2026", "€", "nl").to_dict()
    rows = _rows(spec)
    assert [r["before_after"] for r in rows[1:-1]] == [
        "0,95 → 0,80 afgeronde deals per nieuwe deal",
        f"€{NL}19.701 → €{NL}10.484",
        "36,5 → —",
    ]
    assert [r["step"] for r in rows[1:-1]] == ["Afrondingstempo", "Dealwaarde", "Afgeronde deals"]
    # a word longer than a line stays whole: "Afrondingstempo" (15 letters) is not cut in two
    frame = waterfall_frame(bridge, "Gemiddelde maand", "maart 2026", "€", "nl")
    assert frame["axis_label"].tolist()[1:-1] == ["Afrondingstempo", "Dealwaarde",
                                                  "Afgeronde\ndeals"]  # fmt: skip
    # five such labels do not fit half a page side by side: tilted, each on one line, so the
    # lines of neighbours never cross
    assert spec["layer"][0]["encoding"]["x"]["axis"]["labelAngle"] == -35
    assert [r["axis_label"] for r in rows[1:-1]][2] == "Afgeronde deals"
    assert spec["title"]["subtitle"] == "Gemiddelde maand → maart 2026: ongewijzigd"


def test_dutch_rep_vs_team_verdicts_ranges_and_titles() -> None:
    spec = rep_vs_team_chart(_kpis(), "Emma Smit", "€", "nl").to_dict()
    rows = _rows(spec)
    assert [r["verdict"] for r in rows] == [
        "Slechter dan het team",
        "Beter dan het team",
        "Beter dan het team",
        "Slechter dan het team",
        "Gelijk aan het team",
    ]
    assert [r["range_text"] for r in rows] == [
        "20%–40%",
        "35–50 dagen",
        f"€{NL}8.000–€{NL}16.000",
        "10,0–30,0",
        "4,0–8,0 uur",
    ]
    assert spec["title"]["text"] == "Emma Smit tegenover het team"
    assert spec["title"]["subtitle"] == [
        "Stip: Emma Smit.", "Lijn: de mediane verkoper.",
        "Grijze band: de middelste helft van de verkopers."]  # fmt: skip
    tooltip = _layers(spec)[2]["encoding"]["tooltip"]
    assert [t["title"] for t in tooltip] == [
        "KPI",
        "Emma Smit",
        "Team",
        "Middelste helft van de verkopers",
        "Vergeleken met het team",
    ]
    empty = rep_vs_team_chart(_kpis().iloc[:0], "Emma Smit", lang="nl").to_dict()
    assert _rows(empty) == [{"text": "Geen KPI's om te vergelijken"}]


def test_the_caption_under_a_bridge_says_what_each_part_means() -> None:
    four = Bridge(100.0, 80.0, (Part("new_deals", 10, 8, -10.0), Part("pace", 1.0, 0.9, -5.0),
                                Part("win_rate", 0.4, 0.4, 0.0), Part("avg_deal_size", 5, 4, -5.0)))  # fmt: skip
    assert bridge_caption(four, "en") == (
        "Each bar is what one part added to revenue or took from it: new deals, how many deals "
        "came in; closing pace, deals closed (won or lost) per new deal: it falls when deals "
        "take longer; win rate, the share of closed deals won; deal size, the average amount "
        "of a won deal."
    )
    assert bridge_caption(four, "nl").startswith(
        "Elke balk is wat één onderdeel aan de omzet toevoegde of eraf haalde: nieuwe deals, "
        "hoeveel deals er binnenkwamen; afrondingstempo, afgeronde deals (gewonnen of "
        "verloren) per nieuwe deal: het daalt als deals langer duren; "
    )
    three = Bridge(100.0, 50.0, (Part("closed_deals", 20, 10, -50.0),))
    assert bridge_caption(three, "en") == (
        "Each bar is what one part added to revenue or took from it: closed deals, how many "
        "deals were won or lost."
    )
