"""The root causes: what each one is read from, what counts as material, and its evidence.

`CAUSES` is the catalogue of DESIGN.md's codes, each with the KPI it is read from, the bad
direction and the business thresholds below which a move does not matter;
`analysis.diagnosis.checks` tests them. `evidence` writes the one line shown next to a flag,
and `split_contributions` gives each flagged cause its part of the revenue bridge, counting
every part only once.
Evidence is a `Say` (words in `analysis/words/sentences/diagnosis.toml`), written in a
language only where it is shown; a cause is named by its code (`cause_label` says it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analysis.diagnosis import bridge as B
from analysis.diagnosis.shifts import Shift
from analysis.kpis.shown import shown
from analysis.words.message import Joined, Say, fmt

DEAL_CAUSES = ("falling_inquiries", "falling_close_rate", "shrinking_deal_size", "slowing_cycle")
COUNTS = ("new_deals", "activities", "closed_deals")  # KPIs read as counts a period
# Less activity explaining at least this share of the fall in new deals is the cause of it:
# the new-deals part of the bridge is counted under less activity, fewer new deals under it.
ACTIVITY_EXPLAINS = 0.5


def cause_label(code: str) -> Say:
    """Return a cause's name, to be written where it is shown: 'Falling win rate'."""
    return Say(f"diagnosis.cause.{code}")


@dataclass(frozen=True)
class CauseSpec:
    """A root cause: the KPI it is read from, the bad direction and what counts as material."""

    code: str
    kpi: str  # the registry key its values are shown with
    worse: str  # "lower" or "higher"
    min_relative: float  # the smallest relative move that matters (0.2 = 20 %)
    min_absolute: float  # and the smallest absolute move (points, days, hours)
    min_now: int  # sample needed in the current period (deals, answers; 0 for counts)
    min_before: int  # sample needed over the usual-level periods
    parts: tuple[str, ...]  # bridge parts it works through

    @property
    def label(self) -> Say:
        """Return the cause's name, to be written where it is shown ('Falling win rate')."""
        return cause_label(self.code)


CAUSES = (
    CauseSpec("falling_inquiries", "new_deals", "lower", 0.2, 3, 0, 10, ("new_deals",)),
    CauseSpec("falling_close_rate", "win_rate", "lower", 0.2, 0.05, 10, 20, ("win_rate",)),
    CauseSpec("shrinking_deal_size", "avg_deal_size", "lower", 0.15, 0, 5, 15, ("avg_deal_size",)),
    CauseSpec("slowing_cycle", "cycle_days", "higher", 0.2, 5, 5, 15, ("pace",)),
    CauseSpec("low_activity", "activities", "lower", 0.25, 10, 0, 40, ("new_deals", "pace")),
    CauseSpec("slow_lead_response", "lead_response_hours", "higher", 0.5, 1.0, 8, 20, ()),
    CauseSpec("low_satisfaction", "nps", "lower", 0.0, 15, 8, 20, ()),
)  # fmt: skip
CAUSE_BY_CODE = {c.code: c for c in CAUSES}
# A slower cycle read from the deals that close: fewer of them while the inflow holds.
PACE = "closing_pace"
PACE_SPEC = CauseSpec("slowing_cycle", "closed_deals", "lower", 0.25, 3, 0, 10, ("pace",))


@dataclass(frozen=True)
class Cause:
    """A flagged root cause with its evidence, confidence and share of the revenue change."""

    code: str
    kpi: str
    shift: Shift
    before: float  # the usual level and the current value as users read them
    after: float
    contribution: float | None
    evidence: Say | Joined
    shared_with: str | None = None  # the code of the cause its part of the change is counted under
    share: float | None = None  # the share of the fall in revenue it explains (`share_of_change`)

    @property
    def label(self) -> Say:
        """Return the cause's name, to be written where it is shown ('Falling win rate')."""
        return cause_label(self.code)

    @property
    def shared_label(self) -> Say | None:
        """Return the name of the cause its part is counted under, or None."""
        return cause_label(self.shared_with) if self.shared_with else None

    @property
    def confidence(self) -> float:
        """Return how sure the move is not noise (0-1)."""
        return self.shift.confidence


@dataclass(frozen=True)
class Check:
    """What happened to one cause for one row: flagged, not flagged (why), or not tested."""

    code: str
    verdict: str  # "flagged", "not flagged" or "not tested"
    reason: Say
    shift: Shift | None
    before: float | None = None  # the usual level and the current value as users read them
    after: float | None = None
    evidence: Say | Joined | None = None  # the one-line evidence, when flagged


def periods_words(labels: Sequence[str]) -> Say | str:
    """Return periods in words: one label, '2026-Q2 and 2026-Q3', or '2025-Q1 … 2026-Q2'."""
    if len(labels) == 1:
        return labels[0]
    key = "diagnosis.span.two" if len(labels) == 2 else "diagnosis.span.more"
    return Say(key, first=labels[0], last=labels[-1])


