"""Rep deep-dive: one rep against the team, what changed and why, and the coaching plan."""

import streamlit as st

from analysis import deep_dive as D
from analysis import overview as O
from analysis import schema as S
from analysis.charts import rep_vs_team_chart, trend_chart, waterfall_chart
from analysis.findings import METHOD, effect_text, sure_text
from analysis.html_report import html_report
from analysis.kpi_registry import KPIS, currency_symbol
from analysis.pdf_report import pdf_report
from analysis.periods import all_periods
from analysis.review import rep_pack
from analysis.texts import t
from ui import state
from ui.chart_view import show
from ui.export_view import Export, export_panel
from ui.text import plain

TRENDS = ["revenue", "win_rate", "new_deals", "avg_deal_size", "cycle_days", "activities"]

st.title("Rep deep-dive")
lang = state.lang()
data, table, found = state.current_findings()
if found is None or not found.reps:
    st.info("Load an export with deals per rep on the Upload & mapping page to see one rep.")
    st.stop()
currency = O.main_currency(data.tables.get(S.DEALS))
symbol = currency_symbol(currency)
names = [d.name for d in found.reps if d.name]
first = next((i for i, d in enumerate(found.reps) if d.status == "flagged"), 0)
rep = st.selectbox("Rep", names, index=first, key="rep_pick")
diagnosis = found.of(rep)
assert diagnosis is not None
causes = ", ".join(c.label.lower() for c in diagnosis.causes)
if diagnosis.status == "flagged":
    st.error(f"**Needs attention**: {plain(causes)}.", icon=":material/priority_high:")
elif diagnosis.status == "ok":
    st.success("**No cause found**: nothing changed that is both big and clearly not noise.")
else:
    st.info(f"**Too early to judge**: {plain(diagnosis.note)}")
st.caption(
    plain(
        f"{found.period} compared with {diagnosis.reference}; against the team over "
        f"{found.compared_over}."
    )
)

left, right = st.columns([1, 1])
with left, st.container(key="deepdive_vs_team"):
    show(rep_vs_team_chart(D.rep_vs_team(table, found.period, rep, currency), rep, symbol))
with right, st.container(key="deepdive_bridge"):
    if diagnosis.bridge is not None:
        typical = "Average " + found.stats.idx.spec.grain
        show(waterfall_chart(diagnosis.bridge, typical, found.period, symbol))
    for cause in diagnosis.causes:
        effect = effect_text(cause.contribution, currency)
        if cause.shared_with:
            effect = f"counted under {cause.shared_with.lower()}"
        st.warning(
            f"**{plain(cause.label)}**: {plain(cause.evidence)}. Effect on revenue: "
            f"{plain(effect)}; {sure_text(cause.confidence)}."
        )

spots = found.weak_spots.get(rep, [])
plan = found.plans.get(rep, [])
with st.container(key="deepdive_plan"):
    st.subheader("Coaching plan")
    if spots:
        st.markdown("**Behind the team:** " + "; ".join(plain(w.evidence) for w in spots) + ".")
    for number, suggestion in enumerate(plan, 1):
        st.markdown(
            f"{number}. {plain(suggestion.action)}  \n"
            f"   *Why:* {plain(suggestion.because)} · *{plain(suggestion.lever)}*"
        )
    st.markdown(f"**{t('deepdive.pack', lang)}**")
    pack = rep_pack(table, found, rep, currency, lang)
    name = f"one-to-one {rep} {found.period}"
    exports = [
        Export("html", t("deepdive.pack_html", lang), f"{name}.html", "text/html",
               lambda: html_report(pack)),
        Export("pdf", t("deepdive.pack_pdf", lang), f"{name}.pdf", "application/pdf",
               lambda: pdf_report(pack)),
    ]  # fmt: skip
    export_panel(exports, (state.data_signature(), found.period, rep, lang), lang, "deepdive")

periods = all_periods(data, found.stats.idx.spec)
periods = periods[: periods.index(found.period) + 1][-8:]
trend_key = st.selectbox(
    "Trend", TRENDS, format_func=lambda k: KPIS[k].label, key="deepdive_trend_kpi"
)
with st.container(key="deepdive_trend"):
    trend = O.trend_frame(table, trend_key, periods, None, rep)
    show(trend_chart(trend, KPIS[trend_key].label, KPIS[trend_key].unit, rep, symbol))
with st.expander("How Salescope decides"):
    st.markdown(plain(METHOD))
