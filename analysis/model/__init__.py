"""The data model: the canonical tables and fields, the Dataset, reporting periods, and the error told to users."""
