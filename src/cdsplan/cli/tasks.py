"""`cdsplan tasks`: every task, milestone and target occurrence with its window and state."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..i18n import _
from .app import app, colour, emit, parse_date, project, say


class TasksFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
def tasks(
    paths: Annotated[Optional[list[Path]], typer.Argument(help=_("Plan files or folders (default: the project's plans/)."))] = None,
    agency: Annotated[Optional[str], typer.Option(help=_("Only this agency: id, name, abbreviation or alias."))] = None,
    as_of: Annotated[Optional[str], typer.Option(help=_("The day states are judged by, YYYY-MM-DD (default: today)."))] = None,
    format: Annotated[TasksFormat, typer.Option("--format", "-f")] = TasksFormat.table,
) -> None:
    """Every task, milestone and target occurrence with its resolved window, whatever its date."""
    from ..reports.answers import Output, Question, tasks_report
    from ..schedule.due import month_window

    today = parse_date(as_of, "--as-of") or date.today()
    start, end = month_window(today.year, today.month)
    question = Question(start, end, today, (agency,) if agency else (), (), True, fmt=format.value, colour=colour())
    answer = project(paths).answer("tasks", (question,), lambda p: tasks_report(p, question), Output)
    say(answer.warning)
    emit(answer.payload, escaped=question.colour)
