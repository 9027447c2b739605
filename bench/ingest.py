"""Ingestion benchmark: Salescope's whole upload path against the raw readers it is built on.

`python -m bench.ingest` (or `make bench`) writes seeded CRM exports into `bench/out/` (a
100k-deal .xlsx and a 1M-deal CSV, kept between runs unless their parameters change or
`--fresh` is given) and then times, each run in a fresh child process so that the peak memory
(VmHWM) read at its end belongs to that one measurement:

* the raw parse: `fastexcel` for the workbook; `pd.read_csv` with default dtypes and with
  `dtype=str` for the CSV;
* our whole ingestion: `analysis.read.upload.read_files([(name, bytes)]).dataset()`: reading,
  recognising the sheet, parsing every mapped column, building the set-aside report;
* `pd.read_excel(engine="openpyxl")` on the workbook (one run: it is slow).

It prints a table with the targets of the issue (ours ≤ 1.5× the raw parse, ≥ 10× faster
than openpyxl; informational, the exit code is 0 either way) and writes
`bench/out/results.json`. `--profile` adds a cProfile of our ingestion of the CSV.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import platform
import pstats
import statistics
import subprocess
import sys
import sysconfig
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(__file__).resolve().with_name("out")
MANIFEST = OUT / "manifest.json"
RESULTS = OUT / "results.json"
PROFILE_FILE = OUT / "ingest_profile.prof"
GENERATOR_VERSION = 1  # bump when the generated data changes, so cached files are rewritten
SEED = 2026
TARGET_RATIO = 1.5  # ours ≤ 1.5× the raw parse
TARGET_SPEEDUP = 10.0  # ours ≥ 10× faster than pd.read_excel(engine="openpyxl")
PROFILE_TOP = 25
SHEET_NAME = "Opportunities"

# --------------------------------------------------------------------------------------------
# The generated export: a Salesforce-style opportunity report

REPS = 300
FIRST_NAMES = (
    "Anna", "Sem", "Lotte", "Finn", "Emma", "Noah", "Daan", "Julia", "Sophie", "Lucas", "Liam",
    "Mila", "Tess", "Bram", "Sara", "Jesse", "Eva", "Thijs", "Zoë", "Ruben", "James", "Olivia",
    "Oliver", "Amelia", "Jack", "Isla", "Harry", "Ava", "Jacob", "Grace", "Lukas", "Lena",
    "Felix", "Marie", "Paul", "Clara", "Hugo", "Chloé", "Louis", "Inès",
)  # fmt: skip
LAST_NAMES = (
    "de Vries", "Jansen", "Bakker", "Hendriks", "Smit", "Meijer", "Visser", "de Boer", "Bos",
    "Vos", "Mulder", "Peters", "van Dijk", "de Jong", "van den Berg", "Dekker", "Brouwer",
    "Dijkstra", "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
    "Evans", "Thomas", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Martin",
    "Bernard", "Dubois", "Laurent", "Lefèvre", "Janssens", "Claes",
)  # fmt: skip
ACCOUNT_FIRST = (
    "Noord", "Zuid", "West", "Oost", "Delta", "Alpha", "Atlas", "Polder", "Rijn", "Maas",
    "Holland", "Benelux", "Euro", "Global", "Nordic", "Vita", "Prima", "Nova", "Orion", "Vector",
    "Blue", "Green", "Silver", "Golden", "Royal", "United", "Central", "Metro", "Coastal",
    "Summit", "Pioneer", "Apex", "Zenith", "Horizon", "Crown", "Union", "Liberty", "Eagle",
    "Falcon", "Lion",
)  # fmt: skip
ACCOUNT_SECOND = (
    "Logistics", "Bouw", "Techniek", "Installaties", "Foods", "Retail", "Medical", "Pharma",
    "Energy", "Solar", "Software", "Systems", "Consulting", "Advies", "Transport", "Metaal",
    "Print", "Media", "Finance", "Vastgoed", "Zorg", "Hospitality", "Automotive", "Agri",
    "Chemicals", "Plastics", "Packaging", "Textiles", "Telecom", "Security", "Facility",
    "Engineering", "Marine", "Aviation", "Dairy", "Greenhouse", "Water", "Labs", "Robotics",
    "Interiors",
)  # fmt: skip
ACCOUNT_THIRD = (
    "", "Group", "Holding", "Partners", "Services", "Solutions", "International", "Nederland",
    "Europe", "& Co", "Industries", "Trading", "Works", "Company", "Projects", "Direct",
)  # fmt: skip
LEGAL_FORMS = ("B.V.", "N.V.", "GmbH", "Ltd", "Inc.", "BV", "SA", "")
STAGES = {
    "Closed Won": 0.28, "Closed Lost": 0.37, "Prospecting": 0.07, "Qualification": 0.06,
    "Needs Analysis": 0.05, "Id. Decision Makers": 0.03, "Proposal/Price Quote": 0.06,
    "Negotiation/Review": 0.05, "Perception Analysis": 0.03,
}  # fmt: skip
LEAD_SOURCES = {
    "Web": 0.30, "Partner Referral": 0.15, "Phone Inquiry": 0.12, "Trade Show": 0.10,
    "Purchased List": 0.08, "Employee Referral": 0.07, "Other": 0.08, "": 0.10,
}  # fmt: skip
PRODUCTS = {  # name: (share of deals, price relative to the rep's typical deal)
    "Core Platform": (0.22, 1.0), "Core Platform Plus": (0.12, 1.6), "Analytics Add-on": (0.10, 0.4),
    "Integration Pack": (0.08, 0.5), "Enterprise Suite": (0.06, 3.5), "Support Gold": (0.09, 0.3),
    "Support Silver": (0.08, 0.2), "Training": (0.07, 0.15), "Consulting Days": (0.08, 0.6),
    "Hardware Bundle": (0.05, 1.2), "Mobile Module": (0.03, 0.35), "Data Migration": (0.02, 0.8),
}  # fmt: skip
CREATED_FROM, CREATED_TO = np.datetime64("2023-01-02"), np.datetime64("2026-06-30")
BLANK_AMOUNT, BLANK_CLOSE, CLOSE_BEFORE_CREATED = 0.01, 0.002, 0.003  # set aside by ingestion
BASE62 = np.frombuffer(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", np.uint8)


def _distinct_combos(rng: np.random.Generator, n: int, *parts: tuple[str, ...]) -> np.ndarray:
    """Return n distinct names made of one word from each part (empty words are left out)."""
    sizes = [len(p) for p in parts]
    picks = rng.choice(int(np.prod(sizes)), size=n, replace=False)
    digits = np.stack(np.unravel_index(picks, sizes), axis=1)
    names = [
        " ".join(w for w in (p[i] for p, i in zip(parts, row, strict=True)) if w) for row in digits
    ]
    return np.array(names, dtype=object)


def _opportunity_ids(rng: np.random.Generator, n: int) -> np.ndarray:
    """Return n distinct 15-character Salesforce-style opportunity IDs ("0065g" + base62)."""
    offset = int(rng.integers(62**8, 62**9))
    values = offset + rng.permutation(n).astype(np.int64) * 7919  # distinct, not sequential
    powers = 62 ** np.arange(9, -1, -1, dtype=np.int64)
    chars = BASE62[(values[:, None] // powers) % 62]
    prefix = np.broadcast_to(np.frombuffer(b"0065g", np.uint8), (n, 5))
    raw = np.ascontiguousarray(np.hstack([prefix, chars])).view("S15").ravel()
    return raw.astype(str).astype(object)


@lru_cache(maxsize=2)
def deal_frame(rows: int, seed: int) -> pd.DataFrame:
    """Return `rows` seeded deals with the columns of a Salesforce opportunity report."""
    rng = np.random.default_rng(seed)
    reps = _distinct_combos(rng, REPS, FIRST_NAMES, LAST_NAMES)
    rep_share = rng.lognormal(0, 0.5, REPS)
    rep_size = rng.lognormal(np.log(14_000), 0.35, REPS)
    accounts = _distinct_combos(
        rng, max(500, rows // 5), ACCOUNT_FIRST, ACCOUNT_SECOND, ACCOUNT_THIRD, LEGAL_FORMS
    )
    account_share = rng.lognormal(0, 1.0, len(accounts))
    products = np.array(list(PRODUCTS), dtype=object)
    product_share, product_price = (np.array(v) for v in zip(*PRODUCTS.values(), strict=True))

    rep = rng.choice(REPS, size=rows, p=rep_share / rep_share.sum())
    account = rng.choice(len(accounts), size=rows, p=account_share / account_share.sum())
    product = rng.choice(len(products), size=rows, p=product_share / product_share.sum())
    amount = np.maximum(150.0, rep_size[rep] * product_price[product] * rng.lognormal(0, 0.6, rows))
    style = rng.random(rows)  # quoted round figures, whole euros, or discounted with cents
    amount = np.where(
        style < 0.6,
        np.round(amount, -2),
        np.where(style < 0.85, np.round(amount), np.round(amount * 0.9, 2)),
    )
    amount[rng.random(rows) < BLANK_AMOUNT] = np.nan

    days = int((CREATED_TO - CREATED_FROM).astype(int))
    created = CREATED_FROM + rng.integers(0, days, rows).astype("timedelta64[D]")
    cycle = np.clip(rng.lognormal(np.log(35), 0.7, rows), 1, 540).astype("timedelta64[D]")
    close = created + cycle
    early = rng.random(rows) < CLOSE_BEFORE_CREATED  # data-entry errors
    close[early] = created[early] - rng.integers(1, 90, int(early.sum())).astype("timedelta64[D]")
    close[rng.random(rows) < BLANK_CLOSE] = np.datetime64("NaT")

    stages = np.array(list(STAGES), dtype=object)
    stage = rng.choice(len(stages), size=rows, p=np.array(list(STAGES.values())))
    sources = np.array([s or None for s in LEAD_SOURCES], dtype=object)
    source = rng.choice(len(sources), size=rows, p=np.array(list(LEAD_SOURCES.values())))
    return pd.DataFrame(
        {
            "Opportunity Owner": reps[rep],
            "Account Name": accounts[account],
            "Opportunity ID": _opportunity_ids(rng, rows),
            "Stage": stages[stage],
            "Amount": amount,
            "Close Date": close.astype("datetime64[us]"),
            "Created Date": created.astype("datetime64[us]"),
            "Lead Source": sources[source],
            "Product": products[product],
        }
    )


def write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    """Write the deals as a formatted workbook with real Excel dates and numeric amounts."""
    # No constant_memory: it makes xlsxwriter write corrupt files with pandas.
    formats = {"date_format": "yyyy-mm-dd", "datetime_format": "yyyy-mm-dd"}
    with pd.ExcelWriter(path, engine="xlsxwriter", **formats) as writer:
        writer.book.set_properties({"created": dt.datetime(2026, 7, 1)})  # same bytes each run
        money = writer.book.add_format({"num_format": "#,##0.00"})
        frame.to_excel(writer, sheet_name=SHEET_NAME, index=False)
        sheet = writer.sheets[SHEET_NAME]
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(frame), len(frame.columns) - 1)
        for i, column in enumerate(frame.columns):
            sheet.set_column(i, i, max(len(column) + 2, 16), money if column == "Amount" else None)


def _dutch_amount(value: float) -> str:
    if np.isnan(value):
        return ""
    return "€ " + f"{value:,.2f}".translate(str.maketrans(",.", ".,"))


def write_csv(frame: pd.DataFrame, path: Path, dutch: bool = False) -> None:
    """Write the deals as CSV: plain `12500.00` and ISO dates, or Dutch `€ 12.500,00;14-03-2026`."""
    if not dutch:
        frame.to_csv(path, index=False, float_format="%.2f", date_format="%Y-%m-%d")
        return
    out = frame.copy()
    out["Amount"] = [_dutch_amount(v) for v in frame["Amount"].to_numpy()]
    for column in ("Close Date", "Created Date"):
        out[column] = frame[column].dt.strftime("%d-%m-%Y")
    out.to_csv(path, index=False, sep=";")


@dataclass(frozen=True)
class Export:
    """One generated export file: its format, number of deals and number style."""

    kind: str  # "xlsx" or "csv"
    rows: int
    dutch: bool = False

    @property
    def name(self) -> str:
        """Return the file name, e.g. opportunities_1m.csv."""
        if self.rows % 1_000_000 == 0:
            count = f"{self.rows // 1_000_000}m"
        elif self.rows % 1000 == 0:
            count = f"{self.rows // 1000}k"
        else:
            count = str(self.rows)
        return f"opportunities_{count}{'_nl' if self.dutch else ''}.{self.kind}"

    @property
    def path(self) -> Path:
        """Return where the file lives (under bench/out/)."""
        return OUT / self.name

    def params(self, seed: int) -> dict[str, object]:
        """Return what the file's content depends on, to decide whether a cached copy fits."""
        return {
            "kind": self.kind,
            "rows": self.rows,
            "dutch": self.dutch,
            "seed": seed,
            "generator": GENERATOR_VERSION,
        }


