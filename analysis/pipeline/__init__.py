"""The open pipeline: snapshot, funnel, plan to target and lead follow-up."""
