"""The Customers charts as data: segments, order, colours, titles and the texts on the bars."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.charts.customers import (
    concentration_chart,
    group_names,
    market_share_chart,
    retention_chart,
    satisfaction_chart,
    satisfaction_frame,
    satisfaction_trend_chart,
    top_accounts_chart,
)
from analysis.customers.accounts import accounts_for_share
from analysis.customers.headline import format_delta
from analysis.customers.satisfaction import GROUPS
from analysis.words.message import text

# Anna: promoters 60%, passives 20%, detractors 20% (NPS +40, 5 answers); Bob: 2 answers.
REPS = pd.DataFrame(
    {
        "rep": ["Anna", "Bob", "Dirk"],
        "team": ["North", "North", None],
        "answers": [5, 2, 0],
        "top": [0.6, 0.0, None],
        "middle": [0.2, 0.5, None],
        "bottom": [0.2, 0.5, None],
        "value": [40.0, -50.0, None],
        "ranked": [True, False, False],
        "rank": [1, 0, 0],
    }
)
ACCOUNTS = pd.DataFrame(
    {
        "rank": [1, 2, 3],
        "account": ["B", "D", "A"],
        "revenue": [6000.0, 2500.0, 1500.0],
        "deals": [2, 2, 2],
        "share": [0.6, 0.25, 0.15],
        "cumulative": [0.6, 0.85, 1.0],
    }
)


def test_satisfaction_segments_split_the_middle_around_zero() -> None:
    frame = satisfaction_frame(REPS, "nps")
    anna = frame[frame["rep"] == "Anna"].set_index("group")
    # detractors 20% left of the passives' half (10%): -0.3 … -0.1; promoters 0.1 … 0.7
    assert anna.loc["Detractors (0–6)", ["start", "end"]].tolist() == pytest.approx([-0.3, -0.1])
    assert anna.loc["Passives (7–8)", ["start", "end"]].tolist() == pytest.approx([-0.1, 0.1])
    assert anna.loc["Promoters (9–10)", ["start", "end"]].tolist() == pytest.approx([0.1, 0.7])
    texts = frame.drop_duplicates("rep").set_index("rep")["end_text"]
    assert texts.to_dict() == {
        "Anna": "NPS +40 · 5 answers",
        "Bob": "NPS −50 · 2 answers (too few)",
        "Dirk": "no answers",
    }
    assert frame.drop_duplicates("rep")["few"].tolist() == [False, True, True]


def test_satisfaction_chart_keeps_the_ranked_order_and_colours() -> None:
    spec = satisfaction_chart(REPS, "nps", "NPS per rep, 2026-Q1", 3).to_dict()
    bars = spec["layer"][0]
    assert spec["title"]["text"] == "NPS per rep, 2026-Q1"
    assert "fewer than 3 answers" in spec["title"]["subtitle"]
    assert bars["encoding"]["y"]["sort"] == ["Anna", "Bob", "Dirk"]
    colour = bars["encoding"]["color"]["scale"]
    assert colour["domain"] == ["Detractors (0–6)", "Passives (7–8)", "Promoters (9–10)"]
    assert colour["range"] == ["#e4572e", "#bdbdbd", "#2a9d8f"]
    assert spec["height"] == {"step": 42.5}  # one readable bar per rep


def test_csat_segments_use_their_own_groups() -> None:
    frame = satisfaction_frame(REPS.iloc[:1], "csat")
    assert set(frame["group"]) == {"Satisfied (4–5)", "Neutral (3)", "Dissatisfied (1–2)"}
    assert frame["end_text"].iloc[0] == "CSAT 40.0 · 5 answers"


def test_trend_colours_follow_all_teams() -> None:
    trend = pd.DataFrame(
        {
            "period": ["2026-Q1", "2026-Q1"],
            "series": ["Company", "West"],
            "answers": [10, 4],
            "value": [30.0, 10.0],
        }
    )
    spec = satisfaction_trend_chart(trend, "nps", "NPS", ["North", "South", "West"]).to_dict()
    scale = spec["layer"][-1]["encoding"]["color"]["scale"]
    # West is third of the teams by name: the third colour, as when every team is shown
    assert scale == {"domain": ["Company", "West"], "range": ["#222222", "#2a9d8f"]}
    assert spec["layer"][-1]["encoding"]["y"]["scale"]["domain"] == [-100, 100]


def test_retention_chart_reads_shares() -> None:
    rows = pd.DataFrame(
        {
            "period": ["2026-Q2", "2026-Q2"],
            "key": ["customer_retention", "repeat_purchase_share"],
            "label": ["Customer retention", "Repeat-purchase share"],
            "value": [2 / 3, 0.64],
            "n": [3, 4],
        }
    )
    spec = retention_chart(rows, "67% came back").to_dict()
    assert spec["encoding"]["y"]["axis"]["format"] == ".0%"
    assert spec["encoding"]["color"]["scale"]["domain"] == [
        "Customer retention",
        "Repeat-purchase share",
    ]


def test_market_share_chart_labels_each_point() -> None:
    rows = pd.DataFrame(
        {
            "period": ["2026-Q1", "2026-Q2"],
            "share": [0.225, 0.2533],
            "revenue": [4500.0, 7600.0],
            "market_revenue": [20000.0, 30000.0],
        }
    )
    spec = market_share_chart(rows, "Market share: 25.3% in 2026-Q2", "€").to_dict()
    assert spec["layer"][0]["encoding"]["y"]["axis"]["format"] == ".1%"
    assert spec["layer"][1]["encoding"]["text"]["format"] == ".1%"
    data = next(iter(spec["datasets"].values()))
    assert [d["market_text"] for d in data] == ["€20k", "€30k"]


def test_top_accounts_bars_say_money_and_share() -> None:
    spec = top_accounts_chart(ACCOUNTS, "Top 3", "€", top=2).to_dict()
    assert spec["layer"][0]["encoding"]["y"]["sort"] == ["B", "D"]
    data = next(iter(spec["datasets"].values()))
    assert [d["text"] for d in data] == ["€6k · 60.0%", "€2.5k · 25.0%"]


def test_concentration_marks_the_top_accounts() -> None:
    spec = concentration_chart(ACCOUNTS, "Half from 1 of 3", top=2).to_dict()
    texts = [row["text"] for rows in spec["datasets"].values() for row in rows if "text" in row]
    assert texts == ["Top 2: 85%"]  # 60% + 25%


@pytest.mark.parametrize(
    ("share", "expected"), [(0.5, 1), (0.6, 1), (0.61, 2), (1.0, 3), (1.01, None)]
)
def test_accounts_for_share(share: float, expected: int | None) -> None:
    assert accounts_for_share(ACCOUNTS, share) == expected


@pytest.mark.parametrize(
    ("key", "now", "before", "expected"),
    [
        ("nps", 37.0, 26.4, "+11"),
        ("customer_retention", 0.35, 0.43, "−8 pts"),
        ("customer_retention", 0.20, 0.19, "+1 pt"),
        ("market_share", 0.0428, 0.0407, "+0.2 pts"),  # shown as 4.3% vs 4.1%
        ("market_share", 0.04281, 0.04279, "no change"),
        ("csat", 3.7, 3.4, "+0.3"),
        ("nps", 30.0, None, None),
    ],
)
def test_format_delta(key: str, now: float, before: float | None, expected: str | None) -> None:
    assert text(format_delta(key, now, before), "en") == expected


# --- in Dutch ------------------------------------------------------------------------------------

NL = "\u00a0"  # Dutch amounts keep the symbol and the figures together: '€ 6k'


def test_group_names_are_customers_groups_in_english() -> None:
    for kind in ("nps", "csat"):
        assert list(group_names(kind)) == [label for label, _, _ in GROUPS[kind]]
    assert group_names("nps", "nl") == ("Promotors (9–10)", "Passieven (7–8)", "Criticasters (0–6)")
    assert group_names("csat", "nl") == ("Tevreden (4–5)", "Neutraal (3)", "Ontevreden (1–2)")


def test_dutch_satisfaction_segments_and_texts() -> None:
    frame = satisfaction_frame(REPS, "nps", "nl")
    anna = frame[frame["rep"] == "Anna"].set_index("group")
    assert anna.loc["Criticasters (0–6)", ["start", "end"]].tolist() == pytest.approx([-0.3, -0.1])
    texts = frame.drop_duplicates("rep").set_index("rep")["end_text"]
    assert texts.to_dict() == {
        "Anna": "NPS +40 · 5 antwoorden",
        "Bob": "NPS −50 · 2 antwoorden (te weinig)",
        "Dirk": "geen antwoorden",
    }
    csat = satisfaction_frame(REPS.iloc[:1], "csat", "nl")
    assert csat["end_text"].iloc[0] == "CSAT 40,0 · 5 antwoorden"
    spec = satisfaction_chart(REPS, "nps", "NPS per verkoper", 3, "nl").to_dict()
    bars = spec["layer"][0]
    assert bars["encoding"]["color"]["scale"]["domain"] == [
        "Criticasters (0–6)",
        "Passieven (7–8)",
        "Promotors (9–10)",
    ]
    assert spec["title"]["subtitle"].startswith(
        "NPS = % promotors − % criticasters. Beste eerst; vaag: minder dan 3 antwoorden"
    )
    assert [t["title"] for t in bars["encoding"]["tooltip"]] == [
        "Verkoper",
        "Groep",
        "Aandeel van de antwoorden",
        "Score",
    ]


def test_dutch_trend_names_the_company_and_the_kpi() -> None:
    trend = pd.DataFrame(
        {"period": ["2026-Q1"] * 2, "series": ["Company", "West"], "answers": [10, 4],
         "value": [3.4, 4.1]}
    )  # fmt: skip
    spec = satisfaction_trend_chart(trend, "csat", "CSAT", ["North", "West"], "nl").to_dict()
    line = spec["layer"][-1]
    assert line["encoding"]["color"]["scale"] == {
        "domain": ["Bedrijf", "West"],
        "range": ["#222222", "#e4572e"],  # West is second of the teams by name
    }
    assert line["encoding"]["y"]["title"] == "Klanttevredenheid (CSAT)"
    (rows,) = spec["datasets"].values()
    assert [r["score"] for r in rows] == ["3,4", "4,1"]


def test_dutch_retention_lines_are_named_by_their_kpi() -> None:
    rows = pd.DataFrame(
        {"period": ["2026-Q2"] * 2, "key": ["customer_retention", "repeat_purchase_share"],
         "label": ["Customer retention", "Repeat-purchase share"], "value": [2 / 3, 0.64],
         "n": [3, 4]}
    )  # fmt: skip
    spec = retention_chart(rows, "67% kwam terug", lang="nl").to_dict()
    assert spec["encoding"]["color"]["scale"]["domain"] == [
        "Klantbehoud",
        "Aandeel herhaalaankopen",
    ]
    assert spec["encoding"]["y"]["title"] == "Aandeel"


def test_dutch_money_and_shares_on_the_accounts_charts() -> None:
    spec = top_accounts_chart(ACCOUNTS, "Top 3", "€", top=2, lang="nl").to_dict()
    data = next(iter(spec["datasets"].values()))
    assert [d["text"] for d in data] == [f"€{NL}6k · 60,0%", f"€{NL}2,5k · 25,0%"]
    assert [d["revenue_text"] for d in data] == [f"€{NL}6.000", f"€{NL}2.500"]
    assert spec["layer"][0]["encoding"]["x"]["title"] == "Gewonnen omzet"
    spec = concentration_chart(ACCOUNTS, "De helft uit 1 van 3", top=2, lang="nl").to_dict()
    texts = [row["text"] for rows in spec["datasets"].values() for row in rows if "text" in row]
    assert texts == ["Top 2: 85%"]  # 60% + 25%
    assert spec["title"]["subtitle"] == "Stippellijn: als elk account evenveel had gekocht."
    market = pd.DataFrame(
        {"period": ["2026-Q1"], "share": [0.225], "revenue": [4500.0], "market_revenue": [None]}
    )
    spec = market_share_chart(market, "Marktaandeel", "€", "nl").to_dict()
    data = next(iter(spec["datasets"].values()))
    assert [(d["revenue_text"], d["market_text"]) for d in data] == [(f"€{NL}4,5k", "—")]
    assert spec["layer"][0]["encoding"]["y"]["title"] == "Marktaandeel"
