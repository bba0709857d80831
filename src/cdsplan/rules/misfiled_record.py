"""A progress file must be named after its agency and lie in the folder of its year, so that CODEOWNERS can give each unit
its own file; its records are of that year."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import N_, _, day_text
from ..problems import Problem
from .base import Rule, with_records

if TYPE_CHECKING:
    from ..reading.loader import LoadedFile

RULE = Rule(
    code="misfiled-record",
    severity="warning",
    scope="file",
    summary=N_("a progress file whose name, folder or records do not match its agency and year"),
    help=N_(
        "Keep each agency's records in progress/<year>/<agency-id>.yaml, with `agency:` and `year:` as its path says and records of that year."
    ),
    bad=with_records("      - {item: vi-du-2024#I.1, state: done, on: 2025-01-10}\n"),
    good=with_records("      - {item: vi-du-2024#I.1, state: done, on: 2024-12-30}\n"),
)


def check_file(loaded: LoadedFile, before_inclusive: bool) -> Iterator[Problem]:
    from pathlib import PurePosixPath

    progress = loaded.checked_progress
    if progress is None:
        return
    path = PurePosixPath(loaded.path)
    if path.stem != progress.agency:
        yield loaded.at(
            RULE,
            ("agency",),
            _("the records of {agency} belong in a file named {name}.yaml, not {file}: rename it").format(
                agency=progress.agency, name=progress.agency, file=path.name
            ),
        )
    if path.parent.name != str(progress.year):
        yield loaded.at(
            RULE,
            ("year",),
            _("the records of {year} belong in the folder progress/{year}/, not {folder}/: move the file").format(
                year=progress.year, folder=path.parent.name
            ),
        )
    for index, record in enumerate(progress.records):
        if record.on.year != progress.year:
            yield loaded.at(
                RULE,
                ("records", index, "on"),
                _("a record of {on} in the file of {year}: record it in progress/{record_year}/{agency}.yaml").format(
                    on=day_text(record.on), year=progress.year, record_year=record.on.year, agency=progress.agency
                ),
            )
