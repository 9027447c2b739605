"""Load test: many browser sessions at once, each with its own upload, clicking every page.

    .venv/bin/python -m bench.load                 # 10 sessions, then 20 uploads in a row
    .venv/bin/python -m bench.load --sessions 3 --uploads 0

Starts its own server (`streamlit run`), warms it up with one session on the sample and then
reads its resident memory (VmRSS): that is where it starts. Then N sessions at once in one
headless Chromium (Debian's), each uploading a different copy of the sample whose reps carry
the session's own surname, each opening every page in turn. A session fails when a page shows
an error or the name of a rep that is not its own. After the sessions close (the server
forgets a closed session after `--server.disconnectedSessionTTL`) the memory is read again.
With `--uploads K` one session after another uploads a different 100,000-deal CSV (the
Salesforce-like deals of `bench.ingest`, one seed each) and opens Team overview, Rep
deep-dive and Pipeline; the memory is read after each: the caches are bounded, so it levels
off. tests/e2e/test_load_sessions.py runs a small version.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.words.catalogue import t
from ui.memory import TRIM_SECONDS

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(__file__).resolve().with_name("out")
SAMPLE = ROOT / "sample_data" / "salescope_sample.xlsx"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-sync"]  # fmt: skip
# one surname per session: none of them is a surname of the sample's reps
SURNAMES = ("Brouwer", "Dekker", "Evers", "Gerritsen", "Hoekstra", "Jacobs", "Kuipers",
            "Maas", "Prins", "Ruiter", "Schouten", "Timmer", "Verhoeven", "Wouters", "Zwart",
            "Koster", "Lammers", "Nijhuis", "Postma", "Roos")  # fmt: skip
PAGES = (("team_overview", "overview.title"), ("rep_deep_dive", "deepdive.title"),
         ("root_causes", "rootcauses.title"), ("pipeline", "pipeline.title"),
         ("forecast", "forecast.title"), ("changes", "changes.title"),
         ("customers", "customers.title"), ("team_health", "health.title"),
         ("meeting", "meeting.title"), ("upload", "nav.upload"))  # fmt: skip
# each of the uploads in a row opens the pages that keep the most (as bench.app's)
UPLOAD_PAGES = tuple(p for p in PAGES if p[0] in ("team_overview", "rep_deep_dive", "pipeline"))
REP_COLUMNS = ("Sales Rep", "Lead Owner")
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
SETTLED = "document.querySelectorAll(\"[data-testid='stSkeleton']\").length === 0"
ERRORS = "[data-testid='stException']"
PAGE_TIMEOUT = 180_000  # ms: ten sessions share two cores
TARGET_P95 = 10.0  # s per page with ten sessions at once on two cores
TARGET_MEMORY = 1.2  # the server's memory after the sessions end, against where it started


def rss_mb(pid: int) -> float:
    """Return a process's resident memory in MB (VmRSS of /proc/PID/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextmanager
