"""Filling the fields no header named: by a telling word in the header, then by the values.

Synonym lists never cover the next CRM. After the name pass of `mapping.py`, a field that is
still missing is looked for among the unused columns: first a header *word* (`close_value`
holds the word "value", `Potential Owner` the word "owner"), then what the values look like
(the money-like column beside a stage and dates is the amount; of two date columns the earlier
one in most rows is the created date). Each choice says why, as a code and its numbers, for the
mapping editor to put in words; its confidence is lower than a name match's, so the user checks.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.model import schema as S
from analysis.read.dates import parse_dates
from analysis.read.profiles import ID_PATTERN, SAMPLE_ROWS, ColumnProfile, profile, sample
from analysis.read.stages import parse_bools

WORDS_CONFIDENCE = 0.7
VALUES_CONFIDENCE = 0.6
MIN_SHARE = 0.9  # of a column's filled values that must read as the kind
MAX_REPS = 500


def _words(text: str) -> frozenset[str]:
    """Return the words of a text as a set."""
    return frozenset(text.split())


# Words that, alone in a header, say what a column is about (any language we met).
FIELD_WORDS: dict[str, frozenset[str]] = {
    S.AMOUNT: _words(
        "acv amount arr bedrag betrag chiffre faturamento importe ingresos montant monto mrr "
        "omzet precio preço price prijs prix receita revenue revenues tcv turnover umsatz "
        "valeur valor value waarde wert worth"
    ),
    S.CLOSE_DATE: _words(
        "abschluss abschlussdatum cierre close closed closing cloture clôture fechamento "
        "gesloten gewonnen signed sluit sluitdatum won"
    ),
    S.CREATED_DATE: _words(
        "aangemaakt angelegt contact creado create created creation criado création engage "
        "engaged entered erstellt opened start"
    ),
    S.CREATED_AT: _words(
        "aangemaakt binnengekomen contact creado create created creation criado création "
        "eingegangen entered erstellt received reçu"
    ),
    S.LEAD_ID: _words("aanvraag inquiry lead mql sql"),
    S.REP: _words(
        "accountmanager ae agent commercial consultant eigenaar employee medewerker "
        "mitarbeiter owner rep salesman salesperson saleswoman seller sr vendedor vendeur "
        "verkaeufer verkoper verkäufer"
    ),
    S.REP_ID: _words("agent employee medewerker mitarbeiter owner rep seller user"),
    S.STAGE: _words("etapa etappe fase phase stage étape"),
    S.STATUS: _words("estado outcome result state status statut"),
    S.ACCOUNT: _words(
        "account bedrijf client cliente company customer empresa firma klant kunde "
        "organisation organization société"
    ),
    S.PRODUCT: _words("artikel item product producto produit produkt produto sku"),
    S.TEAM: _words("abteilung afdeling department equipo manager squad team équipe"),
    S.REGION: _words("area gebied office pays país regio region regional territory zone"),
    S.SOURCE: _words("bron canal channel herkomst kanaal origem origin quelle source"),
    S.SCORE: _words(
        "aanbeveelt aanbevelen cijfer enps rating recommander recommend score weiterempfehlen"
    ),
}
PRICE_WORDS = frozenset({"price", "prijs", "preis", "prix", "precio", "preço"})
_DATE_FIELDS = frozenset({S.CLOSE_DATE, S.CREATED_DATE, S.CREATED_AT})
# Fields filled by words only where the kind of value also fits (checked by the caller).
_WORD_TABLES = {S.DEALS, S.ACTIVITIES, S.LEADS, S.REPS, S.EMPLOYEE_SURVEY, S.TARGETS}


# A header's last word is what the column is ("account industry" is an industry), unless it
# only says the form of the value ("won date", "owner name", "employee key"): then the words
# before it tell.
_FORM_WORDS = _words(
    "at code data date datetime datum day dt fecha id key naam name no nr number on ref "
    "time timestamp"
)
# Money that is not the deal's worth.
NOT_AMOUNT_WORDS = _words(
    "freight shipping shipment postage tax vat btw mwst iva cost costs fee fees profit margin "
    "discount korting rabatt remise descuento flete porto verzendkosten frais envío envio"
)
# Columns about places, products or customers are never the rep, however name-like their values.
NOT_PERSON_WORDS = _words(
    "account address bedrijf category city client company country customer description "
    "industry item klant land location plaats place postcode product province segment "
    "stad state street subject title zip"
)


def telling_words(normalized: str) -> set[str]:
    """Return the header words that say what a column is ('close value' -> {'value'})."""
    words = normalized.split()
    if not words:
        return set()
    if words[-1] not in _FORM_WORDS or len(words) == 1:
        return {words[-1]}
    return {w for w in words[:-1] if w not in _FORM_WORDS}


def word_field_match(normalized: str, table: str, field: str) -> bool:
    """Return True when the header holds a word that says the column is this field."""
    words = FIELD_WORDS.get(field)
    return bool(words and table in _WORD_TABLES and telling_words(normalized) & words)


def words_confidence(values: pd.Series, table: str, field: str, normalized: str) -> float:
    """Return how sure a column named by a word is this field (0.0: its values do not fit).

    A word says less than a whole header: "Sales agent" names a person, "Agent id" a code, and
    both hold the word "agent". Ids fit a rep id, and a rep only when the header says id (a
    people list turns them into names). A rep stands in several rows of a sales table, so of two
    columns the one with fewer distinct values is the likelier rep; yes/no is never a name.
    """
    rows = values.head(SAMPLE_ROWS)
    said_id = normalized.split()[-1:] in (["id"], ["key"], ["nr"], ["no"], ["number"], ["code"])
    if field == S.AMOUNT:
        if said_id or not _is_money(profile(rows), named=True):
            return 0.0
        # A unit price is money too, but a column named as the amount or total comes first.
        only_price = not (telling_words(normalized) & FIELD_WORDS[S.AMOUNT]) - PRICE_WORDS
        return WORDS_CONFIDENCE - (0.05 if only_price else 0.0)
    text = rows.dropna().astype(str).str.strip()
    if text.empty:
        return 0.0
    if float(parse_bools(text)[1].mean()) < 0.1:
        return 0.0  # True/False, yes/no: a flag, not a name
    if field not in _DATE_FIELDS and float((~parse_dates(text).failed).mean()) >= MIN_SHARE:
        return 0.0  # "Lead acquisition date" holds dates, not the lead
    if field not in (S.REP, S.REP_ID):
        return WORDS_CONFIDENCE
    ids = float(text.str.match(ID_PATTERN).mean())
    if field == S.REP_ID:
        return WORDS_CONFIDENCE if ids >= 0.8 else 0.0
    if table == S.REPS:
        return WORDS_CONFIDENCE if ids < 0.8 or said_id else 0.0  # one row a person
    unique_share = text.nunique() / len(text)
    if (unique_share > 0.5 and len(text) >= 6) or (ids >= 0.8 and not said_id):
        return 0.0
    return WORDS_CONFIDENCE - 0.05 * unique_share


@dataclass(frozen=True)
class Fill:
    """One field filled from a column's values, and why (a code with its numbers)."""

    column: str
    field: str
    why: tuple[str | float, ...]


