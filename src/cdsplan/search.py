"""Finding tasks, milestones and targets by their words: `cdsplan search WORDS`.

Pure, and independent of the model: the caller turns what it wants found into `Document`s
(a reference such as ``ubqgcds-2023#IV.28.a``, a kind, and named text fields: title, notes,
agency names, the plan's title…) and gets back ranked `Hit`s with a snippet.

How a query matches
- Words are compared folded (`cdsplan.text.fold`): without accents, case or punctuation,
  so "du lieu mo" finds "dữ liệu mở" and "lgsp" finds "NDXP/LGSP" (the slash separates words).
- Every word of the query must occur, in any field. The last word also matches as the start
  of a word ("du lieu m" finds "mở"), for less than a whole word does.
- A word typed with accents prefers the same accents: "mở" ranks "mở" above "mỡ" or "mồ",
  which still match; a word typed without accents matches all its accented forms alike.

How hits are ranked: BM25F (Robertson and Zaragoza, "The Probabilistic Relevance Framework:
BM25 and Beyond", 2009) over the fields with their weights (title above notes above agency
names), plus a bonus when the query's words stand adjacent and in order in one field (the
exact phrase). Equal scores are ordered by reference, then kind: the same query always gives
the same list.

Speed, measured with 25,000 documents made from the repository's plans (2.0 million words,
36,756 distinct texts; each copy's title and notes made distinct), CPU time, best of 5, on a
shared 2-vCPU machine that runs CPython 3.11 at about half a laptop's speed
(`sum(range(10**6))`: 17 ms): building the `Index` 0.50 s; a query for a rare word ("lgsp")
9 ms, for common ones ("du lieu mo", "bo y te", "mở") 50–120 ms, and at worst, words that every
document holds through its plan's title ("chuyen doi so") or a one-letter beginning ("c"),
0.48 s. A one-shot `search()` (build and query) takes 0.6 s there for "du lieu mo". The build
is most of a one-shot search: keep an `Index` for more than one query.
"""

from __future__ import annotations

import gc
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from .text import fold, nfc

__all__ = ["FIELD_WEIGHTS", "Document", "Hit", "Index", "search"]

# Title over notes over agency names; the plan's title only helps break near-ties. A field
# not named here weighs 1.
FIELD_WEIGHTS: Mapping[str, float] = {"title": 3.0, "notes": 1.5, "agencies": 1.0, "plan": 0.5}

_K1 = 1.2  # BM25's term-frequency saturation and length normalisation, the usual values
_B = 0.75
_PREFIX = 0.5  # what matching only the start of a word is worth, against a whole word
_ACCENT_MISMATCH = 0.4  # what "mỡ" is worth to a query for "mở", against "mở" itself
_PHRASE = 0.3  # the exact-phrase bonus, per unit of idf and field weight

# A word: letters and digits, in NFC, so every Vietnamese letter is one character of it.
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Document:
    """Something to find: ref (e.g. "ubqgcds-2023#IV.28.a"), kind ("task", "milestone",
    "target"…) and its text by field name ("title", "notes", "agencies", "plan"…)."""

    ref: str
    kind: str
    fields: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Hit:
    """A document found: its ref and kind, its score (higher is better), the field the snippet
    is from, and the snippet: that field's text around the match, accents as written, matched
    words between the markers."""

    ref: str
    kind: str
    score: float
    field: str
    snippet: str


class _Tokens(dict[str, str]):
    """word -> its folded token, each distinct word folded once (for snippets)."""

    def __missing__(self, word: str) -> str:
        token = "".join(_fold_words(word))
        if len(self) < 100_000:  # Vietnamese has some 7,000 syllables; bounded all the same
            self[word] = token
        return token


_TOKENS = _Tokens()

# Each distinct text is kept as its words folded, each between these two characters (which no
# folded token contains: tokens are ASCII letters and digits), e.g. "\x02du\x03\x02lieu\x03".
# Then a word's frequency is `str.count("\x02mo\x03")`, a word's beginning "\x02m", a phrase
# `"\x02du\x03\x02lieu\x03\x02mo\x03" in text`: all of it at C speed.
_OPEN, _CLOSE = "\x02", "\x03"


