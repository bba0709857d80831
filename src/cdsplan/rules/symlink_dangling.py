"""A symlink whose target does not exist.

Raised while reading (cdsplan.files); declared here for the registry and the docs."""

from __future__ import annotations

from ..i18n import N_
from .base import Rule

RULE = Rule(
    code="symlink-dangling",
    severity="error",
    scope="read",
    summary=N_("a symlink to a file that does not exist"),
    help=N_("Fix or remove the link."),
)
