"""Sentences not yet in a language: what computation returns instead of English or Dutch text.

Analysis says what it found as a `Say`: a catalogue key and its values. Values are kept raw
(a rep's name, a count) or wrapped in `Formatted` (a number, amount, percentage or date that is
written differently per language), or are themselves a `Say` or a `Joined` list of them. A page,
chart or report turns one into text with `text(said, lang)` when it is drawn, so the same result
is shown in English or Dutch without computing it again.

    Say("diagnosis.reason.sure", sure=fmt("percent", 0.983, digits=1)).text("nl")
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from analysis.words import formats as F
from analysis.words.catalogue import DEFAULT, catalogue, t


class Words(Protocol):
    """Anything that can be written in a language."""

    def text(self, lang: str = DEFAULT) -> str:
        """Return it written in `lang`."""
        ...


@dataclass(frozen=True)
class Formatted:
    """A value to be written per language by the function `how` of `analysis.words.formats`."""

    how: str
    value: object
    options: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str = DEFAULT) -> str:
        """Return the value written in `lang`."""
        return str(getattr(F, self.how)(self.value, lang=lang, **dict(self.options)))


def fmt(how: str, value: object, **options: object) -> Formatted:
    """Return a value to be written by `formats.<how>` in the reader's language."""
    if not callable(getattr(F, how, None)):
        raise ValueError(f"analysis.words.formats has no function {how!r}")
    return Formatted(how, value, tuple(sorted(options.items())))


class Say:
    """A sentence from the catalogue with its values, written in a language only when shown."""

    __slots__ = ("key", "values")

    def __init__(self, key: str, **values: object) -> None:
        if key not in catalogue():
            raise KeyError(f"no text {key!r} in the catalogue")
        self.key = key
        self.values: tuple[tuple[str, object], ...] = tuple(sorted(values.items()))

    def text(self, lang: str = DEFAULT) -> str:
        """Return the sentence written in `lang`, its values written in the same language."""
        return t(self.key, lang, **{name: text(value, lang) for name, value in self.values})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Say) and (self.key, self.values) == (other.key, other.values)

    def __hash__(self) -> int:
        return hash((self.key, self.values))

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.values)
        return f"Say({self.key!r}{', ' if shown else ''}{shown})"

    def __reduce__(self) -> tuple[object, ...]:
        # Made again as Say(key) and its values: plain __slots__ give Streamlit nothing to hash
        # a cached function's arguments by (a SheetMapping's reason), nor pickle protocol 0.
        return (Say, (self.key,), dict(self.values))

    def __setstate__(self, values: dict[str, object]) -> None:
        self.values = tuple(sorted(values.items()))


@dataclass(frozen=True)
class Joined:
    """Several parts written one after another with a separator (a catalogue key or as is)."""

    parts: tuple[object, ...]
    separator: str = ", "

    def text(self, lang: str = DEFAULT) -> str:
        """Return the parts written in `lang`, joined."""
        sep = t(self.separator, lang) if self.separator in catalogue() else self.separator
        return sep.join(text(part, lang) for part in self.parts)


def joined(parts: Iterable[object], separator: str = ", ") -> Joined:
    """Return the parts to be written one after another."""
    return Joined(tuple(parts), separator)


@dataclass(frozen=True)
class Counted:
    """A sentence whose words follow a count: `<key>.one` or `<key>.other` in the language."""

    key: str
    n: float
    values: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str = DEFAULT) -> str:
        """Return the sentence in the singular or plural form the count takes in `lang`."""
        values = dict(self.values)
        return Say(f"{self.key}.{F.plural(self.n, lang)}", n=fmt("number", self.n), **values).text(
            lang
        )


def counted(key: str, n: float, **values: object) -> Counted:
    """Return `key.one` / `key.other` with the count as `n` (both forms must be in the catalogue)."""
    for form in ("one", "other"):
        if f"{key}.{form}" not in catalogue():
            raise KeyError(f"no text {key}.{form!r} in the catalogue")
    return Counted(key, n, tuple(sorted(values.items())))


def text(value: object, lang: str = DEFAULT) -> object:
    """Return a `Say`, `Formatted` or `Joined` written in `lang`; anything else as it is."""
    write = getattr(value, "text", None)
    return write(lang) if callable(write) and not isinstance(value, str) else value


def texts(values: Mapping[str, object], lang: str = DEFAULT) -> dict[str, object]:
    """Return the values of a mapping, each written in `lang`."""
    return {name: text(value, lang) for name, value in values.items()}
