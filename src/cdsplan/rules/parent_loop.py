"""An agency's parents lead back to it: two agencies each other's parent, or one its own. A unit
belongs under an agency that is not among its own units, or `--include-units` has no end.

Reported once per loop, at the `parent:` value of the loop's first agency in the registry."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import N_, _
from ..problems import Problem
from .base import EXAMPLE_PLAN, FILE_MARK, Rule, example

if TYPE_CHECKING:
    from ..model.agency import Agency
    from ..reading.loader import LoadedFile

RULE = Rule(
    code="parent-loop",
    severity="error",
    scope="file",
    summary=N_("agencies whose parents lead back to themselves"),
    help=N_("Give each unit the agency it belongs to as its `parent`, so that following parents ends at an agency without one."),
    bad=example(EXAMPLE_PLAN)
    + f"{FILE_MARK}plans/agencies.yaml\nschema: cdsplan/v1\nagencies:\n"
    + "  - {id: bo-tttt, name: Bộ Thông tin và Truyền thông, kind: ministry, parent: bo-yt}\n"
    + "  - {id: bo-yt, name: Bộ Y tế, kind: ministry, parent: bo-tttt}\n",
    good=example(EXAMPLE_PLAN)
    + f"{FILE_MARK}plans/agencies.yaml\nschema: cdsplan/v1\nagencies:\n"
    + "  - {id: bo-tttt, name: Bộ Thông tin và Truyền thông, kind: ministry}\n"
    + "  - {id: bo-yt, name: Bộ Y tế, kind: ministry}\n",
)


def check_file(loaded: LoadedFile, before_inclusive: bool) -> Iterator[Problem]:
    if loaded.checked_registry is None:
        return
    where: dict[str, int] = {}  # an id's first entry (a repeated id is duplicate-id's)
    agencies: list[Agency] = []
    for index, (agency, _path) in enumerate(loaded.registry_paths()):
        if agency.id not in where:
            where[agency.id] = index
            agencies.append(agency)
    for loop in loops({agency.id: agency.parent for agency in agencies}):
        first = min(loop, key=where.__getitem__)
        start = loop.index(first)
        ordered = [*loop[start:], *loop[:start], first]
        yield loaded.at(
            RULE,
            ("agencies", where[first], "parent"),
            _("the agencies' parents go round in a loop: {loop}").format(loop=" → ".join(ordered)),
        )


def loops(parents: dict[str, str | None]) -> list[list[str]]:
    """The loops of the parent links (id -> its parent; a parent that is no id ends a chain),
    each once, in the order of the links: linear, as each agency is walked from once."""
    found: list[list[str]] = []
    done: set[str] = set()
    for start in parents:
        path: list[str] = []
        on_path: dict[str, int] = {}
        current: str | None = start
        while current is not None and current in parents and current not in done:
            if current in on_path:
                found.append(path[on_path[current] :])
                break
            on_path[current] = len(path)
            path.append(current)
            current = parents[current]
        done.update(path)
    return found
