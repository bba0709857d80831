"""The command line: parses flags, calls the library, prints. Nothing else lives here.

Library modules are imported inside each command so that `cdsplan --help`
and `cdsplan check` load only what they use.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import CdsplanError, UsageError

app = typer.Typer(
    name="cdsplan",
    help="Vietnam's digital-transformation plans (chuyển đổi số) as YAML in git.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


def _colour() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _settings():
    from .config import find_settings

    return find_settings()


def _cache(settings):
    from .cache import CACHE_DIR, FileCache

    return FileCache(settings.root / CACHE_DIR) if settings.cache else None


def _paths(paths: list[Path] | None, settings) -> list[Path]:
    if paths:
        return paths
    if not settings.plans.is_dir():
        raise UsageError(f"no plans folder at {settings.plans}: pass a path, or set `plans` under [tool.cdsplan] in pyproject.toml")
    return [settings.plans]


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} {value!r}: write the date as YYYY-MM-DD, e.g. 2024-09-15") from None


@app.command()
def check(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Plan files or folders (default: the project's plans/).")] = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat.text,
    strict: Annotated[bool, typer.Option(help="Warnings fail too.")] = False,
) -> None:
    """Validate plans: every problem as file:line:col, exit 1 when there are any."""
    from .check import check as run_check
    from .reporters import render

    settings = _settings()
    result = run_check(
        _paths(paths, settings), before_inclusive=settings.before_inclusive, max_file_mb=settings.max_file_mb, cache=_cache(settings)
    )
    sys.stdout.write(render(result, format.value, colour=_colour()))
    raise typer.Exit(result.exit_code(strict))


@app.command()
def schema(
    registry: Annotated[bool, typer.Option("--registry", help="The schema of plans/agencies.yaml instead.")] = False,
) -> None:
    """Print the JSON Schema of plan files, for editors (yaml-language-server) and other tools."""
    from .schema import json_schema

    sys.stdout.write(json_schema(registry=registry))


@app.command()
def when(
    text: Annotated[str, typer.Argument(help="A deadline as a plan writes it, e.g. 'trước ngày 15/9/2024'.")],
    year: Annotated[Optional[str], typer.Option(help="The plan's year (2023) or period (2023-2025), for texts without a year (default: this year).")] = None,
    format: Annotated[TextOrJson, typer.Option("--format", "-f")] = TextOrJson.text,
) -> None:
    """Explain how a deadline text is read: its windows, and days off it falls on."""
    from .deadlines import DeadlineError
    from .deadlines.explain import explain_when
    from .model import PERIOD

    settings = _settings()
    first = last = date.today().year
    if year is not None:
        span = PERIOD.match(year) or PERIOD.match(f"{year}-{year}")
        if span is None:
            raise UsageError(f"--year {year!r}: write a year (2023) or a period (2023-2025)")
        first, last = int(span[1]), int(span[2])
    try:
        shown = explain_when(text, first, last, format.value, before_inclusive=settings.before_inclusive)
    except DeadlineError as exc:
        raise UsageError(f"cannot read {text!r}: {exc}") from None
    sys.stdout.write(shown)


class DueFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"
    csv = "csv"
    ics = "ics"


class TasksFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def _emit(payload: str | bytes) -> None:
    if isinstance(payload, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
    else:
        sys.stdout.write(payload)


@app.command()
def due(
    month: Annotated[Optional[int], typer.Option(min=1, max=12, help="Month of the window (default: the month of --as-of).")] = None,
    year: Annotated[Optional[int], typer.Option(help="Year of --month (default: the year of --as-of).")] = None,
    from_: Annotated[Optional[str], typer.Option("--from", help="Window start, YYYY-MM-DD (with --to).")] = None,
    to: Annotated[Optional[str], typer.Option(help="Window end, YYYY-MM-DD (with --from).")] = None,
    as_of: Annotated[Optional[str], typer.Option(help="The day to judge overdue by, YYYY-MM-DD (default: today).")] = None,
    agency: Annotated[Optional[str], typer.Option(help="Only this agency: id, name, abbreviation or alias ('bo y te').")] = None,
    plan: Annotated[Optional[str], typer.Option(help="Only this plan id.")] = None,
    include_done: Annotated[bool, typer.Option(help="List done and cancelled items too.")] = False,
    format: Annotated[DueFormat, typer.Option("--format", "-f")] = DueFormat.table,
    fail_on_overdue: Annotated[bool, typer.Option(help="Exit 1 when anything is overdue (scheduled reminders in CI).")] = False,
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Plan files or folders (default: the project's plans/).")] = None,
) -> None:
    """What falls due in a month (or --from/--to) and what is overdue, per lead agency."""
    from .due import month_window
    from .report import due_report

    settings = _settings()
    today = _parse_date(as_of, "--as-of") or date.today()
    if from_ or to:
        if month or year:
            raise UsageError("give either --month/--year or --from/--to, not both")
        start, end = _parse_date(from_, "--from"), _parse_date(to, "--to")
        if start is None or end is None:
            raise UsageError("--from and --to go together")
        if end < start:
            raise UsageError(f"--to {end} is before --from {start}")
    else:
        start, end = month_window(year or today.year, month or today.month)
    question = (start, end, today, agency, plan, include_done, format.value, _colour())
    overdue = _report("due", question, partial(due_report, start=start, end=end, as_of=today, agency=agency, plan=plan,
                                             include_done=include_done, fmt=format.value, colour=_colour()), paths, settings)
    if fail_on_overdue and overdue:
        raise typer.Exit(1)


def _report(name: str, question: tuple, make, paths: list[Path] | None, settings) -> bool:
    """Print a report (from the cache when the plans and the question are unchanged); True if anything is overdue."""
    from .report import cached_report

    output, warnings, overdue = cached_report(
        name, question, make, _paths(paths, settings),
        before_inclusive=settings.before_inclusive, max_file_mb=settings.max_file_mb, cache=_cache(settings),
    )
    sys.stderr.write(warnings)
    _emit(output)
    return overdue


@app.command()
def tasks(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Plan files or folders (default: the project's plans/).")] = None,
    agency: Annotated[Optional[str], typer.Option(help="Only this agency: id, name, abbreviation or alias.")] = None,
    as_of: Annotated[Optional[str], typer.Option(help="The day states are judged by, YYYY-MM-DD (default: today).")] = None,
    format: Annotated[TasksFormat, typer.Option("--format", "-f")] = TasksFormat.table,
) -> None:
    """Every task, milestone and target occurrence with its resolved window, whatever its date."""
    from .report import tasks_report

    settings = _settings()
    today = _parse_date(as_of, "--as-of") or date.today()
    question = (today, agency, format.value, _colour())
    _report("tasks", question, partial(tasks_report, as_of=today, agency=agency, fmt=format.value, colour=_colour()), paths, settings)


class RenderFormat(str, Enum):
    md = "md"
    docx = "docx"


@app.command("render")
def render_command(
    target: Annotated[str, typer.Argument(help="A plan id, a plan file, a year (every plan of plans/<year>/) or a folder.")],
    template: Annotated[Optional[str], typer.Option("--template", "-t", help="A template of templates/ (plan, summary, plan.docx) or the path of your own.")] = None,
    format: Annotated[Optional[RenderFormat], typer.Option("--format", "-f", help="md or docx (default: the template's kind, else -o's extension, else md).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="The file to write (default: Markdown to standard output, DOCX to <plan-id>.docx).")] = None,
    as_of: Annotated[Optional[str], typer.Option(help="The day progress is judged by, YYYY-MM-DD (default: today).")] = None,
) -> None:
    """Render a plan, or a year's plans, as Markdown or a Word document (DOCX) from templates/."""
    from .sources import display
    from .render import render

    settings = _settings()
    result = render(
        target, template=template, fmt=format.value if format else None, output=output,
        as_of=_parse_date(as_of, "--as-of") or date.today(), settings=settings,
    )
    if result.text is not None:
        _emit(result.text)
    for path in result.written:
        sys.stderr.write(f"cdsplan: wrote {display(path)}\n")


