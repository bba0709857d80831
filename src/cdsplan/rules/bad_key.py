"""A mapping key written as a list or a mapping (`? [a, b]`).

Raised while reading (cdsplan.reading); declared here for the registry and the docs."""

from __future__ import annotations

from ..i18n import N_
from .base import Rule, example

RULE = Rule(
    code="bad-key",
    severity="error",
    scope="read",
    summary=N_("a key that is not a plain name"),
    help=N_("Write keys as plain names (`title:`), not as lists or mappings."),
    bad=example("? [a, b]\n: c\nsections: []\n"),
    good=example("sections: []\n"),
)
