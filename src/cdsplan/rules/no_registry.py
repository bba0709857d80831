"""Plans are checked against an agency registry, plans/agencies.yaml (beside the plans or above
them): without one, agency ids are not checked at all."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import N_, _
from ..problems import Problem
from .base import Rule

if TYPE_CHECKING:
    from ..reading.index import Index

RULE = Rule(
    code="no-registry",
    severity="warning",
    scope="repository",
    summary=N_("no agency registry was found"),
    help=N_("Keep the registry as plans/agencies.yaml (its format: `cdsplan schema --registry`); copy this repository's to start."),
)


def check_repository(index: Index) -> Iterator[Problem]:
    if index.registry is not None or index.registry_path is not None:
        return  # a registry that does not load says why at its own line
    for item, _plan in index.plans():
        yield RULE.at(item.path, *item.plan_position, _("no agency registry (plans/agencies.yaml) found: agency ids are not checked"))
