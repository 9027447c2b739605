"""The one-to-one pack of one rep: against the team, what changed and why, the plan, the deals.

`rep_pack` builds it from the period's findings as a `Review` (`analysis.review.document`),
its texts written from the catalogue in the pack's language. Given the rep's deals
(`review.deals.rep_deals`), it also lists the deals lost in the period and the gap to the next
target with the open deals due (`review.deal_tables.rep_sections`).
"""

from __future__ import annotations

import pandas as pd

from analysis.charts.diagnosis import bridge_caption, rep_vs_team_chart, waterfall_chart
from analysis.kpis.labels import currency_symbol
from analysis.review import deep_dive as D
from analysis.review import findings as F
from analysis.review.deal_tables import rep_sections
from analysis.review.deals import RepDeals
from analysis.review.document import Block, Figure, Items, Review, Section, Text, compared
from analysis.words.catalogue import t
from analysis.words.message import text


def rep_pack(
    table: pd.DataFrame,
    findings: F.Findings,
    rep: str,
    currency: str | None,
    lang: str = "en",
    deals: RepDeals | None = None,
) -> Review:
    """Return one rep's one-to-one pack: against the team, what changed and why, the plan,
    and with `deals` the lost deals and the gap to the next target."""
    period = findings.period
    diagnosis = findings.of(rep)
    symbol = currency_symbol(currency)
    title = t("report.pack_title", lang, rep=rep, period=period)
    subtitle = t("report.pack_subtitle", lang, over=text(findings.compared_over, lang))
    versus = D.rep_vs_team(table, period, rep, currency)
    team: tuple[Block, ...] = (
        (Figure(rep_vs_team_chart(versus, rep, symbol, lang)),)
        if not versus.empty
        else (Text(t("report.pack_no_team", lang), "note"),)
    )
    spots = findings.weak_spots.get(rep, [])
    if spots:
        lines = (w.evidence.text(lang) for w in spots)
        team += tuple(Text(line[:1].upper() + line[1:]) for line in lines)
    changed: list[Block] = []
    if diagnosis is None:
        changed.append(Text(t("report.pack_inactive", lang, period=period), "note"))
    else:
        changed.append(Text(compared(period, diagnosis.reference, lang), "note"))
        if diagnosis.bridge is not None:
            typical = t(f"rootcauses.average.{findings.stats.idx.spec.grain}", lang)
            chart = waterfall_chart(diagnosis.bridge, typical, period, symbol, lang, wide=True)
            changed += [Figure(chart), Text(bridge_caption(diagnosis.bridge, lang), "footnote")]
        for cause in diagnosis.causes:
            line = F.cause_line(cause, currency).text(lang)
            changed.append(Text(line, strong=cause.label.text(lang)))
        if not diagnosis.causes:
            note = diagnosis.note.text(lang) if diagnosis.note else t("report.pack_no_cause", lang)
            changed.append(Text(note))
    plan = findings.plans.get(rep, [])
    steps: tuple[Block, ...] = (
        (Items(tuple((s.action.text(lang), s.because.text(lang)) for s in plan), numbered=True),)
        if plan
        else (Text(t("report.pack_no_plan", lang), "note"),)
    )
    sections = (
        Section("team", t("report.s_pack_team", lang), team),
        Section("changed", t("report.s_pack_changed", lang), tuple(changed)),
        Section("plan", t("report.s_pack_plan", lang), steps),
        *(rep_sections(deals, currency, lang) if deals is not None else ()),
    )
    return Review(title, subtitle, sections, lang)
