"""What to do about it: the playbooks and the coaching plans for a rep and a team."""
