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

from ..errors import CdsplanError, UsageError
from ..files import locked, write_atomic
from ..i18n import _
from ..model.plan import Plan, Section, Status, Task
from ..project import Project
from ..reading.loader import LoadedFile
from ..reading.yamlfile import DataPath
from ..settings import Settings
from ..text import did_you_mean
from .yamledit import Document, NewStatus, set_task_status

STATES = ("planned", "in_progress", "done", "cancelled")


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
    settings: Settings,
    ref: str,
    state: str,
    *,
    today: dt.date,
    on: dt.date | None = None,
    note: str | None = None,
    dry_run: bool = False,
) -> StatusResult:
    """Set the status of the task ref (`plan#task`, or a task id unique in the repository) to state.

    Raises UsageError (exit 2) for a bad state, reference or date, Refused (exit 1) when the
    plan file does not pass `check`, CdsplanError (exit 1) when it cannot be edited or written.
    """
    if state not in STATES:
        raise UsageError(_("unknown state {state!r}: use one of {states}").format(state=state, states=", ".join(STATES)) + did_you_mean(state, STATES))
    if note is not None:
        note = note.strip() or None
    action = _("cannot record progress")
    target = resolve(Project.open(settings), ref, action)
    on = _check_date(target.plan, on or today, today)
    new = NewStatus(state, on, note)
    file_path = Path(target.loaded.path)
    try:
        with locked(file_path):
            # again, under the lock: what we edit is what we check
            project = Project.open(settings)
            project.require_clean([target.loaded.path], action=action)
            target = _refresh(project.load(target.loaded.path), target)
            source = next(source for source in project.scan.sources if source.shown == target.loaded.path)
            raw = source.raw or b""
            document = Document.from_bytes(raw, target.loaded.path)
            edited = set_task_status(document, target.path, new, target.loaded.path) if _differs(target.task.status, new) else document
            diff = unified_diff(document.text, edited.text, target.loaded.path)
            written = bool(diff) and not dry_run
            if written:
                write_atomic(file_path, edited.to_bytes())
    except OSError as exc:
        raise CdsplanError(_("cannot update {file}: {reason}").format(file=target.loaded.path, reason=exc.strerror or exc)) from None
    return StatusResult(target.plan.id, target.task.id, target.loaded.path, target.task.status, Status(state=state, on=on, note=new.note), diff, written)


def _differs(old: Status | None, new: NewStatus) -> bool:
    if old is None:
        return True
    return (old.state, old.on, old.note) != (new.state, new.on, new.as_data().get("note"))


# --------------------------------------------------------------------------- #
# Which task
# --------------------------------------------------------------------------- #


def resolve(project: Project, ref: str, action: str) -> TaskRef:
    """The task a reference names: `plan#task`, or a task id that only one plan has."""
    ref = ref.strip()
    if "#" in ref:
        plan_id, _sep, task_id = ref.partition("#")
        if not plan_id or not task_id:
            raise UsageError(_("{ref!r}: write the task as plan#task, e.g. btttt-ndcds-2024#III.1.1").format(ref=ref))
        loaded, plan = project.plan(plan_id, action=action)
        found = _find_task(plan, task_id)
        if found is None:
            ids = [task.id for task in plan.iter_tasks()]
            raise UsageError(_("plan {plan} has no task {task!r}").format(plan=plan_id, task=task_id) + did_you_mean(task_id, ids))
        return TaskRef(loaded, plan, *found)
    holders = [plan.id for item, plan in project.index.plans() if any(o.item.id == ref and o.kind != "target" for o in item.occurrences)]
    if len(holders) > 1:
        refs = ", ".join(f"{plan_id}#{ref}" for plan_id in holders)
        raise UsageError(_("task id {ref!r} is in {count} plans ({refs}): write plan#task").format(ref=ref, count=len(holders), refs=refs))
    if holders:
        return resolve(project, f"{holders[0]}#{ref}", action)
    ids = sorted({o.item.id for o in project.occurrences() if o.kind != "target"})
    broken = project.broken_files()
    hint = _("; {count} file(s) could not be read ({files}): run `cdsplan check`").format(count=len(broken), files=", ".join(broken[:3])) if broken else ""
    raise UsageError(_("no task {ref!r} in the plans").format(ref=ref) + did_you_mean(ref, ids) + hint)


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


def _refresh(loaded: LoadedFile, target: TaskRef) -> TaskRef:
    """The target as found in the file just re-read under the lock."""
    found = _find_task(loaded.plan, target.task.id) if loaded.plan is not None else None
    if loaded.plan is None or loaded.plan.id != target.plan.id or found is None:
        raise CdsplanError(
            _("{file} changed while cdsplan was reading it ({ref} is gone): try again").format(file=loaded.path, ref=f"{target.plan.id}#{target.task.id}")
        )
    return TaskRef(loaded, loaded.plan, *found)


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
