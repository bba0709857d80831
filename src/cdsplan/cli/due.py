"""`cdsplan due`: what falls due in a month (or --from/--to) and what is overdue, per agency."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import UsageError
from ..i18n import _
from .app import app, check_year, colour, emit, parse_date, project, say


class DueFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"
    csv = "csv"
    ics = "ics"
    xlsx = "xlsx"


@app.command()
def due(
    month: Annotated[Optional[int], typer.Option(min=1, max=12, help=_("Month of the window (default: the month of --as-of)."))] = None,
    year: Annotated[Optional[int], typer.Option(help=_("Year of --month (default: the year of --as-of)."))] = None,
    from_: Annotated[Optional[str], typer.Option("--from", help=_("Window start, YYYY-MM-DD (with --to)."))] = None,
    to: Annotated[Optional[str], typer.Option(help=_("Window end, YYYY-MM-DD (with --from)."))] = None,
    as_of: Annotated[Optional[str], typer.Option(help=_("The day to judge overdue by, YYYY-MM-DD (default: today)."))] = None,
    agency: Annotated[
        Optional[list[str]], typer.Option(help=_("Only this agency (repeat for several): id, name, abbreviation or alias ('bo y te')."))
    ] = None,
    plan: Annotated[Optional[list[str]], typer.Option(help=_("Only this plan id (repeat for several)."))] = None,
    include_done: Annotated[bool, typer.Option(help=_("List done and cancelled items too."))] = False,
    include_units: Annotated[
        bool, typer.Option(help=_("With --agency: the agency's units too (a ministry's centres, offices and departments)."))
    ] = False,
    overdue_since: Annotated[
        Optional[str], typer.Option(help=_("Leave out overdue items whose deadline is before this day, YYYY-MM-DD (it says how many)."))
    ] = None,
    summary: Annotated[
        bool, typer.Option("--summary", help=_("Per agency, how many items are overdue, due, in progress and done."))
    ] = False,
    format: Annotated[DueFormat, typer.Option("--format", "-f")] = DueFormat.table,
    fail_on_overdue: Annotated[bool, typer.Option(help=_("Exit 1 when anything is overdue (scheduled reminders in CI)."))] = False,
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help=_("Write to this file instead of standard output (an XLSX sheet or a calendar, say).")),
    ] = None,
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
        start, end = month_window(check_year(year) or today.year, month or today.month)
    question = Question(
        start,
        end,
        today,
        tuple(agency or ()),
        tuple(plan or ()),
        include_done,
        include_units,
        parse_date(overdue_since, "--overdue-since"),
        "summary-" + format.value if summary else format.value,
        colour(),
    )
    answer = project(paths).answer("due", (question,), lambda p: due_report(p, question), Output)
    say(answer.warning)
    if output is not None:
        from ..files import display, write_output

        payload = answer.payload
        write_output(output, payload.encode("utf-8") if isinstance(payload, str) else payload, default_name=f"den-han.{format.value}")
        say(_("cdsplan: wrote {path}\n").format(path=display(output)))
    else:
        emit(answer.payload, escaped=question.colour)
    if fail_on_overdue and answer.overdue:
        raise typer.Exit(1)
