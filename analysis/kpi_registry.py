"""The KPI registry: what every KPI means, in words shown to users, and how it is formatted.

One frozen `Kpi` per KPI of the product (see DESIGN.md). The calculations live in `kpis.py`;
screens, exports and the command line refer to KPIs by key and take labels, definitions and
formats from here. Values are stored in plain units: percentages as fractions (0.34 → "34%"),
NPS and eNPS as points from −100 to +100, money in the currency of the data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from analysis import schema as S

Unit = Literal["money", "percent", "count", "days", "hours", "score", "ratio"]
Scope = Literal["rep", "team", "all"]
ALL_SCOPES: tuple[Scope, ...] = ("rep", "team", "all")
# Keys of the JSON contract in DESIGN.md: never rename or remove one.
CONTRACT_KEYS = (
    "revenue",
    "win_rate",
    "avg_deal_size",
    "new_deals",
    "closed_deals",
    "won_deals",
    "cycle_days",
    "activities",
    "target_attainment",
    "enps",
)
MINUS = "\u2212"  # a real minus sign for money shown large ("−€110k")
CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "€": "€", "$": "$", "£": "£"}


@dataclass(frozen=True)
class Kpi:
    """One KPI: key, label and definition shown to users, unit and format, inputs, direction."""

    key: str
    label: str
    definition: str
    unit: Unit
    fmt: str  # a str.format pattern for the value in its unit (money without the currency)
    tables: tuple[str, ...]
    higher_is_better: bool | None  # None: neither direction is better (e.g. the target itself)
    variant: str | None = None  # the choice made where the KPI has several accepted variants
    needs: tuple[str, ...] = ()  # "table.column" inputs ("a|b": either one will do)
    scopes: tuple[Scope, ...] = ALL_SCOPES  # rep rows, team rows, whole-company rows


_D, _A, _L = S.DEALS, S.ACTIVITIES, S.LEADS
_MONEY, _PCT, _COUNT = "{:,.0f}", "{:.0%}", "{:,.0f}"
_ACTIVE = " Counted as 0 in a period without any, when the rep was active before and after it."


def _activity(kind: str, label: str, examples: str) -> Kpi:
    return Kpi(
        f"activities_{kind}",
        label,
        f"Number of {label.lower()} logged in the period: activities whose type reads like "
        f"{examples}." + _ACTIVE,
        "count",
        _COUNT,
        (_A,),
        True,
        needs=("activities.type",),
    )


_ALL_KPIS = (
    Kpi(
        "revenue",
        "Revenue",
        "Total amount of the deals won in the period, counted on the close date. A rep who had "
        "deals but won none in a period has revenue 0.",
        "money",
        _MONEY,
        (_D,),
        True,
        variant="won amount by close date; 0 when active without wins",
    ),
    Kpi(
        "target",
        "Target",
        "Revenue target for the period. A target for a longer period is spread evenly over its "
        "months (a yearly target gives a quarter a quarter of it); monthly targets are added up "
        "to quarters. A team's target is its own team target where one is given, otherwise the "
        "sum of its reps' targets; the company target likewise.",
        "money",
        _MONEY,
        (S.TARGETS,),
        None,
        variant="spread evenly by month; team target = team rows, else sum of rep rows",
    ),
    Kpi(
        "target_attainment",
        "Target attainment",
        "Revenue ÷ target for the period (100% = target met). Targets given only per team are "
        "not split over the team's reps: reps then have no attainment, the team does.",
        "percent",
        _PCT,
        (_D, S.TARGETS),
        True,
        variant="team targets are not split onto reps",
    ),
    Kpi(
        "win_rate",
        "Win rate",
        "Won deals ÷ (won + lost deals) closed in the period. Open deals do not count. Unknown "
        "in a period without closed deals.",
        "percent",
        _PCT,
        (_D,),
        True,
        variant="won / (won + lost), by close date",
    ),
    Kpi(
        "new_deals",
        "New deals (inquiries)",
        "Number of deals created in the period, by created date: the inflow of new business."
        + _ACTIVE,
        "count",
        _COUNT,
        (_D,),
        True,
        variant="inquiries counted as deals created",
        needs=("deals.created_date",),
    ),
    Kpi(
        "new_leads",
        "New leads",
        "Number of leads (inquiries) created in the period." + _ACTIVE,
        "count",
        _COUNT,
        (_L,),
        True,
    ),
    Kpi(
        "lead_conversion",
        "Lead conversion",
        "Share of the leads created in the period that were converted into a deal (so far). "
        "Leads whose outcome is blank are left out of the count.",
        "percent",
        _PCT,
        (_L,),
        True,
        variant="by the period the lead was created in",
        needs=("leads.converted|leads.converted_at",),
    ),
    Kpi(
        "closed_deals",
        "Closed deals",
        "Number of deals won or lost in the period, by close date." + _ACTIVE,
        "count",
        _COUNT,
        (_D,),
        True,
    ),
    Kpi(
        "won_deals",
        "Won deals",
        "Number of deals won in the period, by close date." + _ACTIVE,
        "count",
        _COUNT,
        (_D,),
        True,
    ),
    Kpi(
        "avg_deal_size",
        "Average deal size",
        "Average amount of the deals won in the period. Unknown (not 0) without won deals.",
        "money",
        _MONEY,
        (_D,),
        True,
        variant="mean of won deals",
    ),
    Kpi(
        "median_deal_size",
        "Median deal size",
        "The middle amount of the deals won in the period: half were bigger, half smaller. "
        "Less pulled up by one very large deal than the average.",
        "money",
        _MONEY,
        (_D,),
        True,
    ),
    Kpi(
        "cycle_days",
        "Sales cycle",
        "Median number of days from created to closed, for the deals won in the period. "
        "Deals closed before they were created (a data error) are left out.",
        "days",
        "{:,.0f} days",
        (_D,),
        False,
        variant="median, won deals only, by close date",
        needs=("deals.created_date",),
    ),
    Kpi(
        "activities",
        "Activities",
        "Number of activities (calls, meetings, e-mails, demos, …) logged in the period." + _ACTIVE,
        "count",
        _COUNT,
        (_A,),
        True,
    ),
    _activity("call", "Calls", "Call, Phone call, Bellen or Telefoon"),
    _activity("meeting", "Meetings", "Meeting, Visit, Afspraak or Bezoek"),
    _activity("email", "E-mails", "Email, E-mail or Mail"),
    _activity("demo", "Demos", "Demo or Presentation (a demo call counts as a demo)"),
    Kpi(
        "activities_per_won_deal",
        "Activities per won deal",
        "Activities logged in the period ÷ deals won in the period: the effort behind each win. "
        "Lower means more efficient selling. Unknown without won deals.",
        "ratio",
        "{:,.1f}",
        (_D, _A),
        False,
        variant="activities and wins of the same period; lower is better",
    ),
    Kpi(
        "revenue_per_activity",
        "Revenue per activity",
        "Revenue ÷ activities logged in the period. Unknown without activities.",
        "money",
        _MONEY,
        (_D, _A),
        True,
    ),
    Kpi(
        "revenue_per_rep",
        "Revenue per rep",
        "Revenue of the team (or company) ÷ the number of reps active in the period (reps "
        "with any deal, activity or lead between their first and last period in the data).",
        "money",
        _MONEY,
        (_D,),
        True,
        variant="per rep active in the period",
        scopes=("team", "all"),
    ),
    Kpi(
        "deals_per_rep",
        "Won deals per rep",
        "Deals won by the team (or company) ÷ the number of reps active in the period.",
        "ratio",
        "{:,.1f}",
        (_D,),
        True,
        variant="won deals per active rep",
        scopes=("team", "all"),
    ),
    Kpi(
        "pipeline_value",
        "Open pipeline",
        "Total amount of the deals that were open at the start of the period (created before "
        "it, not yet won or lost). Not shown for the first period of the data, whose earlier "
        "deals are unknown.",
        "money",
        _MONEY,
        (_D,),
        True,
        variant="snapshot at the start of the period",
        needs=("deals.created_date",),
    ),
    Kpi(
        "pipeline_velocity",
        "Pipeline velocity",
        "How much revenue the pipeline brings in per day: open deals at the start of the period "
        "× win rate × average deal size ÷ sales cycle in days (all of the period).",
        "money",
        "{:,.0f}/day",
        (_D,),
        True,
        variant="open deals at the start of the period; per day",
        needs=("deals.created_date",),
    ),
    Kpi(
        "pipeline_coverage",
        "Pipeline coverage",
        "Open pipeline at the start of the period ÷ the target still to be won then (the "
        "period's whole target). Pipeline divided by target, so higher is better: 3× means the "
        "open deals are worth three times the target.",
        "ratio",
        "{:,.1f}×",
        (_D, S.TARGETS),
        True,
        variant="pipeline ÷ remaining target, at the start of the period",
        needs=("deals.created_date",),
    ),
    Kpi(
        "lead_response_hours",
        "Lead response time",
        "Median hours from a lead coming in to its first response, for the leads created in "
        "the period that got one.",
        "hours",
        "{:,.1f} h",
        (_L,),
        False,
        variant="median, answered leads only",
        needs=("leads.first_response_at",),
    ),
    Kpi(
        "csat",
        "Customer satisfaction (CSAT)",
        "Average customer score on a 1–5 scale in the period. Used when the scores go no higher "
        "than 5; scores of 0–10 are read as NPS instead.",
        "score",
        "{:.1f}",
        (S.CUSTOMER_FEEDBACK,),
        True,
        variant="scale from the data: highest score ≤ 5 → CSAT",
    ),
    Kpi(
        "nps",
        "Net Promoter Score (NPS)",
        "% of customers scoring 9–10 (promoters) minus % scoring 0–6 (detractors), on a 0–10 "
        "scale, for the answers given in the period. From −100 to +100.",
        "score",
        "{:+.0f}",
        (S.CUSTOMER_FEEDBACK,),
        True,
        variant="promoters 9–10 minus detractors 0–6, by answer date",
    ),
    Kpi(
        "customer_retention",
        "Customer retention",
        "Share of the accounts that bought (won a deal) in the previous period that bought "
        "again in this period, from the same rep or team.",
        "percent",
        _PCT,
        (_D,),
        True,
        variant="repeat purchase, period over period",
        needs=("deals.account",),
    ),
    Kpi(
        "repeat_purchase_share",
        "Repeat-purchase share",
        "Share of the revenue won in the period that came from accounts that had already won a "
        "deal before (on an earlier day, with any rep). Won deals without an account are left "
        "out. Unknown in the first period of the data, whose earlier purchases are not in it. "
        "Neither direction is better by itself: high means loyal customers, low means new ones.",
        "percent",
        _PCT,
        (_D,),
        None,
        variant="won revenue from returning accounts, by close date",
        needs=("deals.account",),
    ),
    Kpi(
        "market_share",
        "Market share",
        "Company revenue ÷ total market revenue for the period (market figures of a longer "
        "period are spread evenly over its months; all segments added up).",
        "percent",
        "{:.1%}",
        (_D, S.MARKET),
        True,
        variant="company only; market spread evenly by month, segments added",
        scopes=("all",),
    ),
    Kpi(
        "enps",
        "Employee NPS (eNPS)",
        "% of staff answering 9–10 (promoters) minus % answering 0–6 (detractors) to 'how "
        "likely are you to recommend working here', for the answers in the period; 7–8 are "
        "passives. On a 1–10 scale detractors are 1–6. Per team, not per rep (answers are "
        "anonymous).",
        "score",
        "{:+.0f}",
        (S.EMPLOYEE_SURVEY,),
        True,
        variant="detractors ≤ 6 on 0–10 and 1–10 scales; teams and company only",
        scopes=("team", "all"),
    ),
)
KPIS: dict[str, Kpi] = {kpi.key: kpi for kpi in _ALL_KPIS}
# What the sample behind a KPI counts, in evidence lines ("34 closed deals now").
SAMPLE_WORDS = {
    "win_rate": "closed deals",
    "avg_deal_size": "won deals",
    "cycle_days": "won deals",
    "lead_response_hours": "leads answered",
    "nps": "answers",
    "csat": "answers",
}


def kpi(key: str) -> Kpi:
    """Return the registry entry of a KPI key (KeyError for an unknown key)."""
    return KPIS[key]


def currency_symbol(currency: str | None) -> str:
    """Return the symbol ("€") or code plus a space ("CHF ") to put before money amounts."""
    if not currency:
        return ""
    text = str(currency).strip()
    return CURRENCY_SYMBOLS.get(text.upper(), text + " ")


def short_money(value: float, symbol: str = "", signed: bool = False) -> str:
    """Return money the way the axis reads it: '€2.13M', '€57.4k' (3 significant digits, B not G).

    Negative values get a minus sign, positive ones a '+' when `signed`; zero is '€0'.
    """
    rounded = float(f"{abs(value):.3g}")
    if rounded < 0.5:
        return f"{symbol}0"
    text = f"{rounded:.3g}"
    for power, letter in ((12, "T"), (9, "B"), (6, "M"), (3, "k")):
        if rounded >= 10**power:
            text = f"{rounded / 10**power:.3g}{letter}"
            break
    sign = MINUS if value < 0 else ("+" if signed else "")
    return f"{sign}{symbol}{text}"


def format_value(kpi_key: str, value: float | None, currency: str | None = None) -> str:
    """Return a value as users read it: '€12,500', '34%', '12 days', '+33'; '—' when unknown."""
    if value is None or pd.isna(value):
        return "—"
    entry = KPIS[kpi_key]
    if entry.unit == "money":
        text = entry.fmt.format(abs(value))
        return ("-" if value < 0 else "") + currency_symbol(currency) + text
    if entry.unit == "days" and round(value) == 1:
        return "1 day"
    return entry.fmt.format(value)


def missing_inputs(tables: Mapping[str, pd.DataFrame], kpi_key: str) -> list[str]:
    """Return the tables and columns ('Leads: First response') a KPI lacks; empty when it can run."""
    entry = KPIS[kpi_key]
    missing = [S.table_label(t) for t in entry.tables if t not in tables or tables[t].empty]
    for need in entry.needs:
        options = [option.split(".") for option in need.split("|")]
        if any(t not in tables for t, _ in options):
            continue  # the missing table is reported already
        if not any(c in tables[t] and tables[t][c].notna().any() for t, c in options):
            labels = [f"{S.table_label(t)}: {S.TABLES[t].field(c).label}" for t, c in options]
            missing.append(" or ".join(labels))
    return missing
