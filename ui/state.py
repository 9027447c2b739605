"""Named session state (user inputs only), and the cached loads (`ui/loads.py`) it picks."""

from __future__ import annotations

import pickle
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.forecast.outlook import Forecast
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodChoice, PeriodSpec
from analysis.pipeline.planning import Plan
from analysis.pipeline.snapshot import Snapshot
from analysis.read.mapping import SheetMapping
from analysis.read.saved_mapping import is_saved_mapping
from analysis.read.upload import Upload
from analysis.review.findings import Findings
from ui import kept_upload
from ui.files import Files, as_files
from ui.language import LANGUAGE_KEY as LANGUAGE_KEY  # the sidebar's switch
from ui.language import lang as lang  # the pages' `state.lang()`
from ui.loads import (
    Mappings,
    Source,
    load_dataset,
    load_findings,
    load_forecast,
    load_funnel,
    load_kpis,
    load_period,
    load_pipeline,
    load_upload,
)
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
SEEN = "upload_seen"  # the picker's files last taken: (their file ids, their content digest)
_SOURCE = "upload_source"  # what the cached loads are keyed on, and what it was made of


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
    held = st.session_state[_FILES]
    if not isinstance(held, Files):  # put in as plain (name, bytes) pairs: hashed once, here
        held = st.session_state[_FILES] = as_files(held)
    return held


def upload_lost() -> bool:
    """Return True when a reload could not bring the upload back and the sample is shown."""
    return is_sample() and bool(st.session_state.get(_LOST))


def is_sample() -> bool:
    """Return True when the data shown is the bundled sample."""
    files()
    return bool(st.session_state.get(_IS_SAMPLE))


def data_signature() -> tuple:
    """Return what identifies the data shown: the files' content digest and the mappings."""
    return files().digest, saved_mapping(), str(confirmed_mappings())


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
    st.session_state[_FILES] = _sample()
    st.session_state[_IS_SAMPLE] = True
    st.session_state[EARLIER_KEY] = _sample_earlier()
    st.session_state.pop(_MAPPINGS, None)
    picked = st.session_state.get("upload_file")  # the picker's files stay until they change
    if picked:
        st.session_state[SEEN] = seen_of(picked)
    else:
        st.session_state.pop(SEEN, None)
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
    spec, choice, _ = load_period(source(), period_grain(), period_pick())
    return spec, choice


def period_menu(pick: str | None = None) -> tuple[PeriodChoice, list[str]]:
    """Return the period shown for a pick at the sidebar's grain (None: the default one) and
    the periods one can pick."""
    _, choice, options = load_period(source(), period_grain(), pick)
    return choice, options


def current_choice() -> PeriodChoice:
    """Return the period shown and the one it is compared with, as picked in the sidebar."""
    return period()[1]


def mappings_of(upload: Upload) -> Mappings:
    """Return the confirmed mapping (guessed where none was confirmed), hashable for caches."""
    chosen = confirmed_mappings() or upload.mappings
    return tuple(sorted({k: chosen.get(k, upload.mappings[k]) for k in upload.mappings}.items()))


def source() -> Source:
    """Return what every cached load is keyed on: the files, the saved mapping and the mapping
    applied (the confirmed one, guessed where none was confirmed).

    A page asks for it a few dozen times a run: it is made again only when one of the three
    changed (the confirmed mapping compared by its pickle).
    """
    data, saved = files(), saved_mapping()
    made_of = (data.digest, saved, pickle.dumps(confirmed_mappings(), protocol=5))
    held = st.session_state.get(_SOURCE)
    if held is None or held[0] != made_of:
        held = made_of, Source.of(data, saved, mappings_of(load_upload(data, saved)))
        st.session_state[_SOURCE] = held
    return held[1]


def scope() -> tuple[Source, str, str | None]:
    """Return what the data shown and the sidebar's period decide: the key of `ui.memo`."""
    return source(), period_grain(), period_pick()


def current() -> tuple[Upload, Dataset]:
    """Return the current upload and its dataset, with the confirmed (or guessed) mapping."""
    keys = source()
    return load_upload(keys.files, keys.saved), load_dataset(keys)


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
    """Use the uploader's files when their content changed since the last run (not the files
    still in it when the sample was picked: the sample stays until the files change).

    A run with the same files (file ids) hashes nothing; new files are hashed once and taken
    when their content differs, so a corrected export of the same name and size is taken.
    """
    if not uploaded:  # emptied, or not drawn: the same file put in again is new
        st.session_state.pop(SEEN, None)
        return
    seen = st.session_state.get(SEEN)
    ids = tuple(f.file_id for f in uploaded)
    if seen is not None and seen[0] == ids:
        return
    new = Files.of((f.name, f.getvalue()) for f in uploaded)
    st.session_state[SEEN] = (ids, new.digest)
    if seen is None or seen[1] != new.digest:
        set_files(new)


def seen_of(uploaded: list) -> tuple[tuple[str, ...], str]:
    """Return what tells an uploader's files apart: their file ids and their content digest."""
    new = Files.of((f.name, f.getvalue()) for f in uploaded)
    return tuple(f.file_id for f in uploaded), new.digest


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


def current_kpis(region: str | None = None) -> tuple[Dataset, pd.DataFrame, PeriodSpec]:
    """Return the dataset, its KPI table (of one region) and the periods picked in the sidebar."""
    keys, spec = source(), period()[0]
    return load_dataset(keys), load_kpis(keys, spec.grain, region, spec.days), spec


def current_findings() -> tuple[Dataset, pd.DataFrame, Findings | None]:
    """Return the dataset, its KPI table and the findings of the period picked in the sidebar."""
    data, table, spec = current_kpis()
    choice = current_choice()
    if S.DEALS not in data.tables or choice.current is None:
        return data, table, None
    return data, table, load_findings(source(), spec.grain, choice.current, spec.days)


def current_pipeline() -> tuple[Snapshot, Plan]:
    """Return the open-deal snapshot and the plan of the current data and period."""
    return load_pipeline(source(), period_grain(), period_pick())


def current_funnel() -> pd.DataFrame:
    """Return the funnel table of the current data and period."""
    return load_funnel(source(), period_grain(), period()[0].days)


def current_forecast() -> Forecast | None:
    """Return the forecast of the current data at the grain picked in the sidebar."""
    return load_forecast(source(), period_grain())


def _sample() -> Files:
    """Return the bundled sample workbook."""
    return Files.of([(SAMPLE_PATH.name, SAMPLE_PATH.read_bytes())], shared=True)


def _sample_earlier() -> Files:
    """Return the sample's earlier exports (each file one export)."""
    return Files.of(((p.name, p.read_bytes()) for p in SAMPLE_EARLIER), shared=True)
