"""The Leads tab of the Pipeline & funnel page: lead response time and conversion."""

from __future__ import annotations

import streamlit as st

from analysis.dataset import Dataset
from analysis.periods import PeriodSpec


def show(data: Dataset, spec: PeriodSpec) -> None:
    """Draw lead response time and lead conversion (by response band and by source)."""
    st.info("Lead response and conversion are coming next.")
