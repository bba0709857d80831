"""Reading Vietnamese deadline texts (a plan's ``when``) into windows.

A plan keeps the source's own words ("trong Quý I/2023", "trước ngày 15/9/2024",
"Hằng năm", "15/9 - 10/10/2024 hoặc trong toàn bộ tháng 10/2024" …).  This
module turns such a value, plus the plan's year or period (:class:`Context`),
into one or more occurrences, each a :class:`Window` ``[start, deadline]`` with
both ends inclusive.  Anything it cannot read raises :class:`DeadlineError`,
which says where (a 0-based offset into the original text) and which forms are
known.

The module is pure: no I/O and no imports from the rest of cdsplan.  Results
for text values are memoised on ``(text, ctx)``.

The rules (strict "trước", years taken from the plan, Bộ luật Dân sự 2015
Điều 146 for đầu/giữa/cuối tháng and năm, "hoặc" spanning both windows …) are
documented for users in ``docs/deadlines.md``.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

__all__ = [
    "KNOWN_FORMS",
    "MAX_YEAR",
    "MIN_YEAR",
    "Context",
    "DeadlineError",
    "Window",
    "describe",
    "explain",
    "read_when",
]

MIN_YEAR = 1945
MAX_YEAR = 2100

_ONE_DAY = timedelta(days=1)


# --------------------------------------------------------------------------- #
# Public data types
# --------------------------------------------------------------------------- #


@dataclass(frozen=True, slots=True)
class Context:
    """What a ``when`` is read against: the plan's year (or period)."""

    first_year: int
    last_year: int  # == first_year for a one-year plan
    before_inclusive: bool = False  # read "trước ngày D" as "by D" (D included)

    def __post_init__(self) -> None:
        for name in ("first_year", "last_year"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"Context.{name} must be an int, not {value!r}")
        if not MIN_YEAR <= self.first_year <= self.last_year <= MAX_YEAR:
            raise ValueError(
                f"Context years must satisfy {MIN_YEAR} <= first_year <= last_year <= {MAX_YEAR};"
                f" got {self.first_year}..{self.last_year}"
            )

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)


@dataclass(frozen=True, slots=True)
class Window:
    """One occurrence: ``start`` → ``deadline``, both inclusive."""

    start: date | None  # None where the text gives no beginning ("trước ngày …")
    deadline: date
    label: str | None = None  # e.g. "Sơ kết 6 tháng"

    def __post_init__(self) -> None:
        if self.start is not None and self.start > self.deadline:
            raise ValueError(f"window starts ({self.start}) after its deadline ({self.deadline})")


class DeadlineError(ValueError):
    """A ``when`` value that cannot be read.

    ``offset`` is the 0-based character offset, in the ORIGINAL text, of the part
    that was not understood (None when it does not apply, e.g. a mapping).
    """

    message: str
    offset: int | None
    hint: str | None

    def __init__(self, message: str, offset: int | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}; hint: {self.hint}"
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message, self.offset, self.hint))


#: Examples of the forms cdsplan reads; used in error hints and the docs.
KNOWN_FORMS: tuple[str, ...] = (
    "Quý I/2023",
    "tháng 9/2023",
    "trước ngày 15/9/2024",
    "từ ngày 15/9 - 10/10/2024",
    "2023-2025",
    "Hằng năm",
    "trong Quý I/2023",
    "quý 4 năm 2024",
    "trong tháng 9/2023",
    "trong toàn bộ tháng 10/2024",
    "tháng 12 năm 2023",
    "trước tháng 6/2023",
    "ngày 10/10/2024",
    "ngày 10 tháng 10 năm 2024",
    "2024-10-10",
    "đến ngày 15/9/2024",
    "chậm nhất ngày 15/9/2024",
    "không muộn hơn ngày 15/9/2024",
    "Từ ngày 15/09/2023-10/10/2023",
    "từ ngày 1/10 đến hết ngày 10/10",
    "15/9 - 10/10/2024 hoặc trong toàn bộ tháng 10/2024",
    "trong 10 ngày (01/10/2024 - 10/10/2024)",
    "10 ngày đầu tháng 10",
    "2023",
    "năm 2025",
    "giai đoạn 2023-2025",
    "đến hết năm 2025",
    "hằng quý",
    "hằng tháng",
    "ngày 10 tháng 10 hằng năm",
    "trước ngày 15/12 hằng năm",
    "6 tháng đầu năm",
    "6/9 tháng đầu năm",
    "6 tháng cuối năm",
    "đầu tháng 10",
    "giữa tháng 10",
    "cuối tháng 10",
    "đầu năm",
    "giữa năm",
    "cuối năm",
    "Tháng 3, tháng 7 (Sơ kết 6 tháng), tháng 9 và tháng 12 (Tổng kết năm)",
)

# --------------------------------------------------------------------------- #
# Normalisation: NFC + a length-preserving fold (accents, case, dashes, spaces)
# --------------------------------------------------------------------------- #


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
        "\"'`\u2018\u2019\u201c\u201d\u00ab\u00bb"  # quotes are ignored
    ):
        table[ord(ch)] = " "
    table[0xFF0F] = "/"
    table[0x2044] = "/"
    table[0xFF08] = "("
    table[0xFF09] = ")"
    table[0xFF0C] = ","
    table[0xFF1B] = ";"
    table[0xFF1A] = ":"
    return table


_FOLD = _build_fold()


def _normalise(text: str) -> tuple[str, str, list[int] | None]:
    """Return (nfc, folded, omap): ``folded`` has the length of ``nfc``; ``omap[i]``
    is the offset in ``text`` of ``nfc[i]`` (None when nfc is text itself)."""
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


# --------------------------------------------------------------------------- #
# Tokens
# --------------------------------------------------------------------------- #

_TOKEN_RE = re.compile(
    r"""
     (?P<ws>\s+)
    |(?P<iso>[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?![0-9]))
    |(?P<num>[0-9]+)
    |(?P<word>[a-z]+)
    |(?P<p>[/\-,;().:])
    |(?P<other>.)
    """,
    re.X | re.S,
)

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ROMAN_OUT = {1: "I", 2: "II", 3: "III", 4: "IV"}
_QUARTER_WORDS = {"mot": 1, "nhat": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4}


class _Tok:
    __slots__ = ("end", "kind", "start", "text", "value")

    def __init__(self, kind: str, text: str, start: int, end: int) -> None:
        self.kind = kind
        self.text = text
        self.start = start
        self.end = end
        # digits beyond 9 are never a valid day, month or year: don't convert
        self.value = int(text) if kind == "num" and len(text) <= 9 else None


