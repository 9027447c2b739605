"""The server gives memory back to the machine once the sessions that used it are gone.

Measured with ten sessions at once, each on an upload of its own (`python -m bench.load`): the
objects of a closed session were freed (Python's own count of live memory came back to within
10 MB), yet the process kept 260 MB more than before. The allocators had kept it (see
`analysis/allocator.py`, which sets them to give freed memory back), and what a closed
session's results hold in reference cycles waited for Python's rare full collection.

So `keep_memory_low()` sets the allocators on the app's first run, and every
`SALESCOPE_TRIM_SECONDS` seconds (5 by default) a thread asks glibc to return its free pages,
after a full collection when one is due. A session's end is seen as the release of a mark kept
in its own cache (never evicted, so let go of only with the session, when its tab closes); a
collection is then due at once, and again once the server has forgotten the closed session
(`server.disconnectedSessionTTL`) and what it kept. The collection (0.1 s or more) runs when
sessions end, not on a click. The app calls `keep_memory_low()` on every run.

The app tests start no thread (tests/app/conftest.py): each of them ends a session, and a full
collection of the test process every 5 s made them 25% slower.
"""

from __future__ import annotations

import gc
import os
import threading
import time

import streamlit as st

from analysis.allocator import give_freed_back, trim

TRIM_SECONDS = float(os.environ.get("SALESCOPE_TRIM_SECONDS", "5"))

_lock = threading.Lock()
_done = False
_collect_at: list[float] = []  # when full collections are due (time.monotonic())


def _session_ended(_mark: object) -> None:
    """Note that a session ended (its mark was let go of): collect now and once it is forgotten."""
    now = time.monotonic()
    forget = float(st.get_option("server.disconnectedSessionTTL") or 0)
    with _lock:
        _collect_at.extend([now, now + forget + 1])


def _collection_due() -> bool:
    """Return whether a full collection is due now (and take it off the list)."""
    now = time.monotonic()
    with _lock:
        due = [t for t in _collect_at if t <= now]
        _collect_at[:] = [t for t in _collect_at if t > now]
    return bool(due)


@st.cache_resource(max_entries=1, show_spinner=False, scope="session", on_release=_session_ended)
def _session_mark() -> object:
    """Return this session's mark, kept in its own cache until the session ends."""
    return object()


def tick() -> bool:
    """Collect when a collection is due, then ask glibc to return its free pages; return
    whether it collected."""
    due = _collection_due()
    if due:
        gc.collect()
    trim()
    return due


def _trim_forever(seconds: float) -> None:
    """Tick every `seconds`, for ever."""
    while True:
        time.sleep(seconds)
        tick()


def keep_memory_low() -> bool:
    """Mark this session, and set the allocators to give freed memory back (the first call of
    the process); return whether this call set them."""
    global _done
    _session_mark()
    with _lock:
        if _done:
            return False
        _done = True
        if not give_freed_back():
            return False
        if TRIM_SECONDS > 0:
            args = (TRIM_SECONDS,)
            threading.Thread(target=_trim_forever, args=args, name="trim", daemon=True).start()
        return True
