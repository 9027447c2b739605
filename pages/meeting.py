"""Meeting mode & export: the review one screen at a time on the projector, and as files."""

import streamlit as st

from analysis import schema as S
from analysis.html_report import html_report
from analysis.overview import main_currency
from analysis.pdf_report import pdf_report
from analysis.periods import current_and_previous
from analysis.review import AUDIENCES, team_review
from analysis.texts import t
from analysis.workbook import report_workbook
from ui import meeting_view as V
from ui import state
from ui.export_view import Export, export_panel
from ui.text import plain

AUDIENCE = "meeting_audience"
st.session_state[AUDIENCE] = st.session_state.get(AUDIENCE, "named")  # kept while presenting
lang = state.lang()
data, table, findings = state.current_findings()
spec = state.current_kpis()[2]
choice = current_and_previous(data, spec, lang=lang)
currency = main_currency(data.tables.get(S.DEALS))
review = team_review(
    data, table, spec, choice, findings, currency, st.session_state[AUDIENCE], lang
)
if V.presenting():
    V.present(review)
    st.stop()

st.title(t("meeting.title", lang))
if not data.tables:
    st.warning(t("upload.no_data", lang))
    st.stop()
st.markdown(f"**{plain(review.title)}**  \n{plain(review.subtitle)}")
left, right = st.columns([3, 2])
with left:
    st.radio(
        t("meeting.audience", lang),
        AUDIENCES,
        format_func=lambda a: t(f"meeting.audience_{a}", lang),
        key=AUDIENCE,
        help=t("meeting.audience_help", lang),
    )
    V.start_button(lang)
    st.caption(t("meeting.keys", lang))
with right:
    st.markdown(t("meeting.screens", lang))
    st.markdown("\n".join(f"{n}. {plain(s.title)}" for n, s in enumerate(review.sections, 1)))

st.subheader(t("meeting.send", lang))
name = f"salescope_review_{choice.current or 'all'}"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
exports = [
    Export(
        "html", t("meeting.html", lang), f"{name}.html", "text/html", lambda: html_report(review)
    ),
    Export(
        "pdf", t("meeting.pdf", lang), f"{name}.pdf", "application/pdf", lambda: pdf_report(review)
    ),
    Export(
        "xlsx",
        t("meeting.xlsx", lang),
        f"{name}.xlsx",
        XLSX,
        lambda: report_workbook(data, table, spec, choice, findings, currency, lang),
    ),
]
made_from = (state.data_signature(), spec.grain, choice.current, st.session_state[AUDIENCE], lang)
export_panel(exports, made_from, lang, "meeting")
st.caption(t("meeting.send_hint", lang))
