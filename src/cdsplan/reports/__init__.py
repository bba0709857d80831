"""Results as text: each command's results rendered in the formats it offers (reporters only read)."""
