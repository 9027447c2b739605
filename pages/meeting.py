"""Meeting mode & export: the review to send on (the presentation view is coming next)."""

import streamlit as st

from analysis import schema as S
from analysis.html_report import html_report
from analysis.overview import main_currency
from analysis.periods import current_and_previous
from analysis.workbook import report_workbook
from ui import state
from ui.placeholder import coming_next

coming_next(
    "Meeting mode & export",
    "A presentation view for the team meeting, and the report as PDF.",
)
data, table, findings = state.current_findings()
spec = state.current_kpis()[2]
choice = current_and_previous(data, spec)
if findings is None or choice.current is None:
    st.stop()
currency = main_currency(data.tables.get(S.DEALS))
st.subheader(f"Send the review of {choice.current} on")
left, right = st.columns(2)
left.download_button(
    "Download the review (HTML, opens offline)",
    lambda: html_report(data, table, spec, choice, findings, currency),
    f"salescope_review_{choice.current}.html",
    "text/html",
    key="meeting_dl_html",
    on_click="ignore",
)
right.download_button(
    "Download the numbers (Excel)",
    lambda: report_workbook(data, table, spec, choice, findings, currency),
    f"salescope_review_{choice.current}.xlsx",
    key="meeting_dl_xlsx",
    on_click="ignore",
)
st.caption(
    "The HTML page holds the team's KPIs, reps against target, why revenue moved, the reps who "
    "need attention and the team's next steps. The workbook holds every KPI per rep and team "
    "and period, the root causes, the coaching plan and the rows set aside."
)
