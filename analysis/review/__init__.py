"""The findings and the review document that the meeting screens and reports draw."""
