"""`cdsplan due`: what falls due in a month (or --from/--to) and what is overdue, per agency."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import UsageError
from ..i18n import N_, _
from .app import AGENCIES, AS_OF, PATHS, PLANS, check_year, colour, command, emit, parse_date, project, say


class DueFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"
    csv = "csv"
    ics = "ics"
    xlsx = "xlsx"


@command(N_("What falls due in a month (or --from/--to) and what is overdue, per lead agency."))
def due(
    month: Annotated[
        Optional[int],
        typer.Option("--month", min=1, max=12, metavar=N_("MONTH"), help=N_("Month of the window (default: the month of --as-of).")),
    ] = None,
    year: Annotated[
        Optional[int], typer.Option("--year", metavar=N_("YEAR"), help=N_("Year of --month (default: the year of --as-of)."))
    ] = None,
    from_: Annotated[
        Optional[str], typer.Option("--from", metavar=N_("DAY"), help=N_("Window start, 30/09/2023 or 2023-09-30 (with --to)."))
    ] = None,
    to: Annotated[
        Optional[str], typer.Option("--to", metavar=N_("DAY"), help=N_("Window end, 30/09/2023 or 2023-09-30 (with --from)."))
    ] = None,
    as_of: AS_OF = None,
    agency: AGENCIES = None,
    plan: PLANS = None,
    include_done: Annotated[bool, typer.Option("--include-done", help=N_("List done and cancelled items too."))] = False,
    include_units: Annotated[
        bool,
        typer.Option("--include-units", help=N_("With --agency: the agency's units too (a ministry's centres, offices and departments).")),
    ] = False,
    overdue_since: Annotated[
        Optional[str],
        typer.Option(
            "--overdue-since", metavar=N_("DAY"), help=N_("Leave out overdue items whose deadline is before this day (it says how many).")
        ),
    ] = None,
    summary: Annotated[
        bool, typer.Option("--summary", help=N_("Per agency, how many items are overdue, due, in progress and done."))
    ] = False,
    format: Annotated[DueFormat, typer.Option("--format", "-f", help=N_("Output format."))] = DueFormat.table,
    fail_on_overdue: Annotated[
        bool, typer.Option("--fail-on-overdue", help=N_("Exit 1 when anything is overdue (scheduled reminders in CI)."))
    ] = False,
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            metavar=N_("FILE"),
            help=N_("Write to this file instead of standard output (an XLSX sheet or a calendar, say)."),
        ),
    ] = None,
    paths: PATHS = None,
) -> None:
    from ..console import terminal_width
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
        width=terminal_width(),
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
