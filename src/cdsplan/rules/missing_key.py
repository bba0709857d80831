"""A required key is missing: a task's `lead` or `when`, a plan's `id`; in the registry, `until` beside `succeeded_by`.

Raised while reading (cdsplan.reading); declared here for the registry and the docs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import N_, _
from ..problems import Problem
from .base import Rule, example

if TYPE_CHECKING:
    from ..reading.loader import LoadedFile

RULE = Rule(
    code="missing-key",
    severity="error",
    scope="read",
    summary=N_("a key the format requires is missing"),
    help=N_("Add the key named (see docs/plan-format.md)."),
    bad=example("sections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n      - {id: I.1, title: Một, when: Quý I/2024}\n"),
    good=example("sections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n      - {id: I.1, title: Một, lead: bo-yt, when: Quý I/2024}\n"),
)


def check_file(loaded: LoadedFile, before_inclusive: bool) -> Iterator[Problem]:
    """The registry: an agency that was succeeded says until when it existed."""
    if loaded.checked_registry is None:
        return
    for agency, path in loaded.registry_paths():
        if agency.succeeded_by and agency.until is None:
            yield loaded.at(RULE, path, _("agency '{id}' has succeeded_by but no `until` date").format(id=agency.id), key=True)
