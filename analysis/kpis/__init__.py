"""The KPI registry, the long KPI table per rep, team and period, and the overview drawn from it."""
