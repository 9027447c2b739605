"""Showing user text safely: file names, sheet names and cell values are never markup."""

from __future__ import annotations

import re

from analysis.words.message import text as written

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: object) -> str:
    """Return text with every Markdown/HTML character escaped, for st.markdown and friends."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def said(words: object, lang: str) -> str:
    """Return a `Say` (or any value) written in `lang`, every Markdown character escaped."""
    return plain(written(words, lang))
