"""`cdsplan status`: record what an agency has done, in its own file, and nothing else.

Each report becomes a record appended to `progress/<year>/<agency>.yaml` (the year of its
day): the plan files stay the text that was issued, and a unit's file is its own. Before
anything is written, the edited files are checked with every rule `check` applies (the
Project reads them as they would be); nothing is written unless all of them pass, and then
every file is written atomically under its lock, keeping every byte it had.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import CdsplanError, UsageError
from ..files import FileProblem, check_regular, display, locked, read_regular, write_atomic
from ..i18n import _, day_text, ngettext
from ..project import Project
from ..settings import Settings
from ..text import did_you_mean
from .records import ItemInfo, normal_period, state_words
from .yamledit import Document, append_items

if TYPE_CHECKING:
    from ..agencies import Registry
    from ..problems import Problem
    from ..schedule.occurrences import Occurrence

STATES = ("planned", "in_progress", "done", "cancelled")


@dataclass(frozen=True, slots=True)
class Change:
    """One record to append: who reports, the record's keys, and where it came from."""

    agency: str
    record: dict[str, Any]
    ref: str  # plan#item
    period: str | None  # the occurrence it is about
    chosen: str | None = None  # how the occurrence was chosen, when cdsplan chose it
    source: str | None = None  # "FILE:row" of an imported sheet

    @property
    def on(self) -> dt.date:
        day = self.record["on"]
        assert isinstance(day, dt.date)
        return day


@dataclass(slots=True)
class Recorded:
    """What `status` did (or, with dry_run, would do)."""

    changes: list[Change]
    files: list[str]
    diff: str
    written: bool
    registry: Registry | None = None
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        registry = self.registry
        name = registry.name if registry else (lambda agency_id: agency_id)
        lines = []
        for change in self.changes:
            # translators: shown after "→" instead of a state (done, in_progress …) when the record gives only values
            what = state_words(change.record["state"]) if change.record.get("state") else _("values")
            period = f" ({change.period})" if change.period else ""
            milestone = _(", milestone {number}").format(number=change.record["milestone"]) if "milestone" in change.record else ""
            lines.append(
                _("{agency}: {ref}{milestone}{period} → {what}, {on}").format(
                    agency=name(change.agency), ref=change.ref, milestone=milestone, period=period, what=what, on=f"{change.on:%d/%m/%Y}"
                )
            )
            if change.chosen:
                lines.append("  " + change.chosen)
        lines += self.notes
        if not self.written:
            lines.append(_("(dry run: nothing written)"))
        else:
            lines.append(ngettext("wrote {files}", "wrote {files}", len(self.files)).format(files=", ".join(self.files)))
        return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- #
# What a request is about
# --------------------------------------------------------------------------- #


@dataclass(frozen=True, slots=True)
class Request:
    """One `cdsplan status REF …` as given on the command line."""

    ref: str
    state: str | None = None
    agency: str | None = None
    occurrence: str | None = None
    milestone: int | None = None
    on: dt.date | None = None
    note: str | None = None
    evidence: tuple[str, ...] = ()
    value: float | None = None
    measure: int | None = None


def resolve_item(project: Project, ref: str) -> tuple[str, str, ItemInfo]:
    """(plan, item id, what it is) for `plan#item`, or an item id that only one plan has."""
    ref = ref.strip()
    items = project.index.items
    if "#" in ref:
        plan, _sep, item = ref.partition("#")
        if not plan or not item:
            raise UsageError(_("{ref!r}: write the item as plan#task, e.g. btttt-ndcds-2024#III.1.1").format(ref=ref))
        if plan not in project.plan_ids():
            project.plan_file(plan)  # refuses: no such plan, or one that does not load, with why
        info = items.get((plan, item))
        if info is None:
            ids = sorted(local for plan_id, local in items if plan_id == plan)
            raise UsageError(_("plan {plan} has no task or target {item!r}").format(plan=plan, item=item) + did_you_mean(item, ids))
        return plan, item, info
    found = [(plan, item) for plan, item in items if item == ref]
    if len(found) > 1:
        refs = ", ".join(f"{plan}#{item}" for plan, item in found)
        raise UsageError(_("{ref!r} is in {count} plans ({refs}): write plan#task").format(ref=ref, count=len(found), refs=refs))
    if not found:
        broken = project.broken_files()
        hint = (
            _("; {count} file(s) could not be read ({files}): run `cdsplan check`").format(count=len(broken), files=", ".join(broken[:3]))
            if broken
            else ""
        )
        raise UsageError(
            _("no task or target {ref!r} in the plans").format(ref=ref) + did_you_mean(ref, sorted({item for _plan, item in items})) + hint
        )
    plan, item = found[0]
    return plan, item, items[(plan, item)]


