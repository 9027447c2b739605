"""The one catalogue of user-facing texts, in English and Dutch, and `t()` to look one up.

Texts live in `analysis/words/sentences/<area>.toml`, one table per text with its `en` and `nl`
version side by side; the key is `<area>.<name>`. `{placeholders}` are filled by `t()`.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

LANGUAGES = {"en": "English", "nl": "Nederlands"}
DEFAULT = "en"
FOLDER = Path(__file__).with_name("sentences")
_FIELD = re.compile(r"{(\w*)[^{}]*}")


def _flatten(prefix: str, table: dict[str, object], out: dict[str, dict[str, str]]) -> None:
    if any(lang in table for lang in LANGUAGES):
        out[prefix] = {lang: str(text) for lang, text in table.items()}
        return
    for name, value in table.items():
        if isinstance(value, dict):
            _flatten(f"{prefix}.{name}", value, out)


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Return every text by key ('report.title'), each as {language: text}."""
    out: dict[str, dict[str, str]] = {}
    for path in sorted(FOLDER.glob("*.toml")):
        _flatten(path.stem, tomllib.loads(path.read_text(encoding="utf-8")), out)
    return out


def language(lang: str | None) -> str:
    """Return a supported language code: the one asked for, else English."""
    return lang if lang in LANGUAGES else DEFAULT


def t(key: str, lang: str = DEFAULT, **values: object) -> str:
    """Return the text of a key in a language, its {placeholders} filled from `values`."""
    entry = catalogue()[key]
    text = entry.get(language(lang)) or entry[DEFAULT]
    return text.format(**values) if values else text


def gaps() -> list[str]:
    """Return 'key: what is wrong' for every text missing a language or a placeholder."""
    out = []
    for key, entry in catalogue().items():
        lacking = [lang for lang in LANGUAGES if not entry.get(lang, "").strip()]
        if lacking:
            out.append(f"{key}: no {', '.join(lacking)}")
            continue
        fields = {lang: set(_FIELD.findall(entry[lang])) for lang in LANGUAGES}
        if len({frozenset(f) for f in fields.values()}) > 1:
            out.append(f"{key}: placeholders differ {fields}")
    return out
