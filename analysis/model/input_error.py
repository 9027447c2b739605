"""The one exception for problems with what the user gave: files, options, a saved mapping.

Only an `InputError` is told to the user as their mistake (the command line's one-line
`salescope: ...` and exit code 2). Anything else that goes wrong is the program's: a section
that fails is left out and listed, never blamed on the input.
"""

from __future__ import annotations


class InputError(ValueError):
    """A problem with the input; the message is one plain sentence meant for the user."""
