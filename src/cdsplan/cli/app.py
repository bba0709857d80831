"""The typer application and what every command shares: settings, the project, dates, printing.

Commands are plain functions in a module each (cli/<command>.py) that parse their flags, call
the library and print; nothing else lives here. Library modules are imported inside each
command so that `cdsplan --help` and `cdsplan check` load only what they use.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..errors import UsageError
from ..i18n import _

if TYPE_CHECKING:
    from ..project import Project
    from ..settings import Settings

app = typer.Typer(
    name="cdsplan",
    help=_("Vietnam's digital-transformation plans (chuyển đổi số) as YAML in git."),
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def colour() -> bool:
    from ..console import use_colour

    return use_colour(sys.stdout)


def settings() -> Settings:
    from ..settings import find_settings

    return find_settings()


def project(paths: list[Path] | None = None, current: Settings | None = None) -> Project:
    from ..project import Project

    return Project.open(current or settings(), paths)


def parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            _("{option} {value!r}: write the date as YYYY-MM-DD, e.g. 2024-09-15").format(option=option, value=value)
        ) from None


def emit(payload: str | bytes) -> None:
    if isinstance(payload, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
    else:
        sys.stdout.write(payload)
