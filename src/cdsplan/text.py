"""Vietnamese text as data: NFC on the way in, accent-insensitive comparison, "did you mean"."""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

from .i18n import _

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def nfc(text: str) -> str:
    """The NFC form of text; cheap when it already is (the common case)."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """A comparison key: no accents, no case, no punctuation.

    "Bộ Y tế", "bo y te", "BỘ Y TẾ" and the NFD or old-tone-placement spellings
    ("hoà" / "hòa") all fold to "bo y te".
    """
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D").lower()
    return _NON_ALNUM.sub(" ", stripped).strip()


def closest(word: str, candidates: list[str] | tuple[str, ...], n: int = 1) -> list[str]:
    """The candidates nearest to word, compared accent-insensitively."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(fold(candidate), candidate)
    keys = difflib.get_close_matches(fold(word), list(by_key), n=n, cutoff=0.6)
    return [by_key[key] for key in keys]


def did_you_mean(word: str, candidates: list[str] | tuple[str, ...]) -> str:
    """' (did you mean 'x'?)' or '' — ready to append to a message."""
    match = closest(word, candidates)
    return _(" (did you mean {candidate!r}?)").format(candidate=match[0]) if match else ""
