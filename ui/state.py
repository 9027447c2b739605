"""Named session state (user inputs only) and the cached loads built on it."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from analysis.customers.regions import only_region
from analysis.forecast.outlook import Forecast, forecast
from analysis.health.team_health import enps_frame
from analysis.kpis.table import kpi_table
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodChoice, PeriodSpec, choose_period
from analysis.pipeline.funnel import funnel_table
from analysis.pipeline.planning import Plan, falling_rates, plan
from analysis.pipeline.snapshot import Snapshot, snapshot
from analysis.read.mapping import SheetMapping
from analysis.read.saved_mapping import is_saved_mapping
from analysis.read.upload import Upload, read_files
from analysis.review.findings import Findings, find
from analysis.words.catalogue import language, t
from ui import kept_upload
from ui.mapping_editor import forget_widgets

SAMPLE_PATH = Path(__file__).resolve().parent.parent / "sample_data" / "salescope_sample.xlsx"
SAMPLE_NAME = SAMPLE_PATH.name
# the sample's earlier exports (sample_data/snapshots.py): "What changed" on the sample data
SAMPLE_EARLIER = tuple(sorted(SAMPLE_PATH.parent.glob("salescope_sample_2*.xlsx")))

_FILES = "upload_files_data"
_IS_SAMPLE = "upload_is_sample"
EARLIER_KEY = "upload_earlier_files"  # earlier exports to compare with: each file one export
EARLIER_SEEN = "upload_earlier_seen"  # the earlier-export slot's files last taken (ui/earlier.py)
_MAPPINGS = "upload_confirmed_mappings"
_SAVED = "upload_saved_mapping"
_LOST = "upload_lost_on_reload"  # a reload's address pointed at an upload no longer kept
SAVED_REFUSED = "upload_saved_refused"  # the file picked as a mapping that is not one
PERIOD_KEY = "period_grain"
PICK_KEY = "period_pick"  # the period picked in the sidebar: a label, SO_FAR or absent
LANGUAGE_KEY = "ui_language"  # the sidebar's language switch: "en" or "nl"

Files = tuple[tuple[str, bytes], ...]
Load = TypeVar("Load", bound=Callable[..., Any])


def files() -> Files:
    """Return the uploaded files, or the bundled sample workbook when nothing was uploaded.

    A new session (a browser reload) takes over the upload its address points at, if it is
    still kept (ui/kept_upload.py); otherwise it shows the sample, and says so when an upload
    was lost.
    """
    if _FILES not in st.session_state:
        kept = kept_upload.take_over()
        if isinstance(kept, kept_upload.Kept):
            st.session_state[_FILES], st.session_state[_IS_SAMPLE] = kept.files, False
            st.session_state[_SAVED], st.session_state[_MAPPINGS] = kept.saved, kept.mappings
        else:
            use_sample()
            st.session_state[_LOST] = kept is False
    return st.session_state[_FILES]


def upload_lost() -> bool:
    """Return True when a reload could not bring the upload back and the sample is shown."""
    return is_sample() and bool(st.session_state.get(_LOST))


def is_sample() -> bool:
    """Return True when the data shown is the bundled sample."""
    files()
    return bool(st.session_state.get(_IS_SAMPLE))


def data_signature() -> tuple:
    """Return what identifies the data shown: file names and sizes and the mappings applied."""
    return tuple((n, len(raw)) for n, raw in files()), saved_mapping(), str(confirmed_mappings())


def set_files(new: Files) -> None:
    """Remember newly uploaded files and forget the mapping of the previous ones (and the
    sample's earlier exports: the slot's own files are taken again)."""
    if st.session_state.get(_IS_SAMPLE):
        st.session_state.pop(EARLIER_KEY, None)
        st.session_state.pop(EARLIER_SEEN, None)
    st.session_state[_FILES] = new
    st.session_state[_IS_SAMPLE] = False
    st.session_state.pop(_MAPPINGS, None)
    st.session_state.pop(_LOST, None)
    forget_widgets()
    kept_upload.keep(new, saved_mapping())


def use_sample() -> None:
    """Switch to the bundled sample workbook."""
    st.session_state[_FILES] = ((SAMPLE_NAME, SAMPLE_PATH.read_bytes()),)
    st.session_state[_IS_SAMPLE] = True
    st.session_state[EARLIER_KEY] = tuple((p.name, p.read_bytes()) for p in SAMPLE_EARLIER)
    st.session_state.pop(_MAPPINGS, None)
    st.session_state["upload_seen"] = _signature(st.session_state.get("upload_file"))
    forget_widgets()
    kept_upload.forget()


def saved_mapping() -> str | None:
    """Return the saved mapping (JSON) the user asked to apply, if any."""
    return st.session_state.get(_SAVED)


def set_saved_mapping(text: str | None) -> None:
    """Remember a saved mapping to apply to the uploaded files."""
    st.session_state[_SAVED] = text
    st.session_state.pop(_MAPPINGS, None)
    forget_widgets()
    if not st.session_state.get(_IS_SAMPLE):
        kept_upload.update(text, None)


def confirmed_mappings() -> dict[str, SheetMapping] | None:
    """Return the mapping confirmed on the Upload page (None: use the guessed one)."""
    return st.session_state.get(_MAPPINGS)


def set_confirmed_mappings(upload: Upload, mappings: dict[str, SheetMapping]) -> bool:
    """Remember the mapping as the user left it on the Upload page; return True when that
    changes the mapping the data was built with (the sidebar then has to be drawn again)."""
    before = mappings_of(upload)
    st.session_state[_MAPPINGS] = mappings
    if not st.session_state.get(_IS_SAMPLE):
        kept_upload.update(saved_mapping(), mappings)
    return mappings_of(upload) != before


def period_grain() -> str:
    """Return 'quarter' or 'month', as picked in the sidebar."""
    return "month" if st.session_state.get(PERIOD_KEY) == "Month" else "quarter"


def period_pick() -> str | None:
    """Return the period picked in the sidebar (None: the last complete one)."""
    return st.session_state.get(PICK_KEY)


def period() -> tuple[PeriodSpec, PeriodChoice]:
    """Return how periods are counted and the period shown, as picked in the sidebar."""
    return choose_period(current()[1], PeriodSpec(period_grain()), period_pick())


def current_choice() -> PeriodChoice:
    """Return the period shown and the one it is compared with, as picked in the sidebar."""
    return period()[1]


def cached_load(waiting: str, entries: int) -> Callable[[Load], Load]:
    """Cache a load, and say in the sidebar's language what it is doing when it takes a while.

    The message (`state.<waiting>` in the catalogue) shows only after half a second, so a cache
    hit stays silent. A load that calls another one inside calls its `.cached` (no message).
    """

    def wrap(load: Load) -> Load:
        cached = st.cache_data(max_entries=entries, show_spinner=False)(load)

        @functools.wraps(load)
        def run(*args: Any, **kwargs: Any) -> Any:
            with st.spinner(t(f"state.{waiting}", lang())):
                return cached(*args, **kwargs)

        run.cached = cached  # type: ignore[attr-defined]
        return run  # type: ignore[return-value]

    return wrap


def lang() -> str:
    """Return the language picked in the sidebar: 'en' (the default) or 'nl'."""
    return language(st.session_state.get(LANGUAGE_KEY))


@cached_load("reading", 4)
def load_upload(data: Files, saved: str | None) -> Upload:
    """Return the upload read from these files (cached on their bytes)."""
    return read_files(list(data), saved)


@cached_load("checking", 8)
def load_dataset(
    data: Files, saved: str | None, mappings: tuple[tuple[str, SheetMapping], ...]
) -> Dataset:
    """Return the canonical tables for these files under this mapping (cached)."""
    return load_upload.cached(data, saved).dataset(dict(mappings))


def mappings_of(upload: Upload) -> tuple[tuple[str, SheetMapping], ...]:
    """Return the confirmed mapping (guessed where none was confirmed), hashable for caches."""
    chosen = confirmed_mappings() or upload.mappings
    return tuple(sorted({k: chosen.get(k, upload.mappings[k]) for k in upload.mappings}.items()))


def current() -> tuple[Upload, Dataset]:
    """Return the current upload and its dataset, with the confirmed (or guessed) mapping."""
    upload = load_upload(files(), saved_mapping())
    return upload, load_dataset(files(), saved_mapping(), mappings_of(upload))


def resend_choices() -> None:
    """Set every picker's choice again after a language switch, so it shows in the new words.

    A radio or select box whose options are shown through a translated format_func would
    otherwise show nothing (or the old words) in the browser; its value itself is kept.
    """
    for key in list(st.session_state):
        value = st.session_state[key]
        if isinstance(value, str) and key != LANGUAGE_KEY:
            st.session_state[key] = value


def take_inputs() -> None:
    """Apply the Upload page's inputs before anything is drawn, so every part shows them."""
    files()  # a new session takes over the upload of its address first
    kept_upload.show_token()
    if st.session_state.get("upload_sample"):
        use_sample()
    else:
        take_uploaded(st.session_state.get("upload_file"))
    if "upload_mapping" in st.session_state:
        take_saved_mapping(st.session_state.get("upload_mapping"))


