"""The server gives memory back to the machine once the sessions that used it are gone.

Measured with ten sessions at once, each on an upload of its own (`python -m bench.load`): the
objects of a closed session were freed (Python's own count of live memory came back to within
10 MB), yet the process kept 260 MB more than before. The allocators had kept it:
- glibc gives each thread an arena of its own (Streamlit runs each script run in a thread), and
  its threshold for giving a large block its own mapping rises with every such block freed, so
  pandas' arrays end up in the arenas, between small blocks that stay, and are never released;
- pyarrow (Streamlit's tables and charts) allocates from mimalloc, which keeps what it freed.

- a closed session's results are let go of when Streamlit clears its caches, but what they
  hold in reference cycles waits for Python's rare full collection.

So, on glibc (Linux), this module caps the arenas at two, gives every block of 1 MB or more a
mapping of its own (returned as soon as it is freed) and makes pyarrow allocate with malloc.
Every `SALESCOPE_TRIM_SECONDS` seconds (5 by default) a thread asks glibc to return its free
pages, after a full collection when one is due. A session's end is seen as the release of a
mark kept in its own cache (never evicted, so let go of only with the session, when its tab
closes); a collection is then due at once, and again once the server has forgotten the closed
session (`server.disconnectedSessionTTL`) and what it kept. The collection (0.1 s or more)
runs when sessions end, not on a click.
Elsewhere it sets nothing. The app calls `keep_memory_low()` on every run.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import threading
import time

import streamlit as st

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, M_ARENA_MAX = -1, -3, -8  # glibc's <malloc.h>
# bytes: a block this large gets a mapping of its own (64 KB gave about the same memory, 1.14×
# against 1.16×, but the app's clicks on 100,000 deals were up to 40% slower)
OWN_MAPPING_FROM = 1024 * 1024
KEEP_ON_TOP = 2 * OWN_MAPPING_FROM  # free bytes at the top of the heap kept for the next block
ARENAS = 2
TRIM_SECONDS = float(os.environ.get("SALESCOPE_TRIM_SECONDS", "5"))

_lock = threading.Lock()
_done = False
_collect_at: list[float] = []  # when full collections are due (time.monotonic())


def _glibc() -> ctypes.CDLL | None:
    """Return the C library when it is glibc (it has mallopt and malloc_trim), else None."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


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


def _trim_forever(libc: ctypes.CDLL, seconds: float) -> None:
    """Ask glibc to return its free pages to the machine every `seconds`, for ever (collecting
    first when one is due)."""
    while True:
        time.sleep(seconds)
        if _collection_due():
            gc.collect()
        libc.malloc_trim(0)


def _arrow_on_malloc() -> None:
    """Make pyarrow allocate with malloc (mimalloc keeps what it freed)."""
    try:
        import pyarrow as pa

        pa.set_memory_pool(pa.system_memory_pool())
    except (ImportError, NotImplementedError):  # no pyarrow, or built without the system pool
        pass


def keep_memory_low() -> bool:
    """Mark this session, and set the allocators to give freed memory back (the first call of
    the process); return whether this call set them."""
    global _done
    _session_mark()
    with _lock:
        if _done:
            return False
        _done = True
        libc = _glibc()
        if libc is None:
            return False
        libc.mallopt(M_ARENA_MAX, ARENAS)
        libc.mallopt(M_MMAP_THRESHOLD, OWN_MAPPING_FROM)
        libc.mallopt(M_TRIM_THRESHOLD, KEEP_ON_TOP)
        _arrow_on_malloc()
        if TRIM_SECONDS > 0:
            args = (libc, TRIM_SECONDS)
            threading.Thread(target=_trim_forever, args=args, name="trim", daemon=True).start()
        return True
