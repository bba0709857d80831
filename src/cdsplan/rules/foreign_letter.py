"""Ids are what references match: a Cyrillic І or Greek Ι looks exactly like a Latin I, so
`I.1` and `І.1` would be two tasks that read as one, and a reference typed on another
keyboard would not find its task. Ids are written in Latin letters (Vietnamese ones
included: they are Latin with marks); a letter of another script in an id is an error
pointing at it, with the Latin letter it looks like when there is one."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import N_, _
from ..problems import Problem
from .base import Rule, example
from .invisible_character import ids_of

if TYPE_CHECKING:
    from ..reading.loader import LoadedFile

RULE = Rule(
    code="foreign-letter",
    severity="error",
    scope="file",
    summary=N_("an id holding a letter of another script (a Cyrillic І for a Latin I)"),
    help=N_("Retype the letter in Latin script: ids that look the same must be the same."),
    bad=example(
        'sections:\n  - id: "\\u0406"\n    title: NHIỆM VỤ\n    tasks:\n      - {id: I.1, title: Một, lead: bo-yt, when: Quý I/2024}\n'
    ),
    good=example("sections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n      - {id: I.1, title: Một, lead: bo-yt, when: Quý I/2024}\n"),
)

# Latin letters of the scripts plans are typed in that are not named LATIN.
_LATIN_TOO = frozenset("ªº")


def foreign(text: str) -> int | None:
    """The offset of the first letter of text that is not Latin, or None."""
    if text.isascii():
        return None
    for offset, char in enumerate(text):
        if char.isalpha() and char not in _LATIN_TOO and not unicodedata.name(char, "").startswith("LATIN "):
            return offset
    return None


# Letters of Cyrillic and Greek drawn as a Latin one (Unicode's confusables, the common ones).
_LOOKS_LIKE = {
    **dict(zip("АВЕЅІЈКМНОРСТХУ", "ABESIJKMHOPCTXY", strict=True)),
    **dict(zip("аеѕіјорсхуԁһ", "aesijopcxydh", strict=True)),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)),
    **dict(zip("οικνρτυχ", "oikvptux", strict=True)),
}


def check_file(loaded: LoadedFile, before_inclusive: bool) -> Iterator[Problem]:
    for path, value in ids_of(loaded):
        offset = foreign(value)
        if offset is None:
            continue
        char = value[offset]
        latin = _LOOKS_LIKE.get(char)
        name = unicodedata.name(char, f"U+{ord(char):04X}")
        if latin:
            message = _(
                "the id {id!r} holds {name} (U+{code:04X}) at position {position}, which looks like the Latin {latin!r} but is not: retype it"
            ).format(id=value, name=name, code=ord(char), position=offset + 1, latin=latin)
        else:
            message = _(
                "the id {id!r} holds {name} (U+{code:04X}) at position {position}, a letter of another script: write ids in Latin letters"
            ).format(id=value, name=name, code=ord(char), position=offset + 1)
        yield loaded.at(RULE, path, message)