def _occurrences(project: Project, plan: str, item: str, milestone: int) -> list[Occurrence]:
    return [
        occurrence
        for occurrence in project.occurrences()
        if occurrence.plan.id == plan
        and occurrence.item.id == item
        and (occurrence.milestone.number if occurrence.milestone else 0) == milestone
    ]


def holders_of(project: Project, occurrences: list[Occurrence], on: dt.date) -> list[str]:
    """Who holds these occurrences on day on (in the order the plan names them)."""
    from ..schedule.holders import holdings

    found: list[str] = []
    for occurrence in occurrences:
        for lead in occurrence.lead:
            for holding in holdings(lead, occurrence.deadline, on, project.registry):
                if holding.holder not in found:
                    found.append(holding.holder)
    return found


def _agency(project: Project, query: str | None, holders: list[str], ref: str, on: dt.date) -> str:
    registry = project.registry
    if registry is None:
        raise UsageError(_("recording progress needs the agency registry (plans/agencies.yaml)"))

    def listing(ids: list[str]) -> str:
        ids = sorted(ids, key=registry.order)
        shown = "; ".join(f"{registry.name(agency_id)} ({agency_id})" for agency_id in ids[:12])
        more = len(ids) - 12
        return shown + (
            _("; and {count} more (`cdsplan due --agency NAME` lists an agency's items)").format(count=more) if more > 0 else ""
        )

    if query is None:
        if len(holders) == 1:
            return holders[0]
        raise UsageError(
            _("{ref} is held by {count} agencies; say which one reports with --agency: {holders}").format(
                ref=ref, count=len(holders), holders=listing(holders)
            )
        )
    named = [agency.id for agency in registry.find(query)]
    if not named:
        raise UsageError(
            _("no agency matches {query!r}").format(query=query) + did_you_mean(query, [a.name for a in registry.by_id.values()])
        )
    current = list(dict.fromkeys(registry.current(agency_id, on) for agency_id in named))
    chosen = [agency_id for agency_id in current if agency_id in holders]
    if not chosen:
        raise UsageError(
            _("{agency} does not hold {ref}; its holders: {holders}").format(
                agency=registry.name(current[0]), ref=ref, holders=listing(holders)
            )
        )
    return chosen[0]


def _window_holds(occurrence: Occurrence, day: dt.date) -> bool:
    return (occurrence.start or dt.date.min) <= day <= occurrence.deadline


def _occurrence(occurrences: list[Occurrence], wanted: str | None, on: dt.date, ref: str) -> tuple[Occurrence, str | None]:
    """The occurrence a record is about, and, when cdsplan chose it, why."""
    periods = ", ".join(occurrence.period for occurrence in occurrences[:12]) + (", …" if len(occurrences) > 12 else "")
    if wanted is not None:
        period = normal_period(wanted)
        found = next((occurrence for occurrence in occurrences if occurrence.period == period), None)
        if found is None:
            raise UsageError(
                _("{ref} has no occurrence {period!r}; its occurrences: {periods}").format(ref=ref, period=wanted, periods=periods)
            )
        return found, None
    if len(occurrences) == 1:
        return occurrences[0], None
    holding = [occurrence for occurrence in occurrences if _window_holds(occurrence, on)]
    if not holding:
        raise UsageError(
            _("{ref} recurs and no occurrence's window holds {on}: name it with --occurrence ({periods})").format(
                ref=ref, on=day_text(on), periods=periods
            )
        )
    chosen = min(holding, key=lambda occurrence: occurrence.deadline)
    why = _("occurrence {period} chosen: its window {start} – {deadline} holds {on} (give --occurrence for another)").format(
        period=chosen.period,
        start=f"{chosen.start:%d/%m/%Y}" if chosen.start else "…",
        deadline=f"{chosen.deadline:%d/%m/%Y}",
        on=f"{on:%d/%m/%Y}",
    )
    return chosen, why


