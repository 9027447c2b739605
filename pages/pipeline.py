"""Pipeline & funnel (placeholder until its issue is built)."""

from ui.placeholder import coming_next

coming_next(
    "Pipeline & funnel",
    "Deals per stage, stage-to-stage conversion, pipeline velocity, coverage of the remaining target, and deal ageing.",
)
