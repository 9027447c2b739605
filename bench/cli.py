"""Command-line benchmark (issue 17): `analyze` from process start against fastexcel's bare parse.

    .venv/bin/python -m bench.cli                # best of 3; --runs N, --skip-csv, --profile

It uses the seeded exports of `bench.ingest` (`bench/out/opportunities_100k.xlsx` and
`opportunities_1m.csv`, written when missing or stale) and measures, each run in a fresh child
process, wall clock and CPU (user + sys: what a quiet machine would take):

* (a) fastexcel's bare parse of the 100k workbook, as `bench.ingest` times it (imports and
  the file's bytes loaded before the timer);
* (b) `python -m analysis analyze FILE --json OUT` of the workbook, from process start to exit;
* (c) `import analysis.cli`, timed inside the process (and `import pandas` beside it: the floor);
* (d) `analyze` of the 1M-deal CSV from process start, with its peak RSS (VmHWM, the child's
  ru_maxrss from wait4);
* (e) the steps of one 100k analyze in one process: reading, KPIs and diagnosis, the JSON's
  per-rep parts (KPIs, funnel, diagnosis, pipeline of every rep), the forecast, the rest of
  the document and writing it.

It prints one table with the issue's targets and PASS/MISS (informational: the exit code is 0
either way) and writes `bench/out/cli.json`. `--profile` prints the top 25 cumulative entries
of a cProfile of the 100k analyze (and keeps `bench/out/cli_profile.prof`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.ingest import CASES, OUT, ROOT, SEED, Export, _machine, ensure_export

RESULTS = OUT / "cli.json"
PROFILE_FILE = OUT / "cli_profile.prof"
PROFILE_TOP = 25
XLSX, CSV = Export("xlsx", 100_000), Export("csv", 1_000_000)
TARGET_RATIO = 1.5  # analyze of the 100k workbook ≤ 1.5× the bare parse
TARGET_IMPORT = 0.4  # s to import analysis.cli
TARGET_PER_REP = 0.1  # s for the JSON's per-rep parts of the 100k analyze
TARGET_CSV = 5.0  # s for analyze of the 1M CSV
TARGET_PEAK_MB = 1200.0  # peak RSS of that run
IMPORT_CODE = """
import json, sys, time
wall, cpu = time.perf_counter(), time.process_time()
import {module}
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
heavy = {{"altair", "vl_convert", "reportlab", "sklearn", "scipy.stats", "xlsxwriter"}}
loaded = sorted(m for m in heavy if m in sys.modules)
print(json.dumps({{"wall": wall, "cpu": cpu, "loaded": loaded}}))
"""

# --------------------------------------------------------------------------------------------
# Children: each prints one JSON line


def _clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> dict[str, float]:
    return {"wall": time.perf_counter() - start[0], "cpu": time.process_time() - start[1]}


def child_parse(path: Path) -> dict[str, Any]:
    """Return the wall and CPU seconds of fastexcel's bare parse (bench.ingest's case)."""
    run = CASES["fastexcel"].prepare(path)
    start = _clocks()
    rows = run()["rows"]
    return {**_since(start), "rows": rows}


def _timed(spent: dict[str, float], name: str, call: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return call(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.process_time() - start

    return timed


def child_steps(path: Path) -> dict[str, Any]:
    """Return the CPU seconds of each step of one analyze (wall beside the per-rep parts)."""
    import analysis.cli as cli
    from analysis.pipeline.planning import falling_rates, plan
    from analysis.pipeline.snapshot import snapshot
    from analysis.render import json_contract as J
    from analysis.render.forecast_json import forecast_json

    spent: dict[str, float] = {}
    cli.kpi_table = _timed(spent, "kpis", cli.kpi_table)
    cli.find = _timed(spent, "diagnosis", cli.find)
    start = _clocks()
    result = cli.run([path])
    spent["read"] = _since(start)["cpu"] - spent["kpis"] - spent["diagnosis"]
    data, table, spec, period = result.data, result.table, result.spec, result.choice.current
    if table is None or period is None:
        raise BenchError(f"{path.name}: no KPI table or no period to report on")
    names = [r["rep"] for r in J.kpis_json(table, period)[1]]
    start = _clocks()
    snap = snapshot(data)
    recent = falling_rates(result.findings.diagnoses) if result.findings else {}
    planned = plan(data, table, spec, result.choice, snap, recent)
    spent["snapshot_and_plan"] = _since(start)["cpu"]
    per_rep = {
        "kpis_json": lambda: J.kpis_json(table, period),
        "funnel_json": lambda: J.funnel_json(data, spec, period, names),
        "diagnosis_json": lambda: J.diagnosis_json(result.findings, names),
        "pipeline_parts": lambda: J.pipeline_parts(snap, planned, names),
    }
    parts = {}
    for name, call in per_rep.items():  # best of 3 in this process
        runs = []
        for _ in range(3):
            start = _clocks()
            call()
            runs.append(_since(start))
        parts[name] = {"wall": min(r["wall"] for r in runs), "cpu": min(r["cpu"] for r in runs)}
    start = _clocks()
    fc = result.forecast()
    spent["forecast"] = _since(start)["cpu"]
    start = _clocks()
    forecast_json(fc, data.currency)
    spent["forecast_json"] = _since(start)["cpu"]
    start = _clocks()
    doc = cli.document(result)  # every section again, the forecast kept
    spent["document"] = _since(start)["cpu"]  # every JSON section but the (kept) forecast
    start = _clocks()
    with open(os.devnull, "w", encoding="utf-8") as out:
        J.write_document(doc, out)
    spent["write_json"] = _since(start)["cpu"]
    method = None if fc is None else f"{fc.method} ({len(fc.deals):,} open deals)"
    steps = {
        k: spent[k] for k in ("read", "kpis", "diagnosis", "forecast", "document", "write_json")
    }
    of_document = {k: spent[k] for k in ("snapshot_and_plan", "forecast_json")}
    return {"steps_cpu": steps, "of_document_cpu": of_document, "per_rep": parts,
            "reps": len(names), "forecast": method}  # fmt: skip


def child_profile(path: Path) -> dict[str, Any]:
    """Profile one analyze of the file in this process; return the top entries as text."""
    import cProfile
    import io
    import pstats

    from analysis.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        profiler = cProfile.Profile()
        profiler.runcall(main, ["analyze", str(path), "--json", str(Path(tmp) / "out.json")])
    profiler.dump_stats(PROFILE_FILE)
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(PROFILE_TOP)
    text = stream.getvalue()
    for prefix in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["stdlib"], str(ROOT)}:
        text = text.replace(prefix + os.sep, "")
    return {"text": text}


CHILDREN = {"parse": child_parse, "steps": child_steps, "profile": child_profile}

# --------------------------------------------------------------------------------------------
# Measuring


class BenchError(RuntimeError):
    """A child process failed."""


@dataclass
class Runs:
    """The runs of one measurement: wall and CPU seconds and peak MB, best (lowest) counts."""

    name: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)

    def best(self, what: str = "wall") -> float:
        """Return the lowest figure of the runs."""
        return min(getattr(self, what))

    def record(self) -> dict[str, Any]:
        """Return the runs as plain data for cli.json."""
        out: dict[str, Any] = {"wall_s": [round(s, 3) for s in self.wall]}
        out["cpu_s"] = [round(s, 3) for s in self.cpu]
        if self.peak_mb:
            out["peak_mb"] = [round(m) for m in self.peak_mb]
        return out


def _spawn(argv: list[str]) -> tuple[float, float, float, str, str]:
    """Run a process to its end; return its wall and CPU seconds, peak MB, stdout and stderr."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=ROOT, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own CPU and peak RSS
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode not in (0, 3):  # 3: written, a section failed (the JSON says which)
        raise BenchError(f"{' '.join(argv[1:4])} failed ({proc.returncode}):\n{stderr[-3000:]}")
    peak_mb = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return wall, usage.ru_utime + usage.ru_stime, peak_mb, stdout, stderr


