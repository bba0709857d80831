"""A folder named like a plan file (`x.yaml/`), a FIFO, a device or a socket: only regular files are read.

Raised while reading (cdsplan.reading); declared here for the registry and the docs."""

from __future__ import annotations

from ..i18n import N_
from .base import Rule

RULE = Rule(
    code="not-a-file",
    severity="error",
    scope="read",
    summary=N_("not a regular file"),
    help=N_("Plans, templates and records are regular files: rename the folder, remove the FIFO, device or socket."),
)
