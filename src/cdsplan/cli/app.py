"""The typer application and what every command shares: settings, the project, dates, printing.

Commands are plain functions in a module each (cli/<command>.py) that parse their flags, call
the library and print; nothing else lives here. Library modules are imported inside each
command so that `cdsplan --help` and `cdsplan check` load only what they use.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional, TypeVar

import typer

from ..errors import UsageError
from ..i18n import N_, _
from .helptext import Command, Group

if TYPE_CHECKING:
    from ..project import Project
    from ..settings import Settings

CommandFunction = TypeVar("CommandFunction", bound=Callable[..., Any])

app = typer.Typer(
    name="cdsplan",
    cls=Group,
    help=N_("Vietnam's digital-transformation plans (chuyển đổi số) as YAML in git."),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _show_version(value: bool) -> None:
    if value:
        from .. import __version__

        emit(f"cdsplan {__version__}\n")
        raise typer.Exit()


def _use_language(value: str | None) -> None:
    # main has chosen the language before parsing (help must speak it); this checks the value
    if value is not None:
        from ..i18n import LANGUAGES

        if value not in LANGUAGES:
            raise UsageError(_("--lang {value!r}: choose one of {languages}").format(value=value, languages=", ".join(LANGUAGES)))


@app.callback()
def root(
    lang: Annotated[
        Optional[str],
        typer.Option(
            "--lang",
            metavar="vi|en",
            callback=_use_language,
            is_eager=True,
            help=N_("Language of messages and reports: vi (default) or en; also CDSPLAN_LANG or `lang` in [tool.cdsplan]."),
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help=N_("Print cdsplan's version and exit."))
    ] = False,
) -> None:
    """The options every command shares: `cdsplan --lang en check` (--lang may also follow the command)."""


def _complete_agency(incomplete: str) -> list[tuple[str, str]]:
    """Agency ids that start with what is typed (or whose name does, accents aside), with names."""
    from ..text import fold

    try:
        registry = project().registry
    except Exception:  # completing must never fail loudly inside the user's shell
        return []
    if registry is None:
        return []
    typed = fold(incomplete)
    return [
        (agency.id, agency.name)
        for agency in sorted(registry.by_id.values(), key=lambda agency: registry.order(agency.id))
        if agency.id.startswith(incomplete) or fold(agency.name).startswith(typed)
    ]


def _complete_plan(incomplete: str) -> list[str]:
    try:
        return [plan for plan in project().plan_ids() if plan.startswith(incomplete)]
    except Exception:  # as above
        return []


# Options several commands share, defined once.
PATHS = Annotated[
    Optional[list[Path]], typer.Argument(metavar=N_("[PATH]..."), help=N_("Plan files or folders (default: the project's plans/)."))
]
AS_OF = Annotated[
    Optional[str], typer.Option("--as-of", metavar=N_("DAY"), help=N_("The day to judge by, 30/09/2023 or 2023-09-30 (default: today)."))
]
AGENCIES = Annotated[
    Optional[list[str]],
    typer.Option(
        "--agency",
        metavar=N_("AGENCY"),
        autocompletion=_complete_agency,
        help=N_("Only this agency (repeat for several): id, name, abbreviation or alias ('bo y te')."),
    ),
]
PLANS = Annotated[
    Optional[list[str]],
    typer.Option("--plan", metavar=N_("PLAN"), autocompletion=_complete_plan, help=N_("Only this plan, by its id (repeat for several).")),
]
MONTH = Annotated[
    Optional[int],
    typer.Option("--month", min=1, max=12, metavar=N_("MONTH"), help=N_("Month of the window (default: the month of --as-of).")),
]
YEAR = Annotated[Optional[int], typer.Option("--year", metavar=N_("YEAR"), help=N_("Year of --month (default: the year of --as-of)."))]
FROM = Annotated[Optional[str], typer.Option("--from", metavar=N_("DAY"), help=N_("Window start, 30/09/2023 or 2023-09-30 (with --to)."))]
TO = Annotated[Optional[str], typer.Option("--to", metavar=N_("DAY"), help=N_("Window end, 30/09/2023 or 2023-09-30 (with --from)."))]
INCLUDE_UNITS = Annotated[
    bool,
    typer.Option("--include-units", help=N_("With --agency: the agency's units too (a ministry's centres, offices and departments).")),
]
AGENCY = Annotated[
    Optional[str],
    typer.Option(
        "--agency",
        metavar=N_("AGENCY"),
        autocompletion=_complete_agency,
        help=N_("The agency that reports (needed when the item has several holders)."),
    ),
]


def command(help: str, name: str | None = None) -> Callable[[CommandFunction], CommandFunction]:
    """Register a command: help (marked with N_) is translated when shown."""
    return app.command(name, cls=Command, help=help)


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


def window_of(month: int | None, year: int | None, start: str | None, end: str | None, today: date) -> tuple[date, date] | None:
    """The window of --month/--year or of --from/--to; None when neither is given."""
    from ..schedule.due import month_window

    if start or end:
        if month or year:
            raise UsageError(_("give either --month/--year or --from/--to, not both"))
        first, last = parse_date(start, "--from"), parse_date(end, "--to")
        if first is None or last is None:
            raise UsageError(_("--from and --to go together"))
        if last < first:
            raise UsageError(_("--to {end} is before --from {start}").format(end=last, start=first))
        return first, last
    if month is None and year is None:
        return None
    return month_window(check_year(year) or today.year, month or today.month)


def window_or_month(month: int | None, year: int | None, start: str | None, end: str | None, today: date) -> tuple[date, date]:
    """The window asked for, else the month of today."""
    from ..schedule.due import month_window

    return window_of(month, year, start, end, today) or month_window(today.year, today.month)


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
        binary = Output(getattr(sys.stdout, "buffer", None))
        binary.write(payload)  # type: ignore[arg-type]
        binary.flush()
    else:
        out.write(safe(payload, multiline=True) if sys.stdout is not None and sys.stdout.isatty() and not escaped else payload)
        out.flush()