def child(kind: str, path: Path) -> dict[str, Any]:
    """Run one child measurement (`--child KIND PATH`) and return what it printed."""
    _, _, _, stdout, _ = _spawn([sys.executable, "-m", "bench.cli", "--child", kind, str(path)])
    return json.loads(stdout.strip().splitlines()[-1])


def measure_parse(path: Path, runs: int) -> Runs:
    """Return the bare parse's runs, each in a fresh process."""
    out = Runs("parse")
    for _ in range(runs):
        found = child("parse", path)
        out.wall.append(found["wall"])
        out.cpu.append(found["cpu"])
    return out


def measure_analyze(path: Path, runs: int) -> Runs:
    """Return the runs of `python -m analysis analyze FILE --json OUT`, from process start."""
    out = Runs(f"analyze {path.name}")
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            argv = [sys.executable, "-m", "analysis", "analyze", str(path), "--json",
                    str(Path(tmp) / "out.json")]  # fmt: skip
            wall, cpu, peak, _, _ = _spawn(argv)
            out.wall.append(wall), out.cpu.append(cpu), out.peak_mb.append(peak)
            print(f"    {out.name} run {i + 1}/{runs}: {wall:6.2f} s, CPU {cpu:6.2f} s, "
                  f"peak {peak:,.0f} MB", flush=True)  # fmt: skip
    return out


