"""`cdsplan check`: every problem of every plan file, as file:line:col, in one run."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..i18n import _
from .app import app, colour, emit, project


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


@app.command()
def check(
    paths: Annotated[Optional[list[Path]], typer.Argument(help=_("Plan files or folders (default: the project's plans/)."))] = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help=_("Output format."))] = CheckFormat.text,
    strict: Annotated[bool, typer.Option(help=_("Warnings fail too."))] = False,
) -> None:
    """Validate plans: every problem as file:line:col, exit 1 when there are any."""
    from ..reports.check import render

    result = project(paths).check()
    emit(render(result, format.value, colour=colour()), escaped=colour())
    raise typer.Exit(result.exit_code(strict))