# fold(), at C speed on whole texts (the cost of building an index: two million words for
# 25,000 documents). After NFD, a text of Vietnamese and common punctuation holds only ASCII,
# combining marks that fold drops (U+0300–036F but U+034F, which has no combining class) and
# characters that fold turns into spaces (Latin-1 and Latin Extended leftovers such as ß or
# «, general punctuation, currency signs: none of them lower-cases to ASCII). Any other
# character sends the text through fold() itself, so the words are always fold's.
_DROPPED_MARKS = "\u0300-\u034e\u0350-\u036f"
_SPACED = "\u00a0-\u024f\u2000-\u206f\u20a0-\u20cf"
_NOT_PLAIN = re.compile(f"[^\x00-\x7f{_DROPPED_MARKS}]")
_UNCHARTED = re.compile(f"[^\x00-\x7f{_DROPPED_MARKS}{_SPACED}]")
_SPACED_RUN = re.compile(f"[{_SPACED}]+")
# ASCII that is not a letter or digit: a word boundary, as in fold; upper case to lower.
_ASCII_FOLD = str.maketrans({chr(code): (" " if not chr(code).isalnum() else chr(code).lower()) for code in range(128)})


def _fold_words(text: str) -> list[str]:
    """fold(text).split() (cdsplan.text), faster on long texts; tests check that it is the same."""
    decomposed = unicodedata.normalize("NFD", text)
    if not decomposed.isascii():
        decomposed = decomposed.replace("đ", "d").replace("Đ", "D")  # before đ counts as "spaced"
        if _NOT_PLAIN.search(decomposed):
            if _UNCHARTED.search(decomposed):
                return fold(text).split()
            decomposed = _SPACED_RUN.sub(" ", decomposed)
        decomposed = decomposed.encode("ascii", "ignore").decode("ascii")  # the marks
    return decomposed.translate(_ASCII_FOLD).split()


def _spans(text: str) -> list[tuple[str, int, int]]:
    """(folded token, start, end) of every word in text."""
    return [(_TOKENS[match.group()], match.start(), match.end()) for match in _WORD.finditer(text)]


@lru_cache(maxsize=256)
def _accented_word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", re.IGNORECASE)


class _Term:
    """A word of the query."""

    __slots__ = ("accented", "exact", "prefix", "starts", "token", "whole")

    def __init__(self, token: str, exact: str | None, *, prefix: bool) -> None:
        self.token = token  # folded
        self.exact = exact  # the word as typed, in lower case, when it has accents
        self.prefix = prefix  # the query's last word: also matches the start of longer words
        self.whole = _OPEN + token + _CLOSE  # what to look for in a folded, delimited text
        self.starts = _OPEN + token
        # The word as typed, accents and all, any case, as a whole word.
        self.accented = _accented_word(exact) if exact is not None else None

    def frequency(self, folded: str, original: str) -> float:
        """How often the term occurs in a text (folded and delimited; original: in NFC), each
        occurrence at its worth."""
        whole = folded.count(self.whole)
        frequency = float(whole)
        if self.accented is not None and whole:
            same = min(len(self.accented.findall(original)), whole)
            frequency = same + _ACCENT_MISMATCH * (whole - same)
        if self.prefix:
            frequency += _PREFIX * (folded.count(self.starts) - whole)
        return frequency