def measure_import(module: str, runs: int) -> tuple[Runs, list[str]]:
    """Return the runs of importing a module in a fresh process, and the heavy modules it
    loaded (Altair, vl-convert, reportlab, scikit-learn, scipy.stats, xlsxwriter)."""
    out, loaded = Runs(f"import {module}"), []
    for _ in range(runs):
        _, _, _, stdout, _ = _spawn([sys.executable, "-c", IMPORT_CODE.format(module=module)])
        found = json.loads(stdout.strip().splitlines()[-1])
        out.wall.append(found["wall"]), out.cpu.append(found["cpu"])
        loaded = found["loaded"]
    return out, loaded


# --------------------------------------------------------------------------------------------
# Reporting


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


@dataclass(frozen=True)
class Target:
    """One target of the issue's table: what, the figure (wall; CPU beside it), goal, verdict."""

    what: str
    figure: str
    cpu: str
    goal: str
    ok: bool

    def record(self) -> dict[str, Any]:
        """Return the target as plain data for cli.json."""
        return {"figure": self.figure, "cpu": self.cpu, "goal": self.goal,
                "verdict": _verdict(self.ok)}  # fmt: skip


def targets(found: dict[str, Any]) -> list[Target]:
    """Return the issue's targets measured in this run (a skipped measurement: left out)."""
    parse, xlsx, imported = found["parse"], found["analyze_xlsx"], found["import_cli"]
    ratio, cpu_ratio = xlsx.best() / parse.best(), xlsx.best("cpu") / parse.best("cpu")
    out = [
        Target("analyze 100k .xlsx, start to JSON ÷ bare fastexcel parse",
               f"{xlsx.best():.2f} s ÷ {parse.best():.2f} s = {ratio:.2f}×",
               f"{xlsx.best('cpu'):.2f} ÷ {parse.best('cpu'):.2f} = {cpu_ratio:.2f}×",
               f"≤ {TARGET_RATIO}×", ratio <= TARGET_RATIO),
        Target("  of which: import analysis.cli", f"{imported.best():.2f} s",
               f"{imported.best('cpu'):.2f} s", f"≤ {TARGET_IMPORT} s",
               imported.best() <= TARGET_IMPORT),
    ]  # fmt: skip
    per_rep = found["steps"]["per_rep"]
    wall, cpu = (sum(p[k] for p in per_rep.values()) for k in ("wall", "cpu"))
    out.append(Target("  of which: the JSON's per-rep parts", f"{wall:.3f} s", f"{cpu:.3f} s",
                      f"≤ {TARGET_PER_REP} s", wall <= TARGET_PER_REP))  # fmt: skip
    if "analyze_csv" in found:
        csv = found["analyze_csv"]
        out.append(Target("analyze 1M .csv, start to JSON", f"{csv.best():.1f} s",
                          f"{csv.best('cpu'):.1f} s", f"≤ {TARGET_CSV:.0f} s",
                          csv.best() <= TARGET_CSV))  # fmt: skip
        peak = min(csv.peak_mb)
        out.append(Target("  its peak RSS (VmHWM)", f"{peak:,.0f} MB", "", f"≤ {TARGET_PEAK_MB:,.0f} MB",
                          peak <= TARGET_PEAK_MB))  # fmt: skip
    return out


