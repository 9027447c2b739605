"""The one exception for problems with what the user gave: files, options, a saved mapping.

Only an `InputError` is told to the user as their mistake (the command line's one-line
`salescope: ...` and exit code 2). Anything else that goes wrong is the program's: a section
that fails is left out and listed, never blamed on the input.

An `InputError` made from a `Say` keeps it as `said`, so a page can write it in the reader's
language; `str(error)` is its English text (logs, the command line).
"""

from __future__ import annotations

from analysis.words.message import Say


class InputError(ValueError):
    """A problem with the input; the message is one plain sentence meant for the user."""

    def __init__(self, said: Say | str) -> None:
        self.said: Say | None = said if isinstance(said, Say) else None
        super().__init__(said.text("en") if isinstance(said, Say) else said)
