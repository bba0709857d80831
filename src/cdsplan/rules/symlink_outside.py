"""A symlink found under the plans that points outside the folder being read (a secret, a device): it is not followed.

Raised while reading (cdsplan.files); declared here for the registry and the docs."""

from __future__ import annotations

from ..i18n import N_
from .base import Rule

RULE = Rule(
    code="symlink-outside",
    severity="error",
    scope="read",
    summary=N_("a symlink that leads out of the project"),
    help=N_("Copy the file into the project instead of linking to it: cdsplan follows symlinks only inside the folder it reads."),
)
