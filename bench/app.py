"""App benchmark: every page of the app on the 100k-deal workbook, driven by AppTest.

    PYTHONPATH=. .venv/bin/python -m bench.app          # --runs N, --profile PAGE, --teams

Uses `bench.ingest`'s seeded workbook (`bench/out/opportunities_100k.xlsx`, written when
missing). Each round starts a fresh AppTest of `streamlit_app.py` with every cache cleared,
opens it on the sample, then puts the workbook into the Upload page's file picker and times:

* the first page drawn after the upload (the Upload page, reading the file included);
* each page's first draw (in the sidebar's order, as someone clicking through) and its rerun
  with every cache warm (the script run again with nothing changed: what any click costs);
* a change of each main widget of a page (team, rep, KPI, span, period grain, period shown,
  language) to a value not shown before in that round.

Every figure is the best over `--runs` rounds (default 3; the machine is shared and noisy);
the CPU seconds of this process (all its threads) beside it show what a quiet machine takes.
Targets of issue 17: rerun ≤ 0.3 s for every page, widget change ≤ 0.3 s, first page drawn
after the upload ≤ 3 s (a page's first draw is informational). Prints one table with
PASS/MISS and writes `bench/out/app.json`. `--profile PAGE` (e.g. `pipeline`) cProfiles one
warm rerun of that page instead and prints the top 25 by cumulative time; `--profile
PAGE:WIDGET` (e.g. `rep_deep_dive:rep_pick`) the change of that widget. The workbook has no
team column (as the issue's figures); `--teams` uses a copy with its reps in 12 teams, so the
team pickers are timed too (`bench/out/app_teams.json`). `--uploads N` instead uploads N
different 100k-deal exports in a row in one session and prints the RSS after each (the caches
are bounded: it levels off; `bench/out/app_uploads.json`).

AppTest runs the script in its own thread, without a browser: the times are the server's
side of a click (script and protobufs), not the drawing of charts in the browser.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import pstats
import sys
import sysconfig
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.ingest import (
    OUT,
    ROOT,
    SEED,
    SHEET_NAME,
    Export,
    _machine,
    _memory_mb,
    deal_frame,
    ensure_export,
    write_xlsx,
)

APP_FILE = ROOT / "streamlit_app.py"
RESULTS = OUT / "app.json"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RERUN_TARGET = 0.3  # seconds: every page's rerun with warm caches
WIDGET_TARGET = 0.3  # seconds: a widget change
UPLOAD_TARGET = 3.0  # seconds: the first page drawn after the upload
PROFILE_TOP = 25
TIMEOUT = 300  # seconds AppTest waits for one run
TEAMS = 12  # --teams: the reps of the workbook in this many teams
PAGES = (  # streamlit_app.PAGES, in the sidebar's order
    "upload", "team_overview", "rep_deep_dive", "root_causes", "pipeline", "forecast",
    "changes", "customers", "team_health", "meeting",
)  # fmt: skip


@dataclass(frozen=True)
class Widget:
    """A widget timed on a page: its key, what it is in plain words, and its kind."""

    page: str
    key: str
    what: str
    kind: str = "selectbox"  # or "radio"


WIDGETS = (
    Widget("team_overview", "overview_team", "team"),
    Widget("team_overview", "overview_rep", "rep highlighted"),
    Widget("team_overview", "overview_trend_kpi", "KPI of the trend"),
    Widget("team_overview", "overview_board_kpi", "KPI of the leaderboard"),
    Widget("rep_deep_dive", "rep_pick", "rep"),
    Widget("rep_deep_dive", "deepdive_trend_kpi", "KPI of the trend"),
    Widget("root_causes", "rootcause_team", "team"),
    Widget("pipeline", "pipeline_team", "team"),
    Widget("pipeline", "funnel_rep", "rep of the funnel"),
    Widget("pipeline", "funnel_span", "periods of the funnel", "radio"),
    Widget("forecast", "forecast_by", "ranges by team or rep", "radio"),
    Widget("customers", "customers_team", "team"),
    Widget("team_overview", "period_pick", "period shown (sidebar)"),
    Widget("team_overview", "period_grain", "period grain (sidebar)", "radio"),
    Widget("team_overview", "ui_language", "language (sidebar)", "radio"),
)


def workbook(teams: bool) -> Path:
    """Return the 100k workbook of `bench.ingest` (written when missing); with `teams`, a copy
    with a Team column (each rep in one of `TEAMS` teams), so the team pickers can be timed."""
    export = Export("xlsx", 100_000)
    ensure_export(export, SEED, fresh=False)
    if not teams:
        return export.path
    path = export.path.with_name(export.path.stem + "_teams.xlsx")
    if not path.exists() or path.stat().st_mtime < export.path.stat().st_mtime:
        frame = deal_frame(100_000, SEED)
        reps = sorted(frame["Opportunity Owner"].unique())
        team_of = {rep: f"Team {1 + i % TEAMS:02d}" for i, rep in enumerate(reps)}
        frame.insert(1, "Team", frame["Opportunity Owner"].map(team_of))
        partial = path.with_name(path.name + ".partial")
        write_xlsx(frame, partial)
        partial.replace(path)
        print(f"  wrote {path.name} ({TEAMS} teams in sheet {SHEET_NAME})", flush=True)
    return path


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


@dataclass
class Results:
    """Every time measured, as lists over the rounds; the best counts."""

    upload: list[Timing] = field(default_factory=list)
    first: dict[str, list[Timing]] = field(default_factory=dict)
    rerun: dict[str, list[Timing]] = field(default_factory=dict)
    widgets: dict[Widget, list[Timing]] = field(default_factory=dict)
    skipped: dict[Widget, str] = field(default_factory=dict)
    peak_mb: float = 0.0

    def add(self, place: dict, key: Any, timing: Timing) -> None:
        """Add one measurement of `key` to `place`."""
        place.setdefault(key, []).append(timing)


# --------------------------------------------------------------------------------------------
# Driving the app


def _keep_navigation() -> None:
    """Keep AppTest on st.navigation after the first run (as tests/app/conftest.py does)."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init  # type: ignore[method-assign]


