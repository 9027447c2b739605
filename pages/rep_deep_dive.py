"""Rep deep-dive: one rep against the team, what changed and why, and the coaching plan."""

import streamlit as st

from analysis.charts.diagnosis import bridge_caption, rep_vs_team_chart, waterfall_chart
from analysis.charts.overview import trend_chart
from analysis.kpis import overview as O
from analysis.kpis.labels import currency_symbol, kpi_label
from analysis.kpis.query import KpiTable
from analysis.kpis.registry import KPIS
from analysis.model.periods import trend_periods
from analysis.render.html import html_report
from analysis.render.pdf import pdf_report
from analysis.review import deep_dive as D
from analysis.review.deals import BEHIND_KPI, rep_deals, who
from analysis.review.document import Review
from analysis.review.findings import METHOD, cause_effect, sure_text
from analysis.review.rep_pack import rep_pack
from analysis.words.catalogue import t
from analysis.words.message import text
from ui import state
from ui.changes_view import since_earlier, with_pushing_plays
from ui.chart_view import show
from ui.deals_view import deals_panel, rep_deals_view
from ui.export_view import Export, export_panel
from ui.memo import chart, memo
from ui.period_view import so_far_line
from ui.sections import Failed, attempt, need, section
from ui.text import plain

TRENDS = ["revenue", "win_rate", "new_deals", "avg_deal_size", "cycle_days", "activities"]

lang = state.lang()
st.title(t("deepdive.title", lang))
with section("deepdive.data", stop=True):
    data, table, spec = state.current_kpis()
    choice = state.current_choice()
    period = choice.current
found = attempt(lambda: state.current_findings()[2])  # the parts needing it say when it fails
names, first = [], 0
if isinstance(found, Failed):  # without the findings, every rep in the KPI table
    names = KpiTable(table).reps()
elif found is not None:
    period, names = found.period, [d.name for d in found.reps if d.name]
    first = next((i for i, d in enumerate(found.reps) if d.status == "flagged"), 0)
if period is None or not names:
    st.info(t("deepdive.no_data", lang))
    st.stop()
currency = data.currency
symbol = currency_symbol(currency)
rep = st.selectbox(t("deepdive.rep", lang), names, index=first, key="rep_pick")
so_far_line(choice, lang)
with section("deepdive.status"):
    diagnosis = need(found).of(rep)
    assert diagnosis is not None
    causes = ", ".join(c.label.text(lang).lower() for c in diagnosis.causes)
    if diagnosis.status == "flagged":
        st.error(t("deepdive.flagged", lang, causes=plain(causes)), icon=":material/priority_high:")
    elif diagnosis.status == "ok":
        st.success(t("deepdive.ok", lang))
    else:
        st.info(t("deepdive.early", lang, note=plain(text(diagnosis.note, lang) or "")))
    compared = t("deepdive.compared", lang, period=period,
                 reference=text(diagnosis.reference, lang),
                 over=text(need(found).compared_over, lang))  # fmt: skip
    st.caption(plain(compared))

with (
    section("deepdive.vs_team"),
    st.container(key="deepdive_vs_team"),
):  # full width: values never cut
    show(chart("deepdive.vs_team", lambda: rep_vs_team_chart(D.rep_vs_team(table, period, rep,
               currency), rep, symbol, lang=lang), rep, lang))  # fmt: skip
with section("deepdive.bridge"), st.container(key="deepdive_bridge"):
    diagnosis = need(found).of(rep)
    if diagnosis.bridge is not None:
        typical = t(f"rootcauses.average.{spec.grain}", lang)
        show(chart("deepdive.bridge", lambda: waterfall_chart(diagnosis.bridge, typical, period,
                   symbol, lang=lang, wide=True), rep, lang))  # fmt: skip
        st.caption(bridge_caption(diagnosis.bridge, lang))
    for cause in diagnosis.causes:
        effect = cause_effect(cause, currency).text(lang)  # with the share of the fall
        if cause.shared_label is not None:
            other = cause.shared_label.text(lang).lower()
            effect = t("diagnosis.effect.counted_under", lang, other=other)
        said = t(
            "deepdive.cause",
            lang,
            cause=plain(cause.label.text(lang)),
            evidence=plain(cause.evidence.text(lang)),
            effect=plain(effect),
            sure=sure_text(cause.confidence).text(lang),
        )
        st.warning(said)

since_earlier("deepdive.changes", lang, rep=rep)  # with an earlier export: what moved since
with section("deepdive.plan"), st.container(key="deepdive_plan"):
    st.subheader(t("deepdive.plan", lang))
    spots, plan = need(found).weak_spots.get(rep, []), need(found).plans.get(rep, [])
    plan = with_pushing_plays(plan, rep)  # a rep who keeps pushing deals: close dates first
    if spots:
        behind = "; ".join(plain(w.evidence.text(lang)) for w in spots)
        st.markdown(t("deepdive.behind", lang, spots=behind))
    for number, suggestion in enumerate(plan, 1):
        step = t(
            "deepdive.step",
            lang,
            number=number,
            action=plain(suggestion.action.text(lang)),
            because=plain(suggestion.because.text(lang)),
            lever=plain(suggestion.lever.text(lang)),
        )
        st.markdown(step)
deals = attempt(lambda: memo("deepdive.deals", lambda: rep_deals(data, spec, period, rep,
                *state.current_pipeline()), rep))  # fmt: skip
with section("deepdive.deals"):  # the lost deals to go through, the deals due, the gap
    rep_deals_view(need(deals), currency, lang, rep)
    spots = [] if isinstance(found, Failed) else need(found).weak_spots.get(rep, [])
    first = BEHIND_KPI.get(spots[0].kpi, "lost") if spots else "lost"  # behind the weak spot
    deals_panel(data, spec, period, who(table, rep=rep), "deepdive_deals", lang, first)
with section("deepdive.pack"), st.container(key="deepdive_pack"):
    st.markdown(f"**{t('deepdive.pack', lang)}**")
    findings, shown = need(found), None if isinstance(deals, Failed) else deals

    def pack() -> Review:  # made when the files are made, once per rep and language
        return memo("deepdive.pack", lambda: rep_pack(table, findings, rep, currency, lang, shown),
                    rep, lang)  # fmt: skip

    name = t("deepdive.file", lang, rep=rep, period=period)
    exports = [
        Export("html", t("deepdive.pack_html", lang), f"{name}.html", "text/html",
               lambda: html_report(pack())),
        Export("pdf", t("deepdive.pack_pdf", lang), f"{name}.pdf", "application/pdf",
               lambda: pdf_report(pack())),
    ]  # fmt: skip
    export_panel(exports, (state.data_signature(), period, rep, lang), lang, "deepdive")

periods = memo("deepdive.periods", lambda: trend_periods(data, spec, period))
trend_key = st.selectbox(
    t("deepdive.trend", lang),
    TRENDS,
    format_func=lambda key: kpi_label(key, lang),
    key="deepdive_trend_kpi",
)
with section("deepdive.trend"), st.container(key="deepdive_trend"):
    label, unit = kpi_label(trend_key, lang), KPIS[trend_key].unit  # against the median rep
    show(chart("deepdive.trend", lambda: trend_chart(O.rep_trend_frame(table, trend_key, periods,
               rep), label, unit, rep, symbol, lang=lang), rep, trend_key, lang))  # fmt: skip
with st.expander(t("rootcauses.method", lang)):
    st.markdown(plain(METHOD.text(lang)))
