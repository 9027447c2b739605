"""Showing user text safely: file names, sheet names and cell values are never markup."""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: object) -> str:
    """Return text with every Markdown/HTML character escaped, for st.markdown and friends."""
    return _MARKDOWN.sub(r"\\\1", str(text))
