"""The deals behind a number, drawn: a pick of which deals, the table, and a safe download.

`deals_panel` is the piece a page puts under a KPI card, a root cause or a weak spot;
`rep_deals_view` draws a rep's lost deals, the gap to the next target and the open deals due
(Rep deep-dive). The deals come from `analysis.review.deals` and are written by
`analysis.review.deal_tables`; the download is the table as shown, made formula-safe by
`analysis.render.safe_export`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.diagnosis.causes import Cause
from analysis.kpis.labels import kpi_label
from analysis.model.dataset import Dataset
from analysis.model.periods import PeriodSpec, shift_period
from analysis.pipeline.snapshot import Snapshot
from analysis.render.safe_export import to_csv_bytes
from analysis.review import deals as D
from analysis.review.deal_tables import deals_count, deals_table
from analysis.words import formats as F
from analysis.words.catalogue import t
from ui import state
from ui.memo import memo
from ui.text import plain


def _about(kind: str, period: str, snap: Snapshot | None, due: str, lang: str) -> str:
    day = F.day(snap.as_of if snap is not None else None, lang)
    return t(f"deals.about.{kind}", lang, period=period, day=day, due=due)


def _file(frame: pd.DataFrame, period: str, lang: str) -> str:
    """Return the download's name: 'salescope_lost_deals_2026-Q3.csv', in the reader's words."""
    kinds = list(dict.fromkeys(frame["kind"].astype(str)))
    what = t(f"deals.kind.{kinds[0]}", lang) if len(kinds) == 1 else t("deals.col.deal", lang)
    slug = "".join(ch if ch.isalnum() else "_" for ch in what.lower()).strip("_")
    return t("deals.file", lang, kind=slug, period=period)


def deals_table_view(
    frame: pd.DataFrame,
    currency: str | None,
    period: str,
    key: str,
    lang: str,
    one_rep: bool = False,
    *,
    kept: tuple,
) -> None:
    """Draw deals as a table in the reader's language, with how many and a CSV download.

    `kept` names what decides `frame` beside the data and period shown: the table is written
    once for it and the language (`ui.memo`); the download is made when it is clicked.
    """
    st.caption(plain(memo("deals.count", lambda: deals_count(frame, currency, lang), *kept, lang)))
    if frame.empty:
        return
    written = memo("deals.table", lambda: deals_table(frame, currency, lang, one_rep),
                   *kept, lang, one_rep)  # fmt: skip
    with st.container(key=f"{key}_table"):
        st.dataframe(written, hide_index=True, width="stretch",
                     height=320 if len(written) > 8 else "auto")  # fmt: skip
    st.download_button(
        t("deals.download", lang),
        memo("deals.csv", lambda: to_csv_bytes(written), *kept, lang, one_rep),
        _file(frame, period, lang),
        "text/csv",
        key=f"{key}_download",
        on_click="ignore",
        icon=":material/download:",
    )


def _kind_pick(key: str, first: str, lang: str) -> str:
    kinds = list(D.KINDS)
    return st.selectbox(
        t("deals.which", lang),
        kinds,
        index=kinds.index(first) if first in kinds else 0,
        format_func=lambda k: t(f"deals.kind.{k}", lang),
        key=f"{key}_kind",
    )


def _deals(
    data: Dataset, spec: PeriodSpec, period: str, scope: D.Who, kind: str, key: str, lang: str
) -> None:
    """Draw the deals of one kind of a scope: what they are, the table and the download."""
    snap, due = None, period
    if kind in D.OPEN_KINDS:  # the open deals and the plan's period (cached; only when needed)
        snap, plan = state.current_pipeline()
        due = plan.period or shift_period(period, spec, 1)
    kept = ("behind", spec, period, kind, scope)
    frame = memo("deals.frame", lambda: D.deals_behind(data, spec, period, kind, scope, snap, due),
                 *kept)  # fmt: skip
    st.markdown(plain(_about(kind, period, snap, due, lang)))
    deals_table_view(frame, data.currency, period, f"{key}_{kind}", lang, kept=kept)


def deals_panel(
    data: Dataset,
    spec: PeriodSpec,
    period: str,
    scope: D.Who,
    key: str,
    lang: str,
    first: str = "won",
    title: str | None = None,
) -> None:
    """Draw, folded, a pick of which deals (`review.deals.KINDS`) of a scope and their table."""
    with st.expander(title or t("deals.behind", lang), icon=":material/list_alt:"):
        kind = _kind_pick(key, first, lang)
        _deals(data, spec, period, scope, kind, key, lang)


def reps_panel(
    data: Dataset, spec: PeriodSpec, period: str, causes: dict[str, Cause], key: str, lang: str
) -> None:
    """Draw, folded, a pick of a rep (with the rep's first cause) and the deals behind it."""
    with st.expander(t("deals.behind_reps", lang), icon=":material/list_alt:"):
        names = list(causes)
        rep = st.selectbox(
            t("deals.rep_pick", lang),
            names,
            format_func=lambda r: f"{r} — {causes[r].label.text(lang)}",
            key=f"{key}_rep",
        )
        first = D.BEHIND_CAUSE.get(causes[rep].code, "won")
        kind = _kind_pick(f"{key}_{names.index(rep)}", first, lang)
        _deals(data, spec, period, D.Who(frozenset([rep])), kind, f"{key}_rep", lang)


def rep_deals_view(deals: D.RepDeals, currency: str | None, lang: str, rep: str) -> None:
    """Draw a rep's lost deals of the period, the gap to the next target and the deals due
    (`deals`: the rep's, as the data and period shown decide them)."""
    st.subheader(t("deals.rep.lost", lang, period=deals.period))
    with st.container(key="deepdive_lost"):
        if deals.lost.empty:
            st.caption(t("deals.rep.no_lost", lang, period=deals.period))
        else:
            deals_table_view(deals.lost, currency, deals.period, "deepdive_lost", lang, True,
                             kept=("rep_lost", rep))  # fmt: skip
    st.subheader(t("deals.rep.gap", lang, period=deals.due_period))
    with st.container(key="deepdive_gap"):
        st.markdown(plain(D.plan_said(deals, currency).text(lang)))
        st.markdown(f"**{plain(t('deals.rep.due', lang, period=deals.due_period))}**")
        if deals.due.empty:
            st.caption(t("deals.rep.no_due", lang, period=deals.due_period))
        else:
            deals_table_view(deals.due, currency, deals.due_period, "deepdive_due", lang, True,
                             kept=("rep_due", rep))  # fmt: skip
        if not deals.slipped.empty:
            st.markdown(f"**{plain(t('deals.rep.slipped', lang))}**")
            deals_table_view(deals.slipped, currency, deals.period, "deepdive_slipped", lang,
                             True, kept=("rep_slipped", rep))  # fmt: skip


def bar_deals(
    data: Dataset, spec: PeriodSpec, period: str, rep: str, kpi: str, key: str, lang: str
) -> None:
    """Draw the deals behind a rep's bar of a KPI (`review.deals.BEHIND_BAR`): what, the table."""
    kinds = D.BEHIND_BAR.get(kpi)
    if not kinds:
        return
    snap, due = None, period
    if any(kind in D.OPEN_KINDS for kind in kinds):
        snap, plan = state.current_pipeline()
        due = plan.period or shift_period(period, spec, 1)
    kept = ("bar", spec, period, kinds, rep)
    frame = memo("deals.frame", lambda: D.deals_of_kinds(data, spec, period, kinds,
                 D.Who(frozenset([rep])), snap, due), *kept)  # fmt: skip
    with st.container(key=key, border=True):
        heading = t("deals.bar.title", lang, rep=rep, kpi=kpi_label(kpi, lang), period=period)
        st.subheader(plain(heading))
        about = _about("_".join(kinds), period, snap, due, lang)  # won_lost: a win rate's
        st.caption(plain(about + " " + t("deals.bar.clear", lang)))
        deals_table_view(frame, data.currency, period, key, lang, one_rep=True, kept=kept)