def _fresh_app() -> Any:
    """Return a new AppTest of the app, every cache cleared, run once (on the sample)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(APP_FILE), default_timeout=TIMEOUT)
    _checked(at.run(), "the sample")
    return at


def _checked(at: Any, what: str) -> Any:
    """Fail loudly when a run raised or a part of the page could not be worked out."""
    from analysis.words.catalogue import LANGUAGES, t

    if at.exception:
        raise RuntimeError(f"{what}: {at.exception[0].value}")
    failed = {t("sections.failed", lang) for lang in LANGUAGES}
    if [w for w in at.warning if w.value in failed]:
        print(f"  note: a part of {what} could not be worked out", flush=True)
    return at


Timing = tuple[float, float]  # seconds: wall clock, and CPU of this process (every thread)


def _timed(run: Callable[[], Any], what: str) -> Timing:
    start, cpu = time.perf_counter(), time.process_time()
    at = run()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    _checked(at, what)
    return seconds, cpu


def _upload(at: Any, path: Path) -> Timing:
    """Put the workbook into the Upload page's file picker; return the seconds of that run."""
    data = path.read_bytes()
    uploader = at.file_uploader(key="upload_file")
    return _timed(lambda: uploader.set_value((path.name, data, XLSX_MIME)).run(), "the upload")


def _find(at: Any, widget: Widget) -> Any | None:
    """Return the widget on the page drawn last, or None when the page does not show it."""
    found = [w for w in getattr(at, widget.kind) if w.key == widget.key]
    return found[0] if found else None


def _value_at(shown: Any, index: int) -> Any:
    """Return the value behind the widget's option at `index` (options are formatted labels)."""
    from analysis.kpis.registry import KPIS
    from analysis.pipeline.views import FUNNEL_SPANS
    from analysis.words.catalogue import LANGUAGES

    label = shown.options[index]
    pool = [*shown.options, *KPIS, *LANGUAGES, "Quarter", "Month", "team", "rep"]
    pool += [n for spans in FUNNEL_SPANS.values() for n in spans]
    for value in pool:
        try:
            if str(shown.format_func(value)) == label:
                return value
        except (KeyError, TypeError, ValueError):
            continue
    raise LookupError(f"no value for option {label!r} of {shown.key}")


def _change(at: Any, widget: Widget, round_: int) -> Timing | str:
    """Change the widget to an option not picked before in this round; return the seconds
    of that run (or why it could not be changed)."""
    shown = _find(at, widget)
    if shown is None:
        return "not on the page"
    if len(shown.options) < 2:
        return "only one option"
    now = shown.index or 0
    index = next(i for i in range(1, len(shown.options)) if i != now)
    if widget.kind == "selectbox" and len(shown.options) > 2 + round_:
        index = next(i for i in range(1 + round_, len(shown.options)) if i != now)
    value = _value_at(shown, index)
    return _timed(lambda: shown.set_value(value).run(), f"{widget.page}: {widget.key}")


