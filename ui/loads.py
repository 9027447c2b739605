"""The cached loads: what the pages compute from the data, once per data and inputs.

Every load is a function of its arguments only (the session's choices are read in
`ui/state.py`, which calls these). They are cached with `st.cache_resource` and returned as
they are, not copied, so the results are read-only. Nothing may change a frame or object a load
returns (tests/app/test_cached_results.py checks that visiting every page leaves them as they
were); work on a copy or a derived frame instead.

Where a result lives depends on the data (`scope_of`): the bundled sample's results are shared
by every session, so a new visitor sees the sample drawn at once; an upload's live in the
session's own cache (`scope="session"`), are never seen by another session and go when the
session ends (the browser tab closes), so the server's memory comes back. Each cache holds a
few entries (the data shown and the one before, at a few grains) for at most `TTL` seconds, so
twenty uploads in a row cannot fill it.

The data is keyed on a `Source`: the files (by their content digest, `ui.files.Files`), the
saved mapping and the mapping applied, hashed once into one digest; never on the bytes.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import pandas as pd
import streamlit as st

from analysis.customers.regions import only_region
from analysis.forecast.outlook import Forecast, forecast
from analysis.health.team_health import enps_frame
from analysis.kpis.table import kpi_table
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodChoice, PeriodSpec, choose_period, period_options
from analysis.pipeline.funnel import funnel_table
from analysis.pipeline.planning import Plan, falling_rates, plan
from analysis.pipeline.snapshot import Snapshot, snapshot
from analysis.read.mapping import SheetMapping
from analysis.read.upload import Upload, read_files
from analysis.review.findings import Findings, find
from analysis.words.catalogue import t
from ui.files import Files, digest_of
from ui.language import lang

# seconds a cached result is kept after it was made (an hour; a server short of memory can
# set SALESCOPE_CACHE_TTL lower)
TTL = int(os.environ.get("SALESCOPE_CACHE_TTL", "3600"))
Load = TypeVar("Load", bound=Callable[..., Any])
Mappings = tuple[tuple[str, SheetMapping], ...]


@dataclass(frozen=True, eq=False)
class Source:
    """What the data is built from: the files, the saved mapping and the mapping applied (the
    confirmed one, guessed where none was), with one digest of the three."""

    files: Files
    saved: str | None
    mappings: Mappings
    digest: str

    @classmethod
    def of(cls, files: Files, saved: str | None, mappings: Mappings) -> Source:
        """Return the source with its digest (the mapping by its pickle: cheap, and a mapping
        pickled differently is only a cache miss)."""
        sha = hashlib.sha256(files.digest.encode())
        sha.update(pickle.dumps((saved, mappings), protocol=5))
        return cls(files, saved, mappings, sha.hexdigest())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Source) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    @property
    def shared(self) -> bool:
        """Return True for the bundled sample's data, whose results every session shares."""
        return self.files.shared


HASH_FUNCS: dict[Any, Any] = {Files: digest_of, Source: digest_of}  # st.cache_*: by digest
Scope = Literal["global", "session"]


def scope_of(*args: Any) -> Scope:
    """Return the cache scope of a call: "global" when its first files (or source) are the
    bundled sample, "session" otherwise (an upload, or a call on no files at all)."""
    data = next((a for a in args if isinstance(a, Files | Source)), None)
    return "global" if data is not None and data.shared else "session"


