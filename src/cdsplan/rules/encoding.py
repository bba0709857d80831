"""Plan files are UTF-8 (a byte-order mark is allowed). A file saved as Windows-1258 or Latin-1 is refused
at its first byte that is not UTF-8.

Raised while reading (cdsplan.reading); declared here for the registry and the docs."""

from __future__ import annotations

from ..i18n import N_
from .base import Rule

RULE = Rule(
    code="encoding",
    severity="error",
    scope="read",
    title="NotUtf8",
    summary=N_("the file is not UTF-8"),
    help=N_("Save the file as UTF-8 (Notepad: Save as, Encoding UTF-8; Excel exports: CSV UTF-8)."),
)
