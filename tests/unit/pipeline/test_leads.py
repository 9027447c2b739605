"""Lead response and conversion: hand-worked small tables, then what the sample generator planted."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.kpis.table import kpi_table
from analysis.model import schema as S
from analysis.model.periods import PeriodSpec, period_bounds
from analysis.pipeline import leads as L
from analysis.read.upload import read_files
from sample_data.generate import (
    AFTER,
    QUARTER_LABELS,
    RESPONSE_FACTOR,
    RESPONSE_HOURS,
    SLOW_RESPONSE_REP,
)
from tests.tables import dataset, frame

QUARTER = PeriodSpec("quarter")
WORKBOOK = Path(__file__).resolve().parents[3] / "sample_data" / "salescope_sample.xlsx"
LEAD_COLUMNS = "rep created_at first_response_at converted source"
DATES = (S.CREATED_AT, S.FIRST_RESPONSE_AT)
NEVER = L.NEVER


def leads(rows: list[tuple]) -> pd.DataFrame:
    """A leads table of (rep, created, first response, converted, source) rows."""
    out = frame(LEAD_COLUMNS, rows, dates=DATES)
    out[S.CONVERTED] = out[S.CONVERTED].astype("boolean")
    return out


def answered(rep: str | None, day: str, hours: float | None, converted: bool | None = False):
    """One lead created at 09:00 on `day`, answered `hours` later (None: never)."""
    created = pd.Timestamp(f"{day} 09:00")
    response = None if hours is None else str(created + pd.Timedelta(hours=hours))
    return (rep, str(created), response, converted, "Website")


# --- Response time per rep, from the KPI table -------------------------------------------

# 2026-Q3. Anna: 1 h, 2 h, 6 h → median 2 h, all 3 answered.
# Sem: 0.5 h, never, and a response dated an hour before the lead (a data error, no answer)
# → median 0.5 h, 1 answered, 2 not. A lead without a rep (10 h) counts for the company only:
# company median of 1, 2, 6, 0.5, 10 → 2 h.
ONE_QUARTER = leads(
    [
        answered("Anna", "2026-07-01", 1),
        answered("Anna", "2026-07-02", 2),
        answered("Anna", "2026-07-03", 6),
        answered("Sem", "2026-07-01", 0.5),
        answered("Sem", "2026-07-02", None),
        answered("Sem", "2026-07-03", -1),
        answered(None, "2026-07-04", 10),
    ]
)


def test_median_response_and_unanswered_per_rep() -> None:
    table = kpi_table(dataset(leads=ONE_QUARTER), QUARTER)
    reps = L.rep_response(table, "2026-Q3").set_index("rep")
    assert list(reps.index) == ["Anna", "Sem"]  # slowest first
    assert reps.loc["Anna", "median_hours"] == pytest.approx(2.0)
    assert reps.loc["Sem", "median_hours"] == pytest.approx(0.5)
    assert reps.loc["Anna", ["answered", "unanswered", "leads"]].tolist() == [3, 0, 3]
    assert reps.loc["Sem", ["answered", "unanswered", "leads"]].tolist() == [1, 2, 3]
    assert L.team_hours(table, "2026-Q3") == pytest.approx(2.0)
    # 7 leads, 5 answered (Anna 3, Sem 1, no rep 1): Sem's two are the ones without an answer.
    assert L.unanswered_note(table, "2026-Q3").text() == (
        "2 of the 7 leads of 2026-Q3 got no answer yet (Sem 2)."
    )


# Two quarters. Q2: A answers 5 leads in 1 h, B 5 in 2 h → company median 1.5 h.
# Q3: A takes 8 h (5 leads), B 2 h (5 leads), C 20 h on a single lead. Company median of
# 2,2,2,2,2,8,8,8,8,8,20 → the 6th value, 8 h. C has too few answered leads to be named.
TWO_QUARTERS = leads(
    [answered("A", f"2026-05-0{d}", 1) for d in range(1, 6)]
    + [answered("B", f"2026-05-0{d}", 2) for d in range(1, 6)]
    + [answered("A", f"2026-08-0{d}", 8) for d in range(1, 6)]
    + [answered("B", f"2026-08-0{d}", 2) for d in range(1, 6)]
    + [answered("C", "2026-08-06", 20)]
)


def test_the_point_names_the_slowest_rep_with_enough_leads() -> None:
    table = kpi_table(dataset(leads=TWO_QUARTERS), QUARTER)
    point = L.response_point(table, "2026-Q3", "2026-Q2", ["2026-Q2"])
    assert point.team_hours == pytest.approx(8.0)
    assert point.team_previous == pytest.approx(1.5)
    assert (point.slowest, point.slowest_hours, point.slowest_usual) == ("A", 8.0, 1.0)
    assert point.team_text.text() == "Median first answer 8.0 h in 2026-Q3, up from 1.5 h."
    assert point.rep_text.text() == "A is slowest at 8.0 h, usually 1.0 h."
    assert list(L.rep_response(table, "2026-Q3")["rep"]) == ["C", "A", "B"]


def test_a_period_without_answers_says_so() -> None:
    table = kpi_table(dataset(leads=leads([answered("A", "2026-08-03", None)])), QUARTER)
    point = L.response_point(table, "2026-Q3", "2026-Q2", [])
    assert point.slowest is None
    assert point.sentence.text() == "No lead of 2026-Q3 got an answer yet."


def test_trend_has_the_team_and_the_rep() -> None:
    table = kpi_table(dataset(leads=TWO_QUARTERS), QUARTER)
    trend = L.response_trend(table, ["2026-Q2", "2026-Q3"], "A")
    got = {(p, s): v for p, s, v in trend.itertuples(index=False)}
    assert got == {
        ("2026-Q2", "Team"): 1.5,
        ("2026-Q3", "Team"): 8.0,
        ("2026-Q2", "A"): 1.0,
        ("2026-Q3", "A"): 8.0,
    }


# --- Bands, intervals and the trend test --------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "band"),
    [
        (0.5, "Within 1 hour"),
        (1.0, "1–4 hours"),  # a band includes its lower end
        (3.99, "1–4 hours"),
        (4.0, "4–24 hours"),
        (24.0, "1–3 days"),
        (72.0, "Over 3 days"),
        (None, "Never answered"),
        (-1.0, None),  # answered before the lead came in: no band
    ],
)
def test_band_of_a_lead(hours: float | None, band: str | None) -> None:
    got = L.bands(leads([answered("A", "2026-07-01", hours)])).iloc[0]
    assert (None if pd.isna(got) else got) == band


def test_wilson_interval_by_hand() -> None:
    # 8 of 10, z = 1.96: centre (0.8 + 1.9208/10) / 1.38416 = 0.71674;
    # half 1.96 × √(0.016 + 0.0096040) / 1.38416 = 0.22658 → 0.4902 … 0.9433.
    low, high = L.wilson_interval(np.array([8, 0]), np.array([10, 0]))
    assert low[0] == pytest.approx(0.4902, abs=1e-4)
    assert high[0] == pytest.approx(0.9433, abs=1e-4)
    assert math.isnan(low[1])
    assert math.isnan(high[1])


@pytest.mark.parametrize(
    ("n", "x", "z", "p"),
    [
        # Two groups: p̄ = 0.5, T = 1 × (2 − 5) = −3, Var = 0.25 × (10 − 10²/20) = 1.25,
        # z = −3/√1.25 = −2.683 (z² = 7.2, the 2×2 chi-square), p = 0.00729.
        ([10, 10], [8, 2], -2.6833, 0.00729),
        # Three groups: T = 0 + 0 + 2 × (4 − 5) = −2, Var = 0.25 × (50 − 30²/30) = 5,
        # z = −2/√5 = −0.894, p = 0.371.
        ([10, 10, 10], [6, 5, 4], -0.8944, 0.3711),
    ],
)
def test_trend_test_by_hand(n: list[int], x: list[int], z: float, p: float) -> None:
    got_z, got_p = L.trend_test(np.array(n), np.array(x))
    assert got_z == pytest.approx(z, abs=1e-3)
    assert got_p == pytest.approx(p, abs=1e-3)


def test_trend_test_needs_both_outcomes() -> None:
    assert L.trend_test(np.array([5, 5]), np.array([0, 0])) == (None, None)


def test_conversion_by_band_by_hand() -> None:
    rows = [
        answered("A", "2026-07-01", 0.5, True),
        answered("A", "2026-07-02", 0.2, True),
        answered("A", "2026-07-03", 0.9, True),
        answered("A", "2026-07-06", 0.5, False),  # within 1 hour: 3 of 4
        answered("A", "2026-07-07", 5, False),
        answered("A", "2026-07-08", 30, False),
        answered("A", "2026-07-09", 6, None),  # outcome unknown: left out
        answered("A", "2026-07-10", 6, False),  # 4–24 hours: 0 of 2
        answered("A", "2026-07-13", None, True),  # never answered: 1 of 1
        answered("A", "2026-10-01", 0.5, False),  # after the end: left out
    ]
    got = L.conversion_by_band(leads(rows), pd.Timestamp("2026-10-01")).set_index("band")
    assert got["leads"].tolist() == [4, 0, 2, 1, 0, 1]
    assert got["converted"].tolist() == [3, 0, 0, 0, 0, 1]
    assert got.loc["Within 1 hour", "rate"] == pytest.approx(0.75)
    assert got.loc["4–24 hours", "rate"] == 0.0
    assert math.isnan(got.loc["1–4 hours", "rate"])


def _bands(counts: dict[str, tuple[int, int]]) -> pd.DataFrame:
    """A band table with (leads, converted) per band."""
    rows = [(b, *counts.get(b, (0, 0))) for b in L.BAND_LABELS]
    out = pd.DataFrame(rows, columns=["band", "leads", "converted"])
    out["rate"] = out["converted"] / out["leads"].where(out["leads"] > 0)
    return out


def test_faster_answers_convert_better_says_yes_when_clear() -> None:
    # 40/100, 30/100, 10/100: T = 0 + (30 − 26.67) + 2 (10 − 26.67) = −30, p̄ = 0.2667,
    # Var = 0.2667 × 0.7333 × (500 − 300²/300) = 39.1 → z = −4.80, p ≈ 1.6e-6.
    got = L.verdict(
        _bands({"Within 1 hour": (100, 40), "1–4 hours": (100, 30), "4–24 hours": (100, 10)})
    )
    assert got.answer == "yes"
    assert got.z == pytest.approx(-4.797, abs=1e-2)
    assert got.sentence.text() == (
        "Yes: of the leads answered within 1 hour, 40% became deals (100 leads), against 10% "
        "of those answered in 4–24 hours (100). A trend this clear is very unlikely to be "
        "chance (trend test, p < 0.001)."
    )


def test_faster_answers_convert_better_could_be_chance() -> None:
    # 6/10, 5/10, 4/10: p = 0.37 (worked out above); no band has 20 leads, so the fastest and
    # the slowest band are quoted.
    got = L.verdict(_bands({"Within 1 hour": (10, 6), "1–4 hours": (10, 5), "4–24 hours": (10, 4)}))
    assert got.answer == "unclear"
    assert got.sentence.text() == (
        "Not clearly: of the leads answered within 1 hour, 60% became deals (10 leads), "
        "against 40% of those answered in 4–24 hours (10). A difference like this could well "
        "be chance (trend test, p = 0.37)."
    )


def test_slower_answers_converting_better_is_said() -> None:
    got = L.verdict(_bands({"Within 1 hour": (100, 10), "1–3 days": (100, 40)}))
    assert got.answer == "no"
    assert got.sentence.text().startswith("No, rather the opposite")


def test_too_few_leads_to_tell() -> None:
    got = L.verdict(_bands({"Within 1 hour": (10, 5), "1–4 hours": (10, 1), NEVER: (50, 5)}))
    assert got.answer == "too_few"
    assert "(20)" in got.sentence.text()  # the never-answered leads are not in the trend


# --- By source ------------------------------------------------------------------------------


def test_conversion_by_source_by_hand() -> None:
    rows = [
        ("A", "2026-07-01 09:00", "2026-07-01 10:00", True, "Website"),  # 1 h
        ("A", "2026-07-02 09:00", "2026-07-02 11:00", True, "Website"),  # 2 h
        ("A", "2026-07-03 09:00", "2026-07-03 12:00", False, "Website"),  # 3 h
        ("A", "2026-07-06 09:00", "2026-07-06 14:00", True, "Referral"),  # 5 h
        ("A", "2026-07-07 09:00", None, True, "Referral"),
        ("A", "2026-07-08 09:00", "2026-07-08 09:30", False, None),  # 0.5 h, no source
    ]
    got = L.conversion_by_source(leads(rows)).set_index("source")
    assert list(got.index) == ["Referral", "Website", "No source given"]  # best first
    assert got["leads"].tolist() == [2, 3, 1]
    assert got["converted"].tolist() == [2, 2, 0]
    assert got.loc["Website", "rate"] == pytest.approx(2 / 3)
    assert got["median_hours"].tolist() == pytest.approx([5.0, 2.0, 0.5])
    assert got["answered"].tolist() == [1, 3, 1]


@pytest.mark.parametrize(
    ("counts", "ending"),
    [
        # 25/50 against 25/50: no difference at all, p = 1.
        ([("Website", 50, 25), ("Referral", 50, 25)], "could be chance (p = 1)."),
        # 80/100 against 20/100: chi-square = 200 × (80·80 − 20·20)² / (100⁴) = 72, p ≈ 2e-17.
        ([("Referral", 100, 80), ("Website", 100, 20)], "the sources really differ (p < 0.001)."),
    ],
)
def test_source_note(counts: list[tuple[str, int, int]], ending: str) -> None:
    rows = pd.DataFrame(counts, columns=["source", "leads", "converted"])
    rows["rate"] = rows["converted"] / rows["leads"]
    assert L.source_note(rows).text().endswith(ending)


# --- Planted truth of the sample ------------------------------------------------------------


@pytest.fixture(scope="module")
def sample():
    return read_files([(WORKBOOK.name, WORKBOOK.read_bytes())]).dataset()


@pytest.fixture(scope="module")
def sample_table(sample) -> pd.DataFrame:
    return kpi_table(sample, QUARTER)


def test_planted_slow_rep_is_named_with_the_rise(sample_table: pd.DataFrame) -> None:
    # Lucas Vos answers in a median of 2.5 h, three times slower (7.5 h) in 2026-Q2 and -Q3.
    slow = RESPONSE_HOURS * RESPONSE_FACTOR
    for quarter in AFTER:
        reps = L.rep_response(sample_table, quarter)
        assert reps.iloc[0]["rep"] == SLOW_RESPONSE_REP
        assert reps.iloc[0]["median_hours"] == pytest.approx(slow, rel=0.4)
    before = list(QUARTER_LABELS[:6])
    usual = L.usual_hours(sample_table, SLOW_RESPONSE_REP, before)
    assert usual == pytest.approx(RESPONSE_HOURS, rel=0.3)
    point = L.response_point(sample_table, AFTER[1], AFTER[0], before)
    assert point.slowest == SLOW_RESPONSE_REP
    assert point.slowest_usual == pytest.approx(RESPONSE_HOURS, rel=0.3)
    assert point.team_hours == pytest.approx(RESPONSE_HOURS, rel=0.3)  # the rest stay at 2.5 h


# The generator converts a lead answered within 4 h with chance 0.3, within 24 h 0.2, else 0.1.
PLANTED_RATES = {"Within 1 hour": 0.3, "1–4 hours": 0.3, "4–24 hours": 0.2}


def test_planted_conversion_by_band_and_the_answer(sample) -> None:
    end = period_bounds(AFTER[1], QUARTER)[1]
    by_band = L.conversion_by_band(sample.tables[S.LEADS], end).set_index("band")
    for band, rate in PLANTED_RATES.items():
        n = by_band.loc[band, "leads"]
        assert n >= 100
        assert abs(by_band.loc[band, "rate"] - rate) < 3 * math.sqrt(rate * (1 - rate) / n)
    got = L.verdict(by_band.reset_index())
    assert got.answer == "yes"
    assert got.p_value is not None
    assert got.p_value < 0.001


def test_planted_sources_convert_alike(sample) -> None:
    # Sources are drawn at random and do not change the chance to convert.
    by_source = L.conversion_by_source(sample.tables[S.LEADS])
    pooled = by_source["converted"].sum() / by_source["leads"].sum()
    assert len(by_source) == 6
    for rate, n in zip(by_source["rate"], by_source["leads"], strict=True):
        assert abs(rate - pooled) < 3 * math.sqrt(pooled * (1 - pooled) / n)
