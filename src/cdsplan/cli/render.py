"""`cdsplan render`: a plan as it was issued, or the progress report, as Markdown or a Word document."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..i18n import N_, _
from .app import AGENCIES, AS_OF, FROM, INCLUDE_UNITS, MONTH, TO, YEAR, command, emit, parse_date, say, settings, window_of


class RenderFormat(str, Enum):
    md = "md"
    docx = "docx"


@command(
    N_("Render a plan as it was issued, or the progress report (--template report), as Markdown or a Word document (DOCX)."),
    "render",
)
def render_command(
    target: Annotated[
        Optional[str],
        typer.Argument(
            metavar=N_("[TARGET]"),
            help=N_("A plan id, a plan file, a year (every plan of plans/<year>/) or a folder (default: every plan)."),
        ),
    ] = None,
    template: Annotated[
        Optional[str],
        typer.Option("--template", "-t", help=N_("A template of templates/ (plan, report, plan.docx) or the path of your own.")),
    ] = None,
    format: Annotated[
        Optional[RenderFormat],
        typer.Option("--format", "-f", help=N_("md or docx (default: the template's kind, else -o's extension, else md).")),
    ] = None,
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            metavar=N_("FILE"),
            help=N_("The file to write (default: Markdown to standard output, DOCX to <plan-id>.docx)."),
        ),
    ] = None,
    as_of: AS_OF = None,
    month: MONTH = None,
    year: YEAR = None,
    from_: FROM = None,
    to: TO = None,
    agency: AGENCIES = None,
    include_units: INCLUDE_UNITS = False,
) -> None:
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
