"""What changed: the current export against an earlier one of the same CRM.

Guard (an earlier export?) → the cached comparison (`ui/earlier.current_changes`) → its
sentences (`analysis.changes.sentences`), the flow's waterfall (`analysis.charts.changes`) and
the tables (`analysis.changes.views`), each section on its own.
"""

import streamlit as st

from analysis.changes import sentences as W
from analysis.changes import signals
from analysis.changes import views as V
from analysis.charts.changes import flow_chart
from analysis.kpis.labels import currency_symbol
from analysis.render.safe_export import to_csv_bytes
from analysis.words.catalogue import t
from ui import earlier, state
from ui.chart_view import show
from ui.sections import attempt, need, section
from ui.text import said

lang = state.lang()
st.title(t("changes.title", lang))
where = {"page": t("nav.upload", lang), "slot": t("changes_page.slot", lang)}
loaded = attempt(earlier.current_changes)
if loaded is None:
    if earlier.earlier_files():  # every earlier file unreadable or without deals
        st.warning(t("changes_page.unusable", lang, **where), icon=":material/error:")
    else:
        st.info(t("changes_page.none", lang, sample=t("upload.sample", lang), **where))
    st.stop()

with section("changes.summary"), st.container(key="changes_summary"):
    changes = need(loaded)
    currency = changes.currencies[1]
    st.caption(said(W.compared(changes), lang))
    st.markdown("#### " + said(W.flow_line(changes, currency), lang))
    for finding in signals.findings(changes):
        st.markdown("- " + said(W.finding(finding, changes, currency), lang))
    st.caption(said(W.matched(changes), lang))
    if (note := W.currency_note(changes)) is not None:
        st.warning(said(note, lang), icon=":material/currency_exchange:")

with section("changes.flow"):
    changes = need(loaded)
    st.subheader(t("changes_page.flow_heading", lang))
    left, right = st.columns([3, 2])
    by = left.radio(t("changes_page.whose", lang), V.BY, horizontal=True, key="changes_by",
                    format_func=lambda b: t(f"changes_page.whose_option.{b}", lang))  # fmt: skip
    name, who = None, None
    if by != "company":
        name = right.selectbox(t(f"changes_page.pick.{by}", lang), V.scopes(changes, by),
                               key=f"changes_{by}",
                               format_func=lambda n: said(V.scope_name(by, n), lang))  # fmt: skip
        who = V.scope_name(by, name).text(lang) if name is None else name
    flow = V.scope_flow(changes, by, name)
    with st.container(key="changes_flow"):
        show(flow_chart(flow, changes.period, (changes.before, changes.after),
                        currency_symbol(changes.currencies[1]), lang, who))  # fmt: skip
    st.caption(t("changes_page.flow_caption", lang, period=changes.period))

with section("changes.reps"), st.container(key="changes_reps"):
    changes = need(loaded)
    st.subheader(t("changes_page.reps_heading", lang))
    st.caption(t("changes_page.reps_caption", lang, period=changes.period))
    reps = V.written(V.rep_table(changes, changes.currencies[1]), lang)
    st.dataframe(reps, hide_index=True, width="stretch", height=min(35 * len(reps) + 38, 640))

with section("changes.deals"), st.container(key="changes_deals"):
    changes = need(loaded)
    st.subheader(t("changes_page.deals_heading", lang))
    counts = dict(V.category_counts(changes))
    code = st.selectbox(t("changes_page.which", lang), list(counts), key="changes_category",
                        format_func=lambda c: V.category_option(c, counts[c]).text(lang))  # fmt: skip
    deals = V.written(V.deals_table(changes, code, changes.currencies[1]), lang)
    st.dataframe(deals, hide_index=True, width="stretch", height=320 if len(deals) > 8 else "auto")
    kind = "".join(c if c.isalnum() else "_" for c in W.category(code).text(lang).lower())
    st.download_button(t("changes_page.download", lang), lambda: to_csv_bytes(deals),
                       t("changes_page.file", lang, category=kind, day=V.file_day(changes)),
                       "text/csv", key="changes_dl_deals", on_click="ignore",
                       icon=":material/download:")  # fmt: skip
