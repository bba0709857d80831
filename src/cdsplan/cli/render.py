"""`cdsplan render`: a plan as issued, or the progress report, as Markdown or a Word document."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import UsageError
from ..i18n import _
from .app import app, check_year, emit, parse_date, say, settings


class RenderFormat(str, Enum):
    md = "md"
    docx = "docx"


def window_of(month: int | None, year: int | None, from_: str | None, to: str | None, today: date) -> tuple[date, date] | None:
    """The window of --month/--year or --from/--to, as `cdsplan due` reads them; None when
    neither is given."""
    from ..schedule.due import month_window

    if from_ or to:
        if month or year:
            raise UsageError(_("give either --month/--year or --from/--to, not both"))
        start, end = parse_date(from_, "--from"), parse_date(to, "--to")
        if start is None or end is None:
            raise UsageError(_("--from and --to go together"))
        if end < start:
            raise UsageError(_("--to {end} is before --from {start}").format(end=end, start=start))
        return start, end
    if month is None and year is None:
        return None
    return month_window(check_year(year) or today.year, month or today.month)


@app.command("render")
def render_command(
    target: Annotated[
        Optional[str],
        typer.Argument(help=_("A plan id, a plan file, a year (every plan of plans/<year>/) or a folder (default: every plan).")),
    ] = None,
    template: Annotated[
        Optional[str],
        typer.Option("--template", "-t", help=_("A template of templates/ (plan, report, plan.docx) or the path of your own.")),
    ] = None,
    format: Annotated[
        Optional[RenderFormat],
        typer.Option("--format", "-f", help=_("md or docx (default: the template's kind, else -o's extension, else md).")),
    ] = None,
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help=_("The file to write (default: Markdown to standard output, DOCX to <plan-id>.docx).")),
    ] = None,
    as_of: Annotated[Optional[str], typer.Option(help=_("The day progress is judged by, YYYY-MM-DD (default: today)."))] = None,
    month: Annotated[
        Optional[int], typer.Option(min=1, max=12, help=_("The report's month (default: the month of --as-of), as `due` takes it."))
    ] = None,
    year: Annotated[Optional[int], typer.Option(help=_("Year of --month (default: the year of --as-of)."))] = None,
    from_: Annotated[Optional[str], typer.Option("--from", help=_("The report's window start, YYYY-MM-DD (with --to)."))] = None,
    to: Annotated[Optional[str], typer.Option(help=_("The report's window end, YYYY-MM-DD (with --from)."))] = None,
    agency: Annotated[
        Optional[list[str]],
        typer.Option(help=_("The report is about this agency (repeat for several): id, name, abbreviation or alias.")),
    ] = None,
    include_units: Annotated[bool, typer.Option(help=_("With --agency: the agency's units too."))] = False,
) -> None:
    """Render a plan as it was issued, or the progress report (--template report), as Markdown or a Word document (DOCX)."""
    from ..files import display
    from ..render.documents import render

    today = parse_date(as_of, "--as-of") or date.today()
    result = render(
        target,
        template=template,
        fmt=format.value if format else None,
        output=output,
        as_of=today,
        window=window_of(month, year, from_, to, today),
        agencies=tuple(agency or ()),
        include_units=include_units,
        settings=settings(),
    )
    if result.text is not None:
        emit(result.text)
    for path in result.written:
        say(_("cdsplan: wrote {path}\n").format(path=display(path)))