class State(str, Enum):
    planned = "planned"
    in_progress = "in_progress"
    done = "done"
    cancelled = "cancelled"


@app.command()
def status(
    ref: Annotated[str, typer.Argument(help="The task: plan#task (btttt-ndcds-2024#III.1.1), or a task id alone when only one plan has it.")],
    state: Annotated[State, typer.Argument(help="The new state.")],
    on: Annotated[Optional[str], typer.Option("--on", help="The day the state was reached, YYYY-MM-DD (default: today).")] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="A short note kept with the status (without one, an older note is dropped).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the unified diff that would be written; write nothing.")] = False,
) -> None:
    """Record a task's progress in its plan file: only its status lines change, atomically."""
    from .status import set_status

    settings = _settings()
    result = set_status(
        _paths(None, settings), ref, state.value,
        today=date.today(), on=_parse_date(on, "--on"), note=note, dry_run=dry_run,
        before_inclusive=settings.before_inclusive, max_file_mb=settings.max_file_mb, cache=_cache(settings),
    )
    sys.stdout.write(result.diff if dry_run and result.diff else result.summary() + "\n")


class DiffFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"


@app.command()
def diff(
    args: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="[REV_A] [REV_B] [PATH]...",
            help="Revisions (default: HEAD against the working tree; one revision: it against the working tree), then plan files or folders (default: the project's plans/).",
        ),
    ] = None,
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = DiffFormat.text,
) -> None:
    """What changed in the plans between git revisions: tasks added, removed, re-worded, re-assigned, deadlines moved."""
    from .history import diff as compare_revisions
    from .history_formats import render

    settings = _settings()
    result = compare_revisions(
        args or [], default_paths=[settings.plans], before_inclusive=settings.before_inclusive, max_file_mb=settings.max_file_mb
    )
    sys.stdout.write(render(result, format.value, colour=_colour()))


def main() -> None:
    """Entry point: the one place where errors become messages and exit codes."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            stream.reconfigure(encoding="utf-8")
    try:
        code = app(standalone_mode=False)  # click returns typer.Exit's code instead of exiting
    except CdsplanError as exc:
        sys.stderr.write(f"cdsplan: error: {exc}\n")
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("cdsplan: interrupted\n")
        sys.exit(130)
    except typer.Abort:
        sys.exit(1)
    except Exception as exc:  # the last-resort boundary: no traceback reaches a user
        # typer's (vendored) click usage errors know how to show themselves, and exit 2
        if isinstance(exc, typer.TyperException) and callable(getattr(exc, "show", None)):
            exc.show()
            sys.exit(getattr(exc, "exit_code", 2))
        if os.environ.get("CDSPLAN_DEBUG"):
            raise
        sys.stderr.write(f"cdsplan: internal error: {type(exc).__name__}: {exc} (set CDSPLAN_DEBUG=1 for details, and please report it)\n")
        sys.exit(3)
    sys.exit(code if isinstance(code, int) else 0)