def evidence(
    spec: CauseSpec,
    check: Check,
    grain: str,
    currency: str | None,
    track_what: str = "",
    when: tuple[str, Sequence[str]] = ("", ()),
) -> Say:
    """Return the one-line evidence of a cause: before → after and the sample behind it.

    `track_what` is what a count counts ('new_deals', 'new_leads', 'closed_deals',
    'activities'; default: the cause's KPI). `when` names the periods: the current one and
    those the usual level is the median of ('2026-Q3', ['2025-Q1', …, '2026-Q2']).
    """
    period, usual = when
    span = periods_words(usual) if usual else Say("diagnosis.reference.none")
    shift = check.shift
    assert shift is not None
    assert check.before is not None
    assert check.after is not None
    before, after, key = check.before, check.after, spec.kpi
    if key in COUNTS:
        return Say(
            f"diagnosis.evidence.count.{grain}",
            what=Say(f"diagnosis.count.{track_what or key}"),
            before=fmt("number", before),
            after=fmt("number", after),
            n=fmt("number", shift.n_before, group=False),
            now=period,
            span=span,
        )
    return Say(
        "diagnosis.evidence.sample",
        what=Say(f"diagnosis.measure.{key}"),
        before=shown(key, before, currency),
        after=shown(key, after, currency),
        now=fmt("number", shift.n_after),
        sample=Say(f"diagnosis.sample.{key}"),
        usual=fmt("number", shift.n_before),
        period=period,
        span=span,
    )


def activity_share(new_deals: tuple[float, float], activities: tuple[float, float]) -> float | None:
    """Return the share of the fall in new deals that less activity explains (None: no fall).

    New deals = activities × new deals per activity; the activity part of the change is its
    Shapley value, (a₁ − a₀) × (y₀ + y₁) / 2, divided by the change in new deals. 1 or more:
    the activity drop explains the whole fall (the yield per activity held or rose).
    """
    (n0, n1), (a0, a1) = new_deals, activities
    if not n1 < n0 or a0 <= 0 or a1 <= 0 or not a1 < a0:
        return None
    part = (a1 - a0) * (n0 / a0 + n1 / a1) / 2
    return part / (n1 - n0)


def activity_leads(checks: list[Check]) -> bool:
    """Return whether less activity explains the fall in new deals (both flagged, see
    `activity_share`): then it is the cause, and fewer new deals what it led to."""
    by_code = {c.code: c for c in checks if c.verdict == "flagged"}
    inflow, activity = by_code.get("falling_inquiries"), by_code.get("low_activity")
    if inflow is None or activity is None:
        return False
    values = (inflow.before, inflow.after, activity.before, activity.after)
    if any(v is None for v in values):
        return False
    n0, n1, a0, a1 = (float(v) for v in values)  # type: ignore[arg-type]
    share = activity_share((n0, n1), (a0, a1))
    return share is not None and share >= ACTIVITY_EXPLAINS


def _claim_order(specs: list[CauseSpec], activity_first: bool) -> list[int]:
    """Return the order in which the causes claim their parts: less activity last, or first
    when it explains the fall in new deals."""
    late = (lambda s: s.code != "low_activity") if activity_first else (
        lambda s: s.code == "low_activity"
    )  # fmt: skip
    return sorted(range(len(specs)), key=lambda i: late(specs[i]))


def split_contributions(
    specs: list[CauseSpec], bridge: B.Bridge | None, activity_first: bool = False
) -> list[tuple[float | None, str | None]]:
    """Return each flagged cause's part of the revenue change, and whose part it shares.

    The cause whose part another one shares is given by its code ('falling_inquiries').

    Each part of the bridge is counted under one cause only: the causes read straight from it
    first (fewer new deals, a slower cycle, win rate, deal size), then less activity, a leading
    indicator, with whatever of new deals and closing pace is left. With `activity_first`
    (less activity explains the fall in new deals, `activity_leads`), less activity claims the
    part of new deals first and fewer new deals is counted under it. On a three-factor bridge
    (no created dates) fewer new deals and a slower cycle both work through closed deals.
    Slower lead response and lower satisfaction act outside the bridge: (None, None).
    """
    claimed: dict[str, str] = {}
    out: dict[int, tuple[float | None, str | None]] = {}
    for i in _claim_order(specs, activity_first):
        spec = specs[i]
        if bridge is None or not spec.parts:
            out[i] = (None, None)
            continue
        names = spec.parts
        if activity_first and spec.code == "low_activity":
            names = CAUSE_BY_CODE["falling_inquiries"].parts
        parts = [bridge.part(p) for p in names]
        if all(p is None for p in parts) and spec.code != "falling_close_rate":
            parts = [bridge.part("closed_deals")]  # a three-factor bridge
        mine = [p for p in parts if p is not None and p.factor not in claimed]
        owner = next((claimed[p.factor] for p in parts if p and p.factor in claimed), None)
        left = sum(p.contribution for p in mine)
        if not mine or (owner is not None and left >= 0):  # what it drives is counted there
            out[i] = (None, owner)
            continue
        for p in mine:
            claimed[p.factor] = spec.code
        out[i] = (float(sum(p.contribution for p in mine)), None)
    return [out[i] for i in range(len(specs))]


def share_of_change(contribution: float | None, bridge: B.Bridge | None) -> float | None:
    """Return the share of what pulled revenue down that a cause's part of the bridge explains.

    Its contribution ÷ the sum of the bridge's falling parts (0.61: 61% of what pulled revenue
    down), so it never passes 100%, even when other parts rose. None when it explains no part
    of a fall: its part is counted under another cause or outside the bridge, it cost nothing,
    or revenue did not fall.
    """
    if contribution is None or bridge is None or contribution >= 0 or bridge.change >= 0:
        return None
    losses = sum(p.contribution for p in bridge.parts if p.contribution < 0)
    return min(contribution / losses, 1.0) if losses < 0 else None


def for_scores(spec: CauseSpec, kind: str | None) -> CauseSpec:
    """Return the spec with the satisfaction KPI of the data (NPS points or CSAT points)."""
    if spec.code == "low_satisfaction" and kind == "csat":
        return CauseSpec(spec.code, "csat", "lower", 0.0, 0.3, 8, 20, ())
    return spec