def take_uploaded(uploaded: list | None) -> None:
    """Use the uploader's files when they changed since the last run (not the files still in
    it when the sample was picked: the sample stays until the files change)."""
    if not uploaded:  # emptied, or not drawn: the same file put in again is new
        st.session_state.pop("upload_seen", None)
        return
    if st.session_state.get("upload_seen") != _signature(uploaded):
        st.session_state["upload_seen"] = _signature(uploaded)
        set_files(tuple((f.name, f.getvalue()) for f in uploaded))


def _signature(uploaded: list | None) -> tuple:
    """Return what tells the uploader's files apart: their names and sizes."""
    return tuple((f.name, f.size) for f in uploaded or [])


def take_saved_mapping(saved: object | None) -> None:
    """Apply an uploaded mapping file once (and forget it when removed)."""
    text = saved.getvalue().decode("utf-8", errors="replace") if saved is not None else None
    if text is not None and not is_saved_mapping(text):
        st.session_state[SAVED_REFUSED] = getattr(saved, "name", "")
        text = None
    else:
        st.session_state.pop(SAVED_REFUSED, None)
    if text != saved_mapping():
        set_saved_mapping(text)


@cached_load("kpis", 8)
def load_kpis(
    data: Files,
    saved: str | None,
    mappings: tuple[tuple[str, SheetMapping], ...],
    grain: str,
    region: str | None = None,
    days: int | None = None,
) -> pd.DataFrame:
    """Return the long KPI table of the current data (of one region) at the chosen grain."""
    dataset = load_dataset.cached(data, saved, mappings)
    spec = PeriodSpec(grain, days=days)  # type: ignore[arg-type]
    return kpi_table(only_region(dataset, region) if region else dataset, spec)


