"""`cdsplan status`: record progress."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from typing import Annotated, Optional

import typer

from ..i18n import _
from .app import app, parse_date, settings


class State(str, Enum):
    planned = "planned"
    in_progress = "in_progress"
    done = "done"
    cancelled = "cancelled"


@app.command()
def status(
    ref: Annotated[str, typer.Argument(help=_("The task: plan#task (btttt-ndcds-2024#III.1.1), or a task id alone when only one plan has it."))],
    state: Annotated[State, typer.Argument(help=_("The new state."))],
    on: Annotated[Optional[str], typer.Option("--on", help=_("The day the state was reached, YYYY-MM-DD (default: today)."))] = None,
    note: Annotated[Optional[str], typer.Option("--note", help=_("A short note kept with the status (without one, an older note is dropped)."))] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=_("Print the unified diff that would be written; write nothing."))] = False,
) -> None:
    """Record a task's progress in its plan file: only its status lines change, atomically."""
    from ..progress.status import set_status

    result = set_status(settings(), ref, state.value, today=date.today(), on=parse_date(on, "--on"), note=note, dry_run=dry_run)
    sys.stdout.write(result.diff if dry_run and result.diff else result.summary() + "\n")
