"""The rules `check` applies beyond the schema.

File rules see one file (ids unique in the plan, readable deadlines inside the
plan's period, a consistent registry) and give the same answer whatever else
is in the repository, so their results are kept in the index between runs.
Repository rules see every file's index: plan ids unique across files, known
agencies, amendments that point somewhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .agencies import Registry
from .index import AgencyRef
from .deadlines import Context, DeadlineError, read_when
from .loader import LoadedFile
from .model import AgencyFile, Plan, Section, plain_when
from .problems import Problem
from .text import did_you_mean
from .yamlfile import Path as DataPath



def at(loaded: LoadedFile, path: DataPath, code: str, message: str, severity: str = "error", *, key: bool = False, shift: int = 0) -> Problem:
    line, column = loaded.where(path, key=key)
    return Problem(loaded.path, line, column + shift, severity, code, message)  # type: ignore[arg-type]


def walk_sections(sections: list[Section], path: DataPath = ()) -> Iterator[tuple[Section, DataPath]]:
    for index, section in enumerate(sections):
        section_path = (*path, "sections", index)
        yield section, section_path
        yield from walk_sections(section.sections, section_path)


def registry_problems(loaded: LoadedFile, registry: AgencyFile) -> list[Problem]:
    problems = []
    ids = [agency.id for agency in registry.agencies]
    known = set(ids)
    seen: set[str] = set()
    for index, agency in enumerate(registry.agencies):
        path: DataPath = ("agencies", index)
        if agency.id in seen:
            problems.append(at(loaded, (*path, "id"), "duplicate-id", f"agency id '{agency.id}' appears twice"))
        seen.add(agency.id)
        for key in ("parent", "succeeded_by"):
            target = getattr(agency, key)
            if target is not None and target not in known:
                problems.append(at(loaded, (*path, key), "unknown-agency", f"unknown agency '{target}'{did_you_mean(target, ids)}"))
        if agency.succeeded_by and agency.until is None:
            problems.append(at(loaded, path, "missing-key", f"agency '{agency.id}' has succeeded_by but no `until` date", key=True))
    return problems


def plan_problems(loaded: LoadedFile, plan: Plan, *, before_inclusive: bool = False) -> tuple[list[Problem], list[AgencyRef]]:
    """The file rules for one plan, and every agency id it names (checked against the registry later)."""
    problems: list[Problem] = []
    refs: list[AgencyRef] = []
    context = Context(plan.first_year, plan.last_year, before_inclusive)

    def agency(path: DataPath, agency_id: str) -> None:
        refs.append((agency_id, *loaded.where(path)))

    def deadline(path: DataPath, value: Any, *, in_period: bool = True) -> None:
        value = plain_when(value)
        try:
            windows = read_when(value, context)
        except DeadlineError as exc:
            shift = exc.offset if exc.offset is not None and isinstance(value, str) and "\n" not in value else 0
            problems.append(at(loaded, path, "bad-when", f"cannot read deadline {value!r}: {exc}", shift=shift))
            return
        for window in windows if in_period else ():
            if window.deadline is None:  # undated on purpose ("khi có yêu cầu"): nothing to check
                continue
            if window.deadline.year > plan.last_year or window.deadline.year < plan.first_year:
                span = str(plan.year) if plan.year is not None else plan.period
                problems.append(
                    at(loaded, path, "outside-period", f"deadline {window.deadline.isoformat()} ({value}) falls outside the plan's {span}", "warning")
                )
                break

    agency(("issuer",), plan.issuer)
    local_ids: dict[str, DataPath] = {}

    def unique(path: DataPath, local_id: str, what: str) -> None:
        if local_id in local_ids:
            first_line = loaded.where(local_ids[local_id])[0]
            problems.append(at(loaded, path, "duplicate-id", f"{what} id '{local_id}' is already used in this plan (line {first_line})"))
        else:
            local_ids[local_id] = path

    for index, target in enumerate(plan.targets):
        path = ("targets", index)
        unique((*path, "id"), target.id, "target")
        for number, agency_id in enumerate(target.lead):
            agency((*path, "lead", number), agency_id)
        if target.when is not None:
            # A target may look past the plan's period ("định hướng đến năm 2030"): no warning.
            deadline((*path, "when"), target.when, in_period=False)

    section_ids: dict[str, DataPath] = {}
    for section, section_path in walk_sections(plan.sections):
        if section.id in section_ids:
            first_line = loaded.where(section_ids[section.id])[0]
            problems.append(at(loaded, (*section_path, "id"), "duplicate-id", f"section id '{section.id}' is already used in this plan (line {first_line})"))
        section_ids.setdefault(section.id, (*section_path, "id"))
        for index, task in enumerate(section.tasks):
            path = (*section_path, "tasks", index)
            unique((*path, "id"), task.id, "task")
            for key in ("lead", "support"):
                for number, agency_id in enumerate(getattr(task, key)):
                    agency((*path, key, number), agency_id)
            deadline((*path, "when"), task.when)
            for number, milestone in enumerate(task.milestones):
                deadline((*path, "milestones", number, "when"), milestone.when)
    return problems, refs


def unknown_agency(file: str, ref: AgencyRef, registry: Registry, registry_path: str) -> Problem:
    agency_id, line, column = ref
    named = registry.find(agency_id)
    hint = f" (did you mean '{named[0].id}', {named[0].name}?)" if named else did_you_mean(agency_id, registry.ids)
    return Problem(file, line, column, "error", "unknown-agency", f"unknown agency '{agency_id}'{hint}: add it to {registry_path} or fix the id")
