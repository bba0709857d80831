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


# The days cdsplan answers about: the years a plan may have (model.plan).
FIRST_DAY, LAST_DAY = date(1945, 1, 1), date(2100, 12, 31)


def parse_date(value: str | None, option: str) -> date | None:
    """A day given as 30/09/2023 (as plans write them) or 2023-09-30, within 1945..2100."""
    if value is None:
        return None
    text = value.strip()
    day: date | None = None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        parts = text.replace(".", "/").replace("-", "/").split("/")
        if len(parts) == 3 and all(part.isdigit() for part in parts) and len(parts[2]) == 4:
            try:
                day = date(int(parts[2]), int(parts[1]), int(parts[0]))
            except ValueError:
                day = None
    if day is None:
        raise UsageError(_("{option} {value!r}: write the day as 30/09/2023 or 2023-09-30").format(option=option, value=value))
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UsageError(_("{option} {value!r}: cdsplan answers about days from 1945 to 2100").format(option=option, value=value))
    return day


def check_year(year: int | None, option: str = "--year") -> int | None:
    if year is not None and not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise UsageError(_("{option} {year}: give a year from 1945 to 2100").format(option=option, year=year))
    return year


def say(text: str) -> None:
    """A note on standard error (a warning, a file written), escaped for the terminal."""
    from ..console import safe, write

    write(sys.stderr, safe(text, multiline=True))


def emit(payload: str | bytes, *, escaped: bool = False) -> None:
    """Print a command's output: text escaped where it reaches a terminal (an escape sequence
    in a plan's title must not act on it) unless the report escaped it itself (escaped, as the
    coloured reports do), bytes as they are."""
    from ..console import Output, safe

    out = Output(sys.stdout)
    if isinstance(payload, bytes):
        out.flush()
        binary = Output(getattr(sys.stdout, "buffer", None))  # type: ignore[arg-type]
        binary.write(payload)  # type: ignore[arg-type]
        binary.flush()
    else:
        out.write(safe(payload, multiline=True) if sys.stdout is not None and sys.stdout.isatty() and not escaped else payload)
        out.flush()
