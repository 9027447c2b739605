"""Meeting mode & export (placeholder until its issue is built)."""

from ui.placeholder import coming_next

coming_next(
    "Meeting mode & export",
    "A presentation view for the team meeting, and the report as HTML, PDF or Excel.",
)
