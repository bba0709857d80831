"""`cdsplan status`: record a task's progress in its plan file, in place.

Only the task's `status:` lines change (see `edit.py`); the file is locked for
the read-modify-write, checked first (a plan with errors is refused,
untouched), and replaced atomically.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache import FileCache
from .edit import Document, NewStatus, locked, set_task_status, stale_temporaries, write_atomic
from .errors import CdsplanError, UsageError
from .loader import LoadedFile, Repository, load_file, load_repository
from .model import Plan, Section, Status, Task
from .problems import Problem
from .text import did_you_mean
from .yamlfile import Path as DataPath

STATES = ("planned", "in_progress", "done", "cancelled")


class PlanRefused(CdsplanError):
    """The plan file does not pass `cdsplan check`: it is left untouched (exit status 1)."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        shown = "; ".join(f"{p.line}:{p.column}: {p.message} [{p.code}]" if p.line else f"{p.message} [{p.code}]" for p in problems[:5])
        more = f"; … and {len(problems) - 5} more" if len(problems) > 5 else ""
        noun = "error" if len(problems) == 1 else "errors"
        super().__init__(
            f"{file} does not pass `cdsplan check` ({len(problems)} {noun}), so it is left untouched: {shown}{more} — fix them first (`cdsplan check {file}`)"
        )


@dataclass(frozen=True, slots=True)
class StatusResult:
    """What `status` did (or, with dry_run, would do)."""

    plan: str
    task: str
    file: str
    old: Status | None
    new: Status
    diff: str  # unified diff of the file, "" when nothing changes
    written: bool

    @property
    def ref(self) -> str:
        return f"{self.plan}#{self.task}"

    @property
    def changed(self) -> bool:
        return bool(self.diff)

    def summary(self) -> str:
        old = self.old.state if self.old else "planned"
        text = f"{self.file}: {self.ref} {old} → {self.new.state} on {self.new.on.isoformat() if self.new.on else '?'}"
        if self.new.note:
            text += f" ({self.new.note})"
        if not self.changed:
            return text + ": already recorded, nothing to change"
        return text if self.written else text + " (dry run: nothing written)"


@dataclass(frozen=True, slots=True)
class TaskRef:
    loaded: LoadedFile
    plan: Plan
    task: Task
    path: DataPath  # the task's place in the file's data


def set_status(
    paths: list[Path],
    ref: str,
    state: str,
    *,
    today: dt.date,
    on: dt.date | None = None,
    note: str | None = None,
    dry_run: bool = False,
    before_inclusive: bool = False,
    max_file_mb: float = 10.0,
    cache: FileCache | None = None,
) -> StatusResult:
    """Set the status of the task ref (`plan#task`, or a task id unique in the repository) to state.

    Raises UsageError (exit 2) for a bad state, reference or date, PlanRefused
    (exit 1) when the plan file has errors, EditError / CdsplanError (exit 1)
    when the file cannot be edited or written.
    """
    if state not in STATES:
        raise UsageError(f"unknown state {state!r}: use one of {', '.join(STATES)}{did_you_mean(state, STATES)}")
    if note is not None:
        note = note.strip() or None
    repo = load_repository(paths, max_file_mb=max_file_mb)
    target = resolve(repo, ref)
    on = _check_date(target.plan, on or today, today)
    new = NewStatus(state, on, note)
    file_path = Path(target.loaded.path)
    max_bytes = int(max_file_mb * 1_000_000)
    try:
        with locked(file_path):
            for leftover in stale_temporaries(file_path):  # a crashed writer's; we hold the lock
                leftover.unlink(missing_ok=True)
            raw = file_path.read_bytes()
            loaded = load_file(file_path, max_bytes)  # again, under the lock: what we edit is what we check
            if file_path.read_bytes() != raw:
                raise CdsplanError(f"{loaded.path} is being saved by another program: try again")
            target = _refresh(repo, loaded, target)
            _refuse_unless_clean(paths, loaded, before_inclusive=before_inclusive, max_file_mb=max_file_mb, cache=cache)
            document = Document.from_bytes(raw, loaded.path)
            edited = set_task_status(document, target.path, new, loaded.path) if _differs(target.task.status, new) else document
            diff = unified_diff(document.text, edited.text, loaded.path)
            written = bool(diff) and not dry_run
            if written:
                write_atomic(file_path, edited.to_bytes())
    except OSError as exc:
        raise CdsplanError(f"cannot update {target.loaded.path}: {exc.strerror or exc}") from None
    return StatusResult(target.plan.id, target.task.id, target.loaded.path, target.task.status, Status(state=state, on=on, note=new.note), diff, written)


def _differs(old: Status | None, new: NewStatus) -> bool:
    if old is None:
        return True
    return (old.state, old.on, old.note) != (new.state, new.on, new.as_data().get("note"))


# --------------------------------------------------------------------------- #
# Which task
# --------------------------------------------------------------------------- #


