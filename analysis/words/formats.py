"""Numbers, money, percentages and dates written the way an English or a Dutch reader expects.

Babel's CLDR data decides the digit grouping and decimal mark ('12,500.5' / '12.500,5'), where
the currency symbol and the minus go ('−€12,500' / '€ −12.500'), the month names ('14 Mar 2026'
/ '14 mrt 2026') and which plural a count takes ('1 day' / '12 days'); the words around numbers
('days', 'mln', 'procentpunt') come from the catalogue (`analysis/words/sentences/formats.toml`).

Floats go to babel as exact decimals, so a value rounds exactly as Python's own `str.format`
rounds it (half to even on the binary value): English output is what `'{:,.0f}'` gave before.
Dutch amounts keep babel's no-break space (U+00A0) between symbol and number ('€ 12.500'), so a
line never breaks inside an amount. Every negative number is written with one minus sign, the
real one (U+2212 '−', as the charts' axes write it), never the hyphen; a value that rounds to
zero has no sign ('0', not '−0'). Every function writes an unknown value (None, NaN, NaT) as
'—', and takes `lang` as 'en' or 'nl' (anything else is written in English).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache, lru_cache

import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from analysis.words.catalogue import language, t

LOCALES = {"en": "en", "nl": "nl_NL"}  # 'en' writes '14 Mar 2026' with 'Sep', not 'Sept'
UNKNOWN = "—"
MINUS = "\u2212"  # the one minus sign of every number written: "−€110k", "−12%", "€ −12.500"
CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "€": "€", "$": "$", "£": "£"}
# Short amounts: from this power of ten on, the catalogue word for the size ('57.4k', '2,13 mln').
SIZES = (
    (12, "formats.trillion"),
    (9, "formats.billion"),
    (6, "formats.million"),
    (3, "formats.thousand"),
)

Value = float | int | Decimal | None
DateLike = dt.date | str | pd.Timestamp | pd.Period | None


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES[language(lang)])


def unknown(value: object) -> bool:
    """Return True for None, NaN, NaT and pandas' NA: values shown as '—'."""
    return value is None or bool(pd.isna(value))


def symbol(currency: str | None) -> str:
    """Return the symbol of a currency code or symbol: '€' for 'EUR' or '€', 'CHF' for 'CHF'."""
    text = str(currency).strip() if currency else ""
    return CURRENCY_SYMBOLS.get(text.upper(), text)


@lru_cache(maxsize=65536)  # a table writes the same figures over and over: babel is slow
def _figures(value: float | Decimal, lang: str, digits: int, group: bool = True) -> str:
    """The absolute value with `digits` decimals, grouped and marked the language's way."""
    pattern = ("#,##0" if group else "0") + ("." + "0" * digits if digits else "")
    return format_decimal(_exact(value), pattern, locale=_locale(lang), group_separator=group)


def _exact(value: float | Decimal) -> Decimal:
    return abs(value) if isinstance(value, Decimal) else Decimal(abs(float(value)))


def _sign(negative: bool, signed: bool) -> str:
    return MINUS if negative else ("+" if signed else "")


def _negative(value: float | Decimal, written: str) -> bool:
    """True for a negative value whose written figures are not all zero ('−3', but '0')."""
    return float(value) < 0 and any(c in written for c in "123456789")


def number(
    value: Value, lang: str = "en", digits: int = 0, signed: bool = False, group: bool = True
) -> str:
    """Return a number as '1,234.5' / '1.234,5' ('+3' when `signed`); '—' when unknown."""
    if unknown(value):
        return UNKNOWN
    figures = _figures(value, lang, digits, group)
    return _sign(_negative(value, figures), signed) + figures


def percent(value: Value, lang: str = "en", digits: int = 0, signed: bool = False) -> str:
    """Return a fraction as a percentage: 0.34 → '34%', 0.0123 → '1.2%' / '1,2%'; '—' if unknown."""
    if unknown(value):
        return UNKNOWN
    scaled = float(value) * 100  # the same product as str.format's '%', so it rounds the same
    pattern = _locale(lang).percent_formats[None].pattern.split(";")[0]  # '#,##0%'
    at = pattern.rfind("0") + 1
    pattern = pattern[:at] + ("." + "0" * digits if digits else "") + pattern[at:]
    text = format_percent(
        _exact(scaled).scaleb(-2), pattern, locale=_locale(lang), group_separator=False
    )
    return _sign(_negative(scaled, text), signed) + text


def points(delta: Value, lang: str = "en", digits: int = 0) -> str:
    """Return a change of a percentage in points, signed: 0.05 → '+5 pts' / '+5 procentpunt'.

    A change too small for `digits` gets one more digit ('+0.4 pts', never '-0 pts').
    """
    if unknown(delta):
        return UNKNOWN
    scaled = float(delta) * 100  # not grouped, like the percentages themselves ('1200%')
    if scaled and round(scaled, digits) == 0:
        digits += 1
    return t("formats.points", lang, n=number(scaled, lang, digits, signed=True, group=False))


