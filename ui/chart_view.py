"""Drawing our Altair charts in Streamlit, the same way on every page.

A chart is drawn from its Vega-Lite spec (`spec_of`): the spec Streamlit itself makes of an
Altair chart, but without checking it against the Vega-Lite schema on every run, which costs
more than building the chart (the charts' own tests in tests/unit/charts check them). A page
can keep the spec of a chart that takes a while to build with `ui.memo.chart`.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

import altair as alt
import streamlit as st
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

from analysis.charts.overview import REP_PICK, picked_rep

Spec = dict[str, Any]  # a chart as Streamlit draws it: Vega-Lite, its data as Arrow bytes


def spec_of(chart: alt.TopLevelMixin) -> Spec:
    """Return the chart as Streamlit's Vega-Lite spec (data as Arrow), without schema checks."""
    quick = chart.copy(deep=False)
    object.__setattr__(quick, "to_dict", functools.partial(quick.to_dict, validate=False))
    return _convert_altair_to_vega_lite_spec(quick)


def _spec(chart: alt.TopLevelMixin | Spec) -> Spec:
    """The spec to draw: a kept one copied (Streamlit fills in some of its parts as it draws)."""
    return copy.deepcopy(chart) if isinstance(chart, dict) else spec_of(chart)


def show(chart: alt.TopLevelMixin | Spec) -> None:
    """Draw a chart (or its spec) full width in our own style (Streamlit's theme would shrink
    bars and fonts)."""
    st.vega_lite_chart(_spec(chart), width="stretch", theme=None)


def show_pickable(chart: alt.TopLevelMixin | Spec, key: str, picked: str) -> None:
    """Draw a chart whose rep bars a click picks (`charts.overview.REP_PICK`).

    A click (or a click beside the bars, which picks none) stores `(key, rep or None)` in the
    session state under `picked`: the page reads which bar of which chart was picked last.
    """

    def remember() -> None:
        st.session_state[picked] = (key, picked_rep(st.session_state[key].selection))

    st.vega_lite_chart(
        _spec(chart),
        width="stretch",
        theme=None,
        key=key,
        on_select=remember,
        selection_mode=[REP_PICK],
    )
