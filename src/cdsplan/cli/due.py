"""`cdsplan due`: what falls due in a month (or --from/--to) and what is overdue, per agency."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import UsageError
from ..i18n import _
from .app import app, colour, emit, parse_date, project


class DueFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"
    csv = "csv"
    ics = "ics"


@app.command()
def due(
    month: Annotated[Optional[int], typer.Option(min=1, max=12, help=_("Month of the window (default: the month of --as-of)."))] = None,
    year: Annotated[Optional[int], typer.Option(help=_("Year of --month (default: the year of --as-of)."))] = None,
    from_: Annotated[Optional[str], typer.Option("--from", help=_("Window start, YYYY-MM-DD (with --to)."))] = None,
    to: Annotated[Optional[str], typer.Option(help=_("Window end, YYYY-MM-DD (with --from)."))] = None,
    as_of: Annotated[Optional[str], typer.Option(help=_("The day to judge overdue by, YYYY-MM-DD (default: today)."))] = None,
    agency: Annotated[Optional[str], typer.Option(help=_("Only this agency: id, name, abbreviation or alias ('bo y te')."))] = None,
    plan: Annotated[Optional[str], typer.Option(help=_("Only this plan id."))] = None,
    include_done: Annotated[bool, typer.Option(help=_("List done and cancelled items too."))] = False,
    format: Annotated[DueFormat, typer.Option("--format", "-f")] = DueFormat.table,
    fail_on_overdue: Annotated[bool, typer.Option(help=_("Exit 1 when anything is overdue (scheduled reminders in CI)."))] = False,
    paths: Annotated[Optional[list[Path]], typer.Argument(help=_("Plan files or folders (default: the project's plans/)."))] = None,
) -> None:
    """What falls due in a month (or --from/--to) and what is overdue, per lead agency."""
    from ..reports.answers import Output, Question, due_report
    from ..schedule.due import month_window

    today = parse_date(as_of, "--as-of") or date.today()
    if from_ or to:
        if month or year:
            raise UsageError(_("give either --month/--year or --from/--to, not both"))
        start, end = parse_date(from_, "--from"), parse_date(to, "--to")
        if start is None or end is None:
            raise UsageError(_("--from and --to go together"))
        if end < start:
            raise UsageError(_("--to {end} is before --from {start}").format(end=end, start=start))
    else:
        start, end = month_window(year or today.year, month or today.month)
    question = Question(start, end, today, agency, plan, include_done, format.value, colour())
    answer = project(paths).answer("due", (question,), lambda p: due_report(p, question), Output)
    sys.stderr.write(answer.warning)
    emit(answer.payload)
    if fail_on_overdue and answer.overdue:
        raise typer.Exit(1)
