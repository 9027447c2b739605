"""The mapping editor of the Upload page: per sheet, its table and which column is which field."""

from __future__ import annotations

import streamlit as st

from analysis.model import schema as S
from analysis.read.mapping import SheetMapping, remap, set_column
from analysis.read.notes import (
    SAVED_MAPPING,
    SET_BY_YOU,
    field_label,
    field_names,
    said_by,
    table_about,
    table_label,
    value_reason,
)
from analysis.read.sheets import RawSheet
from analysis.read.upload import Upload
from analysis.words.catalogue import catalogue, t
from analysis.words.formats import number, percent
from ui.text import plain

NOT_HERE = t("upload.not_here")  # the choice of no column (a value; shown in the page's language)
_SEEDED = "upload_editor_seeded"
_DRAWN_IN = "upload_editor_language"


def _how(mapping: SheetMapping, field: str, lang: str) -> str:
    match = next((m for m in mapping.columns if m.field == field), None)
    if match is None:
        return ""
    if match.how in ("user", "saved mapping"):
        return t("upload.chosen_by_you" if match.how == "user" else "upload.from_saved", lang)
    if match.how == "values" and match.why:
        return value_reason(match.why, match.confidence).text(lang)
    sure = percent(match.confidence, lang)
    key = "upload.how." + match.how.replace(" ", "_")
    how = t(key, lang) if key in catalogue() else match.how
    return t("upload.matched", lang, how=how, sure=sure)


def _sheet_editor(index: int, sheet: RawSheet, mapping: SheetMapping, lang: str) -> SheetMapping:
    choices = list(S.TABLE_CHOICES)
    role_key = f"upload_role_{index}"
    _seed(role_key, mapping.table)
    role = st.selectbox(
        t("upload.use_as", lang),
        choices,
        format_func=lambda name: table_label(name).text(lang),
        key=role_key,
        help=t("upload.use_as_help", lang),
    )
    if role != mapping.table:
        mapping = remap(mapping, sheet.frame, role)
    if role == S.IGNORE:
        reason = mapping.reason.text(lang) if mapping.reason else t("upload.sheet_not_used", lang)
        st.caption(plain(reason))
        return mapping
    table = S.TABLES[role]
    st.caption(plain(table_about(role).text(lang)))
    columns = [str(c) for c in sheet.frame.columns]
    current = mapping.field_to_column()
    not_here = t("upload.not_here", lang)
    grid = st.columns(3)
    for n, field in enumerate(table.fields):
        label = field_label(role, field.name).text(lang)
        if field.name in table.required:
            label = t("upload.required", lang, label=label)
        options = [NOT_HERE, *columns]
        chosen = current.get(field.name)
        with grid[n % 3]:
            key = f"upload_field_{index}_{role}_{field.name}"
            _seed(key, chosen if chosen in options else NOT_HERE)
            picked = st.selectbox(
                label,
                options,
                format_func=lambda column: not_here if column == NOT_HERE else column,
                key=key,
            )
            new = None if picked == NOT_HERE else picked
            if new != chosen:
                if new is None:
                    mapping = set_column(mapping, chosen, None)
                else:
                    mapping = set_column(mapping, new, field.name)
                current = mapping.field_to_column()
            st.caption(plain(_how(mapping, field.name, lang)) or " ")
    missing = mapping.missing_required()
    if missing:
        fields = plain(field_names(role, missing).text(lang).replace("_", " "))
        st.warning(t("upload.missing", lang, fields=fields))
    unused = [m.column for m in mapping.columns if not m.field]
    if unused:
        shown = ", ".join(plain(c) for c in unused[:30])
        st.caption(t("upload.unused_columns", lang, columns=shown))
    return mapping


def render(
    upload: Upload, mappings: dict[str, SheetMapping], lang: str = "en"
) -> dict[str, SheetMapping]:
    """Draw one editor per sheet and return the mapping as the user left it."""
    if st.session_state.get(_DRAWN_IN, lang) != lang:
        _resend_choices()
    st.session_state[_DRAWN_IN] = lang
    result: dict[str, SheetMapping] = {}
    for index, sheet in enumerate(upload.sheets):
        mapping = mappings.get(sheet.key, upload.mappings[sheet.key])
        title = t(
            "upload.sheet_title",
            lang,
            sheet=sheet.label,
            rows=number(len(sheet.frame), lang),
            table=table_label(mapping.table).text(lang),
        )
        chosen = said_by(mapping.reason, SAVED_MAPPING) or said_by(mapping.reason, SET_BY_YOU)
        if mapping.table != S.IGNORE and not chosen:
            title += t("upload.sheet_sure", lang, sure=percent(mapping.confidence, lang))
        attention = (
            mapping.table == S.IGNORE or mapping.missing_required() or mapping.confidence < 0.7
        )
        if attention:
            title += t("upload.sheet_check", lang)
        with st.expander(plain(title), expanded=bool(attention)):
            result[sheet.key] = _sheet_editor(index, sheet, mapping, lang)
            st.caption(t("upload.first_rows", lang))
            st.dataframe(sheet.frame.head(5), hide_index=True, width="stretch")
    return result


def _seed(key: str, value: str) -> None:
    """Give a widget its value from the mapping when it is new or the upload changed."""
    if st.session_state.get(key) is None or key not in st.session_state.get(_SEEDED, set()):
        st.session_state[key] = value
        st.session_state.setdefault(_SEEDED, set()).add(key)


def _resend_choices() -> None:
    """Send every choice to the browser again, so it shows it in the new language.

    The browser keeps a select box's choice as the text it showed ("Activities"); after a
    change of language that text is no longer among the options and stays on screen. The
    choice itself is kept; setting it again makes Streamlit send its new text ("Activiteiten").
    """
    for key in st.session_state.get(_SEEDED, set()):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def forget_widgets() -> None:
    """Make every editor widget take its value from the mapping again (for a new upload).

    Deleting the keys is not enough: the browser sends the old widget values with the next
    run, so a new upload's second sheet would show the previous upload's choice.
    """
    st.session_state[_SEEDED] = set()