def server(
    *options: str, env: dict[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Start the app with `streamlit run` on a free port; yield its URL once it answers."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    args = ["--server.headless", "true", "--server.port", str(port),
            "--browser.gatherUsageStats", "false", *options]  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError("streamlit did not start within 60 s") from None
                time.sleep(0.3)
        yield url, proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def sample_sheets() -> dict[str, pd.DataFrame]:
    """Return the sample workbook's sheets."""
    return pd.read_excel(SAMPLE, sheet_name=None, engine="calamine")


def rep_names(sheets: dict[str, pd.DataFrame]) -> list[str]:
    """Return the sample's rep names."""
    return sorted(set(sheets["Reps"]["Sales Rep"]))


def renamed(name: str, surname: str) -> str:
    """Return a rep's name with the session's surname: 'Anna de Vries' → 'Anna Brouwer'."""
    return f"{name.split(' ')[0]} {surname}"


def session_workbook(sheets: dict[str, pd.DataFrame], surname: str) -> bytes:
    """Return the sample as an .xlsx whose reps all carry this surname."""
    names = {n: renamed(n, surname) for n in rep_names(sheets)}
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        for title, frame in sheets.items():
            frame = frame.copy()
            for column in REP_COLUMNS:
                if column in frame:
                    frame[column] = frame[column].replace(names)
            frame.to_excel(writer, sheet_name=title, index=False)
    return buffer.getvalue()


@dataclass
class Visit:
    """One session's walk: each page's name and seconds, and what went wrong."""

    surname: str
    seconds: dict[str, float] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


async def _idle(tab: object) -> None:
    await tab.wait_for_selector(IDLE, timeout=PAGE_TIMEOUT)  # type: ignore[attr-defined]
    await tab.wait_for_function(SETTLED, timeout=PAGE_TIMEOUT)  # type: ignore[attr-defined]


async def _walk(browser: object, url: str, path: Path | None, visit: Visit, own: list[str],
                foreign: list[str], pages: tuple[tuple[str, str], ...]) -> None:  # fmt: skip
    """Open the app, upload the session's file and open the pages, noting times and problems."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    tab = await context.new_page()
    tab.set_default_timeout(PAGE_TIMEOUT)
    try:
        await tab.goto(url)
        await _idle(tab)
        if path is not None:
            start = time.perf_counter()
            await tab.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(
                str(path)
            )
            # read: the mapping lists its sheets ("name › Deals — 3,031 rows", a CSV "name — …"),
            # not only the picker its name
            read = f"{path.name} —" if path.suffix == ".csv" else f"{path.name} ›"
            await tab.get_by_text(read).first.wait_for()
            await _idle(tab)
            visit.seconds["upload"] = time.perf_counter() - start
        links = tab.locator("[data-testid='stSidebarNav'] a")
        seen_own = False
        for nav, title in pages:
            name = t(f"nav.{nav}", "en")
            start = time.perf_counter()
            await links.filter(has_text=name).first.click()
            await tab.get_by_role("heading", name=t(title, "en")).first.wait_for()
            await _idle(tab)
            visit.seconds[name] = time.perf_counter() - start
            text = await tab.locator("[data-testid='stMain']").inner_text()
            if await tab.locator(ERRORS).count():
                visit.problems.append(f"{name}: an error is shown")
            visit.problems += [f"{name}: shows {n!r}" for n in foreign if n in text]
            seen_own = seen_own or any(n in text for n in own)
        if own and not seen_own:
            visit.problems.append("none of its own reps is shown on any page")
    except Exception as error:  # a timeout or a lost page: the session failed, say how
        visit.problems.append(f"{type(error).__name__}: {str(error).splitlines()[0]}")
    finally:
        await context.close()


async def _sessions(
    url: str,
    jobs: list[tuple[Path | None, Visit, list[str], list[str]]],
    pages: tuple[tuple[str, str], ...] = PAGES,
) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        await asyncio.gather(*(_walk(browser, url, *job, pages) for job in jobs))
        await browser.close()


def _drive(walks: Coroutine[Any, Any, None]) -> None:
    """Run the sessions on an event loop of their own, in a thread: a caller may be inside one
    already (pytest's synchronous Playwright keeps a loop on the main thread)."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, walks).result()


class Peak:
    """Follow a process's resident memory in the background and keep its highest value."""

    def __init__(self, pid: int) -> None:
        self.pid, self.mb, self._stop = pid, rss_mb(pid), threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.25):
            self.mb = max(self.mb, rss_mb(self.pid))

    def stop(self) -> float:
        """Stop following; return the highest resident memory seen, in MB."""
        self._stop.set()
        self._thread.join()
        return self.mb


@dataclass
class LoadResult:
    """What a load run measured."""

    sessions: list[Visit]
    start_mb: float
    peak_mb: float
    end_mb: float
    uploads_mb: list[float] = field(default_factory=list)

    @property
    def page_seconds(self) -> list[float]:
        """Return every page time of every session."""
        return [s for v in self.sessions for page, s in v.seconds.items() if page != "upload"]

    @property
    def p95(self) -> float:
        """Return the 95th percentile of the page times."""
        times = sorted(self.page_seconds)
        return statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]


def settle(pid: int, forget: float) -> float:
    """Wait until the server has forgotten closed sessions (after `forget` seconds) and given
    their memory back (ui/memory.py, within a trim's time after); return its memory in MB."""
    time.sleep(forget + 1 + TRIM_SECONDS + 2)
    return rss_mb(pid)


