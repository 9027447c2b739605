"""Upload & mapping: read the export, show what it became, let the user correct it."""

import streamlit as st

from analysis import schema as S
from analysis.export import to_csv_bytes, to_xlsx_bytes
from analysis.quality import issues, quality_table
from ui import mapping_editor, state
from ui.text import plain

st.title("Upload & mapping")
st.caption(
    "Drop the export you already have — Salesforce, HubSpot, Pipedrive or any spreadsheet "
    "(.xlsx, .xls, .ods, .csv). Several files at once are fine."
)

left, right = st.columns([4, 1], vertical_alignment="center")
with left:
    st.file_uploader(
        "Your CRM export",
        type=["xlsx", "xlsm", "xls", "ods", "csv", "txt", "tsv"],
        accept_multiple_files=True,
        key="upload_file",
    )
with right:
    st.button("Try the sample data", key="upload_sample", width="stretch")

with st.expander("Apply a mapping you saved last time"):
    st.file_uploader("Saved mapping (.json)", type=["json"], key="upload_mapping")

upload = state.load_upload(state.files(), state.saved_mapping())
for error in upload.errors:
    st.error(plain(error))
if not upload.sheets:
    st.info("Nothing could be read from these files. Upload another export, or try the sample.")
    st.stop()
if state.saved_mapping() and not any(m.reason == "saved mapping" for m in upload.mappings.values()):
    st.warning("The saved mapping does not fit these sheets; the columns were recognised anew.")

summary = st.container()
st.subheader("Sheets and columns")
mappings = mapping_editor.render(upload, state.confirmed_mappings() or upload.mappings)
state.set_confirmed_mappings(mappings)
upload, data = state.current()

with summary:
    st.subheader("What we understood")
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Rows read", f"{data.rows_read:,}")
    c2.metric("Rows used", f"{data.rows_read - data.rows_set_aside:,}")
    c3.metric("Rows set aside", f"{data.rows_set_aside:,}")
    c4.metric("Tables found", f"{len(data.tables)}")
    st.caption(
        "Tables: " + (", ".join(S.table_label(t) for t in data.tables) or "none recognised yet")
    )
    for note in upload.notes:
        st.info(plain(note))

st.subheader("Data quality")
quality, aside, notes = st.tabs(["Quality report", "Rows set aside", "All notes"])
with quality, st.container(key="upload_quality"):
    st.dataframe(
        quality_table(data),
        hide_index=True,
        width="stretch",
        column_config={
            c: st.column_config.NumberColumn(format="localized")
            for c in ("Rows read", "Rows used", "Rows set aside")
        },
    )
with aside:
    if data.set_aside.empty:
        st.success("No row was set aside: every row read is used.")
    else:
        st.caption("Each row that could not be used, with the reason and its row in the file.")
        with st.container(key="upload_aside"):
            st.dataframe(data.set_aside, hide_index=True, width="stretch")
with notes:
    st.markdown("\n".join(f"- {plain(i)}" for i in issues(upload, data)) or "No notes.")

d1, d2, d3 = st.columns(3)
d1.download_button(
    "Download set-aside rows (CSV)",
    lambda: to_csv_bytes(data.set_aside),
    "salescope_set_aside.csv",
    "text/csv",
    key="upload_dl_csv",
    on_click="ignore",
)
d2.download_button(
    "Download quality report (Excel)",
    lambda: to_xlsx_bytes(
        {"Quality report": quality_table(data), "Rows set aside": data.set_aside}
    ),
    "salescope_quality.xlsx",
    key="upload_dl_xlsx",
    on_click="ignore",
)
d3.download_button(
    "Save this mapping (JSON)",
    lambda: upload.mapping_json(mappings),
    "salescope_mapping.json",
    "application/json",
    key="upload_dl_mapping",
    on_click="ignore",
)
