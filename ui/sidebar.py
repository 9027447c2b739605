"""The app-wide sidebar: which data is loaded, the period picker and the language switch."""

from __future__ import annotations

import streamlit as st

from analysis.model.periods import SO_FAR
from analysis.words.catalogue import LANGUAGES, t
from analysis.words.formats import day, number, plural
from analysis.words.message import Say
from ui import state
from ui.memo import memo
from ui.text import plain


def render() -> None:
    """Draw the data status, the period picker and the language switch in the sidebar."""
    lang = state.lang()
    with st.sidebar:
        upload, data = state.current()
        st.subheader(t("sidebar.data", lang))
        if state.is_sample():
            st.caption(t("sidebar.sample", lang))
        for name in upload.file_names:
            st.markdown(f":material/description: {plain(name)}")
        if data.tables:
            lines = [
                "- " + _count("sidebar.rows", len(frame), lang, table=t(f"tables.{name}", lang))
                for name, frame in data.tables.items()
            ]
            st.markdown("\n".join(lines))
        else:
            st.warning(t("sidebar.no_table", lang))
        span = memo("sidebar.span", data.date_range)
        if span is not None:
            first, last = day(span[0], lang), day(span[1], lang)
            st.caption(t("sidebar.closed", lang, first=first, last=last))
        if data.rows_set_aside:
            st.caption(_count("sidebar.set_aside", data.rows_set_aside, lang))
        st.radio(
            t("sidebar.period", lang),
            ["Quarter", "Month"],
            format_func=lambda grain: t(f"sidebar.{grain.lower()}", lang),
            key=state.PERIOD_KEY,
            horizontal=True,
        )
        _period_pick(lang)
        st.radio(
            t("sidebar.language", lang),
            list(LANGUAGES),
            format_func=LANGUAGES.__getitem__,
            key=state.LANGUAGE_KEY,
            horizontal=True,
            on_change=state.resend_choices,
        )


def _period_pick(lang: str) -> None:
    """Draw the pick of the period shown: the period in progress so far, or a complete one."""
    default, options = state.period_menu()  # cached: each works out how far the data reaches
    if not options:
        return
    if state.period_pick() not in options:  # another grain or other data: the default again
        st.session_state[state.PICK_KEY] = (
            default.current if default.current in options else options[0]
        )

    so_far = state.period_menu(SO_FAR)[0] if SO_FAR in options else None
    said = so_far and Say("periods.pick_so_far", label=so_far.current, days=so_far.so_far)

    def name(pick: str) -> str:
        return said.text(lang) if pick == SO_FAR and said else pick

    st.selectbox(t("sidebar.period_shown", lang), options, format_func=name, key=state.PICK_KEY)


def _count(key: str, n: int, lang: str, **values: str) -> str:
    """The text of `key` for a count, in its singular or plural form ('1 row', '3,031 rows')."""
    return t(f"{key}.{plural(n, lang)}", lang, n=number(n, lang), **values)