def _is_date(p: ColumnProfile) -> bool:
    return p.filled > 0 and p.date_share >= MIN_SHARE


def _is_money(p: ColumnProfile, named: bool = False) -> bool:
    """Money-like: numbers that are not years, scores, shares, counts or ids.

    A column whose header says money (`named`) may be mostly zero, as declared revenue is.
    Freight, tax, cost or profit are money, but never what the deal is worth.
    """
    if set(p.column.lower().replace("_", " ").split()) & NOT_AMOUNT_WORDS:
        return False
    if p.filled == 0 or p.amount_share < MIN_SHARE or p.low is None or p.high is None:
        return False
    if p.high <= 0 or p.median is None:
        return False
    if named:
        return p.high > 10 and not (p.integer_share >= 0.99 and p.low >= 1900 and p.high <= 2100)
    whole = p.integer_share >= 0.99
    if whole and p.low >= 1900 and p.high <= 2100:
        return False  # years
    if p.high <= 10 or (p.high <= 100 and whole and p.distinct <= 11):
        return False  # scores, ratings, probabilities as fractions, small counts
    if whole and p.unique_share >= 0.98 and p.filled >= 20 and p.low >= 0 and p.id_share > 0.9:
        return False  # running numbers: ids
    return p.money_signs or p.integer_share < 0.99 or p.median >= 20


