"""Salescope: navigation, app-wide sidebar and page setup. Each screen lives in pages/."""

import streamlit as st

from ui import sidebar

st.set_page_config(page_title="Salescope", page_icon="📈", layout="wide")

pages = [
    st.Page("pages/upload.py", title="Upload & mapping", icon="📤", default=True),
    st.Page("pages/team_overview.py", title="Team overview", icon="👥"),
    st.Page("pages/rep_deep_dive.py", title="Rep deep-dive", icon="🔎"),
    st.Page("pages/root_causes.py", title="Root causes", icon="🧭"),
    st.Page("pages/pipeline.py", title="Pipeline & funnel", icon="🪜"),
    st.Page("pages/customers.py", title="Customers", icon="🤝"),
    st.Page("pages/team_health.py", title="Team health", icon="💚"),
    st.Page("pages/meeting.py", title="Meeting mode & export", icon="🖥️"),
]
page = st.navigation(pages)
sidebar.render()
page.run()
