"""`cdsplan search`: tasks, milestones and targets by their words, best first."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from ..errors import UsageError
from ..i18n import N_, _
from .app import colour, command, emit, project, say


class SearchFormat(str, Enum):
    text = "text"
    json = "json"


@command(
    N_(
        "Find tasks, milestones and targets by words of their titles, notes and agencies, accents and case aside ('du lieu mo', 'lgsp'), best first."
    )
)
def search(
    words: Annotated[list[str], typer.Argument(metavar=N_("WORDS..."), help=N_("The words to look for (all of them must occur)."))],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=10_000, metavar=N_("NUMBER"), help=N_("At most this many results."))
    ] = 20,
    format: Annotated[SearchFormat, typer.Option("--format", "-f", help=N_("Output format."))] = SearchFormat.text,
) -> None:
    from ..console import terminal_width
    from ..reports import search as found
    from ..text import fold

    query = " ".join(words)
    if not fold(query).strip():
        raise UsageError(_("give words to look for, such as `cdsplan search du lieu mo`"))
    result = project().answer("search", (query, limit), lambda p: found.find(p, query, limit), found.Found)
    say(result.warning)
    emit(found.render(result, format.value, colour=colour(), width=terminal_width()), escaped=True)