@lru_cache(maxsize=4096)
def plural(count: float, lang: str = "en") -> str:
    """Return the plural form a count takes in a language: 'one' (1) or 'other' (en and nl)."""
    return _locale(lang).plural_form(abs(count))


def days(value: Value, lang: str = "en", signed: bool = False) -> str:
    """Return whole days: '12 days', '1 day' / '12 dagen', '1 dag'; '—' when unknown."""
    if unknown(value):
        return UNKNOWN
    form = plural(round(float(value)), lang)
    return t(f"formats.days.{form}", lang, n=number(value, lang, 0, signed))


def hours(value: Value, lang: str = "en", digits: int = 1, signed: bool = False) -> str:
    """Return hours: '2.5 h' / '2,5 u'; '—' when unknown."""
    if unknown(value):
        return UNKNOWN
    return t("formats.hours", lang, n=number(value, lang, digits, signed))


def _with_currency(text: str, currency: str | None, negative: bool, signed: bool, lang: str) -> str:
    """Put the symbol and the sign around the figures where the language puts them."""
    mark = symbol(currency)
    sign = _sign(negative, signed)
    if not mark:
        return sign + text
    pattern = _locale(lang).currency_formats["standard"]
    side = 1 if sign else 0  # the negative pattern places the sign: '-¤' (en), '¤ -' (nl)
    prefix, suffix = pattern.prefix[side], pattern.suffix[side]
    prefix, suffix = prefix.replace("-", sign), suffix.replace("-", sign)  # babel's hyphen
    if mark not in CURRENCY_SYMBOLS.values():  # a code or other text stands apart: 'CHF 1,234'
        prefix = prefix.replace("¤", mark + " ") if prefix.endswith("¤") else prefix
        suffix = suffix.replace("¤", " " + mark) if suffix.startswith("¤") else suffix
    return prefix.replace("¤", mark) + text + suffix.replace("¤", mark)


def money(value: Value, currency: str | None = None, lang: str = "en", signed: bool = False) -> str:
    """Return a whole amount: '€12,500', '−€12,500', 'CHF 1,234' / '€ 12.500', '€ −12.500'."""
    if unknown(value):
        return UNKNOWN
    figures = _figures(value, lang, 0)
    return _with_currency(figures, currency, _negative(value, figures), signed, lang)


def short_money(
    value: Value, currency: str | None = None, lang: str = "en", signed: bool = False
) -> str:
    """Return an amount in 3 significant digits: '€2.13M', '−€57.4k' / '€ 2,13 mln', '€ −57,4k'.

    The currency is a code or a symbol ('EUR', '€', 'CHF '); none gives the bare figure. Dutch
    writes 'k', 'mln', 'mld' and 'bln'; zero is '€0' / '€ 0'; '—' when unknown.
    """
    if unknown(value):
        return UNKNOWN
    rounded = float(f"{abs(float(value)):.3g}")
    if rounded < 0.5:
        return _with_currency(_figures(0, lang, 0), currency, False, False, lang)
    power, word = next(((p, w) for p, w in SIZES if rounded >= 10**p), (0, ""))
    figure = format_decimal(
        Decimal(f"{rounded / 10**power:.3g}"), "#,##0.###", locale=_locale(lang)
    )
    text = t(word, lang, n=figure) if word else figure
    return _with_currency(text, currency, float(value) < 0, signed, lang)


def _stamp(value: DateLike) -> pd.Timestamp:
    return value.start_time if isinstance(value, pd.Period) else pd.Timestamp(value)


def day(value: DateLike, lang: str = "en") -> str:
    """Return a date as '14 Mar 2026' / '14 mrt 2026'; '—' when unknown."""
    if unknown(value):
        return UNKNOWN
    return _date(_stamp(value).date(), "d MMM y", lang)


@lru_cache(maxsize=16384)
def _date(date: dt.date, pattern: str, lang: str) -> str:
    return format_date(date, pattern, locale=_locale(lang))


def month(value: DateLike, lang: str = "en") -> str:
    """Return the month of a date, period or '2026-03' label as 'Mar 2026' / 'mrt 2026'."""
    if unknown(value):
        return UNKNOWN
    return _date(_stamp(value).date(), "MMM y", lang)


def data_day(value: DateLike, lang: str = "en") -> str:
    """Return the data's last day as period notes write it: '2026-09-30' in English (as the
    JSON has always had it), '30 sep 2026' in other languages; '—' when unknown."""
    if unknown(value):
        return UNKNOWN
    return f"{_stamp(value):%Y-%m-%d}" if language(lang) == "en" else day(value, lang)


def lower(value: object, lang: str = "en") -> str:
    """Return a label (a `Say` or plain text) written in `lang`, in lower case: 'win rate'."""
    write = getattr(value, "text", None)
    return str(write(lang) if callable(write) and not isinstance(value, str) else value).lower()
