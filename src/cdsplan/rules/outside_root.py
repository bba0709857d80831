"""A file that lies outside the folder cdsplan was asked to read.

Raised while reading (cdsplan.files); declared here for the registry and the docs."""

from __future__ import annotations

from ..i18n import N_
from .base import Rule

RULE = Rule(
    code="outside-root",
    severity="error",
    scope="read",
    summary=N_("a file outside the folder being read"),
    help=N_("Move the file inside the folder cdsplan reads."),
)