def _is_person(p: ColumnProfile) -> bool:
    words = set(p.column.lower().replace("_", " ").split())
    return (
        p.person_share >= 0.8
        and p.name_variety >= 0.6
        and not words & NOT_PERSON_WORDS
        and 2 <= p.distinct <= MAX_REPS
        and p.repeats >= 2
        and p.amount_share < 0.5
        and p.date_share < 0.5
    )


def _is_status(p: ColumnProfile) -> bool:
    return p.won_and_lost and p.distinct <= 40 and p.status_share >= 0.2


def _earlier_share(frame: pd.DataFrame, first: str, second: str) -> float:
    """Return the share of rows (with both dates) where `first` is before `second`."""
    rows = sample(frame)
    a = parse_dates(rows[first]).values
    b = parse_dates(rows[second]).values
    both = a.notna() & b.notna()
    return float((a[both] <= b[both]).mean()) if both.any() else 0.5


def fill_by_values(
    frame: pd.DataFrame,
    table: str,
    mapped: dict[str, str],
    profiles: dict[str, ColumnProfile],
    hinted: bool,
) -> list[Fill]:
    """Return the fields of `table` still missing in `mapped` ({field: column}) filled by values."""
    if table == S.DEALS:
        return _deals(frame, mapped, profiles, hinted)
    if table == S.EMPLOYEE_SURVEY and (hinted or _asks_about_work(profiles)):
        return _survey(mapped, profiles)
    if table == S.LEADS and S.CREATED_AT not in mapped:
        # A lead's first contact with nothing before it is when the lead came in.
        dates = [p for p in profiles.values() if _is_date(p)]
        if len(dates) == 1:
            return [Fill(dates[0].column, S.CREATED_AT, ("only_date",))]
    return []


def _free(mapped: dict[str, str], profiles: dict[str, ColumnProfile]) -> list[ColumnProfile]:
    used = set(mapped.values())
    return [p for c, p in profiles.items() if c not in used and p.filled]


# A column picked for a field, and why (the reason's code and its numbers).
_Pick = tuple[ColumnProfile, str, tuple[str | float, ...]]


def _deal_stage(taken: dict[str, str], profiles: dict[str, ColumnProfile]) -> list[_Pick]:
    """The stage: the free column that reads most like won/lost words, unless one is mapped."""
    if {S.STAGE, S.STATUS, S.IS_WON} & set(taken):
        return []
    statuses = [p for p in _free(taken, profiles) if _is_status(p)]
    if not statuses:
        return []
    best = max(statuses, key=lambda p: (p.status_share, p.filled))
    return [(best, S.STAGE, ("won_lost", best.distinct))]


def _deal_dates(
    frame: pd.DataFrame, taken: dict[str, str], profiles: dict[str, ColumnProfile]
) -> list[_Pick]:
    """The close date (and created date): the date that nearly always comes later."""
    dates = [p for p in _free(taken, profiles) if _is_date(p)]
    if S.CLOSE_DATE in taken or not dates:
        return []
    if S.CREATED_DATE in taken:
        after = [(p, _earlier_share(frame, taken[S.CREATED_DATE], p.column)) for p in dates]
        best, share = max(after, key=lambda t: (t[1], t[0].filled))
        return [(best, S.CLOSE_DATE, ("later_date", share))] if share >= 0.8 else []
    if len(dates) >= 2:
        pairs = [
            (a, b, _earlier_share(frame, a.column, b.column))
            for i, a in enumerate(dates)
            for b in dates[i + 1 :]
        ]
        a, b, share = max(pairs, key=lambda t: abs(t[2] - 0.5))
        first, then = (a, b) if share >= 0.5 else (b, a)
        share = max(share, 1 - share)
        if share >= 0.8:
            return [
                (first, S.CREATED_DATE, ("earlier_date", share)),
                (then, S.CLOSE_DATE, ("later_date", share)),
            ]
        return []
    return [(dates[0], S.CLOSE_DATE, ("only_date",))]