def run_load(
    sessions: int,
    folder: Path,
    uploads: int = 0,
    forget: int = 5,
    sheets: tuple[str, ...] = (),
    pages: tuple[tuple[str, str], ...] = PAGES,
) -> LoadResult:
    """Run the load test: warm up, N sessions at once, then K uploads in a row (see the top).

    The server forgets a closed session after `forget` seconds, and with it the results of its
    upload (kept in the session's own cache; the sample's are shared and stay). Its memory is
    read after a session on the sample, before the sessions, and again once they are forgotten
    and the next visitor has seen the sample. `sheets`: only these sheets of the sample (all
    when empty); `pages`: the pages each session opens (`PAGES`: all).
    """
    folder.mkdir(parents=True, exist_ok=True)
    sheets = {k: v for k, v in sample_sheets().items() if k in sheets or not sheets}
    reps = rep_names(sheets)
    paths = []
    for surname in SURNAMES[:sessions]:
        path = folder / f"export_{surname.lower()}.xlsx"
        path.write_bytes(session_workbook(sheets, surname))  # type: ignore[arg-type]
        paths.append(path)
    options = ("--server.disconnectedSessionTTL", str(forget))
    with server(*options) as (url, proc):
        _drive(_sessions(url, [(None, Visit("sample"), [], [])], pages))  # warm-up on the sample
        start = settle(proc.pid, forget)
        peak = Peak(proc.pid)
        visits, jobs = [], []
        for surname, path in zip(SURNAMES, paths, strict=False):
            own = [renamed(n, surname) for n in reps]
            others = [renamed(n, s) for s in SURNAMES[:sessions] if s != surname for n in reps]
            visits.append(Visit(surname))
            jobs.append((path, visits[-1], own, others + reps))
        _drive(
            _sessions(url, jobs, pages)
        )  # their tabs closed: the server forgets them after `forget`
        settle(proc.pid, forget)  # and with them their uploads' results (ui/loads.py)
        _drive(_sessions(url, [(None, Visit("sample"), [], [])], pages))  # the next visitor
        end = settle(proc.pid, forget)
        result = LoadResult(visits, start, peak.stop(), end)
        for k in range(uploads):
            result.uploads_mb.append(_one_upload(url, proc.pid, folder, k))
    return result


def _one_upload(url: str, pid: int, folder: Path, seed: int) -> float:
    """Upload one 100,000-deal CSV in a fresh session; return the server's memory after it."""
    from bench.ingest import deal_frame, write_csv

    path = folder / f"deals_100k_{seed}.csv"
    if not path.exists():
        write_csv(deal_frame(100_000, 1000 + seed), path)
    visit = Visit(f"upload {seed}")
    _drive(_sessions(url, [(path, visit, [], [])], UPLOAD_PAGES))
    if visit.problems:
        print(f"  upload {seed + 1}: {'; '.join(visit.problems)}")
    return rss_mb(pid)


def report(result: LoadResult) -> dict[str, object]:
    """Print the load run's table; return its figures (also written to bench/out/load.json)."""
    failed = [f"{v.surname}: {p}" for v in result.sessions for p in v.problems]
    ratio = result.end_mb / result.start_mb
    n = len(result.sessions)
    targets = [
        _target(f"{n} sessions at once: sessions with a problem", f"{len(failed)}", "0",
                not failed),
        _target(f"{n} sessions at once: page time p95", f"{result.p95:.1f} s",
                f"≤ {TARGET_P95:.0f} s", result.p95 <= TARGET_P95),
        _target("server memory after the sessions, against before",
                f"{result.start_mb:.0f} → {result.end_mb:.0f} MB ({ratio:.2f}×)",
                f"≤ {TARGET_MEMORY}×", ratio <= TARGET_MEMORY),
    ]  # fmt: skip
    if result.uploads_mb:
        growth = result.uploads_mb[-1] / result.uploads_mb[len(result.uploads_mb) // 2]
        targets.append(_target(
            f"memory after {len(result.uploads_mb)} uploads in a row: last against halfway",
            f"{result.uploads_mb[len(result.uploads_mb) // 2]:.0f} → {result.uploads_mb[-1]:.0f} MB",
            "≤ 1.2×", growth <= 1.2))  # fmt: skip
    for row in targets:
        print(f"{row['what']:<62} {row['figure']:<22} {row['target']:<8} {row['verdict']}")
    print(f"page time median {statistics.median(result.page_seconds):.1f} s; "
          f"server memory peak {result.peak_mb:.0f} MB")  # fmt: skip
    if result.uploads_mb:
        print("memory after each upload (MB): " + ", ".join(f"{m:.0f}" for m in result.uploads_mb))
    for line in failed:
        print("  " + line)
    return {
        "targets": targets,
        "problems": failed,
        "pages": {v.surname: v.seconds for v in result.sessions},
        "memory_mb": {"start": result.start_mb, "peak": result.peak_mb, "end": result.end_mb},
        "uploads_mb": result.uploads_mb,
    }


def _target(what: str, figure: str, target: str, ok: bool) -> dict[str, str]:
    return {"what": what, "figure": figure, "target": target, "verdict": "PASS" if ok else "MISS"}


def main() -> None:
    """Run the load test and print its table (see the module's text)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--uploads", type=int, default=20, help="uploads in a row afterwards")
    args = parser.parse_args()
    if not 1 <= args.sessions <= len(SURNAMES):
        parser.error(f"--sessions must be 1 to {len(SURNAMES)}")
    result = run_load(args.sessions, OUT / "load", args.uploads)
    figures = report(result)
    OUT.mkdir(exist_ok=True)
    (OUT / "load.json").write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
