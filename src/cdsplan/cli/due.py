"""`cdsplan due`: what falls due in a month (or --from/--to) and what is overdue, per agency."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..i18n import N_, _
from .app import (
    AGENCIES,
    AS_OF,
    FROM,
    INCLUDE_UNITS,
    MONTH,
    PATHS,
    PLANS,
    TO,
    YEAR,
    colour,
    command,
    emit,
    parse_date,
    project,
    say,
    window_or_month,
)


class DueFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"
    csv = "csv"
    ics = "ics"
    xlsx = "xlsx"


@command(N_("What falls due in a month (or --from/--to) and what is overdue, per lead agency."))
def due(
    month: MONTH = None,
    year: YEAR = None,
    from_: FROM = None,
    to: TO = None,
    as_of: AS_OF = None,
    agency: AGENCIES = None,
    plan: PLANS = None,
    include_done: Annotated[bool, typer.Option("--include-done", help=N_("List done and cancelled items too."))] = False,
    include_units: INCLUDE_UNITS = False,
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

    today = parse_date(as_of, "--as-of") or date.today()
    start, end = window_or_month(month, year, from_, to, today)
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
