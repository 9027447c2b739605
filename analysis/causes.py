"""The root causes: what each one is read from, what counts as material, and its evidence.

`CAUSES` is the catalogue of DESIGN.md's codes, each with the KPI it is read from, the bad
direction and the business thresholds below which a move does not matter; `analysis.diagnosis`
tests them. `evidence` writes the one line shown next to a flag, and `split_contributions`
gives each flagged cause its part of the revenue bridge, counting every part only once.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis import bridge as B
from analysis.kpi_registry import SAMPLE_WORDS, format_value
from analysis.shifts import Shift

DEAL_CAUSES = ("falling_inquiries", "falling_close_rate", "shrinking_deal_size", "slowing_cycle")


@dataclass(frozen=True)
class CauseSpec:
    """A root cause: the KPI it is read from, the bad direction and what counts as material."""

    code: str
    label: str
    kpi: str  # the registry key its values are shown with
    worse: str  # "lower" or "higher"
    min_relative: float  # the smallest relative move that matters (0.2 = 20 %)
    min_absolute: float  # and the smallest absolute move (points, days, hours)
    min_now: int  # sample needed in the current period (deals, answers; 0 for counts)
    min_before: int  # sample needed over the usual-level periods
    parts: tuple[str, ...]  # bridge parts it works through


CAUSES = (
    CauseSpec("falling_inquiries", "Fewer new deals", "new_deals", "lower", 0.2, 3, 0, 10,
              ("new_deals",)),
    CauseSpec("falling_close_rate", "Falling win rate", "win_rate", "lower", 0.2, 0.05, 10, 20,
              ("win_rate",)),
    CauseSpec("shrinking_deal_size", "Smaller deals", "avg_deal_size", "lower", 0.15, 0, 5, 15,
              ("avg_deal_size",)),
    CauseSpec("slowing_cycle", "Slower sales cycle", "cycle_days", "higher", 0.2, 5, 5, 15,
              ("pace",)),
    CauseSpec("low_activity", "Less activity", "activities", "lower", 0.25, 10, 0, 40,
              ("new_deals", "pace")),
    CauseSpec("slow_lead_response", "Slower lead response", "lead_response_hours", "higher",
              0.5, 1.0, 8, 20, ()),
    CauseSpec("low_satisfaction", "Lower customer satisfaction", "nps", "lower", 0.0, 15, 8,
              20, ()),
)  # fmt: skip
CAUSE_BY_CODE = {c.code: c for c in CAUSES}
# A slower cycle read from the deals that close: fewer of them while the inflow holds.
PACE = "closing_pace"
PACE_SPEC = CauseSpec("slowing_cycle", "Slower sales cycle", "closed_deals", "lower", 0.25, 3,
                      0, 10, ("pace",))  # fmt: skip


@dataclass(frozen=True)
class Cause:
    """A flagged root cause with its evidence, confidence and share of the revenue change."""

    code: str
    label: str
    kpi: str
    shift: Shift
    before: float  # the usual level and the current value as users read them
    after: float
    contribution: float | None
    evidence: str
    shared_with: str | None = None  # the cause its part of the revenue change is counted under

    @property
    def confidence(self) -> float:
        """Return how sure the move is not noise (0-1)."""
        return self.shift.confidence


@dataclass(frozen=True)
class Check:
    """What happened to one cause for one row: flagged, not flagged (why), or not tested."""

    code: str
    verdict: str  # "flagged", "not flagged" or "not tested"
    reason: str
    shift: Shift | None
    before: float | None = None  # the usual level and the current value as users read them
    after: float | None = None
    evidence: str = ""  # the one-line evidence, when flagged


def evidence(
    spec: CauseSpec, check: Check, grain: str, currency: str | None, track_what: str = ""
) -> str:
    """Return the one-line evidence of a cause: before → after and the sample behind it."""
    shift = check.shift
    assert shift is not None
    assert check.before is not None
    assert check.after is not None
    before, after, key = check.before, check.after, spec.kpi

    def show(value: float) -> str:
        return format_value(key, value, currency)

    if key in ("new_deals", "activities", "closed_deals"):
        what = track_what or key.replace("_", " ")
        return (
            f"{what} {before:,.0f} → {after:,.0f} a {grain} "
            f"(usual: the median of the {shift.n_before:.0f} {grain}s before)"
        )
    sample = SAMPLE_WORDS[key]
    label = {
        "win_rate": "win rate",
        "avg_deal_size": "average won deal",
        "cycle_days": "typical sales cycle",
        "lead_response_hours": "typical first response",
        "nps": "NPS",
        "csat": "CSAT",
    }[key]
    return (
        f"{label} {show(before)} → {show(after)} "
        f"({shift.n_after:,.0f} {sample} now, {shift.n_before:,.0f} in the usual periods)"
    )


def split_contributions(
    specs: list[CauseSpec], bridge: B.Bridge | None
) -> list[tuple[float | None, str | None]]:
    """Return each flagged cause's part of the revenue change, and whose part it shares.

    Each part of the bridge is counted under one cause only: the causes read straight from it
    first (fewer new deals, a slower cycle, win rate, deal size), then less activity, a leading
    indicator, with whatever of new deals and closing pace is left. On a three-factor bridge
    (no created dates) fewer new deals and a slower cycle both work through closed deals.
    Slower lead response and lower satisfaction act outside the bridge: (None, None).
    """
    claimed: dict[str, str] = {}
    out: dict[int, tuple[float | None, str | None]] = {}
    order = sorted(range(len(specs)), key=lambda i: specs[i].code == "low_activity")
    for i in order:
        spec = specs[i]
        if bridge is None or not spec.parts:
            out[i] = (None, None)
            continue
        parts = [bridge.part(p) for p in spec.parts]
        if all(p is None for p in parts) and spec.code != "falling_close_rate":
            parts = [bridge.part("closed_deals")]  # a three-factor bridge
        mine = [p for p in parts if p is not None and p.factor not in claimed]
        owner = next((claimed[p.factor] for p in parts if p and p.factor in claimed), None)
        left = sum(p.contribution for p in mine)
        if not mine or (owner is not None and left >= 0):  # what it drives is counted there
            out[i] = (None, owner)
            continue
        for p in mine:
            claimed[p.factor] = spec.label
        out[i] = (float(sum(p.contribution for p in mine)), None)
    return [out[i] for i in range(len(specs))]


def for_scores(spec: CauseSpec, kind: str | None) -> CauseSpec:
    """Return the spec with the satisfaction KPI of the data (NPS points or CSAT points)."""
    if spec.code == "low_satisfaction" and kind == "csat":
        return CauseSpec(spec.code, spec.label, "csat", "lower", 0.0, 0.3, 8, 20, ())
    return spec
