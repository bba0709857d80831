"""A file or folder name longer than the file system allows.

Raised while reading (cdsplan.files); declared here for the registry and the docs."""

from __future__ import annotations

from ..i18n import N_
from .base import Rule

RULE = Rule(
    code="name-too-long",
    severity="error",
    scope="read",
    summary=N_("a path component longer than the file system allows"),
    help=N_("Shorten the file or folder name (at most 255 bytes for each part of a path)."),
)
