"""The `forecast` key of the command line's JSON: its shape on the sample, and sums worked out
with plain pandas from the sample's own sheets on a day inside a quarter."""

from __future__ import annotations

import contextlib
import io
import json
import math
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.render.summary import summary
from tests.builders import ONE_QUARTER, boom, csv_bytes, sample_as_of, write_sheets

SAMPLE = Path(__file__).resolve().parents[3] / "sample_data" / "salescope_sample.xlsx"
CUT = pd.Timestamp("2026-08-20")
SCOPE_KEYS = {"won_so_far", "p10", "p50", "p90", "expected", "target", "chance_of_target",
              "from_open_deals", "from_new_deals", "open_deals"}  # fmt: skip
DEAL_KEYS = {"deal_id", "rep", "team", "amount", "stage", "expected_close", "probability",
             "reasons"}  # fmt: skip
BACKTEST_KEYS = {"period", "p10", "p50", "p90", "actual", "error", "inside", "baseline"}


def _doc(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    code = main(["analyze", *argv, "--json", "-"])
    return code, json.loads(capsys.readouterr().out)


def _written(path: Path) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["analyze", str(path), "--json", "-"]) == 0
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def sample_doc() -> dict:
    return _written(SAMPLE)


@pytest.fixture(scope="module")
def cut_doc(tmp_path_factory: pytest.TempPathFactory) -> dict:
    sheets = sample_as_of(pd.read_excel(SAMPLE, sheet_name=None, engine="calamine"), CUT)
    path = tmp_path_factory.mktemp("cut") / "export_2026-08-20.xlsx"
    return _written(write_sheets(sheets, path))


def _numbers(value: object) -> list[object]:
    if isinstance(value, dict):
        return [n for v in value.values() for n in _numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in _numbers(v)]
    return [value] if isinstance(value, int | float) and not isinstance(value, bool) else []


def test_the_forecast_has_every_key(sample_doc: dict) -> None:
    fc = sample_doc["forecast"]
    assert {"period", "as_of", "method", "team", "teams", "reps", "deals", "backtest",
            "error"} <= set(fc)  # fmt: skip
    assert fc["period"] == "2026-Q4"  # the sample ends on 2026-09-30, closing 2026-Q3
    assert fc["as_of"] == "2026-09-30"
    assert fc["method"]["name"] in ("model", "baseline")
    assert fc["method"]["why"] in ("better", "not_better", "short_history", "no_created")
    assert isinstance(fc["method"]["text"], str)
    assert fc["method"]["text"]
    assert set(fc["team"]) >= SCOPE_KEYS
    assert fc["teams"]
    assert all(SCOPE_KEYS | {"team"} <= set(t) for t in fc["teams"])
    assert fc["reps"]
    assert all(SCOPE_KEYS | {"rep", "team"} <= set(r) for r in fc["reps"])
    assert fc["deals"]
    assert all(set(d) >= DEAL_KEYS for d in fc["deals"])
    assert len(fc["backtest"]) == 4
    assert all(set(b) >= BACKTEST_KEYS for b in fc["backtest"])
    assert all(set(b["baseline"]) == {"p50", "error"} for b in fc["backtest"])
    assert set(fc["error"]) == {"model", "baseline", "inside"}
    inside, n = fc["error"]["inside"].split(" of ")
    assert int(n) == 4
    assert 0 <= int(inside) <= 4
    assert sample_doc["errors"] == []


def test_numbers_are_finite_or_null_and_ranges_are_ordered(sample_doc: dict) -> None:
    fc = sample_doc["forecast"]
    assert all(math.isfinite(n) for n in _numbers(fc))  # NaN would not even be valid JSON
    for scope in [fc["team"], *fc["teams"], *fc["reps"]]:
        assert scope["p10"] <= scope["p50"] <= scope["p90"]
        assert scope["open_deals"] >= 0
        assert isinstance(scope["open_deals"], int)
    for deal in fc["deals"]:
        assert 0 <= deal["probability"] <= 1
        assert deal["amount"] == round(deal["amount"], 2)


def test_the_deals_open_at_the_end_are_the_ones_forecast(sample_doc: dict) -> None:
    deals = pd.read_excel(SAMPLE, sheet_name="Deals", engine="calamine")
    still_open = deals[~deals["Stage"].isin(["Closed Won", "Closed Lost"])]
    fc = sample_doc["forecast"]
    assert {d["deal_id"] for d in fc["deals"]} == set(still_open["Deal ID"])
    assert fc["team"]["open_deals"] == len(still_open)


