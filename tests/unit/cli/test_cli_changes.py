"""`--previous` and the `changes` key: two tiny exports a week apart with one deal in each
category (tests/export_pair.py), the flow and the moves worked out by hand; exit codes, an
earlier export that cannot be read, and a comparison that fails."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.render.summary import summary
from tests import export_pair as P
from tests.builders import boom, csv_bytes, xlsx


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    return P.write_pair(tmp_path)


TARGETS = [["Rep", "Quarter", "Target"], ["Anna", "2026-Q3", 5000]]  # an export without deals


def analyze(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict, str]:
    code = main(["analyze", *argv, "--json", "-"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else {}), err


def _parts(flow: list[dict]) -> list[tuple[str, int, float]]:
    return [(p["part"], p["count"], p["value"]) for p in flow]


@pytest.fixture(scope="module")
def changes(tmp_path_factory: pytest.TempPathFactory) -> dict:
    earlier, later = P.write_pair(tmp_path_factory.mktemp("pair"))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["analyze", str(later), "--previous", str(earlier), "--json", "-"])
    doc = json.loads(out.getvalue())
    assert (code, err.getvalue(), doc["errors"]) == (0, "", [])
    return doc["changes"]


def test_the_two_exports_and_how_deals_were_matched(changes: dict) -> None:
    assert (changes["from"], changes["to"], changes["period"]) == ("2026-07-10", "2026-07-17",
                                                                   "2026-Q3")  # fmt: skip
    assert (changes["matched_by"], changes["matched"], changes["unmatched"]) == ("id", 11, 0)
    assert changes["currency_changed"] is False


def test_each_deal_gets_its_one_category(changes: dict) -> None:
    moved = {d["deal_id"]: d["category"] for d in changes["deals"]}
    assert moved == {k: v for k, v in P.CATEGORY.items() if v != "unchanged"}
    order = [d["category"] for d in changes["deals"]]
    assert order == ["new", "won", "lost", "reopened", "vanished", "pushed_out", "pulled_in",
                     "amount_up", "amount_down", "stage_forward", "stage_back",
                     "owner_changed"]  # fmt: skip


def test_a_deal_before_and_after(changes: dict) -> None:
    deals = {d["deal_id"]: d for d in changes["deals"]}
    assert deals["D6"]["before"] == {"stage": "Negotiation", "amount": 600.0, "close": "2026-09-15",
                                     "status": "open", "rep": "Bram", "currency": None}  # fmt: skip
    assert deals["D6"]["after"]["close"] == "2026-10-15"
    assert (deals["D2"]["before"]["status"], deals["D2"]["after"]["status"]) == ("open", "won")
    assert (deals["D12"]["before"]["rep"], deals["D12"]["after"]["rep"]) == ("Anna", "Bram")
    assert (deals["D12"]["rep"], deals["D12"]["team"]) == ("Bram", "South")
    assert deals["D1"]["before"] is None  # new: not in the earlier export
    assert deals["D5"]["after"] is None  # gone: not in the later one
    assert (deals["D5"]["rep"], deals["D5"]["before"]["amount"]) == ("Anna", 500.05)


def test_the_flow_of_the_period_to_the_cent(changes: dict) -> None:
    assert _parts(changes["flow"]) == P.FLOW
    cents = [round(p["value"] * 100) for p in changes["flow"]]
    assert cents[0] + sum(cents[1:-1]) == cents[-1]  # 1,280,129 − 424,910 = 855,219


def test_the_flow_per_rep_and_team(changes: dict) -> None:
    reps = {r["rep"]: r for r in changes["reps"]}
    assert set(reps) == {"Anna", "Bram"}
    assert _parts(reps["Anna"]["flow"]) == P.ANNA_FLOW
    assert _parts(reps["Bram"]["flow"]) == P.BRAM_FLOW
    assert (reps["Anna"]["team"], reps["Bram"]["team"]) == ("North", "South")
    teams = {t["team"]: _parts(t["flow"]) for t in changes["teams"]}
    assert teams == {"North": P.ANNA_FLOW, "South": P.BRAM_FLOW}  # one rep per team


def test_each_reps_moves(changes: dict) -> None:
    reps = {r["rep"]: r["moves"] for r in changes["reps"]}
    anna = {k: v for k, v in reps["Anna"].items() if v}
    bram = {k: v for k, v in reps["Bram"].items() if v}
    assert anna == dict.fromkeys(["new", "won", "vanished", "pulled_in", "amount_up",
                                  "stage_forward", "unchanged"], 1)  # fmt: skip
    assert bram == dict.fromkeys(["lost", "reopened", "pushed_out", "amount_down", "stage_back",
                                  "owner_changed"], 1)  # fmt: skip
    assert len(reps["Anna"]) == 14  # every category, zero or not


def test_the_findings_and_the_trend(changes: dict) -> None:
    found = {f["code"]: f for f in changes["findings"]}
    assert set(found) == {"new_pipeline", "cut"}  # one push and one step back: below the bar
    assert (found["new_pipeline"]["count"], found["new_pipeline"]["value"]) == (1, 1000.10)
    assert found["new_pipeline"]["share"] is None  # two exports: no usual week to compare
    cut = found["cut"]
    assert (cut["rep"], cut["deal"], cut["before"], cut["after"]) == ("Bram", "Deal 9", 900.99,
                                                                      450.49)  # fmt: skip
    assert cut["value"] == 450.50
    assert cut["share"] == 0.5  # 450.50 of 900.99
    assert cut["text"] == "Deal 9 (Bram) was cut from 901 to 450, 50% less."
    assert changes["trend"] == [{"from": "2026-07-10", "to": "2026-07-17", "days": 7,
                                 "new_count": 1, "new_value": 1000.10, "pushed_count": 1,
                                 "pushed_value": 600.00}]  # fmt: skip


def test_a_folder_of_weekly_exports_gives_the_trend(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, later = P.write_pair(tmp_path)  # the folder holds the later export too: left out
    first = [row for row in P.EARLIER if row[0] != "D13"]  # a week before: D13 not created yet
    (tmp_path / "crm_2026-07-03.csv").write_bytes(csv_bytes(P.rows(first)))
    (tmp_path / ".~lock.crm.csv#").write_bytes(b"lock")  # hidden: not an export
    code, doc, _ = analyze([str(later), "--previous", str(tmp_path)], capsys)
    assert code == 0
    trend = doc["changes"]["trend"]
    assert [(t["from"], t["to"], t["new_count"]) for t in trend] == [
        ("2026-06-20", "2026-07-10", 1),  # the first ends when D4 was lost; D13 is new after
        ("2026-07-10", "2026-07-17", 1),
    ]
    assert _parts(doc["changes"]["flow"]) == P.FLOW  # the last two are compared


def test_without_previous_changes_is_null(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, doc, _ = analyze([str(pair[1])], capsys)
    assert (code, doc["changes"], doc["errors"]) == (0, None, [])


@pytest.mark.parametrize(
    ("name", "body", "says"),
    [
        ("broken.xlsx", b"PK\x03\x04 not really a workbook", "broken.xlsx"),
        ("empty.csv", b"", "empty.csv"),
        ("targets.xlsx", xlsx({"Targets": TARGETS}), "no deals"),
    ],
)
def test_an_earlier_export_that_cannot_be_used_is_exit_2(
    pair: tuple[Path, Path], tmp_path: Path, capsys, name: str, body: bytes, says: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(body)
    code, doc, err = analyze([str(pair[1]), "--previous", str(pair[0]), str(bad)], capsys)
    assert (code, doc) == (2, {})
    (line,) = err.strip().splitlines()
    assert line.startswith(f"salescope: --previous {bad}: ")
    assert says in line
    assert "Traceback" not in err


def test_a_missing_earlier_export_is_exit_2(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = analyze([str(pair[1]), "--previous", str(tmp_path / "gone.csv")], capsys)
    assert code == 2
    assert "gone.csv cannot be opened" in err


@pytest.mark.parametrize("target", ["analysis.cli.compare", "analysis.cli.changes_json"])
def test_a_failing_comparison_is_null_listed_and_the_rest_is_written(
    pair: tuple[Path, Path], tmp_path: Path, capsys, monkeypatch, target: str
) -> None:
    monkeypatch.setattr(target, boom)
    html, book = tmp_path / "r.html", tmp_path / "r.xlsx"
    argv = [str(pair[1]), "--previous", str(pair[0]), "--html", str(html), "--xlsx", str(book)]
    code, doc, err = analyze(argv, capsys)
    assert code == 3
    assert doc["changes"] is None
    assert [e["section"] for e in doc["errors"]] == ["changes"]
    assert "ValueError" in doc["errors"][0]["message"]
    assert err.strip().splitlines() == [f"salescope: changes {doc['errors'][0]['message']}"]
    assert doc["data_quality"]["rows_read"] == 12  # the rest is there
    assert book.exists()
    page = html.read_text(encoding="utf-8")
    if target.endswith("compare"):  # the review's section says it could not be worked out
        assert "Since last meeting</h2>" in page
        assert "This part could not be worked out from this export." in page


def test_the_reports_have_what_changed(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html = tmp_path / "r.html"
    code, _, _ = analyze([str(pair[1]), "--previous", str(pair[0]), "--html", str(html)], capsys)
    assert code == 0
    page = html.read_text(encoding="utf-8")
    assert "Since last meeting</h2>" in page
    assert (
        "The export of 10 Jul 2026 compared with the export of 17 Jul 2026, 7 days later." in page
    )
    assert "Pipeline due in 2026-Q3: 12.8k at the earlier export, 8.55k now (−4.25k)." in page


def test_the_summary_says_what_changed(changes: dict) -> None:
    lines = summary({"changes": changes}, "EUR", []).splitlines()
    assert ("Since 10 Jul 2026: pipeline due in 2026-Q3 €12.8k → €8.55k (1 new, 1 pushed out, "
            "1 won, 1 lost).") in lines  # fmt: skip
    assert not [s for s in summary({"changes": None}, "EUR", []).splitlines() if "Since" in s]


def test_a_change_of_currency_is_reported_not_converted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def priced(deals: list[list[object]], currency: str) -> list[list[object]]:
        return [[*P.HEADER, "Currency"], *([*row, currency] for row in deals)]

    earlier, later = tmp_path / "eur.csv", tmp_path / "usd.xlsx"
    earlier.write_bytes(csv_bytes(priced(P.EARLIER, "EUR")))
    later.write_bytes(xlsx({"Deals": priced(P.LATER, "USD")}))
    code, doc, _ = analyze([str(later), "--previous", str(earlier)], capsys)
    assert code == 0
    changes = doc["changes"]
    assert changes["currency_changed"] is True
    assert changes["currencies"] == {"before": "EUR", "after": "USD"}
    moved = {d["deal_id"]: d["category"] for d in changes["deals"]}
    # Open in both and due in both: D8 to D13 changed currency (before amounts, stages, owners).
    assert {k for k, v in moved.items() if v == "currency_changed"} == {
        "D8", "D9", "D10", "D11", "D12", "D13"}  # fmt: skip
    flow = {part: (n, value) for part, n, value in _parts(changes["flow"])}
    assert flow["currency_changed"] == (6, -250.25)  # +200.25 − 450.50, amounts as they are
    assert (flow["start"], flow["end"]) == ((10, 12801.29), (9, 8552.19))
