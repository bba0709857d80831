"""`cdsplan when`: how a deadline text is read."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from typing import Annotated, Optional

import typer

from ..errors import UsageError
from ..i18n import _
from .app import app, settings


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


@app.command()
def when(
    text: Annotated[str, typer.Argument(help=_("A deadline as a plan writes it, e.g. 'trước ngày 15/9/2024'."))],
    year: Annotated[Optional[str], typer.Option(help=_("The plan's year (2023) or period (2023-2025), for texts without a year (default: this year)."))] = None,
    format: Annotated[TextOrJson, typer.Option("--format", "-f")] = TextOrJson.text,
) -> None:
    """Explain how a deadline text is read: its windows, and days off it falls on."""
    from ..deadlines import DeadlineError
    from ..deadlines.explain import explain_when
    from ..model.plan import PERIOD

    first = last = date.today().year
    if year is not None:
        span = PERIOD.match(year) or PERIOD.match(f"{year}-{year}")
        if span is None:
            raise UsageError(_("--year {year!r}: write a year (2023) or a period (2023-2025)").format(year=year))
        first, last = int(span[1]), int(span[2])
    try:
        shown = explain_when(text, first, last, format.value, before_inclusive=settings().before_inclusive)
    except DeadlineError as exc:
        raise UsageError(_("cannot read {text!r}: {reason}").format(text=text, reason=exc)) from None
    sys.stdout.write(shown)