def test_reasons_are_worded(sample_doc: dict) -> None:
    reasons = [r for d in sample_doc["forecast"]["deals"] for r in d["reasons"]]
    assert reasons
    for reason in reasons:
        assert isinstance(reason["text"], str)
        assert reason["text"].strip()
        assert isinstance(reason["factor"], str)
        assert reason["factor"]
        assert "pts" in reason["text"]


def test_reps_add_up_to_the_company(cut_doc: dict) -> None:
    fc = cut_doc["forecast"]
    assert sum(r["won_so_far"] for r in fc["reps"]) == pytest.approx(fc["team"]["won_so_far"])
    assert sum(r["open_deals"] for r in fc["reps"]) == fc["team"]["open_deals"]


def test_won_so_far_and_target_inside_a_quarter(cut_doc: dict) -> None:
    fc = cut_doc["forecast"]
    assert fc["period"] == "2026-Q3"
    deals = pd.read_excel(SAMPLE, sheet_name="Deals", engine="calamine")
    won = deals["Stage"].eq("Closed Won") & deals["Close Date"].between(
        pd.Timestamp("2026-07-01"), CUT
    )
    assert fc["team"]["won_so_far"] == pytest.approx(deals.loc[won, "Amount"].sum(), abs=0.01)
    targets = pd.read_excel(SAMPLE, sheet_name="Targets", engine="calamine")
    quarter = targets[targets["Quarter"] == "2026-Q3"]
    assert fc["team"]["target"] == pytest.approx(quarter["Target"].sum())
    for team, rows in quarter.groupby("Team"):
        (row,) = [t for t in fc["teams"] if t["team"] == team]
        assert row["target"] == pytest.approx(rows["Target"].sum())
    assert 0 <= fc["team"]["chance_of_target"] <= 1


def test_a_failing_forecast_is_null_listed_and_the_rest_is_filled(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    path = tmp_path / "deals.csv"
    path.write_bytes(csv_bytes(ONE_QUARTER))
    monkeypatch.setattr("analysis.cli.forecast", boom)
    code, doc = _doc([str(path), "--current", "2026-Q1"], capsys)
    assert code == 3
    assert doc["forecast"] is None
    assert [e["section"] for e in doc["errors"]] == ["forecast"]
    assert "ValueError" in doc["errors"][0]["message"]
    assert doc["team"]["revenue"] == 3500.0  # 1000 + 2000 + 500
    assert (doc["pipeline"]["open_deals"], doc["pipeline"]["open_value"]) == (1, 900.0)
    assert doc["data_quality"]["rows_read"] == 5


def test_a_failing_forecast_leaves_the_workbook_without_it(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    path = tmp_path / "deals.csv"
    path.write_bytes(csv_bytes(ONE_QUARTER))
    calls: list[int] = []

    def counted(*args: object, **kwargs: object) -> None:
        calls.append(1)
        raise ValueError("no")

    monkeypatch.setattr("analysis.cli.forecast", counted)
    book = tmp_path / "out.xlsx"
    code, doc = _doc([str(path), "--current", "2026-Q1", "--xlsx", str(book)], capsys)
    assert code == 3
    assert book.exists()
    assert calls == [1]  # worked out once for the workbook and the JSON, failure listed once
    assert [e["section"] for e in doc["errors"]] == ["forecast"]


def test_the_summary_has_the_forecast_headline(sample_doc: dict, cut_doc: dict) -> None:
    lines = summary(sample_doc, "EUR", []).splitlines()
    (line,) = [s for s in lines if s.startswith("Forecast 2026-Q4: Likely €")]
    assert "8 in 10 chance between €" in line
    targets = pd.read_excel(SAMPLE, sheet_name="Targets", engine="calamine")
    q4 = targets.loc[targets["Quarter"] == "2026-Q4", "Target"].sum()
    assert f"of the €{q4 / 1e6:.2f}M target (" in line  # 12 rows, about €2.31M
    dutch = summary(cut_doc, "EUR", [], "nl").splitlines()
    (line,) = [s for s in dutch if s.startswith("Prognose 2026-Q3: Waarschijnlijk €")]
    assert "van het target van €" in line


def test_a_failed_forecast_is_left_out_of_the_summary(sample_doc: dict) -> None:
    text = summary({**sample_doc, "forecast": None}, "EUR", [])
    assert "Forecast" not in text
    assert "Likely" not in text