def ensure_export(export: Export, seed: int, fresh: bool) -> bool:
    """Write the export unless a cached copy with the same parameters exists; True if written."""
    OUT.mkdir(parents=True, exist_ok=True)
    manifest = json.loads(MANIFEST.read_text()) if MANIFEST.exists() else {}
    manifest = {name: entry for name, entry in manifest.items() if (OUT / name).exists()}
    wanted = export.params(seed)
    if (
        not fresh
        and export.path.exists()
        and manifest.get(export.name) == {**wanted, "bytes": export.path.stat().st_size}
    ):
        print(f"  cached {export.name}", flush=True)
        return False
    start = time.perf_counter()
    frame = deal_frame(export.rows, seed)
    partial = export.path.with_name(export.name + ".partial")
    if export.kind == "xlsx":
        write_xlsx(frame, partial)
    else:
        write_csv(frame, partial, export.dutch)
    partial.replace(export.path)  # never leave a half-written file under the real name
    manifest[export.name] = {**wanted, "bytes": export.path.stat().st_size}
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"  wrote {export.name} in {time.perf_counter() - start:.1f} s", flush=True)
    return True


# --------------------------------------------------------------------------------------------
# Measured cases; each runs in its own child process (`--child CASE PATH`)

Run = Callable[[], dict[str, int]]


