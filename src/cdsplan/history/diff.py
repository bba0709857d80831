"""`cdsplan diff`: what changed in the plans between two git revisions, as data.

The plans at a revision are read straight from git's object store (`git
ls-tree`, `git cat-file --batch`) and parsed from bytes with the same reader
and model as `cdsplan check` — nothing is checked out. The working tree is read
from disk. Plans are matched by plan id, so a renamed or moved file is followed;
tasks and targets are matched by their ids (a task whose id changed but whose
title did not is reported as renumbered). A file that does not load at one side
is reported with its problems, never a crash. Rendering lives in
`history_formats.py`.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..deadlines import DeadlineError, read_when
from ..errors import UsageError
from ..files import display
from ..i18n import _
from ..model.plan import Plan, Target, Task, plain_when
from ..problems import Problem
from ..project import Project
from ..reading.discovery import discover, read
from ..schedule.occurrences import deadline_context
from ..settings import Settings
from ..text import nfc
from .git import Git, is_plan_path

PlanChange = Literal["added", "removed", "modified", "invalid"]

TASK_KINDS = ("added", "removed", "renumbered", "reworded", "reassigned", "deadline", "milestones", "status", "section", "notes")
TARGET_KINDS = ("added", "removed", "changed")
PLAN_FIELDS = ("title", "year", "period", "issuer", "decision", "source", "legal_basis", "theme", "amends", "recipients", "notes")


# --------------------------------------------------------------------------- #
# Reading the plans at a revision
# --------------------------------------------------------------------------- #


@dataclass(frozen=True, slots=True)
class Side:
    """One end of the comparison: a revision, or the working tree (rev None)."""

    rev: str | None
    commit: str | None = None

    @property
    def label(self) -> str:
        if self.rev is None:
            return _("working tree")
        return f"{self.rev} ({self.commit[:7]})" if self.commit and not self.commit.startswith(self.rev) else self.rev

    def as_data(self) -> dict[str, Any]:
        return {"rev": self.rev, "commit": self.commit, "label": self.label}


@dataclass(slots=True)
class PlanVersion:
    """One plan file at one side: its model when it loads, else the problems that stop it."""

    path: str  # relative to the repository root, with forward slashes
    plan: Plan | None
    plan_id: str | None
    problems: list[Problem] = field(default_factory=list)


def snapshot(settings: Settings, files: dict[str, bytes]) -> dict[str, PlanVersion]:
    """The plans of one side keyed by plan id (`file:PATH` for a file whose id cannot be read),
    read and checked by a Project over the side's files, as `check` reads them: a plan that
    `check` rejects is reported with check's problems, never compared."""
    return _versions(Project(settings, files=files))


def records_of(project: Project) -> dict[str, tuple[str | None, list[dict[str, Any]]]]:
    """Each progress file's agency and records, JSON-ready, by file."""
    found: dict[str, tuple[str | None, list[dict[str, Any]]]] = {}
    for item in project.index.files:
        if item.kind == "progress":
            found[item.path] = (item.agency, [_record_data(record) for record in item.records])
    return found


def _record_data(record: Any) -> dict[str, Any]:
    return {
        "item": f"{record.plan}#{record.item}",
        "occurrence": record.occurrence,
        "milestone": record.milestone or None,
        "state": record.state,
        "on": record.on.isoformat(),
        "note": record.note,
        "evidence": list(record.evidence),
        "values": [{"measure": reading.measure, "value": reading.value, "unit": reading.unit} for reading in record.readings],
    }


def _versions(project: Project) -> dict[str, PlanVersion]:
    errors: dict[str, list[Problem]] = {}
    for problem in project.check().problems:
        if problem.severity == "error":
            errors.setdefault(problem.file, []).append(problem)
    plans: dict[str, PlanVersion] = {}
    for item in project.index.files:
        if item.kind != "plan":
            continue
        loaded = project.load(item.path)
        data = loaded.parsed.data if loaded.parsed is not None else None
        plan_id = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None
        problems = errors.get(item.path, [])
        version = PlanVersion(item.path, None if problems else loaded.plan, plan_id, problems)
        key = plan_id or f"file:{item.path}"
        if key in plans:
            version.plan = None
            key = f"file:{item.path}"
        plans[key] = version
    return plans


# --------------------------------------------------------------------------- #
# Differences as data
# --------------------------------------------------------------------------- #


@dataclass(slots=True)
class FieldChange:
    """A plan-level field (title, decision, period …) that changed."""

    field: str
    old: Any
    new: Any

    def as_data(self) -> dict[str, Any]:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass(slots=True)
