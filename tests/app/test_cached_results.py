"""The cached loads and page-ready results are shared, not copied (ui/loads.py, ui/memo.py):
visiting every page, and changing the period, the language and the rep, changes none of them."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import ui.memo
from tests.app.conftest import APP, open_page
from ui import loads

COMPUTED = ("read_files", "kpi_table", "find", "snapshot", "plan", "funnel_table", "forecast",
            "choose_period", "enps_frame")  # fmt: skip
PAGES = ("upload", "team_overview", "rep_deep_dive", "root_causes", "pipeline", "forecast",
         "changes", "customers", "team_health", "meeting")  # fmt: skip


def fingerprint(value: Any, depth: int = 0) -> Any:
    """Return what a value holds, comparable later: frames by their columns, types and cells
    (not by how pandas happens to keep them in memory), objects by their fields."""
    if depth > 12:
        return "…"
    if isinstance(value, pd.DataFrame | pd.Series | pd.Index):
        frame = value.to_frame() if isinstance(value, pd.Series) else value
        if isinstance(value, pd.Index):
            frame = value.to_frame(index=False)
        shape = (tuple(map(str, frame.columns)), tuple(map(str, frame.dtypes)))
        frame = pd.DataFrame(  # cells of any kind (lists, sentences) by what they say
            {i: col.map(repr) if col.dtype == object else col for i, (_, col) in
             enumerate(frame.items())}, index=frame.index)  # fmt: skip
        cells = pd.util.hash_pandas_object(frame, index=not isinstance(value, pd.Index))
        return shape, hashlib.sha256(cells.to_numpy().tobytes()).hexdigest()
    if isinstance(value, np.ndarray):
        return value.dtype.str, value.shape, hashlib.sha256(value.tobytes()).hexdigest()
    if isinstance(value, dict):
        return {repr(k): fingerprint(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
        return [fingerprint(v, depth + 1) for v in items]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        return type(value).__name__, fingerprint(fields, depth + 1)
    if hasattr(value, "__dict__") and not callable(value):
        return type(value).__name__, fingerprint(vars(value), depth + 1)
    return repr(value)


class Kept:
    """Every object a load or `memo` returned (and the data it was given), as it was then."""

    def __init__(self) -> None:
        self.first: dict[int, tuple[str, Any, Any]] = {}

    def note(self, name: str, value: Any) -> None:
        if id(value) not in self.first and value is not None:
            self.first[id(value)] = (name, value, fingerprint(value))

    def wrap(self, name: str, call: Callable[..., Any]) -> Callable[..., Any]:
        def kept(*args: Any, **kwargs: Any) -> Any:
            for arg in args[:1]:  # the dataset (or files) it works on
                self.note(f"{name}'s input", arg)
            result = call(*args, **kwargs)
            self.note(name, result)
            return result

        return kept

    def changed(self) -> list[str]:
        return [name for name, value, then in self.first.values() if fingerprint(value) != then]


def test_no_page_changes_what_is_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = Kept()
    for name in COMPUTED:
        monkeypatch.setattr(loads, name, kept.wrap(name, getattr(loads, name)))
    monkeypatch.setattr(ui.memo, "_kept", kept.wrap("memo", ui.memo._kept))  # a fresh session
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    for page in PAGES:
        open_page(at, f"pages/{page}.py")
    at.radio(key="period_grain").set_value("Month").run()
    at.radio(key="ui_language").set_value("nl").run()
    for page in ("pipeline", "rep_deep_dive", "team_overview"):
        open_page(at, f"pages/{page}.py")
    at.selectbox(key="overview_rep").select_index(2).run()
    open_page(at, "pages/rep_deep_dive.py")
    at.selectbox(key="rep_pick").select_index(3).run()
    assert not at.exception
    names = {name for name, _, _ in kept.first.values()}
    assert {"kpi_table", "find", "snapshot", "memo", "choose_period's input"} <= names  # dataset
    assert kept.changed() == []
