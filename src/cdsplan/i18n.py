"""Messages in the user's language: Vietnamese by default, English on request.

Code is written with English message ids wrapped in `_()` (`ngettext` for plurals);
the Vietnamese text lives in the gettext catalogue `locale/vi/LC_MESSAGES/cdsplan.po`,
extracted and compiled with babel (see docs/translating.md). English is the ids
themselves. Placeholders are named and filled with `.format(...)` after translation,
so that a translator can move them: `_("unknown agency '{id}'").format(id=agency_id)`.

The language is chosen once per run, before any message is made: `--lang`, then the
`CDSPLAN_LANG` environment variable, then `lang` under `[tool.cdsplan]`, else "vi".
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
DOMAIN = "cdsplan"
LOCALE_DIR = Path(__file__).parent / "locale"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def set_language(language: str) -> None:
    """Use language's catalogue for every message from now on ("en": the ids themselves)."""
    global _translation, _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: choose one of {', '.join(LANGUAGES)}")
    if language == "en":
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[language], fallback=True)
    _language = language


def language() -> str:
    return _language


def day_text(day: dt.date) -> str:
    """A day as the user's language writes it: 30/09/2023 (how plans write days), or ISO 8601."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if _language == "vi" else day.isoformat()


@contextmanager
def speaking(chosen: str) -> Iterator[None]:
    """Messages in chosen within the block: the documents an office sends are Vietnamese
    whatever language the tool speaks to its user."""
    before = _language
    set_language(chosen)
    try:
        yield
    finally:
        set_language(before)


def _(message: str) -> str:
    """message in the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for count, in the current language."""
    return _translation.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; translate it with `_()` where it is shown."""
    return message
