"""The rules `check` applies, one module each, as yamllint keeps them in `yamllint/rules/`.

Each module declares `RULE` (code, severity, scope, summary, help, a failing and a passing
example; see `base.py`) and, when it looks at something itself, `check_file(loaded,
before_inclusive)` — one plan or registry file, its result kept in the cache with the file —
and/or `check_repository(index)` — the whole tree, over the files' indexes, run every time.
Rules with neither are raised by the reader (YAML, schema, files) while reading.

`RULES` is the registry: SARIF's rule metadata, `check --format json`'s codes and the code
table of docs/output.md all come from it, and a problem whose code it lacks is a bug.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from types import ModuleType
from typing import TYPE_CHECKING

from ..problems import Problem
from . import (
    alias,
    bad_key,
    bad_tag,
    bad_value,
    bad_when,
    before_plan,
    duplicate_id,
    duplicate_key,
    empty_file,
    encoding,
    foreign_letter,
    invalid_date,
    invisible_character,
    misfiled_record,
    missing_key,
    name_too_long,
    needs_decision_date,
    no_registry,
    not_a_file,
    not_a_holder,
    not_a_mapping,
    outside_period,
    outside_root,
    parent_loop,
    record_before_issue,
    schema,
    schema_version,
    symlink_dangling,
    symlink_loop,
    symlink_outside,
    too_large,
    undated,
    unknown_agency,
    unknown_item,
    unknown_key,
    unknown_milestone,
    unknown_occurrence,
    unknown_plan,
    unreadable,
    yaml_syntax,
)
from .base import Rule

if TYPE_CHECKING:
    from ..reading.index import Index
    from ..reading.loader import LoadedFile

MODULES: tuple[ModuleType, ...] = (
    yaml_syntax,
    encoding,
    empty_file,
    not_a_mapping,
    too_large,
    alias,
    duplicate_key,
    bad_key,
    bad_tag,
    invalid_date,
    schema_version,
    missing_key,
    unknown_key,
    schema,
    unreadable,
    not_a_file,
    symlink_outside,
    outside_root,
    symlink_loop,
    symlink_dangling,
    name_too_long,
    duplicate_id,
    unknown_agency,
    parent_loop,
    unknown_plan,
    bad_when,
    outside_period,
    no_registry,
    needs_decision_date,
    before_plan,
    undated,
    invisible_character,
    foreign_letter,
    unknown_item,
    unknown_milestone,
    unknown_occurrence,
    not_a_holder,
    bad_value,
    record_before_issue,
    misfiled_record,
)

RULES: dict[str, Rule] = {module.RULE.code: module.RULE for module in MODULES}

FileCheck = Callable[["LoadedFile", bool], Iterable[Problem]]
RepositoryCheck = Callable[["Index"], Iterable[Problem]]

FILE_CHECKS: tuple[FileCheck, ...] = tuple(module.check_file for module in MODULES if hasattr(module, "check_file"))
REPOSITORY_CHECKS: tuple[RepositoryCheck, ...] = tuple(module.check_repository for module in MODULES if hasattr(module, "check_repository"))


def rule(code: str) -> Rule:
    """The rule of a code; a KeyError is a bug: a problem raised under a code nobody declared."""
    return RULES[code]


def file_problems(loaded: LoadedFile, before_inclusive: bool) -> Iterator[Problem]:
    for check in FILE_CHECKS:
        yield from check(loaded, before_inclusive)


def repository_problems(index: Index) -> Iterator[Problem]:
    for check in REPOSITORY_CHECKS:
        yield from check(index)


def markdown_table() -> str:
    """The code table of docs/output.md: every rule with its severity, scope and summary."""
    from ..i18n import _

    lines = ["| code | severity | looks at | what |", "|---|---|---|---|"]
    scopes = {"read": _("the file, while reading"), "file": _("one file"), "repository": _("the whole tree")}
    for code in sorted(RULES):
        checked = RULES[code]
        lines.append(f"| `{code}` | {checked.severity} | {scopes[checked.scope]} | {_(checked.summary)} |")
    return "\n".join(lines) + "\n"
