"""Root causes: why revenue moved, for the team and each team, and which reps need attention."""

import streamlit as st

from analysis.charts.diagnosis import bridge_caption, waterfall_chart
from analysis.kpis.labels import currency_symbol, team_name
from analysis.model.schema import ALL_TEAMS
from analysis.review import findings as F
from analysis.review.deals import BEHIND_CAUSE
from analysis.review.deals import who as whose_deals
from analysis.review.flagged import flagged_frame
from analysis.words.catalogue import t
from analysis.words.formats import UNKNOWN
from analysis.words.message import text
from ui import state
from ui.changes_view import since_earlier
from ui.chart_view import show
from ui.deals_view import deals_panel, reps_panel
from ui.memo import chart, memo
from ui.period_view import so_far_line
from ui.pickers import team_pick
from ui.sections import section
from ui.text import plain

lang = state.lang()
st.title(t("rootcauses.title", lang))
with section("rootcauses.findings", stop=True):  # every part below needs the findings
    data, table, found = state.current_findings()
if found is None or found.company is None:
    st.info(t("rootcauses.no_data", lang))
    st.stop()
currency = data.currency
symbol = currency_symbol(currency)
teams = {d.name: d for d in found.teams if d.name}
pick = team_pick("rootcauses.team", teams, key="rootcause_team")
chosen = found.company if pick is None else teams[pick]
reference = text(chosen.reference, lang)
compared = t("rootcauses.compared", lang, period=chosen.period, reference=reference)
st.caption(plain(compared))
so_far_line(state.current_choice(), lang)
with section("rootcauses.bridge"), st.container(key="rootcause_bridge"):
    st.subheader(plain(F.headline(chosen, currency).text(lang)))
    if chosen.bridge is not None:
        typical = t(f"rootcauses.average.{found.stats.idx.spec.grain}", lang)
        show(chart("rootcauses.bridge", lambda: waterfall_chart(chosen.bridge, typical,
                   chosen.period, symbol, lang=lang, wide=True), pick, lang))  # fmt: skip
        st.caption(bridge_caption(chosen.bridge, lang))
    else:
        st.info(chosen.note.text(lang) if chosen.note else t("rootcauses.no_earlier", lang))
    who = plain(team_name(pick or ALL_TEAMS, lang))
    for cause in chosen.causes:
        effect = plain(F.cause_effect(cause, currency).text(lang))  # and the share of the fall
        said = t("rootcauses.cause", lang, cause=plain(cause.label.text(lang)), who=who,
                 evidence=plain(cause.evidence.text(lang)), effect=effect)  # fmt: skip
        st.warning(said)
        if cause.code in BEHIND_CAUSE:  # the deals the cause is read from
            title = t("deals.behind_cause", lang, cause=cause.label.text(lang))
            deals_panel(data, found.stats.idx.spec, chosen.period, whose_deals(table, team=pick),
                        f"rootcause_deals_{cause.code}", lang, BEHIND_CAUSE[cause.code], title)  # fmt: skip

since_earlier("rootcauses.changes", lang, team=pick)  # with an earlier export: what moved since
st.subheader(t("rootcauses.attention", lang))
reps = [d for d in found.reps if pick is None or d.team == pick]
with section("rootcauses.flagged"), st.container(key="rootcause_flagged"):
    flagged = memo("rootcauses.flagged", lambda: flagged_frame(found, currency, lang), lang)
    if pick is not None:
        flagged = flagged[flagged.iloc[:, F.COLUMNS.index("team")] == pick]
    if flagged.empty:
        st.success(t("rootcauses.none_flagged", lang))
    else:
        st.dataframe(flagged, hide_index=True, width="stretch")
with section("rootcauses.flagged_deals"):  # the deals behind each flagged rep's first cause
    causes = {d.name: d.causes[0] for d in reps if d.status == "flagged" and d.causes and d.name}
    if causes:
        reps_panel(data, found.stats.idx.spec, found.period, causes, "rootcause_rep_deals", lang)
early = [d for d in reps if d.status == "insufficient_data"]
steady = [d.name for d in reps if d.status == "ok"]
left, right = st.columns(2)
with left, section("rootcauses.early"), st.container(key="rootcause_early"):
    st.markdown(t("rootcauses.too_early", lang))
    for d in early:
        st.markdown(f"- {plain(d.name)}: {plain(text(d.note, lang) or '')}")
    if not early:
        st.caption(t("rootcauses.all_enough", lang))
with right, section("rootcauses.steady"), st.container(key="rootcause_steady"):
    st.markdown(t("rootcauses.no_cause", lang))
    st.markdown(plain(", ".join(n for n in steady if n)) if steady else UNKNOWN)

with section("rootcauses.team_plan"):
    if found.team_plan:
        st.subheader(t("rootcauses.whole_team", lang))
    for suggestion in found.team_plan:
        action, because = plain(suggestion.action.text(lang)), plain(suggestion.because.text(lang))
        st.info(t("rootcauses.suggestion", lang, action=action, because=because))
with st.expander(t("rootcauses.method", lang)):
    st.markdown(plain(F.METHOD.text(lang)))
