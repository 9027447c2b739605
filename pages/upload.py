"""Upload & mapping: read the export, show what it became, let the user correct it."""

import streamlit as st

from analysis.read.no_sales import why_no_sales
from analysis.read.notes import SAVED_MAPPING, said_by, table_label
from analysis.render.data_quality import issue_texts, quality_table, set_aside_table
from analysis.render.safe_export import to_csv_bytes, to_xlsx_bytes
from analysis.words.catalogue import t
from analysis.words.formats import number
from ui import mapping_editor, state
from ui.changes_view import EXPORT_TYPES, earlier_slot
from ui.loads import load_upload
from ui.sections import section
from ui.text import plain

lang = state.lang()
st.title(t("nav.upload", lang))
st.caption(t("upload.caption", lang, n_limit=st.get_option("server.maxUploadSize")))  # per file

left, right = st.columns([4, 1], vertical_alignment="center")
with left:
    st.file_uploader(
        t("upload.file", lang),
        type=EXPORT_TYPES,
        accept_multiple_files=True,
        key="upload_file",
    )
with right:
    st.button(t("upload.sample", lang), key="upload_sample", width="stretch")
with st.columns([4, 1])[0]:
    earlier_slot(lang)  # earlier exports of the same CRM: the What changed page

with st.expander(t("upload.saved", lang)):
    st.file_uploader(t("upload.saved_file", lang), type=["json"], key="upload_mapping")
    if state.SAVED_REFUSED in st.session_state:
        name = plain(st.session_state[state.SAVED_REFUSED])
        st.error(t("upload.saved_refused", lang, name=name))

with section("upload.read", stop=True):
    upload = load_upload(state.files(), state.saved_mapping())
for error in upload.errors:
    st.error(plain(error.text(lang)))
if not upload.sheets:
    st.info(t("upload.nothing_read", lang))
    st.stop()
if state.saved_mapping() and not any(
    said_by(m.reason, SAVED_MAPPING) for m in upload.mappings.values()
):
    st.warning(t("upload.saved_no_fit", lang))

summary = st.container()
st.subheader(t("upload.sheets", lang))
with section("upload.mapping", stop=True):  # everything below is built with this mapping
    mappings = mapping_editor.render(upload, state.confirmed_mappings() or upload.mappings, lang)
    if state.set_confirmed_mappings(upload, mappings):
        st.rerun()  # the sidebar, drawn before this page, shows the data of the new mapping
    upload, data = state.current()

with summary, section("upload.summary"):
    if no_sales := why_no_sales(upload, data):  # the other pages would stay empty
        st.error(plain(no_sales.text(lang)), icon=":material/block:")
    st.subheader(t("upload.understood", lang))
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("upload.rows_read", lang), number(data.rows_read, lang))
    c2.metric(t("upload.rows_used", lang), number(data.rows_read - data.rows_set_aside, lang))
    c3.metric(t("upload.rows_set_aside", lang), number(data.rows_set_aside, lang))
    c4.metric(t("upload.tables_found", lang), number(len(data.tables), lang))
    found = ", ".join(table_label(name).text(lang) for name in data.tables)
    st.caption(t("upload.tables_line", lang, tables=found or t("upload.no_tables", lang)))
    for note in upload.notes:
        st.info(plain(note.text(lang)))

counts = [t(f"upload.{key}", lang) for key in ("rows_read", "rows_used", "rows_set_aside")]
st.subheader(t("upload.quality_heading", lang))
quality, aside, notes = st.tabs(
    [t(f"upload.{key}", lang) for key in ("tab_quality", "tab_set_aside", "tab_notes")]
)
with quality, section("upload.quality"), st.container(key="upload_quality"):
    quality_report = quality_table(data, lang)
    written = {c: lambda n: number(n, lang) for c in counts}  # '3.998' in Dutch, not the browser's
    st.dataframe(quality_report.style.format(written), hide_index=True, width="stretch")
with aside, section("upload.set_aside"):
    set_aside = set_aside_table(data, lang)
    if set_aside.empty:
        st.success(t("upload.nothing_set_aside", lang))
    else:
        st.caption(t("upload.set_aside_caption", lang))
        with st.container(key="upload_aside"):
            st.dataframe(set_aside, hide_index=True, width="stretch")
with notes, section("upload.notes"):
    said = issue_texts(upload, data, lang)
    st.markdown("\n".join(f"- {plain(i)}" for i in said) or t("upload.no_notes", lang))

with section("upload.downloads"):
    d1, d2, d3 = st.columns(3)
    d1.download_button(
        t("upload.download_set_aside", lang),
        lambda: to_csv_bytes(set_aside_table(data, lang)),  # made on click, on its own
        t("upload.file_set_aside", lang),
        "text/csv",
        key="upload_dl_csv",
        on_click="ignore",
    )
    d2.download_button(
        t("upload.download_quality", lang),
        lambda: to_xlsx_bytes(
            {
                t("upload.tab_quality", lang): quality_table(data, lang),
                t("upload.tab_set_aside", lang): set_aside_table(data, lang),
            }
        ),
        t("upload.file_quality", lang),
        key="upload_dl_xlsx",
        on_click="ignore",
    )
    d3.download_button(
        t("upload.download_mapping", lang),
        lambda: upload.mapping_json(mappings),
        "salescope_mapping.json",
        "application/json",
        key="upload_dl_mapping",
        on_click="ignore",
    )
