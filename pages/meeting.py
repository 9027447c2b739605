"""Meeting mode & export: the review one screen at a time on the projector, and as files."""

import streamlit as st

from analysis.render.html import html_report
from analysis.render.pdf import pdf_report
from analysis.render.workbook import report_workbook
from analysis.review.team_review import AUDIENCES, team_review
from analysis.words.catalogue import t
from ui import meeting_view as V
from ui import state
from ui.earlier import current_changes, earlier_files
from ui.export_view import Export, export_panel
from ui.memo import memo
from ui.sections import Failed, attempt, need, section
from ui.text import plain

AUDIENCE = V.AUDIENCE
st.session_state[AUDIENCE] = st.session_state.get(AUDIENCE, "anonymous")  # names hidden first
lang = state.lang()


with section("meeting.data", stop=True):
    data, table, spec = state.current_kpis()
if not data.tables:
    st.title(t("meeting.title", lang))
    st.warning(t("upload.no_data", lang))
    st.stop()

choice = state.current_choice()
currency = data.currency
found = attempt(lambda: state.current_findings()[2])  # without it, a review of the KPIs only
findings = None if isinstance(found, Failed) else found
audience = st.session_state[AUDIENCE]
piped = attempt(state.current_pipeline)  # without it, the pipeline screen says so
source = {"files": [name for name, _ in state.files()], "sample": state.is_sample()}
pipeline = None if isinstance(piped, Failed) else piped
ahead = attempt(state.current_forecast)  # without it, the forecast screen works it out or says so
forecast = None if isinstance(ahead, Failed) else ahead
changed = attempt(current_changes)  # failed: the screen says so, the rest of the deck stands
known = None if isinstance(changed, Failed) else changed
changes = changed.error if isinstance(changed, Failed) else changed
earlier = earlier_files().digest  # what the comparison was made from, beside the data shown
loaded = attempt(memo, "meeting.review", lambda: team_review(data, table, spec, choice, findings,
                 currency, audience, lang, pipeline=pipeline, forecast=forecast, changes=changes,
                 **source), audience, lang, earlier, source["sample"])  # fmt: skip

if V.presenting() and not isinstance(loaded, Failed):
    with section("meeting.present"):
        V.present(loaded)
    st.stop()
st.title(t("meeting.title", lang))
with section("meeting.findings"):
    need(found)  # says that the causes and the coaching are missing from the review
with section("meeting.review", stop=True):
    review = need(loaded)
st.markdown(f"**{plain(review.title)}**  \n{plain(review.subtitle)}  \n{plain(review.source)}")
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
        lambda: report_workbook(
            data, table, spec, choice, findings, currency, lang, forecast, known
        ),
    ),
]
made_from = (state.data_signature(), earlier, spec.grain, choice.current,
             st.session_state[AUDIENCE], lang)  # fmt: skip
export_panel(exports, made_from, lang, "meeting")
st.caption(t("meeting.send_hint", lang))
