"""A weak spot shows the KPI over the window it names (issue 14, item 7: one number, one window).

"typical sales cycle 64 days over 2026-Q2 and 2026-Q3" is the median cycle of the rep's deals
won in those two quarters, pooled, as the KPI table computes it per quarter; the team's the same
over every rep's deals. The expected values are worked out with plain pandas on the sample's
sheets, independent of analysis/; a planted case shows the pooled median where the mean of logs
(the statistic the test is made on) would say something else.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.diagnosis.gaps import gaps
from analysis.diagnosis.period_stats import period_stats
from analysis.diagnosis.weak_spots import weak_spots
from analysis.model import schema as S
from analysis.model.periods import PeriodSpec
from analysis.read.upload import read_files
from tests.tables import dataset, frame

SAMPLE = Path(__file__).resolve().parents[3] / "sample_data" / "salescope_sample.xlsx"
WINDOW = [pd.Period("2026-Q2", freq="Q"), pd.Period("2026-Q3", freq="Q")]


@pytest.fixture(scope="module")
def sheets() -> dict[str, pd.DataFrame]:
    names = ["Deals", "Leads", "Customer Feedback", "Activities"]
    return pd.read_excel(SAMPLE, sheet_name=names, engine="openpyxl")


@pytest.fixture(scope="module")
def spots() -> dict:
    stats = period_stats(
        read_files([(SAMPLE.name, SAMPLE.read_bytes())]).dataset(), PeriodSpec("quarter")
    )
    found = weak_spots(stats, "2026-Q3", "EUR", frozenset({"Mila Peters"}))
    return {(rep, s.kpi): s for rep, spots in found.items() for s in spots}


def in_window(dates: pd.Series) -> pd.Series:
    return dates.dt.to_period("Q").isin(WINDOW)


def cycle_days(deals: pd.DataFrame, rep: str | None = None) -> float:
    """The median days from created to won of the deals won in the window (a rep's, or all)."""
    won = deals[(deals["Stage"] == "Closed Won") & in_window(deals["Close Date"])]
    if rep is not None:
        won = won[won["Sales Rep"] == rep]
    days = (won["Close Date"] - won["Created Date"]).dt.days
    return float(days[days >= 0].median())


def response_hours(leads: pd.DataFrame, rep: str | None = None) -> float:
    """The median hours to the first answer of the leads created in the window."""
    mine = leads[in_window(leads["Created On"])]
    if rep is not None:
        mine = mine[mine["Lead Owner"] == rep]
    hours = (mine["First Response At"] - mine["Created On"]).dt.total_seconds() / 3600
    return float(hours[hours >= 0].median())


def test_sophie_bos_sales_cycle_is_the_median_over_the_two_quarters(sheets, spots) -> None:
    deals = sheets["Deals"]
    spot = spots[("Sophie Bos", "cycle_days")]
    mine = cycle_days(deals, "Sophie Bos")
    assert mine == 64.0  # the mean of logs the test is made on says 69
    assert spot.rep_value == pytest.approx(mine)
    assert spot.team == pytest.approx(cycle_days(deals))
    line = spot.evidence.text("en")
    assert line.startswith("typical sales cycle 64 days over 2026-Q2 and 2026-Q3")
    assert f"against the team's {round(cycle_days(deals))} days" in line
    assert "69 days" not in line
    assert spot.evidence.text("nl").startswith("typische doorlooptijd 64 dagen over 2026-Q2 en")


def test_lucas_vos_first_response_is_the_median_over_the_two_quarters(sheets, spots) -> None:
    leads = sheets["Leads"]
    spot = spots[("Lucas Vos", "lead_response_hours")]
    mine, team = response_hours(leads, "Lucas Vos"), response_hours(leads)
    assert spot.rep_value == pytest.approx(mine)
    assert spot.team == pytest.approx(team)
    line = spot.evidence.text("en")
    assert line.startswith(f"typical first response {mine:.1f} h over 2026-Q2 and 2026-Q3")
    assert f"against the team's {team:.1f} h" in line


def test_emma_smit_win_rate_and_liam_mulder_nps_are_pooled_over_the_window(sheets, spots) -> None:
    deals = sheets["Deals"]
    closed = deals[
        deals["Stage"].isin(["Closed Won", "Closed Lost"]) & in_window(deals["Close Date"])
    ]
    won = closed["Stage"] == "Closed Won"
    emma = spots[("Emma Smit", "win_rate")]
    assert emma.rep_value == pytest.approx(won[closed["Sales Rep"] == "Emma Smit"].mean())
    assert emma.team == pytest.approx(won.mean())  # every rep's closed deals in the window
    assert f"against the team's {round(100 * won.mean())}%" in emma.evidence.text("en")
    feedback = sheets["Customer Feedback"]
    answers = feedback[in_window(feedback["Date"])]
    net = 100 * ((answers["NPS Score"] >= 9).astype(float) - (answers["NPS Score"] <= 6))
    # Liam Mulder's customers are planted to score lowest (sample_data/README.md)
    liam = spots[("Liam Mulder", "nps")]
    assert liam.rep_value == pytest.approx(net[answers["Sales Rep"] == "Liam Mulder"].mean())
    assert liam.team == pytest.approx(net.mean())
    assert f"against the team's +{round(net.mean())}" in liam.evidence.text("en")


def test_daan_visser_activities_are_a_quarter_over_the_window(sheets, spots) -> None:
    # every rep (Mila Peters, who started in 2026-Q2, too) is active in both quarters: the
    # team's figure is the activities of all 12 reps over 24 rep-quarters
    acts = sheets["Activities"]
    mine = acts[in_window(acts["Date"])]
    assert mine["Sales Rep"].nunique() == 12
    daan = spots[("Daan Visser", "activities")]
    assert daan.rep_value == pytest.approx((mine["Sales Rep"] == "Daan Visser").sum() / 2)
    assert daan.team == pytest.approx(len(mine) / 24)
    team = round(len(mine) / 24)
    assert daan.evidence.text("en").endswith(f"against the team's {team} per rep")


def _won(rep: str, close: str, days: list[int]) -> list[tuple]:
    end = pd.Timestamp(close)
    return [(rep, 1000.0, "won", end - pd.Timedelta(days=d), end) for d in days]


def test_a_planted_cycle_shows_the_pooled_median_not_the_mean_of_logs() -> None:
    # Ann won deals of 10, 12 and 300 days in Q2 and of 14 and 400 days in Q3: pooled, the
    # median is 14 days; the mean of logs (the test's statistic) is (10·12·300·14·400)^(1/5)
    # = 45.9 days, the median of the quarters' medians (12 and 207) 109.5. Bas's deals all
    # take 30 days; the team's pooled median of the ten deals is (30 + 30) / 2 = 30.
    rows = (
        _won("Ann", "2026-05-15", [10, 12, 300])
        + _won("Ann", "2026-08-15", [14, 400])
        + _won("Bas", "2026-05-15", [30, 30, 30])
        + _won("Bas", "2026-08-15", [30, 30])
        + _won("Ann", "2026-02-15", [20, 20])
        + _won("Bas", "2026-02-15", [20, 20])
    )
    deals = frame(
        f"{S.REP} {S.AMOUNT} {S.STATUS} {S.CREATED_DATE} {S.CLOSE_DATE}",
        rows,
        (S.CREATED_DATE, S.CLOSE_DATE),
    )
    stats = period_stats(dataset(deals=deals), PeriodSpec("quarter"))
    ann = next(g for g in gaps(stats, "2026-Q3") if g.kpi == "cycle_days" and g.rep == "Ann")
    assert ann.rep_value == pytest.approx(math.exp(np.log([10, 12, 300, 14, 400]).mean()))
    rep, shrunk, team = ann.shown
    assert rep == 14.0
    assert team == 30.0
    # the shrunk value keeps the test's pull, as a ratio of the shown value
    assert shrunk == pytest.approx(14.0 * ann.shrunk / ann.rep_value)
