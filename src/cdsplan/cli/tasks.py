"""`cdsplan tasks`: every task, milestone and target occurrence with its window and state."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Optional

import typer

from ..i18n import N_
from .app import AGENCIES, AS_OF, PATHS, PLANS, colour, command, emit, parse_date, project, say


class TasksFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"
    csv = "csv"
    ics = "ics"


class State(str, Enum):
    overdue = "overdue"
    due = "due"
    upcoming = "upcoming"
    ongoing = "ongoing"
    later = "later"
    undated = "undated"
    done = "done"


@command(N_("Every task, milestone and target occurrence with its resolved window and state, whatever its date."))
def tasks(
    paths: PATHS = None,
    agency: AGENCIES = None,
    plan: PLANS = None,
    state: Annotated[
        Optional[list[State]],
        typer.Option(
            "--state",
            help=N_("Only items in this state on --as-of (repeat for several); 'due' is due in the month of --as-of."),
        ),
    ] = None,
    as_of: AS_OF = None,
    format: Annotated[TasksFormat, typer.Option("--format", "-f", help=N_("Output format."))] = TasksFormat.table,
) -> None:
    from ..console import terminal_width
    from ..reports.answers import Output, Question, tasks_report
    from ..schedule.due import month_window

    today = parse_date(as_of, "--as-of") or date.today()
    start, end = month_window(today.year, today.month)
    question = Question(
        start,
        end,
        today,
        tuple(agency or ()),
        tuple(plan or ()),
        True,
        fmt=format.value,
        colour=colour(),
        states=tuple(chosen.value for chosen in state or ()),
        width=terminal_width(),
    )
    answer = project(paths).answer("tasks", (question,), lambda p: tasks_report(p, question), Output)
    say(answer.warning)
    emit(answer.payload, escaped=question.colour)
