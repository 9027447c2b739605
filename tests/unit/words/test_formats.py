"""Numbers, money, percentages and dates in English and Dutch, checked against hand-written text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import pytest

from analysis.words import formats as F

NB = "\u00a0"  # Dutch amounts: a no-break space between symbol and number ('€ 12.500')
MINUS = "\u2212"  # short amounts: a real minus sign ('−€110k')


@pytest.mark.parametrize(
    ("value", "currency", "lang", "signed", "shown"),
    [
        (12500, "EUR", "en", False, "€12,500"),
        (12500, "EUR", "nl", False, f"€{NB}12.500"),
        (12500, "€", "nl", False, f"€{NB}12.500"),
        (-12500, "EUR", "en", False, "−€12,500"),
        (-12500, "EUR", "nl", False, f"€{NB}−12.500"),  # CLDR nl: '¤ -#,##0.00'
        (12500, "EUR", "en", True, "+€12,500"),
        (12500, "EUR", "nl", True, f"€{NB}+12.500"),
        (12500.4, "USD", "en", False, "$12,500"),  # whole units, rounded
        (1234.5, "GBP", "en", False, "£1,234"),  # half to even, as Python rounds: 1234
        (1235.5, "£", "nl", False, f"£{NB}1.236"),  # half to even: 1236
        (1234.0, "CHF", "en", False, "CHF 1,234"),  # a code stands apart
        (-1234.0, "CHF", "en", False, "−CHF 1,234"),
        (1234.0, "CHF", "nl", False, f"CHF{NB}1.234"),
        (-1234.0, "CHF", "nl", False, f"CHF{NB}−1.234"),
        (1234.0, "eur", "en", False, "€1,234"),  # codes in any case
        (12500, None, "en", False, "12,500"),  # no currency: a plain grouped number
        (12500, "", "nl", False, "12.500"),
        (-12500, None, "nl", False, "−12.500"),
        (1_234_567, "EUR", "nl", False, f"€{NB}1.234.567"),
        (None, "EUR", "en", False, "—"),
        (float("nan"), "EUR", "nl", False, "—"),
        (pd.NA, None, "en", False, "—"),
    ],
)
def test_money(value: float, currency: str | None, lang: str, signed: bool, shown: str) -> None:
    assert F.money(value, currency, lang, signed) == shown


@pytest.mark.parametrize(
    ("value", "currency", "lang", "signed", "shown"),
    [
        (2_134_000, "€", "en", False, "€2.13M"),  # 3 significant digits
        (2_134_000, "€", "nl", False, f"€{NB}2,13 mln"),
        (57_420, "EUR", "en", False, "€57.4k"),
        (57_420, "EUR", "nl", False, f"€{NB}57,4k"),
        (-110_000, "€", "en", False, f"{MINUS}€110k"),
        (-110_000, "€", "nl", False, f"€{NB}{MINUS}110k"),
        (4_500, "€", "en", True, "+€4.5k"),
        (4_500, "€", "nl", True, f"€{NB}+4,5k"),
        (1_500_000_000, "$", "en", False, "$1.5B"),
        (1_500_000_000, "$", "nl", False, f"${NB}1,5 mld"),
        (2_500_000_000_000, None, "nl", False, "2,5 bln"),
        (999_600, "€", "en", False, "€1M"),  # 999,600 rounds to 1.00e6
        (999, "CHF ", "en", False, "CHF 999"),  # the symbol currency_symbol() gives
        (999, "CHF ", "nl", False, f"CHF{NB}999"),
        (0.2, "€", "en", False, "€0"),
        (0.2, "€", "nl", False, f"€{NB}0"),
        (-57_420, None, "en", False, f"{MINUS}57.4k"),
        (None, "€", "nl", False, "—"),
    ],
)
def test_short_money(
    value: float, currency: str | None, lang: str, signed: bool, shown: str
) -> None:
    assert F.short_money(value, currency, lang, signed) == shown


@pytest.mark.parametrize(
    ("value", "lang", "digits", "signed", "shown"),
    [
        (0.34, "en", 0, False, "34%"),
        (0.34, "nl", 0, False, "34%"),
        (0.0123, "en", 1, False, "1.2%"),
        (0.0123, "nl", 1, False, "1,2%"),
        (-0.05, "nl", 0, False, "−5%"),
        (0.05, "en", 0, True, "+5%"),
        (12.5, "en", 0, False, "1250%"),  # not grouped, as str.format wrote it
        (0.015, "en", 0, False, "2%"),  # 0.015 × 100 is 1.5 in floats: half to even, 2
        (None, "nl", 0, False, "—"),
    ],
)
def test_percent(value: float, lang: str, digits: int, signed: bool, shown: str) -> None:
    assert F.percent(value, lang, digits, signed) == shown


@pytest.mark.parametrize(
    ("value", "lang", "digits", "signed", "shown"),
    [
        (1234, "en", 0, False, "1,234"),
        (1234, "nl", 0, False, "1.234"),
        (1234.56, "en", 1, False, "1,234.6"),
        (1234.56, "nl", 1, False, "1.234,6"),
        (33, "en", 0, True, "+33"),
        (-4, "nl", 0, True, "−4"),
        (4.25, "nl", 1, False, "4,2"),  # half to even
        (0, "en", 0, True, "+0"),
        (float("nan"), "en", 0, False, "—"),
    ],
)
def test_number(value: float, lang: str, digits: int, signed: bool, shown: str) -> None:
    assert F.number(value, lang, digits, signed) == shown


@pytest.mark.parametrize(
    ("write", "args", "shown"),
    [
        (F.days, (12, "en"), "12 days"),
        (F.days, (12, "nl"), "12 dagen"),
        (F.days, (1, "en"), "1 day"),
        (F.days, (1.3, "nl"), "1 dag"),  # rounds to 1
        (F.days, (0, "en"), "0 days"),
        (F.days, (1234, "nl"), "1.234 dagen"),
        (F.days, (3, "en", True), "+3 days"),
        (F.days, (None, "nl"), "—"),
        (F.hours, (2.46, "en"), "2.5 h"),
        (F.hours, (2.46, "nl"), "2,5 u"),
        (F.points, (0.05, "en"), "+5 pts"),
        (F.points, (0.05, "nl"), "+5 procentpunt"),
        (F.points, (-0.123, "nl", 1), "−12,3 procentpunt"),
        (F.points, (-0.004, "en"), "−0.4 pts"),  # 87.6% → 87.2%: not '-0 pts'
        (F.points, (0.0004, "nl"), "+0,0 procentpunt"),  # one more digit, at most
        (F.points, (0.0, "en"), "+0 pts"),
    ],
)
def test_units(write: Callable[..., str], args: tuple, shown: str) -> None:
    assert write(*args) == shown


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        (dt.date(2026, 3, 14), "en", "14 Mar 2026"),
        (dt.date(2026, 3, 14), "nl", "14 mrt 2026"),  # no dot after the month
        (pd.Timestamp("2026-09-04 17:30"), "en", "4 Sep 2026"),
        (pd.Timestamp("2026-09-04 17:30"), "nl", "4 sep 2026"),
        ("2026-05-01", "nl", "1 mei 2026"),
        (dt.datetime(2026, 10, 31, 23, 59), "nl", "31 okt 2026"),
        (pd.NaT, "en", "—"),
        (None, "nl", "—"),
    ],
)
def test_day(value: object, lang: str, shown: str) -> None:
    assert F.day(value, lang) == shown


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        ("2026-03", "en", "Mar 2026"),
        ("2026-03", "nl", "mrt 2026"),
        (pd.Period("2026-10", "M"), "nl", "okt 2026"),
        (dt.date(2026, 6, 30), "en", "Jun 2026"),
        (None, "en", "—"),
    ],
)
def test_month(value: object, lang: str, shown: str) -> None:
    assert F.month(value, lang) == shown


@pytest.mark.parametrize(
    ("currency", "shown"),
    [("EUR", "€"), ("€", "€"), ("usd", "$"), ("GBP", "£"), ("CHF", "CHF"), ("CHF ", "CHF"),
     (None, ""), ("", "")],
)  # fmt: skip
def test_symbol(currency: str | None, shown: str) -> None:
    assert F.symbol(currency) == shown


def test_an_unknown_language_is_written_in_english() -> None:
    assert F.money(12500, "EUR", "fr") == "€12,500"
    assert F.day(dt.date(2026, 3, 14), "de") == "14 Mar 2026"


@pytest.mark.parametrize(
    ("write", "args", "shown"),
    [
        (F.money, (-121729, "EUR", "nl"), f"€{NB}{MINUS}121.729"),  # was '€ -121.729'
        (F.money, (-121729, "EUR", "en"), f"{MINUS}€121,729"),
        (F.short_money, (-135000, "EUR", "en"), f"{MINUS}€135k"),
        (F.short_money, (-135000, "EUR", "nl"), f"€{NB}{MINUS}135k"),
        (F.number, (-3.25, "nl", 1), f"{MINUS}3,2"),  # half to even on the binary value
        (F.number, (-1234567, "en"), f"{MINUS}1,234,567"),
        (F.percent, (-0.123, "en", 1), f"{MINUS}12.3%"),
        (F.points, (-0.05, "nl"), f"{MINUS}5 procentpunt"),
        (F.days, (-3, "en"), f"{MINUS}3 days"),
        (F.hours, (-2.5, "nl"), f"{MINUS}2,5 u"),
    ],
)
def test_one_minus_sign_everywhere(write: Callable[..., str], args: tuple, shown: str) -> None:
    assert write(*args) == shown
    assert "-" not in write(*args)


@pytest.mark.parametrize(
    ("write", "args", "shown"),
    [
        (F.number, (-0.0, "en"), "0"),
        (F.number, (-0.4, "en"), "0"),  # rounds to 0: no sign
        (F.number, (-0.04, "nl", 1), "0,0"),
        (F.money, (-0.3, "EUR", "en"), "€0"),
        (F.money, (-0.3, "EUR", "nl"), f"€{NB}0"),
        (F.percent, (-0.001, "en"), "0%"),
    ],
)
def test_a_value_that_rounds_to_zero_has_no_sign(
    write: Callable[..., str], args: tuple, shown: str
) -> None:
    assert write(*args) == shown


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        (2109000.0, "en", "€2,109,000"),
        (2109000.0, "nl", f"€{NB}2.109.000"),
        (-2109000.0, "nl", f"€{NB}{MINUS}2.109.000"),
        (1200.5, "en", "€1,200"),  # half to even on the binary value, as '{:,.0f}' did
        (17280.0, "nl", f"€{NB}17.280"),
    ],
)
def test_dutch_and_english_money(value: float, lang: str, shown: str) -> None:
    assert F.money(value, "EUR", lang) == shown
