"""Sections of an analysis computed on their own: one that fails is set aside, the rest goes on.

The command line computes its JSON in sections (kpis, funnel, diagnosis, pipeline,
data_quality, each report file). A section that raises is recorded here with a short plain
message and its error (for `--debug`); a section that needs a failed one is recorded as not
worked out because of it. An `InputError` is the user's problem and is never set aside.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from analysis.model.input_error import InputError

T = TypeVar("T")

FAILED = "could not be worked out from this export (internal error: {kind}: {text})"
NEEDS = "was not worked out: it needs {needs}, which failed"


@dataclass(frozen=True)
class Failure:
    """One section that failed: its name, a short message, and the error when it raised."""

    section: str
    message: str
    error: BaseException | None = None

    def json(self) -> dict[str, str]:
        """Return the failure as the JSON's `errors` entry: section and message."""
        return {"section": self.section, "message": self.message}


def internal_message(error: BaseException) -> str:
    """Return the plain message of an internal error: not worked out, and the error in short."""
    text = " ".join(str(error).split())[:300]
    return FAILED.format(kind=type(error).__name__, text=text or "no message")


@dataclass
class Sections:
    """The failures of one run, and `run` to compute a section with its failure contained."""

    failures: list[Failure] = field(default_factory=list)

    def run(self, section: str, compute: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Return compute(*args) or None when it raised (recorded); InputError passes through."""
        try:
            return compute(*args, **kwargs)
        except InputError:
            raise
        except Exception as exc:  # every internal error of a section is contained here
            self.failures.append(Failure(section, internal_message(exc), exc))
            return None

    def failed(self, *sections: str) -> list[str]:
        """Return those of the named sections that failed (in the order given)."""
        gone = {f.section for f in self.failures}
        return [s for s in sections if s in gone]

    def error(self, section: str) -> BaseException | None:
        """Return the error of a section that raised (None: it did not)."""
        return next((f.error for f in self.failures if f.section == section), None)

    def skip(self, section: str, needs: list[str]) -> None:
        """Record a section left out because sections it needs failed."""
        self.failures.append(Failure(section, NEEDS.format(needs=" and ".join(needs))))

    def json(self) -> list[dict[str, str]]:
        """Return the `errors` list of the JSON: one entry per failed section."""
        return [f.json() for f in self.failures]
