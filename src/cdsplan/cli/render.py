"""`cdsplan render`: a plan, or a year's plans, as Markdown or a Word document, from templates."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..i18n import N_, _
from .app import AS_OF, command, emit, parse_date, say, settings


class RenderFormat(str, Enum):
    md = "md"
    docx = "docx"


@command(N_("Render a plan, or a year's plans, as Markdown or a Word document (DOCX) from templates/."), "render")
def render_command(
    target: Annotated[
        str, typer.Argument(metavar=N_("TARGET"), help=N_("A plan id, a plan file, a year (every plan of plans/<year>/) or a folder."))
    ],
    template: Annotated[
        Optional[str],
        typer.Option("--template", "-t", help=N_("A template of templates/ (plan, summary, plan.docx) or the path of your own.")),
    ] = None,
    format: Annotated[
        Optional[RenderFormat],
        typer.Option("--format", "-f", help=N_("md or docx (default: the template's kind, else -o's extension, else md).")),
    ] = None,
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help=N_("The file to write (default: Markdown to standard output, DOCX to <plan-id>.docx).")),
    ] = None,
    as_of: AS_OF = None,
) -> None:
    from ..files import display
    from ..render.documents import render

    result = render(
        target,
        template=template,
        fmt=format.value if format else None,
        output=output,
        as_of=parse_date(as_of, "--as-of") or date.today(),
        settings=settings(),
    )
    if result.text is not None:
        emit(result.text)
    for path in result.written:
        say(_("cdsplan: wrote {path}\n").format(path=display(path)))
