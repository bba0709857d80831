"""`cdsplan render`: a plan, or a year's plans, as Markdown or a Word document, from templates."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..i18n import _
from .app import app, emit, parse_date, say, settings


class RenderFormat(str, Enum):
    md = "md"
    docx = "docx"


@app.command("render")
def render_command(
    target: Annotated[str, typer.Argument(help=_("A plan id, a plan file, a year (every plan of plans/<year>/) or a folder."))],
    template: Annotated[
        Optional[str],
        typer.Option("--template", "-t", help=_("A template of templates/ (plan, summary, plan.docx) or the path of your own.")),
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
) -> None:
    """Render a plan, or a year's plans, as Markdown or a Word document (DOCX) from templates/."""
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
