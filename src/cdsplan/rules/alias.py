"""Anchors (`&name`) and aliases (`*name`) share content between places; in a plan each place says what it says.

Raised while reading (cdsplan.reading); declared here for the registry and the docs."""

from __future__ import annotations

from ..i18n import N_
from .base import Rule, example

RULE = Rule(
    code="alias",
    severity="error",
    scope="read",
    title="AnchorOrAlias",
    summary=N_("YAML anchors or aliases"),
    help=N_("Write the content out in full: plan files are read by people and by other tools, which must see the same text."),
    bad=example("theme: &t Dữ liệu số\nnotes: *t\nsections: []\n"),
    good=example("theme: Dữ liệu số\nnotes: Dữ liệu số\nsections: []\n"),
)