def _csv_sep(path: Path) -> str:
    with path.open(encoding="utf-8") as fh:
        header = fh.readline()
    return ";" if header.count(";") > header.count(",") else ","


def _fastexcel(path: Path) -> Run:
    import fastexcel

    data = path.read_bytes()

    def run() -> dict[str, int]:
        return {"rows": len(fastexcel.read_excel(data).load_sheet(0).to_pandas())}

    return run


def _read_csv(path: Path, as_text: bool) -> Run:
    sep = _csv_sep(path)

    def run() -> dict[str, int]:
        frame = pd.read_csv(path, sep=sep, dtype=str) if as_text else pd.read_csv(path, sep=sep)
        return {"rows": len(frame)}

    return run


def _ours(path: Path) -> Run:
    import fastexcel  # noqa: F401  (analysis.read.ingest imports it lazily; keep imports out of timing)

    from analysis.model import schema as S
    from analysis.read.upload import read_files

    data = path.read_bytes()

    def run() -> dict[str, int]:
        upload = read_files([(path.name, data)])
        dataset = upload.dataset()
        deals = dataset.tables.get(S.DEALS)
        return {
            "rows": 0 if deals is None else len(deals),
            "set_aside": len(dataset.set_aside),
            "errors": len(upload.errors),
        }

    return run


