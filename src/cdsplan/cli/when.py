"""`cdsplan when`: how a deadline text is read."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Optional

import typer

from ..errors import UsageError
from ..i18n import N_, _
from .app import app, check_year, emit, parse_date, settings
from .helptext import Command


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


class WhenCommand(Command):
    """`when`'s help ends with the families of forms it reads, taken from the deadline reader's
    lexicon when help is asked for (not at start-up)."""

    @property
    def epilog(self) -> str:
        from ..deadlines.forms import families_help

        return _("The forms cdsplan reads (all of them: docs/deadlines.md):") + "\n\n" + "\n\n".join(families_help().splitlines())

    @epilog.setter
    def epilog(self, value: str | None) -> None:
        pass  # computed above


@app.command(cls=WhenCommand, help=N_("Explain how a deadline text is read: its windows, and days off it falls on."))
def when(
    text: Annotated[str, typer.Argument(metavar=N_("TEXT"), help=N_("A deadline as a plan writes it, e.g. 'trước ngày 15/9/2024'."))],
    year: Annotated[
        Optional[str],
        typer.Option(
            "--year",
            metavar=N_("YEAR"),
            help=N_("The plan's year (2023) or period (2023-2025), for texts without a year (default: this year)."),
        ),
    ] = None,
    signed: Annotated[
        Optional[str],
        typer.Option(
            "--signed",
            metavar=N_("DAY"),
            help=N_("The plan's signing day, 30/09/2023 or 2023-09-30, for texts counted from it ('trong vòng 15 ngày kể từ ngày ký')."),
        ),
    ] = None,
    format: Annotated[TextOrJson, typer.Option("--format", "-f")] = TextOrJson.text,
) -> None:
    from ..deadlines import DeadlineError
    from ..deadlines.explain import explain_when
    from ..model.plan import PERIOD

    first = last = date.today().year
    if year is not None:
        span = PERIOD.match(year) or PERIOD.match(f"{year}-{year}")
        if span is None:
            raise UsageError(_("--year {year!r}: write a year (2023) or a period (2023-2025)").format(year=year))
        first, last = int(span[1]), int(span[2])
        if first > last or check_year(first) is None or check_year(last) is None:
            raise UsageError(_("--year {year!r}: write a year (2023) or a period (2023-2025), the first year first").format(year=year))
    try:
        shown = explain_when(
            text, first, last, format.value, before_inclusive=settings().before_inclusive, signed=parse_date(signed, "--signed")
        )
    except DeadlineError as exc:
        raise UsageError(_("cannot read {text!r}: {reason}").format(text=text, reason=exc)) from None
    emit(shown)
