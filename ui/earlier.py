"""The earlier exports the data is compared with, and what changed since (cached)."""

from __future__ import annotations

import streamlit as st

from analysis.changes.compare import Changes, compare
from analysis.model import schema as S
from analysis.model.periods import PeriodSpec
from analysis.read.mapping import SheetMapping
from analysis.read.upload import read_files
from ui import state


def earlier_files() -> state.Files:
    """Return the earlier exports to compare the data with (each file one export; may be empty)."""
    state.files()
    return st.session_state.get(state.EARLIER_KEY, ())


def set_earlier_files(new: state.Files) -> None:
    """Remember the earlier exports to compare the data with (empty: compare with nothing)."""
    st.session_state[state.EARLIER_KEY] = new


@state.cached_load("changes", 4)
def load_changes(
    data: state.Files,
    saved: str | None,
    mappings: tuple[tuple[str, SheetMapping], ...],
    earlier: state.Files,
    grain: str,
) -> Changes | None:
    """Return what changed between the earlier exports and this one (cached; None: no earlier).

    Each earlier file is read on its own with its own guessed mapping (and the saved mapping
    when one applies); a file without deals is left out.
    """
    dataset = state.load_dataset.cached(data, saved, mappings)
    exports = [read_files([one], saved).dataset() for one in earlier]
    exports = [e for e in exports if S.DEALS in e.tables]
    return compare([*exports, dataset], PeriodSpec(grain)) if exports else None  # type: ignore[arg-type]


def current_changes() -> Changes | None:
    """Return what changed between the earlier exports and the current data, at the sidebar's grain."""
    upload = state.load_upload(state.files(), state.saved_mapping())
    return load_changes(
        state.files(),
        state.saved_mapping(),
        state.mappings_of(upload),
        earlier_files(),
        state.period_grain(),
    )
