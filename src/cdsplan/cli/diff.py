"""`cdsplan diff`: what changed in the plans between git revisions."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from ..i18n import N_
from .app import colour, command, emit, settings


class DiffFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"


@command(N_("What changed in the plans between git revisions: tasks added, removed, re-worded, re-assigned, deadlines moved."))
def diff(
    args: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar=N_("[REV_A] [REV_B] [PATH]..."),
            help=N_(
                "Revisions (default: HEAD against the working tree; one revision: it against the working tree), then plan files or folders (default: the project's plans/)."
            ),
        ),
    ] = None,
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help=N_("Output format."))] = DiffFormat.text,
) -> None:
    from ..history.diff import diff as compare_revisions
    from ..reports.diff import render

    result = compare_revisions(args or [], settings=settings())
    emit(render(result, format.value, colour=colour()), escaped=colour())
