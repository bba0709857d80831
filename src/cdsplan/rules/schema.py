"""A value of the wrong kind: text where a list belongs, a word where a number belongs, a plan id with spaces.

Raised while reading (cdsplan.reading); declared here for the registry and the docs."""

from __future__ import annotations

from ..i18n import N_
from .base import Rule, example

RULE = Rule(
    code="schema",
    severity="error",
    scope="read",
    title="WrongKindOfValue",
    summary=N_("a value of the wrong kind"),
    help=N_("Give the kind of value the message names (docs/plan-format.md; `cdsplan schema` for editors)."),
    bad=example("recipients: Như Điều 3\nsections: []\n"),
    good=example("recipients:\n  - Như Điều 3;\nsections: []\n"),
)
