"""Meeting mode & export: the review one screen at a time on the projector, and as files."""

import streamlit as st

from analysis.model.periods import current_and_previous
from analysis.render.html import html_report
from analysis.render.pdf import pdf_report
from analysis.render.workbook import report_workbook
from analysis.review.findings import Findings
from analysis.review.team_review import AUDIENCES, team_review
from analysis.words.catalogue import t
from ui import meeting_view as V
from ui import state
from ui.export_view import Export, export_panel
from ui.sections import Failed, attempt, need, section
from ui.text import plain

AUDIENCE = "meeting_audience"
st.session_state[AUDIENCE] = st.session_state.get(AUDIENCE, "named")  # kept while presenting
lang = state.lang()


def the_review(findings: Findings | None) -> tuple:
    """Return the data, KPI table, grain, period, findings, currency and the team review."""
    data, table, spec = state.current_kpis()
    choice = current_and_previous(data, spec)
    currency = data.currency
    audience = st.session_state[AUDIENCE]
    review = team_review(data, table, spec, choice, findings, currency, audience, lang)
    return data, table, spec, choice, findings, currency, review


found = attempt(lambda: state.current_findings()[2])  # without it, a review of the KPIs only
loaded = attempt(the_review, None if isinstance(found, Failed) else found)
if V.presenting() and not isinstance(loaded, Failed):
    with section("meeting.present"):
        V.present(loaded[-1])
    st.stop()

st.title(t("meeting.title", lang))
with section("meeting.findings"):
    need(found)  # says that the causes and the coaching are missing from the review
with section("meeting.review", stop=True):
    data, table, spec, choice, findings, currency, review = need(loaded)
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
