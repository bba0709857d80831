"""Progress: what agencies report they have done, and writing it into files without losing a byte."""
