"""A KPI value not yet in a language: what computation puts in a `Say` where a KPI is quoted.

    Say("diagnosis.spot.measure", value=shown("win_rate", 0.18), ...).text("nl")  # '18%'

`shown(...)` is written by `registry.format_value` in the reader's language when the sentence
around it is shown ('€12,500' / '€ 12.500', '12 days' / '12 dagen').
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.kpis.labels import format_value
from analysis.words.catalogue import DEFAULT
from analysis.words.formats import MINUS


@dataclass(frozen=True)
class Shown:
    """A KPI's value with what it needs to be written: its currency, a sign, a true minus."""

    kpi: str
    value: float | None
    currency: str | None = None
    signed: bool = False
    minus: bool = False  # a true minus sign ('−62') instead of a hyphen

    def text(self, lang: str = DEFAULT) -> str:
        """Return the value as users read it in `lang`: '€12,500', '34%', '12 days'."""
        written = format_value(self.kpi, self.value, self.currency, lang, self.signed)
        return written.replace("-", MINUS) if self.minus else written


def shown(
    kpi: str,
    value: float | None,
    currency: str | None = None,
    signed: bool = False,
    minus: bool = False,
) -> Shown:
    """Return a KPI value to be written in the reader's language where it is shown."""
    return Shown(kpi, None if value is None else float(value), currency, signed, minus)
