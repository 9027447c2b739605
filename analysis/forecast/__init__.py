"""Where the period will land: the revenue still to come as a range (issue 15, in progress)."""