def current_kpis(region: str | None = None) -> tuple[Dataset, pd.DataFrame, PeriodSpec]:
    """Return the dataset, its KPI table (of one region) and the periods picked in the sidebar."""
    upload = load_upload(files(), saved_mapping())
    mappings = mappings_of(upload)
    spec = period()[0]
    data = load_dataset(files(), saved_mapping(), mappings)
    table = load_kpis(files(), saved_mapping(), mappings, spec.grain, region, spec.days)
    return data, table, spec


@st.cache_data(max_entries=8, show_spinner=False)
def load_enps(survey: pd.DataFrame, spec: PeriodSpec) -> pd.DataFrame:
    """Return the eNPS frame of an employee-survey table in these periods (cached on the table)."""
    return enps_frame(survey, spec)


@cached_load("findings", 8)
def load_findings(
    data: Files,
    saved: str | None,
    mappings: tuple[tuple[str, SheetMapping], ...],
    grain: str,
    period: str,
    days: int | None = None,
) -> Findings:
    """Return the diagnosis, weak spots and coaching for one period, for every language (cached).

    Its texts are `Say`s written by the pages: switching the language does not compute it again.
    """
    dataset = load_dataset.cached(data, saved, mappings)
    table = load_kpis.cached(data, saved, mappings, grain, None, days)
    spec = PeriodSpec(grain, days=days)  # type: ignore[arg-type]
    return find(dataset, spec, period, table, dataset.currency)


