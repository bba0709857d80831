"""`cdsplan agencies`: the agency registry, or the agencies a query names."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from ..errors import UsageError
from ..i18n import N_, _
from .app import command, emit, project


class AgenciesFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@command(N_("List the agency registry (id, name, abbreviations, kind, successor) in Vietnamese order, or the agencies a query names."))
def agencies(
    query: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar=N_("[QUERY]..."), help=N_("An id, a name, an abbreviation or words of the name ('y te', 'BTTTT')."), show_default=False
        ),
    ] = None,
    format: Annotated[AgenciesFormat, typer.Option("--format", "-f", help=N_("Output format."))] = AgenciesFormat.table,
) -> None:
    from ..console import terminal_width
    from ..reports.agencies import listed, render

    registry = project().registry
    if registry is None:
        raise UsageError(_("no agency registry: plans/agencies.yaml is missing or unreadable (run `cdsplan check`)"))
    emit(render(listed(registry, " ".join(query or ())), registry, format.value, terminal_width()))
