"""A key that the `cdsplan/v1` format does not have at that place.

Raised while reading (cdsplan.reading); declared here for the registry and the docs."""

from __future__ import annotations

from ..i18n import N_
from .base import Rule, example

RULE = Rule(
    code="unknown-key",
    severity="error",
    scope="read",
    summary=N_("a key the format does not know"),
    help=N_("Fix the spelling (the message suggests the nearest key) or remove it: a misspelt key would otherwise be lost silently."),
    bad=example("sections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n      - {id: I.1, title: Một, laed: bo-yt, when: Quý I/2024}\n"),
    good=example("sections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n      - {id: I.1, title: Một, lead: bo-yt, when: Quý I/2024}\n"),
)
