"""`cdsplan check`: every problem of every plan file, as data.

File problems (YAML, schema, file rules) come from the index, cached per file;
the repository rules run over the indexes each time, which is cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .cache import FileCache
from .index import Index, build_index, scan
from .problems import UNREADABLE_CODES, Problem
from .text import did_you_mean


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
    """Index everything under paths and report every problem, sorted by file and position.

    An unchanged tree is answered from the cache without reading the index itself."""
    found = scan(paths, before_inclusive=before_inclusive, max_file_mb=max_file_mb, cache=cache)
    result_key = "check-" + found.key
    cached = cache.get(result_key) if cache else None
    if isinstance(cached, CheckResult):
        return cached
    index = build_index(found, cache=cache, keep_tree=False)  # check needs no occurrences next time
    problems = [problem for item in index.files for problem in item.problems]
    problems += repository_problems(index)
    problems.sort()
    result = CheckResult(problems, sum(1 for source in found.sources if source.raw is not None))
    if cache:
        cache.put(result_key, result)
    return result


def repository_problems(index: Index) -> list[Problem]:
    """Plan ids unique across files, known agencies, amendments pointing at plans that exist."""
    problems: list[Problem] = []
    registry = index.registry
    first: dict[str, tuple[str, int]] = {}
    plan_ids = index.plan_ids()
    for item in index.files:
        if item.plan is None:
            continue
        plan_id = item.plan.id
        if plan_id in first:
            other_file, other_line = first[plan_id]
            problems.append(
                Problem(item.path, *item.plan_position, "error", "duplicate-id", f"plan id '{plan_id}' is already used by {other_file}:{other_line}: choose another")
            )
        else:
            first[plan_id] = (item.path, item.plan_position[0])
        if item.amends and item.amends[0] not in plan_ids:
            amended, line, column = item.amends
            problems.append(
                Problem(item.path, line, column, "error", "unknown-plan", f"amended plan '{amended}' is not in the repository{did_you_mean(amended, plan_ids)}")
            )
        if registry is None:
            problems.append(
                Problem(item.path, *item.plan_position, "warning", "no-registry", "no agency registry (plans/agencies.yaml) found: agency ids are not checked")
            )
            continue
        for ref in item.agency_refs:
            if ref[0] not in registry:
                from .rules import unknown_agency  # only when there is one: it needs the model

                problems.append(unknown_agency(item.path, ref, registry, index.registry_path or "agencies.yaml"))
    return problems