class ItemChange:
    """One change to a task or target; old and new are JSON-ready values whose shape depends on kind."""

    kind: str
    item: str  # the task's or target's id (the new id when renumbered)
    old: Any = None
    new: Any = None

    @property
    def moved(self) -> bool:
        """For a deadline change: whether the resolved dates differ (not only the wording)."""
        return self.kind == "deadline" and (self.old or {}).get("windows") != (self.new or {}).get("windows")

    def as_data(self, what: str) -> dict[str, Any]:
        data = {what: self.item, "change": self.kind, "old": self.old, "new": self.new}
        if self.kind == "deadline":
            data["moved"] = self.moved
        return data


@dataclass(slots=True)
class PlanDiff:
    """Everything that changed in one plan."""

    plan: str
    change: PlanChange
    old_file: str | None = None
    new_file: str | None = None
    title: str | None = None
    old_problems: list[Problem] = field(default_factory=list)  # when the plan does not load at the old side
    new_problems: list[Problem] = field(default_factory=list)
    fields: list[FieldChange] = field(default_factory=list)
    tasks: list[ItemChange] = field(default_factory=list)
    targets: list[ItemChange] = field(default_factory=list)
    task_count: int = 0
    target_count: int = 0

    @property
    def moved(self) -> bool:
        return self.old_file is not None and self.new_file is not None and self.old_file != self.new_file

    @property
    def file(self) -> str:
        return self.new_file or self.old_file or ""

    @property
    def empty(self) -> bool:
        return self.change == "modified" and not (self.moved or self.fields or self.tasks or self.targets)

    def as_data(self) -> dict[str, Any]:
        return {
            "plan": self.plan,
            "change": self.change,
            "file": self.file,
            "old_file": self.old_file,
            "new_file": self.new_file,
            "moved": self.moved,
            "title": self.title,
            "tasks_total": self.task_count,
            "targets_total": self.target_count,
            "old_problems": [problem.as_dict() for problem in self.old_problems],
            "new_problems": [problem.as_dict() for problem in self.new_problems],
            "fields": [change.as_data() for change in self.fields],
            "tasks": [change.as_data("task") for change in self.tasks],
            "targets": [change.as_data("target") for change in self.targets],
        }


@dataclass(slots=True)
class ProgressDiff:
    """Records added to (or removed from) one agency's progress file."""

    file: str
    agency: str | None
    added: list[dict[str, Any]]
    removed: list[dict[str, Any]]

    def as_data(self) -> dict[str, Any]:
        return {"file": self.file, "agency": self.agency, "added": self.added, "removed": self.removed}


@dataclass(slots=True)
class HistoryDiff:
    """The comparison of the plans (and the progress records) at two sides."""

    old: Side
    new: Side
    paths: list[str]
    plans: list[PlanDiff]
    progress: list[ProgressDiff] = field(default_factory=list)

    def as_data(self) -> dict[str, Any]:
        return {
            "from": self.old.as_data(),
            "to": self.new.as_data(),
            "paths": self.paths,
            "plans": [plan.as_data() for plan in self.plans],
            "progress": [change.as_data() for change in self.progress],
        }


def compare_records(
    old: dict[str, tuple[str | None, list[dict[str, Any]]]], new: dict[str, tuple[str | None, list[dict[str, Any]]]]
) -> list[ProgressDiff]:
    """Per progress file, the records one side has and the other has not (in file order)."""
    changes = []
    for file in sorted({*old, *new}):
        agency = (new.get(file) or old.get(file) or (None, []))[0]
        before, after = old.get(file, (None, []))[1], new.get(file, (None, []))[1]
        added = [record for record in after if record not in before]
        removed = [record for record in before if record not in after]
        if added or removed:
            changes.append(ProgressDiff(file, agency, added, removed))
    return changes


def compare(old: dict[str, PlanVersion], new: dict[str, PlanVersion], *, before_inclusive: bool = False) -> list[PlanDiff]:
    """Per plan, what changed from old to new (unchanged plans are left out)."""
    pairs = _pair_by_path(old, new)
    diffs = [_plan_diff(key, a, b, before_inclusive) for key, a, b in pairs]
    diffs = [diff for diff in diffs if not diff.empty]
    diffs.sort(key=lambda diff: (diff.file, diff.plan))
    return diffs


