"""Rep deep-dive (placeholder until its issue is built)."""

from ui.placeholder import coming_next

coming_next(
    "Rep deep-dive",
    "One rep against the team on every KPI, the funnel stage where deals are lost, the trend, the root causes with their evidence and a coaching plan.",
)
