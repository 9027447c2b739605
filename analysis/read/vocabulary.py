"""Words and symbols the cell parsers recognise: currencies, months, weekdays, yes/no, stages.

Lower-case keys, in English, Dutch, German and French where the words differ. A language or
CRM's own stage names are added here; amounts.py, date_formats.py and stages.py read them.
"""

from __future__ import annotations

# --------------------------------------------------------------------------------------------
# Amounts: currency symbols and codes (lower case) and multiplier suffixes (powers of ten)


CURRENCIES: dict[str, str] = {
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "£": "GBP",
    "gbp": "GBP",
    "₹": "INR",
    "inr": "INR",
    "rs": "INR",
    "¥": "JPY",
    "jpy": "JPY",
    "cny": "CNY",
    "rmb": "CNY",
    "chf": "CHF",
    "fr": "CHF",
    "sfr": "CHF",
    "a$": "AUD",
    "aud": "AUD",
    "c$": "CAD",
    "cad": "CAD",
    "nz$": "NZD",
    "nzd": "NZD",
    "hk$": "HKD",
    "hkd": "HKD",
    "s$": "SGD",
    "sgd": "SGD",
    "r$": "BRL",
    "brl": "BRL",
    "sek": "SEK",
    "nok": "NOK",
    "dkk": "DKK",
    "kr": "kr",
    "pln": "PLN",
    "zł": "PLN",
    "czk": "CZK",
    "huf": "HUF",
    "zar": "ZAR",
    "mxn": "MXN",
    "aed": "AED",
    "sar": "SAR",
    "try": "TRY",
    "₺": "TRY",
    "rub": "RUB",
    "₽": "RUB",
    "krw": "KRW",
    "₩": "KRW",
    "ils": "ILS",
    "₪": "ILS",
}

MULTIPLIERS: dict[str, int] = {
    "k": 3,
    "m": 6,
    "mn": 6,
    "mln": 6,
    "mio": 6,
    "mil": 6,
    "b": 9,
    "bn": 9,
    "mrd": 9,
    "mld": 9,
}


# --------------------------------------------------------------------------------------------
# Dates: month names (number) and weekday names

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan januari janvier janv januar jänner jaenner",
        "february feb febr februari février fevrier févr fevr februar",
        "march mar maart mrt mars märz maerz mär",
        "april apr avril avr",
        "may mei mai",
        "june jun juni juin",
        "july jul juli juillet juil",
        "august aug augustus août aout",
        "september sep sept septembre",
        "october oct oktober okt octobre",
        "november nov novembre",
        "december dec décembre decembre déc dezember dez",
    ],
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number
_WEEKDAY_NAMES = (
    "monday mon tuesday tue tues wednesday wed thursday thu thur thurs friday fri "
    "saturday sat sunday sun maandag ma dinsdag di woensdag wo donderdag do vrijdag vr "
    "zaterdag za zondag zo montag mo dienstag mittwoch mi donnerstag freitag fr samstag sa "
    "sonntag so lundi lun mardi mercredi mer jeudi jeu vendredi ven samedi sam dimanche dim"
)
WEEKDAYS: dict[str, int] = dict.fromkeys(_WEEKDAY_NAMES.split(" "), 1)


# --------------------------------------------------------------------------------------------
# Booleans: yes/no words (lower case)

TRUE_WORDS = frozenset(
    ["true", "t", "yes", "y", "ja", "j", "1", "1.0", "x", "✓", "✔", "☑", "waar", "wahr",
     "vrai", "oui", "on", "checked"]
)  # fmt: skip
FALSE_WORDS = frozenset(
    ["false", "f", "no", "n", "nee", "0", "0.0", "onwaar", "falsch", "faux", "non", "off",
     "unchecked", "✗", "✘"]
)  # fmt: skip


# --------------------------------------------------------------------------------------------
# Deal status: stage names (| separated) and the words that decide unknown ones

WON_NAMES = """closed won | won | gewonnen | deal won | gesloten gewonnen | signed | getekend
    | akkoord | order | 100% | contract signed | ordered | opdracht | opdracht verstrekt
    | opdracht ontvangen | order ontvangen | win | gescoord | verkocht | sold"""
LOST_NAMES = """closed lost | lost | verloren | deal lost | gesloten verloren | afgewezen
    | rejected | disqualified | gediskwalificeerd | cancelled | canceled | geannuleerd
    | niet gewonnen | not won | declined | no deal | geen deal | closed lost no decision
    | afgehaakt | opgezegd | churned"""
OPEN_NAMES = """prospecting | prospect | qualification | qualify | qualified | needs analysis
    | value proposition | id decision makers | id. decision makers | decision makers
    | perception analysis | proposal/price quote | proposal/quote | proposal | price quote
    | quote | quoted | negotiation/review | negotiation | discovery | appointment scheduled
    | qualified to buy | presentation scheduled | decision maker bought-in | contract sent
    | open | lead | new lead | new | offerte | offerte verstuurd | offerte gestuurd
    | offerte uitgebracht | onderhandeling | in onderhandeling | kwalificatie | gekwalificeerd
    | nieuw | nieuwe lead | in behandeling | contact | contact made | contacted | initial contact
    | contact gelegd | eerste contact | demo | demo scheduled | demo gepland | meeting
    | meeting scheduled | afspraak | afspraak gepland | afspraak gemaakt | follow up
    | follow-up | opvolging | in progress | pending | on hold | verbal commitment | closing
    | commit | pipeline | best case | evaluation | trial | pilot | presentation | presentatie
    | voorstel | behoefteanalyse | orientatie | solution | solution presented | contract
    | contracting | contract negotiation | lopend | actief | active | engaging | engaged
    | working | nurturing | in contact"""
WON_WORDS = frozenset({"won", "gewonnen", "signed", "getekend"})
LOST_WORDS = frozenset(
    {"lost", "verloren", "rejected", "afgewezen", "disqualified", "cancelled", "canceled",
     "geannuleerd"}
)  # fmt: skip
NEGATIONS = frozenset({"not", "niet", "no", "geen", "non"})

# How far along the sales process an open stage is, on a 0-100 scale like a stage probability
# (Salesforce's, HubSpot's and Pipedrive's default pipelines, and Dutch CRM names). The funnel
# puts stages in this order; names are matched like stage names (case, accents, spaces).
STAGE_STEPS: dict[int, str] = {
    5: """lead | new | new lead | lead in | nieuw | nieuwe lead | prospect | prospecting
        | prospectie | orientatie | open""",
    10: """contact | contacted | contact made | initial contact | contact gelegd
        | eerste contact | engaging | engaged | in contact | working | nurturing""",
    15: """qualification | qualify | kwalificatie | appointment scheduled
        | afspraak | afspraak gepland | afspraak gemaakt | meeting | meeting scheduled""",
    20: """qualified | gekwalificeerd | qualified to buy | discovery | needs analysis
        | needs defined
        | behoefteanalyse | in behandeling""",
    40: """demo | demo scheduled | demo gepland | presentation | presentation scheduled
        | presentatie | value proposition | solution | solution presented | evaluation
        | trial | pilot""",
    60: """id decision makers | id. decision makers | decision makers
        | decision maker bought-in | perception analysis""",
    70: """proposal | proposal/quote | proposal/price quote | price quote | quote | quoted
        | proposal made | offerte | offerte verstuurd | offerte gestuurd | offerte uitgebracht
        | voorstel""",
    85: """negotiation | negotiation/review | negotiations started | onderhandeling
        | in onderhandeling | contract | contract sent | contracting | contract negotiation
        | follow up | follow-up | opvolging""",
    95: "verbal commitment | commit | closing | best case",
}
