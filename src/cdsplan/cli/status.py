"""`cdsplan status`: record an agency's progress in its own file (progress/<year>/<agency>.yaml)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import UsageError
from ..i18n import N_, _
from .app import AGENCY, command, emit, parse_date, project, settings

STATES = ("planned", "in_progress", "done", "cancelled")


@command(N_("Record progress: appends a record to the agency's own file, checked first, atomically."))
def status(
    ref: Annotated[
        Optional[str],
        typer.Argument(
            metavar=N_("[ITEM]"),
            help=N_("The item: plan#task or plan#target (btttt-ndcds-2024#III.1.1), or its id alone when only one plan has it."),
        ),
    ] = None,
    state: Annotated[
        Optional[str],
        typer.Argument(metavar=N_("[STATE]"), help=N_("planned, in_progress, done or cancelled (a target may take --value alone).")),
    ] = None,
    agency: AGENCY = None,
    occurrence: Annotated[
        Optional[str],
        typer.Option(
            help=N_("Which occurrence of a recurring item: 2024, 2024-Q3, 2024-H1, 2024-09 (default: the one whose window holds --on).")
        ),
    ] = None,
    milestone: Annotated[Optional[int], typer.Option(min=1, help=N_("A milestone of the task, by its number (1 for the first)."))] = None,
    on: Annotated[
        Optional[str],
        typer.Option("--on", metavar=N_("DAY"), help=N_("The day it was reached, 30/09/2023 or 2023-09-30 (default: today).")),
    ] = None,
    note: Annotated[Optional[str], typer.Option("--note", help=N_("A short note kept with the record."))] = None,
    evidence: Annotated[
        Optional[list[str]], typer.Option("--evidence", help=N_("A report's number and date, or a link (repeat for several)."))
    ] = None,
    value: Annotated[Optional[float], typer.Option("--value", help=N_("A target's achieved value."))] = None,
    measure: Annotated[Optional[int], typer.Option(min=1, help=N_("Which measure of the target --value is for (default: 1)."))] = None,
    plan: Annotated[
        Optional[str],
        typer.Option("--plan", help=N_("With --agency and a state, and no item: every open item of this plan that the agency holds.")),
    ] = None,
    import_: Annotated[
        Optional[Path],
        typer.Option(
            "--import",
            help=N_(
                "A filled-in sheet (CSV or XLSX, as `cdsplan due --format xlsx` writes it): every row checked first, then all written or nothing."
            ),
        ),
    ] = None,
    migrate: Annotated[
        bool,
        typer.Option(
            "--migrate", help=N_("Move the `status:` blocks of the plan files into progress records (the plans change only there).")
        ),
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=N_("Print the unified diff that would be written; write nothing."))] = False,
) -> None:
    from ..progress import status as recording

    current = settings()
    today = date.today()
    day = parse_date(on, "--on")
    if migrate:
        from ..progress.migrate import migrate as run_migration

        result = run_migration(current, dry_run=dry_run)
    elif import_ is not None:
        from ..progress.sheet import import_sheet

        result = import_sheet(current, import_, today=today, dry_run=dry_run)
    elif plan is not None and ref is not None and state is None and ref in STATES:
        if agency is None:
            raise UsageError(_("--plan records for one agency: give --agency"))
        tree = project(current=current)
        changes = recording.bulk_changes(tree, plan, agency, ref, on=day or today, note=note, evidence=tuple(evidence or ()))
        result = recording.write_changes(current, tree, changes, dry_run=dry_run)
    elif ref is None:
        raise UsageError(_("give the item (plan#task) and the state, --plan with --agency and a state, --import FILE, or --migrate"))
    else:
        request = recording.Request(ref, state, agency, occurrence, milestone, day, note, tuple(evidence or ()), value, measure)
        result = recording.record(current, [request], today=today, dry_run=dry_run)
    if dry_run:
        emit(result.diff)
    emit(result.summary())
