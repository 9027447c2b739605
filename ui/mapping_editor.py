"""The mapping editor of the Upload page: per sheet, its table and which column is which field."""

from __future__ import annotations

import streamlit as st

from analysis import schema as S
from analysis.ingest import RawSheet
from analysis.mapping import SheetMapping, remap, set_column
from analysis.upload import Upload
from ui.text import plain

NOT_HERE = "— not in this sheet —"
_SEEDED = "upload_editor_seeded"


def _how(mapping: SheetMapping, field: str) -> str:
    match = next((m for m in mapping.columns if m.field == field), None)
    if match is None:
        return ""
    if match.how in ("user", "saved mapping"):
        return "chosen by you" if match.how == "user" else "from your saved mapping"
    return f"matched by {match.how} · {match.confidence:.0%} sure"


def _sheet_editor(index: int, sheet: RawSheet, mapping: SheetMapping) -> SheetMapping:
    choices = list(S.TABLE_CHOICES)
    role_key = f"upload_role_{index}"
    _seed(role_key, mapping.table)
    role = st.selectbox(
        "Use this sheet as",
        choices,
        format_func=S.table_label,
        key=role_key,
        help="Pick another table if we recognised the sheet wrongly, or 'Not used' to skip it.",
    )
    if role != mapping.table:
        mapping = remap(mapping, sheet.frame, role)
    if role == S.IGNORE:
        st.caption(plain(mapping.reason or "This sheet is not used."))
        return mapping
    table = S.TABLES[role]
    st.caption(plain(table.description))
    columns = [str(c) for c in sheet.frame.columns]
    current = mapping.field_to_column()
    grid = st.columns(3)
    for n, field in enumerate(table.fields):
        label = field.label + (" (required)" if field.name in table.required else "")
        options = [NOT_HERE, *columns]
        chosen = current.get(field.name)
        with grid[n % 3]:
            key = f"upload_field_{index}_{role}_{field.name}"
            _seed(key, chosen if chosen in options else NOT_HERE)
            picked = st.selectbox(label, options, key=key)
            new = None if picked == NOT_HERE else picked
            if new != chosen:
                if new is None:
                    mapping = set_column(mapping, chosen, None)
                else:
                    mapping = set_column(mapping, new, field.name)
                current = mapping.field_to_column()
            st.caption(plain(_how(mapping, field.name)) or " ")
    missing = mapping.missing_required()
    if missing:
        st.warning(
            "This sheet cannot be used until a column is chosen for: "
            + ", ".join(plain(m.replace("_", " ")) for m in missing)
            + "."
        )
    unused = [m.column for m in mapping.columns if not m.field]
    if unused:
        st.caption("Columns not used: " + ", ".join(plain(c) for c in unused[:30]))
    return mapping


def render(upload: Upload, mappings: dict[str, SheetMapping]) -> dict[str, SheetMapping]:
    """Draw one editor per sheet and return the mapping as the user left it."""
    result: dict[str, SheetMapping] = {}
    for index, sheet in enumerate(upload.sheets):
        mapping = mappings.get(sheet.key, upload.mappings[sheet.key])
        title = f"{sheet.label} — {len(sheet.frame):,} rows → {S.table_label(mapping.table)}"
        if mapping.table != S.IGNORE and mapping.reason not in ("saved mapping", "set by you"):
            title += f" ({mapping.confidence:.0%} sure)"
        attention = (
            mapping.table == S.IGNORE or mapping.missing_required() or mapping.confidence < 0.7
        )
        if attention:
            title += " — please check"
        with st.expander(plain(title), expanded=bool(attention)):
            result[sheet.key] = _sheet_editor(index, sheet, mapping)
            st.caption("The first rows as read from the file:")
            st.dataframe(sheet.frame.head(5), hide_index=True, width="stretch")
    return result


def _seed(key: str, value: str) -> None:
    """Give a widget its value from the mapping when it is new or the upload changed."""
    if st.session_state.get(key) is None or key not in st.session_state.get(_SEEDED, set()):
        st.session_state[key] = value
        st.session_state.setdefault(_SEEDED, set()).add(key)


def forget_widgets() -> None:
    """Make every editor widget take its value from the mapping again (for a new upload).

    Deleting the keys is not enough: the browser sends the old widget values with the next
    run, so a new upload's second sheet would show the previous upload's choice.
    """
    st.session_state[_SEEDED] = set()
