"""Every file names the format it is written in, so that a later format can be migrated, not silently misread.

Raised while reading (cdsplan.reading); declared here for the registry and the docs."""

from __future__ import annotations

from ..i18n import N_
from .base import Rule, example

RULE = Rule(
    code="schema-version",
    severity="error",
    scope="read",
    summary=N_("a missing or unknown `schema:`"),
    help=N_("Start the file with `schema: cdsplan/v1`; a newer schema needs a newer cdsplan."),
    bad="id: vi-du-2024\ntitle: Kế hoạch ví dụ năm 2024\nyear: 2024\nissuer: bo-tttt\nsections: []\n",
    good=example("sections: []\n"),
)
