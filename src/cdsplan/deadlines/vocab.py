"""The lexicon, compiled for matching: folded phrases indexed by their first word,
the vocabulary a refusal checks words against (accents included), and numbers
spelled out in words."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Generic, TypeVar

from . import lexicon as lx
from .nodes import Unit
from .text import Tok, fold, tokenise

Phrase = tuple[str, ...]
V = TypeVar("V")


def phrase_of(text: str) -> Phrase:
    folded = fold(text)
    return tuple(t.text for t in tokenise(folded, folded))


class Phrases:
    """Folded phrases, indexed by their first word, longest first: matching one is a
    dict look-up and a few slice comparisons."""

    __slots__ = ("all", "by_first")

    def __init__(self, items: Iterable[str]) -> None:
        self.all: tuple[Phrase, ...] = tuple(sorted({phrase_of(p) for p in items}, key=len, reverse=True))
        index: dict[str, list[Phrase]] = {}
        for seq in self.all:
            index.setdefault(seq[0], []).append(seq)
        self.by_first: dict[str, tuple[Phrase, ...]] = {k: tuple(v) for k, v in index.items()}

    def __iter__(self) -> Iterator[Phrase]:
        return iter(self.all)


class Table(Generic[V]):
    """Folded phrases with a value each, indexed like :class:`Phrases`."""

    __slots__ = ("by_first", "items")

    def __init__(self, items: Mapping[str, V]) -> None:
        pairs = sorted(((phrase_of(k), v) for k, v in items.items()), key=lambda kv: len(kv[0]), reverse=True)
        self.items: tuple[tuple[Phrase, V], ...] = tuple(pairs)
        index: dict[str, list[tuple[Phrase, V]]] = {}
        for seq, value in pairs:
            index.setdefault(seq[0], []).append((seq, value))
        self.by_first: dict[str, tuple[tuple[Phrase, V], ...]] = {k: tuple(v) for k, v in index.items()}


def _phrases(items: Iterable[str]) -> Phrases:
    return Phrases(items)


def _table(items: Mapping[str, V]) -> Table[V]:
    return Table(items)


FILLERS = _phrases(lx.FILLERS)
BY = _phrases(lx.BY)
BEFORE = _phrases(lx.BEFORE)
RANGE_SEP = _phrases(lx.RANGE_SEPARATORS)
FROM = _phrases(lx.FROM)
ONGOING = _phrases(lx.ONGOING)
UNDATED = _phrases(lx.UNDATED)
FOLLOWING = _phrases(lx.FOLLOWING_YEARS)
ONWARDS = _phrases(lx.ONWARDS)
HORIZONS = _phrases(lx.HORIZONS)
SIGNING = _phrases(lx.SIGNING)
IMMEDIATELY = _phrases(lx.IMMEDIATELY)
COUNT_FROM = _phrases(lx.COUNT_FROM)
COUNT_UNITS = _table(lx.COUNT_UNITS)
PERIOD_ENDS = _table(lx.PERIOD_ENDS)
MONTH_OF_PERIOD = _table(lx.MONTH_OF_PERIOD)
REPORT_YEAR = _table(lx.REPORT_YEAR)
CUTOFF_FIRST = _phrases(lx.CUTOFF_FIRST)
CUTOFF_LAST = _phrases(lx.CUTOFF_LAST)
WHOLE_YEAR = _phrases(lx.WHOLE_YEAR)
EVERY_N = _phrases(lx.EVERY_N_MONTHS)
WEEK_ORDINALS = _table(lx.WEEK_ORDINALS)
HALVES = _table(lx.HALVES)
RECURRING = {fold(w) for w in lx.RECURRING}
RECUR_UNITS: dict[str, Unit] = {fold(k): v for k, v in lx.RECUR_UNITS.items()}  # type: ignore[misc]
ROMAN = lx.ROMAN
QUARTER_WORDS = {fold(k): v for k, v in lx.QUARTER_WORDS.items()}
QUARTER_SPELLINGS = {fold(w) for w in lx.QUARTER_SPELLINGS}
EDGES = {fold(k): v for k, v in lx.EDGES.items()}
MONTH_WORDS = tuple(sorted(((tuple(k.split()), v) for k, v in lx.MONTH_WORDS.items()), key=lambda kv: -len(kv[0])))
UNITS_IN_WORDS = dict(lx.UNITS_IN_WORDS)
HOUR_WORDS = {fold(w) for w in lx.HOUR_WORDS}
MINUTE_WORDS = {fold(w) for w in lx.MINUTE_WORDS}

#: every word the reader knows: a word outside it is "not understood".
VOCABULARY: frozenset[str] = frozenset(
    w
    for group in (
        FILLERS,
        BY,
        BEFORE,
        RANGE_SEP,
        FROM,
        ONGOING,
        UNDATED,
        FOLLOWING,
        ONWARDS,
        HORIZONS,
        SIGNING,
        IMMEDIATELY,
        COUNT_FROM,
        CUTOFF_FIRST,
        CUTOFF_LAST,
        WHOLE_YEAR,
        EVERY_N,
        tuple(k for k, _v in COUNT_UNITS.items),
        tuple(k for k, _v in PERIOD_ENDS.items),
        tuple(k for k, _v in MONTH_OF_PERIOD.items),
        tuple(k for k, _v in REPORT_YEAR.items),
        tuple(k for k, _v in WEEK_ORDINALS.items),
        tuple(k for k, _v in HALVES.items),
        tuple((fold(w),) for w in (*lx.RECURRING, *lx.RECUR_UNITS, *lx.QUARTER_WORDS, *lx.QUARTER_SPELLINGS, *lx.EDGES)),
        tuple(tuple(fold(w) for w in k) for k, _v in MONTH_WORDS),
        tuple((fold(w),) for w in (*lx.UNITS_IN_WORDS, *lx.TENS_IN_WORDS, *lx.ZERO_IN_WORDS, *lx.HOUR_WORDS, *lx.MINUTE_WORDS)),
        tuple((fold(w),) for w in (*lx.TIMES, *lx.MONTH_ABBREVIATIONS)),
        tuple((fold(w),) for w in (*lx.OR, *lx.AND, *lx.OF, lx.DAY, lx.MONTH, lx.YEAR, lx.WEEK, "nửa", "quý", "ngày", "hằng")),
        tuple((w,) for w in ROMAN),
    )
    for phrase in group
    for w in phrase
    if w.isalpha()
)


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng


def tone_key(word: str) -> tuple[str, str]:
    """A word without its tone mark, and the mark: 'qúy' and 'quý' are the same
    word (the mark only sits elsewhere), 'đoàn' and 'đoạn' are not."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = "".join(ch for ch in decomposed if ch in _TONES)
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return base, tones


