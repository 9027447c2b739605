"""The KPI registry: what every KPI means, in words shown to users, and how it is formatted.

One frozen `Kpi` per KPI of the product (see DESIGN.md). The calculations live in `kpis.py`;
screens, exports and the command line refer to KPIs by key and take labels, definitions and
formats from here. Values are stored in plain units: percentages as fractions (0.34 → "34%"),
NPS and eNPS as points from −100 to +100, money in the currency of the data.

The words live in the catalogue, `analysis/words/sentences/kpis.toml` (`kpis.<key>.label`,
`.definition`, `.variant`, English and Dutch side by side): each `Kpi` takes its English from
there, so a text exists once and the two languages cannot drift apart. `format_value` writes
values in either language through `analysis/words/formats.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from analysis.model import schema as S
from analysis.read.notes import field_label, table_label
from analysis.words.catalogue import DEFAULT, catalogue, t
from analysis.words.message import Say, joined

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


def _kpi(
    key: str,
    unit: Unit,
    fmt: str,
    tables: tuple[str, ...],
    higher_is_better: bool | None,
    needs: tuple[str, ...] = (),
    scopes: tuple[Scope, ...] = ALL_SCOPES,
) -> Kpi:
    """A registry entry whose label, definition and variant are the catalogue's English."""
    variant = catalogue().get(f"kpis.{key}.variant")
    return Kpi(
        key,
        t(f"kpis.{key}.label"),
        t(f"kpis.{key}.definition"),
        unit,
        fmt,
        tables,
        higher_is_better,
        variant=variant[DEFAULT] if variant else None,
        needs=needs,
        scopes=scopes,
    )


_ALL_KPIS = (
    _kpi("revenue", "money", _MONEY, (_D,), True),
    _kpi("target", "money", _MONEY, (S.TARGETS,), None),
    _kpi("target_attainment", "percent", _PCT, (_D, S.TARGETS), True),
    _kpi("win_rate", "percent", _PCT, (_D,), True),
    _kpi("new_deals", "count", _COUNT, (_D,), True, needs=("deals.created_date",)),
    _kpi("new_leads", "count", _COUNT, (_L,), True),
    _kpi(
        "lead_conversion",
        "percent",
        _PCT,
        (_L,),
        True,
        needs=("leads.converted|leads.converted_at",),
    ),
    _kpi("closed_deals", "count", _COUNT, (_D,), True),
    _kpi("won_deals", "count", _COUNT, (_D,), True),
    _kpi("avg_deal_size", "money", _MONEY, (_D,), True),
    _kpi("median_deal_size", "money", _MONEY, (_D,), True),
    _kpi("cycle_days", "days", "{:,.0f} days", (_D,), False, needs=("deals.created_date",)),
    _kpi("activities", "count", _COUNT, (_A,), True),
    *(
        _kpi(f"activities_{kind}", "count", _COUNT, (_A,), True, needs=("activities.type",))
        for kind in ("call", "meeting", "email", "demo")
    ),
    _kpi("activities_per_won_deal", "ratio", "{:,.1f}", (_D, _A), False),
    _kpi("revenue_per_activity", "money", _MONEY, (_D, _A), True),
    _kpi("revenue_per_rep", "money", _MONEY, (_D,), True, scopes=("team", "all")),
    _kpi("deals_per_rep", "ratio", "{:,.1f}", (_D,), True, scopes=("team", "all")),
    _kpi("pipeline_value", "money", _MONEY, (_D,), True, needs=("deals.created_date",)),
    _kpi("pipeline_velocity", "money", "{:,.0f}/day", (_D,), True, needs=("deals.created_date",)),
    _kpi(
        "pipeline_coverage",
        "ratio",
        "{:,.1f}×",
        (_D, S.TARGETS),
        True,
        needs=("deals.created_date",),
    ),
    _kpi(
        "lead_response_hours",
        "hours",
        "{:,.1f} h",
        (_L,),
        False,
        needs=("leads.first_response_at",),
    ),
    _kpi("csat", "score", "{:.1f}", (S.CUSTOMER_FEEDBACK,), True),
    _kpi("nps", "score", "{:+.0f}", (S.CUSTOMER_FEEDBACK,), True),
    _kpi("customer_retention", "percent", _PCT, (_D,), True, needs=("deals.account",)),
    _kpi("repeat_purchase_share", "percent", _PCT, (_D,), None, needs=("deals.account",)),
    _kpi("market_share", "percent", "{:.1%}", (_D, S.MARKET), True, scopes=("all",)),
    _kpi("enps", "score", "{:+.0f}", (S.EMPLOYEE_SURVEY,), True, scopes=("team", "all")),
)
KPIS: dict[str, Kpi] = {kpi.key: kpi for kpi in _ALL_KPIS}


def kpi(key: str) -> Kpi:
    """Return the registry entry of a KPI key (KeyError for an unknown key)."""
    return KPIS[key]


def missing_inputs(tables: Mapping[str, pd.DataFrame], kpi_key: str) -> list[Say]:
    """Return the tables and columns ('Leads: First response') a KPI lacks; empty when it can run."""
    entry = KPIS[kpi_key]
    missing = [table_label(n) for n in entry.tables if n not in tables or tables[n].empty]
    for need in entry.needs:
        options = [option.split(".") for option in need.split("|")]
        if any(n not in tables for n, _ in options):
            continue  # the missing table is reported already
        if not any(c in tables[n] and tables[n][c].notna().any() for n, c in options):
            labels = [
                Say("inputs.field", table=table_label(n), field=field_label(n, c))
                for n, c in options
            ]
            missing.append(
                labels[0]
                if len(labels) == 1
                else Say("inputs.one_of", options=joined(labels, "inputs.or"))
            )
    return missing
