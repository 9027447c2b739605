"""An upload kept across a browser reload: a short-lived, unguessable token in the address.

A reload starts a new Streamlit session, which would silently fall back to the sample data.
So each upload is kept in this server's memory under a random token that only the address of
the uploading tab holds (`?data=…`). A new session that brings the token takes the upload over
and gets a fresh token: the old address stops working, so an address passed on later does not
reach the data. Uploads are forgotten after `KEEP_FOR` without use, and at most `MAX_KEPT` are
kept (the least recently used go first). A token that is unknown or expired is dropped and the
page says that the sample is shown instead.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any

import streamlit as st

PARAM = "data"
_SESSION = "upload_token"  # this session's token (page switches drop the address's parameters)
KEEP_FOR = 4 * 3600  # seconds an upload is kept without use
MAX_KEPT = 16  # uploads kept in memory at most


@dataclass
class Kept:
    """One kept upload: its files, the mappings applied to it, and when it was last used."""

    files: Any
    saved: str | None
    mappings: Any
    used: float


@st.cache_resource
def _store() -> tuple[dict[str, Kept], threading.Lock]:
    """Return the server-wide store of kept uploads and the lock that guards it."""
    return {}, threading.Lock()


def _token() -> str | None:
    value = st.session_state.get(_SESSION) or st.query_params.get(PARAM)
    return value if isinstance(value, str) and value else None


def show_token() -> None:
    """Put this session's token back in the address when a page switch dropped it."""
    token = st.session_state.get(_SESSION)
    if token and st.query_params.get(PARAM) != token:
        st.query_params[PARAM] = token


def keep(files: Any, saved: str | None = None, mappings: Any = None) -> None:
    """Keep an upload under a new token, put in the address (the old one is forgotten)."""
    kept, lock = _store()
    now = time.time()
    with lock:
        if (old := _token()) is not None:
            kept.pop(old, None)
        for token in [t for t, k in kept.items() if now - k.used > KEEP_FOR]:
            del kept[token]
        while len(kept) >= MAX_KEPT:
            del kept[min(kept, key=lambda t: kept[t].used)]
        token = secrets.token_urlsafe(24)
        kept[token] = Kept(files, saved, mappings, now)
    st.session_state[_SESSION] = token
    st.query_params[PARAM] = token


def update(saved: str | None, mappings: Any) -> None:
    """Remember the mappings now applied to the kept upload of this address."""
    kept, lock = _store()
    with lock:
        entry = kept.get(_token() or "")
        if entry is not None:
            entry.saved, entry.mappings, entry.used = saved, mappings, time.time()


def forget() -> None:
    """Forget the kept upload of this address and take the token out of it."""
    kept, lock = _store()
    with lock:
        kept.pop(_token() or "", None)
    st.session_state.pop(_SESSION, None)
    if PARAM in st.query_params:
        del st.query_params[PARAM]


def take_over() -> Kept | bool | None:
    """Return the upload the address points at (re-kept under a new token); None when the
    address holds no token, False when its upload is no longer kept."""
    token = _token()
    if token is None:
        return None
    kept, lock = _store()
    with lock:
        entry = kept.get(token)
        fresh = entry is not None and time.time() - entry.used <= KEEP_FOR
    if not fresh or entry is None:
        forget()
        return False
    keep(entry.files, entry.saved, entry.mappings)
    return entry
