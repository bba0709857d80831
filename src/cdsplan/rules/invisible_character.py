"""Ids are what references match: an id with an invisible character (a zero-width space, a bidi
mark, a control character) looks like another id but is not, so `E.1` and `E.1` followed by
U+200B would be two tasks. Such a character in an id is an error pointing at it."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import N_, _
from ..problems import Problem
from .base import Rule, example

if TYPE_CHECKING:
    from ..reading.loader import LoadedFile
    from ..reading.yamlfile import DataPath

RULE = Rule(
    code="invisible-character",
    severity="error",
    scope="file",
    summary=N_("an id holding an invisible character"),
    help=N_("Delete the character (retype the id): ids may hold letters, digits and punctuation only."),
    bad=example(
        'sections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n      - {id: "I.1\\u200b", title: Một, lead: bo-yt, when: Quý I/2024}\n'
    ),
    good=example("sections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n      - {id: I.1, title: Một, lead: bo-yt, when: Quý I/2024}\n"),
)


def invisible(text: str) -> int | None:
    """The offset of the first character of text that cannot be seen (a format or control
    character, or a space other than the plain one), or None."""
    if text.isascii() and text.isprintable():  # nearly every id: letters, digits, dots and spaces
        return None
    for offset, char in enumerate(text):
        category = unicodedata.category(char)
        if category in ("Cf", "Cc", "Co", "Cn", "Zl", "Zp") or (category == "Zs" and char != " "):
            return offset
    return None


def ids_of(loaded: LoadedFile) -> Iterator[tuple[DataPath, str]]:
    """Every id a file declares (plan, targets, sections, tasks, agencies, records' items), with its path."""
    plan = loaded.checked_plan
    if plan is not None:
        yield ("id",), plan.id
        for index, target in enumerate(plan.targets):
            yield ("targets", index, "id"), target.id
        for section, path in loaded.section_paths():
            yield (*path, "id"), section.id
            for index, task in enumerate(section.tasks):
                yield (*path, "tasks", index, "id"), task.id
    for agency, path in loaded.registry_paths():
        yield (*path, "id"), agency.id
    progress = loaded.checked_progress
    if progress is not None:
        for index, record in enumerate(progress.records):
            yield ("records", index, "item"), record.item


def check_file(loaded: LoadedFile, before_inclusive: bool) -> Iterator[Problem]:
    for path, value in ids_of(loaded):
        offset = invisible(value)
        if offset is not None:
            name = unicodedata.name(value[offset], f"U+{ord(value[offset]):04X}")
            yield loaded.at(
                RULE,
                path,
                _("the id {id!r} holds an invisible character, U+{code:04X} {name}, at position {position}: delete it").format(
                    id=value, code=ord(value[offset]), name=name, position=offset + 1
                ),
            )
