"""Salescope: navigation, app-wide sidebar and page setup. Each screen lives in pages/."""

import streamlit as st

from ui import sidebar, state

st.set_page_config(page_title="Salescope", page_icon=":material/insights:", layout="wide")

pages = [
    st.Page(
        "pages/upload.py", title="Upload & mapping", icon=":material/upload_file:", default=True
    ),
    st.Page("pages/team_overview.py", title="Team overview", icon=":material/groups:"),
    st.Page("pages/rep_deep_dive.py", title="Rep deep-dive", icon=":material/person_search:"),
    st.Page("pages/root_causes.py", title="Root causes", icon=":material/troubleshoot:"),
    st.Page("pages/pipeline.py", title="Pipeline & funnel", icon=":material/filter_alt:"),
    st.Page("pages/customers.py", title="Customers", icon=":material/handshake:"),
    st.Page("pages/team_health.py", title="Team health", icon=":material/favorite:"),
    st.Page("pages/meeting.py", title="Meeting mode & export", icon=":material/co_present:"),
]
page = st.navigation(pages)
state.take_inputs()
sidebar.render()
page.run()
