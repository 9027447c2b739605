"""Team overview (placeholder until its issue is built)."""

from ui.placeholder import coming_next

coming_next(
    "Team overview",
    "KPI cards with the change against the previous period, trends per KPI, target attainment per rep and a leaderboard with recognition for the top performers and the most improved.",
)
