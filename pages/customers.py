"""Customers (placeholder until its issue is built)."""

from ui.placeholder import coming_next

coming_next(
    "Customers",
    "Customer satisfaction and NPS, retention of last period's customers, and market share.",
)
