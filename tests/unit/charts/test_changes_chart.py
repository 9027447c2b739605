"""The What changed waterfall, tested as a spec: bars, colours, labels, axis and words.

Worked by hand: €1,000 due at the earlier export (3 deals) + €250 new (1 deal) − €400 pushed
out (1 deal) − €100 won (1 deal) = €750 due now (2 deals).
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.charts.changes import flow_chart, flow_frame
from analysis.charts.style import BAD, BAND_GREY, GOOD, NEUTRAL

DAYS = (pd.Timestamp("2026-09-23"), pd.Timestamp("2026-09-30"))


def _flow(parts: list[tuple[str, int, int]]) -> pd.DataFrame:
    """A flow of one scope as `changes.flow` gives it: (part, deals, cents)."""
    return pd.DataFrame(
        {
            "scope": "",
            "part": [p for p, _, _ in parts],
            "count": [n for _, n, _ in parts],
            "cents": [c for _, _, c in parts],
            "value": [c / 100 for _, _, c in parts],
        }
    )


FLOW = _flow([("start", 3, 100_000), ("new", 1, 25_000), ("pushed_out", 1, -40_000),
              ("won", 1, -10_000), ("end", 2, 75_000)])  # fmt: skip


def _rows(spec: dict) -> list[dict]:
    (rows,) = spec["datasets"].values()
    return rows


def test_the_bars_run_from_the_earlier_export_through_each_move_to_now() -> None:
    rows = _rows(flow_chart(FLOW, "2026-Q4", DAYS, "€").to_dict())
    assert [r["part"] for r in rows] == ["start", "new", "pushed_out", "won", "end"]
    assert [(r["start"], r["end"]) for r in rows] == [
        (0.0, 1000.0), (1000.0, 1250.0), (1250.0, 850.0), (850.0, 750.0), (0.0, 750.0),
    ]  # fmt: skip
    assert [r["colour"] for r in rows] == [NEUTRAL, GOOD, BAD, BAD, NEUTRAL]
    assert [r["bar_text"] for r in rows] == ["€1k", "+€250", "−€400", "−€100", "€750"]
    assert [r["amount_text"] for r in rows] == ["€1,000", "+€250", "−€400", "−€100", "€750"]


def test_each_bar_is_labelled_in_plain_words_with_its_deals() -> None:
    rows = _rows(flow_chart(FLOW, "2026-Q4", DAYS, "€").to_dict())
    assert [r["label"] for r in rows] == [
        "Earlier\nexport\n3 deals", "New\n1 deal", "Pushed out\n1 deal", "Won\n1 deal", "Now\n2 deals",
    ]  # fmt: skip


def test_the_title_axis_and_subtitle_say_the_period_and_the_days() -> None:
    spec = flow_chart(FLOW, "2026-Q4", DAYS, "€").to_dict()
    assert spec["title"]["text"] == "The pipeline due in 2026-Q4: from the earlier export to now"
    assert spec["title"]["subtitle"] == "€1k on 23 Sep 2026 → €750 on 30 Sep 2026: −€250"
    bars, labels = spec["layer"]
    assert bars["encoding"]["y"]["title"] == "Pipeline due"
    assert bars["encoding"]["y"]["scale"]["zero"] is True  # €750 is far below €1,250: from 0
    assert bars["encoding"]["color"] == {"field": "colour", "type": "nominal", "scale": None}
    assert labels["encoding"]["text"]["field"] == "bar_text"
    assert bars["encoding"]["x"]["sort"] == [r["label"] for r in _rows(spec)]


def test_a_rep_s_chart_names_the_rep() -> None:
    spec = flow_chart(FLOW, "2026-Q4", DAYS, "€", who="Finn Hendriks").to_dict()
    assert spec["title"]["text"] == (
        "Finn Hendriks: the pipeline due in 2026-Q4, from the earlier export to now"
    )


def test_small_moves_on_a_big_pipeline_zoom_the_axis_in() -> None:
    # €1,000,000 + €50,000 = €1,050,000: every level above 80% of the highest
    flow = _flow([("start", 90, 100_000_000), ("new", 2, 5_000_000), ("end", 92, 105_000_000)])
    spec = flow_chart(flow, "2026-Q4", DAYS, "€").to_dict()
    y = spec["layer"][0]["encoding"]["y"]
    assert y["title"] == "Pipeline due (axis does not start at 0)"
    low, high = y["scale"]["domain"]
    assert low == pytest.approx(1_000_000 - 50_000 * 0.25)  # a quarter of the span below
    assert high > 1_050_000


def test_a_move_without_money_is_drawn_light_grey() -> None:
    flow = _flow([("start", 1, 10_000), ("won", 2, 0), ("end", 1, 10_000)])
    rows = flow_frame(flow, "€")
    assert rows["colour"].tolist() == [NEUTRAL, BAND_GREY, NEUTRAL]
    spec = flow_chart(flow, "2026-Q4", DAYS, "€").to_dict()
    assert spec["title"]["subtitle"].endswith(": no change")


def test_the_dutch_chart_writes_dutch_words_and_money() -> None:
    spec = flow_chart(FLOW, "2026-Q4", DAYS, "€", "nl").to_dict()
    rows = _rows(spec)
    assert [r["label"] for r in rows][:3] == ["Eerdere\nexport\n3 deals", "Nieuw\n1 deal",
                                              "Verschoven\n1 deal"]  # fmt: skip
    assert [r["bar_text"] for r in rows] == ["€\u00a01k", "€\u00a0+250", "€\u00a0−400",
                                             "€\u00a0−100", "€\u00a0750"]  # fmt: skip
    assert spec["title"]["text"] == (
        "De pijplijn met sluitdatum in 2026-Q4: van de eerdere export tot nu"
    )
    assert "23 sep 2026" in spec["title"]["subtitle"]
    assert spec["config"]["locale"]["number"]["decimal"] == ","
