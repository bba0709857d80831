"""History: the plans at git revisions, and what changed between two of them."""
