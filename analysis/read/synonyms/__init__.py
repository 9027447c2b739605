"""Header synonyms per canonical field, and sheet-name hints per table: the one entry point.

Keys are (table, field); ("*", field) applies to every table that has the field. All
entries are in normalised form (see `mapping.normalize_header`): lower case, CamelCase
split, punctuation as spaces; Salesforce `__c` suffixes removed. Earlier entries win ties.

The lists live by what they hold: `shared` (fields of every table), `deals` (deals and their
stage history), `other_tables` (activities, leads, targets, feedback, surveys, market, reps),
`languages` (Spanish, Portuguese, French, German and Italian additions, appended last) and
`sheet_hints` (words in sheet names).
"""

from __future__ import annotations

from analysis.read.synonyms.deals import DEAL_LINKS, DEALS, STAGE_HISTORY
from analysis.read.synonyms.languages import MORE_LANGUAGES
from analysis.read.synonyms.other_tables import OTHER_TABLES
from analysis.read.synonyms.shared import SHARED
from analysis.read.synonyms.sheet_hints import NOT_PEOPLE_HINTS, SHEET_HINTS

__all__ = ["NOT_PEOPLE_HINTS", "SHEET_HINTS", "SYNONYMS"]


def _with_more_languages(
    english_dutch: dict[tuple[str, str], list[str]],
) -> dict[tuple[str, str], list[str]]:
    """Return the synonyms with the other languages' headers appended, never repeating one."""
    merged = dict(english_dutch)
    for key, extra in MORE_LANGUAGES.items():
        merged[key] = merged.get(key, []) + [s for s in extra if s not in merged.get(key, [])]
    return merged


SYNONYMS: dict[tuple[str, str], list[str]] = _with_more_languages(
    {**SHARED, **DEALS, **OTHER_TABLES, **DEAL_LINKS, **STAGE_HISTORY}
)
