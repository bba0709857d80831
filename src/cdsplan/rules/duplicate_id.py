"""Ids are unique: a task, section or target id within its plan, a plan id across the tree, an
agency id within the registry. `plan#task` must name one thing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import N_, _
from ..problems import Problem
from .base import Rule, example

if TYPE_CHECKING:
    from ..reading.index import Index
    from ..reading.loader import LoadedFile
    from ..reading.yamlfile import DataPath

RULE = Rule(
    code="duplicate-id",
    severity="error",
    scope="file",
    summary=N_("an id is used twice"),
    help=N_(
        "Give each task, section and target its own id within the plan, each plan its own id in the tree, and each agency its own id in the registry."
    ),
    bad=example(
        "sections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n      - {id: I.1, title: Một, lead: bo-yt, when: Quý I/2024}\n      - {id: I.1, title: Hai, lead: bo-yt, when: Quý II/2024}\n"
    ),
    good=example(
        "sections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n      - {id: I.1, title: Một, lead: bo-yt, when: Quý I/2024}\n      - {id: I.2, title: Hai, lead: bo-yt, when: Quý II/2024}\n"
    ),
)


def check_file(loaded: LoadedFile, before_inclusive: bool) -> Iterator[Problem]:
    if loaded.checked_registry is not None:
        seen: set[str] = set()
        for agency, path in loaded.registry_paths():
            if agency.id in seen:
                yield loaded.at(RULE, (*path, "id"), _("agency id '{id}' appears twice").format(id=agency.id))
            seen.add(agency.id)
    plan = loaded.checked_plan
    if plan is None:
        return
    first: dict[tuple[str, str], DataPath] = {}

    def unique(kind: str, what: str, item_id: str, path: DataPath) -> Iterator[Problem]:
        where = first.setdefault((kind, item_id), path)
        if where != path:
            line = loaded.where(where)[0]
            yield loaded.at(
                RULE,
                path,
                # translators: {what} is "target", "section" or "task", translated
                _("{what} id '{id}' is already used in this plan (line {line})").format(what=what, id=item_id, line=line),
            )

    for index, target in enumerate(plan.targets):
        yield from unique("item", _("target"), target.id, ("targets", index, "id"))
    for section, path in loaded.section_paths():
        yield from unique("section", _("section"), section.id, (*path, "id"))
        for index, task in enumerate(section.tasks):
            yield from unique("item", _("task"), task.id, (*path, "tasks", index, "id"))


def check_repository(index: Index) -> Iterator[Problem]:
    first: dict[str, tuple[str, int]] = {}
    for item, plan in index.plans():
        plan_id = plan.id
        if plan_id in first:
            other_file, other_line = first[plan_id]
            yield RULE.at(
                item.path,
                *item.plan_position,
                _("plan id '{id}' is already used by {file}:{line}: choose another").format(id=plan_id, file=other_file, line=other_line),
            )
        else:
            first[plan_id] = (item.path, item.plan_position[0])
