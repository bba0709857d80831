"""`cdsplan remind`: reminder letters (công văn đôn đốc), one per agency with something overdue or due."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..i18n import N_, _, ngettext
from .app import (
    AGENCIES,
    AS_OF,
    FROM,
    INCLUDE_UNITS,
    MONTH,
    PATHS,
    PLANS,
    TO,
    YEAR,
    command,
    parse_date,
    project,
    say,
    settings,
    window_or_month,
)


class LetterFormat(str, Enum):
    docx = "docx"
    md = "md"


@command(N_("Write a reminder letter (công văn đôn đốc) to each agency that has something overdue or due."))
def remind(
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar=N_("FOLDER"), help=N_("The folder to write the letters and index.md into (made if missing).")
        ),
    ],
    month: MONTH = None,
    year: YEAR = None,
    from_: FROM = None,
    to: TO = None,
    as_of: AS_OF = None,
    agency: AGENCIES = None,
    plan: PLANS = None,
    include_units: INCLUDE_UNITS = False,
    format: Annotated[
        LetterFormat, typer.Option("--format", "-f", help=N_("docx (to sign and send) or md (for e-mail)."))
    ] = LetterFormat.docx,
    template: Annotated[
        Optional[str],
        typer.Option("--template", "-t", help=N_("A letter template of templates/ or the path of your own (default: letter).")),
    ] = None,
    sender: Annotated[
        Optional[str],
        typer.Option("--sender", metavar=N_("AGENCY"), help=N_("The writing office's agency id (default: [tool.cdsplan] sender).")),
    ] = None,
    sender_symbol: Annotated[
        Optional[str], typer.Option("--sender-symbol", help=N_("Its symbol in the number, 'UBQGCĐS' (default: sender_symbol)."))
    ] = None,
    place: Annotated[Optional[str], typer.Option("--place", help=N_("Where the letters are written, 'Hà Nội' (default: place)."))] = None,
    signer: Annotated[Optional[str], typer.Option("--signer", help=N_("Who signs (default: [tool.cdsplan] signer)."))] = None,
    signer_title: Annotated[
        Optional[str],
        typer.Option(
            "--signer-title",
            help=N_("The signature block's lines, separated by \\n: 'KT. BỘ TRƯỞNG\\nTHỨ TRƯỞNG' (default: signer_title)."),
        ),
    ] = None,
    reply_days: Annotated[
        Optional[int],
        typer.Option(
            "--reply-days",
            min=1,
            max=365,
            metavar=N_("NUMBER"),
            help=N_("Days the agencies have to report back (default: reply_days, else 10)."),
        ),
    ] = None,
    paths: PATHS = None,
) -> None:
    from ..files import display
    from ..render.letters import write_letters
    from ..render.office import WriterOptions, writer
    from ..reports.answers import Question

    today = parse_date(as_of, "--as-of") or date.today()
    start, end = window_or_month(month, year, from_, to, today)
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
