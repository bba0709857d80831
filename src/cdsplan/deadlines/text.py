"""Normalising and tokenising a deadline text.

The text is put in NFC, then folded with a length-preserving table (no accents,
lower case, the dash family as "-", odd spaces and quotes as spaces), so that
every token's offsets point into the NFC text, and through ``omap`` into the
original one.  Words keep a second spelling, the NFC text in lower case, for the
few places where accents decide ("tháng Sáu" is June, "tháng sau" next month).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .lexicon import ROMAN


def _build_fold() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        base = unicodedata.normalize("NFD", chr(cp))[0].lower()
        if len(base) == 1 and "a" <= base <= "z":
            table[cp] = base
    for ch in "ĐđÐ":  # Đ/đ, and Ð (U+00D0) which some sources use for Đ
        table[ord(ch)] = "d"
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    for ch in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d":
        table[ord(ch)] = "-"  # the dash family
    for ch in (
        "\t\n\r\v\f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
        "\u2008\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff"
        "\"'`\u2018\u2019\u201c\u201d\u00ab\u00bb*"  # quotes (and footnote stars) are ignored
    ):
        table[ord(ch)] = " "
    table[0xFF0F] = "/"
    table[0x2044] = "/"
    table[0xFF08] = "("
    table[0xFF09] = ")"
    table[ord("[")] = "("
    table[ord("]")] = ")"
    table[0xFF0C] = ","
    table[0xFF1B] = ";"
    table[0xFF1A] = ":"
    return table


_FOLD = _build_fold()


def fold(text: str) -> str:
    """NFC, then the fold: 'Quý I' -> 'quy i'."""
    return unicodedata.normalize("NFC", text).translate(_FOLD)


def normalise(text: str) -> tuple[str, str, list[int] | None]:
    """(nfc, folded, omap): ``folded`` has the length of ``nfc``; ``omap[i]`` is the
    offset in ``text`` of ``nfc[i]`` (None when nfc is text itself)."""
    if unicodedata.is_normalized("NFC", text):
        nfc, omap = text, None
    else:
        parts: list[str] = []
        omap = []
        i, n = 0, len(text)
        while i < n:
            j = i + 1
            while j < n and unicodedata.combining(text[j]):
                j += 1
            seg = unicodedata.normalize("NFC", text[i:j])
            parts.append(seg)
            omap.extend([i] * len(seg))
            i = j
        omap.append(n)
        nfc = "".join(parts)
    return nfc, nfc.translate(_FOLD), omap


_TOKEN_RE = re.compile(
    r"""
     (?P<ws>\s+)
    |(?P<iso>[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?![0-9]))
    |(?P<num>[0-9]+)
    |(?P<word>[a-z]+)
    |(?P<p>[/\-,;().:+])
    |(?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(slots=True)
class Tok:
    """One token: kind is num | word | p (punctuation) | iso | other."""

    kind: str
    text: str  # folded
    start: int
    end: int
    raw: str = ""  # the NFC text, lower case (words only)
    tight: bool = False  # no space before this token

    @property
    def value(self) -> int | None:
        # digits beyond 9 are never a valid day, month or year: don't convert
        return int(self.text) if self.kind == "num" and len(self.text) <= 9 else None


def tokenise(nfc: str, folded: str) -> list[Tok]:
    toks: list[Tok] = []
    prev_end = -1
    for m in _TOKEN_RE.finditer(folded):
        kind = m.lastgroup or "other"
        if kind == "ws":
            continue
        text = m.group()
        start, end = m.span()
        tight = start == prev_end
        prev_end = end
        if kind == "word":
            raw = nfc[start:end].lower()
            if text.startswith(("quy", "qui")) and text[3:] in ROMAN and len(text) > 3:
                toks.append(Tok("word", text[:3], start, start + 3, raw[:3], tight))  # "QuýI/2023"
                toks.append(Tok("word", text[3:], start + 3, end, raw[3:], True))
                continue
            toks.append(Tok(kind, text, start, end, raw, tight))
            continue
        if kind == "p" and text == "." and toks and toks[-1].kind == "num" and tight:
            # "20.7.2024", "ngày 1.1": a dot between digits is a date's slash
            nxt = folded[end : end + 1]
            if nxt.isdigit():
                toks.append(Tok("p", "/", start, end, ".", tight))
                continue
        toks.append(Tok(kind, text, start, end, text, tight))
    return toks
