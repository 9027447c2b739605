"""Team health: eNPS and the mood of teams from the employee survey."""
