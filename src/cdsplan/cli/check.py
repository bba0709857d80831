"""`cdsplan check`: every problem of every plan file, as file:line:col, in one run."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from ..i18n import N_
from .app import PATHS, colour, command, emit, project


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


@command(N_("Validate plans: every problem as file:line:col, exit 1 when there are any."))
def check(
    paths: PATHS = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help=N_("Output format."))] = CheckFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help=N_("Warnings fail too."))] = False,
) -> None:
    from ..reports.check import render

    result = project(paths).check()
    emit(render(result, format.value, colour=colour()), escaped=colour())
    raise typer.Exit(result.exit_code(strict))
