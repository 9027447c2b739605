"""Salescope: navigation, app-wide sidebar and page setup. Each screen lives in pages/."""

import streamlit as st

from analysis.words.catalogue import t
from ui import earlier, memory, sidebar, state
from ui.sections import section

st.set_page_config(page_title="Salescope", page_icon=":material/insights:", layout="wide")
memory.keep_memory_low()  # the first run sets the allocators to give freed memory back

# The language switch is a widget of the sidebar, drawn below; its value from the run before
# is already in session state, so the page titles follow it from the run the switch starts.
lang = state.lang()
PAGES = [
    ("upload", ":material/upload_file:"),
    ("team_overview", ":material/groups:"),
    ("rep_deep_dive", ":material/person_search:"),
    ("root_causes", ":material/troubleshoot:"),
    ("pipeline", ":material/filter_alt:"),
    ("forecast", ":material/query_stats:"),
    ("changes", ":material/compare_arrows:"),
    ("customers", ":material/handshake:"),
    ("team_health", ":material/favorite:"),
    ("meeting", ":material/co_present:"),
]
pages = [
    st.Page(f"pages/{name}.py", title=t(f"nav.{name}", lang), icon=icon, default=name == "upload")
    for name, icon in PAGES
]
page = st.navigation(pages)
state.take_inputs()
earlier.take_earlier()  # after the main upload: a new upload drops the sample's earlier exports
if state.upload_lost():  # a reload could not bring the upload back: never pass the sample off
    st.warning(t("state.upload_lost", lang), icon=":material/history:")
with section("sidebar"):
    sidebar.render()
with section("page"):  # the last guard: a page's own sections catch what they can first
    page.run()
