"""`cdsplan remind`: reminder letters (công văn đôn đốc), one per agency with something overdue or due."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..i18n import _, ngettext
from .app import app, parse_date, project, say, settings
from .render import window_of


class LetterFormat(str, Enum):
    docx = "docx"
    md = "md"


@app.command()
def remind(
    output: Annotated[Path, typer.Option("--output", "-o", help=_("The folder to write the letters and index.md into (made if missing)."))],
    month: Annotated[Optional[int], typer.Option(min=1, max=12, help=_("Month of the window (default: the month of --as-of)."))] = None,
    year: Annotated[Optional[int], typer.Option(help=_("Year of --month (default: the year of --as-of)."))] = None,
    from_: Annotated[Optional[str], typer.Option("--from", help=_("Window start, YYYY-MM-DD (with --to)."))] = None,
    to: Annotated[Optional[str], typer.Option(help=_("Window end, YYYY-MM-DD (with --from)."))] = None,
    as_of: Annotated[
        Optional[str], typer.Option(help=_("The day to judge overdue by and to date the letters, YYYY-MM-DD (default: today)."))
    ] = None,
    agency: Annotated[
        Optional[list[str]], typer.Option(help=_("Only to this agency (repeat for several): id, name, abbreviation or alias."))
    ] = None,
    plan: Annotated[Optional[list[str]], typer.Option(help=_("Only items of this plan id (repeat for several)."))] = None,
    include_units: Annotated[bool, typer.Option(help=_("With --agency: its units get letters too."))] = False,
    format: Annotated[
        LetterFormat, typer.Option("--format", "-f", help=_("docx (to sign and send) or md (for e-mail)."))
    ] = LetterFormat.docx,
    template: Annotated[
        Optional[str],
        typer.Option("--template", "-t", help=_("A letter template of templates/ or the path of your own (default: letter).")),
    ] = None,
    sender: Annotated[Optional[str], typer.Option(help=_("The writing office's agency id (default: [tool.cdsplan] sender)."))] = None,
    sender_symbol: Annotated[Optional[str], typer.Option(help=_("Its symbol in the number, 'UBQGCĐS' (default: sender_symbol)."))] = None,
    place: Annotated[Optional[str], typer.Option(help=_("Where the letters are written, 'Hà Nội' (default: place)."))] = None,
    signer: Annotated[Optional[str], typer.Option(help=_("Who signs (default: [tool.cdsplan] signer)."))] = None,
    signer_title: Annotated[
        Optional[str],
        typer.Option(help=_("The signature block's lines, separated by \\n: 'KT. BỘ TRƯỞNG\\nTHỨ TRƯỞNG' (default: signer_title).")),
    ] = None,
    reply_days: Annotated[
        Optional[int], typer.Option(min=1, max=365, help=_("Days the agencies have to report back (default: reply_days, else 10)."))
    ] = None,
    paths: Annotated[Optional[list[Path]], typer.Argument(help=_("Plan files or folders (default: the project's plans/)."))] = None,
) -> None:
    """Write a reminder letter (công văn đôn đốc) to each agency that has something overdue or due."""
    from ..files import display
    from ..render.letters import write_letters
    from ..render.office import WriterOptions, writer
    from ..reports.answers import Question
    from ..schedule.due import month_window

    today = parse_date(as_of, "--as-of") or date.today()
    start, end = window_of(month, year, from_, to, today) or month_window(today.year, today.month)
    current = settings()
    opened = project(paths, current)
    question = Question(start, end, today, tuple(agency or ()), tuple(plan or ()), False, include_units)
    issuers = [opened.plan(plan_id, action=_("cannot write letters"))[1].issuer for plan_id in plan or ()]
    options = WriterOptions(sender, sender_symbol, place, signer, signer_title)
    who = writer(current, options, opened.registry, issuers)
    written = write_letters(
        opened,
        question,
        directory=output,
        fmt=format.value,
        template=template,
        writer=who,
        reply_days=reply_days or current.reply_days,
        templates=current.templates,
        seconds=current.template_seconds,
    )
    count = len(written.letters)
    say(
        ngettext("cdsplan: wrote {count} letter and {index}\n", "cdsplan: wrote {count} letters and {index}\n", count).format(
            count=count, index=display(written.index)
        )
    )
