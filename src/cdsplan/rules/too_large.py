"""A file over `max_file_mb`, nesting deeper than the reader allows, or a text longer than its limit (docs/limits.md).

Raised while reading (cdsplan.reading); declared here for the registry and the docs."""

from __future__ import annotations

from ..i18n import N_
from .base import Rule

RULE = Rule(
    code="too-large",
    severity="error",
    scope="read",
    summary=N_("a file or a value over a documented limit"),
    help=N_("Split the plan into several files, shorten the value, or raise the limit ([tool.cdsplan] max_file_mb; docs/limits.md)."),
)