def _round(path: Path, results: Results, round_: int) -> None:
    """One round: a fresh app, the upload, every page's first draw and rerun, the widgets."""
    at = _fresh_app()
    timing = _upload(at, path)
    results.upload.append(timing)
    print(f"  first page after the upload {timing[0]:.2f} s", flush=True)
    for page in PAGES:
        first = _timed(lambda p=page: at.switch_page(f"pages/{p}.py").run(), page)
        rerun = _timed(at.run, page)
        results.add(results.first, page, first)
        results.add(results.rerun, page, rerun)
        print(f"  {page:<15} first {first[0]:6.2f} s   rerun {rerun[0]:6.2f} s", flush=True)
    for widget in WIDGETS:
        _timed(lambda w=widget: at.switch_page(f"pages/{w.page}.py").run(), widget.page)
        outcome = _change(at, widget, round_)
        if isinstance(outcome, str):
            results.skipped[widget] = outcome
            continue
        results.add(results.widgets, widget, outcome)
        print(f"  {widget.page:<15} {widget.what:<28} {outcome[0]:6.2f} s", flush=True)
    results.peak_mb = max(results.peak_mb, _memory_mb("VmHWM"))


# --------------------------------------------------------------------------------------------
# Memory over many different uploads in a row (the caches are bounded)

UPLOAD_PAGES = ("team_overview", "rep_deep_dive", "pipeline")


def uploads_in_a_row(count: int, rows: int) -> list[dict[str, float]]:
    """Upload `count` different exports of `rows` deals one after the other in one session
    (each a CSV of another seed), open the pages that cache the most, and return the process's
    RSS after each; the caches' entries are bounded, so it levels off."""
    at = _fresh_app()
    out = [{"upload": 0, "rss_mb": round(_memory_mb("VmRSS")), "seconds": 0.0}]  # the sample
    print(f"  on the sample: RSS {out[0]['rss_mb']:,} MB", flush=True)
    for n in range(count):
        data = deal_frame(rows, SEED + 1 + n).to_csv(index=False).encode("utf-8")
        deal_frame.cache_clear()
        start = time.perf_counter()
        at.file_uploader(key="upload_file").set_value((f"export_{n + 1}.csv", data, "text/csv"))
        _checked(at.run(), f"upload {n + 1}")
        for page in UPLOAD_PAGES:
            _checked(at.switch_page(f"pages/{page}.py").run(), page)
        at.switch_page("pages/upload.py").run()
        rss = _memory_mb("VmRSS")
        out.append({"upload": n + 1, "rss_mb": round(rss), "seconds": time.perf_counter() - start})
        print(f"  upload {n + 1:>2}: RSS {rss:,.0f} MB", flush=True)
    return out


# --------------------------------------------------------------------------------------------
# Profiling one page's rerun (the script runs in AppTest's own thread)


@contextmanager
def _profiled(profiler: cProfile.Profile) -> Iterator[None]:
    """Profile the script thread of every AppTest run inside this block."""
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    original = LocalScriptRunner._run_script_thread

    def run(self: LocalScriptRunner) -> None:
        profiler.runcall(original, self)

    LocalScriptRunner._run_script_thread = run  # type: ignore[method-assign]
    try:
        yield
    finally:
        LocalScriptRunner._run_script_thread = original  # type: ignore[method-assign]


def profile_page(path: Path, target: str, top: int = PROFILE_TOP) -> str:
    """Return the top entries by cumulative time of one warm rerun of a page ("pipeline"), or
    of the change of one of its widgets ("rep_deep_dive:rep_pick", keys as in `WIDGETS`)."""
    page, _, key = target.partition(":")
    widget = next((w for w in WIDGETS if w.page == page and w.key == key), None)
    at = _fresh_app()
    _upload(at, path)
    _timed(lambda: at.switch_page(f"pages/{page}.py").run(), page)
    _timed(at.run, page)  # every cache warm, as in the table
    profiler = cProfile.Profile()
    with _profiled(profiler):
        outcome = _change(at, widget, 0) if widget else _timed(at.run, page)
    if isinstance(outcome, str):
        return f"{target}: {outcome}"
    what = f"the change of {widget.what} on {page}" if widget else f"one rerun of {page}"
    stream = io.StringIO()
    stream.write(f"cProfile of {what} ({outcome[0]:.2f} s), top {top} by cumulative\n")
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(top)
    text = stream.getvalue()
    for prefix in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["stdlib"], str(ROOT)}:
        text = text.replace(prefix + os.sep, "")
    return text