class Index:
    """Documents ready to be searched, many times.

    Built once: every field's words folded, each distinct text analysed once (a plan's title
    is shared by all its tasks; agency names repeat). A query finds the texts holding each of
    its words by substring search, keeps the documents that hold all of them, and only then
    counts and scores. For a one-shot `cdsplan search`, this costs less than inverting every
    word of 25,000 documents beforehand, and a query stays in the tens of milliseconds."""

    def __init__(self, documents: Iterable[Document], *, weights: Mapping[str, float] = FIELD_WEIGHTS) -> None:
        self.documents: list[Document] = list(documents)
        self.weights = dict(weights)
        self._field_names: list[str] = []
        field_ids: dict[str, int] = {}
        numbers: dict[str, int] = {}  # distinct text -> its number
        self._folded: list[str] = []  # by text number: the words folded and delimited
        self._lengths: list[int] = []  # in words
        self._originals: list[str] = []  # in NFC, for accents and snippets
        self._holders: list[list[int]] = []  # by text number: the documents holding it
        self._fields: list[list[tuple[int, int]]] = []  # by document: (field, text number)
        collecting = gc.isenabled()
        gc.disable()  # hundreds of thousands of objects, none of them cyclic: no collector passes
        try:
            for number, document in enumerate(self.documents):
                fields: list[tuple[int, int]] = []
                for name, text in document.fields.items():
                    if not text:
                        continue
                    field_id = field_ids.get(name)
                    if field_id is None:
                        field_id = field_ids[name] = len(self._field_names)
                        self._field_names.append(name)
                    text_number = numbers.get(text)
                    if text_number is None:
                        text_number = numbers[text] = len(self._folded)
                        normal = nfc(text)
                        words = _fold_words(normal)
                        self._folded.append(_OPEN + (_CLOSE + _OPEN).join(words) + _CLOSE if words else "")
                        self._lengths.append(len(words))
                        self._originals.append(normal)
                        self._holders.append([])
                    self._holders[text_number].append(number)
                    fields.append((field_id, text_number))
                self._fields.append(fields)
        finally:
            if collecting:
                gc.enable()
        totals = [0] * len(self._field_names)
        counts = [0] * len(self._field_names)
        for fields in self._fields:
            for field_id, text_number in fields:
                totals[field_id] += self._lengths[text_number]
                counts[field_id] += 1
        self._average = [total / count if count else 1.0 for total, count in zip(totals, counts, strict=True)]
        self._weight = [self.weights.get(name, 1.0) for name in self._field_names]

    def __len__(self) -> int:
        return len(self.documents)

    @staticmethod
    def _terms(query: str) -> list[_Term]:
        query = nfc(query)
        words = _fold_words(query)
        if len(words) != len(_WORD.findall(query)):  # a word fold splits or drops: no accents
            lowered: list[str | None] = [None] * len(words)
        else:
            lowered = [word.lower() for word in _WORD.findall(query)]
        # A trailing space says the last word is complete; otherwise it may be a beginning.
        last = len(words) - 1 if not query[-1:].isspace() else -1
        return [
            _Term(token, exact if exact != token else None, prefix=index == last)
            for index, (token, exact) in enumerate(zip(words, lowered, strict=True))
        ]

    def search(
        self,
        query: str,
        *,
        limit: int | None = 20,
        markers: tuple[str, str] = ("[", "]"),
        escape: Callable[[str], str] | None = None,
        snippet_width: int = 100,
    ) -> list[Hit]:
        """The documents that have every word of query, best first, at most limit of them.

        markers surround the matched words in snippets (for a terminal, e.g. bold on and off);
        escape, when given (e.g. `cdsplan.console.safe`), is applied to the text around them,
        never to the markers. snippet_width is in characters."""
        terms = self._terms(query)
        if not terms:
            return []
        # The documents holding each word (in any field); those that hold them all.
        holding: list[set[int]] = []
        having: set[int] = set()  # the texts holding any of the words
        holders = self._holders
        for term in terms:
            needle = term.starts if term.prefix else term.whole
            texts = [number for number, folded in enumerate(self._folded) if needle in folded]
            if not texts:
                return []
            having.update(texts)
            documents: set[int] = set()
            for text_number in texts:
                documents.update(holders[text_number])
            holding.append(documents)
        candidates = set.intersection(*holding)
        if not candidates:
            return []
        total = len(self.documents)
        idf = [math.log(1 + (total - len(documents) + 0.5) / (len(documents) + 0.5)) for documents in holding]
        # What one field's text adds to a document's score, worked out once per (field, text):
        # a plan's title is shared by thousands of tasks.
        parts = _Parts(self, terms, idf, _OPEN + (_CLOSE + _OPEN).join(term.token for term in terms), having)
        part = parts.__getitem__
        fields = self._fields
        bonus = _PHRASE * sum(idf)
        saturation = _K1 + 1
        scored: list[tuple[float, str, str, int, int]] = []
        for number in candidates:
            found = [found for found in map(part, fields[number]) if found is not None]
            if len(found) == 1:
                values, worth, rank = found[0]
            else:
                values = [sum(column) for column in zip(*(found[0] for found in found), strict=True)]
                worth = max(found[1] for found in found)
                rank = max(found[2] for found in found)
            # BM25F: each term's weighted frequency over all fields, saturated once.
            score = bonus * worth + sum(term_idf * value * saturation / (value + _K1) for term_idf, value in zip(idf, values, strict=True))
            document = self.documents[number]
            # Rounded, so that a last-bit difference in a sum never outranks the tie-break; the
            # rank's last member names the field the snippet comes from.
            scored.append((-round(score, 9), document.ref, document.kind, number, rank[3]))
        scored.sort()
        if limit is not None:
            scored = scored[: max(limit, 0)]
        hits = []
        for negative, ref, kind, number, field_id in scored:
            name = self._field_names[field_id]
            snippet = _snippet(self.documents[number].fields[name], terms, markers, escape, snippet_width)
            hits.append(Hit(ref, kind, -negative, name, snippet))
        return hits