def _tokenise(folded: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in _TOKEN_RE.finditer(folded):
        kind = m.lastgroup
        if kind == "ws":
            continue
        text = m.group()
        start, end = m.span()
        if kind == "word" and text.startswith("quy") and text[3:] in _ROMAN:
            toks.append(_Tok("word", "quy", start, start + 3))  # "QuýI/2023"
            toks.append(_Tok("word", text[3:], start + 3, end))
            continue
        toks.append(_Tok(kind, text, start, end))  # type: ignore[arg-type]
    return toks


# --------------------------------------------------------------------------- #
# Word lists (folded: no accents, lower case)
# --------------------------------------------------------------------------- #


def _w(*phrases: str) -> tuple[tuple[str, ...], ...]:
    out = [tuple(p.split()) for p in phrases]
    out.sort(key=len, reverse=True)  # longest first
    return tuple(out)


# Leading verbs and phrases that carry no time information.
_FILLERS = _w(
    "thoi gian thuc hien",
    "trong thoi gian",
    "thoi gian",
    "thoi han",
    "trong toan bo",
    "toan bo",
    "trong vong",
    "trong",
    "hoan thanh",
    "du kien",
    "dinh ky",
    "phan dau",
    "thuc hien",
    "giai doan",
    "vao",
    "cac",
    "ca",
    "ke",
)
# "by": deadline = the end of what follows, no start.
_BY = _w(
    "den het",
    "den",
    "toi",
    "cham nhat la",
    "cham nhat vao",
    "cham nhat",
    "muon nhat la",
    "muon nhat",
    "khong muon hon",
    "khong cham hon",
    "han chot",
)
_BEFORE = _w("truoc")
# between the two ends of a range ("-" is handled separately)
_RANGE_SEP = _w("den het", "den", "toi", "cho den")
_RECUR_UNITS = {"nam": "năm", "quy": "quý", "thang": "tháng"}

_HINT_GENERIC = (
    "known forms include "
    + ", ".join(f"'{f}'" for f in KNOWN_FORMS[:6])
    + " (see docs/deadlines.md or `cdsplan when --help`)"
)
_HINTS = {
    "generic": _HINT_GENERIC,
    "quarter": "a quarter is Quý I…IV or quý 1…4, e.g. 'Quý I/2023', 'quý 4 năm 2024'",
    "month": "a month is tháng 1…12, e.g. 'tháng 9/2023', 'tháng 12 năm 2023'",
    "day": "a day is written day/month[/year], e.g. 'ngày 15/9/2024', 'ngày 10 tháng 10 năm 2024'",
    "year": f"write the year with 4 digits, between {MIN_YEAR} and {MAX_YEAR}, e.g. 2024",
    "before": "e.g. 'trước ngày 15/9/2024', 'trước tháng 6/2023'",
    "by": "e.g. 'đến ngày 15/9/2024', 'chậm nhất ngày 15/9/2024', 'đến hết năm 2025'",
    "range": "e.g. 'từ ngày 15/9/2024 đến ngày 10/10/2024', '15/9 - 10/10/2024', '2023-2025'",
    "duration": "give the dates: 'trong 10 ngày (01/10/2024 - 10/10/2024)', or '10 ngày đầu tháng 10'",
    "recur": "e.g. 'hằng năm', 'hàng quý', 'hằng tháng', 'ngày 10 tháng 10 hằng năm'",
    "point": "e.g. 'đầu tháng 10', 'giữa tháng 10/2024', 'cuối năm 2024', 'cuối quý II'",
    "paren": "close the parenthesis: '… (Sơ kết 6 tháng)'",
}


def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _dmy(d: date) -> str:
    return f"{d.day}/{d.month}/{d.year}"


# --------------------------------------------------------------------------- #
# Parse tree
# --------------------------------------------------------------------------- #


class _Term:
    """One time unit as written: a day, a month, a quarter, a year, a point …

    kinds: day (a=day, b=month) · dayonly (a=day) · month (a=m) · quarter (a=q)
    · year · months (a=first month, b=last month) · ndays (a=n, b=month, edge)
    · point (edge, b=(unit, n)).  ``year`` is None until resolved.
    """

    __slots__ = ("a", "b", "carrier", "edge", "end", "kind", "pos", "src", "year")

    def __init__(self, kind: str, pos: int, end: int, a: Any = None, b: Any = None) -> None:
        self.kind = kind
        self.a = a
        self.b = b
        self.edge: str | None = None  # dau | giua | cuoi
        self.year: int | None = None
        self.src = "plan"  # explicit | carried | plan | recurring
        self.pos = pos
        self.end = end
        self.carrier: _Term | None = None


class _Fail(Exception):
    def __init__(self, message: str, pos: int | None, hint: str | None) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos
        self.hint = hint


_MAX_DEPTH = 4


class _Parser:
    def __init__(self, text: str, ctx: Context) -> None:
        self.text = text
        self.ctx = ctx
        self.nfc, self.folded, self.omap = _normalise(text)
        self.toks = _tokenise(self.folded)
        self.i = 0
        self.terms: list[_Term] = []
        self.notes: list[str] = []
        self.year_sources: dict[str, list[str]] = {}
        self.depth = 0

    # -- helpers ----------------------------------------------------------- #

    def orig(self, pos: int) -> int:
        return self.omap[pos] if self.omap is not None else pos

    def snippet(self, start: int, end: int) -> str:
        return " ".join(self.nfc[start:end].split())

    def note(self, line: str) -> None:
        if line not in self.notes:
            self.notes.append(line)

    def fail(self, message: str, pos: int | None, hint: str = "generic") -> _Fail:
        return _Fail(message, pos, _HINTS.get(hint, hint))

    def peek(self, k: int = 0) -> _Tok | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def is_p(self, ch: str, k: int = 0) -> bool:
        t = self.peek(k)
        return t is not None and t.kind == "p" and t.text == ch

    def is_word(self, word: str, k: int = 0) -> bool:
        t = self.peek(k)
        return t is not None and t.kind == "word" and t.text == word

    def is_num(self, k: int = 0) -> bool:
        t = self.peek(k)
        return t is not None and t.kind == "num"

    def words_at(self, seq: tuple[str, ...], k: int = 0) -> bool:
        return all(self.is_word(w, k + n) for n, w in enumerate(seq))

    def match(self, seqs: tuple[tuple[str, ...], ...]) -> tuple[str, ...] | None:
        for seq in seqs:
            if self.words_at(seq):
                self.i += len(seq)
                return seq
        return None

    def end_pos(self) -> int:
        return len(self.folded)

    def here(self) -> int:
        t = self.peek()
        return t.start if t is not None else self.end_pos()

    def prev_end(self) -> int:
        return self.toks[self.i - 1].end if self.i > 0 else 0

    def unexpected(self, hint: str = "generic", what: str | None = None) -> _Fail:
        t = self.peek()
        whole = self.snippet(0, len(self.nfc))
        if t is None:
            need = what or "a date, month, quarter or year"
            return self.fail(f"'{whole}' ends where {need} is expected", self.end_pos(), hint)
        return self.fail(f"cannot read '{self.snippet(t.start, t.end)}' in '{whole}'", t.start, hint)

    def skip_fillers(self) -> None:
        while True:
            if self.match(_FILLERS):
                continue
            if self.is_p(":"):
                self.i += 1
                continue
            return

    # -- numbers ----------------------------------------------------------- #

    def take_year(self, tok: _Tok) -> int:
        if len(tok.text) == 2 and tok.value is not None:
            full = 2000 + tok.value if tok.value <= 50 else 1900 + tok.value
            raise self.fail(
                f"two-digit year '{tok.text}' in '{self.snippet(0, len(self.nfc))}'",
                tok.start,
                f"viết năm đủ 4 chữ số: {full} (write the year with 4 digits)",
            )
        if len(tok.text) != 4 or tok.value is None:
            raise self.fail(f"'{tok.text}' is not a year", tok.start, "year")
        if not MIN_YEAR <= tok.value <= MAX_YEAR:
            raise self.fail(
                f"year {tok.value} is outside {MIN_YEAR}..{MAX_YEAR}", tok.start, "year"
            )
        return tok.value

    def take_month(self, tok: _Tok) -> int:
        if tok.value is None or not 1 <= tok.value <= 12 or len(tok.text) > 2:
            hint = "month"
            if len(tok.text) == 2 and tok.value is not None and tok.value > 12:
                hint = (
                    f"a month is 1…12; if '{tok.text}' is a year, write it with 4 digits"
                    f" ({2000 + tok.value if tok.value <= 50 else 1900 + tok.value})"
                )
            raise self.fail(f"month {tok.text} does not exist (months are 1…12)", tok.start, hint)
        return tok.value

    def take_day(self, tok: _Tok) -> int:
        if tok.value is None or not 1 <= tok.value <= 31 or len(tok.text) > 2:
            raise self.fail(f"day {tok.text} does not exist (days are 1…31)", tok.start, "day")
        return tok.value

    def next_num(self, what: str, hint: str) -> _Tok:
        t = self.peek()
        if t is None or t.kind != "num":
            raise self.unexpected(hint, what)
        self.i += 1
        return t

    def opt_year(self, term: _Term, allow_slash: bool = True) -> None:
        """An optional year after a month, quarter, day/month or point:
        '/2023', 'năm 2023', '-2023' (a 4-digit number not starting a date)."""
        t = self.peek()
        if t is None:
            return
        if (allow_slash and t.kind == "p" and t.text == "/" and self.is_num(1)) or (self.is_word("nam") and self.is_num(1)) or (
            t.kind == "p"
            and t.text == "-"
            and self.is_num(1)
            and len(self.toks[self.i + 1].text) == 4
            and not self.is_p("/", 2)
            and not self.is_p("-", 2)
        ):
            ytok = self.toks[self.i + 1]
            self.i += 2
        else:
            return
        term.year = self.take_year(ytok)
        term.src = "explicit"
        term.end = ytok.end

    def opt_bare_year(self, term: _Term) -> None:
        """A 4-digit year right after '… năm' ('6 tháng đầu năm 2024')."""
        t = self.peek()
        if (
            term.year is None
            and t is not None
            and t.kind == "num"
            and len(t.text) == 4
            and not self.is_p("/", 1)
            and not self.is_p("-", 1)
        ):
            self.i += 1
            term.year, term.src = self.take_year(t), "explicit"
            term.end = t.end

    def new_term(self, kind: str, pos: int, a: Any = None, b: Any = None) -> _Term:
        term = _Term(kind, pos, self.prev_end(), a, b)
        self.terms.append(term)
        return term

    def finish(self, term: _Term) -> _Term:
        term.end = max(term.end, self.prev_end())
        return term

    # -- grammar ------------------------------------------------------------ #

    def parse(self) -> list[Window]:
        if not self.toks:
            raise self.fail("empty deadline text", 0 if self.text else None)
        node = self.alternatives()
        while self.peek() is not None and self.peek().kind == "p" and self.peek().text in ".,;:":
            self.i += 1
        if self.peek() is not None:
            if self.is_p(")"):
                raise self.fail(
                    f"unmatched ')' in '{self.snippet(0, len(self.nfc))}'", self.here(), "paren"
                )
            raise self.unexpected()
        self.resolve_years()
        windows = self.eval(node)
        self.notes[:0] = self.year_notes()
        windows.sort(key=lambda w: (w.deadline, w.start or date.min, w.label or ""))
        return windows

    def alternatives(self) -> tuple:
        alts = [self.listing()]
        while self.is_word("hoac"):
            self.i += 1
            alts.append(self.listing())
        if len(alts) == 1:
            return alts[0]
        return ("alt", alts)

    def listing(self) -> tuple:
        items = [self.item(None)]
        while True:
            t = self.peek()
            if t is None:
                break
            if t.kind == "p" and t.text in ",;":
                if self.peek(1) is None:
                    break  # trailing punctuation
                self.i += 1
                if self.is_word("va"):
                    self.i += 1
            elif t.kind == "word" and t.text == "va":
                self.i += 1
            else:
                break
            items.append(self.item(items[-1][2]))
        if len(items) == 1:
            return items[0][0] if items[0][1] is None else ("list", items)
        return ("list", items)

    def item(self, prev_kind: str | None) -> tuple:
        node = self.phrase(prev_kind)
        label = None
        if self.is_p("("):
            label = self.label()
        kind = node[1].kind if node[0] == "term" else None
        return (node, label, kind)

    def label(self) -> str | None:
        open_tok = self.peek()
        assert open_tok is not None
        self.i += 1
        depth = 1
        start = open_tok.end
        while self.peek() is not None:
            t = self.peek()
            if t.kind == "p" and t.text == "(":
                depth += 1
            elif t.kind == "p" and t.text == ")":
                depth -= 1
                if depth == 0:
                    self.i += 1
                    text = self.snippet(start, t.start)
                    return text or None
            self.i += 1
        raise self.fail(
            f"the parenthesis opened at '{self.snippet(open_tok.start, min(open_tok.start + 20, self.end_pos()))}'"
            " is not closed",
            open_tok.start,
            "close the parenthesis ('tháng 7 (Sơ kết 6 tháng)'), or move the remark to the task's notes",
        )

    def phrase(self, prev_kind: str | None) -> tuple:
        self.skip_fillers()
        t = self.peek()
        if t is None:
            raise self.unexpected()
        start = t.start

        rec = self.recurrence_prefix()
        if rec is not None:
            return rec

        for words, op in ((_BEFORE, "before"), (_BY, "by")):
            if self.match(words):
                term = self.term(None, op)
                # "trước ngày 15/12 hằng năm": that deadline every year
                return self.recurrence_suffix(term, op) or (op, term, start)
        if self.is_word("tu") or self.words_at(("bat", "dau", "tu")):
            self.i += 1 if self.is_word("tu") else 3
            first = self.term(None, "range")
            if not self.range_sep():
                raise self.unexpected("range", "the end of the range ('đến …' or '- …')")
            last = self.term(None, "range")
            return ("range", first, last)
        if t.kind == "p" and t.text == "(":
            return self.paren()
        if self.is_num() and self.is_word("ngay", 1) and self.is_p("(", 2):
            # "trong 10 ngày (01/10/2024 - 10/10/2024)"
            self.i += 2
            return ("duration", t, self.paren())

        node = self.term_or_multi(prev_kind)
        if node[0] != "term":
            return node
        term = node[1]
        if self.range_sep():
            last = self.term(None, "range")
            return ("range", term, last)
        suffix = self.recurrence_suffix(term)
        if suffix is not None:
            return suffix
        if term.kind == "dayonly":
            raise self.fail(
                f"'{self.snippet(term.pos, term.end)}' gives a day without its month",
                term.pos,
                "day",
            )
        return node

    def paren(self) -> tuple:
        open_tok = self.peek()
        assert open_tok is not None
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise self.fail("too many nested parentheses", open_tok.start, "paren")
        self.i += 1
        inner = self.alternatives()
        if not self.is_p(")"):
            if self.peek() is None:
                raise self.fail("the parenthesis is not closed", open_tok.start, "paren")
            raise self.unexpected()
        self.i += 1
        self.depth -= 1
        return ("paren", inner)

    def range_sep(self) -> bool:
        if self.is_p("-"):
            self.i += 1
            return True
        return self.match(_RANGE_SEP) is not None

    def recurrence_prefix(self) -> tuple | None:
        t = self.peek()
        if t is None or t.kind != "word" or t.text not in ("hang", "moi"):
            return None
        unit_tok = self.peek(1)
        if unit_tok is None or unit_tok.kind != "word" or unit_tok.text not in _RECUR_UNITS:
            if unit_tok is not None and unit_tok.kind == "word" and unit_tok.text in ("ngay", "tuan"):
                raise self.fail(
                    f"'{self.snippet(t.start, unit_tok.end)}' is not a deadline cdsplan can list",
                    t.start,
                    "recur",
                )
            return None
        self.i += 2
        years = self.recurrence_years()
        shown = self.snippet(t.start, unit_tok.end)
        save = self.i
        comma = self.is_p(",")
        if comma:
            self.i += 1
        self.skip_fillers()
        op = "before" if self.match(_BEFORE) else "by" if self.match(_BY) else None
        nxt = self.peek()
        starts_term = nxt is not None and (
            nxt.kind == "num" or (nxt.kind == "word" and nxt.text in ("ngay", "thang", "quy", "dau", "giua", "cuoi"))
        )
        if op is None and (comma or not starts_term):
            self.i = save
            return ("recur", unit_tok.text, years, None, shown, None)
        if unit_tok.text != "nam":
            raise self.fail(
                f"'{shown}' cannot be given a date: only 'hằng năm' repeats a day or a month",
                t.start,
                "recur",
            )
        term = self.term(None, op or "recur")
        self.check_recurring(term, t.start, shown)
        return ("recur", "nam", years, term, shown, op)

    def recurrence_suffix(self, term: _Term, op: str | None = None) -> tuple | None:
        t = self.peek()
        if t is None or t.kind != "word" or t.text not in ("hang", "moi"):
            return None
        unit_tok = self.peek(1)
        if unit_tok is None or unit_tok.kind != "word" or unit_tok.text not in _RECUR_UNITS:
            return None
        shown = self.snippet(t.start, unit_tok.end)
        if unit_tok.text != "nam" or term.kind not in ("day", "month", "quarter", "point", "months", "ndays"):
            raise self.fail(
                f"cannot repeat '{self.snippet(term.pos, term.end)}' {shown}", t.start, "recur"
            )
        self.check_recurring(term, t.start, shown)
        self.i += 2
        years = self.recurrence_years()
        return ("recur", "nam", years, term, shown, op)

    def check_recurring(self, term: _Term, pos: int, shown: str) -> None:
        if term.kind not in ("day", "month", "quarter", "point", "months", "ndays"):
            raise self.fail(f"cannot repeat '{self.snippet(term.pos, term.end)}' {shown}", pos, "recur")
        if term.src == "explicit":
            raise self.fail(
                f"'{self.snippet(term.pos, term.end)}' has a year and '{shown}' repeats it every year",
                pos,
                "recur",
            )
        term.src = "recurring"

    def recurrence_years(self) -> tuple[int, int] | None:
        """Optional explicit years after 'hằng năm': 'giai đoạn 2023-2025', 'năm 2024'."""
        save = self.i
        self.match(_w("trong giai doan", "giai doan", "trong", "cua"))
        if self.is_word("nam") and self.is_num(1):
            self.i += 1
        t = self.peek()
        if t is None or t.kind != "num" or len(t.text) != 4 or self.is_p("/", 1):
            self.i = save
            return None
        self.i += 1
        y1 = self.take_year(t)
        y2 = y1
        save2 = self.i
        if self.range_sep():
            if self.is_word("nam"):
                self.i += 1
            t2 = self.peek()
            if t2 is not None and t2.kind == "num" and len(t2.text) == 4:
                self.i += 1
                y2 = self.take_year(t2)
                if y2 < y1:
                    raise self.fail(f"the period ends ({y2}) before it starts ({y1})", t2.start, "range")
            else:
                self.i = save2
        return (y1, y2)

    def term_or_multi(self, prev_kind: str | None) -> tuple:
        # "6/9 tháng đầu năm [Y]": two occurrences (first 6 and first 9 months)
        if (
            self.is_num()
            and self.is_p("/", 1)
            and self.is_num(2)
            and self.words_at(("thang",), 3)
            and (self.words_at(("dau", "nam"), 4) or self.words_at(("cuoi", "nam"), 4))
        ):
            n1, n2 = self.toks[self.i], self.toks[self.i + 2]
            edge = self.toks[self.i + 4].text
            self.i += 6
            terms = []
            for ntok in (n1, n2):
                terms.append(self.months_term(ntok, edge, n1.start))
            for term in terms:
                self.opt_bare_year(term)
                self.opt_year(term, allow_slash=False)
            if terms[0].src == "explicit":
                terms[1].year, terms[1].src = terms[0].year, "explicit"
            self.note(
                f"'{n1.text}/{n2.text} tháng {'đầu' if edge == 'dau' else 'cuối'} năm' is read as two"
                " occurrences, one per period"
            )
            return ("multi", [("term", t) for t in terms])
        return ("term", self.term(prev_kind, "generic"))

    def months_term(self, ntok: _Tok, edge: str, pos: int) -> _Term:
        if ntok.value is None or not 1 <= ntok.value <= 12:
            raise self.fail(f"'{ntok.text} tháng' is not within a year", ntok.start, "month")
        n = ntok.value
        if edge == "dau":
            return self.new_term("months", pos, 1, n)
        return self.new_term("months", pos, 13 - n, 12)

    def term(self, prev_kind: str | None, hint: str) -> _Term:
        """One unit of time, as written."""
        t = self.peek()
        if t is None:
            raise self.unexpected(hint)
        pos = t.start

        if t.kind == "iso":
            self.i += 1
            y, m, d = (int(x) for x in t.text.split("-"))
            if not MIN_YEAR <= y <= MAX_YEAR:
                raise self.fail(f"year {y} is outside {MIN_YEAR}..{MAX_YEAR}", t.start, "year")
            if not 1 <= m <= 12:
                raise self.fail(f"month {m} does not exist (months are 1…12)", t.start + 5, "month")
            term = self.new_term("day", pos, d, m)
            term.year, term.src = y, "explicit"
            return self.finish(term)

        if t.kind == "word":
            w = t.text
            if w == "ngay":
                self.i += 1
                return self.day_term(pos, self.next_num("a day number after 'ngày'", "day"))
            if w == "thang":
                self.i += 1
                mtok = self.next_num("a month number after 'tháng'", "month")
                term = self.new_term("month", pos, self.take_month(mtok))
                self.opt_year(term)
                return self.finish(term)
            if w == "quy":
                self.i += 1
                term = self.new_term("quarter", pos, self.quarter_number())
                self.opt_year(term)
                return self.finish(term)
            if w == "nam":
                self.i += 1
                term = self.new_term("year", pos)
                if self.is_num():
                    ytok = self.toks[self.i]
                    self.i += 1
                    term.year, term.src = self.take_year(ytok), "explicit"
                return self.finish(term)
            if w == "nua" and self.peek(1) is not None:
                edge = self.peek(1).text
                if edge in ("dau", "cuoi", "sau") and self.is_word("nam", 2):
                    self.i += 3
                    term = self.new_term("months", pos, 1 if edge == "dau" else 7, 6 if edge == "dau" else 12)
                    self.opt_bare_year(term)
                    self.opt_year(term, allow_slash=False)
                    return self.finish(term)
            if w in ("dau", "giua", "cuoi"):
                return self.point_term(pos, w)
            if prev_kind == "quarter" and (w in _ROMAN or w in _QUARTER_WORDS):
                term = self.new_term("quarter", pos, self.quarter_number())
                self.opt_year(term)
                return self.finish(term)
            raise self.unexpected(hint)

        if t.kind == "num":
            return self.number_term(prev_kind, hint)

        if t.kind == "p" and t.text == "(" and hint in ("range", "before", "by"):
            raise self.fail(
                "a parenthesised expression cannot be one end of a range or follow 'trước'/'đến'",
                t.start,
                hint,
            )
        raise self.unexpected(hint)

    def quarter_number(self) -> int:
        t = self.peek()
        if t is None:
            raise self.unexpected("quarter", "a quarter number after 'quý'")
        if t.kind == "word" and t.text in _ROMAN:
            self.i += 1
            return _ROMAN[t.text]
        if t.kind == "word" and t.text in _QUARTER_WORDS:
            self.i += 1
            return _QUARTER_WORDS[t.text]
        if t.kind == "num" and t.value is not None and 1 <= t.value <= 4 and len(t.text) <= 2:
            self.i += 1
            return t.value
        if t.kind in ("num", "word"):
            raise self.fail(
                f"quarter '{self.snippet(t.start, t.end)}' does not exist", t.start, "quarter"
            )
        raise self.unexpected("quarter", "a quarter number after 'quý'")

    def point_term(self, pos: int, edge: str) -> _Term:
        self.i += 1
        if self.is_word("thang"):
            self.i += 1
            if not self.is_num():
                raise self.unexpected("point", "a month number")
            mtok = self.toks[self.i]
            self.i += 1
            term = self.new_term("point", pos, None, ("thang", self.take_month(mtok)))
        elif self.is_word("quy"):
            if edge == "giua":
                raise self.fail("'giữa quý' has no fixed day", pos, "point")
            self.i += 1
            term = self.new_term("point", pos, None, ("quy", self.quarter_number()))
        elif self.is_word("nam"):
            self.i += 1
            term = self.new_term("point", pos, None, ("nam", None))
            self.opt_bare_year(term)
            term.edge = edge
            return self.finish(term)
        else:
            raise self.unexpected("point", "'tháng …', 'quý …' or 'năm' after '" + edge + "'")
        term.edge = edge
        self.opt_year(term)
        return self.finish(term)

    def day_term(self, pos: int, dtok: _Tok) -> _Term:
        """After 'ngày' (or a bare number followed by '/'): D/M[/Y], D tháng M [năm Y], or D."""
        day = self.take_day(dtok)
        if self.is_p("/") and self.is_num(1):
            mtok = self.toks[self.i + 1]
            self.i += 2
            term = self.new_term("day", pos, day, self.take_month(mtok))
            if self.is_p("/") and self.is_num(1):
                ytok = self.toks[self.i + 1]
                self.i += 2
                term.year, term.src = self.take_year(ytok), "explicit"
            else:
                self.opt_year(term, allow_slash=False)
            return self.finish(term)
        if self.is_word("thang") and self.is_num(1):
            mtok = self.toks[self.i + 1]
            self.i += 2
            term = self.new_term("day", pos, day, self.take_month(mtok))
            self.opt_year(term, allow_slash=True)
            return self.finish(term)
        term = self.new_term("dayonly", pos, day)
        return self.finish(term)

    def number_term(self, prev_kind: str | None, hint: str) -> _Term:
        t = self.toks[self.i]
        pos = t.start
        # N ngày đầu/cuối tháng M | trong N ngày (D1 - D2)
        if self.is_word("ngay", 1):
            if (self.is_word("dau", 2) or self.is_word("cuoi", 2)) and self.is_word("thang", 3):
                edge = self.toks[self.i + 2].text
                self.i += 4
                if t.value is None or not 1 <= t.value <= 31:
                    raise self.fail(f"'{t.text} ngày' is not within a month", t.start, "duration")
                mtok = self.next_num("a month number", "month")
                term = self.new_term("ndays", pos, t.value, self.take_month(mtok))
                term.edge = edge
                self.opt_year(term)
                return self.finish(term)
            if self.is_p("(", 2):
                raise self.fail(
                    f"'{self.snippet(t.start, self.toks[self.i + 1].end)} (…)' cannot be used here",
                    t.start,
                    "duration",
                )
            raise self.fail(
                f"'{self.snippet(t.start, self.toks[self.i + 1].end)}' gives a length but no dates",
                t.start,
                "duration",
            )
        # N tháng đầu/cuối năm [Y]
        if self.is_word("thang", 1) and (self.is_word("dau", 2) or self.is_word("cuoi", 2)) and self.is_word("nam", 3):
            edge = self.toks[self.i + 2].text
            self.i += 4
            term = self.months_term(t, edge, pos)
            self.opt_bare_year(term)
            self.opt_year(term, allow_slash=False)
            return self.finish(term)
        if self.is_word("thang", 1):
            raise self.fail(
                f"'{self.snippet(t.start, self.toks[self.i + 1].end)}' gives a length but no dates",
                t.start,
                "duration",
            )
        # D/M/Y, M/YYYY, D/M
        if self.is_p("/", 1) and self.is_num(2):
            second = self.toks[self.i + 2]
            if len(t.text) == 4:
                raise self.fail(
                    f"'{self.snippet(t.start, second.end)}…' puts the year first",
                    t.start,
                    "write dates day/month/year as Vietnamese documents do (10/10/2024),"
                    " or ISO year-month-day with dashes (2024-10-10)",
                )
            if len(second.text) == 4 and not self.is_p("/", 3):
                self.i += 3
                term = self.new_term("month", pos, self.take_month(t))
                term.year, term.src = self.take_year(second), "explicit"
                return self.finish(term)
            self.i += 1
            return self.day_term(pos, t)
        # a bare year
        if len(t.text) == 4 and t.value is not None:
            self.i += 1
            term = self.new_term("year", pos)
            term.year, term.src = self.take_year(t), "explicit"
            return self.finish(term)
        # in a list: "tháng 3, 6, 9 và 12" / "quý I, 2"
        if prev_kind == "month" and len(t.text) <= 2:
            self.i += 1
            term = self.new_term("month", pos, self.take_month(t))
            self.opt_year(term)
            return self.finish(term)
        if prev_kind == "quarter" and len(t.text) <= 2:
            term = self.new_term("quarter", pos, self.quarter_number())
            self.opt_year(term)
            return self.finish(term)
        # "15 - 20/9/2024": the start of a range of days
        if len(t.text) <= 2 and (self.is_p("-", 1) or any(self.words_at(s, 1) for s in _RANGE_SEP)):
            self.i += 1
            return self.finish(self.new_term("dayonly", pos, self.take_day(t)))
        if len(t.text) in (2, 3) or len(t.text) > 4:
            raise self.fail(f"'{t.text}' is not a year, a date or a month", t.start, "year")
        raise self.unexpected(hint)

    # -- years ------------------------------------------------------------- #

    def resolve_years(self) -> None:
        carry: _Term | None = None
        for term in reversed(self.terms):
            if term.src == "recurring":
                continue
            if term.year is not None:
                if term.kind != "dayonly":
                    carry = term
                continue
            if term.kind == "dayonly":
                continue  # takes month and year from the end of its range
            if carry is not None:
                term.year, term.src, term.carrier = carry.year, "carried", carry
            else:
                term.year, term.src = self.ctx.first_year, "plan"

    def year_note(self, term: _Term) -> None:
        """Remember where a term's year came from; notes are written by year_notes()."""
        if term.src == "carried" and term.carrier is not None:
            key = f"{term.year}, as in '{self.snippet(term.carrier.pos, term.carrier.end)}'"
        elif term.src == "plan":
            if self.ctx.first_year == self.ctx.last_year:
                key = f"{term.year}, the plan's year"
            else:
                key = (
                    f"{term.year}, the first year of the plan's period"
                    f" {self.ctx.first_year}-{self.ctx.last_year}"
                )
        else:
            return
        shown = f"'{self.snippet(term.pos, term.end)}'"
        group = self.year_sources.setdefault(key, [])
        if shown not in group:
            group.append(shown)

    def year_notes(self) -> list[str]:
        return [
            f"no year in {', '.join(shown)}: {key}" for key, shown in self.year_sources.items()
        ]

    # -- evaluation ---------------------------------------------------------- #

    def bounds(self, term: _Term, year: int) -> tuple[date, date, date | None]:
        """(first day, last day, point) of a term in a given year; point is set for
        đầu/giữa/cuối (Điều 146) and single days."""
        kind = term.kind
        try:
            if kind == "day":
                d = date(year, term.b, term.a)
                return d, d, d
            if kind == "month":
                return date(year, term.a, 1), _last_day(year, term.a), None
            if kind == "quarter":
                m = 3 * term.a - 2
                return date(year, m, 1), _last_day(year, m + 2), None
            if kind == "year":
                return date(year, 1, 1), date(year, 12, 31), None
            if kind == "months":
                return date(year, term.a, 1), _last_day(year, term.b), None
            if kind == "ndays":
                last = _last_day(year, term.b)
                if term.a > last.day:
                    raise self.fail(
                        f"tháng {term.b}/{year} has only {last.day} days, not {term.a}",
                        term.pos,
                        "duration",
                    )
                if term.edge == "dau":
                    return date(year, term.b, 1), date(year, term.b, term.a), None
                return date(year, term.b, last.day - term.a + 1), last, None
            if kind == "point":
                unit, n = term.b
                if unit == "thang":
                    day = {"dau": 1, "giua": 15}.get(term.edge or "") or calendar.monthrange(year, n)[1]
                    p = date(year, n, day)
                    self.note(
                        f"'{'đầu' if term.edge == 'dau' else 'giữa' if term.edge == 'giua' else 'cuối'} tháng'"
                        f" = {'the first day' if term.edge == 'dau' else 'the 15th' if term.edge == 'giua' else 'the last day'}"
                        " of the month (Bộ luật Dân sự 2015, Điều 146)"
                    )
                    return p, p, p
                if unit == "quy":
                    m = 3 * n - 2
                    p = date(year, m, 1) if term.edge == "dau" else _last_day(year, m + 2)
                    self.note(
                        f"'{'đầu' if term.edge == 'dau' else 'cuối'} quý' = the"
                        f" {'first' if term.edge == 'dau' else 'last'} day of the quarter"
                        " (by analogy with Điều 146, which defines months and years)"
                    )
                    return p, p, p
                # năm
                if term.edge == "dau":
                    p = date(year, 1, 1)
                    self.note("'đầu năm' = 1 January (Bộ luật Dân sự 2015, Điều 146)")
                    return p, p, p
                if term.edge == "giua":
                    p = date(year, 6, 30)
                    self.note("'giữa năm' = 30 June, the last day of June (Bộ luật Dân sự 2015, Điều 146)")
                    return p, p, p
                p = date(year, 12, 31)
                self.note(
                    "'cuối năm' = 31 December (Bộ luật Dân sự 2015, Điều 146); as a window it is the"
                    " last quarter, 1/10 → 31/12"
                )
                return date(year, 10, 1), p, p
        except ValueError:
            if kind == "day":
                last = calendar.monthrange(year, term.b)[1]
                raise self.fail(
                    f"'{self.snippet(term.pos, term.end)}' is not a date: tháng {term.b}/{year}"
                    f" has {last} days",
                    term.pos,
                    "day",
                ) from None
            raise
        raise AssertionError(kind)  # pragma: no cover

    def single(self, term: _Term) -> tuple[date, date, date | None]:
        if term.kind == "dayonly":
            raise self.fail(
                f"'{self.snippet(term.pos, term.end)}' gives a day without its month", term.pos, "day"
            )
        assert term.year is not None
        self.year_note(term)
        return self.bounds(term, term.year)

    def eval(self, node: tuple) -> list[Window]:
        tag = node[0]
        if tag == "term":
            first, last, _ = self.single(node[1])
            return [Window(first, last)]
        if tag == "multi":
            out: list[Window] = []
            for sub in node[1]:
                out.extend(self.eval(sub))
            return out
        if tag in ("before", "by"):
            term = node[1]
            return [Window(None, self.op_deadline(tag, term, *self.single(term)))]
        if tag == "range":
            return [self.eval_range(node[1], node[2])]
        if tag == "recur":
            return self.eval_recur(node)
        if tag == "paren":
            return self.eval(node[1])
        if tag == "duration":
            return self.eval_duration(node)
        if tag == "list":
            out = []
            for sub, label, _kind in node[1]:
                ws = self.eval(sub)
                if label is not None:
                    ws = [Window(w.start, w.deadline, w.label or label) for w in ws]
                out.extend(ws)
            if len(node[1]) > 1:
                self.note(f"a list: {len(out)} occurrences, one per item")
            return out
        if tag == "alt":
            ws = []
            for sub in node[1]:
                ws.extend(self.eval(sub))
            starts = [w.start for w in ws]
            start = None if any(s is None for s in starts) else min(starts)  # type: ignore[type-var]
            labels = {w.label for w in ws}
            label = labels.pop() if len(labels) == 1 else None
            self.note("'hoặc' (or): one window from the earliest start to the latest deadline")
            return [Window(start, max(w.deadline for w in ws), label)]
        raise AssertionError(tag)  # pragma: no cover

    def op_deadline(self, op: str, term: _Term, first: date, last: date, point: date | None) -> date:
        """The deadline of 'trước X' (strict unless before_inclusive) or 'đến X'."""
        if op == "by":
            return point or last
        shown = self.snippet(term.pos, term.end)
        if self.ctx.before_inclusive:
            self.note(f"before_inclusive is set: 'trước {shown}' includes {shown}")
            return point or last
        self.note(f"strictly before {shown}; set before_inclusive for the inclusive reading")
        return (point or first) - _ONE_DAY

    def range_end(self, term: _Term, which: int) -> date:
        first, last, point = self.bounds(term, term.year)  # type: ignore[arg-type]
        if point is not None:
            return point
        return first if which == 0 else last

    def eval_range(self, t1: _Term, t2: _Term) -> Window:
        if t2.kind == "dayonly":
            raise self.fail(
                f"'{self.snippet(t2.pos, t2.end)}' gives a day without its month", t2.pos, "range"
            )
        partial = t1.kind == "dayonly"
        if partial:
            if t2.kind != "day":
                raise self.fail(
                    f"'{self.snippet(t1.pos, t1.end)}' gives a day without its month", t1.pos, "range"
                )
            t1.kind, t1.b, t1.year, t1.src, t1.carrier = "day", t2.b, t2.year, "carried", t2
        elif t1.src == "explicit" and t2.src == "plan":
            # "từ 15/12/2023 đến 10/1": the end takes the start's year
            t2.year, t2.src, t2.carrier = t1.year, "carried", t1
        start = self.range_end(t1, 0)
        end = self.range_end(t2, 1)
        if start > end and not partial:
            if (t2.src == "carried" and t2.carrier is t1) or (t1.src == "plan" and t2.src == "plan"):
                t2.year += 1  # type: ignore[operator]
                end = self.range_end(t2, 1)
                self.note(f"the range runs into the next year: it ends in {t2.year}")
            elif t1.src == "carried":
                t1.year -= 1  # type: ignore[operator]
                start = self.range_end(t1, 0)
                partial = True  # the note below says where the year came from
                self.note(
                    f"no year in '{self.snippet(t1.pos, t1.end)}': {t1.year}, the year before"
                    f" '{self.snippet(t2.pos, t2.end)}', so that the range runs forward"
                )
        if start > end:
            raise self.fail(
                f"the range ends ({end.isoformat()}) before it starts ({start.isoformat()})",
                t2.pos,
                "range",
            )
        if not partial:
            self.year_note(t1)
        self.year_note(t2)
        return Window(start, end)

    def eval_recur(self, node: tuple) -> list[Window]:
        _tag, unit, years, term, shown, op = node
        ys = range(years[0], years[1] + 1) if years else self.ctx.years
        where = f"{ys[0]}" if len(ys) == 1 else f"{ys[0]}-{ys[-1]}"
        if not years:
            where += " (the plan's year)" if len(ys) == 1 else " (the plan's period)"
        out: list[Window] = []
        if term is not None:
            for y in ys:
                first, last, point = self.bounds(term, y)
                if op is None:
                    out.append(Window(first, last))
                else:
                    out.append(Window(None, self.op_deadline(op, term, first, last, point)))
            what = {"before": "trước ", "by": "đến "}.get(op or "", "") + self.snippet(term.pos, term.end)
            self.note(
                f"'{what} {shown}': once a year, {where}:"
                f" {len(out)} occurrence{'s' if len(out) != 1 else ''}"
            )
            return out
        for y in ys:
            if unit == "nam":
                out.append(Window(date(y, 1, 1), date(y, 12, 31)))
            elif unit == "quy":
                for q in range(4):
                    out.append(Window(date(y, 3 * q + 1, 1), _last_day(y, 3 * q + 3)))
            else:
                for m in range(1, 13):
                    out.append(Window(date(y, m, 1), _last_day(y, m)))
        per = {"nam": "year", "quy": "quarter", "thang": "month"}[unit]
        self.note(f"'{shown}': one occurrence per {per} of {where}: {len(out)} in all")
        return out

    def eval_duration(self, node: tuple) -> list[Window]:
        _tag, ntok, inner = node
        ws = self.eval(inner)
        starts = [w.start for w in ws]
        if any(s is None for s in starts):
            raise self.fail("the dates after 'trong N ngày' need a start", ntok.start, "duration")
        start = min(starts)  # type: ignore[type-var]
        end = max(w.deadline for w in ws)
        days = (end - start).days + 1
        if days != ntok.value:
            raise self.fail(
                f"'{ntok.text} ngày' does not match the dates given, which span {days} days",
                ntok.start,
                "duration",
            )
        self.note(f"'{ntok.text} ngày': checked against the dates given ({days} days)")
        return [Window(start, end)]


# --------------------------------------------------------------------------- #
# Public functions
# --------------------------------------------------------------------------- #

_Result = tuple[tuple[Window, ...], tuple[str, ...]]


@lru_cache(maxsize=8192)
def _read_text(text: str, ctx: Context) -> _Result | tuple[str, int | None, str | None]:
    parser = _Parser(text, ctx)
    try:
        windows = parser.parse()
    except _Fail as fail:
        pos = None if fail.pos is None else parser.orig(min(fail.pos, len(parser.folded)))
        return (fail.message, pos, fail.hint)
    return (tuple(windows), tuple(parser.notes))


def _text_result(text: str, ctx: Context) -> _Result:
    result = _read_text(text, ctx)
    if isinstance(result[0], str):
        message, offset, hint = result  # type: ignore[misc]
        raise DeadlineError(message, offset, hint)
    return result  # type: ignore[return-value]


_DMY_RE = re.compile(r"\s*([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})\s*\Z")
_ISO_RE = re.compile(r"\s*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\s*\Z")


def _check_year(d: date, what: str) -> date:
    if not MIN_YEAR <= d.year <= MAX_YEAR:
        raise DeadlineError(
            f"{what} {d.isoformat()}: year {d.year} is outside {MIN_YEAR}..{MAX_YEAR}",
            None,
            _HINTS["year"],
        )
    return d


def _mapping_date(value: Any, key: str) -> date:
    if isinstance(value, datetime):
        return _check_year(value.date(), key)
    if isinstance(value, date):
        return _check_year(value, key)
    if isinstance(value, str):
        m = _ISO_RE.match(value)
        if m:
            y, mo, d = int(m[1]), int(m[2]), int(m[3])
        else:
            m = _DMY_RE.match(value)
            if not m:
                raise DeadlineError(
                    f"{key}: cannot read {value!r} as a date",
                    None,
                    "write YYYY-MM-DD (2024-10-10) or D/M/YYYY (10/10/2024)",
                )
            d, mo, y = int(m[1]), int(m[2]), int(m[3])
        try:
            return _check_year(date(y, mo, d), key)
        except ValueError:
            raise DeadlineError(f"{key}: {value!r} is not a date", None, _HINTS["day"]) from None
    raise DeadlineError(
        f"{key}: expected a date, got {type(value).__name__}",
        None,
        "write YYYY-MM-DD (2024-10-10) or D/M/YYYY (10/10/2024)",
    )


def _read_mapping(value: Mapping[Any, Any]) -> Window:
    unknown = [k for k in value if k not in ("start", "deadline", "label")]
    if unknown:
        raise DeadlineError(
            f"unknown key {unknown[0]!r} in a when mapping", None, "the keys are start, deadline, label"
        )
    if value.get("deadline") is None:
        raise DeadlineError("a when mapping needs a deadline", None, "e.g. {start: 2024-10-01, deadline: 2024-10-10}")
    deadline = _mapping_date(value["deadline"], "deadline")
    start = None if value.get("start") is None else _mapping_date(value["start"], "start")
    label = value.get("label")
    if label is not None and not isinstance(label, str):
        raise DeadlineError("label must be text", None, None)
    if start is not None and start > deadline:
        raise DeadlineError(
            f"the window ends ({deadline.isoformat()}) before it starts ({start.isoformat()})",
            None,
            None,
        )
    return Window(start, deadline, label or None)


def _read(value: Any, ctx: Context) -> _Result:
    if not isinstance(ctx, Context):
        raise TypeError(f"ctx must be a Context, not {type(ctx).__name__}")
    if isinstance(value, str):
        return _text_result(value, ctx)
    if isinstance(value, bool):
        raise DeadlineError(f"{value!r} is not a deadline", None, _HINTS["generic"])
    if isinstance(value, int):
        if not MIN_YEAR <= value <= MAX_YEAR:
            raise DeadlineError(f"year {value} is outside {MIN_YEAR}..{MAX_YEAR}", None, _HINTS["year"])
        return ((Window(date(value, 1, 1), date(value, 12, 31)),), ("a bare year: the whole year",))
    if isinstance(value, datetime):
        d = _check_year(value.date(), "date")
        return ((Window(d, d),), ("a date: that day",))
    if isinstance(value, date):
        d = _check_year(value, "date")
        return ((Window(d, d),), ("a date: that day",))
    if isinstance(value, Mapping):
        return ((_read_mapping(value),), ("a window given as start and deadline",))
    if value is None:
        raise DeadlineError("no deadline given", None, _HINTS["generic"])
    raise DeadlineError(
        f"a deadline cannot be a {type(value).__name__}",
        None,
        "give text, a year, a date or {start, deadline}",
    )


def read_when(value: str | int | date | Mapping[str, Any], ctx: Context) -> tuple[Window, ...]:
    """Every occurrence, sorted by deadline.

    ``value`` is the source's text, an int (a bare year), a date (that day) or a
    mapping ``{start, deadline[, label]}`` (dates, ``YYYY-MM-DD`` or ``D/M/YYYY``).
    Raises :class:`DeadlineError` only.
    """
    return _read(value, ctx)[0]


def _fmt_window(w: Window) -> str:
    start = w.start.isoformat() if w.start else "no start"
    out = f"{start} → {w.deadline.isoformat()}"
    if w.label:
        out += f" [{w.label}]"
    return out


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def explain(value: Any, ctx: Context) -> list[str]:
    """Plain-words lines saying how ``value`` is read (for ``cdsplan when``).

    Raises :class:`DeadlineError` when the value cannot be read.
    """
    windows, notes = _read(value, ctx)
    shown = _shown(value)
    if len(windows) == 1:
        line = f'"{shown}" is read as: {_fmt_window(windows[0])}'
        if notes:
            line += f" ({'; '.join(notes)})"
        return [line]
    lines = [f'"{shown}" is read as {len(windows)} occurrences:']
    lines.extend(f"  {n}. {_fmt_window(w)}" for n, w in enumerate(windows, 1))
    lines.extend(f"  - {note}" for note in notes)
    return lines


def describe(window: Window) -> str:
    """The Vietnamese text cdsplan writes for a window, in its most natural form.

    Years are always written, so the text reads back to the same window whatever
    the plan: ``read_when(describe(w), ctx) == (w,)``.  A window without a start is
    written with "đến" ("đến ngày 14/9/2024"), never with "trước", whose reading
    depends on ``before_inclusive``.
    """
    s, d = window.start, window.deadline
    if s is None:
        if (d.month, d.day) == (12, 31):
            base = f"đến hết năm {d.year}"
        elif d == _last_day(d.year, d.month):
            base = f"đến hết tháng {d.month}/{d.year}"
        else:
            base = f"đến ngày {_dmy(d)}"
    elif s == d:
        base = f"ngày {_dmy(d)}"
    elif s.day == 1 and d == _last_day(d.year, d.month):
        if s.year == d.year:
            y = d.year
            if (s.month, d.month) == (1, 12):
                base = f"năm {y}"
            elif s.month == d.month:
                base = f"tháng {d.month}/{y}"
            elif s.month % 3 == 1 and d.month == s.month + 2:
                base = f"Quý {_ROMAN_OUT[(s.month + 2) // 3]}/{y}"
            elif s.month == 1 and d.month in (6, 9):
                base = f"{d.month} tháng đầu năm {y}"
            elif (s.month, d.month) == (7, 12):
                base = f"6 tháng cuối năm {y}"
            else:
                base = f"từ tháng {s.month}/{y} đến tháng {d.month}/{y}"
        elif (s.month, d.month) == (1, 12):
            base = f"giai đoạn {s.year}-{d.year}"
        else:
            base = f"từ tháng {s.month}/{s.year} đến tháng {d.month}/{d.year}"
    else:
        base = f"từ ngày {_dmy(s)} đến ngày {_dmy(d)}"
    if window.label:
        base += f" ({window.label})"
    return base
