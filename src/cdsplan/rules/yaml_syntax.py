"""YAML syntax the parser cannot read. Where the cause is clear (a plain value holding `: ` or ` #`, a tab in
the indentation, an unclosed quote) the problem points at the cause and says how to mend it.

Raised while reading (cdsplan.reading); declared here for the registry and the docs."""

from __future__ import annotations

from ..i18n import N_
from .base import Rule, example

RULE = Rule(
    code="yaml-syntax",
    severity="error",
    scope="read",
    summary=N_("the file is not valid YAML"),
    help=N_(
        "Mend the YAML at the place shown: a value holding ': ' or ' #' goes in quotes, indentation uses spaces, every quote is closed."
    ),
    bad=example("theme: Dữ liệu số: động lực mới\nsections: []\n"),
    good=example('theme: "Dữ liệu số: động lực mới"\nsections: []\n'),
)
