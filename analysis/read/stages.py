"""Deal status and yes/no flags read from raw cells: stage names, IsWon/IsClosed, probability.

Rules decided here (``tests/unit/read/test_stages.py`` pins each of them down):

Status
    Stage names are matched case-, accent-, space- and punctuation-insensitively, also after
    dropping a leading number (``3. Proposal``) and a percentage (``Proposal (60%)``). ``100%``
    alone is won, ``1%``-``99%`` alone are open, ``0%`` alone is unknown (it may be an early
    stage; probabilities belong in ``status_from_flags``). A name outside the vocabulary that
    contains a won word (won, gewonnen, signed, getekend) or a lost word (lost, verloren,
    rejected, cancelled, ...) but not both and no negation (not, niet, no, geen) takes that
    status ("Closed Won - Renewal"). Anything else, including Pipedrive's ``deleted``, is
    unknown: it counts as open and is listed in ``unknown`` and a note. Blank stays None.
    ``status_from_flags``: IsWon true is won; IsClosed true and IsWon false is lost; IsClosed
    false and IsWon false is open; blank flags are false (as in Salesforce exports),
    unreadable flags decide nothing. Where flags leave the status open to question (no IsWon
    column, unreadable flags) a probability decides: 100 won, 0 lost, in between open
    (a column written as fractions 0-1 is scaled to percent); otherwise None.

Booleans
    Yes/no words in English, Dutch, German and French, ``1``/``0`` and check marks are read;
    blank cells are NA and not unreadable; any other value is NA and unreadable.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from analysis.read.amounts import parse_numbers
from analysis.read.cells import KIND_NUM, KIND_STR, BoolArray, factorize, take
from analysis.read.notes import message
from analysis.read.vocabulary import (
    FALSE_WORDS,
    LOST_NAMES,
    LOST_WORDS,
    NEGATIONS,
    OPEN_NAMES,
    STAGE_STEPS,
    TRUE_WORDS,
    WON_NAMES,
    WON_WORDS,
)
from analysis.words.message import Say

__all__ = [
    "ParsedStatus",
    "parse_bools",
    "parse_status",
    "stage_number",
    "stage_status",
    "stage_step",
    "status_from_flags",
]


@dataclass(frozen=True)
class ParsedStatus:
    """Deal status ("won", "lost", "open" or None) read from a stage or status column."""

    values: pd.Series  # object: "won", "lost", "open", or None where blank
    unknown: tuple[str, ...]  # distinct stage names not recognised (counted as open), sorted
    notes: tuple[Say, ...]  # what a sales user should know of the reading


# --------------------------------------------------------------------------------------------
# Booleans


def _bool_of(value: object) -> bool | None:
    """True/False for a recognised non-blank value, None when it is not a yes/no value."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating, Decimal)):
        return bool(value) if value in (0, 1) else None
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    return None


def parse_bools(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Return (yes/no as a "boolean" Series, NA where blank or unreadable; unreadable mask)."""
    if pd.api.types.is_bool_dtype(raw.dtype):
        values = raw.astype("boolean")
        return values, pd.Series(False, index=raw.index, name=raw.name, dtype=bool)
    fz = factorize(raw)
    state = np.full(len(fz.kinds), -1, dtype=np.int8)  # -1 blank, 0 false, 1 true, 2 failed
    for i, value in enumerate(fz.values()):
        if isinstance(value, str) and value.strip() == "":
            continue
        parsed = _bool_of(value)
        state[i] = 2 if parsed is None else int(parsed)
    rows = take(state, -1, fz.codes)
    values = pd.array(rows == 1, dtype="boolean")
    values[(rows == -1) | (rows == 2)] = pd.NA
    return (
        pd.Series(values, index=raw.index, name=raw.name),
        pd.Series(rows == 2, index=raw.index, name=raw.name, dtype=bool),
    )


# --------------------------------------------------------------------------------------------
# Deal status


def _words(text: str) -> str:
    return " ".join(text.split())


def _status_key(text: str) -> str:
    """Lower-case ASCII letters, digits and % only: 'Closed / Won' -> 'closedwon'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9%]+", "", ascii_text.lower())


def _keys(names: str) -> frozenset[str]:
    return frozenset(_status_key(name) for name in names.split("|"))


_STATUS_KEYS: dict[str, str] = {
    **dict.fromkeys(_keys(OPEN_NAMES), "open"),
    **dict.fromkeys(_keys(LOST_NAMES), "lost"),
    **dict.fromkeys(_keys(WON_NAMES), "won"),
}