def _pair_by_path(old: dict[str, PlanVersion], new: dict[str, PlanVersion]) -> list[tuple[str, PlanVersion | None, PlanVersion | None]]:
    """Pairs by plan id; a file whose id cannot be read pairs with the unmatched version at the same path."""
    pairs: dict[str, list[PlanVersion | None]] = {key: [old.get(key), new.get(key)] for key in dict.fromkeys([*old, *new])}
    for key in [key for key in pairs if key.startswith("file:")]:
        a, b = pairs[key]
        if (a is None) == (b is None):
            continue
        mine = a or b
        assert mine is not None  # one side has it
        other = 0 if a is None else 1  # the side this file is missing from

        def same_file(pair: list[PlanVersion | None], other: int = other, mine: PlanVersion = mine) -> bool:
            found = pair[other]
            return pair[1 - other] is None and found is not None and found.path == mine.path

        partner = next((k for k, pair in pairs.items() if k != key and same_file(pair)), None)
        if partner is not None:
            joined = pairs.pop(partner)
            pairs[partner] = [a or joined[0], b or joined[1]]
            del pairs[key]
    return [(key, a, b) for key, (a, b) in pairs.items()]


def _plan_diff(key: str, a: PlanVersion | None, b: PlanVersion | None, before_inclusive: bool) -> PlanDiff:
    name = (b.plan_id if b else None) or (a.plan_id if a else None) or key.removeprefix("file:")
    diff = PlanDiff(name, "modified", a.path if a else None, b.path if b else None)
    plan_a = a.plan if a else None
    plan_b = b.plan if b else None
    latest = plan_b or plan_a
    if latest is not None:
        diff.title = latest.title
        diff.task_count = sum(1 for _ in latest.iter_tasks())
        diff.target_count = len(latest.targets)
    if (a is not None and plan_a is None) or (b is not None and plan_b is None):
        diff.change = "invalid"
        diff.old_problems = [p for p in a.problems if p.severity == "error"] if a and plan_a is None else []
        diff.new_problems = [p for p in b.problems if p.severity == "error"] if b and plan_b is None else []
        return diff
    if plan_a is None:
        diff.change = "added"
        return diff
    if plan_b is None:
        diff.change = "removed"
        return diff
    diff.fields = _field_changes(plan_a, plan_b)
    diff.tasks = _task_changes(plan_a, plan_b, before_inclusive)
    diff.targets = _target_changes(plan_a, plan_b, before_inclusive)
    return diff


def _json(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json(item) for item in value]
    return value


def _field_changes(a: Plan, b: Plan) -> list[FieldChange]:
    old = a.model_dump(mode="json", by_alias=True)
    new = b.model_dump(mode="json", by_alias=True)
    return [FieldChange(name, old.get(name), new.get(name)) for name in PLAN_FIELDS if old.get(name) != new.get(name)]


def windows(when: Any, plan: Plan, before_inclusive: bool) -> list[dict[str, str | None]] | None:
    """The resolved windows of a `when`, JSON-ready; None when it cannot be read."""
    try:
        found = read_when(plain_when(when), deadline_context(plan, before_inclusive))
    except DeadlineError:
        return None
    return [{"start": w.start.isoformat() if w.start else None, "deadline": w.deadline.isoformat() if w.deadline else None} for w in found]


def _deadline(when: Any, plan: Plan, before_inclusive: bool) -> dict[str, Any]:
    return {"when": _json(plain_when(when)), "windows": windows(when, plan, before_inclusive)}


def _task_summary(task: Task, plan: Plan, before_inclusive: bool) -> dict[str, Any]:
    return {
        "title": task.title,
        "lead": list(task.lead),
        "support": list(task.support),
        **_deadline(task.when, plan, before_inclusive),
        "state": task.state,
    }


def _status(task: Task) -> dict[str, Any]:
    status = task.status
    if status is None:
        return {"state": "planned", "on": None, "note": None}
    return {"state": status.state, "on": status.on.isoformat() if status.on else None, "note": status.note}


def _milestones(task: Task, plan: Plan, before_inclusive: bool) -> list[dict[str, Any]]:
    return [{"title": m.title, **_deadline(m.when, plan, before_inclusive)} for m in task.milestones]


def _tasks(plan: Plan) -> dict[str, tuple[Task, str]]:
    found: dict[str, tuple[Task, str]] = {}
    for section in plan.iter_sections():
        for task in section.tasks:
            found.setdefault(task.id, (task, section.id))
    return found


