"""`en()`: what reading said (messages, or containers of them) written in English, for tests
that compare it with the English text the app has always shown."""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.words.message import text


def en(said: Any) -> Any:
    """Return a message, or each message in a tuple, list, dict key or Series, in English."""
    if isinstance(said, tuple):
        return tuple(en(x) for x in said)
    if isinstance(said, list):
        return [en(x) for x in said]
    if isinstance(said, dict):
        return {en(k): v for k, v in said.items()}
    if isinstance(said, pd.Series):
        return said.map(lambda x: text(x, "en"))
    return text(said, "en")
