"""`--current so-far` on the command line: the quarter in progress, like for like.

The figures are summed by hand from the sample's sheets with pandas.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from tests.builders import sample_as_of, write_sheets

SAMPLE = Path(__file__).resolve().parents[3] / "sample_data" / "salescope_sample.xlsx"
CUT = pd.Timestamp("2026-08-20")


@pytest.fixture(scope="module")
def cut_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sheets = sample_as_of(pd.read_excel(SAMPLE, sheet_name=None, engine="calamine"), CUT)
    path = tmp_path_factory.mktemp("cut") / "export_2026-08-20.xlsx"
    return write_sheets(sheets, path)


def _won(first: str, last: str) -> float:
    deals = pd.read_excel(SAMPLE, sheet_name="Deals", engine="calamine")
    closed = deals["Close Date"].between(pd.Timestamp(first), pd.Timestamp(last))
    return float(deals.loc[closed & (deals["Stage"] == "Closed Won"), "Amount"].sum())


def test_so_far_compares_the_same_first_days(cut_workbook: Path, capsys) -> None:
    assert main(["analyze", str(cut_workbook), "--current", "so-far", "--json", "-"]) == 0
    doc = json.loads(capsys.readouterr().out)
    period = doc["period"]
    assert (period["current"], period["previous"], period["so_far_days"]) == (
        "2026-Q3",
        "2026-Q2",
        51,
    )
    assert doc["team"]["revenue"] == pytest.approx(_won("2026-07-01", "2026-08-20"))


def test_so_far_summary_says_what_is_counted(cut_workbook: Path, capsys) -> None:
    assert main(["analyze", str(cut_workbook), "--current", "so-far"]) == 0
    out = capsys.readouterr().out
    assert "2026-Q3, compared with 2026-Q2" in out
    assert "So far: every figure counts the first 51 days of its period" in out


def test_without_a_period_in_progress_so_far_is_one_line(capsys) -> None:
    assert main(["analyze", str(SAMPLE), "--current", "so-far"]) == 2
    assert "no period is in progress" in capsys.readouterr().err
