"""`cdsplan schema`: the JSON Schema of plan files (or of the registry), for editors."""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import N_
from .app import command, emit


@command(N_("Print the JSON Schema of plan files, for editors (yaml-language-server) and other tools."))
def schema(
    registry: Annotated[bool, typer.Option("--registry", help=N_("The schema of plans/agencies.yaml instead."))] = False,
    progress: Annotated[
        bool, typer.Option("--progress", help=N_("The schema of progress files (progress/<year>/<agency>.yaml) instead."))
    ] = False,
) -> None:
    from ..model.schema import json_schema

    emit(json_schema("registry" if registry else "progress" if progress else "plan"))
