"""`due` and `tasks` as answers of a Project: entries found, then rendered in the chosen format.

Their output is a pure function of the files, cdsplan's code and the question (with "today"
resolved), so the Project keeps it in the cache like any other result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import msgspec

from ..errors import UsageError
from ..i18n import _
from ..project import Project
from ..schedule.due import DUE_STATES, STATES, Found, Query, State, asked_agencies, entries
from ..text import did_you_mean


class Output(msgspec.Struct, frozen=True):
    """What goes to standard output (text, or bytes for a calendar), the warning for standard
    error, and whether anything is overdue."""

    text: str | None
    data: bytes | None
    warning: str
    overdue: bool

    @classmethod
    def of(cls, payload: str | bytes, warning: str, overdue: bool) -> Output:
        if isinstance(payload, bytes):
            return cls(None, payload, warning, overdue)
        return cls(payload, None, warning, overdue)

    @property
    def payload(self) -> str | bytes:
        return self.text if self.text is not None else self.data or b""


@dataclass(frozen=True, slots=True)
class Question:
    start: dt.date
    end: dt.date
    as_of: dt.date
    agencies: tuple[str, ...] = ()  # as asked: ids, names, abbreviations
    plans: tuple[str, ...] = ()
    include_done: bool = False
    include_units: bool = False
    overdue_since: dt.date | None = None
    fmt: str = "table"
    colour: bool = False
    states: tuple[str, ...] = ()  # tasks: only these (none: all)
    width: int = 80  # the table's columns
    reminder: bool = False  # due: Markdown is the reminder list, under its own heading


def warning(project: Project) -> str:
    broken = project.broken_files()
    if not broken:
        return ""
    return _("cdsplan: warning: {count} file(s) have errors, their unreadable parts are left out ({files}): run `cdsplan check`\n").format(
        count=len(broken), files=", ".join(broken[:3])
    )


def agency_ids(project: Project, queries: tuple[str, ...]) -> list[str]:
    """The ids --agency queries name (each query an id, a name, an abbreviation or an alias)."""
    registry = project.registry
    if registry is None:
        raise UsageError(_("--agency needs the agency registry (plans/agencies.yaml)"))
    ids: list[str] = []
    for query in queries:
        named = [agency.id for agency in registry.find(query)]
        if not named:
            names = [agency.name for agency in registry.by_id.values()]
            raise UsageError(_("no agency matches {query!r}").format(query=query) + did_you_mean(query, names))
        ids += named
    return ids


def query_of(project: Project, question: Question) -> Query:
    for plan in question.plans:
        if plan not in project.plan_ids():
            raise UsageError(_("no plan {id!r}").format(id=plan) + did_you_mean(plan, project.plan_ids()))
    agencies = None
    if question.agencies:
        registry = project.registry
        assert registry is not None  # agency_ids refuses without one
        agencies = asked_agencies(registry, agency_ids(project, question.agencies), question.as_of, include_units=question.include_units)
    plans = frozenset(question.plans) if question.plans else None
    return Query(question.start, question.end, question.as_of, agencies, plans, question.include_done, question.overdue_since)


def find(project: Project, question: Question, states: frozenset[State], *, shared: bool = True) -> tuple[Found, Query]:
    query = query_of(project, question)
    return entries(project.occurrences(), query, project.registry, project.standing, states, shared=shared), query


def summary_report(project: Project, question: Question) -> Output:
    """`cdsplan due --summary`: per agency, the entries `due --include-done` lists, counted."""
    from ..schedule.summary import summarise
    from . import due as formats

    found, _query = find(project, replace(question, include_done=True), DUE_STATES, shared=False)
    counts = summarise(found.entries)
    fmt = question.fmt.removeprefix("summary-")
    heading = _("Per agency: period {start}–{end}, as of {as_of}").format(
        start=formats.vn_date(question.start), end=formats.vn_date(question.end), as_of=formats.vn_date(question.as_of)
    )
    output = formats.summary(counts, project.registry, fmt, heading, question.width)
    return Output.of(output, warning(project), any(count.overdue for count in counts))


def _render(found: Found, query: Query, project: Project, question: Question, heading: str) -> str | bytes:
    from . import due as formats

    if question.fmt == "json":
        return formats.as_json(found.entries)
    if question.fmt == "csv":
        return formats.as_csv(found.entries)
    if question.fmt == "md":
        return formats.markdown(found, query, project.registry, None if question.reminder else heading)
    if question.fmt == "ics":
        return formats.ics(found.entries, query, project.registry)
    if question.fmt == "xlsx":
        from ..progress.sheet import xlsx

        return xlsx(found.entries, heading)
    return formats.table(found, project.registry, question.colour, heading, query, question.width)


def due_report(project: Project, question: Question) -> Output:
    """`cdsplan due`: what falls due in the window and what is overdue, in the chosen format."""
    if question.fmt.startswith("summary-"):
        return summary_report(project, question)
    from .due import vn_date

    question = replace(question, reminder=True)
    found, query = find(project, question, DUE_STATES)
    heading = _("Due {start}–{end} and overdue as of {as_of}").format(
        start=vn_date(question.start), end=vn_date(question.end), as_of=vn_date(question.as_of)
    )
    output = _render(found, query, project, question, heading)
    return Output.of(output, warning(project), any(entry.state == "overdue" for entry in found.entries))


def tasks_report(project: Project, question: Question) -> Output:
    """`cdsplan tasks`: every occurrence with its state for the question."""
    from .due import vn_date

    states = frozenset(state for state in STATES if not question.states or state in question.states)
    found, query = find(project, question, states)
    heading = _("Every task, as of {as_of}").format(as_of=vn_date(question.as_of))
    output = _render(found, query, project, question, heading)
    return Output.of(output, warning(project), any(entry.state == "overdue" for entry in found.entries))