def change_for(project: Project, request: Request, today: dt.date) -> Change:
    """The record one request asks for, resolved and checked against the plans."""
    if request.state is not None and request.state not in STATES:
        raise UsageError(
            _("unknown state {state!r}: use one of {states}").format(state=request.state, states=", ".join(STATES))
            + did_you_mean(request.state, STATES)
        )
    if request.state is None and request.value is None:
        raise UsageError(_("give a state (planned, in_progress, done, cancelled), or --value for a target"))
    on = request.on or today
    if on > today:
        raise UsageError(
            _("--on {on} is in the future (today is {today}): record progress once it has happened").format(
                on=day_text(on), today=day_text(today)
            )
        )
    plan, item, info = resolve_item(project, request.ref)
    ref = f"{plan}#{item}"
    milestone = request.milestone or 0
    if milestone > info.milestones:
        raise UsageError(
            ngettext("{ref} has {count} milestone, not {number}", "{ref} has {count} milestones, not {number}", info.milestones).format(
                ref=ref, count=info.milestones, number=milestone
            )
        )
    if request.value is not None and not info.measures:
        raise UsageError(_("{ref} has no measures: --value is for targets; record a state instead").format(ref=ref))
    if request.value is not None and (request.measure or 1) > len(info.measures):
        raise UsageError(
            ngettext("{ref} has {count} measure, not {number}", "{ref} has {count} measures, not {number}", len(info.measures)).format(
                ref=ref, count=len(info.measures), number=request.measure
            )
        )
    if info.issued is not None and on < info.issued:
        raise UsageError(
            _("--on {on} is before plan {plan} was issued ({issued})").format(on=day_text(on), plan=plan, issued=day_text(info.issued))
        )
    occurrences = _occurrences(project, plan, item, milestone)
    if not occurrences:
        raise UsageError(_("{ref} has no dated occurrence to record progress for").format(ref=ref))
    occurrence, chosen = _occurrence(occurrences, request.occurrence, on, ref)
    agency = _agency(project, request.agency, holders_of(project, [occurrence], on), ref, on)
    record: dict[str, Any] = {"item": ref}
    if occurrence.total > 1 or request.occurrence is not None:
        record["occurrence"] = occurrence.period
    if milestone:
        record["milestone"] = milestone
    if request.state is not None:
        record["state"] = request.state
    record["on"] = on
    if request.note and request.note.strip():
        record["note"] = request.note.strip()
    if request.evidence:
        record["evidence"] = [text.strip() for text in request.evidence if text.strip()]
    if request.value is not None:
        reading: dict[str, Any] = {"value": request.value}
        if request.measure and request.measure != 1:
            reading = {"measure": request.measure, **reading}
        record["values"] = [reading]
    return Change(agency, record, ref, occurrence.period, chosen)


def bulk_changes(
    project: Project, plan: str, agency_query: str, state: str, *, on: dt.date, note: str | None, evidence: tuple[str, ...]
) -> list[Change]:
    """`status --plan P --agency A STATE`: one record for each open occurrence of P that A holds."""
    from ..schedule.due import Query, asked_agencies, entries

    if plan not in project.plan_ids():
        project.plan_file(plan)
    registry = project.registry
    if registry is None:
        raise UsageError(_("recording progress needs the agency registry (plans/agencies.yaml)"))
    named = [agency.id for agency in registry.find(agency_query)]
    if not named:
        raise UsageError(_("no agency matches {query!r}").format(query=agency_query))
    asked = asked_agencies(registry, named, on)
    query = Query(dt.date.min, dt.date.max, on, asked, frozenset([plan]))
    found = entries(project.occurrences(), query, registry, project.standing, frozenset({"overdue", "due", "upcoming", "later"}))
    changes = []
    for entry in found.entries:
        occurrence = entry.occurrence
        if occurrence.kind == "target":
            continue
        record: dict[str, Any] = {"item": occurrence.ref}
        if occurrence.total > 1:
            record["occurrence"] = occurrence.period
        if occurrence.milestone:
            record["milestone"] = occurrence.milestone.number
        record |= {"state": state, "on": on}
        if note:
            record["note"] = note
        if evidence:
            record["evidence"] = list(evidence)
        changes.append(Change(entry.holder, record, occurrence.ref, occurrence.period))
    if not changes:
        raise UsageError(_("{agency} has no open item in plan {plan}").format(agency=registry.name(named[0]), plan=plan))
    return changes


# --------------------------------------------------------------------------- #
# Writing
# --------------------------------------------------------------------------- #


def record_file(settings: Settings, agency: str, year: int) -> Path:
    return settings.progress / str(year) / f"{agency}.yaml"


def _header(agency: str, year: int, registry: Registry | None) -> str:
    name = registry.name(agency) if registry else agency
    return (
        _("# Progress of {name}, {year}: records appended by `cdsplan status` (docs/progress.md).").format(name=name, year=year)
        + f"\nschema: cdsplan/v1\nagency: {agency}\nyear: {year}\nrecords:\n"
    )


_LINES = re.compile(r"[^\n]*\n|[^\n]+\Z")


