"""A symlink loop: following it never reaches a file.

Raised while reading (cdsplan.files); declared here for the registry and the docs."""

from __future__ import annotations

from ..i18n import N_
from .base import Rule

RULE = Rule(
    code="symlink-loop",
    severity="error",
    scope="read",
    summary=N_("a symlink that leads back to itself"),
    help=N_("Fix or remove the link."),
)
