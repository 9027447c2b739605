"""Making report files on a page: progress while they are made, a plain error when one fails
(the others and every choice on the page are kept), then a download button per file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from analysis.words.catalogue import t
from ui.text import plain


@dataclass(frozen=True)
class Export:
    """One file the export panel can make: its label, file name, type and how to make it."""

    kind: str
    label: str
    name: str
    mime: str
    make: Callable[[], bytes | str]


def export_panel(exports: list[Export], made_from: tuple, lang: str, key: str) -> None:
    """Draw 'make the files' with progress, then a download button per file or why it failed.

    The files are kept (under `<key>_exports`) until the data or a setting they depend on,
    `made_from`, changes.
    """
    store = f"{key}_exports"
    done = st.session_state.get(store)
    if done is not None and done["from"] != made_from:
        done = None  # made from other data or settings: make them again
    if st.button(t("meeting.make", lang), icon=":material/description:", key=f"{key}_make"):
        files: dict[str, bytes | str] = {}
        errors: dict[str, str] = {}
        with st.status(t("meeting.making", lang), expanded=True) as status:
            bar = st.progress(0.0)
            for n, export in enumerate(exports):
                st.write(t("meeting.making_one", lang, what=export.label))
                try:
                    files[export.kind] = export.make()
                except Exception as exc:  # any failure is reported; nothing else is lost
                    errors[export.kind] = str(exc) or type(exc).__name__
                bar.progress((n + 1) / len(exports))
            status.update(label=t("meeting.made", lang), state="error" if errors else "complete")
        done = {"from": made_from, "files": files, "errors": errors}
        st.session_state[store] = done
    if done is None:
        st.caption(t("meeting.make_hint", lang))
        return
    columns = st.columns(len(exports))
    for column, export in zip(columns, exports, strict=True):
        if export.kind in done["files"]:
            column.download_button(
                export.label,
                done["files"][export.kind],
                export.name,
                export.mime,
                key=f"{key}_dl_{export.kind}",
                on_click="ignore",
                icon=":material/download:",
            )
        else:
            reason = done["errors"].get(export.kind, "")
            column.error(t("meeting.failed", lang, what=export.label, reason=plain(reason)))
