"""A YAML date (YYYY-MM-DD) that is not a day of the calendar.

Raised while reading (cdsplan.reading); declared here for the registry and the docs."""

from __future__ import annotations

from ..i18n import N_
from .base import Rule, example

RULE = Rule(
    code="invalid-date",
    severity="error",
    scope="read",
    summary=N_("a date that does not exist"),
    help=N_("Check the day and the month: 2024-02-30 does not exist."),
    bad=example("decision:\n  date: 2024-02-30\nsections: []\n"),
    good=example("decision:\n  date: 2024-02-29\nsections: []\n"),
)
