"""A value marked with a YAML tag (`!tag`, `!!python/…`): cdsplan reads plain values only.

Raised while reading (cdsplan.reading); declared here for the registry and the docs."""

from __future__ import annotations

from ..i18n import N_
from .base import Rule, example

RULE = Rule(
    code="bad-tag",
    severity="error",
    scope="read",
    summary=N_("a YAML tag"),
    help=N_("Write plain values without `!tag`: a date as 2024-09-15, text in quotes when it must stay text."),
    bad=example("theme: !custom Dữ liệu số\nsections: []\n"),
    good=example("sections: []\n"),
)
