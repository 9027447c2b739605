"""The earlier exports the data is compared with, and what changed since (cached).

The Upload page's second slot (`UPLOADER`) holds them: `take_earlier` takes its files before
anything is drawn, only when they changed (a slot emptied by the user compares with nothing;
a slot left empty because the Upload page was not shown keeps what was taken). "Try the
sample data" loads the sample's own earlier exports (`state.use_sample`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.changes.compare import Changes, compare
from analysis.changes.states import export_day
from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec
from analysis.read.upload import read_files
from analysis.words.message import Say
from ui import state
from ui.files import Files, as_files
from ui.loads import Source, cached_load, load_dataset, load_upload

UPLOADER = "upload_earlier"  # the Upload page's second slot: earlier exports, one file each
NOTHING = Files.of(()).digest  # the digest of no files: an empty slot


@dataclass(frozen=True)
class Earlier:
    """One earlier export as read: its data (None: no deals in it), day and reading errors."""

    name: str
    data: Dataset | None
    day: pd.Timestamp | None
    errors: tuple[Say, ...]


def earlier_files() -> Files:
    """Return the earlier exports to compare the data with (each file one export; may be empty)."""
    state.files()
    held = st.session_state.get(state.EARLIER_KEY, ())
    if not isinstance(held, Files):  # put in as plain (name, bytes) pairs: hashed once, here
        held = st.session_state[state.EARLIER_KEY] = as_files(held)
    return held


def set_earlier_files(new: Files) -> None:
    """Remember the earlier exports to compare the data with (empty: compare with nothing)."""
    st.session_state[state.EARLIER_KEY] = new


def take_earlier() -> None:
    """Use the second slot's files when their content changed since the last run (cleared:
    none). The same files (file ids) as the last run are not hashed again."""
    if UPLOADER not in st.session_state:  # the Upload page is not drawn: keep what was taken
        st.session_state.pop(state.EARLIER_SEEN, None)
        return
    picked = st.session_state[UPLOADER] or []
    ids = tuple(f.file_id for f in picked)
    seen = st.session_state.get(state.EARLIER_SEEN, ((), NOTHING))  # (file ids, digest)
    if seen[0] == ids:
        return
    new = Files.of((f.name, f.getvalue()) for f in picked)
    st.session_state[state.EARLIER_SEEN] = (ids, new.digest)
    if seen[1] != new.digest:
        set_earlier_files(new)


@cached_load("reading", 2)
def load_earlier(earlier: Files, saved: str | None) -> tuple[Earlier, ...]:
    """Return each earlier export read on its own, with its guessed (or the saved) mapping."""
    out = []
    for name, raw in earlier:
        upload = read_files([(name, raw)], saved)
        data = upload.dataset() if upload.sheets else None
        usable = data is not None and S.DEALS in data.tables
        day = export_day(data) if usable and data is not None else None
        out.append(Earlier(name, data if usable else None, day, tuple(upload.errors)))
    return tuple(out)


@cached_load("changes", 4)
def load_changes(
    source: Source,
    earlier: Files,
    grain: str,
    earlier_mapping: str | None = None,
) -> Changes | None:
    """Return what changed between the earlier exports and this one (cached; None: no earlier
    export holds deals). Each earlier file is read with `earlier_mapping`; one without deals is
    left out."""
    dataset = load_dataset.cached(source)
    exports = [e.data for e in load_earlier.cached(earlier, earlier_mapping) if e.data is not None]
    return compare([*exports, dataset], PeriodSpec(grain)) if exports else None  # type: ignore[arg-type]


def _mapping() -> str | None:
    """Return the mapping the earlier exports are read with: the saved one, else the one the
    user confirmed on the Upload page (as a saved mapping: it fits a sheet by its name or
    headers, as a later export of the same CRM has them), else None (each guesses its own)."""
    confirmed = state.confirmed_mappings()
    if state.saved_mapping() or not confirmed:
        return state.saved_mapping()
    return load_upload(state.files(), None).mapping_json(confirmed)


def current_earlier() -> tuple[Earlier, ...]:
    """Return the earlier exports of the session, each as read."""
    return load_earlier(earlier_files(), _mapping())


def current_changes() -> Changes | None:
    """Return what changed between the earlier exports and the current data, at the sidebar's grain."""
    return load_changes(state.source(), earlier_files(), state.period_grain(), _mapping())
