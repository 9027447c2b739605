"""The words of the KPI registry: each KPI's label, meaning and variant, and its values as users
read them ('€12,500', '34%', '12 days' / '€ 12.500', '12 dagen'), in a language.

Computation works with KPI keys and numbers (`registry`, `table`, `query`, `overview`); pages,
charts and reports write them with these.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

import pandas as pd

from analysis.kpis.registry import KPIS, Kpi
from analysis.model import schema as S
from analysis.words import formats as F
from analysis.words.catalogue import DEFAULT, t
from analysis.words.formats import points


def currency_symbol(currency: str | None) -> str:
    """Return the symbol ("€") or code plus a space ("CHF ") to put before money amounts."""
    if not currency:
        return ""
    text = str(currency).strip()
    return F.CURRENCY_SYMBOLS.get(text.upper(), text + " ")


def kpi_label(key: str, lang: str = DEFAULT) -> str:
    """Return the label of a KPI in a language ('Win rate' / 'Winratio')."""
    return t(f"kpis.{key}.label", lang)


def kpi_definition(key: str, lang: str = DEFAULT) -> str:
    """Return what a KPI means, in a language, as shown beside it."""
    return t(f"kpis.{key}.definition", lang)


def kpi_variant(key: str, lang: str = DEFAULT) -> str:
    """Return the variant chosen for a KPI in a language ('' when it has only one)."""
    return t(f"kpis.{key}.variant", lang) if KPIS[key].variant else ""


class _Spec(NamedTuple):
    """What a registry format asks for: decimals, sign, grouping, percentage, text after it."""

    digits: int
    signed: bool
    group: bool
    percent: bool
    after: str


# The text after the number in a registry format, written by the catalogue in each language.
# Days and hours take their words from their unit ('12 days', '2.5 h' / '12 dagen', '2,5 u').
_AFTER = {"": "", " days": "", " h": "", "/day": "formats.per_day", "×": "formats.times"}


@cache
def _spec(fmt: str) -> _Spec:
    found = re.fullmatch(r"\{:(\+?)(,?)\.(\d)([f%])\}(.*)", fmt)
    if found is None or found[5] not in _AFTER:
        raise ValueError(f"format_value cannot write the registry format {fmt!r}")
    return _Spec(int(found[3]), found[1] == "+", found[2] == ",", found[4] == "%", _AFTER[found[5]])


def format_value(
    kpi_key: str,
    value: float | None,
    currency: str | None = None,
    lang: str = DEFAULT,
    signed: bool = False,
) -> str:
    """Return a value as users read it: '€12,500', '34%', '12 days' / '€ 12.500', '12 dagen'.

    Unknown values are '—'; `signed` puts a '+' before positive ones ('+€1,200', '+3 days').
    """
    if F.unknown(value):
        return F.UNKNOWN
    entry = KPIS[kpi_key]
    spec = _spec(entry.fmt)
    sign = signed or spec.signed
    if entry.unit == "days":
        return F.days(value, lang, sign)
    if entry.unit == "hours":
        return F.hours(value, lang, spec.digits, sign)
    if entry.unit == "money":
        text = F.money(value, currency, lang, sign)
    elif spec.percent:
        text = F.percent(value, lang, spec.digits, sign)
    else:
        text = F.number(value, lang, spec.digits, sign, spec.group)
    return t(spec.after, lang, n=text) if spec.after else text


def format_change(
    key: str, delta: float | None, unit: str, currency: str | None = None, lang: str = "en"
) -> str:
    """Return a change as users read it: '+5 pts' for rates, '-€12,000', '+3'; '' if unknown."""
    if delta is None:
        return ""
    if delta == 0:
        return t("formats.no_change", lang)
    if unit == "percent":
        return points(delta, lang)
    return format_value(key, delta, currency, lang, signed=True)


def definitions(kpis: Iterable[Kpi], lang: str = "en") -> pd.DataFrame:
    """Return KPI, what it means and the variant chosen: a row per registry entry, and the funnel."""
    rows = [
        (kpi_label(k.key, lang), kpi_definition(k.key, lang), kpi_variant(k.key, lang))
        for k in kpis
    ]
    rows.append(
        (
            t("overview.funnel.label", lang),
            *(t(f"pipeline.funnel.{w}", lang) for w in ("definition", "variant")),
        )
    )
    columns = [t(f"overview.col.{c}", lang) for c in ("kpi", "meaning", "variant")]
    return pd.DataFrame(rows, columns=columns)


def team_name(team: str, lang: str = "en") -> str:
    """Return a team as a picker shows it: its name, or 'All teams' / 'Alle teams'."""
    return t("overview.all_teams", lang) if team == S.ALL_TEAMS else team