def _openpyxl(path: Path) -> Run:
    import openpyxl  # noqa: F401

    def run() -> dict[str, int]:
        return {"rows": len(pd.read_excel(path, engine="openpyxl"))}

    return run


@dataclass(frozen=True)
class Case:
    """One measured way of reading a file: short name for the table, full call for the record."""

    short: str
    call: str
    prepare: Callable[[Path], Run]


CASES: dict[str, Case] = {
    "fastexcel": Case(
        "fastexcel", "fastexcel.read_excel(bytes).load_sheet(0).to_pandas()", _fastexcel
    ),
    "read_csv": Case("pd.read_csv", "pd.read_csv(path)", lambda p: _read_csv(p, as_text=False)),
    "read_csv_str": Case(
        "pd.read_csv(dtype=str)",
        "pd.read_csv(path, dtype=str)",
        lambda p: _read_csv(p, as_text=True),
    ),
    "ours": Case("ours", "read_files([(name, bytes)]).dataset()", _ours),
    "openpyxl": Case("openpyxl", "pd.read_excel(path, engine='openpyxl')", _openpyxl),
}


def _memory_mb(key: str) -> float:
    """Return VmHWM/VmRSS of this process in MB (ru_maxrss where /proc is missing)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)
    line = next(s for s in status.splitlines() if s.startswith(key + ":"))
    return int(line.split()[1]) / 1024


def run_child(case: str, path: Path) -> None:
    """Time one case on one file in this process and print the result as one JSON line."""
    run = CASES[case].prepare(path)
    before = _memory_mb("VmRSS")
    start = time.perf_counter()
    info = run()
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {"seconds": seconds, "peak_mb": _memory_mb("VmHWM"), "before_mb": before, **info}
        )
    )


# --------------------------------------------------------------------------------------------
# Measuring, reporting


class BenchError(RuntimeError):
    """A measured call failed in its child process."""


@dataclass
class Measurement:
    """The runs of one case on one file: times, peak memory and what was read."""

    case: str
    seconds: list[float] = field(default_factory=list)
    peak_mb: float = 0.0  # highest VmHWM of the child processes
    added_mb: float = 0.0  # highest VmHWM minus the RSS just before the call (file bytes loaded)
    info: dict[str, int] = field(default_factory=dict)

    @property
    def median(self) -> float:
        """Return the median time in seconds."""
        return statistics.median(self.seconds)

    def record(self) -> dict[str, object]:
        """Return the measurement as plain data for results.json."""
        return {
            "call": CASES[self.case].call,
            "median_s": round(self.median, 3),
            "runs_s": [round(s, 3) for s in self.seconds],
            "peak_mb": round(self.peak_mb, 1),
            "added_mb": round(self.added_mb, 1),
            **self.info,
        }


def measure(case: str, path: Path, runs: int) -> Measurement:
    """Return `runs` timings of one case on one file, each run in a fresh child process."""
    result = Measurement(case)
    for i in range(runs):
        proc = subprocess.run(
            [sys.executable, "-m", "bench.ingest", "--child", case, str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            raise BenchError(f"{case} on {path.name} failed:\n{proc.stderr[-3000:]}")
        child = json.loads(proc.stdout.strip().splitlines()[-1])
        result.seconds.append(child.pop("seconds"))
        peak, before = child.pop("peak_mb"), child.pop("before_mb")
        result.peak_mb = max(result.peak_mb, peak)
        result.added_mb = max(result.added_mb, peak - before)
        result.info = child
        print(
            f"    {CASES[case].short:<24} run {i + 1}/{runs}: {result.seconds[-1]:7.2f} s, "
            f"peak {peak:,.0f} MB",
            flush=True,
        )
    return result


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


@dataclass
class FileResult:
    """Everything measured on one file, with the ratios and targets derived from it."""

    export: Export
    size: int
    raws: list[str]  # the raw-parse cases, first one first
    found: dict[str, Measurement]
    errors: dict[str, str]

    def ratio(self, raw: str) -> float | None:
        """Return ours / raw parse (median times), None when either is missing."""
        if "ours" not in self.found or raw not in self.found:
            return None
        return self.found["ours"].median / self.found[raw].median

    def speedup(self) -> float | None:
        """Return how many times faster ours is than openpyxl, None when not measured."""
        if "ours" not in self.found or "openpyxl" not in self.found:
            return None
        return self.found["openpyxl"].median / self.found["ours"].median

    def targets(self) -> dict[str, str]:
        """Return PASS/MISS per target of the issue."""
        verdicts: dict[str, str] = {}
        for raw in self.raws:
            ratio = self.ratio(raw)
            if ratio is not None:
                key = f"ours ≤ {TARGET_RATIO}× {CASES[raw].short}"
                verdicts[key] = _verdict(ratio <= TARGET_RATIO)
        speedup = self.speedup()
        if speedup is not None:
            key = f"ours ≥ {TARGET_SPEEDUP:.0f}× faster than openpyxl"
            verdicts[key] = _verdict(speedup >= TARGET_SPEEDUP)
        return verdicts

    def summary_targets(self) -> list[dict[str, str]]:
        """Return each target as what, figure, target and verdict (bench/summary.py's rows)."""
        rows = []
        for raw in self.raws:
            ratio = self.ratio(raw)
            if ratio is not None:
                rows.append({
                    "what": f"reading {self.export.name} against {CASES[raw].short}",
                    "figure": f"{self.found['ours'].median:.2f} s vs "
                    f"{self.found[raw].median:.2f} s = {ratio:.2f}×",
                    "target": f"≤ {TARGET_RATIO}×",
                    "verdict": _verdict(ratio <= TARGET_RATIO),
                })  # fmt: skip
        return rows

    def record(self) -> dict[str, object]:
        """Return the result as plain data for results.json."""
        ratios = {raw: self.ratio(raw) for raw in self.raws}
        speedup = self.speedup()
        return {
            "file": self.export.name,
            "kind": self.export.kind,
            "dutch_format": self.export.dutch,
            "rows": self.export.rows,
            "bytes": self.size,
            "size_mb": round(self.size / 1024 / 1024, 1),
            "measurements": {case: m.record() for case, m in self.found.items()},
            "ratio_ours_raw": {k: round(v, 2) for k, v in ratios.items() if v is not None},
            "speedup_vs_openpyxl": None if speedup is None else round(speedup, 1),
            "targets": self.targets(),
            "errors": self.errors,
        }


def bench_export(export: Export, runs: int, skip_openpyxl: bool) -> FileResult:
    """Measure the raw parse(s), our ingestion and (xlsx) openpyxl on one file."""
    print(f"\n{export.name}", flush=True)
    raws = ["fastexcel"] if export.kind == "xlsx" else ["read_csv", "read_csv_str"]
    cases = [*raws, "ours"]
    if export.kind == "xlsx" and not skip_openpyxl:
        cases.append("openpyxl")
    found: dict[str, Measurement] = {}
    errors: dict[str, str] = {}
    for case in cases:
        try:
            found[case] = measure(case, export.path, 1 if case == "openpyxl" else runs)
        except BenchError as exc:
            print(f"    {exc}", flush=True)
            errors[case] = str(exc)
    return FileResult(export, export.path.stat().st_size, raws, found, errors)


def format_table(results: list[FileResult]) -> str:
    """Return the results as a fixed-width text table with PASS/MISS next to each target."""
    head = (
        f"{'file':<27}{'rows':>10}{'size':>10}  {'raw parse':<23}{'raw s':>7}{'ours s':>8}"
        f"{'ours/raw':>10}  {f'≤{TARGET_RATIO}×':<6}{'peak MB raw / ours':>19}"
    )
    lines = [head, "-" * len(head)]
    indent = " " * 49
    for result in results:
        ours = result.found.get("ours")
        for i, raw in enumerate(result.raws):
            size = f"{result.size / 1024 / 1024:.1f} MB"
            start = (
                f"{result.export.name:<27}{result.export.rows:>10,}{size:>10}  "
                if i == 0
                else indent
            )
            measured = result.found.get(raw)
            ratio = result.ratio(raw)
            if measured is None:
                lines.append(f"{start}{CASES[raw].short:<23}{'failed':>7}")
                continue
            ours_s = f"{ours.median:>8.2f}" if ours else f"{'failed':>8}"
            compared = (
                f"{ratio:>9.2f}×  {_verdict(ratio <= TARGET_RATIO):<6}" if ratio else " " * 18
            )
            memory = f"{measured.peak_mb:,.0f} / " + (f"{ours.peak_mb:,.0f}" if ours else "-")
            lines.append(
                f"{start}{CASES[raw].short:<23}{measured.median:>7.2f}{ours_s}{compared}{memory:>19}"
            )
        speedup = result.speedup()
        if speedup is not None:
            slow = result.found["openpyxl"].median
            lines.append(
                f"{indent}openpyxl: pd.read_excel {slow:.1f} s; ours is {speedup:.1f}× faster "
                f"(target ≥ {TARGET_SPEEDUP:.0f}×): {_verdict(speedup >= TARGET_SPEEDUP)}"
            )
    return "\n".join(lines)


def profile_ours(path: Path, top: int = PROFILE_TOP) -> str:
    """Profile our whole ingestion of one file once; return the top entries by cumulative time."""
    from analysis.read.upload import read_files

    data = path.read_bytes()
    profiler = cProfile.Profile()
    profiler.enable()
    read_files([(path.name, data)]).dataset()
    profiler.disable()
    profiler.dump_stats(PROFILE_FILE)
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stats.sort_stats("cumulative").print_stats(top)
    stream.write(f"Top 10 by own time; full profile: {PROFILE_FILE.relative_to(ROOT)}\n")
    stats.sort_stats("tottime").print_stats(10)
    # Shorten paths but keep the folder, so analysis/read/ingest.py and pandas/io/... stay apart.
    text = stream.getvalue()
    for prefix in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["stdlib"], str(ROOT)}:
        text = text.replace(prefix + os.sep, "")
    return text


