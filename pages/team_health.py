"""Team health (placeholder until its issue is built)."""

from ui.placeholder import coming_next

coming_next(
    "Team health",
    "eNPS per team and over time: promoters, passives and detractors.",
)
