"""What changed since an earlier export, drawn where other pages need it.

The Upload page's second slot and a line per earlier export (what it became in the
comparison); the "Since the earlier export" part of Root causes and Rep deep-dive; and the
close-date plays put first in the coaching plan of a rep who keeps pushing deals out.
"""

from __future__ import annotations

import streamlit as st

from analysis.changes import sentences as W
from analysis.changes import signals
from analysis.changes import views as V
from analysis.changes.states import export_day
from analysis.coaching.plan import Suggestion, pushing_plan
from analysis.kpis.labels import team_name
from analysis.words import formats as F
from analysis.words.catalogue import t
from ui import earlier, state
from ui.sections import section
from ui.text import plain, said

EXPORT_TYPES = ["xlsx", "xlsm", "xls", "ods", "csv", "txt", "tsv"]


def earlier_slot(lang: str) -> None:
    """Draw the slot for earlier exports and, under it, what each became in the comparison."""
    in_slot = st.file_uploader(
        t("changes_page.slot", lang),
        type=EXPORT_TYPES,
        accept_multiple_files=True,
        key=earlier.UPLOADER,
        help=t("changes_page.slot_help", lang),
    )
    with section("upload.earlier"), st.container(key="upload_earlier_lines"):
        exports = earlier.current_earlier()
        if not exports:
            return
        day = export_day(state.current()[1])
        usable = [e for e in exports if e.data is not None]
        roles = V.roles([*(e.day for e in usable), day])  # yours last, as compared
        taken = iter(roles)
        for export in exports:
            if export.errors:
                said_errors = " ".join(error.text(lang) for error in export.errors)
                st.warning(plain(said_errors), icon=":material/error:")
            elif export.data is None:
                st.warning(t("changes_page.no_deals", lang, name=plain(export.name)),
                           icon=":material/error:")  # fmt: skip
            else:
                st.caption(said(V.export_line(export.name, export.day, next(taken)), lang))
        mine = V.main_line(day, roles[-1]) if usable else None
        if mine is not None:
            st.caption(said(mine, lang))
        if not in_slot:  # the sample's, or taken before the page was left: no file to remove
            st.button(t("changes_page.clear", lang), key="upload_earlier_clear",
                      on_click=earlier.set_earlier_files, args=((),),
                      icon=":material/close:")  # fmt: skip


def since_earlier(key: str, lang: str, rep: str | None = None, team: str | None = None) -> None:
    """Draw what changed since the earlier export that concerns a rep, a team or everybody
    (nothing without an earlier export); a failure shows one sentence."""
    with section(key), st.container(key=key.replace(".", "_")):
        changes = earlier.current_changes()
        if changes is None:
            return
        found = signals.findings(changes)
        if rep is not None:
            found = [f for f in found if f.rep == rep]
        elif team is not None:
            members = set(changes.moves.loc[changes.moves["team"] == team, "rep"].dropna())
            found = [f for f in found if f.rep in members]
        st.subheader(t("changes_page.since", lang, day=F.day(changes.before, lang)))
        currency = changes.currencies[1]
        for finding in found:
            st.markdown("- " + said(W.finding(finding, changes, currency), lang))
        if not found:
            who = rep if rep is not None else team_name(team or "", lang)
            st.markdown(t("changes_page.since_nothing", lang, who=plain(who)))
        st.caption(t("changes_page.since_more", lang, page=t("nav.changes", lang)))


def with_pushing_plays(plan: list[Suggestion], rep: str) -> list[Suggestion]:
    """Return a rep's coaching plan with the close-date plays first when the rep keeps pushing
    deals out of the period; the plan as it is without an earlier export."""
    try:
        changes = earlier.current_changes()
    except Exception:  # the "Since the earlier export" part says so in its own sentence
        return plan
    pushed = None if changes is None else signals.pushers(changes).get(rep)
    if changes is None or pushed is None:
        return plan
    because = W.finding(pushed, changes, changes.currencies[1])
    return [*pushing_plan(because), *plan]