def current_findings() -> tuple[Dataset, pd.DataFrame, Findings | None]:
    """Return the dataset, its KPI table and the findings of the period picked in the sidebar."""
    data, table, spec = current_kpis()
    choice = current_choice()
    if S.DEALS not in data.tables or choice.current is None:
        return data, table, None
    upload = load_upload(files(), saved_mapping())
    mappings = mappings_of(upload)
    found = load_findings(files(), saved_mapping(), mappings, spec.grain, choice.current, spec.days)
    return data, table, found


@cached_load("pipeline", 8)
def load_pipeline(
    data: Files,
    saved: str | None,
    mappings: tuple[tuple[str, SheetMapping], ...],
    grain: str,
    pick: str | None = None,
) -> tuple[Snapshot, Plan]:
    """Return the open-deal snapshot and the plan to the next target (cached).

    A rep whose falling win rate the findings flag is planned on their recent win rate.
    """
    dataset = load_dataset.cached(data, saved, mappings)
    spec, choice = choose_period(dataset, PeriodSpec(grain), pick)  # type: ignore[arg-type]
    snap = snapshot(dataset)
    table = load_kpis.cached(data, saved, mappings, grain, None, spec.days)
    recent: dict[str, float] = {}
    if S.DEALS in dataset.tables and choice.current is not None:
        try:  # findings that fail say so on their own pages; the plan then uses the year's rates
            found = load_findings.cached(data, saved, mappings, grain, choice.current, spec.days)
            recent = falling_rates(found.diagnoses)
        except Exception:  # the plan says which rate it used either way
            recent = {}
    return snap, plan(dataset, table, spec, choice, snap, recent)


@cached_load("pipeline", 8)
def load_funnel(
    data: Files,
    saved: str | None,
    mappings: tuple[tuple[str, SheetMapping], ...],
    grain: str,
    days: int | None = None,
) -> pd.DataFrame:
    """Return the funnel table (cached; apart from the pipeline, so each can fail alone)."""
    dataset = load_dataset.cached(data, saved, mappings)
    return funnel_table(dataset, PeriodSpec(grain, days=days))  # type: ignore[arg-type]


def current_pipeline() -> tuple[Snapshot, Plan]:
    """Return the open-deal snapshot and the plan of the current data and period."""
    upload = load_upload(files(), saved_mapping())
    return load_pipeline(
        files(), saved_mapping(), mappings_of(upload), period_grain(), period_pick()
    )


def current_funnel() -> pd.DataFrame:
    """Return the funnel table of the current data and period."""
    upload = load_upload(files(), saved_mapping())
    days = period()[0].days
    return load_funnel(files(), saved_mapping(), mappings_of(upload), period_grain(), days)


@cached_load("forecast", 4)
def load_forecast(
    data: Files, saved: str | None, mappings: tuple[tuple[str, SheetMapping], ...], grain: str
) -> Forecast | None:
    """Return the forecast of the period ahead at this grain (cached; None without deals).

    It forecasts whole periods, so the sidebar's "so far" days are not part of its key.
    """
    dataset = load_dataset.cached(data, saved, mappings)
    return forecast(dataset, PeriodSpec(grain))  # type: ignore[arg-type]


def current_forecast() -> Forecast | None:
    """Return the forecast of the current data at the grain picked in the sidebar."""
    upload = load_upload(files(), saved_mapping())
    return load_forecast(files(), saved_mapping(), mappings_of(upload), period_grain())
