"""Customers: are they happy, do they come back, our share of the market, who buys the most."""

import streamlit as st

from analysis.charts import customers as charts
from analysis.customers import satisfaction as C
from analysis.customers import views as CV
from analysis.customers.accounts import TOP_ACCOUNTS
from analysis.customers.headline import headline, headline_sentence
from analysis.customers.retention import RETENTION_KEYS
from analysis.kpis.labels import kpi_definition, kpi_label
from analysis.kpis.registry import missing_inputs
from analysis.model import schema as S
from analysis.model.periods import compared_with, window_periods
from analysis.words.catalogue import t
from analysis.words.message import text
from ui import customers_view as V
from ui import state
from ui.chart_view import show
from ui.memo import chart, memo
from ui.pickers import team_pick
from ui.sections import section
from ui.text import plain

lang = state.lang()

# Guard: the data, a dated period and the team.
st.title(t("customers.title", lang))
with section("customers.data", stop=True):
    data, table, spec = state.current_kpis()
if S.DEALS not in data.tables and S.CUSTOMER_FEEDBACK not in data.tables:
    st.info(t("customers.no_data", lang))
    st.stop()
choice = memo("customers.choice", lambda: C.period_choice(data, spec))  # feedback alone: by it
if state.period_pick() not in (None, choice.current):
    choice = state.current_choice()
if choice.current is None:
    st.info(t("customers.no_dates", lang))
    st.stop()
current, currency = choice.current, data.currency
teams = memo("customers.teams", lambda: sorted(set(C.rep_teams(table).values())))
team = team_pick(
    "customers.team_pick", teams, key="customers_team", where=st.columns([1, 3])[0],
    disabled=not teams,
)  # fmt: skip
compared = t("customers.compared", lang, previous=text(compared_with(choice), lang))
st.caption(plain(f"{text(choice.note, lang)} {compared}"))
lacks = {
    key: [x.text(lang) for x in missing_inputs(data.tables, key)]
    for key in ("nps", *CV.SECTION_KPIS[2:])
}

with section("customers.headline"):
    window = C.window_label(window_periods(current, spec))
    found = memo("customers.headline", lambda: headline(data, table, spec, choice, team), team)
    if found is not None:
        with st.container(key="customers_headline"):
            st.subheader(plain(headline_sentence(found, window).text(lang)))
            shown = memo(
                "customers.cards", lambda: CV.headline_cards(found, data, table, team), team
            )
            V.draw_cards(shown, window, currency, lang)

names = ("satisfaction", "retention", "market", "accounts")
sat_tab, kept_tab, market_tab, accounts_tab = st.tabs(
    [t(f"customers.tab.{n}", lang) for n in names]
)
with sat_tab, section("customers.satisfaction"):
    if C.satisfaction_kind(data.tables.get(S.CUSTOMER_FEEDBACK)) is None:
        score = [V.feedback_field(S.SCORE, lang)]
        V.switch_on("satisfaction", lacks["nps"] or score, "feedback", lang)
    else:
        last_12 = V.last_12_pick("customers_sat_window", current, False, lang)
        sat = memo("customers.satisfaction", lambda: CV.satisfaction_view(data, table, spec,
                   current, team, last_12), team, last_12)  # fmt: skip
        with st.container(key="customers_sat_reps"):
            if sat.reps is None:
                rep = [V.feedback_field(S.REP, lang)]
                V.switch_on(f"sat_per_rep.{sat.kind}", rep, "map_it", lang)
            elif sat.reps.empty:
                st.info(t("customers.no_answers", lang, window=sat.window))
            else:
                title = sat.reps_title.text(lang)
                show(chart("customers.sat_reps", lambda: charts.satisfaction_chart(sat.reps,
                           sat.kind, title, C.MIN_ANSWERS, lang), team, last_12, lang))  # fmt: skip
        with st.container(key="customers_sat_trend"):
            if sat.trend.empty:
                st.info(t("customers.no_answers", lang, window=sat.trend_window))
            else:
                title = sat.trend_title.text(lang)
                show(chart("customers.sat_trend", lambda: charts.satisfaction_trend_chart(
                    sat.trend, sat.kind, title, sat.teams, lang), team, last_12, lang))  # fmt: skip
        st.caption(plain(kpi_definition(sat.kind, lang)))
with kept_tab, section("customers.retention"):
    if lacks["customer_retention"]:
        V.switch_on("retention", lacks["customer_retention"], CV.account_fix(data), lang)
    else:
        kept = memo("customers.retention", lambda: CV.retention_view(table, spec, current, team),
                    team)  # fmt: skip
        with st.container(key="customers_retention"):
            if kept.rows.empty:
                st.info(t("customers.retention.too_few", lang))
            else:
                early = t("customers.retention.early", lang)
                show(chart("customers.retention", lambda: charts.retention_chart(
                    kept.rows, kept.title.text(lang), early, lang=lang), team, lang))  # fmt: skip
        for key in RETENTION_KEYS:
            label, definition = kpi_label(key, lang), plain(kpi_definition(key, lang))
            st.caption(t("customers.definition", lang, label=label, definition=definition))
with market_tab, section("customers.market"):
    if lacks["market_share"]:
        V.switch_on("market", lacks["market_share"], "market", lang)
    else:
        market = memo("customers.market", lambda: CV.market_view(table, spec, current, currency))
        with st.container(key="customers_market"):
            if market.title is None:
                st.info(t("customers.market.none", lang))
            else:
                title = market.title.text(lang)
                show(chart("customers.market", lambda: charts.market_share_chart(
                    market.rows, title, market.symbol, lang=lang), lang))  # fmt: skip
        definition = kpi_definition("market_share", lang)
        if team:
            definition = t("customers.market.company_only", lang, definition=definition)
        st.caption(plain(definition))
with accounts_tab, section("customers.accounts"):
    if lacks["customer_retention"]:
        V.switch_on("accounts", lacks["customer_retention"], CV.account_fix(data), lang)
    else:
        last_12 = V.last_12_pick("customers_accounts_window", current, True, lang)
        acc = memo("customers.accounts", lambda: CV.accounts_view(data, table, spec, current, team,
                   last_12), team, last_12)  # fmt: skip
        if acc.accounts.empty:
            st.info(t("customers.accounts.none", lang, window=acc.window))
        else:
            left, right = st.columns(2)
            with left, st.container(key="customers_top_accounts"):
                title = acc.top_title.text(lang)
                show(chart("customers.top", lambda: charts.top_accounts_chart(acc.accounts, title,
                     acc.symbol, TOP_ACCOUNTS, lang), team, last_12, lang))  # fmt: skip
            with right, st.container(key="customers_concentration"):
                title = acc.curve_title.text(lang)
                show(chart("customers.curve", lambda: charts.concentration_chart(acc.accounts,
                     title, TOP_ACCOUNTS, lang=lang), team, last_12, lang))  # fmt: skip
            st.caption(plain(acc.note.text(lang)))

with section("customers.meaning"), st.expander(t("customers.meaning", lang)):
    st.dataframe(memo("customers.meaning", lambda: V.definitions(lang), lang), hide_index=True,
                 width="stretch")  # fmt: skip
