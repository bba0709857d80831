"""The file holds a list or a single value where a plan (a mapping of keys) is expected.

Raised while reading (cdsplan.reading); declared here for the registry and the docs."""

from __future__ import annotations

from ..i18n import N_
from .base import Rule, example

RULE = Rule(
    code="not-a-mapping",
    severity="error",
    scope="read",
    summary=N_("the file is not a mapping of keys"),
    help=N_("A plan file is a mapping: `schema: cdsplan/v1`, `id: …`, `title: …` on lines of their own."),
    bad="- Quý I/2024\n- Quý II/2024\n",
    good=example("sections: []\n"),
)