def _task_changes(a: Plan, b: Plan, before_inclusive: bool) -> list[ItemChange]:
    old, new = _tasks(a), _tasks(b)
    removed = [task_id for task_id in old if task_id not in new]
    added = [task_id for task_id in new if task_id not in old]
    renumbered: dict[str, str] = {}  # new id -> old id
    by_title: dict[str, list[str]] = {}
    for task_id in removed:
        by_title.setdefault(nfc(old[task_id][0].title).strip(), []).append(task_id)
    for task_id in added:
        candidates = by_title.get(nfc(new[task_id][0].title).strip())
        if candidates:
            renumbered[task_id] = candidates.pop(0)
    gone = set(renumbered.values())
    changes: list[ItemChange] = []
    for task_id, (task, section) in new.items():
        if task_id in old or task_id in renumbered:
            old_id = renumbered.get(task_id, task_id)
            before, old_section = old[old_id]
            if old_id != task_id:
                changes.append(ItemChange("renumbered", task_id, old_id, task_id))
            changes.extend(_compare_task(task_id, before, task, a, b, old_section, section, before_inclusive))
        else:
            changes.append(ItemChange("added", task_id, None, _task_summary(task, b, before_inclusive)))
    for task_id in removed:
        if task_id not in gone:
            changes.append(ItemChange("removed", task_id, _task_summary(old[task_id][0], a, before_inclusive), None))
    return changes


def _compare_task(
    task_id: str, x: Task, y: Task, a: Plan, b: Plan, section_x: str, section_y: str, before_inclusive: bool
) -> list[ItemChange]:
    changes = []
    if x.title != y.title:
        changes.append(ItemChange("reworded", task_id, x.title, y.title))
    if (list(x.lead), list(x.support)) != (list(y.lead), list(y.support)):
        changes.append(
            ItemChange(
                "reassigned",
                task_id,
                {"lead": list(x.lead), "support": list(x.support)},
                {"lead": list(y.lead), "support": list(y.support)},
            )
        )
    old_deadline, new_deadline = _deadline(x.when, a, before_inclusive), _deadline(y.when, b, before_inclusive)
    if old_deadline != new_deadline:
        changes.append(ItemChange("deadline", task_id, old_deadline, new_deadline))
    old_milestones, new_milestones = _milestones(x, a, before_inclusive), _milestones(y, b, before_inclusive)
    if old_milestones != new_milestones:
        changes.append(ItemChange("milestones", task_id, old_milestones, new_milestones))
    if _status(x) != _status(y):
        changes.append(ItemChange("status", task_id, _status(x), _status(y)))
    if section_x != section_y:
        changes.append(ItemChange("section", task_id, section_x, section_y))
    if x.notes != y.notes:
        changes.append(ItemChange("notes", task_id, x.notes, y.notes))
    return changes


def _target_data(target: Target, plan: Plan, before_inclusive: bool) -> dict[str, Any]:
    data = target.model_dump(mode="json", exclude={"id"})
    when = target.when if target.when is not None else plan.last_year
    data["when"] = _json(plain_when(target.when)) if target.when is not None else None
    data["windows"] = windows(when, plan, before_inclusive)
    return data


def _target_changes(a: Plan, b: Plan, before_inclusive: bool) -> list[ItemChange]:
    old = {target.id: target for target in a.targets}
    new = {target.id: target for target in b.targets}
    changes = []
    for target_id, target in new.items():
        after = _target_data(target, b, before_inclusive)
        if target_id not in old:
            changes.append(ItemChange("added", target_id, None, after))
            continue
        before = _target_data(old[target_id], a, before_inclusive)
        differing = [key for key in after if before.get(key) != after.get(key)]
        if differing:
            changes.append(
                ItemChange("changed", target_id, {key: before.get(key) for key in differing}, {key: after[key] for key in differing})
            )
    for target_id, target in old.items():
        if target_id not in new:
            changes.append(ItemChange("removed", target_id, _target_data(target, a, before_inclusive), None))
    return changes


# --------------------------------------------------------------------------- #
# The command
# --------------------------------------------------------------------------- #


def split_arguments(git: Git, args: list[str]) -> tuple[list[str], list[str]]:
    """`[REV_A] [REV_B] [PATH…]` (or `A..B [PATH…]`) → (revisions, paths); an existing path is a path, as in git."""
    revisions: list[str] = []
    rest = list(args)
    while rest and len(revisions) < 2:
        arg = rest[0]
        if not revisions and ".." in arg and "..." not in arg and not os.path.lexists(git.cwd / arg):
            first, _dots, second = arg.partition("..")  # git's A..B, either side defaulting to HEAD
            for rev in (first or "HEAD", second or "HEAD"):
                if git.commit(rev) is None:
                    raise UsageError(_("unknown revision {revision!r} in {argument!r}").format(revision=rev, argument=arg))
            revisions = [first or "HEAD", second or "HEAD"]
            rest.pop(0)
            break
        is_path = os.path.lexists(git.cwd / arg)
        commit = git.commit(arg)
        if is_path and commit is not None:
            raise UsageError(
                _(
                    "{argument!r} is both a revision and a path: write {argument}^{{commit}} for the revision or ./{argument} for the path"
                ).format(argument=arg)
            )
        if is_path:
            break
        if commit is None:
            if not revisions and arg == "HEAD":
                raise UsageError(_("the repository has no commit yet: commit the plans first"))
            shown = shlex.quote(arg) if arg.isprintable() else "PATH"  # a newline must not end the message's line
            raise UsageError(
                _(
                    "{argument!r} is neither a git revision nor an existing path (a file deleted since? name a revision first: `cdsplan diff HEAD {shown}`)"
                ).format(argument=arg, shown=shown)
            )
        revisions.append(arg)
        rest.pop(0)
    return revisions, rest


