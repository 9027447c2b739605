"""The allocators set to give freed memory back (analysis/allocator.py), on Linux's glibc."""

from __future__ import annotations

import json
import os
import subprocess
import sys

# Run in a fresh process: the heap of the test run (its free space, other threads) would decide
# where a block goes. Left to itself, glibc raises its threshold to the size of a freed mapped
# block: after a 20 MB array is freed, a 1.5 MB one sits in the heap and stays when freed.
PROBE = """
import ctypes, json, os, sys
import numpy as np
from analysis import allocator

class Mallinfo2(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in ("arena ordblks smblks hblks hblkhd usmblks "
                                               "fsmblks uordblks fordblks keepcost").split()]

libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = Mallinfo2
mapped = lambda: int(libc.mallinfo2().hblkhd)  # bytes in blocks with a mapping of their own
set_up = allocator.give_freed_back() if sys.argv[1] == "set" else False
big = np.ones(20_000_000 // 8)
del big
before = mapped()
block = np.ones(1_500_000 // 8)
during = mapped()
del block
allocator.trim()
print(json.dumps({"set": set_up, "during": during - before, "after": mapped() - before,
                  "arrow": os.environ.get("ARROW_DEFAULT_MEMORY_POOL")}))
"""


def _probe(how: str) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARROW_", "MALLOC_"))}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, how], capture_output=True, check=True, env=env
    )
    return json.loads(done.stdout)


def test_a_block_of_over_a_megabyte_gets_its_own_mapping_even_after_a_bigger_one_was_freed() -> (
    None
):
    probe = _probe("set")
    assert probe["during"] >= 1_500_000  # a mapping of its own …
    assert probe == {**probe, "set": True, "after": 0, "arrow": "system"}  # … given back at once
    # the same without the settings: the block is in the heap (this test can fail)
    assert _probe("leave") == {"set": False, "during": 0, "after": 0, "arrow": None}
