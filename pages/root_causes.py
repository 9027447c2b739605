"""Root causes (placeholder until its issue is built)."""

from ui.placeholder import coming_next

coming_next(
    "Root causes",
    "The revenue bridge from the previous period to this one, split into fewer inquiries, a different close rate, deal size and cycle, per team and per rep, with the flagged reps.",
)
