"""The Upload page's words in English or Dutch: tables, fields, and what reading an upload says.

Reading an upload writes its sentences (a file that cannot be read, why a row was set aside,
notes) once, in English: they are cached with the upload and go into the command line's JSON
and the set-aside download as they are. `translate()` turns such a sentence into the page's
language when it is shown. It finds the English template in `analysis/words/sentences/upload.toml`
(tables `error`, `reason` and `note`) the sentence was made from, and fills the other
language's template with the same values: counts written the language's way, table and field
names translated, sentences inside the sentence translated in turn. Text no template made (a
cell value, a library's error) comes back as it was.
"""

from __future__ import annotations

import re
import string
from functools import cache

from analysis.model import schema as S
from analysis.words.catalogue import DEFAULT, catalogue, language, t
from analysis.words.formats import number, percent

AREA = "upload"
SAID = ("error", "reason", "note")  # the catalogue tables of sentences reading writes
_SENTENCES = {"reason", "note"}  # placeholders holding one sentence of the list
_SENTENCE_LISTS = {"reasons": "; "}  # placeholders holding several, and their separator
_NAMES = {"table", "what", "field", "fields"}  # placeholders holding table or field names
_COUNT = r"\d[\d,]*"
_NAME_SEPARATORS = re.compile(r"(, | or )")


def message(key: str, **values: object) -> str:
    """Return the English sentence `upload.<key>` ('error.pdf'), filled from `values`."""
    return t(f"{AREA}.{key}", DEFAULT, **values)


def table_label(name: str, lang: str = DEFAULT) -> str:
    """Return what users call a table ('Deals' / 'Deals'), or 'Not used' for the ignore choice."""
    return t(f"tables.{name}", lang) if name in S.TABLES else t(f"{AREA}.not_used", lang)


def table_about(name: str, lang: str = DEFAULT) -> str:
    """Return the sentence saying what a table holds."""
    return t(f"{AREA}.about.{name}", lang)


def field_label(table: str, field: str, lang: str = DEFAULT) -> str:
    """Return what users call a field of a table ('Close date' / 'Sluitdatum')."""
    own = f"{AREA}.field.{table}.{field}"
    return t(own if own in catalogue() else f"{AREA}.field.{field}", lang)


def names(text: str, lang: str = DEFAULT) -> str:
    """Return table or field names ('close_date', 'rep or rep_id', 'Deals') written in `lang`."""
    if language(lang) == DEFAULT:
        return text
    return "".join(_name(part, lang) for part in _NAME_SEPARATORS.split(text))


def translate(text: str, lang: str = DEFAULT) -> str:
    """Return a sentence written while reading an upload in `lang` (unknown text unchanged)."""
    if language(lang) == DEFAULT or not text:
        return text
    for key, anchor, pattern in _templates():
        if anchor in text and (found := pattern.fullmatch(text)):
            values = {name: _value(name, value, lang) for name, value in found.groupdict().items()}
            return t(key, lang, **values)
    return text


@cache
def _templates() -> list[tuple[str, str, re.Pattern[str]]]:
    """(key, longest literal part, pattern) of every sentence, the most specific first."""
    out = []
    for key, entry in catalogue().items():
        area, _, rest = key.partition(".")
        if area != AREA or rest.split(".", 1)[0] not in SAID:
            continue
        parts, literals, seen = [], [], set()
        for literal, name, _, _ in string.Formatter().parse(entry[DEFAULT]):
            parts.append(re.escape(literal))
            literals.append(literal)
            if name is None:
                continue
            if name in seen:
                parts.append(f"(?P={name})")
            else:
                count = name == "n" or name.startswith("n_")
                parts.append(f"(?P<{name}>{_COUNT if count else '.+?'})")
                seen.add(name)
        pattern = re.compile("".join(parts), re.DOTALL)
        out.append((key, max(literals, key=len), pattern, sum(map(len, literals))))
    out.sort(key=lambda item: -item[3])
    return [(key, anchor, pattern) for key, anchor, pattern, _ in out]


def _value(name: str, value: str, lang: str) -> str:
    """One placeholder's value written in `lang`."""
    if name == "n" or name.startswith("n_"):
        return number(int(value.replace(",", "")), lang)
    if name in _SENTENCES:
        return translate(value, lang)
    if name in _SENTENCE_LISTS:
        separator = _SENTENCE_LISTS[name]
        return separator.join(translate(part, lang) for part in value.split(separator))
    if name in _NAMES:
        return names(value, lang)
    return value


def _name(english: str, lang: str) -> str:
    """A table or field name ('close_date', 'close date', 'Deals') in `lang`, its case kept."""
    if english == ", ":
        return english
    if english == " or ":
        return t(f"{AREA}.or", lang)
    key = _names().get(english.lower())
    if key is None:
        return english
    shown = t(key, lang)
    return shown[:1].lower() + shown[1:] if english[:1].islower() else shown


@cache
def _names() -> dict[str, str]:
    """{English name or label, lower case: catalogue key} of every table and field."""
    keys: dict[str, str] = {}
    for name, table in S.TABLES.items():
        keys[name] = keys[table.label.lower()] = f"tables.{name}"
    for name, table in S.TABLES.items():
        for field in table.fields:
            own = f"{AREA}.field.{name}.{field.name}"
            key = own if own in catalogue() else f"{AREA}.field.{field.name}"
            keys.setdefault(field.name, f"{AREA}.field.{field.name}")
            keys.setdefault(field.label.lower(), key)
    return keys


def value_reason(why: tuple[str | float, ...], sure: str, lang: str = "en") -> str:
    """Return why a column was chosen by its values (a code of value_mapping.py) in `lang`."""
    code, *values = why
    key = f"{AREA}.why.{code}"
    if key not in catalogue():
        return t(f"{AREA}.matched", lang, how=t(f"{AREA}.how.values", lang), sure=sure)
    if code in ("money", "score"):
        low, high = (float(v) for v in values[:2])
        return t(key, lang, low=number(low, lang), high=number(high, lang), sure=sure)
    if code in ("earlier_date", "later_date"):
        return t(key, lang, share=percent(float(values[0]), lang), sure=sure)
    if code in ("won_lost", "people", "ids"):
        return t(key, lang, n=number(int(values[0]), lang), sure=sure)
    return t(key, lang, sure=sure)
