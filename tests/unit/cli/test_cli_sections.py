"""The command line: each section stands alone, honest exit codes, and a quiet stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.model.input_error import InputError
from analysis.model.sections import Sections, internal_message
from tests.builders import DEALS_HEADER, DEALS_ROWS, ONE_QUARTER, boom, csv_bytes, xlsx

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def deals(tmp_path: Path) -> Path:
    path = tmp_path / "deals.csv"
    path.write_bytes(csv_bytes(ONE_QUARTER))
    return path


def analyze(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict, str]:
    code = main(["analyze", *argv, "--current", "2026-Q1", "--json", "-"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else {}), err


@pytest.mark.parametrize(
    ("target", "failed", "nulls"),
    [
        ("analysis.render.json_contract.F.funnel_table", ["funnel"], ["funnel"]),
        ("analysis.cli.find", ["diagnosis"], ["diagnosis"]),
        ("analysis.cli.snapshot", ["pipeline"], ["pipeline"]),
        ("analysis.cli.data_quality_json", ["data_quality"], ["data_quality"]),
        ("analysis.render.json_contract.kpis_for", ["kpis"], ["team", "reps"]),
    ],
)
def test_a_failing_section_is_null_listed_and_the_rest_is_filled(
    deals: Path, capsys, monkeypatch, target: str, failed: list[str], nulls: list[str]
) -> None:
    monkeypatch.setattr(target, boom)
    code, doc, err = analyze([str(deals)], capsys)
    assert code == 3
    assert [e["section"] for e in doc["errors"]] == failed
    assert "could not be worked out" in doc["errors"][0]["message"]
    assert "ValueError" in doc["errors"][0]["message"]
    for key in nulls:
        assert doc[key] is None
    assert err.strip().splitlines() == [f"salescope: {failed[0]} {doc['errors'][0]['message']}"]
    assert "Traceback" not in err
    # The other sections are still there, with hand-worked numbers.
    if "team" not in nulls:
        assert doc["team"]["revenue"] == 3500.0  # 1000 + 2000 + 500
        anna = doc["reps"][0]
        assert anna["kpis"]["win_rate"] == pytest.approx(2 / 3)  # 2 won of 3 closed
    if "data_quality" not in nulls:
        assert doc["data_quality"]["rows_read"] == 5
    if "funnel" not in nulls:
        assert doc["funnel"]["reached"] == [5, 3]  # 5 deals reach the first stage, 3 won
    if "pipeline" not in nulls and "team" not in nulls:
        assert (doc["pipeline"]["open_deals"], doc["pipeline"]["open_value"]) == (1, 900.0)


def test_without_the_diagnosis_each_reps_verdict_is_null_not_a_verdict(
    deals: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setattr("analysis.cli.find", boom)
    code, doc, _ = analyze([str(deals)], capsys)
    assert code == 3
    bob = doc["reps"][1]
    assert bob["kpis"]["revenue"] == 500.0
    assert bob["status"] is bob["root_causes"] is bob["coaching"] is None
    # Bob's two deals reach the first stage, one is won: conversion 1 / 2.
    assert bob["funnel"] == {"reached": [2, 1], "conversion": [0.5, None]}


def test_without_the_kpis_the_sections_needing_them_are_listed(
    deals: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setattr("analysis.cli.kpi_table", boom)
    code, doc, err = analyze([str(deals)], capsys)
    assert code == 3
    assert [e["section"] for e in doc["errors"]] == ["kpis", "diagnosis", "pipeline"]
    assert "needs kpis" in doc["errors"][1]["message"]
    assert doc["team"] is doc["reps"] is doc["diagnosis"] is doc["pipeline"] is None
    assert doc["funnel"]["reached"] == [5, 3]
    assert len(err.strip().splitlines()) == 3


def test_all_is_well_gives_exit_0_and_an_empty_error_list(deals: Path, capsys) -> None:
    code, doc, err = analyze([str(deals)], capsys)
    assert (code, doc["errors"], err) == (0, [], "")


@pytest.mark.parametrize("report", ["--html", "--pdf", "--xlsx"])
def test_a_failing_report_is_listed_and_the_json_still_written(
    tmp_path: Path, deals: Path, capsys, monkeypatch, report: str
) -> None:
    name = report.removeprefix("--")
    maker = {
        "html": "html.html_report",
        "pdf": "pdf.pdf_report",
        "xlsx": "workbook.report_workbook",
    }
    monkeypatch.setattr(f"analysis.render.{maker[name]}", boom)  # the CLI imports it when asked
    out = tmp_path / f"review.{name}"
    code, doc, err = analyze([str(deals), report, str(out)], capsys)
    assert code == 3
    assert [e["section"] for e in doc["errors"]] == [name]
    assert doc["team"]["revenue"] == 3500.0
    assert not out.exists()
    assert err.startswith(f"salescope: {name} could not be worked out")


def test_debug_prints_the_traceback(deals: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("analysis.render.json_contract.F.funnel_table", boom)
    code, _, err = analyze([str(deals), "--debug"], capsys)
    assert code == 3
    assert "Traceback" in err
    assert "funnel_table" in err or "boom" in err


def test_an_internal_error_outside_sections_is_not_the_users_mistake(
    deals: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setattr("analysis.cli.current_and_previous", boom)
    code, doc, err = analyze([str(deals)], capsys)
    assert code == 1
    assert doc == {}
    assert err.startswith("salescope: internal error (ValueError)")
    assert "not a problem with your files" in err
    assert "argmax" not in err  # the library's words are for --debug
    assert "Traceback" not in err
    code, _, err = analyze([str(deals), "--debug"], capsys)
    assert code == 1
    assert "Traceback" in err
    assert "argmax" in err


HR = {
    "Staff": [
        ["Employee ID", "Full Name", "Department", "Hire Date", "Salary", "Notes"],
        ["E1", "Anna de Vries", "Sales", "2020-01-06", 52000, "N/A"],
        ["E2", "Bob Jansen", "Finance", "2021-03-01", 48000, "NULL"],
    ],
    "Products": [["Product", "SKU", "List Price"], ["Widget", "W-1", 9.5]],
}


def test_a_workbook_without_sales_deals_is_refused_naming_each_sheet(tmp_path: Path) -> None:
    book = tmp_path / "hr.xlsx"
    book.write_bytes(xlsx(HR))
    out = tmp_path / "out.json"
    run = subprocess.run(
        [sys.executable, "-m", "analysis", "analyze", str(book), "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert not out.exists()
    # One line naming both sheets and what they lack, and nothing else: fastexcel's
    # "Could not determine dtype" (the Notes column holds only N/A and NULL) stays silent.
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith("salescope: No sheet holds sales data")
    assert "hr.xlsx › Staff" in line
    assert "hr.xlsx › Products" in line
    assert "as deals it lacks amount" in line
    assert "dtype" not in run.stderr


def test_every_deal_row_set_aside_is_nothing_usable(tmp_path: Path, capsys) -> None:
    path = tmp_path / "deals.csv"
    path.write_bytes(csv_bytes([DEALS_HEADER, ["Anna", "-5", "Closed Won", "2026-01-10", ""]]))
    assert main(["analyze", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("salescope: The deals in “deals.csv” have no usable row: all 1 were")
    assert "negative amount" in err


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--current", "Q9-2026"], "--current 'Q9-2026' is not a quarter label like 2026-Q3"),
        (["--rep", "Anna de Vries"], "--rep needs --html or --pdf"),
        (["--mapping", "MAPPING"], "cannot be used"),
        (["--fiscal-start", "13"], "--fiscal-start 13 is not a month"),
    ],
)
def test_input_problems_are_one_line_and_exit_2(
    tmp_path: Path, capsys, extra: list[str], expected: str
) -> None:
    path = tmp_path / "deals.csv"
    path.write_bytes(csv_bytes([DEALS_HEADER, *DEALS_ROWS]))
    mapping = tmp_path / "saved.json"
    mapping.write_text('["not", "a", "mapping"]', encoding="utf-8")
    argv = [str(mapping) if a == "MAPPING" else a for a in extra]
    assert main(["analyze", str(path), *argv]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("salescope: ")
    assert expected in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            ValueError("Grouper and axis\nmust be same length"),
            "could not be worked out from this export "
            "(internal error: ValueError: Grouper and axis must be same length)",
        ),
        (
            KeyError(),
            "could not be worked out from this export (internal error: KeyError: no message)",
        ),
    ],
)
def test_an_internal_error_is_one_plain_line(error: Exception, expected: str) -> None:
    assert internal_message(error) == expected


def test_a_section_contains_internal_errors_but_not_input_problems() -> None:
    sections = Sections()
    assert sections.run("funnel", boom) is None
    assert sections.run("kpis", lambda: 42) == 42
    assert sections.failed("kpis", "funnel") == ["funnel"]

    def unknown_rep() -> None:
        raise InputError("--rep 'X' sold nothing in the period.")

    with pytest.raises(InputError):
        sections.run("html", unknown_rep)
    assert [f["section"] for f in sections.json()] == ["funnel"]


def test_customer_feedback_alone_is_usable(tmp_path: Path, capsys) -> None:
    # A call-centre log: scores without any deal still give customer satisfaction, so exit 0.
    rows = [
        ["Agent", "Date", "Satisfaction rating"],
        ["Jim", "2026-01-04", "5"],
        ["Jim", "2026-02-05", "4"],
        ["Martha", "2026-03-01", "3"],
    ]
    path = tmp_path / "satisfaction.csv"
    path.write_bytes(csv_bytes(rows))
    code, doc, err = analyze([str(path)], capsys)
    assert (code, err) == (0, "")
    assert doc["team"]["csat"] == pytest.approx((5 + 4 + 3) / 3)
