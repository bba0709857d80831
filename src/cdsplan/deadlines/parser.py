"""From tokens to syntax nodes (see the grammar in the package docstring).

The parser knows words and shapes, not dates: it makes :mod:`.nodes` and leaves
years, the plan's period and the law to the evaluator.  It fails with
:class:`Fail`, which the reader turns into a :class:`DeadlineError`.
"""

from __future__ import annotations

from cdsplan.i18n import _

from . import lexicon as lx
from .core import MAX_DEPTH, MAX_YEAR, MIN_YEAR
from .fail import Fail, hints
from .nodes import (
    Alt,
    Bounded,
    Cadence,
    Counted,
    Cutoff,
    Duration,
    EveryYearFrom,
    Immediately,
    Item,
    ListNode,
    Multi,
    Narrow,
    Node,
    Ongoing,
    Op,
    Paren,
    Parsed,
    Range,
    Recur,
    Remark,
    ReportYear,
    Term,
    TermNode,
    Undated,
    Unit,
)
from .text import Tok, normalise, tokenise
from .vocab import (
    BEFORE,
    BY,
    COUNT_FROM,
    COUNT_UNITS,
    CUTOFF_FIRST,
    CUTOFF_LAST,
    EDGES,
    EVERY_N,
    FILLERS,
    FOLLOWING,
    FROM,
    HALVES,
    HORIZONS,
    HOUR_WORDS,
    IMMEDIATELY,
    MINUTE_WORDS,
    MONTH_OF_PERIOD,
    MONTH_WORDS,
    NUMBER_WORDS,
    ONGOING,
    ONWARDS,
    PERIOD_ENDS,
    QUARTER_SPELLINGS,
    QUARTER_WORDS,
    RANGE_SEP,
    RAW_PHRASES,
    RECUR_UNITS,
    RECURRING,
    REPORT_YEAR,
    ROMAN,
    SIGNING,
    UNDATED,
    WEEK_ORDINALS,
    Phrase,
    Phrases,
    Table,
    V,
    phrase_of,
    spelled_value,
    tone_key,
)

_BULLETS = ("-", "+", "•", "–", "·", "o")
CUTOFF_EXAMPLE = "hằng quý, tính từ ngày 15 của tháng trước kỳ báo cáo đến ngày 14 của tháng cuối kỳ"
_PERIODIC = phrase_of("định kỳ")
_YEARS_LEAD = Phrases(("trong giai đoạn", "giai đoạn", "trong", "của"))
_OF = Phrases(lx.OF)


def _hint(name: str) -> str:
    return hints().get(name, name)


class Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.nfc, self.folded, self.omap = normalise(text)
        self.toks = self._drop_spelled_numbers(tokenise(self.nfc, self.folded))
        self.texts = [t.text for t in self.toks]
        self.i = 0
        self.terms: list[Term] = []
        self.depth = 0
        self.time: str | None = None

    # -- helpers ----------------------------------------------------------- #

    def snippet(self, start: int, end: int) -> str:
        return " ".join(self.nfc[start:end].split())

    def whole(self) -> str:
        return self.snippet(0, len(self.nfc))

    def fail(
        self, message: str, pos: int | None, hint: str = "", *, nearest: str | None = None, unknown: tuple[str, ...] | None = None
    ) -> Fail:
        return Fail(message, pos, _hint(hint) if hint else None, nearest=nearest, unknown=unknown)

    def rest(self, k: int = 0) -> tuple[str, ...]:
        """The words from token k to the end of the item, as written."""
        out: list[str] = []
        j = self.i + k
        while j < len(self.toks):
            t = self.toks[j]
            if t.kind == "p" and t.text in ",;()":
                break
            if t.kind == "word" and t.text in ("va", "hoac"):
                break
            out.append(self.nfc[t.start : t.end])
            j += 1
        return tuple(out)

    def peek(self, k: int = 0) -> Tok | None:
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

    def at(self, seq: Phrase, k: int = 0) -> bool:
        j = self.i + k
        return tuple(self.texts[j : j + len(seq)]) == seq

    def match(self, seqs: Phrases) -> Phrase | None:
        if self.i >= len(self.texts):
            return None
        for seq in seqs.by_first.get(self.texts[self.i], ()):
            if self.at(seq):
                self.i += len(seq)
                return seq
        return None

    def starts(self, seqs: Phrases, k: int = 0) -> bool:
        j = self.i + k
        return j < len(self.texts) and any(self.at(seq, k) for seq in seqs.by_first.get(self.texts[j], ()))

    def lookup(self, table: Table[V], k: int = 0) -> tuple[Phrase, V] | None:
        j = self.i + k
        if j >= len(self.texts):
            return None
        for seq, value in table.by_first.get(self.texts[j], ()):
            if self.at(seq, k):
                return seq, value
        return None

    def raw_matches(self, seq: Phrase, k: int = 0) -> bool:
        """Whether the tokens at k spell ``seq`` with its accents too (where the text has any)."""
        words = RAW_PHRASES.get(seq)
        if words is None:
            return True
        for n, word in enumerate(words):
            t = self.toks[self.i + k + n]
            if t.raw != t.text and tone_key(t.raw) != tone_key(word):
                return False
        return True

    def end_pos(self) -> int:
        return len(self.folded)

    def here(self) -> int:
        t = self.peek()
        return t.start if t is not None else self.end_pos()

    def prev_end(self) -> int:
        return self.toks[self.i - 1].end if self.i > 0 else 0

    def item_ends(self, k: int = 0) -> bool:
        """Whether an item ends at k: the end, a separator, a bracket, 'hoặc'."""
        t = self.peek(k)
        if t is None:
            return True
        if t.kind == "p" and t.text in ",;().":
            return True
        return t.kind == "word" and t.text in ("va", "hoac")

    def unexpected(self, hint: str = "", what: str | None = None) -> Fail:
        t = self.peek()
        if t is None:
            need = what or _("a date, month, quarter or year")
            # translators: {what} is what should follow, e.g. "a month number after 'tháng'" or "a date, month, quarter or year"
            return self.fail(_("'{text}' ends where {what} is expected").format(text=self.whole(), what=need), self.end_pos(), hint)
        end = t.end
        words = [self.nfc[t.start : t.end]]
        if t.kind == "word":  # name the whole run of words that could not be read
            j = self.i + 1
            while j < len(self.toks) and self.toks[j].kind == "word" and self.toks[j].text not in ("va", "hoac"):
                end = self.toks[j].end
                words.append(self.nfc[self.toks[j].start : end])
                j += 1
        return self.fail(
            _("cannot read '{part}' in '{text}'").format(part=self.snippet(t.start, end), text=self.whole()),
            t.start,
            hint,
            unknown=tuple(words),
        )

    def _drop_spelled_numbers(self, toks: list[Tok]) -> list[Tok]:
        """'ngày 15 (mười lăm)', '06 (sáu) tháng': the words in brackets after a
        number repeat it; they are checked, then dropped."""
        out: list[Tok] = []
        i = 0
        while i < len(toks):
            t = toks[i]
            out.append(t)
            i += 1
            if t.kind != "num" or len(t.text) > 2 or i >= len(toks) or toks[i].text != "(":
                continue  # days, months and counts are spelled out, years are not
            j = i + 1
            words: list[str] = []
            while j < len(toks) and toks[j].kind == "word" and toks[j].raw in NUMBER_WORDS:
                words.append(toks[j].raw)
                j += 1
            if not words or j >= len(toks) or toks[j].text != ")":
                continue
            value = spelled_value(words)
            if value is None or value != t.value:
                raise Fail(
                    _("'{digits}' and '({words})' are not the same number").format(digits=t.text, words=" ".join(words)),
                    toks[i].start,
                    None,
                )
            i = j + 1
        return out

    # -- numbers ----------------------------------------------------------- #

    def take_year(self, tok: Tok) -> int:
        value = tok.value
        if len(tok.text) == 2 and value is not None:
            full = 2000 + value if value <= 50 else 1900 + value
            raise Fail(
                _("two-digit year '{year}' in '{text}'").format(year=tok.text, text=self.whole()),
                tok.start,
                _("write the year with 4 digits: {year}").format(year=full),
                nearest=None,
            )
        if len(tok.text) != 4 or value is None:
            raise self.fail(_("'{text}' is not a year").format(text=tok.text), tok.start, "year")
        if not MIN_YEAR <= value <= MAX_YEAR:
            raise self.fail(_("year {year} is outside {low}..{high}").format(year=value, low=MIN_YEAR, high=MAX_YEAR), tok.start, "year")
        return value

    def take_month(self, tok: Tok) -> int:
        value = tok.value
        if value is None or not 1 <= value <= 12 or len(tok.text) > 2:
            hint = "month"
            if len(tok.text) == 2 and value is not None and value > 12:
                hint = _("a month is 1…12; if '{text}' is a year, write it with 4 digits ({year})").format(
                    text=tok.text, year=2000 + value if value <= 50 else 1900 + value
                )
            raise self.fail(_("month {month} does not exist (months are 1…12)").format(month=tok.text), tok.start, hint)
        return value

    def take_day(self, tok: Tok) -> int:
        value = tok.value
        if value is None or not 1 <= value <= 31 or len(tok.text) > 2:
            raise self.fail(_("day {day} does not exist (days are 1…31)").format(day=tok.text), tok.start, "day")
        return value

    def next_num(self, what: str, hint: str) -> Tok:
        t = self.peek()
        if t is None or t.kind != "num":
            raise self.unexpected(hint, what)
        self.i += 1
        return t

    def month_value(self) -> int:
        """After 'tháng': 9, 09, IX, 'Tám', 'Mười Hai'."""
        t = self.peek()
        if t is None:
            raise self.unexpected("month", _("a month number after 'tháng'"))
        if t.kind == "num":
            self.i += 1
            return self.take_month(t)
        if t.kind == "word" and t.text in ROMAN:
            self.i += 1
            return ROMAN[t.text]
        if t.kind == "word":
            for words, value in MONTH_WORDS:
                if all(self.peek(n) is not None and self.peek(n).raw == w for n, w in enumerate(words)):  # type: ignore[union-attr]
                    if words == ("năm",) and self.is_num(1):
                        break  # "tháng năm 2024": May, or a year? refused
                    self.i += len(words)
                    return value
        raise self.unexpected("month", _("a month number after 'tháng'"))

    def opt_year(self, term: Term, allow_slash: bool = True) -> None:
        """An optional year after a month, quarter, day/month or point:
        '/2023', 'năm 2023', '-2023' (a 4-digit number not starting a date)."""
        t = self.peek()
        if t is None:
            return
        if (
            (allow_slash and t.kind == "p" and t.text == "/" and self.is_num(1))
            or (self.is_word("nam") and self.is_num(1))
            or (
                t.kind == "p"
                and t.text == "-"
                and self.is_num(1)
                and len(self.toks[self.i + 1].text) == 4
                and not self.is_p("/", 2)
                and not self.is_p("-", 2)
            )
        ):
            ytok = self.toks[self.i + 1]
            self.i += 2
        elif t.kind == "num" and len(t.text) == 4 and term.kind == "quarter" and t.tight is False and not self.is_p("/", 1):
            ytok = t  # "Q3 2024"
            self.i += 1
        else:
            return
        term.year = self.take_year(ytok)
        term.src = "explicit"
        term.end = ytok.end

    def opt_bare_year(self, term: Term) -> None:
        """A 4-digit year right after '… năm' ('6 tháng đầu năm 2024')."""
        t = self.peek()
        if term.year is None and t is not None and t.kind == "num" and len(t.text) == 4 and not self.is_p("/", 1) and not self.is_p("-", 1):
            self.i += 1
            term.year, term.src = self.take_year(t), "explicit"
            term.end = t.end

    def new_term(self, kind: str, pos: int, a: int | None = None, b: int | None = None) -> Term:
        term = Term(kind, pos, self.prev_end(), a, b)
        self.terms.append(term)
        return term

    def finish(self, term: Term) -> Term:
        term.end = max(term.end, self.prev_end())
        return term

    # -- grammar ------------------------------------------------------------ #

    def parse(self) -> Parsed:
        while self.peek() is not None and self.toks[self.i].text in _BULLETS:
            self.i += 1  # "- Quý II/2024", "+ Tháng 6/2024": a bullet copied from a list
        if self.peek() is None:
            raise self.fail(_("empty deadline text"), 0 if self.text else None)
        node = self.alternatives()
        while self.peek() is not None and self.peek().kind == "p" and self.peek().text in ".,;:":  # type: ignore[union-attr]
            self.i += 1
        if self.peek() is not None:
            if self.is_p(")"):
                raise self.fail(_("unmatched ')' in '{text}'").format(text=self.whole()), self.here(), "paren")
            raise self.unexpected()
        return Parsed(node, self.terms, self.time)

    def alternatives(self) -> Node:
        alts = [self.listing()]
        while self.is_word("hoac"):
            self.i += 1
            alts.append(self.listing())
        if len(alts) == 1:
            return alts[0]
        return Alt(tuple(alts))

    def listing(self) -> Node:
        items = [self.item(None)]
        while True:
            t = self.peek()
            if t is None:
                break
            if t.kind == "p" and t.text in ",;":
                if self.peek(1) is None:
                    break  # trailing punctuation
                if self.at_horizon(1):
                    break
                self.i += 1
                if self.is_word("va"):
                    self.i += 1
            elif t.kind == "word" and t.text == "va":
                if self.match(FOLLOWING):
                    raise self.fail(_("'{words}' follows no year").format(words=self.snippet(t.start, self.prev_end())), t.start, "recur")
                self.i += 1
            else:
                break
            items.append(self.item(_term_kind(items[-1].node)))
        yearly = any(
            (isinstance(it.node, Recur) and it.node.unit == "year" and it.node.term is None)
            or (isinstance(it.node, TermNode) and it.node.term.kind == "year" and it.node.term.src == "plan")
            for it in items
        )
        if yearly and len(items) > 1:
            # "định kỳ 6 tháng, hằng năm": the 6-month report and the yearly one
            items = [
                Item(Cadence(((1, 6),), it.node.shown), it.label, it.note, it.remark)
                if isinstance(it.node, Cadence) and it.node.periods == ((1, 6), (7, 12))
                else it
                for it in items
            ]
        if any(isinstance(item.node, Cadence) for item in items):
            # "6 tháng và cả năm": the year is the yearly report, every year
            items = [
                Item(Cadence(((1, 12),), "năm"), it.label, it.note, it.remark)
                if isinstance(it.node, TermNode) and it.node.term.kind == "year" and it.node.term.src == "plan"
                else it
                for it in items
            ]
        items = self.distribute([self.apply_remark(it) for it in items])
        if len(items) == 1 and items[0].label is None and items[0].note is None:
            return items[0].node
        return ListNode(tuple(items))

    def distribute(self, items: list[Item]) -> list[Item]:
        """'trước ngày 15/6 và 15/12 hằng năm': the 'trước' and the 'hằng năm' are
        said once for every day of the list."""
        if len(items) < 2:
            return items
        out = list(items)
        for k in range(1, len(out)):
            prev, it = out[k - 1].node, out[k].node
            op = prev.op if isinstance(prev, (Bounded, Recur)) else None
            prev_kind = prev.term.kind if isinstance(prev, Bounded) else None
            if (
                op is not None
                and isinstance(it, TermNode)
                and it.term.kind in ("day", "dayonly", "month")
                and (self._bare(it.term) or it.term.kind == prev_kind)
            ):  # "trước ngày 15/6 và (ngày) 15/12": 'trước' is said once for both
                out[k] = Item(Bounded(op, it.term), out[k].label, out[k].note)
        merged: list[Item] = []
        for entry in out:
            recur = merged[-1].node if merged else None
            since = entry.node.since if isinstance(entry.node, Ongoing) else None
            # "hằng năm, từ năm 2025": the years the recurrence runs over, not a second item
            if (
                isinstance(recur, Recur)
                and recur.term is None
                and recur.years is None
                and since is not None
                and since.kind == "year"
                and since.year is not None
            ):
                merged[-1] = Item(Recur(recur.unit, (since.year, 0), None, recur.shown, None, recur.pos), merged[-1].label, merged[-1].note)
                continue
            merged.append(entry)
        out = merged
        last = out[-1].node if out else None
        if isinstance(last, Recur) and last.unit == "year" and last.term is not None and len(out) > 1:
            before = out[-2].node
            if (
                last.op is None
                and isinstance(before, Bounded)
                and last.term is not None
                and (self._bare(last.term) or last.term.kind == before.term.kind)
            ):
                last = Recur(last.unit, last.years, last.term, last.shown, before.op, last.pos)  # "trước ngày 15/6 và 15/12 hằng năm"
                out[-1] = Item(last, out[-1].label, out[-1].note)
            last_kind = last.term.kind if last.term is not None else None
            for k in range(len(out) - 1):
                node = out[k].node
                term = node.term if isinstance(node, (TermNode, Bounded)) else None
                if (
                    term is not None
                    and term.kind in ("day", "month", "quarter")
                    and term.src != "explicit"
                    and (term.kind == last_kind or term.kind == "day")
                ):
                    self.check_recurring(term, last.pos, last.shown)
                    op = node.op if isinstance(node, Bounded) else last.op
                    out[k] = Item(Recur("year", last.years, term, last.shown, op, last.pos), out[k].label, out[k].note)
        return out

    def _bare(self, term: Term) -> bool:
        """A term written without its own 'ngày', 'tháng' … ('15/12' after 'trước ngày 15/6 và')."""
        return self.folded[term.pos : term.pos + 1].isdigit()

    def at_horizon(self, k: int = 0) -> bool:
        return self.starts(HORIZONS, k)

    def item(self, prev_kind: str | None) -> Item:
        node = self.phrase(prev_kind)
        label = None
        remark = self.remark_time()
        if remark is None and self.is_p("("):
            label = self.label()
        note = None
        save = self.i
        if self.is_p(",") or self.is_word("va"):
            self.i += 1
        if self.at_horizon():
            start = self.here()
            self.match(HORIZONS)
            if self.is_word("nam"):
                self.i += 1
            ytok = self.peek()
            if ytok is None or ytok.kind != "num":
                raise self.unexpected("by", _("a year after '{words}'").format(words=self.snippet(start, self.prev_end())))
            self.i += 1
            self.take_year(ytok)
            note = self.snippet(start, ytok.end)
        else:
            self.i = save
        return Item(node, label, note, remark)

    def times_per(self) -> Node | None:
        """'01 lần/năm', '1 lần/quý', 'mỗi năm 1 lần': once a year, a quarter, a month."""
        start = self.here()
        t = self.peek()
        if t is not None and t.kind == "num" and self.is_word("lan", 1) and self.is_p("/", 2):
            unit = RECUR_UNITS.get(self.texts[self.i + 3]) if self.i + 3 < len(self.texts) else None
            if unit is not None and self.item_ends(4):
                shown = self.snippet(start, self.toks[self.i + 3].end)
                if t.value != 1:  # "2 lần/năm": how often, not when
                    raise self.fail(
                        _("'{words}' says how often, not when: give the months or the dates").format(words=shown),
                        start,
                        "recur",
                        nearest="định kỳ 6 tháng" if (t.value, unit) == (2, "year") else "01 lần/năm",
                        unknown=(shown,),
                    )
                self.i += 4
                return Recur(unit, None, None, shown, None, start)
        found = self.recur_unit()
        if found is not None and self.is_num(2) and self.toks[self.i + 2].value == 1 and self.is_word("lan", 3) and self.item_ends(4):
            self.i += 4
            return Recur(found[1], None, None, self.snippet(start, self.prev_end()), None, start)
        return None

    def remark_time(self) -> Remark | None:
        """'hằng tháng (trước ngày 25)', 'hằng năm (từ năm 2025)': a remark in brackets
        that gives the time, not a label."""
        if not self.is_p("("):
            return None
        save = self.i
        self.i += 1
        start = self.here()
        found = self.recur_unit()
        if found is not None and self.is_p(")", 2):  # "(hằng năm)"
            self.i += 3
            return Remark(None, None, False, start, self.snippet(start, self.toks[self.i - 1].start), found[1])
        op: Op | None = "before" if self.match(BEFORE) else "by" if self.match(BY) else None
        since = op is None and self.at(("tu", "nam"))
        if since:
            self.i += 1
        elif op is None and not (
            (self.is_word("ngay") and self.is_num(1))
            or (self.is_num() and self.is_p("/", 1))
            or (self.peek() is not None and self.peek().text in QUARTER_SPELLINGS | {"thang"})  # type: ignore[union-attr]
        ):
            self.i = save
            return None
        terms = len(self.terms)
        try:
            term = self.term(None, op or "recur")
        except Fail:
            term = None
        if term is None or not self.is_p(")"):
            # "(trước khi triển khai)": words after all, a remark kept as the label
            self.i = save
            del self.terms[terms:]
            return None
        shown = self.snippet(start, self.here())
        self.i += 1
        return Remark(op, term, since, start, shown)

    def apply_remark(self, item: Item) -> Item:
        """Merge a remark's time into the recurrence it follows, or refuse it: a date in
        brackets is never taken as a label."""
        remark = item.remark
        if remark is None:
            return item
        node, term = item.node, remark.term
        if remark.every is not None:
            years = None
            if isinstance(node, TermNode) and node.term.kind == "year" and node.term.year is not None and node.term.src == "explicit":
                years = (node.term.year, node.term.year)
            elif (
                isinstance(node, Range)
                and node.first.kind == node.last.kind == "year"
                and node.first.year is not None
                and node.last.year is not None
            ):
                years = (node.first.year, node.last.year)
            if years is not None:  # "2021 - 2025 (hằng năm)", "Năm 2024 (hằng quý)"
                return Item(Recur(remark.every, years, None, remark.shown, None, remark.pos), item.label, item.note)
            if isinstance(node, (Ongoing, Recur)):
                return Item(node, item.label or remark.shown, item.note)  # "Thường xuyên (hằng năm)": a remark
            raise self.fail(
                _("'({part})' cannot repeat '{what}'").format(part=remark.shown, what=self.snippet(self.toks[0].start, remark.pos - 1)),
                remark.pos,
                "recur",
                unknown=(),
            )
        assert term is not None
        if isinstance(node, Recur) and node.term is None:
            if remark.since:
                if term.kind != "year" or term.year is None:
                    raise self.fail(_("'{part}' is not a year to start from").format(part=remark.shown), remark.pos, "recur")
                return Item(Recur(node.unit, (term.year, 0), None, node.shown, None, node.pos), item.label, item.note)
            if node.unit == "month":
                self.check_monthly(term, remark.pos, node.shown)
                if term.kind != "dayof":
                    raise self.fail(_("'{part}' is not a day of the month").format(part=remark.shown), remark.pos, "recur")
            elif node.unit == "quarter":
                if term.kind != "dayof" or term.unit != "quarter":
                    raise self.fail(
                        _(
                            "'{words}' cannot be given a day without its month: only 'hằng năm' and 'hằng tháng' repeat a day"
                            " (for quarters, e.g. 'ngày 10 của tháng cuối quý')"
                        ).format(words=node.shown),
                        remark.pos,
                        "recur",
                        nearest="ngày 10 của tháng cuối quý",
                    )
                self.check_recurring(term, remark.pos, node.shown)
            elif node.unit == "year":
                self.check_recurring(term, remark.pos, node.shown)
            else:
                raise self.fail(_("cannot repeat '{part}' {words}").format(part=remark.shown, words=node.shown), remark.pos, "recur")
            return Item(Recur(node.unit, node.years, term, node.shown, remark.op, node.pos), item.label, item.note)
        if isinstance(node, TermNode) and remark.op is None and not remark.since and term.kind in ("quarter", "month", "day"):
            # "2024 (Quý IV)", "Quý IV/2024 (tháng 12)": the remark narrows the time, within it
            if term.year is None and node.term.year is not None:
                term.year, term.src = node.term.year, "explicit"
            return Item(Narrow(node.term, term, remark.shown), item.label, item.note)
        if isinstance(node, Cadence) and len(node.periods) == 1 and not remark.since:
            self.check_recurring(term, remark.pos, node.shown)
            return Item(Recur("year", None, term, node.shown, remark.op, remark.pos), item.label, item.note)
        raise self.fail(
            _("the remark '({part})' gives a time: write it outside the brackets, e.g. 'hằng tháng, trước ngày 25'").format(
                part=remark.shown
            ),
            remark.pos,
            "recur",
            unknown=(),
        )

    def label(self) -> str | None:
        open_tok = self.peek()
        assert open_tok is not None
        self.i += 1
        depth = 1
        start = open_tok.end
        while self.peek() is not None:
            t = self.toks[self.i]
            if t.kind == "p" and t.text == "(":
                depth += 1
                if depth > MAX_DEPTH:
                    raise self.fail(_("too many nested parentheses"), t.start, "paren")
            elif t.kind == "p" and t.text == ")":
                depth -= 1
                if depth == 0:
                    self.i += 1
                    text = self.snippet(start, t.start)
                    return text or None
            self.i += 1
        raise self.fail(
            _("the parenthesis opened at '{part}' is not closed").format(
                part=self.snippet(open_tok.start, min(open_tok.start + 20, self.end_pos()))
            ),
            open_tok.start,
            _("close the parenthesis ('tháng 7 (Sơ kết 6 tháng)'), or move the remark to the task's notes"),
        )

    def whole_phrase(self, seqs: Phrases) -> Phrase | None:
        """A phrase that is a whole item ('Thường xuyên', 'khi có yêu cầu')."""
        if self.i >= len(self.texts):
            return None
        for seq in seqs.by_first.get(self.texts[self.i], ()):
            if self.at(seq) and self.item_ends(len(seq)):
                self.i += len(seq)
                return seq
        return None

    def at_whole(self, seqs: Phrases) -> bool:
        if self.i >= len(self.texts):
            return False
        return any(self.at(seq) and self.item_ends(len(seq)) for seq in seqs.by_first.get(self.texts[self.i], ()))

    def skip_fillers(self) -> list[Phrase]:
        skipped: list[Phrase] = []
        while True:
            if self.at_whole(ONGOING) or self.at_whole(UNDATED):
                return skipped  # "định kỳ" alone is undated, not a filler
            seq = self.match(FILLERS)
            if seq is not None:
                skipped.append(seq)
                continue
            if self.is_p(":"):
                self.i += 1
                continue
            return skipped

    def skip_time(self) -> str | None:
        """'17h00', '17 giờ 30', '17:00' before a day: kept for the explanation."""
        t = self.peek()
        if t is None or t.kind != "num":
            return None
        k = 1
        if self.peek(1) is not None and self.peek(1).text in HOUR_WORDS:  # type: ignore[union-attr]
            k = 2
            if self.is_num(2):
                k = 3
                if self.peek(3) is not None and self.peek(3).text in MINUTE_WORDS:  # type: ignore[union-attr]
                    k = 4
        elif self.is_p(":", 1) and self.is_num(2):
            k = 3
        else:
            return None
        hour = t.value
        minute = self.toks[self.i + 2].value if k >= 3 else 0
        if hour is None or minute is None or not (0 <= hour <= 24 and 0 <= minute < 60):
            raise self.fail(
                _("'{time}' is not a time of day").format(time=self.snippet(t.start, self.toks[self.i + k - 1].end)), t.start, "time"
            )
        end = self.toks[self.i + k - 1].end
        self.i += k
        shown = self.snippet(t.start, end)
        if self.is_p(","):
            self.i += 1
        if not (self.is_word("ngay") or self.is_num()):
            raise self.fail(_("the time '{time}' is not followed by its day").format(time=shown), t.start, "time")
        self.time = shown
        return shown

    def phrase(self, prev_kind: str | None) -> Node:
        first = self.peek()
        if first is None:
            raise self.unexpected()
        seq = self.whole_phrase(ONGOING)
        if seq is not None:
            return Ongoing(self.snippet(first.start, self.prev_end()))
        seq = self.whole_phrase(UNDATED)
        if seq is not None:
            return Undated(self.snippet(first.start, self.prev_end()))
        save = self.i
        if self.match(ONGOING) and self.match(FROM):  # "Thường xuyên từ năm 2024"
            since = self.term(None, "range")
            if since.kind in ("year", "month", "quarter") and since.src == "explicit" and self.item_ends():
                return Ongoing(self.snippet(first.start, self.prev_end()), since)
        self.i = save
        if self.match(UNDATED) and self.is_word("cua"):
            # "theo yêu cầu của UBND tỉnh", "theo hướng dẫn của Bộ Thông tin và Truyền thông": whose
            # request it is, to the end of the text or of the item, with no number in it
            rest = self.toks[self.i :]
            stop = next((k for k, t in enumerate(rest) if t.text in (";", "(")), len(rest))
            if not any(t.kind in ("num", "iso") for t in rest[:stop]):
                self.i += stop
                return Undated(self.snippet(first.start, self.prev_end()))
        self.i = save
        per = self.times_per()
        if per is not None:
            return per
        skipped = self.skip_fillers()
        t = self.peek()
        if t is None or (self.item_ends() and t.text != "("):
            if skipped and skipped[-1] == _PERIODIC:
                return Undated(self.snippet(first.start, self.prev_end()))
            raise self.unexpected()
        start = t.start
        for seqs, make in ((ONGOING, Ongoing), (UNDATED, Undated)):
            seq = self.whole_phrase(seqs)
            if seq is not None:
                return make(self.snippet(start, self.prev_end()))
        if self.match(IMMEDIATELY):
            return Immediately(self.snippet(start, self.prev_end()), start)
        every = _PERIODIC in skipped
        lengthy = any(s[0] in ("trong", "thoi") for s in skipped)  # "trong 6 tháng", "thời hạn 6 tháng": a length

        rec = self.recurrence_prefix()
        if rec is not None:
            return rec

        for words, op in ((BEFORE, "before"), (BY, "by")):
            if self.match(words):
                time = self.skip_time()
                if self.is_word("sau"):  # "chậm nhất sau 15 ngày kể từ …"
                    self.i += 1
                counted = self.counted(op)  # type: ignore[arg-type]
                if counted is not None:
                    return counted
                if time is not None:
                    op = "by"  # the day itself counts: the time is on it
                term = self.term(None, op)
                return self.term_suffix(term, op, time)  # type: ignore[arg-type]
        self.skip_time()
        if self.is_word("sau"):
            save = self.i
            self.i += 1
            counted = self.counted(None)
            if counted is not None:
                return counted
            self.i = save
        counted = self.counted(None)
        if counted is not None:
            return counted
        if self.match(FROM):
            return self.from_phrase(start)
        if t.kind == "p" and t.text == "(":
            return self.paren()
        if self.is_num() and self.is_word("ngay", 1) and self.is_p("(", 2):
            # "trong 10 ngày (01/10/2024 - 10/10/2024)"
            self.i += 2
            return Duration(t.value or 0, t.start, t.text, self.paren())
        cadence = self.cadence(every, lengthy, start, ("bao", "cao") in skipped)
        if cadence is not None:
            return cadence
        if self.is_num() and self.is_word("ngay", 1) and self.is_word("lam", 2):
            raise self.fail(
                _("'{words}' gives a length but not what it is counted from").format(
                    words=self.snippet(t.start, self.toks[self.i + 3].end if self.i + 3 < len(self.toks) else self.end_pos())
                ),
                t.start,
                "counted",
                nearest="10 ngày làm việc kể từ ngày ký",
            )

        node = self.term_or_multi(prev_kind)
        if not isinstance(node, TermNode):
            return node
        term = node.term
        if self.range_sep():
            last = self.term(term.kind if term.kind in ("quarter", "month") else None, "range")
            if term.kind == "year" == last.kind and term.src == "explicit" and self.match(FOLLOWING):
                return EveryYearFrom(term, self.snippet(term.pos, self.prev_end()))  # "2024 - 2025 và các năm tiếp theo"
            return self.yearly_range(term, last) or Range(term, last)
        return self.term_suffix(term, None, None)

    def yearly_range(self, first: Term, last: Term) -> Node | None:
        """'từ ngày 1/10 đến ngày 10/10 hằng năm': the same range every year."""
        found = self.recur_unit()
        if found is None or found[1] != "year":
            return None
        pos = self.here()
        self.i += 2
        shown = self.snippet(pos, self.prev_end())
        for term in (first, last):
            self.check_recurring(term, pos, shown)
        return ReportYear(first, 0, None, shown, last)

    def term_suffix(self, term: Term, op: Op | None, time: str | None) -> Node:
        """What may follow a term: 'hằng năm', 'hằng tháng', 'và các năm tiếp
        theo', 'của năm báo cáo' …"""
        suffix = self.recurrence_suffix(term, op)
        if suffix is not None:
            return suffix
        if term.kind == "dayof":
            if term.unit == "month" and term.n == 2:
                raise self.fail(
                    _("'{part}': the month after which? say how often, e.g. 'hằng tháng, trước ngày 05 của tháng sau'").format(
                        part=self.snippet(term.pos, term.end)
                    ),
                    term.pos,
                    "recur",
                    nearest="trước ngày 25 hằng tháng",
                    unknown=self.rest(),
                )
            self.check_recurring(term, term.pos, "")
            return Recur(_unit(term.unit), None, term, self.snippet(term.pos, term.end), op, term.pos)
        found = self.lookup(REPORT_YEAR)
        if found is not None:
            seq, shift = found
            if term.kind not in ("day", "month", "point", "ndays", "months", "quarter"):
                raise self.fail(_("'{words}' needs a day or a month before it").format(words=" ".join(seq)), self.here(), "recur")
            pos = self.here()
            self.i += len(seq)
            self.check_recurring(term, pos, self.snippet(pos, self.prev_end()))
            return ReportYear(term, int(shift), op, self.snippet(pos, self.prev_end()))
        if term.kind == "year" and term.src == "explicit" and self.match(FOLLOWING):
            if op is not None:
                raise self.fail(_("'trước'/'đến' cannot open an endless run of years"), term.pos, "recur")
            return EveryYearFrom(term, self.snippet(term.pos, self.prev_end()))
        if term.kind == "dayonly":
            if not self.item_ends():
                raise self.unexpected("day")
            raise self.fail(_("'{part}' gives a day without its month").format(part=self.snippet(term.pos, term.end)), term.pos, "day")
        if op is None:
            return TermNode(term)
        return Bounded(op, term, time)

    def from_phrase(self, start: int) -> Node:
        cut = self.cutoff(start)
        if cut is not None:
            return cut
        first = self.term(None, "range")
        if self.range_sep():
            last = self.term(first.kind if first.kind in ("quarter", "month") else None, "range")
            yearly = self.yearly_range(first, last)
            if yearly is not None:
                return yearly
            found = self.lookup(REPORT_YEAR)
            if found is not None:  # "từ ngày 01/01 đến ngày 30/06 của năm báo cáo": every year
                pos = self.here()
                self.i += len(found[0])
                shown = self.snippet(pos, self.prev_end())
                for term in (first, last):
                    self.check_recurring(term, pos, shown)
                return ReportYear(first, _int(found[1]), None, shown, last)
            return Range(first, last)
        if first.kind == "year" and first.src == "explicit" and self.match(FOLLOWING):
            return EveryYearFrom(first, self.snippet(start, self.prev_end()))
        if first.kind in ("year", "month", "quarter") and first.src == "explicit" and (self.match(ONWARDS) or self.item_ends()):
            return Ongoing(self.snippet(start, self.prev_end()), first)
        raise self.unexpected("range", _("the end of the range ('đến …' or '- …')"))

    def cutoff(self, start: int) -> Node | None:
        """'tính từ ngày 15 của tháng trước kỳ báo cáo đến ngày 14 của tháng cuối kỳ'."""
        save = self.i
        if not (self.is_word("ngay") and self.is_num(1)):
            return None
        self.i += 1
        d1 = self.take_day(self.toks[self.i])
        self.i += 1
        if self.match(CUTOFF_FIRST) is None:
            self.i = save
            return None
        if not self.range_sep() or not (self.is_word("ngay") and self.is_num(1)):
            raise self.unexpected("range", _("the end of the period ('đến ngày 14 của tháng cuối kỳ')"))
        self.i += 1
        d2 = self.take_day(self.toks[self.i])
        self.i += 1
        if self.match(CUTOFF_LAST) is None:
            raise self.unexpected("range", _("'của tháng cuối kỳ'"))
        shown = self.snippet(start, self.prev_end())
        if self.pending_unit is None:
            # no reports named: in a plan, the reporting period is the plan's year (Điều 12, điểm d)
            return Cutoff("year", d1, d2, shown, implied=True)
        return Cutoff(self.pending_unit, d1, d2, shown)

    pending_unit: Unit | None = None

    def cadence(self, every: bool, lengthy: bool, start: int, reported: bool = False) -> Node | None:
        """'định kỳ 6 tháng' (both halves), '6 tháng' (the first half), '9 tháng'."""
        t = self.peek()
        if t is None or t.kind != "num" or not self.is_word("thang", 1):
            return None
        nxt = self.peek(2)
        if nxt is not None and nxt.kind == "word" and nxt.text in ("dau", "cuoi", "ke", "tinh", "tu", "sau", "nam"):
            return None
        if lengthy:
            return None
        n = t.value
        save = self.i
        self.i += 2
        if self.match(EVERY_N):  # "6 tháng một lần"
            every = True
        shown = self.snippet(start, self.prev_end())
        if every and n == 6:
            return Cadence(((1, 6), (7, 12)), shown)
        if every and n == 3:
            return Cadence(((1, 3), (4, 6), (7, 9), (10, 12)), shown)
        # "6 tháng, hằng năm", "báo cáo 6 tháng": the 6- (or 9-) month report; alone, a bare
        # "6 tháng" may be a length ("thời hạn 6 tháng"), so it is refused
        in_list = self.is_p(",") or self.is_p(";") or self.is_word("va") or (save > 0 and self.toks[save - 1].text in (",", ";", "va"))
        if not every and n in (6, 9) and (reported or in_list):
            return Cadence(((1, n),), shown)
        self.i = save
        return None

    def counted(self, op: Op | None) -> Node | None:
        """'15 ngày kể từ ngày ký', '10 ngày làm việc kể từ …', '30 ngày kể từ ngày kết thúc quý'."""
        t = self.peek()
        if t is None or t.kind != "num":
            return None
        found = self.lookup(COUNT_UNITS, 1)
        if found is None:
            return None
        seq, unit = found
        k = 1 + len(seq)
        save = self.i
        self.i += k
        if self.match(COUNT_FROM) is None:
            self.i = save
            return None
        if t.value is None or not 0 < t.value <= 3660:
            raise self.fail(_("'{n}' is not a count of days").format(n=t.text), t.start, "counted")
        start = t.start
        if self.match(SIGNING):
            anchor: object = "signing"
        else:
            end = self.lookup(PERIOD_ENDS)
            if end is not None:
                self.i += len(end[0])
                anchor = end[1]
            elif self.is_word("ngay") and self.is_num(1):
                anchor = self.term(None, "counted")
                if anchor.kind != "day":
                    raise self.fail(_("count from a whole date: 'kể từ ngày 1/7/2024'"), anchor.pos, "counted")
            else:
                raise self.unexpected("counted", _("what the period is counted from ('ngày ký', 'ngày kết thúc quý', a date)"))
        shown = self.snippet(start, self.prev_end())
        return Counted(t.value, str(unit), anchor, op, shown, start)  # type: ignore[arg-type]

    def paren(self) -> Node:
        open_tok = self.peek()
        assert open_tok is not None
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(_("too many nested parentheses"), open_tok.start, "paren")
        self.i += 1
        inner = self.alternatives()
        if not self.is_p(")"):
            if self.peek() is None:
                raise self.fail(_("the parenthesis is not closed"), open_tok.start, "paren")
            raise self.unexpected()
        self.i += 1
        self.depth -= 1
        return Paren(inner)

    def range_sep(self) -> bool:
        if self.is_p("-"):
            self.i += 1
            return True
        return self.match(RANGE_SEP) is not None

    def recur_unit(self, k: int = 0) -> tuple[Tok, Unit] | None:
        t = self.peek(k)
        unit_tok = self.peek(k + 1)
        if t is None or t.kind != "word" or t.text not in RECURRING or unit_tok is None:
            return None
        unit = RECUR_UNITS.get(unit_tok.text)
        if unit is None or unit_tok.kind != "word":
            return None
        return unit_tok, unit

    def recurrence_prefix(self) -> Node | None:
        t = self.peek()
        if t is None or t.kind != "word" or t.text not in RECURRING:
            return None
        unit_tok = self.peek(1)
        found = self.recur_unit()
        if found is None:
            if unit_tok is not None and unit_tok.kind == "word" and unit_tok.text == "ngay":
                raise self.fail(
                    _("'{words}' is not a deadline cdsplan can list").format(words=self.snippet(t.start, unit_tok.end)),
                    t.start,
                    "recur",
                    nearest="Thường xuyên",
                )
            return None
        unit_tok, unit = found
        self.i += 2
        years = self.recurrence_years()
        shown = self.snippet(t.start, unit_tok.end)
        save = self.i
        comma = self.is_p(",")
        if comma:
            self.i += 1
        self.skip_fillers()
        for opener in (("tinh", "tu"), ("tu",)):
            if self.at(opener):
                before_cut = self.i
                self.pending_unit = unit
                self.i += len(opener)
                try:
                    node = self.cutoff(t.start)
                finally:
                    self.pending_unit = None
                if node is not None:
                    return node
                self.i = before_cut
                break
        op: Op | None = "before" if self.match(BEFORE) else "by" if self.match(BY) else None
        if op is not None:
            self.skip_time()
        nxt = self.peek()
        starts_term = nxt is not None and (
            nxt.kind == "num" or (nxt.kind == "word" and nxt.text in ("ngay", "thang", "quy", "dau", "giua", "cuoi"))
        )
        if op is None and (not starts_term or (comma and unit not in ("year", "month"))):
            self.i = save
            return Recur(unit, years, None, shown, None, t.start)
        if unit in ("quarter", "week"):
            term = self.term(None, op or "recur")
            if term.kind == "dayof" and term.unit == unit:
                self.check_recurring(term, t.start, shown)
                return Recur(unit, years, term, shown, op, t.start)
            raise self.fail(
                _(
                    "'{words}' cannot be given a day without its month: only 'hằng năm' and 'hằng tháng' repeat a day"
                    " (for quarters, e.g. 'ngày 10 của tháng cuối quý')"
                ).format(words=shown),
                t.start,
                "recur",
                nearest="ngày 10 của tháng cuối quý",
            )
        term = self.term(None, op or "recur")
        if unit == "month":
            if term.kind not in ("dayonly", "dayof"):
                raise self.fail(
                    _("'{words}' repeats a day of the month: write 'hằng tháng, trước ngày 25'").format(words=shown),
                    t.start,
                    "recur",
                )
            self.check_monthly(term, t.start, shown)
            return Recur("month", years, term, shown, op, t.start)
        self.check_recurring(term, t.start, shown)
        return Recur("year", years, term, shown, op, t.start)

    def check_monthly(self, term: Term, pos: int, shown: str) -> None:
        if term.kind == "dayonly" and term.a is not None and term.a > 28:
            raise self.fail(
                _("not every month has a day {day}: '{text}' would fall on different days").format(day=term.a, text=self.whole()),
                term.pos,
                "recur",
                nearest="trước ngày 25 hằng tháng",
            )
        if term.kind == "dayonly":
            term.kind, term.unit, term.n = "dayof", "month", 1
        term.src = "recurring"

    def recurrence_suffix(self, term: Term, op: Op | None = None) -> Node | None:
        found = self.recur_unit()
        if found is None:
            return None
        t = self.toks[self.i]
        unit_tok, unit = found
        shown = self.snippet(t.start, unit_tok.end)
        if unit == "month" and term.kind in ("dayonly", "dayof"):
            self.check_monthly(term, t.start, shown)
            self.i += 2
            years = self.recurrence_years()
            return Recur("month", years, term, shown, op, t.start)
        if unit != "year" or term.kind not in ("day", "month", "quarter", "point", "months", "ndays"):
            raise self.fail(
                _("cannot repeat '{part}' {words}").format(part=self.snippet(term.pos, term.end), words=shown), t.start, "recur"
            )
        self.check_recurring(term, t.start, shown)
        self.i += 2
        years = self.recurrence_years()
        return Recur("year", years, term, shown, op, t.start)

    def check_recurring(self, term: Term, pos: int, shown: str) -> None:
        if term.kind not in ("day", "month", "quarter", "point", "months", "ndays", "dayof", "week"):
            raise self.fail(_("cannot repeat '{part}' {words}").format(part=self.snippet(term.pos, term.end), words=shown), pos, "recur")
        if term.src == "explicit":
            raise self.fail(
                _("'{part}' has a year and '{words}' repeats it every year").format(
                    part=self.snippet(term.pos, term.end), words=shown or self.snippet(pos, self.end_pos())
                ),
                pos,
                "recur",
            )
        term.src = "recurring"

    def recurrence_years(self) -> tuple[int, int] | None:
        """Optional explicit years after 'hằng năm': 'giai đoạn 2023-2025', 'năm 2024'."""
        save = self.i
        since = self.at(("tu", "nam")) and self.is_num(2)
        if since:
            self.i += 2
        self.match(_YEARS_LEAD)
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
                    raise self.fail(_("the period ends ({end}) before it starts ({start})").format(end=y2, start=y1), t2.start, "range")
            else:
                self.i = save2
        if since and y2 == y1 and save2 == self.i:
            return (y1, 0)  # "hằng năm từ năm 2025": to the plan's horizon
        return (y1, y2)

    def term_or_multi(self, prev_kind: str | None) -> Node:
        # "6/9 tháng đầu năm [Y]": two occurrences (first 6 and first 9 months)
        if (
            self.is_num()
            and self.is_p("/", 1)
            and self.is_num(2)
            and self.at(("thang",), 3)
            and (self.at(("dau", "nam"), 4) or self.at(("cuoi", "nam"), 4))
        ):
            n1, n2 = self.toks[self.i], self.toks[self.i + 2]
            edge = self.toks[self.i + 4].text
            self.i += 6
            terms = [self.months_term(ntok, edge, n1.start) for ntok in (n1, n2)]
            for term in terms:
                self.opt_bare_year(term)
                self.opt_year(term, allow_slash=False)
            if terms[0].src == "explicit":
                terms[1].year, terms[1].src = terms[0].year, "explicit"
            return Multi(tuple(terms), f"{n1.text}/{n2.text} tháng {'đầu' if edge == 'dau' else 'cuối'} năm")
        return TermNode(self.term(prev_kind, ""))

    def months_term(self, ntok: Tok, edge: str, pos: int) -> Term:
        if ntok.value is None or not 1 <= ntok.value <= 12:
            raise self.fail(_("'{n} tháng' is not within a year").format(n=ntok.text), ntok.start, "month")
        n = ntok.value
        if edge == "dau":
            return self.new_term("months", pos, 1, n)
        return self.new_term("months", pos, 13 - n, 12)

    def term(self, prev_kind: str | None, hint: str) -> Term:
        """One unit of time, as written."""
        t = self.peek()
        if t is None:
            raise self.unexpected(hint)
        pos = t.start

        if t.kind == "iso":
            self.i += 1
            y, m, d = (int(x) for x in t.text.split("-"))
            if not MIN_YEAR <= y <= MAX_YEAR:
                raise self.fail(_("year {year} is outside {low}..{high}").format(year=y, low=MIN_YEAR, high=MAX_YEAR), t.start, "year")
            if not 1 <= m <= 12:
                raise self.fail(_("month {month} does not exist (months are 1…12)").format(month=m), t.start + 5, "month")
            term = self.new_term("day", pos, d, m)
            term.year, term.src = y, "explicit"
            return self.finish(term)

        if t.kind == "word":
            w = t.text
            if w == "ngay":
                self.i += 1
                return self.day_term(pos, self.next_num(_("a day number after 'ngày'"), "day"))
            if w == "thang" or (w == "t" and self.is_num(1) and self.toks[self.i + 1].tight and self.is_p("/", 2)):
                self.i += 1  # "tháng 6", "T6/2024"
                term = self.new_term("month", pos, self.month_value())
                self.opt_year(term)
                return self.finish(term)
            dotted = self.is_p(".", 1) and self.peek(2) is not None and (self.is_num(2) or self.toks[self.i + 2].text in ROMAN)
            if w in QUARTER_SPELLINGS and (w != "q" or self.is_num(1) or dotted):
                self.i += 2 if dotted else 1  # "Quý IV", "Q3", "Q.IV/2024"
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
            if w == "tuan":
                return self.week_term(pos)
            half = self.lookup(HALVES)
            if half is not None:
                self.i += len(half[0])
                a, b = half[1]
                term = self.new_term("months", pos, a, b)
                self.opt_bare_year(term)
                self.opt_year(term, allow_slash=False)
                return self.finish(term)
            if w in EDGES:
                return self.point_term(pos, EDGES[w])
            if prev_kind == "quarter" and (w in ROMAN or w in QUARTER_WORDS):
                term = self.new_term("quarter", pos, self.quarter_number())
                self.opt_year(term)
                return self.finish(term)
            if prev_kind == "month" and w in ROMAN:
                term = self.new_term("month", pos, self.month_value())
                self.opt_year(term)
                return self.finish(term)
            raise self.unexpected(hint)

        if t.kind == "num":
            return self.number_term(prev_kind, hint)

        if t.kind == "p" and t.text == "(" and hint in ("range", "before", "by"):
            raise self.fail(_("a parenthesised expression cannot be one end of a range or follow 'trước'/'đến'"), t.start, hint)
        raise self.unexpected(hint)

    def week_term(self, pos: int) -> Term:
        """'tuần đầu tháng 10', 'tuần thứ hai của tháng 10', 'tuần cuối tháng 12/2024'."""
        self.i += 1
        found = self.lookup(WEEK_ORDINALS)
        if found is None:
            raise self.unexpected("point", _("which week: 'tuần đầu tháng 10', 'tuần cuối tháng 10'"))
        self.i += len(found[0])
        self.match(_OF)
        if not self.is_word("thang"):
            raise self.unexpected("point", _("the month of the week: 'tuần đầu tháng 10'"))
        self.i += 1
        term = self.new_term("week", pos, _int(found[1]), self.month_value())
        self.opt_year(term)
        return self.finish(term)

    def quarter_number(self) -> int:
        t = self.peek()
        if t is None:
            raise self.unexpected("quarter", _("a quarter number after 'quý'"))
        if t.kind == "word" and t.text in ROMAN and ROMAN[t.text] <= 4:
            self.i += 1
            return ROMAN[t.text]
        if t.kind == "word" and t.text in QUARTER_WORDS:
            self.i += 1
            return QUARTER_WORDS[t.text]
        if t.kind == "num" and t.value is not None and 1 <= t.value <= 4 and len(t.text) <= 2:
            self.i += 1
            return t.value
        if t.kind in ("num", "word"):
            raise self.fail(_("quarter '{q}' does not exist").format(q=self.snippet(t.start, t.end)), t.start, "quarter")
        raise self.unexpected("quarter", _("a quarter number after 'quý'"))

    def point_term(self, pos: int, edge: str) -> Term:
        self.i += 1
        if self.is_word("thang"):
            self.i += 1
            if not (self.is_num() or (self.peek() is not None and self.peek().kind == "word")):  # type: ignore[union-attr]
                raise self.unexpected("point", _("a month number"))
            term = self.new_term("point", pos)
            term.unit, term.n = "month", self.month_value()
        elif self.peek() is not None and self.peek().text in QUARTER_SPELLINGS:  # type: ignore[union-attr]
            if edge == "middle":
                raise self.fail(_("'giữa quý' has no fixed day"), pos, "point")
            self.i += 1
            term = self.new_term("point", pos)
            term.unit, term.n = "quarter", self.quarter_number()
        elif self.is_word("nam"):
            self.i += 1
            term = self.new_term("point", pos)
            term.unit = "year"
            self.opt_bare_year(term)
            term.edge = edge
            return self.finish(term)
        else:
            words = {"start": "đầu", "middle": "giữa", "end": "cuối"}[edge]
            raise self.unexpected("point", _("'tháng …', 'quý …' or 'năm' after '{edge}'").format(edge=words))
        term.edge = edge
        self.opt_year(term)
        return self.finish(term)

    def day_term(self, pos: int, dtok: Tok) -> Term:
        """After 'ngày' (or a bare number followed by '/'): D/M[/Y], D-M[-Y],
        D tháng M [năm Y], D của tháng cuối quý, or D."""
        day = self.take_day(dtok)
        if (self.is_p("/") or (self.is_p("-") and self.peek().tight and dtok.tight is False)) and self.is_num(1):  # type: ignore[union-attr]
            sep = self.peek().text  # type: ignore[union-attr]
            mtok = self.toks[self.i + 1]
            if sep == "-" and (not mtok.tight or self.is_p("/", 2) or len(mtok.text) > 2):
                return self.finish(self.new_term("dayonly", pos, day))  # "ngày 15 - 20/9": a range
            self.i += 2
            term = self.new_term("day", pos, day, self.take_month(mtok))
            if self.is_p(sep) and self.is_num(1):
                ytok = self.toks[self.i + 1]
                self.i += 2
                term.year, term.src = self.take_year(ytok), "explicit"
            else:
                self.opt_year(term, allow_slash=False)
            return self.finish(term)
        of = 1 if self.is_word("cua") else 0
        found = self.lookup(MONTH_OF_PERIOD, of)
        if found is not None and not self.raw_matches(found[0], of):
            found = None  # "ngày 15 tháng Sáu" is June, not "tháng sau"
        if found is not None:
            self.i += of + len(found[0])
            term = self.new_term("dayof", pos, day)
            term.unit, term.n = found[1]
            term.src = "recurring"
            return self.finish(term)
        if self.is_word("thang") and (self.is_num(1) or (self.peek(1) is not None and self.peek(1).kind == "word")):  # type: ignore[union-attr]
            save = self.i
            self.i += 1
            try:
                month = self.month_value()
            except Fail:
                self.i = save
                return self.finish(self.new_term("dayonly", pos, day))
            term = self.new_term("day", pos, day, month)
            self.opt_year(term, allow_slash=True)
            return self.finish(term)
        return self.finish(self.new_term("dayonly", pos, day))

    def number_term(self, prev_kind: str | None, hint: str) -> Term:
        t = self.toks[self.i]
        pos = t.start
        # N ngày đầu/cuối tháng M | trong N ngày (D1 - D2)
        if self.is_word("ngay", 1):
            if (self.is_word("dau", 2) or self.is_word("cuoi", 2)) and self.is_word("thang", 3):
                edge = "start" if self.toks[self.i + 2].text == "dau" else "end"
                self.i += 4
                if t.value is None or not 1 <= t.value <= 31:
                    raise self.fail(_("'{n} ngày' is not within a month").format(n=t.text), t.start, "duration")
                term = self.new_term("ndays", pos, t.value, self.month_value())
                term.edge = edge
                self.opt_year(term)
                return self.finish(term)
            if self.is_p("(", 2):
                raise self.fail(
                    _("'{part} (…)' cannot be used here").format(part=self.snippet(t.start, self.toks[self.i + 1].end)),
                    t.start,
                    "duration",
                )
            raise self.fail(
                _("'{part}' gives a length but no dates").format(part=self.snippet(t.start, self.toks[self.i + 1].end)),
                t.start,
                "duration",
                nearest="trong vòng 10 ngày kể từ ngày ký",
                unknown=self.rest(2) or None,
            )
        # N tháng đầu/cuối năm [Y]
        if self.is_word("thang", 1) and (self.is_word("dau", 2) or self.is_word("cuoi", 2)) and self.is_word("nam", 3):
            edge = self.toks[self.i + 2].text
            self.i += 4
            term = self.months_term(t, edge, pos)
            self.opt_bare_year(term)
            self.opt_year(term, allow_slash=False)
            return self.finish(term)
        if (
            self.is_word("thang", 1)
            and self.is_word("nam", 2)
            and self.is_num(3)
            and len(self.toks[self.i + 3].text) == 4
            and t.value is not None
            and 1 <= t.value <= 12
        ):  # "9 tháng năm 2024", "10 tháng năm 2025": the first months of that year
            self.i += 4
            term = self.new_term("months", pos, 1, t.value)
            term.year, term.src = self.take_year(self.toks[self.i - 1]), "explicit"
            return self.finish(term)
        if self.is_word("thang", 1):
            part = self.snippet(t.start, self.toks[self.i + 1].end)
            raise Fail(
                _("'{part}' is a length of time, or reports every {part}, but no dates").format(part=part),
                t.start,
                _(
                    "for reports write 'định kỳ {part}' or '{part} và cả năm'; for the first months '{part} đầu năm';"
                    " for a period 'trong vòng {part} kể từ ngày ký'"
                ).format(part=part),
                nearest="định kỳ 6 tháng" if t.value == 6 else "6 tháng đầu năm",
                unknown=self.rest(2) or (part,),
            )
        # D-M-YYYY written with hyphens, no spaces
        if (
            len(t.text) <= 2
            and self.is_p("-", 1)
            and self.is_num(2)
            and self.is_p("-", 3)
            and self.is_num(4)
            and len(self.toks[self.i + 2].text) <= 2
            and len(self.toks[self.i + 4].text) == 4
            and all(self.toks[self.i + k].tight for k in (1, 2, 3, 4))
        ):
            self.i += 1
            return self.day_term(pos, t)
        # D/M/Y, M/YYYY, D/M
        if self.is_p("/", 1) and self.is_num(2):
            second = self.toks[self.i + 2]
            if len(t.text) == 4:
                raise self.fail(
                    _("'{part}…' puts the year first").format(part=self.snippet(t.start, second.end)),
                    t.start,
                    _("write dates day/month/year as Vietnamese documents do (10/10/2024), or ISO year-month-day with dashes (2024-10-10)"),
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
        if len(t.text) <= 2 and (self.is_p("-", 1) or any(self.at(s, 1) for s in RANGE_SEP)):
            self.i += 1
            return self.finish(self.new_term("dayonly", pos, self.take_day(t)))
        if self.peek(1) is not None and self.peek(1).text in HOUR_WORDS:  # type: ignore[union-attr]
            raise self.fail(
                _("'{part}' is a time of day; put it before its day").format(part=self.snippet(t.start, self.toks[self.i + 1].end)),
                t.start,
                "time",
                nearest="trước 17h00 ngày 20/5/2025",
            )
        if len(t.text) in (2, 3) or len(t.text) > 4:
            raise self.fail(_("'{n}' is not a year, a date or a month").format(n=t.text), t.start, "year")
        raise self.unexpected(hint)


def _int(value: object) -> int:
    assert isinstance(value, int)
    return value


def _unit(value: str | None) -> Unit:
    assert value in ("year", "quarter", "month", "week")
    return value  # type: ignore[return-value]


def _term_kind(node: Node) -> str | None:
    return node.term.kind if isinstance(node, TermNode) else None