def diff(args: list[str], *, settings: Settings, cwd: Path | None = None) -> HistoryDiff:
    """Compare the plans at `[REV_A] [REV_B] [PATH…]` (default HEAD against the working tree).

    One revision compares it with the working tree. Paths default to the project's plans/.
    Raises UsageError (exit 2) outside a git repository, for an unknown revision, a path
    outside the repository, or a path that exists at neither side.
    """
    git = Git(cwd)
    revisions, path_args = split_arguments(git, args)
    if not revisions:
        revisions = ["HEAD"]
    sides = [Side(rev, _commit(git, rev)) for rev in revisions]
    if len(sides) == 1:
        sides.append(Side(None))
    default = settings.plans if settings.plans.is_absolute() else git.cwd / settings.plans
    records = settings.progress if settings.progress.is_absolute() else git.cwd / settings.progress
    paths = [git.cwd / arg for arg in path_args] if path_args else [default, records]
    pathspecs = [_relative(git, path) for path in paths]
    contents = [_files(git, side, paths, pathspecs, settings.max_bytes) for side in sides]
    for path, spec in zip(paths, pathspecs, strict=True):
        if path_args and not os.path.lexists(path) and not any(_under(name, spec) for files in contents for name in files):
            raise UsageError(
                _("{path}: no such file or folder in the working tree or at {revisions}").format(
                    path=spec or ".", revisions=", ".join(side.label for side in sides if side.rev)
                )
            )
    projects = [Project(settings, files=files) for files in contents]
    plans = compare(_versions(projects[0]), _versions(projects[1]), before_inclusive=settings.before_inclusive)
    progress = compare_records(records_of(projects[0]), records_of(projects[1]))
    return HistoryDiff(sides[0], sides[1], [spec or "." for spec in pathspecs], plans, progress)


def _under(name: str, spec: str) -> bool:
    return not spec or name == spec or name.startswith(spec.rstrip("/") + "/")


def _commit(git: Git, rev: str) -> str:
    commit = git.commit(rev)
    if commit is None:
        if rev == "HEAD":
            raise UsageError(_("the repository has no commit yet: commit the plans first"))
        raise UsageError(_("unknown revision {rev!r}").format(rev=rev))
    return commit


def _relative(git: Git, path: Path) -> str:
    absolute = Path(os.path.abspath(path))
    resolved = absolute.parent.resolve() / absolute.name if absolute.name else absolute.resolve()
    try:
        relative = resolved.relative_to(git.root)
    except ValueError:
        raise UsageError(_("{path} is outside the git repository {root}").format(path=path, root=git.root)) from None
    text = relative.as_posix()
    return "" if text == "." else text


def _files(git: Git, side: Side, paths: list[Path], pathspecs: list[str], max_bytes: int) -> dict[str, bytes]:
    """The plan files (and the registry) under the paths at one side, by path from the root."""
    if side.commit is not None:
        listing = git.tree_files(side.commit, [spec for spec in pathspecs if spec] if all(pathspecs) else [])
        sizes = git.sizes(listing.values())
        for path, blob in listing.items():  # refused before reading it, as a file of the working tree is
            if sizes[blob] > max_bytes:
                raise UsageError(
                    _(
                        "{path} at {side}: the file is over the {limit:g} MB limit for one file ([tool.cdsplan] max_file_mb): split it into several plans"
                    ).format(path=path, side=side.label, limit=max_bytes / 1e6)
                )
        blobs = git.blobs(listing.values())
        return {path: blobs[blob] for path, blob in listing.items()}
    found, _missing = discover([path for path in paths if os.path.lexists(path)])
    files: dict[str, bytes] = {}
    for item in found:
        relative = _relative(git, item.path)
        if not is_plan_path(relative):
            continue
        raw, problems = read(item, max_bytes, display(item.path))
        if raw is None:
            raise UsageError(f"{problems[0].file}: {problems[0].message}")
        files[relative] = raw
    return files