def unified_diff(old: str, new: str, file: str) -> str:
    """A `git diff`-style unified diff of old → new ("" when equal)."""
    if old == new:
        return ""
    lines = difflib.unified_diff(_LINES.findall(old), _LINES.findall(new), f"a/{file}", f"b/{file}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


class Rejected(CdsplanError):
    """The records would not pass `check`: nothing was written (exit status 1)."""


def write_changes(
    settings: Settings,
    project: Project,
    changes: list[Change],
    *,
    edits: dict[Path, tuple[bytes, bytes]] | None = None,
    dry_run: bool = False,
) -> Recorded:
    """Append every change to its agency's file of its year, and write edits (other files: the
    bytes an edit was made from, and the new ones; the file must still hold the former when it
    is read again under its lock); all files or none."""
    by_file: dict[Path, list[Change]] = {}
    for change in changes:
        by_file.setdefault(record_file(settings, change.agency, change.on.year), []).append(change)
    edits = edits or {}
    with contextlib.ExitStack() as stack:
        for path in sorted([*by_file, *edits]):
            _refuse_outside(settings, path)
        if not dry_run:
            for path in sorted([*by_file, *edits]):
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise FileProblem(
                        "not-writable",
                        path.parent,
                        _("cannot create this folder: {reason}").format(reason=exc.strerror or exc),
                    ) from None
                _refuse_outside(settings, path)  # the folder just made may be a link's
                stack.enter_context(locked(path))
        old: dict[Path, str] = {}
        new: dict[Path, bytes] = {}
        ranges: dict[Path, list[tuple[int, int, Change]]] = {path: [] for path in edits}
        for path, (before, data) in edits.items():
            raw = read_regular(path, max_bytes=settings.max_bytes)
            if raw != before:
                raise CdsplanError(_("{file} changed while cdsplan was reading it: try again").format(file=display(path)))
            old[path] = Document.from_bytes(raw, display(path)).text
            new[path] = data
        for path, group in by_file.items():
            document = _current(path, group[0], project.registry)
            old[path] = document.text if path.exists() else ""
            edited = document
            spans = []
            for change in group:
                first = edited.text.count("\n") + 1
                edited = append_items(edited, "records", [change.record], display(path))
                spans.append((first, edited.text.count("\n"), change))
            new[path] = edited.to_bytes()
            ranges[path] = spans
        _refuse_unless_clean(settings, new, ranges)
        diff = "".join(unified_diff(old[path], new[path].decode("utf-8-sig"), display(path)) for path in sorted(new))
        if not dry_run:
            for path in sorted(new):
                write_atomic(path, new[path])
    return Recorded(changes, [display(path) for path in sorted(new)], diff, not dry_run, project.registry)


def _refuse_outside(settings: Settings, path: Path) -> None:
    """A file status writes must lie in the project (or in the progress folder, when that is
    elsewhere), as every file cdsplan reads: a symlink to /etc/passwd, or a folder linked out
    of the project, is refused before anything is locked, read or written."""
    progress = os.path.abspath(settings.progress)
    root = settings.root if Path(progress).is_relative_to(os.path.abspath(settings.root)) else Path(progress)
    if os.path.lexists(path):
        problem = check_regular(path, root=root)
        if problem is not None:
            raise problem
        return
    folder = next((parent for parent in path.parents if os.path.lexists(parent)), None)
    if folder is not None and not Path(os.path.realpath(folder)).is_relative_to(os.path.realpath(root)):
        raise FileProblem(
            "symlink-outside",
            path,
            _("its folder leads outside {root} (a symlink?): cdsplan writes only inside the project").format(root=root),
        )


def _current(path: Path, change: Change, registry: Registry | None) -> Document:
    try:
        raw = read_regular(path, max_bytes=100_000_000)
    except FileProblem as exc:
        if exc.code != "unreadable" or path.exists() or path.is_symlink():
            raise
        return Document(_header(change.agency, change.on.year, registry))
    return Document.from_bytes(raw, display(path))


def _refuse_unless_clean(settings: Settings, new: dict[Path, bytes], ranges: dict[Path, list[tuple[int, int, Change]]]) -> None:
    """Refuse (nothing written) when check finds errors in the files as they would be: each
    problem of a new record is reported as its source (the sheet's row) or the file's line."""
    project = Project.open(settings, overrides=new)
    shown = {display(path): path for path in new}
    problems = [p for p in project.check().problems if p.file in shown and p.severity == "error"]
    if not problems:
        return
    lines = [_located(problem, ranges[shown[problem.file]]) for problem in problems]
    raise Rejected(_("nothing written: the records would not pass `cdsplan check`:") + "\n" + "\n".join(lines))


def _located(problem: Problem, spans: list[tuple[int, int, Change]]) -> str:
    for first, last, change in spans:
        if first <= problem.line <= last and change.source:
            return f"{change.source}: {problem.message} [{problem.code}]"
    return f"{problem.place}: {problem.message} [{problem.code}]"


def record(settings: Settings, requests: list[Request], *, today: dt.date, dry_run: bool = False) -> Recorded:
    """`cdsplan status REF STATE …`: each request resolved, checked, and appended."""
    project = Project.open(settings)
    changes = [change_for(project, request, today) for request in requests]
    return write_changes(settings, project, changes, dry_run=dry_run)