def scoped(cache: Callable[..., Any]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Return a decorator caching a function twice, `cache(scope=...)` for each scope, whose
    calls go to the cache of `scope_of` their arguments; `.clear()` clears both."""

    def wrap(func: Callable[..., Any]) -> Callable[..., Any]:
        caches = {scope: cache(scope=scope)(func) for scope in ("global", "session")}

        @functools.wraps(func)
        def call(*args: Any, **kwargs: Any) -> Any:
            return caches[scope_of(*args)](*args, **kwargs)

        def clear() -> None:
            for each in caches.values():
                each.clear()

        call.clear = clear  # type: ignore[attr-defined]
        return call

    return wrap


def cached_load(waiting: str, entries: int) -> Callable[[Load], Load]:
    """Cache a load (read-only result, at most `entries` of them per scope, for `TTL` seconds),
    and say in the sidebar's language what it is doing when it takes a while.

    The message (`state.<waiting>` in the catalogue) shows only after half a second, so a cache
    hit stays silent. A load that calls another one inside calls its `.cached` (no message).
    """

    def wrap(load: Load) -> Load:
        cached = scoped(
            functools.partial(
                st.cache_resource,
                max_entries=entries,
                ttl=TTL,
                show_spinner=False,
                hash_funcs=HASH_FUNCS,
            )
        )(load)

        @functools.wraps(load)
        def run(*args: Any, **kwargs: Any) -> Any:
            with st.spinner(t(f"state.{waiting}", lang())):
                return cached(*args, **kwargs)

        run.cached = cached  # type: ignore[attr-defined]
        run.clear = cached.clear  # type: ignore[attr-defined]
        return run  # type: ignore[return-value]

    return wrap


def clear() -> None:
    """Forget every cached result (tests, and the benchmark between its rounds)."""
    st.cache_data.clear()
    st.cache_resource.clear()


@cached_load("reading", 2)
def load_upload(data: Files, saved: str | None) -> Upload:
    """Return the upload read from these files (cached on their content)."""
    return read_files(list(data), saved)


@cached_load("checking", 3)
def load_dataset(source: Source) -> Dataset:
    """Return the canonical tables for these files under this mapping (cached)."""
    return load_upload.cached(source.files, source.saved).dataset(dict(source.mappings))


@cached_load("checking", 12)
def load_period(
    source: Source, grain: str, pick: str | None
) -> tuple[PeriodSpec, PeriodChoice, list[str]]:
    """Return how periods are counted, the period shown as picked, and the periods one can
    pick at this grain (cached: each works out how far the data reaches)."""
    dataset = load_dataset.cached(source)
    whole = PeriodSpec(grain)  # type: ignore[arg-type]
    spec, choice = choose_period(dataset, whole, pick)
    return spec, choice, period_options(dataset, whole)


@cached_load("kpis", 8)
def load_kpis(
    source: Source,
    grain: str,
    region: str | None = None,
    days: int | None = None,
) -> pd.DataFrame:
    """Return the long KPI table of the current data (of one region) at the chosen grain."""
    dataset = load_dataset.cached(source)
    spec = PeriodSpec(grain, days=days)  # type: ignore[arg-type]
    return kpi_table(only_region(dataset, region) if region else dataset, spec)


@st.cache_resource(max_entries=4, ttl=TTL, show_spinner=False, scope="session")
def load_enps(survey: pd.DataFrame, spec: PeriodSpec) -> pd.DataFrame:
    """Return the eNPS frame of an employee-survey table in these periods (cached on the table)."""
    return enps_frame(survey, spec)


@cached_load("findings", 6)
def load_findings(
    source: Source,
    grain: str,
    period: str,
    days: int | None = None,
) -> Findings:
    """Return the diagnosis, weak spots and coaching for one period, for every language (cached).

    Its texts are `Say`s written by the pages: switching the language does not compute it again.
    """
    dataset = load_dataset.cached(source)
    table = load_kpis.cached(source, grain, None, days)
    spec = PeriodSpec(grain, days=days)  # type: ignore[arg-type]
    return find(dataset, spec, period, table, dataset.currency)


@cached_load("pipeline", 4)
def load_pipeline(source: Source, grain: str, pick: str | None = None) -> tuple[Snapshot, Plan]:
    """Return the open-deal snapshot and the plan to the next target (cached).

    A rep whose falling win rate the findings flag is planned on their recent win rate.
    """
    dataset = load_dataset.cached(source)
    spec, choice, _ = load_period.cached(source, grain, pick)
    snap = snapshot(dataset)
    table = load_kpis.cached(source, grain, None, spec.days)
    recent: dict[str, float] = {}
    if S.DEALS in dataset.tables and choice.current is not None:
        try:  # findings that fail say so on their own pages; the plan then uses the year's rates
            found = load_findings.cached(source, grain, choice.current, spec.days)
            recent = falling_rates(found.diagnoses)
        except Exception:  # the plan says which rate it used either way
            recent = {}
    return snap, plan(dataset, table, spec, choice, snap, recent)


@cached_load("pipeline", 4)
def load_funnel(source: Source, grain: str, days: int | None = None) -> pd.DataFrame:
    """Return the funnel table (cached; apart from the pipeline, so each can fail alone)."""
    dataset = load_dataset.cached(source)
    return funnel_table(dataset, PeriodSpec(grain, days=days))  # type: ignore[arg-type]


@cached_load("forecast", 2)
def load_forecast(source: Source, grain: str) -> Forecast | None:
    """Return the forecast of the period ahead at this grain (cached; None without deals).

    It forecasts whole periods, so the sidebar's "so far" days are not part of its key.
    """
    dataset = load_dataset.cached(source)
    return forecast(dataset, PeriodSpec(grain))  # type: ignore[arg-type]
