"""Parts of a page that stand alone: one that fails shows a plain sentence, the rest renders.

`with section("key"):` runs a part of a page. If it raises, the user sees "This part could
not be worked out from this export." and, collapsed below it, the error type, message and
traceback as plain code text for a bug report, never Streamlit's red exception box.

Only `Exception` is caught: Streamlit's control flow (st.stop, st.rerun, st.switch_page)
raises `ScriptControlException`, a `BaseException`, and passes through untouched.

A cached load that several parts need is tried once with `attempt`; each part that needs it
calls `need` inside its own section, which raises the load's error there again, so every part
that needs it shows the sentence and the parts that do not are drawn as usual.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from analysis.words.catalogue import t
from ui import state

T = TypeVar("T")
LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class Failed:
    """A load that raised: the error, kept to be shown by each part that needs the load."""

    error: Exception


def attempt(load: Callable[..., T], *args: Any, **kwargs: Any) -> T | Failed:
    """Return load(*args) or, when it raises, a `Failed` holding the error (nothing drawn)."""
    try:
        return load(*args, **kwargs)
    except Exception as exc:  # shown by the parts that need it
        return Failed(exc)


def need(value: T | Failed) -> T:
    """Return the loaded value; raise the load's error when it failed (inside a section)."""
    if isinstance(value, Failed):
        raise value.error
    return value


def show_failure(error: BaseException, key: str) -> None:
    """Draw the plain sentence and a collapsed box with the error as code text (and log it)."""
    LOG.warning("part %s could not be worked out", key, exc_info=error)  # for the server's log
    lang = state.lang()
    st.warning(t("sections.failed", lang), icon=":material/block:")
    details = "".join(traceback.format_exception(error))
    with st.expander(t("sections.details", lang), expanded=False):
        st.code(f"{key}: {type(error).__name__}: {error}\n\n{details}", language=None)


@contextmanager
def section(key: str, stop: bool = False) -> Iterator[None]:
    """Run a part of a page; if it raises, show the sentence instead (and st.stop when `stop`).

    `stop` is for the part every later part needs (the page's data): without it there is
    nothing more to draw.
    """
    try:
        yield
    except ScriptControlException:
        raise
    except Exception as exc:  # one part failing must not take down the page
        show_failure(exc, key)
        if stop:
            st.stop()
