"""`due` and `tasks` as answers of a Project: entries found, then rendered in the chosen format.

Their output is a pure function of the files, cdsplan's code and the question (with "today"
resolved), so the Project keeps it in the cache like any other result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import msgspec

from ..errors import UsageError
from ..i18n import _
from ..project import Project
from ..schedule.due import DUE_STATES, STATES, Entry, Query, entries
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
    agency: str | None = None
    plan: str | None = None
    include_done: bool = False
    fmt: str = "table"
    colour: bool = False


def _warning(project: Project) -> str:
    broken = project.broken_files()
    if not broken:
        return ""
    return _("cdsplan: warning: {count} file(s) have errors, their unreadable parts are left out ({files}): run `cdsplan check`\n").format(
        count=len(broken), files=", ".join(broken[:3])
    )


def agency_ids(project: Project, query: str | None) -> frozenset[str] | None:
    """The ids an --agency query names (None: every agency)."""
    if query is None:
        return None
    registry = project.registry
    if registry is None:
        raise UsageError(_("--agency needs the agency registry (plans/agencies.yaml)"))
    ids = frozenset(agency.id for agency in registry.find(query))
    if not ids:
        names = [agency.name for agency in registry.by_id.values()]
        raise UsageError(_("no agency matches {query!r}").format(query=query) + did_you_mean(query, names))
    return ids


def _entries(project: Project, question: Question, states: frozenset[str]) -> tuple[list[Entry], Query]:
    if question.plan is not None and question.plan not in project.plan_ids():
        raise UsageError(_("no plan {id!r}").format(id=question.plan) + did_you_mean(question.plan, project.plan_ids()))
    query = Query(question.start, question.end, question.as_of, agency_ids(project, question.agency), question.plan, question.include_done)
    return entries(project.occurrences(), query, project.registry, states), query  # type: ignore[arg-type]


def _render(found: list[Entry], query: Query, project: Project, question: Question, heading: str) -> str | bytes:
    from . import due as formats

    if question.fmt == "json":
        return formats.as_json(found)
    if question.fmt == "csv":
        return formats.as_csv(found)
    if question.fmt == "md":
        return formats.markdown(found, query, project.registry)
    if question.fmt == "ics":
        return formats.ics(found, query, project.registry)
    return formats.table(found, project.registry, question.colour, heading)


def due_report(project: Project, question: Question) -> Output:
    """`cdsplan due`: what falls due in the window and what is overdue, in the chosen format."""
    found, query = _entries(project, question, DUE_STATES)
    heading = f"Đến hạn {question.start:%d/%m/%Y}–{question.end:%d/%m/%Y} và quá hạn tính đến {question.as_of:%d/%m/%Y}"
    output = _render(found, query, project, question, heading)
    return Output.of(output, _warning(project), any(entry.state == "overdue" for entry in found))


def tasks_report(project: Project, question: Question) -> Output:
    """`cdsplan tasks`: every occurrence with its state for the question."""
    found, query = _entries(project, question, frozenset(STATES))
    heading = f"Tất cả nhiệm vụ, tình hình tính đến {question.as_of:%d/%m/%Y}"
    output = _render(found, query, project, question, heading)
    return Output.of(output, _warning(project), any(entry.state == "overdue" for entry in found))
