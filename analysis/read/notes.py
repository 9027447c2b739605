"""What reading an upload says, as messages: a file that cannot be read, why a row was set aside,
notes, and the names of tables and fields inside them.

Reading never writes a sentence: `message("note.empty_rows", n=3)` is a `Say` of the catalogue
key `upload.note.empty_rows` (in `analysis/words/sentences/upload.toml`), written in English or
Dutch only where it is shown. A table or field named inside a sentence is a `Name`: written in
English as reading always wrote it ('close date', 'team', 'Deals'), in another language as the
catalogue labels it, its first letter's case kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from analysis.model import schema as S
from analysis.words.catalogue import DEFAULT, catalogue, language, t
from analysis.words.formats import number
from analysis.words.message import Joined, Say, fmt, joined

AREA = "upload"
SAVED_MAPPING = "saved_mapping"  # the reason of a mapping taken from a saved mapping file
SET_BY_YOU = "set_by_you"  # the reason of a sheet the user chose not to use


def message(key: str, **values: object) -> Say:
    """Return the message `upload.<key>` ('error.pdf') with its values (counts as `Count`)."""
    return Say(f"{AREA}.{key}", **{name: _counted(name, value) for name, value in values.items()})


def _counted(name: str, value: object) -> object:
    """A whole number in a count's place ({n}, {n_...}) as a `Count`; any other value as it is."""
    counts = name == "n" or name.startswith("n_")
    return (
        Count(value) if counts and isinstance(value, int) and not isinstance(value, bool) else value
    )


@dataclass(frozen=True)
class Count:
    """A count in a message: '1500' in English (as reading always wrote it), '1.500' in Dutch."""

    n: int

    def text(self, lang: str = DEFAULT) -> str:
        """Return the count written in `lang`."""
        return str(self.n) if language(lang) == DEFAULT else number(self.n, lang)


def said_by(reason: Say | None, what: str) -> bool:
    """Return whether a mapping's reason is the note `what` (SAVED_MAPPING, SET_BY_YOU)."""
    return reason is not None and reason.key == f"{AREA}.note.{what}"


@dataclass(frozen=True)
class Name:
    """A table or field named in a sentence: `english` in English, its label in other languages."""

    english: str
    key: str

    def text(self, lang: str = DEFAULT) -> str:
        """Return the name written in `lang` (a lower-case English name stays lower case)."""
        if language(lang) == DEFAULT:
            return self.english
        shown = t(self.key, lang)
        return shown[:1].lower() + shown[1:] if self.english[:1].islower() else shown


def _field_key(table: str, field: str) -> str:
    own = f"{AREA}.field.{table}.{field}"
    return own if own in catalogue() else f"{AREA}.field.{field}"


def table_name(table: str, lower: bool = False) -> Name:
    """Return a table named by its label ('Deals', or 'deals' when `lower`)."""
    label = S.table_label(table)
    return Name(label.lower() if lower else label, f"tables.{table}")


def field_name(table: str, field: str, raw: bool = False) -> Name:
    """Return a field named by its label in lower case ('close date'), or as is ('close_date')."""
    english = field if raw else S.TABLES[table].field(field).label.lower()
    return Name(english, _field_key(table, field))


def field_names(table: str, fields: Iterable[str]) -> Joined:
    """Return fields named as `missing_required` lists them ('close_date, rep or rep_id')."""
    return joined(
        (
            joined((field_name(table, f, raw=True) for f in item.split(" or ")), f"{AREA}.or")
            for item in fields
        ),
        ", ",
    )


def table_label(name: str) -> Say:
    """Return what users call a table ('Deals'), or 'Not used' for the ignore choice."""
    return Say(f"tables.{name}") if name in S.TABLES else Say(f"{AREA}.not_used")


def table_about(name: str) -> Say:
    """Return the sentence saying what a table holds."""
    return Say(f"{AREA}.about.{name}")


def field_label(table: str, field: str) -> Say:
    """Return what users call a field of a table ('Close date' / 'Sluitdatum')."""
    return Say(_field_key(table, field))


def value_reason(why: tuple[str | float, ...], sure: float) -> Say:
    """Return why a column was chosen by its values (a code of value_mapping.py), `sure` a share."""
    code, *values = why
    key = f"{AREA}.why.{code}"
    certain = fmt("percent", sure)
    if key not in catalogue():
        return Say(f"{AREA}.matched", how=Say(f"{AREA}.how.values"), sure=certain)
    if code in ("money", "score"):
        low, high = (fmt("number", float(v)) for v in values[:2])
        return Say(key, low=low, high=high, sure=certain)
    if code in ("earlier_date", "later_date"):
        return Say(key, share=fmt("percent", float(values[0])), sure=certain)
    if code in ("won_lost", "people", "ids"):
        return Say(key, n=fmt("number", int(values[0])), sure=certain)
    return Say(key, sure=certain)
