"""A JSON-only run imports only what it uses (issue 17, item 2), and writes the same JSON.

The command runs in a fresh Python process, so what it imported is what `sys.modules` holds
at its end: no Altair, vl-convert or reportlab (about two seconds of imports) unless a report
file is asked for.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import analysis.render.html
import analysis.render.pdf
import analysis.render.workbook  # noqa: F401  (the in-process run below has every renderer loaded)
from analysis.cli import analyze

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "sample_data" / "salescope_sample.xlsx"
REPORTS_ONLY = ("altair", "vl_convert", "reportlab")
CHILD = """
import json, runpy, sys
watched = set(sys.argv[3:])
sys.argv = ["analysis", "analyze", sys.argv[1], "--json", sys.argv[2]]
try:
    runpy.run_module("analysis", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    code = exc.code
loaded = lambda: sorted({m.split(".")[0] for m in sys.modules} & watched)
after_run = loaded()
import analysis.render.html  # the check can see a report's imports: they do load when asked
print(json.dumps({"code": code, "after_run": after_run, "with_html": loaded()}))
"""


def test_a_json_run_imports_no_report_renderer_and_writes_the_same_json(tmp_path: Path) -> None:
    out = tmp_path / "sample.json"
    argv = [sys.executable, "-c", CHILD, str(SAMPLE), str(out), *REPORTS_ONLY]
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    child = json.loads(proc.stdout.strip().splitlines()[-1])
    assert child["code"] == 0
    assert child["after_run"] == []
    assert child["with_html"] == ["altair", "vl_convert"]
    doc = json.loads(out.read_text(encoding="utf-8"))
    # The sample's planted facts (sample_data/README.md): 2026-Q3 revenue €2,070,648 of a
    # €2,310,000 target; six reps flagged; 264 open deals on 30 September 2026.
    assert doc["period"]["current"] == "2026-Q3"
    assert round(doc["team"]["revenue"]) == 2_070_648
    flagged = sorted(r["rep"] for r in doc["reps"] if r["status"] == "flagged")
    assert flagged == ["Daan Visser", "Emma Smit", "Lucas Vos", "Noah Meijer", "Sem Jansen",
                       "Sophie Bos"]  # fmt: skip
    assert doc["pipeline"]["open_deals"] == 264
    # The same document as a run in a process where every renderer is loaded (as before).
    assert doc == json.loads(json.dumps(analyze([SAMPLE]), ensure_ascii=False, default=str))
