"""Page-ready results worked out once: a view, a written table or a chart's spec, kept across
reruns for the data shown, the period picked and the choices that shape it.

    view = memo("pipeline.view", lambda: V.pipeline_view(snap, plan, ...), team)

`make` may use only what the data and the sidebar's period decide (the cached loads of
`ui/state.py`) and the `key` given: two calls with the same name and key return the same
object, never copied, so nothing may change it (as with `ui/loads.py`, whose scopes (the
sample's shared, an upload's the session's own), time to live and test it shares). A `make` that raises is not kept: the page's section says
it failed, and the next run tries again.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import altair as alt
import streamlit as st

from ui import state
from ui.chart_view import Spec, spec_of
from ui.loads import HASH_FUNCS, TTL, Source, scoped

T = TypeVar("T")
ENTRIES = 96  # results kept at most, over all pages: the sample's, and each session's own


@scoped(
    functools.partial(
        st.cache_resource, max_entries=ENTRIES, ttl=TTL, show_spinner=False, hash_funcs=HASH_FUNCS
    )
)
def _kept(
    source: Source, grain: str, pick: str | None, name: str, key: tuple, _make: Callable[[], Any]
) -> Any:
    return _make()


def memo(name: str, make: Callable[[], T], *key: Hashable) -> T:
    """Return make(), worked out once per data shown, sidebar period, `name` and `key`."""
    return _kept(*state.scope(), name, key, make)


def chart(name: str, make: Callable[[], alt.TopLevelMixin], *key: Hashable) -> Spec:
    """Return the spec of the chart make() builds, built once per data, period and `key`."""
    return memo(f"chart {name}", lambda: spec_of(make()), *key)