def _raw_words() -> frozenset[tuple[str, str]]:
    words: set[tuple[str, str]] = set()
    sources: list[object] = [
        lx.FILLERS,
        lx.BY,
        lx.BEFORE,
        lx.RANGE_SEPARATORS,
        lx.FROM,
        lx.RECURRING,
        lx.RECUR_UNITS,
        lx.ONGOING,
        lx.FOLLOWING_YEARS,
        lx.ONWARDS,
        lx.UNDATED,
        lx.HORIZONS,
        lx.COUNT_UNITS,
        lx.COUNT_FROM,
        lx.SIGNING,
        lx.IMMEDIATELY,
        lx.PERIOD_ENDS,
        lx.MONTH_OF_PERIOD,
        lx.REPORT_YEAR,
        lx.CUTOFF_FIRST,
        lx.CUTOFF_LAST,
        lx.WHOLE_YEAR,
        lx.EVERY_N_MONTHS,
        lx.QUARTER_WORDS,
        lx.QUARTER_SPELLINGS,
        lx.MONTH_WORDS,
        lx.UNITS_IN_WORDS,
        lx.TENS_IN_WORDS,
        lx.ZERO_IN_WORDS,
        lx.EDGES,
        lx.FIRST_LAST,
        lx.HALVES,
        lx.WEEK_ORDINALS,
        lx.HOUR_WORDS,
        lx.MINUTE_WORDS,
        lx.TIMES,
        lx.MONTH_ABBREVIATIONS,
        lx.OR,
        lx.AND,
        lx.OF,
        (lx.DAY, lx.MONTH, lx.YEAR, lx.WEEK),
        lx.PLAN_YEAR_WORDS,
        lx.ROMAN,
        ("nửa", "hằng", "hàng"),
    ]
    for group in sources:
        for phrase in group:  # type: ignore[attr-defined]
            for w in str(phrase).replace(",", " ").split():
                words.add(tone_key(w))
    return frozenset(words)


RAW_VOCABULARY = _raw_words()

#: phrases whose accents matter, folded -> as written ("tháng sau" is not "tháng Sáu")
RAW_PHRASES: dict[Phrase, tuple[str, ...]] = {phrase_of(p): tuple(p.split()) for p in lx.MONTH_OF_PERIOD if "sau" in p.split()}


def understood(tok: Tok) -> bool:
    """Whether a word token is one the reader knows, accents included (text typed
    without accents is taken as it comes)."""
    if tok.text not in VOCABULARY:
        return False
    if tok.raw == tok.text:  # no accents, nothing more to check
        return True
    return tone_key(tok.raw) in RAW_VOCABULARY


NUMBER_WORDS = frozenset((*lx.UNITS_IN_WORDS, *lx.TENS_IN_WORDS, *lx.ZERO_IN_WORDS))


def spelled_value(words: list[str]) -> int | None:
    """'mười lăm' -> 15, 'hai mươi lăm' -> 25, 'sáu' -> 6, 'mười một' -> 11 (0…99)."""
    tens, units, seen_ten = 0, None, False
    for n, w in enumerate(words):
        if w == "mười":
            if seen_ten or n:
                return None
            tens, seen_ten = 1, True
        elif w == "mươi":
            if seen_ten or units is None:
                return None
            tens, units, seen_ten = units, None, True
        elif w in lx.ZERO_IN_WORDS:
            if not seen_ten:
                return None
        elif w in lx.UNITS_IN_WORDS:
            if units is not None:
                return None
            units = lx.UNITS_IN_WORDS[w]
            if w in ("lăm", "nhăm", "mốt") and not seen_ten:
                return None
        else:
            return None
    return tens * 10 + (units or 0)