def _status_of(text: str) -> str | None:
    """'won', 'lost' or 'open' for a recognised stage name, None when not recognised."""
    key = _status_key(text)
    if key in _STATUS_KEYS:
        return _STATUS_KEYS[key]
    percent = re.fullmatch(r"(\d{1,3})%", key)
    if percent:
        number = int(percent.group(1))
        return "open" if 0 < number < 100 else None
    stripped = re.sub(r"^\d+", "", re.sub(r"\d{1,3}%", "", key))
    if stripped and stripped in _STATUS_KEYS:
        return _STATUS_KEYS[stripped]
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = set(re.findall(r"[a-z]+", ascii_text.lower().replace("'", "")))
    if words & NEGATIONS:
        return None
    won, lost = bool(words & WON_WORDS), bool(words & LOST_WORDS)
    if won != lost:
        return "won" if won else "lost"
    return None


_STEP_KEYS = {key: step for step, names in STAGE_STEPS.items() for key in _keys(names)}


def stage_status(name: str) -> str | None:
    """Return 'won', 'lost' or 'open' for one stage name, None when it is not recognised."""
    return _status_of(name)


def stage_step(name: str) -> int | None:
    """Return how far along an open stage is (5 = new lead … 95 = closing), None if unknown."""
    key = _status_key(name)
    stripped = re.sub(r"^\d+", "", re.sub(r"\d{1,3}%", "", key))
    return _STEP_KEYS.get(key, _STEP_KEYS.get(stripped))


def stage_number(name: str) -> int | None:
    """Return the number a stage name starts with ('3. Proposal' → 3), None without one."""
    found = re.match(r"\s*(\d{1,2})(?!\d|\s*%)", name)
    return int(found.group(1)) if found else None


def parse_status(raw: pd.Series) -> ParsedStatus:
    """Return "won"/"lost"/"open" per row (None where blank) from a stage or status column."""
    fz = factorize(raw)
    statuses = np.empty(len(fz.kinds), dtype=object)
    unknown: set[str] = set()
    for i, value in enumerate(fz.values()):
        text = _words(str(value))
        if text == "" or fz.kinds[i] not in (KIND_STR, KIND_NUM):
            statuses[i] = None if text == "" else "open"
            if text:
                unknown.add(text)
            continue
        status = _status_of(text)
        if status is None:
            unknown.add(text)
            status = "open"
        statuses[i] = status
    notes: list[Say] = []
    names = tuple(sorted(unknown, key=lambda name: (name.lower(), name)))
    if names:
        more = message("note.stages.more", n=len(names) - 10) if len(names) > 10 else ""
        key = "note.stages.unknown" + ("" if len(names) == 1 else "_many")
        notes.append(message(key, n=len(names), names=", ".join(names[:10]), more=more))
    values = take(statuses, None, fz.codes)
    return ParsedStatus(
        values=pd.Series(values, index=raw.index, name=raw.name, dtype=object),
        unknown=names,
        notes=tuple(notes),
    )


def status_from_flags(
    is_won: pd.Series | None,
    is_closed: pd.Series | None,
    probability: pd.Series | None,
) -> pd.Series:
    """Return "won"/"lost"/"open"/None per row from IsWon/IsClosed flags or a probability."""
    given = [s for s in (is_won, is_closed, probability) if s is not None]
    if not given:
        raise ValueError("status_from_flags needs at least one of is_won, is_closed, probability")
    index = given[0].index
    n = len(index)
    status = np.full(n, None, dtype=object)

    def flag(series: pd.Series) -> tuple[BoolArray, BoolArray]:
        """(is true, is false) per row; blank counts as false, unreadable as neither."""
        values, failed = parse_bools(series)
        true = values.fillna(False).to_numpy(dtype=bool)
        return true, ~true & ~failed.to_numpy()

    if is_closed is not None:
        closed, not_closed = flag(is_closed)
        if is_won is not None:
            won, not_won = flag(is_won)
            status[closed & not_won] = "lost"
            status[not_closed & not_won] = "open"
            status[won] = "won"  # IsWon implies closed
        else:
            status[not_closed] = "open"
    elif is_won is not None:
        won, _ = flag(is_won)
        status[won] = "won"

    if probability is not None:
        numbers = parse_numbers(probability).values.to_numpy(dtype=np.float64)
        finite = numbers[np.isfinite(numbers)]
        if finite.size and finite.max() <= 1 and ((finite > 0) & (finite < 1)).any():
            numbers = numbers * 100  # written as fractions: 0.25 = 25%
        todo = np.array([s is None for s in status], dtype=bool)
        with np.errstate(invalid="ignore"):
            status[todo & (numbers >= 100)] = "won"
            status[todo & (numbers == 0)] = "lost"
            status[todo & (numbers > 0) & (numbers < 100)] = "open"
    return pd.Series(status, index=index, dtype=object)
