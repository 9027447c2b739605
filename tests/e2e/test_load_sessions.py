"""Several people at once: each browser session uploads its own export and sees only its reps.

The small version of `python -m bench.load` (which runs ten sessions on the whole sample, then
twenty uploads of 100,000 deals in a row).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.load import PAGES, TARGET_MEMORY, report, run_load

pytestmark = pytest.mark.e2e


def test_two_sessions_at_once_each_see_only_their_own_reps(tmp_path: Path) -> None:
    # the sample's deals, targets and reps, on the pages that work out the most
    pages = tuple(p for p in PAGES if p[0] in ("team_overview", "rep_deep_dive", "pipeline"))
    result = run_load(2, tmp_path, forget=2, sheets=("Deals", "Targets", "Reps"), pages=pages)
    figures = report(result)
    assert figures["problems"] == []  # no error, no other session's (or the sample's) reps
    assert [len(v.seconds) for v in result.sessions] == [len(pages) + 1] * 2  # upload, pages
    assert result.end_mb <= TARGET_MEMORY * result.start_mb
