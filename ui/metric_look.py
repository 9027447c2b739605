"""How a card (st.metric) shows its change: colour and arrow decided from the numbers.

Streamlit reads only a leading hyphen as a fall; our changes are written with the real minus
sign ('−€12,000') and Dutch money puts it after the symbol ('€ −12.000'), so every card says
explicitly which way it moved and whether that is good.
"""

from __future__ import annotations

MINUSES = ("-", "\u2212")


def delta_look(delta: float | None, good: bool | None) -> dict[str, str]:
    """Return st.metric's delta_color and delta_arrow: green/red/gray, up/down/off."""
    arrow = "off" if not delta else "down" if delta < 0 else "up"
    colour = "gray" if good is None else "green" if good else "red"
    return {"delta_color": colour, "delta_arrow": arrow}


def falls(written: str) -> bool:
    """Return whether a written change is a fall: a minus before its first digit."""
    head = written.lstrip()
    digits = next((i for i, c in enumerate(head) if c.isdigit()), len(head))
    return any(m in head[:digits] for m in MINUSES)
