"""The command line: parses flags, calls the library, prints. Nothing else lives here.

Library modules are imported inside each command so that `cdsplan --help`
and `cdsplan check` load only what they use.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import Enum
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
    result = run_check(_paths(paths, settings), before_inclusive=settings.before_inclusive, max_file_mb=settings.max_file_mb)
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
    year: Annotated[Optional[int], typer.Option(help="The plan's year, for texts without one (default: this year).")] = None,
    format: Annotated[TextOrJson, typer.Option("--format", "-f")] = TextOrJson.text,
) -> None:
    """Explain how a deadline text is read: its windows, and days off it falls on."""
    from .explain import explain_when

    settings = _settings()
    sys.stdout.write(explain_when(text, year or date.today().year, format.value, before_inclusive=settings.before_inclusive))


def main() -> None:
    """Entry point: the one place where errors become messages and exit codes."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            stream.reconfigure(encoding="utf-8")
    try:
        app(standalone_mode=False)
    except CdsplanError as exc:
        sys.stderr.write(f"cdsplan: error: {exc}\n")
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("cdsplan: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # the last-resort boundary: no traceback reaches a user
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            sys.exit(2 if isinstance(exc, click.UsageError) else exc.exit_code)
        if isinstance(exc, click.exceptions.Abort):
            sys.exit(1)
        if os.environ.get("CDSPLAN_DEBUG"):
            raise
        sys.stderr.write(f"cdsplan: internal error: {type(exc).__name__}: {exc} (set CDSPLAN_DEBUG=1 for details, and please report it)\n")
        sys.exit(3)