def resolve(repo: Repository, ref: str) -> TaskRef:
    """The task a reference names: `plan#task`, or a task id that only one plan has."""
    ref = ref.strip()
    if "#" in ref:
        plan_id, _, task_id = ref.partition("#")
        if not plan_id or not task_id:
            raise UsageError(f"{ref!r}: write the task as plan#task, e.g. btttt-ndcds-2024#III.1.1")
        loaded = _plan_file(repo, plan_id)
        plan = loaded.plan
        assert plan is not None
        found = _find_task(plan, task_id)
        if found is None:
            ids = [task.id for task in plan.iter_tasks()]
            raise UsageError(f"plan {plan_id} has no task {task_id!r}{did_you_mean(task_id, ids)}")
        return TaskRef(loaded, plan, *found)
    matches = [(loaded, found) for loaded in repo.files if loaded.plan is not None for found in [_find_task(loaded.plan, ref)] if found]
    if len(matches) == 1:
        loaded, (task, path) = matches[0]
        return TaskRef(loaded, loaded.plan, task, path)  # type: ignore[arg-type]
    if matches:
        refs = ", ".join(f"{loaded.plan.id}#{ref}" for loaded, _ in matches)  # type: ignore[union-attr]
        raise UsageError(f"task id {ref!r} is in {len(matches)} plans ({refs}): write plan#task")
    ids = sorted({task.id for plan in repo.plans.values() for task in plan.iter_tasks()})
    broken = _broken(repo)
    hint = f"; {len(broken)} file(s) could not be read ({', '.join(broken[:3])}): run `cdsplan check`" if broken else ""
    raise UsageError(f"no task {ref!r} in the plans{did_you_mean(ref, ids)}{hint}")


def _plan_file(repo: Repository, plan_id: str) -> LoadedFile:
    files = [loaded for loaded in repo.files if loaded.plan is not None and loaded.plan.id == plan_id]
    if len(files) > 1:
        raise CdsplanError(f"plan id {plan_id!r} is used by {len(files)} files ({', '.join(f.path for f in files)}): give each plan its own id first")
    if files:
        return files[0]
    for loaded in repo.files:  # a plan that exists but does not load: refuse with its problems
        data = loaded.parsed.data if loaded.parsed is not None else None
        if isinstance(data, dict) and data.get("id") == plan_id:
            raise PlanRefused(loaded.path, [p for p in loaded.problems if p.severity == "error"])
    broken = _broken(repo)
    hint = f"; {len(broken)} file(s) could not be read ({', '.join(broken[:3])}): run `cdsplan check`" if broken else ""
    raise UsageError(f"no plan {plan_id!r}{did_you_mean(plan_id, list(repo.plans))}{hint}")


def _broken(repo: Repository) -> list[str]:
    return sorted({loaded.path for loaded in repo.files if loaded.plan is None and loaded.registry is None})


def _walk(sections: list[Section], path: DataPath) -> Iterator[tuple[Task, DataPath]]:
    for index, section in enumerate(sections):
        section_path = (*path, "sections", index)
        for number, task in enumerate(section.tasks):
            yield task, (*section_path, "tasks", number)
        yield from _walk(section.sections, section_path)


def task_paths(plan: Plan) -> Iterator[tuple[Task, DataPath]]:
    """Every task of plan with its data path in the file, in document order."""
    return _walk(plan.sections, ())


def _find_task(plan: Plan, task_id: str) -> tuple[Task, DataPath] | None:
    return next(((task, path) for task, path in task_paths(plan) if task.id == task_id), None)


def _refresh(repo: Repository, loaded: LoadedFile, target: TaskRef) -> TaskRef:
    """The target as found in the file just re-read under the lock."""
    if loaded.plan is None:
        raise PlanRefused(loaded.path, [p for p in loaded.problems if p.severity == "error"])
    found = _find_task(loaded.plan, target.task.id)
    if loaded.plan.id != target.plan.id or found is None:
        raise CdsplanError(f"{loaded.path} changed while cdsplan was reading it ({target.plan.id}#{target.task.id} is gone): try again")
    return TaskRef(loaded, loaded.plan, *found)


def _refuse_unless_clean(paths: list[Path], loaded: LoadedFile, **options: Any) -> None:
    """PlanRefused when `cdsplan check` finds errors in this file (warnings do not stop an edit)."""
    from .check import check

    problems = [p for p in check(paths, **options).problems if p.file == loaded.path and p.severity == "error"]
    if problems:
        raise PlanRefused(loaded.path, problems)


# --------------------------------------------------------------------------- #
# Dates and diffs
# --------------------------------------------------------------------------- #


def _check_date(plan: Plan, on: dt.date, today: dt.date) -> dt.date:
    if on > today:
        raise UsageError(f"--on {on.isoformat()} is in the future (today is {today.isoformat()}): record progress once it has happened")
    if plan.decision.date is not None:
        if on < plan.decision.date:
            raise UsageError(f"--on {on.isoformat()} is before plan {plan.id} was issued ({plan.decision.date.isoformat()}, its decision date)")
    elif on < dt.date(plan.first_year, 1, 1):
        raise UsageError(f"--on {on.isoformat()} is before plan {plan.id} begins (1 January {plan.first_year}; its decision date is blank)")
    return on


_LINES = re.compile(r"[^\n]*\n|[^\n]+\Z")


def unified_diff(old: str, new: str, file: str) -> str:
    """A `git diff`-style unified diff of old → new ("" when equal)."""
    if old == new:
        return ""
    lines = difflib.unified_diff(_LINES.findall(old), _LINES.findall(new), f"a/{file}", f"b/{file}")
    out = []
    for line in lines:
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)