def _machine() -> dict[str, object]:
    versions = {}
    for package in ("pandas", "numpy", "pyarrow", "fastexcel", "openpyxl", "xlsxwriter"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "packages": versions,
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Return the command-line options."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.ingest",
        description="Time Salescope's whole ingestion against the raw readers (see bench/README.md).",
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per measurement; the median counts (3)"
    )
    parser.add_argument(
        "--xlsx-rows", type=int, default=100_000, help="deals in the workbook (100000)"
    )
    parser.add_argument(
        "--csv-rows", type=int, default=1_000_000, help="deals in the CSV (1000000)"
    )
    parser.add_argument(
        "--seed", type=int, default=SEED, help=f"seed of the generated data ({SEED})"
    )
    parser.add_argument("--fresh", action="store_true", help="regenerate the files even if cached")
    parser.add_argument("--skip-openpyxl", action="store_true", help="skip pd.read_excel(openpyxl)")
    parser.add_argument(
        "--dutch",
        action="store_true",
        help="also measure a Dutch-formatted CSV (';', € 12.500,00, 14-03-2026) of --csv-rows deals",
    )
    parser.add_argument(
        "--profile", action="store_true", help="cProfile our ingestion of the CSV once"
    )
    parser.add_argument("--child", nargs=2, metavar=("CASE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or, with --child, one measurement) and return the exit code."""
    args = parse_args(argv)
    if args.child:
        run_child(args.child[0], Path(args.child[1]))
        return 0
    exports = [Export("xlsx", args.xlsx_rows), Export("csv", args.csv_rows)]
    if args.dutch:
        exports.append(Export("csv", args.csv_rows, dutch=True))
    print(f"Generating into {OUT.relative_to(ROOT)}/ (cached unless --fresh)", flush=True)
    for export in exports:
        ensure_export(export, args.seed, args.fresh)
    deal_frame.cache_clear()
    results = [bench_export(e, args.runs, args.skip_openpyxl) for e in exports]
    table = format_table(results)
    print(
        f"\nMedian of {args.runs} run(s); each run in a fresh process. Targets are informational.\n"
    )
    print(table)
    record: dict[str, object] = {
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": _machine(),
        "settings": {
            "runs": args.runs,
            "seed": args.seed,
            "target_ratio": TARGET_RATIO,
            "target_speedup_vs_openpyxl": TARGET_SPEEDUP,
        },
        "files": [r.record() for r in results],
        "targets": [t for r in results for t in r.summary_targets()],  # bench/summary.py
    }
    if args.profile:
        csv_file = exports[1].path
        print(
            f"\ncProfile of our ingestion of {csv_file.name} (top {PROFILE_TOP} by cumulative time)"
        )
        report = profile_ours(csv_file)
        print(report)
        record["profile"] = str(PROFILE_FILE.relative_to(ROOT))
    RESULTS.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
