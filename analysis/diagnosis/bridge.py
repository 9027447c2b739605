"""The revenue bridge: an exact split of a revenue change into the factors revenue is made of.

Revenue is a product of factors: closed deals × win rate × average won deal size, or, where
the inflow of new deals is known, new deals × closing pace × win rate × average won deal size
(closing pace = closed deals ÷ new deals, the share of the inflow that closes in a period: it
falls when deals take longer). The change from a reference period to the current one is split
with Shapley values: each factor's contribution is its average effect over every order in which
the factors could change, so the parts always add up to the change, with no leftover term and
no dependence on which factor is taken first.

Zeros. A factor that is unknown in one period (the win rate of a period without closed deals,
the deal size of a period without wins) takes its value from the other period, where it was
multiplied by zero anyway: revenue on both sides stays what it really was, and an unknown factor
is given no contribution. When a factor is unknown on both sides, revenue is 0 on both sides.

Cents. `to_cents` rounds the parts to cents so that they add up exactly to the rounded change.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.words.catalogue import catalogue
from analysis.words.message import Say


def factor_label(factor: str) -> Say | str:
    """Return a factor's name to be written in a language ('Win rate'); unknown: the factor."""
    key = f"diagnosis.factor.{factor}"
    return Say(key) if key in catalogue() else factor


@dataclass(frozen=True)
class Part:
    """One factor of the bridge: its value before and after, and its share of the change."""

    factor: str
    before: float | None
    after: float | None
    contribution: float

    @property
    def label(self) -> Say | str:
        """Return the factor's name, to be written in a language where it is shown."""
        return factor_label(self.factor)


@dataclass(frozen=True)
class Bridge:
    """Revenue before and after, and the parts the change is made of (they add up exactly)."""

    before: float
    after: float
    parts: tuple[Part, ...]

    @property
    def change(self) -> float:
        """Return revenue after minus revenue before."""
        return self.after - self.before

    def part(self, factor: str) -> Part | None:
        """Return the part of one factor, or None when the bridge has no such factor."""
        return next((p for p in self.parts if p.factor == factor), None)


def _known(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def shapley(before: Sequence[float], after: Sequence[float]) -> list[float]:
    """Return each factor's Shapley contribution to product(after) - product(before)."""
    n = len(before)
    out = [0.0] * n
    orders = list(itertools.permutations(range(n)))
    for order in orders:
        values = list(before)
        for i in order:
            was = math.prod(values)
            values[i] = after[i]
            out[i] += math.prod(values) - was
    return [v / len(orders) for v in out]


def revenue_bridge(
    factors: Sequence[str],
    before: Sequence[float | None],
    after: Sequence[float | None],
) -> Bridge:
    """Return the bridge from the factors before to after (revenue = their product)."""
    b, a = list(before), list(after)
    for i in range(len(b)):
        if not _known(b[i]):
            b[i] = a[i] if _known(a[i]) else 0.0
        if not _known(a[i]):
            a[i] = b[i]
    b_f, a_f = [float(v) for v in b], [float(v) for v in a]  # type: ignore[arg-type]
    parts = tuple(
        Part(name, before[i], after[i], c)
        for i, (name, c) in enumerate(zip(factors, shapley(b_f, a_f), strict=True))
    )
    return Bridge(math.prod(b_f), math.prod(a_f), parts)


def to_cents(bridge: Bridge) -> list[float]:
    """Return the contributions rounded to cents, adding up exactly to the rounded change."""
    cents = [round(p.contribution * 100) for p in bridge.parts]
    target = round(bridge.after * 100) - round(bridge.before * 100)
    if cents:
        biggest = max(range(len(cents)), key=lambda i: abs(bridge.parts[i].contribution))
        cents[biggest] += target - sum(cents)
    return [c / 100 for c in cents]
