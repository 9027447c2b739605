"""Drawing our Altair charts in Streamlit, the same way on every page."""

from __future__ import annotations

import altair as alt
import streamlit as st

from analysis.charts.overview import REP_PICK, picked_rep


def show(chart: alt.TopLevelMixin) -> None:
    """Draw a chart full width in our own style (Streamlit's theme would shrink bars and fonts)."""
    st.altair_chart(chart, width="stretch", theme=None)


def show_pickable(chart: alt.TopLevelMixin, key: str, picked: str) -> None:
    """Draw a chart whose rep bars a click picks (`charts.overview.REP_PICK`).

    A click (or a click beside the bars, which picks none) stores `(key, rep or None)` in the
    session state under `picked`: the page reads which bar of which chart was picked last.
    """

    def remember() -> None:
        st.session_state[picked] = (key, picked_rep(st.session_state[key].selection))

    st.altair_chart(
        chart,
        width="stretch",
        theme=None,
        key=key,
        on_select=remember,
        selection_mode=[REP_PICK],
    )
