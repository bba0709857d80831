"""A path given on the command line or found in the tree that does not exist or cannot be read.

Raised while reading (cdsplan.reading); declared here for the registry and the docs."""

from __future__ import annotations

from ..i18n import N_
from .base import Rule

RULE = Rule(
    code="unreadable",
    severity="error",
    scope="read",
    title="PathNotReadable",
    summary=N_("a path that cannot be read"),
    help=N_("Check the path and its permissions; cdsplan exits with status 2."),
)
