"""The process's allocators, set to give freed memory back to the machine (glibc, i.e. Linux).

Measured (`bench.load`, `bench.cli`): after a big piece of work is freed, Python's own count of
live memory comes back, but the process keeps hundreds of MB that the allocators hold:
- glibc gives each thread an arena of its own, and its threshold for giving a large block a
  mapping of its own rises with every such block freed, so pandas' arrays end up in the arenas,
  between small blocks that stay, and are never released;
- pyarrow allocates from mimalloc, which keeps what it freed.

`give_freed_back()` caps the arenas at two, gives every block of 1 MB or more a mapping of its
own (returned as soon as it is freed) and makes pyarrow allocate with malloc; `trim()` asks
glibc to return its free pages now. Elsewhere (no glibc) both do nothing. The app
(`ui/memory.py`) and the command line (`analysis/cli.py`) call them: computing stays pure.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import os
import sys

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, M_ARENA_MAX = -1, -3, -8  # glibc's <malloc.h>
# bytes: a block this large gets a mapping of its own (64 KB gave about the same memory in the
# app, 1.14× against 1.16×, but its clicks on 100,000 deals were up to 40% slower)
OWN_MAPPING_FROM = 1024 * 1024
KEEP_ON_TOP = 2 * OWN_MAPPING_FROM  # free bytes at the top of the heap kept for the next block
ARENAS = 2


@functools.cache
def _glibc() -> ctypes.CDLL | None:
    """Return the C library when it is glibc (it has mallopt and malloc_trim), else None."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


def _arrow_on_malloc() -> None:
    """Make pyarrow allocate with malloc (mimalloc keeps what it freed), without importing it."""
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")  # read at pyarrow's first use
    pa = sys.modules.get("pyarrow")
    if pa is not None:  # imported already: its pool may be chosen
        with contextlib.suppress(NotImplementedError):  # built without the system pool
            pa.set_memory_pool(pa.system_memory_pool())


@functools.cache
def give_freed_back() -> bool:
    """Set the allocators to give freed memory back (once per process); return whether they
    could be set (glibc)."""
    libc = _glibc()
    if libc is None:
        return False
    libc.mallopt(M_ARENA_MAX, ARENAS)
    libc.mallopt(M_MMAP_THRESHOLD, OWN_MAPPING_FROM)
    libc.mallopt(M_TRIM_THRESHOLD, KEEP_ON_TOP)
    _arrow_on_malloc()
    return True


def trim() -> None:
    """Ask glibc to return its free pages to the machine now (nothing elsewhere)."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
