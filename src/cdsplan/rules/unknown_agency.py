"""Every agency a plan names (issuer, lead, support) and every parent or successor the registry
names is an id of plans/agencies.yaml. A misspelt id would hide a task from its agency's list."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import N_, _
from ..problems import Problem
from ..text import did_you_mean
from .base import Rule, example

if TYPE_CHECKING:
    from ..agencies import Registry
    from ..reading.index import Index
    from ..reading.loader import LoadedFile

RULE = Rule(
    code="unknown-agency",
    severity="error",
    scope="repository",
    summary=N_("an agency id that the registry does not define"),
    help=N_("Use an id of plans/agencies.yaml (`cdsplan agencies` lists them), or add the agency there."),
    bad=example("sections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n      - {id: I.1, title: Một, lead: bo-y-te, when: Quý I/2024}\n"),
    good=example("sections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n      - {id: I.1, title: Một, lead: bo-yt, when: Quý I/2024}\n"),
)


def check_file(loaded: LoadedFile, before_inclusive: bool) -> Iterator[Problem]:
    """A registry's parents and successors are its own agencies."""
    registry = loaded.checked_registry
    if registry is None:
        return
    ids = [agency.id for agency in registry.agencies]
    known = set(ids)
    for agency, path in loaded.registry_paths():
        for key in ("parent", "succeeded_by"):
            target = getattr(agency, key)
            if target is not None and target not in known:
                yield loaded.at(RULE, (*path, key), _("unknown agency '{id}'").format(id=target) + did_you_mean(target, ids))


def check_repository(index: Index) -> Iterator[Problem]:
    registry = index.registry
    if registry is None:
        return  # no-registry says so once per plan
    from ..reading.index import refs

    where = index.registry_path or "agencies.yaml"
    declared = index.declared_agencies
    for item in index.files:
        if all(agency_id in registry or agency_id in declared for agency_id in item.agency_refs):
            continue  # the common case: no need to unpack the places
        for agency_id, line, column in refs(item):
            if agency_id not in registry and agency_id not in declared:
                yield RULE.at(item.path, line, column, unknown(agency_id, registry, where))


def unknown(agency_id: str, registry: Registry, registry_path: str) -> str:
    named = registry.find(agency_id)
    if named:
        hint = _(" (did you mean '{id}', {name}?)").format(id=named[0].id, name=named[0].name)
    else:
        hint = did_you_mean(agency_id, registry.ids)
    return _("unknown agency '{id}'{hint}: add it to {registry} or fix the id").format(id=agency_id, hint=hint, registry=registry_path)