_Part = tuple[list[float], float, tuple[float, float, float, int]]


class _Parts(dict[tuple[int, int], "_Part | None"]):
    """(field, text) -> that field's share of a document's score for one query, made on first
    use: each term's BM25F-weighted frequency there; the exact phrase's worth times the field's
    weight (the phrase's worth is 1, or less when its last word only begins a longer one, or 0);
    and the field's rank as the one to show a snippet from: the phrase's, else the one adding
    most to the score, else the heavier, then its number. None when nothing matches there."""

    def __init__(self, index: Index, terms: list[_Term], idf: list[float], phrase: str, having: set[int]) -> None:
        super().__init__()
        self.index, self.terms, self.idf, self.phrase, self.having = index, terms, idf, phrase, having

    def __missing__(self, key: tuple[int, int]) -> _Part | None:
        field_id, text_number = key
        if text_number not in self.having:
            self[key] = None
            return None
        index, terms = self.index, self.terms
        folded = index._folded[text_number]
        frequencies = [term.frequency(folded, index._originals[text_number]) for term in terms]
        worth = 0.0
        if len(terms) > 1 and self.phrase in folded:
            worth = 1.0 if self.phrase + _CLOSE in folded else (_PREFIX if terms[-1].prefix else 0.0)
        part: _Part | None = None
        if worth or any(frequencies):
            weight = index._weight[field_id]
            factor = weight / (1 - _B + _B * index._lengths[text_number] / index._average[field_id])
            values = [factor * frequency for frequency in frequencies]
            contribution = sum(term_idf * value for term_idf, value in zip(self.idf, values, strict=True))
            part = (values, worth * weight, (worth * weight, contribution, weight, field_id))
        self[key] = part
        return part


def _snippet(text: str, terms: list[_Term], markers: tuple[str, str], escape: Callable[[str], str] | None, width: int) -> str:
    """text (whitespace collapsed) around its best match, at most about width characters, with
    runs of matched words between the markers and "…" where it was cut. The best match is the
    longest run of matched words (the phrase, when it is there), else the first. The last
    word's mere beginnings ("mọi" for "mo") are marked only where it has no whole match."""
    text = " ".join(nfc(text).split())
    words = _spans(text)
    whole = {term.token for term in terms}
    last = terms[-1]
    begun = last.prefix and not any(token == last.token for token, _start, _end in words)
    spans: list[list[int]] = []  # [start, end, words in the run]
    for token, start, end in words:
        if token in whole or (begun and token.startswith(last.token)):
            if spans and text[spans[-1][1] : start].isspace():
                spans[-1][1:] = [end, spans[-1][2] + 1]  # one mark around a run: "[dữ liệu mở]"
            else:
                spans.append([start, end, 1])
    begin, finish = 0, len(text)
    if len(text) > width:
        anchor = max(spans, key=lambda span: span[2])[0] if spans else 0  # the first of the longest
        begin = max(0, anchor - width // 3)
        if begin:
            space = text.rfind(" ", 0, begin + 1)
            begin = space + 1 if space >= 0 else 0
        finish = min(len(text), begin + width)
        if finish < len(text):
            space = text.rfind(" ", begin, finish + 1)
            finish = space if space > begin else finish
    show = escape or (lambda part: part)
    pieces = ["…" if begin else ""]
    position = begin
    for start, end, _count in spans:
        if end <= begin or start >= finish:
            continue
        start, end = max(start, begin), min(end, finish)
        pieces += [show(text[position:start]), markers[0], show(text[start:end]), markers[1]]
        position = end
    pieces += [show(text[position:finish]), "…" if finish < len(text) else ""]
    return "".join(pieces)


def search(
    query: str,
    documents: Index | Iterable[Document],
    *,
    limit: int | None = 20,
    markers: tuple[str, str] = ("[", "]"),
    escape: Callable[[str], str] | None = None,
    snippet_width: int = 100,
) -> list[Hit]:
    """The documents that have every word of query, best first (see the module docstring and
    `Index.search`). documents may be an `Index`, to search many times without building it
    again."""
    index = documents if isinstance(documents, Index) else Index(documents)
    return index.search(query, limit=limit, markers=markers, escape=escape, snippet_width=snippet_width)