def format_table(found: dict[str, Any], runs: int) -> str:
    """Return the targets with their figures and verdicts, and where the 100k analyze goes."""
    rows = targets(found)
    head = f"{'target':<60}{'figure (wall)':<34}{'CPU':<22}{'goal':<12}"
    lines = [head, "-" * (len(head) + 4)]
    lines += [f"{t.what:<60}{t.figure:<34}{t.cpu:<22}{t.goal:<12}{_verdict(t.ok)}" for t in rows]
    steps, pandas = found["steps"], found["import_pandas"]
    lines.append(
        f"\nBest of {runs} runs, each in a fresh process. import pandas alone (the floor of the "
        f"import): {pandas.best():.2f} s, CPU {pandas.best('cpu'):.2f} s; analysis.cli loads "
        f"{', '.join(found['import_loaded']) or 'none'} of Altair, vl-convert, reportlab, "
        "scikit-learn, scipy.stats, xlsxwriter."
    )
    lines.append(f"\nWhere one 100k analyze goes (CPU s, one process; {steps['reps']} reps; "
                 f"forecast: {steps['forecast']}):")  # fmt: skip
    lines += [f"  {name:<32}{cpu:7.2f}" for name, cpu in steps["steps_cpu"].items()]
    lines += [f"    of document: {k:<17}{v:7.2f}" for k, v in steps["of_document_cpu"].items()]
    lines += [f"    of document: {k:<17}{p['cpu']:7.3f}" for k, p in steps["per_rep"].items()]
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Return the command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bench.cli", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement; the best counts")
    parser.add_argument("--skip-csv", action="store_true", help="leave out the 1M CSV (minutes)")
    parser.add_argument("--profile", action="store_true",
                        help=f"print the top {PROFILE_TOP} cumulative entries of the 100k analyze")  # fmt: skip
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def run_all(runs: int, skip_csv: bool) -> dict[str, Any]:
    """Measure everything (each run in a fresh process) and return the runs by name."""
    found: dict[str, Any] = {}
    print(f"{XLSX.name}: bare parse, analyze, steps; import analysis.cli and pandas", flush=True)
    found["parse"] = measure_parse(XLSX.path, runs)
    found["analyze_xlsx"] = measure_analyze(XLSX.path, runs)
    found["import_cli"], found["import_loaded"] = measure_import("analysis.cli", runs)
    found["import_pandas"], _ = measure_import("pandas", runs)
    found["steps"] = child("steps", XLSX.path)
    if not skip_csv:
        print(f"{CSV.name}: analyze", flush=True)
        found["analyze_csv"] = measure_analyze(CSV.path, runs)
    return found


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or, with --child, one measurement) and return the exit code."""
    args = parse_args(argv)
    if args.child:
        print(json.dumps(CHILDREN[args.child[0]](Path(args.child[1]))))
        return 0
    for export in (XLSX,) if args.skip_csv else (XLSX, CSV):
        ensure_export(export, SEED, fresh=False)
    found = run_all(args.runs, args.skip_csv)
    print("\n" + format_table(found, args.runs))
    record = {
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": _machine(),
        "settings": {
            "runs": args.runs,
            "seed": SEED,
            "xlsx": XLSX.name,
            "csv": None if args.skip_csv else CSV.name,
        },
        "targets": {t.what.strip(): t.record() for t in targets(found)},
        "runs": {k: v.record() for k, v in found.items() if isinstance(v, Runs)},
        "steps_100k": found["steps"],
        "import_loaded": found["import_loaded"],
    }
    if args.profile:
        print(f"\ncProfile of analyze {XLSX.name} (top {PROFILE_TOP} by cumulative time)")
        print(child("profile", XLSX.path)["text"])
        record["profile"] = str(PROFILE_FILE.relative_to(ROOT))
    RESULTS.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
