"""The command line: JSON contract of the data-quality part, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from analysis.cli import main
from tests.builders import DEALS_HEADER, DEALS_ROWS, csv_bytes, encrypted_xlsx, xlsx, xml_bomb_xlsx

ROOT = Path(__file__).resolve().parents[3]


def test_analyze_writes_data_quality(tmp_path: Path, capsys) -> None:
    rows = [DEALS_HEADER, *DEALS_ROWS, ["Bob", "-5", "Closed Won", "2026-01-10", "2026-01-01"]]
    path = tmp_path / "deals.csv"
    path.write_bytes(csv_bytes(rows))
    assert main(["analyze", str(path), "--json", "-"]) == 0
    doc = json.loads(capsys.readouterr().out)
    quality = doc["data_quality"]
    # 4 rows read; Bob's negative amount is the only one set aside.
    assert quality["rows_read"] == 4
    assert quality["rows_set_aside"] == 1
    assert quality["sheets"][0]["reasons"] == {"negative amount": 1}
    assert any("negative amount" in issue for issue in quality["issues"])
    assert quality["tables"] == {"deals": 3}
    columns = quality["mappings"][0]["columns"]
    assert columns["Opportunity Owner"]["field"] == "rep"


GOOD = xlsx({"Deals": [DEALS_HEADER, *DEALS_ROWS]})


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.4 not a sheet", "is a PDF"),
        (b"", "is empty"),
        (GOOD[:500], "damaged"),
        (encrypted_xlsx(GOOD), "password-protected"),
        (xml_bomb_xlsx(GOOD), "unsafe"),
        (xlsx({"Deals": [DEALS_HEADER]}), "no data rows"),
    ],
)
def test_unreadable_input_exits_non_zero_with_one_line(
    tmp_path: Path, data: bytes, expected: str
) -> None:
    bad = tmp_path / "report.xlsx"
    bad.write_bytes(data)
    run = subprocess.run(
        [sys.executable, "-m", "analysis", "analyze", str(bad), "--json", "-"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.strip().count("\n") == 0
    assert expected in run.stderr
    assert "Traceback" not in run.stderr


def test_missing_file_is_a_clear_error(tmp_path: Path, capsys) -> None:
    assert main(["analyze", str(tmp_path / "nope.csv")]) == 2
    assert "cannot be opened" in capsys.readouterr().err


def test_analysis_does_not_import_streamlit() -> None:
    code = "import sys, analysis.cli, analysis.read.upload; print('streamlit' in sys.modules)"
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "False"


def test_analyze_fills_period_team_and_rep_kpis(tmp_path: Path, capsys) -> None:
    rows = [
        ["Deal ID", "Owner", "Amount", "Stage", "Close Date", "Created Date"],
        ["D1", "Anna", "1000", "Closed Won", "2026-01-11", "2026-01-01"],  # 10 days
        ["D2", "Anna", "2000", "Closed Won", "2026-01-21", "2026-01-01"],  # 20 days
        ["D3", "Anna", "700", "Closed Lost", "2026-02-01", "2026-01-05"],
        ["D4", "Bob", "500", "Closed Won", "2026-03-02", "2026-02-20"],  # 10 days
    ]
    path = tmp_path / "deals.csv"
    path.write_bytes(csv_bytes(rows))
    assert main(["analyze", str(path), "--current", "2026-Q1", "--json", "-"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["period"] == {
        "current": "2026-Q1",
        "previous": "2025-Q4",
        "granularity": "quarter",
        "partial": True,
        "note": doc["period"]["note"],
    }
    team = doc["team"]
    assert team["revenue"] == 3500.0  # 1000 + 2000 + 500
    assert team["win_rate"] == 0.75  # 3 won / (3 won + 1 lost)
    assert team["closed_deals"] == 4
    assert team["enps"] is None  # no survey uploaded
    anna, bob = doc["reps"]
    assert anna["rep"] == "Anna"
    assert anna["kpis"]["revenue"] == 3000.0
    assert anna["kpis"]["win_rate"] == pytest.approx(2 / 3)
    assert anna["kpis"]["avg_deal_size"] == 1500.0  # (1000 + 2000) / 2
    assert anna["kpis"]["cycle_days"] == 15.0  # median of 10 and 20 days
    assert anna["kpis"]["won_deals"] == 2
    assert isinstance(anna["kpis"]["closed_deals"], int)
    assert anna["kpis"]["activities"] is None  # no activities table
    assert anna["kpis"]["target_attainment"] is None  # no targets
    assert anna["status"] == "insufficient_data"  # one quarter of data: too early to judge
    assert bob["kpis"]["avg_deal_size"] == 500.0
    assert anna["root_causes"] == anna["weak_spots"] == []
    assert [c["source"] for c in anna["coaching"]] == ["insufficient_data"]
    assert "too early" in anna["note"]


def test_bad_current_period_is_one_line(tmp_path: Path, capsys) -> None:
    path = tmp_path / "deals.csv"
    path.write_bytes(csv_bytes([DEALS_HEADER, *DEALS_ROWS]))
    assert main(["analyze", str(path), "--current", "Q9-2026"]) == 2
    assert "--current" in capsys.readouterr().err


def test_analyze_gives_the_funnel(tmp_path: Path, capsys) -> None:
    rows = [
        ["Owner", "Amount", "Stage", "Close Date", "Created Date"],
        ["Anna", "1000", "Closed Won", "2026-01-11", "2026-01-01"],  # every stage
        ["Anna", "700", "Closed Lost", "2026-02-01", "2026-01-05"],  # the first stage only
        ["Anna", "900", "Negotiation", "2026-06-30", "2026-02-01"],  # up to Negotiation
        ["Bob", "500", "Qualification", "2026-06-30", "2026-03-02"],  # the first stage
    ]
    path = tmp_path / "deals.csv"
    path.write_bytes(csv_bytes(rows))
    assert main(["analyze", str(path), "--current", "2026-Q1", "--json", "-"]) == 0
    doc = json.loads(capsys.readouterr().out)
    funnel = doc["funnel"]
    assert funnel["stages"] == ["Qualification", "Negotiation", "Won"]
    assert "current stage" in funnel["note"]  # says it is an approximation
    assert funnel["reached"] == [4, 2, 1]  # 4 deals; Anna's won and Negotiation; the won one
    assert funnel["conversion"] == [0.5, 0.5, None]
    anna = doc["reps"][0]
    assert anna["funnel"] == {"reached": [3, 2, 1], "conversion": [2 / 3, 0.5, None]}


def test_analyze_writes_the_diagnosis_as_the_contract_names_it(capsys) -> None:
    sample = ROOT / "sample_data" / "salescope_sample.xlsx"
    assert main(["analyze", str(sample), "--json", "-"]) == 0
    doc = json.loads(capsys.readouterr().out)
    reps = {r["rep"]: r for r in doc["reps"]}
    emma = reps["Emma Smit"]
    assert emma["status"] == "flagged"
    (cause,) = emma["root_causes"]
    assert set(cause) >= {"code", "contribution", "confidence", "evidence"}
    assert cause["code"] == "falling_close_rate"
    assert cause["contribution"] < 0
    assert cause["confidence"] >= 0.99
    assert cause["evidence"].startswith("win rate ")
    spot = emma["weak_spots"][0]
    assert set(spot) >= {"kpi", "rep", "team", "confidence"}
    assert spot["kpi"] == "win_rate"
    assert spot["rep"] < spot["team"]
    assert all(set(c) >= {"action", "because"} for c in emma["coaching"])
    assert any("Anna de Vries" in c["action"] for c in emma["coaching"])
    assert reps["Mila Peters"]["status"] == "insufficient_data"
    assert reps["Mila Peters"]["root_causes"] == []
    assert reps["Anna de Vries"]["status"] == "ok"
    bridge = doc["diagnosis"]["team"]["bridge"]
    cents = round(sum(p["contribution"] for p in bridge["parts"]) * 100)
    assert cents == round(bridge["after"] * 100) - round(bridge["before"] * 100)
    south = next(t for t in doc["diagnosis"]["teams"] if t["team"] == "South")
    assert south["bridge"]["after"] < south["bridge"]["before"]
    assert any(s["source"] == "team_enps" for s in doc["diagnosis"]["coaching"])


def test_analyze_gives_the_open_pipeline_and_the_plan(tmp_path: Path, capsys) -> None:
    deals = [
        ["Owner", "Amount", "Stage", "Close Date", "Created Date"],
        ["Anna", "1000", "Closed Won", "2026-03-31", "2026-01-01"],  # the data ends 31 March
        ["Anna", "2000", "Negotiation", "2026-03-15", "2026-02-01"],  # open, 16 days overdue
        ["Anna", "3000", "Qualification", "2026-05-30", "2026-03-02"],  # open, due in Q2
        ["Bob", "500", "Closed Lost", "2026-02-10", "2026-01-05"],
    ]
    (tmp_path / "deals.csv").write_bytes(csv_bytes(deals))
    targets = [["Owner", "Quarter", "Target"], ["Anna", "2026-Q2", "6000"]]
    (tmp_path / "targets.csv").write_bytes(csv_bytes(targets))
    paths = [str(tmp_path / "deals.csv"), str(tmp_path / "targets.csv")]
    assert main(["analyze", *paths, "--json", "-"]) == 0
    doc = json.loads(capsys.readouterr().out)
    pipeline = doc["pipeline"]
    assert pipeline["as_of"] == "2026-03-31"
    assert (pipeline["open_deals"], pipeline["open_value"]) == (2, 5000.0)
    assert (pipeline["slipped_deals"], pipeline["slipped_value"]) == (1, 2000.0)
    assert pipeline["plan"]["period"] == "2026-Q2"
    anna = next(r for r in doc["reps"] if r["rep"] == "Anna")
    plan = anna["pipeline"]["plan"]
    # Anna won 1 of 1, Bob 0 of 1: win rates shrunk to 2/3 and 1/3 (prior of 2 deals at 50%);
    # her deal size €1,000 (everyone's too). Open due by 30 June €5,000 × 2/3 = €3,333.33;
    # €6,000 − €3,333.33 = €2,666.67 uncovered → 3 wins → 3 ÷ 2/3 = 4.5 → 5 new deals.
    assert plan["win_rate"] == pytest.approx(2 / 3, abs=1e-4)
    assert plan["expected_from_open"] == pytest.approx(3333.33)
    assert plan["gap"] == pytest.approx(2666.67)
    assert (plan["won_deals_needed"], plan["new_deals_needed"]) == (3, 5)
    bob = next(r for r in doc["reps"] if r["rep"] == "Bob")
    assert bob["pipeline"]["plan"] is None  # no target


def test_analyze_writes_an_offline_html_report(tmp_path: Path, capsys) -> None:
    out = tmp_path / "review.html"
    sample = ROOT / "sample_data" / "salescope_sample.xlsx"
    assert (
        main(["analyze", str(sample), "--json", str(tmp_path / "a.json"), "--html", str(out)]) == 0
    )
    page = out.read_text(encoding="utf-8")
    assert "Sales review, 2026-Q3" in page
    assert "https://" not in page
    assert "<script" not in page


def test_an_unwritable_report_is_one_line(tmp_path: Path, capsys) -> None:
    sample = ROOT / "sample_data" / "salescope_sample.xlsx"
    missing = tmp_path / "no" / "such" / "dir" / "r.html"
    assert main(["analyze", str(sample), "--html", str(missing)]) == 2
    assert capsys.readouterr().err.startswith("salescope: the report cannot be written")


def test_analyze_writes_the_workbook(tmp_path: Path) -> None:
    out = tmp_path / "review.xlsx"
    sample = ROOT / "sample_data" / "salescope_sample.xlsx"
    assert (
        main(["analyze", str(sample), "--json", str(tmp_path / "a.json"), "--xlsx", str(out)]) == 0
    )
    book = openpyxl.load_workbook(out, read_only=True)
    assert {"Summary", "KPIs per rep", "Root causes", "Coaching plan"} <= set(book.sheetnames)


def test_analyze_writes_a_reps_pack_in_dutch_as_html_and_pdf(tmp_path: Path) -> None:
    sample = ROOT / "sample_data" / "salescope_sample.xlsx"
    html, pdf = tmp_path / "emma.html", tmp_path / "emma.pdf"
    argv = ["analyze", str(sample), "--json", str(tmp_path / "a.json"), "--rep", "Emma Smit"]
    assert main([*argv, "--lang", "nl", "--html", str(html), "--pdf", str(pdf)]) == 0
    page = html.read_text(encoding="utf-8")
    assert "Eén-op-één: Emma Smit, 2026-Q3" in page
    assert "Dalende winratio" in page  # the pack's findings are Dutch …
    doc = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    emma = next(r for r in doc["reps"] if r["rep"] == "Emma Smit")
    assert emma["root_causes"][0]["evidence"].startswith("win rate ")  # … the JSON stays English
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Emma Smit" in text
    assert "Coachingplan" in text


def test_an_unknown_rep_is_one_line_and_writes_nothing(tmp_path: Path, capsys) -> None:
    sample = ROOT / "sample_data" / "salescope_sample.xlsx"
    out = tmp_path / "pack.html"
    assert main(["analyze", str(sample), "--rep", "Nobody", "--html", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("salescope: --rep: no rep called 'Nobody' in the period. Reps: ")
    assert "Emma Smit" in err
    assert not out.exists()


def test_a_rep_asked_by_part_of_the_name_gets_the_closest_names(tmp_path: Path, capsys) -> None:
    sample = ROOT / "sample_data" / "salescope_sample.xlsx"
    out = tmp_path / "pack.html"
    assert main(["analyze", str(sample), "--rep", "Emma", "--html", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "salescope: --rep: no rep called 'Emma' in the period. Did you mean: Emma Smit?"
    assert main(["analyze", str(sample), "--rep", "Sophie Boss", "--html", str(out)]) == 2
    assert capsys.readouterr().err.strip().endswith("Did you mean: Sophie Bos?")
    assert not out.exists()


def test_without_json_a_person_reads_a_summary(tmp_path: Path, capsys) -> None:
    # The sample's planted problems (sample_data/README.md): Daan Visser less activity then
    # fewer new deals, Emma Smit a falling win rate, Lucas Vos slower lead response, Noah Meijer
    # smaller deals, Sem Jansen fewer new deals, Sophie Bos a slower cycle. 2026-Q3: revenue
    # €2,070,648 of a €2,310,000 target (90%); 264 open deals worth €4.46M on 30 Sep 2026.
    sample = ROOT / "sample_data" / "salescope_sample.xlsx"
    html = tmp_path / "review.html"
    assert main(["analyze", str(sample), "--html", str(html)]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert shown[0] == "Salescope · 2026-Q3, compared with 2026-Q2 · salescope_sample.xlsx"
    assert shown[1] == "Team revenue €2,070,648 of €2,310,000 target (90%)."
    assert shown[2] == "Reps who need attention (6):"
    assert (
        shown[3] == "  - Daan Visser: Less activity, Fewer new deals"
    )  # activity explains (item 6)
    assert shown[4:9] == [
        "  - Emma Smit: Falling win rate", "  - Lucas Vos: Slower lead response",
        "  - Noah Meijer: Smaller deals", "  - Sem Jansen: Fewer new deals",
        "  - Sophie Bos: Slower sales cycle",
    ]  # fmt: skip
    assert shown[9].startswith("Open pipeline €4.46M in 264 deals; ")
    assert shown[10].startswith("Forecast 2026-Q4: Likely €")  # the period ahead
    assert shown[11] == f"Written: {html}"
    assert "--json" in shown[12]
    assert len("\n".join(shown)) < 1_000  # not 63 KB of JSON in a terminal
    assert main(["analyze", str(sample), "--lang", "nl"]) == 0
    dutch = capsys.readouterr().out
    assert "Omzet van het team €\u00a02.070.648 van €\u00a02.310.000 target (90%)." in dutch
    assert "  - Emma Smit: Dalende winratio" in dutch
    assert "Prognose 2026-Q4: Waarschijnlijk €" in dutch
