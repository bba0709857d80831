"""`cdsplan check`: every problem of every plan file, as data.

File-level problems (YAML, schema) come from the loader; this module adds the
rules that need the whole repository: unique ids, known agencies, readable
deadlines inside the plan's period, amendments that point somewhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache import FileCache
from .deadlines import Context, DeadlineError, read_when
from .loader import LoadedFile, Repository, load_repository
from .model import Plan, Section, plain_when
from .problems import UNREADABLE_CODES, Problem
from .text import did_you_mean
from .yamlfile import Path as DataPath


@dataclass(frozen=True, slots=True)
class CheckResult:
    problems: list[Problem]
    files: int

    @property
    def errors(self) -> int:
        return sum(problem.severity == "error" for problem in self.problems)

    @property
    def warnings(self) -> int:
        return sum(problem.severity == "warning" for problem in self.problems)

    def exit_code(self, strict: bool = False) -> int:
        """0 clean, 1 problems (warnings too when strict), 2 a path could not be read."""
        if any(problem.code in UNREADABLE_CODES for problem in self.problems):
            return 2
        if self.errors or (strict and self.warnings):
            return 1
        return 0


def check(
    paths: list[Path], *, before_inclusive: bool = False, max_file_mb: float = 10.0, cache: FileCache | None = None
) -> CheckResult:
    """Load everything under paths and report every problem, sorted by file and position."""
    repo = load_repository(paths, max_file_mb=max_file_mb, cache=cache)
    problems = repo.problems + repository_problems(repo, before_inclusive=before_inclusive)
    problems.sort()
    return CheckResult(problems, sum(1 for item in repo.files if item.parsed is not None))


def repository_problems(repo: Repository, *, before_inclusive: bool = False) -> list[Problem]:
    problems: list[Problem] = []
    problems.extend(_registry_problems(repo))
    first_file: dict[str, LoadedFile] = {}
    for loaded in repo.files:
        plan = loaded.plan
        if plan is None:
            continue
        if plan.id in first_file:
            other = first_file[plan.id]
            problems.append(
                _at(loaded, ("id",), "duplicate-id", f"plan id '{plan.id}' is already used by {other.path}:{other.plan.line if other.plan else 1}: choose another")
            )
        else:
            first_file[plan.id] = loaded
        problems.extend(_plan_problems(repo, loaded, plan, before_inclusive))
    return problems


def _at(loaded: LoadedFile, path: DataPath, code: str, message: str, severity: str = "error", *, key: bool = False, shift: int = 0) -> Problem:
    line, column = loaded.where(path, key=key)
    return Problem(loaded.path, line, column + shift, severity, code, message)  # type: ignore[arg-type]


def _registry_problems(repo: Repository) -> list[Problem]:
    loaded = repo.registry_file
    if loaded is None or loaded.registry is None:
        return []
    problems = []
    seen: set[str] = set()
    ids = [agency.id for agency in loaded.registry.agencies]
    for index, agency in enumerate(loaded.registry.agencies):
        path: DataPath = ("agencies", index)
        if agency.id in seen:
            problems.append(_at(loaded, (*path, "id"), "duplicate-id", f"agency id '{agency.id}' appears twice"))
        seen.add(agency.id)
        for key in ("parent", "succeeded_by"):
            target = getattr(agency, key)
            if target is not None and target not in repo.registry:
                problems.append(_at(loaded, (*path, key), "unknown-agency", f"unknown agency '{target}'{did_you_mean(target, ids)}"))
        if agency.succeeded_by and agency.until is None:
            problems.append(_at(loaded, path, "missing-key", f"agency '{agency.id}' has succeeded_by but no `until` date", key=True))
    return problems


def _walk_sections(sections: list[Section], path: DataPath) -> Iterator[tuple[Section, DataPath]]:
    for index, section in enumerate(sections):
        section_path = (*path, "sections", index)
        yield section, section_path
        yield from _walk_sections(section.sections, section_path)


def _plan_problems(repo: Repository, loaded: LoadedFile, plan: Plan, before_inclusive: bool) -> list[Problem]:
    problems: list[Problem] = []
    context = Context(plan.first_year, plan.last_year, before_inclusive)

    def agency(path: DataPath, agency_id: str) -> None:
        registry = repo.registry
        if registry is None or agency_id in registry:
            return
        named = registry.find(agency_id)
        hint = f" (did you mean '{named[0].id}', {named[0].name}?)" if named else did_you_mean(agency_id, registry.ids)
        problems.append(_at(loaded, path, "unknown-agency", f"unknown agency '{agency_id}'{hint}: add it to {repo.registry_file.path if repo.registry_file else 'agencies.yaml'} or fix the id"))

    def deadline(path: DataPath, value: Any, *, in_period: bool = True) -> None:
        value = plain_when(value)
        try:
            windows = read_when(value, context)
        except DeadlineError as exc:
            shift = exc.offset if exc.offset is not None and isinstance(value, str) and "\n" not in value else 0
            problems.append(_at(loaded, path, "bad-when", f"cannot read deadline {value!r}: {exc}", shift=shift))
            return
        for window in windows if in_period else ():
            if window.deadline.year > plan.last_year or window.deadline.year < plan.first_year:
                span = str(plan.year) if plan.year is not None else plan.period
                problems.append(
                    _at(loaded, path, "outside-period", f"deadline {window.deadline.isoformat()} ({value}) falls outside the plan's {span}", "warning")
                )
                break

    if repo.registry is None:
        problems.append(_at(loaded, ("issuer",), "no-registry", "no agency registry (plans/agencies.yaml) found: agency ids are not checked", "warning"))
    agency(("issuer",), plan.issuer)
    if plan.amends and plan.amends.plan and plan.amends.plan not in repo.plans:
        problems.append(
            _at(loaded, ("amends", "plan"), "unknown-plan", f"amended plan '{plan.amends.plan}' is not in the repository{did_you_mean(plan.amends.plan, list(repo.plans))}")
        )

    local_ids: dict[str, DataPath] = {}

    def unique(path: DataPath, local_id: str, what: str) -> None:
        if local_id in local_ids:
            first_line = loaded.where(local_ids[local_id])[0]
            problems.append(_at(loaded, path, "duplicate-id", f"{what} id '{local_id}' is already used in this plan (line {first_line})"))
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
    for section, section_path in _walk_sections(plan.sections, ()):
        if section.id in section_ids:
            first_line = loaded.where(section_ids[section.id])[0]
            problems.append(_at(loaded, (*section_path, "id"), "duplicate-id", f"section id '{section.id}' is already used in this plan (line {first_line})"))
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
    return problems
