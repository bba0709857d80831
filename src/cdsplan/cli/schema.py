"""`cdsplan schema`: the JSON Schema of plan files (or of the registry), for editors."""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import _
from .app import app, emit


@app.command()
def schema(
    registry: Annotated[bool, typer.Option("--registry", help=_("The schema of plans/agencies.yaml instead."))] = False,
    progress: Annotated[
        bool, typer.Option("--progress", help=_("The schema of progress files (progress/<year>/<agency>.yaml) instead."))
    ] = False,
) -> None:
    """Print the JSON Schema of plan files, for editors (yaml-language-server) and other tools."""
    from ..model.schema import json_schema

    emit(json_schema("registry" if registry else "progress" if progress else "plan"))