def _deal_amount(taken: dict[str, str], profiles: dict[str, ColumnProfile]) -> list[_Pick]:
    """The amount, once a close date is known: the column that reads most like money."""
    if S.AMOUNT in taken or S.CLOSE_DATE not in taken:
        return []
    money = [p for p in _free(taken, profiles) if _is_money(p)]
    if not money:
        return []
    best = max(money, key=lambda p: (p.money_signs, p.integer_share < 0.99, p.filled))
    return [(best, S.AMOUNT, ("money", best.low or 0.0, best.high or 0.0))]


def _deal_id(taken: dict[str, str], profiles: dict[str, ColumnProfile]) -> list[_Pick]:
    """The deal id: the first free column of unique, id-like values."""
    if S.DEAL_ID in taken:
        return []
    ids = [
        p
        for p in _free(taken, profiles)
        if p.unique_share >= 0.98 and p.id_share >= 0.9 and p.amount_share < 0.5
        and p.filled >= 10
    ]  # fmt: skip
    return [(ids[0], S.DEAL_ID, ("ids", ids[0].distinct))] if ids else []


def _deal_rep(taken: dict[str, str], profiles: dict[str, ColumnProfile]) -> list[_Pick]:
    """The rep: the free column that reads most like people's names, repeated."""
    if S.REP in taken:
        return []
    people = [p for p in _free(taken, profiles) if _is_person(p)]
    if not people:
        return []
    best = max(people, key=lambda p: (p.person_share, p.repeats))
    return [(best, S.REP, ("people", best.distinct))]


def _deals(
    frame: pd.DataFrame,
    mapped: dict[str, str],
    profiles: dict[str, ColumnProfile],
    hinted: bool,
) -> list[Fill]:
    fills: list[Fill] = []
    taken = dict(mapped)

    def take(picks: list[_Pick]) -> None:
        for p, field, why in picks:
            fills.append(Fill(p.column, field, why))
            taken[field] = p.column

    take(_deal_stage(taken, profiles))
    # A status column of Active/Terminated says nothing was sold: only won/lost words count.
    has_outcome = S.IS_WON in taken or any(
        profiles[taken[f]].won_or_lost for f in (S.STAGE, S.STATUS) if f in taken
    )
    if not (has_outcome or hinted):
        return (
            fills  # without won/lost words or a telling sheet name, numbers and dates prove nothing
        )
    take(_deal_dates(frame, taken, profiles))
    take(_deal_amount(taken, profiles))
    take(_deal_id(taken, profiles))
    take(_deal_rep(taken, profiles))
    return fills


# Words of an employee-survey question ("... recommend us as an employer?", "... als werkgever
# aanbeveelt?", "... als Arbeitgeber weiterempfehlen?", "... comme employeur ?").
_WORK_WORDS = _words(
    "employer werkgever arbeitgeber employeur enps werkplek workplace colleagues collega"
)


def _asks_about_work(profiles: dict[str, ColumnProfile]) -> bool:
    """Return True when a header asks about the workplace, as an employee survey does."""
    return any(
        set(p.column.lower().replace("?", " ").replace("(", " ").split()) & _WORK_WORDS
        for p in profiles.values()
    )


def _survey(mapped: dict[str, str], profiles: dict[str, ColumnProfile]) -> list[Fill]:
    fills: list[Fill] = []
    taken = dict(mapped)
    if S.SCORE not in taken:
        scores = [
            p
            for p in _free(taken, profiles)
            if p.amount_share >= MIN_SHARE
            and p.integer_share >= 0.99
            and p.low is not None
            and p.high is not None
            and p.low >= 0
            and p.high <= 10
            and p.distinct >= 3
        ]
        if scores:
            best = max(scores, key=lambda p: p.filled)
            fills.append(Fill(best.column, S.SCORE, ("score", best.low or 0.0, best.high or 0.0)))
            taken[S.SCORE] = best.column
    if S.DATE not in taken:
        dates = [p for p in _free(taken, profiles) if _is_date(p)]
        if dates:
            best = max(dates, key=lambda p: p.filled)
            fills.append(Fill(best.column, S.DATE, ("only_date",)))
    return fills
