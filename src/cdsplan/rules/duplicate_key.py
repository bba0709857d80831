"""A mapping with the same key twice (YAML would keep the last one and drop the first without a word).

Raised while reading (cdsplan.reading); declared here for the registry and the docs."""

from __future__ import annotations

from ..i18n import N_
from .base import Rule, example

RULE = Rule(
    code="duplicate-key",
    severity="error",
    scope="read",
    summary=N_("a key given twice in one mapping"),
    help=N_("Keep one of the two: YAML would silently keep the last."),
    bad=example("year: 2025\nsections: []\n"),
    good=example("sections: []\n"),
)
