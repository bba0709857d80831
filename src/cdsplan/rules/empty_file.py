"""An empty YAML file (or one holding only comments).

Raised while reading (cdsplan.reading); declared here for the registry and the docs."""

from __future__ import annotations

from ..i18n import N_
from .base import Rule, example

RULE = Rule(
    code="empty-file",
    severity="error",
    scope="read",
    summary=N_("the file is empty"),
    help=N_("Start a plan with `schema: cdsplan/v1`, or delete the empty file."),
    bad="",
    good=example("sections: []\n"),
)
