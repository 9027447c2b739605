"""Who and what the room sees: the data named, each rep by name, by a stable stand-in ('Rep A'), and new reps labelled.

The stand-ins are ordered by a hash of the name, so their letters reveal nothing (not the
alphabet, not the ranking); a ramping rep's label says so ('Rep C (ramping)').
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping, Sequence

from analysis.model.dataset import Dataset
from analysis.model.periods import data_span
from analysis.words.catalogue import t
from analysis.words.formats import day


def _letters(n: int) -> str:
    """Return the n-th stand-in's letters: A … Z, AA, AB, …"""
    letters = ""
    while True:
        letters = chr(ord("A") + n % 26) + letters
        n = n // 26 - 1
        if n < 0:
            return letters


def _by_hash(reps: Iterable[str]) -> list[str]:
    return sorted(set(reps), key=lambda r: hashlib.sha256(r.encode()).hexdigest())


def aliases(reps: Iterable[str], lang: str = "en") -> dict[str, str]:
    """Return a stable stand-in per rep ('Rep A', 'Rep B', …) in an order that reveals nothing."""
    word = t("report.rep_alias", lang)
    return {rep: f"{word} {_letters(i)}" for i, rep in enumerate(_by_hash(reps))}


def more_aliases(names: Mapping[str, str], reps: Iterable[str], lang: str = "en") -> dict[str, str]:
    """Return the stand-ins with the reps not among them added after the last (names kept)."""
    word, out = t("report.rep_alias", lang), dict(names)
    for i, rep in enumerate(_by_hash(r for r in reps if r not in names), len(names)):
        out[rep] = f"{word} {_letters(i)}"
    return out


def hide(text: str, names: Mapping[str, str]) -> str:
    """Return text with every real name replaced by its stand-in (longest names first)."""
    for real in sorted(names, key=len, reverse=True):
        text = text.replace(real, names[real])
    return text


def labels(names: Mapping[str, str], new: Collection[str], lang: str) -> dict[str, str]:
    """Return each rep as shown: a stand-in when names are hidden, '(ramping)' when new."""
    out = dict(names)
    for rep in new:
        out[rep] = t("report.ramping_label", lang, rep=names.get(rep, rep))
    return out


def data_source(data: Dataset, files: Sequence[str], sample: bool, lang: str) -> str:
    """Return the data shown in words: the files and the days they cover; the sample said so."""
    shown = ", ".join(files) or "—"
    span = data_span(data)
    if span is None:
        said = t("report.source_no_dates", lang, files=shown)
    else:
        said = t("report.source", lang, files=shown, first=day(span[0], lang),
                 last=day(span[1], lang))  # fmt: skip
    return f"{t('report.sample', lang)} {said}" if sample else said