# --------------------------------------------------------------------------------------------
# Reporting


def rows(results: Results) -> list[dict[str, Any]]:
    """Return one row per figure: what, best seconds, target (None: informational), verdict."""
    out: list[dict[str, Any]] = []

    def row(what: str, times: list[Timing], target: float | None) -> None:
        best, cpu = min(w for w, _ in times), min(c for _, c in times)
        verdict = None if target is None else _verdict(best <= target)
        out.append({"what": what, "seconds": round(best, 3), "cpu_seconds": round(cpu, 3),
                    "all": [round(w, 3) for w, _ in times], "target": target,
                    "verdict": verdict})  # fmt: skip

    row("first page drawn after the 100k upload", results.upload, UPLOAD_TARGET)
    for page in PAGES:
        row(f"{page}: first draw", results.first[page], None)
        row(f"{page}: rerun, caches warm", results.rerun[page], RERUN_TARGET)
    for widget, times in results.widgets.items():
        row(f"{widget.page}: change of {widget.what}", times, WIDGET_TARGET)
    return out


def format_table(table: list[dict[str, Any]], skipped: dict[Widget, str]) -> str:
    """Return the rows as a fixed-width table with PASS/MISS next to each target."""
    head = f"{'what':<58}{'best s':>8}{'CPU s':>7}{'target':>9}  verdict"
    lines = [head, "-" * len(head)]
    for r in table:
        target = f"≤ {r['target']:g} s" if r["target"] is not None else "—"
        lines.append(f"{r['what']:<58}{r['seconds']:>8.2f}{r['cpu_seconds']:>7.2f}{target:>9}  "
                     f"{r['verdict'] or ''}")  # fmt: skip
    for widget, why in skipped.items():
        lines.append(f"{widget.page + ': change of ' + widget.what:<58}{'—':>8}{'':>16}  ({why})")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Return the command-line options."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.app",
        description="Time every page and main widget of the app on the 100k-deal workbook.",
    )
    parser.add_argument("--runs", type=int, default=3, help="rounds; the best counts (3)")
    profiles = [*PAGES, *(f"{w.page}:{w.key}" for w in WIDGETS)]
    parser.add_argument(
        "--profile",
        metavar="PAGE[:WIDGET]",
        choices=profiles,
        help="cProfile one warm rerun of PAGE, or the change of one of its widgets "
        "(e.g. rep_deep_dive:rep_pick)",
    )
    parser.add_argument(
        "--teams", action="store_true", help=f"the workbook with its reps in {TEAMS} teams"
    )
    parser.add_argument(
        "--uploads", type=int, metavar="N", help="instead: N different 100k uploads in a row, RSS"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or the profile of one page) and return the exit code."""
    args = parse_args(argv)
    path = workbook(args.teams)
    _keep_navigation()
    if args.profile:
        print(profile_page(path, args.profile))
        return 0
    if args.uploads:
        found = uploads_in_a_row(args.uploads, 100_000)
        out = RESULTS.with_name("app_uploads.json")
        out.write_text(json.dumps({"machine": _machine(), "uploads": found}, indent=2) + "\n")
        print(f"peak RSS {_memory_mb('VmHWM'):,.0f} MB; wrote {out.relative_to(ROOT)}")
        return 0
    results = Results()
    for round_ in range(args.runs):
        print(f"round {round_ + 1} of {args.runs}", flush=True)
        _round(path, results, round_)
    table = rows(results)
    print(f"\nBest of {args.runs} round(s), AppTest on {path.name}; targets of issue 17.\n")
    print(format_table(table, results.skipped))
    record = {
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": _machine(),
        "settings": {
            "runs": args.runs,
            "file": path.name,
            "targets": {
                "rerun_s": RERUN_TARGET,
                "widget_s": WIDGET_TARGET,
                "upload_first_page_s": UPLOAD_TARGET,
            },
        },
        "rows": table,
        "not_measured": {f"{w.page}: {w.key}": why for w, why in results.skipped.items()},
        "peak_mb": round(results.peak_mb),
    }
    out = RESULTS.with_name("app_teams.json") if args.teams else RESULTS
    out.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    print(f"\npeak RSS {results.peak_mb:,.0f} MB; wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
