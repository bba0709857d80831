"""The one evaluator: syntax nodes + the plan's context -> windows and notes.

It resolves the years a text leaves out (later in the text, else the plan's),
applies Bộ luật Dân sự 2015 Điều 146–148 (:mod:`.law`), expands recurrences over
the plan's years — never an occurrence that ends before the plan begins — and
writes, in plain words, how it read the text (the notes ``cdsplan when`` shows).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from cdsplan.i18n import _, ngettext

from .core import MAX_OCCURRENCES, Context, Window
from .fail import Fail, hints
from .law import COUNTING_RULES, POINTS, count_period, last_day
from .nodes import (
    Alt,
    Bounded,
    Cadence,
    Counted,
    Cutoff,
    Duration,
    EveryYearFrom,
    Immediately,
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
    ReportYear,
    Term,
    TermNode,
    Undated,
)
from .parser import Parser

_ONE_DAY = timedelta(days=1)
_EDGE_WORDS = {"start": "đầu", "middle": "giữa", "end": "cuối"}
_UNIT_WORDS = {"month": "tháng", "quarter": "quý", "year": "năm"}

#: where Undated and Ongoing windows sort: after the dated ones, in this order
KIND_ORDER = {"dated": 0, "ongoing": 1, "undated": 2}


def sort_key(w: Window) -> tuple[int, date, date, str]:
    return (KIND_ORDER[w.kind], w.deadline or date.max, w.start or date.min, w.label or "")


def _dmy(d: date) -> str:
    return f"{d.day}/{d.month}/{d.year}"


class Evaluator:
    def __init__(self, parser: Parser, parsed: Parsed, ctx: Context) -> None:
        self.p = parser
        self.parsed = parsed
        self.ctx = ctx
        self.notes: list[str] = []
        self.year_sources: dict[str, list[str]] = {}
        self.empty: tuple[str, int] | None = None  # a recurrence left with no occurrence by the plan's start

    # -- helpers ----------------------------------------------------------- #

    def shown(self, term: Term) -> str:
        return self.p.snippet(term.pos, term.end)

    def note(self, line: str) -> None:
        if line not in self.notes:
            self.notes.append(line)

    def fail(self, message: str, pos: int | None, hint: str = "", **kw: str | None) -> Fail:
        return Fail(message, pos, hints().get(hint, hint) if hint else None, **kw)  # type: ignore[arg-type]

    def run(self) -> list[Window]:
        self.resolve_years()
        windows = self.eval(self.parsed.node)
        if not windows:
            shown, pos = self.empty or (self.p.whole(), 0)
            raise self.fail(
                _("every occurrence of '{text}' ends before the plan begins ({day})").format(
                    text=shown, day=self.ctx.plan_begins.isoformat()
                ),
                pos,
                _("name years the plan covers, or check the plan's decision.date"),
            )
        if self.parsed.time is not None:
            self.note(_("'{time}' is a time of day: the day counts, the time is kept here").format(time=self.parsed.time))
        self.notes[:0] = self.year_notes()
        if len(windows) > MAX_OCCURRENCES:
            raise self.too_many(len(windows))
        windows.sort(key=sort_key)
        return windows

    def too_many(self, n: int) -> Fail:
        return self.fail(
            ngettext(
                "'{text}' gives {n} occurrence, more than the {limit} one deadline may have",
                "'{text}' gives {n} occurrences, more than the {limit} one deadline may have",
                n,
            ).format(text=self.p.whole(), n=n, limit=MAX_OCCURRENCES),
            0,
            _("give the plan a shorter period, or list the occurrences as milestones"),
        )

    # -- years ------------------------------------------------------------- #

    def resolve_years(self) -> None:
        carry: Term | None = None
        for term in reversed(self.parsed.terms):
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

    def year_note(self, term: Term) -> None:
        """Remember where a term's year came from; notes are written by year_notes()."""
        if term.src == "carried" and term.carrier is not None:
            key = _("{year}, as in '{part}'").format(year=term.year, part=self.shown(term.carrier))
        elif term.src == "plan":
            if self.ctx.first_year == self.ctx.last_year:
                key = _("{year}, the plan's year").format(year=term.year)
            else:
                key = _("{year}, the first year of the plan's period {first}-{last}").format(
                    year=term.year, first=self.ctx.first_year, last=self.ctx.last_year
                )
        else:
            return
        shown = f"'{self.shown(term)}'"
        group = self.year_sources.setdefault(key, [])
        if shown not in group:
            group.append(shown)

    def year_notes(self) -> list[str]:
        # translators: {parts}: the quoted words without a year; {source}: where the year came from ("2024, the plan's year")
        return [_("no year in {parts}: {source}").format(parts=", ".join(shown), source=key) for key, shown in self.year_sources.items()]

    # -- bounds -------------------------------------------------------------- #

    def point_note(self, edge: str, unit: str) -> None:
        rule = POINTS[(edge, unit)]
        line = _("{words} ({source})").format(words=_(rule.words), source=_(rule.source))
        if (edge, unit) == ("end", "year"):
            line += _("; as a window it is the last quarter, 1/10 → 31/12")
        self.note(line)

    def bounds(self, term: Term, year: int) -> tuple[date, date, date | None]:
        """(first day, last day, point) of a term in a given year; point is set for
        đầu/giữa/cuối (Điều 146) and single days."""
        kind = term.kind
        a = term.a or 0
        try:
            if kind == "day":
                d = date(year, term.b or 0, a)
                return d, d, d
            if kind == "month":
                return date(year, a, 1), last_day(year, a), None
            if kind == "quarter":
                m = 3 * a - 2
                return date(year, m, 1), last_day(year, m + 2), None
            if kind == "year":
                return date(year, 1, 1), date(year, 12, 31), None
            if kind == "months":
                return date(year, a, 1), last_day(year, term.b or 0), None
            if kind == "ndays":
                month = term.b or 0
                last = last_day(year, month)
                if a > last.day:
                    raise self.fail(
                        _("tháng {month}/{year} has only {days} days, not {n}").format(month=month, year=year, days=last.day, n=a),
                        term.pos,
                        "duration",
                    )
                if term.edge == "start":
                    return date(year, month, 1), date(year, month, a), None
                return date(year, month, last.day - a + 1), last, None
            if kind == "week":
                month = term.b or 0
                last = last_day(year, month)
                first_d = last - timedelta(days=6) if a == -1 else date(year, month, 7 * (a - 1) + 1)
                self.note(_("a week of a month is read as seven days: the first is days 1-7, the last the month's last seven days"))
                return first_d, min(first_d + timedelta(days=6), last), None
            if kind == "point":
                unit, n = term.unit or "year", term.n
                edge = term.edge or "end"
                p = POINTS[(edge, unit)].day(year, n or 1)
                self.point_note(edge, unit)
                if (unit, edge) == ("year", "end"):
                    return date(year, 10, 1), p, p
                return p, p, p
        except ValueError:
            if kind == "day":
                month = term.b or 0
                days = calendar.monthrange(year, month)[1]
                raise self.fail(
                    _("'{part}' is not a date: tháng {month}/{year} has {days} days").format(
                        part=self.shown(term), month=month, year=year, days=days
                    ),
                    term.pos,
                    "day",
                ) from None
            raise
        if kind == "dayonly":
            raise self.fail(_("'{part}' gives a day without its month").format(part=self.shown(term)), term.pos, "day")
        raise AssertionError(kind)  # pragma: no cover

    def single(self, term: Term) -> tuple[date, date, date | None]:
        if term.kind == "dayonly":
            raise self.fail(_("'{part}' gives a day without its month").format(part=self.shown(term)), term.pos, "day")
        if term.kind == "dayof":
            raise self.fail(_("'{part}' repeats; say how often, e.g. 'hằng quý'").format(part=self.shown(term)), term.pos, "recur")
        assert term.year is not None
        self.year_note(term)
        return self.bounds(term, term.year)

    def op_deadline(self, op: Op, shown: str, first: date, last: date, point: date | None) -> date:
        """The deadline of 'trước X' (strict unless before_inclusive) or 'đến X'."""
        if op == "by":
            return point or last
        if self.ctx.before_inclusive:
            self.note(_("before_inclusive is set: 'trước {part}' includes {part}").format(part=shown))
            return point or last
        self.note(_("strictly before {part}; set before_inclusive for the inclusive reading").format(part=shown))
        return (point or first) - _ONE_DAY

    # -- the plan's start ------------------------------------------------------ #

    def from_begins(self, windows: list[Window], shown: str, pos: int) -> list[Window]:
        """A recurrence never yields an occurrence that ends before the plan begins."""
        begins = self.ctx.plan_begins
        kept = [w for w in windows if w.deadline is None or w.deadline >= begins]
        dropped = len(windows) - len(kept)
        if dropped and not kept and self.empty is None:
            self.empty = (shown, pos)  # refused in run() if nothing else of the text remains
        if dropped and (self.ctx.signed is not None or self.ctx.begins is not None):
            self.note(
                ngettext(
                    "{n} occurrence ending before the plan begins ({day}) is left out",
                    "{n} occurrences ending before the plan begins ({day}) are left out",
                    dropped,
                ).format(n=dropped, day=_dmy(begins))
            )
        elif dropped:
            self.note(
                ngettext(
                    "{n} occurrence ending before the plan's first year is left out",
                    "{n} occurrences ending before the plan's first year are left out",
                    dropped,
                ).format(n=dropped)
            )
        return kept

    def plan_years(self, years: tuple[int, int] | None) -> tuple[range, str]:
        if years is not None and years[1] == 0:  # from a year to the plan's horizon
            years = (years[0], max(years[0], self.ctx.last_horizon_year))
        ys = range(years[0], years[1] + 1) if years else self.ctx.years
        where = f"{ys[0]}" if len(ys) == 1 else f"{ys[0]}-{ys[-1]}"
        if not years:
            where += _(" (the plan's year)") if len(ys) == 1 else _(" (the plan's period)")
        return ys, where

    def check_size(self, n: int) -> None:
        if n > MAX_OCCURRENCES:
            raise self.too_many(n)

    # -- nodes -------------------------------------------------------------- #

    def eval(self, node: Node) -> list[Window]:
        if isinstance(node, TermNode):
            first, last, _point = self.single(node.term)
            return [Window(first, last)]
        if isinstance(node, Multi):
            self.note(_("'{words}' is read as two occurrences, one per period").format(words=node.shown))
            return [Window(*self.single(t)[:2]) for t in node.terms]
        if isinstance(node, Bounded):
            first, last, point = self.single(node.term)
            if node.time is not None:
                return [Window(None, point or last)]
            return [Window(None, self.op_deadline(node.op, self.shown(node.term), first, last, point))]
        if isinstance(node, Range):
            return [self.eval_range(node.first, node.last)]
        if isinstance(node, Recur):
            return self.eval_recur(node)
        if isinstance(node, ReportYear):
            return self.eval_report_year(node)
        if isinstance(node, Cadence):
            return self.eval_cadence(node)
        if isinstance(node, Cutoff):
            return self.eval_cutoff(node)
        if isinstance(node, Paren):
            return self.eval(node.inner)
        if isinstance(node, Narrow):
            outer = self.single(node.outer)
            inner = self.single(node.inner)
            if inner[0] < outer[0] or inner[1] > outer[1]:
                raise self.fail(
                    _("'({part})' is not within '{outer}'").format(part=node.shown, outer=self.shown(node.outer)),
                    node.inner.pos,
                    "range",
                )
            self.note(_("'({part})' narrows '{outer}'").format(part=node.shown, outer=self.shown(node.outer)))
            return [Window(inner[0], inner[1])]
        if isinstance(node, Duration):
            return self.eval_duration(node)
        if isinstance(node, Ongoing):
            return [self.eval_ongoing(node)]
        if isinstance(node, Undated):
            self.note(_("'{words}': no deadline, on purpose (never due nor overdue)").format(words=node.shown))
            return [Window(None, None, kind="undated")]
        if isinstance(node, EveryYearFrom):
            return self.eval_every_year_from(node)
        if isinstance(node, Counted):
            return self.eval_counted(node)
        if isinstance(node, Immediately):
            signed = self.signed(node.shown, node.pos)
            self.note(_("'{words}': at once, from the day the plan is signed ({day})").format(words=node.shown, day=_dmy(signed)))
            return [Window(signed, signed)]
        if isinstance(node, ListNode):
            return self.eval_list(node)
        if isinstance(node, Alt):
            return self.eval_alt(node)
        raise AssertionError(node)  # pragma: no cover

    def eval_list(self, node: ListNode) -> list[Window]:
        out: list[Window] = []
        undated: list[str] = []
        for item in node.items:
            if len(node.items) > 1 and isinstance(item.node, Undated):
                undated.append(item.node.shown)  # "hằng năm và đột xuất": no window of its own
                continue
            ws = self.eval(item.node)
            if item.label is not None or item.note is not None:
                ws = [Window(w.start, w.deadline, w.label or item.label, w.kind, item.note or w.note) for w in ws]
            if item.note is not None:
                self.note(_("'{words}': a horizon, kept as a note; the deadline is the first part").format(words=item.note))
            if len(node.items) > 1 and ws and all(w.kind == "undated" for w in ws):
                undated.append(getattr(item.node, "shown", ""))
                continue
            out.extend(ws)
        if not out:
            if undated:
                self.note(_("{words}: no deadline, on purpose (never due nor overdue)").format(words=", ".join(f"'{u}'" for u in undated)))
                return [Window(None, None, kind="undated")]
            return []
        if undated:
            self.note(_("{words}: also when needed, without a deadline").format(words=", ".join(f"'{u}'" for u in undated)))
        if len(node.items) > 1:
            self.note(
                ngettext("a list: {n} occurrence, one per item", "a list: {n} occurrences, one per item", len(out)).format(n=len(out))
            )
        return out

    def eval_alt(self, node: Alt) -> list[Window]:
        ws: list[Window] = []
        for sub in node.items:
            ws.extend(self.eval(sub))
        if not ws:
            return []
        if any(w.kind != "dated" for w in ws):
            raise self.fail(_("'hoặc' joins dated windows only"), 0, "range")
        starts = [w.start for w in ws]
        start = None if any(s is None for s in starts) else min(s for s in starts if s is not None)
        labels = {w.label for w in ws}
        label = labels.pop() if len(labels) == 1 else None
        self.note(_("'hoặc' (or): one window from the earliest start to the latest deadline"))
        return [Window(start, max(w.deadline for w in ws if w.deadline is not None), label)]

    def range_end(self, term: Term, which: int) -> date:
        assert term.year is not None
        first, last, point = self.bounds(term, term.year)
        if point is not None:
            return point
        return first if which == 0 else last

    def eval_range(self, t1: Term, t2: Term) -> Window:
        if t2.kind == "dayonly":
            raise self.fail(_("'{part}' gives a day without its month").format(part=self.shown(t2)), t2.pos, "range")
        partial = t1.kind == "dayonly"
        if partial:
            if t2.kind != "day":
                raise self.fail(_("'{part}' gives a day without its month").format(part=self.shown(t1)), t1.pos, "range")
            t1.kind, t1.b, t1.year, t1.src, t1.carrier = "day", t2.b, t2.year, "carried", t2
        elif t1.src == "explicit" and t2.src == "plan":
            # "từ 15/12/2023 đến 10/1": the end takes the start's year
            t2.year, t2.src, t2.carrier = t1.year, "carried", t1
        for t in (t1, t2):
            if t.kind in ("dayof", "week") and t.src == "recurring":
                raise self.fail(_("'{part}' cannot end a range").format(part=self.shown(t)), t.pos, "range")
        start = self.range_end(t1, 0)
        end = self.range_end(t2, 1)
        if start > end and not partial:
            if (t2.src == "carried" and t2.carrier is t1) or (t1.src == "plan" and t2.src == "plan"):
                t2.year = (t2.year or 0) + 1
                end = self.range_end(t2, 1)
                self.note(_("the range runs into the next year: it ends in {year}").format(year=t2.year))
            elif t1.src == "carried":
                t1.year = (t1.year or 0) - 1
                start = self.range_end(t1, 0)
                partial = True  # the note below says where the year came from
                self.note(
                    _("no year in '{first}': {year}, the year before '{last}', so that the range runs forward").format(
                        first=self.shown(t1), year=t1.year, last=self.shown(t2)
                    )
                )
        if start > end:
            raise self.fail(
                _("the range ends ({end}) before it starts ({start})").format(end=end.isoformat(), start=start.isoformat()),
                t2.pos,
                "range",
            )
        if not partial:
            self.year_note(t1)
        self.year_note(t2)
        return Window(start, end)

    def dated(self, op: Op | None, shown: str, first: date, last: date, point: date | None, start: date | None = None) -> Window:
        if op is None:
            return Window(start or first, last if point is None else point)
        return Window(None, self.op_deadline(op, shown, first, last, point))

    def eval_recur(self, node: Recur) -> list[Window]:
        ys, where = self.plan_years(node.years)
        term = node.term
        out: list[Window] = []
        if term is not None and term.kind == "dayof":
            return self.eval_day_of(node, ys, where)
        if term is not None:
            for y in ys:
                first, last, point = self.bounds(term, y)
                out.append(self.dated(node.op, self.shown(term), first, last, point))
            what = {"before": "trước ", "by": "đến "}.get(node.op or "", "") + self.shown(term)
            self.note(
                ngettext(
                    "'{what} {words}': once a year, {where}: {n} occurrence",
                    "'{what} {words}': once a year, {where}: {n} occurrences",
                    len(out),
                ).format(what=what, words=node.shown, where=where, n=len(out))
            )
            return self.from_begins(out, node.shown, node.pos)
        per = {"year": 1, "quarter": 4, "month": 12, "week": 53}[node.unit]
        self.check_size(per * len(ys))
        if node.unit == "week":
            out = self.weeks(ys)
        for y in ys if node.unit != "week" else ():
            if node.unit == "year":
                out.append(Window(date(y, 1, 1), date(y, 12, 31)))
            elif node.unit == "quarter":
                out.extend(Window(date(y, 3 * q + 1, 1), last_day(y, 3 * q + 3)) for q in range(4))
            else:
                out.extend(Window(date(y, m, 1), last_day(y, m)) for m in range(1, 13))
        # translators: units for {unit} in "one occurrence per {unit} of {where}", "once a {unit}" and "the end of each {unit}"
        unit = {"year": _("year"), "quarter": _("quarter"), "month": _("month"), "week": _("week (Monday to Sunday)")}[node.unit]
        out = self.from_begins(out, node.shown, node.pos)
        self.note(
            ngettext(
                "'{words}': one occurrence per {unit} of {where}: {n} in all",
                "'{words}': one occurrence per {unit} of {where}: {n} in all",
                len(out),
            ).format(words=node.shown, unit=unit, where=where, n=len(out))
        )
        return out

    def weeks(self, ys: range) -> list[Window]:
        first, last = date(ys[0], 1, 1), date(ys[-1], 12, 31)
        monday = first - timedelta(days=first.weekday())
        out: list[Window] = []
        while monday <= last:
            sunday = monday + timedelta(days=6)
            out.append(Window(max(monday, first), min(sunday, last)))
            monday += timedelta(days=7)
        self.note(_("weeks at the ends of the period are cut at 1/1 and 31/12"))
        return out

    def eval_day_of(self, node: Recur, ys: range, where: str) -> list[Window]:
        term = node.term
        assert term is not None and term.a is not None
        unit, which = term.unit or "month", term.n or 1
        if unit != node.unit and unit != "year" and node.unit != "month":
            raise self.fail(_("'{part}' does not repeat {words}").format(part=self.shown(term), words=node.shown), node.pos, "recur")
        out: list[Window] = []
        day = term.a
        self.check_size(len(ys) * (12 if unit == "month" else 4))
        for y in ys:
            if unit == "month":
                months = []
                for m in range(1, 13):
                    index = y * 12 + m - 1 + which - 1  # which 2: the next month
                    months.append((index // 12, index % 12 + 1, date(y, m, 1)))
            elif unit == "year":
                index = y * 12 + which - 1
                months = [(index // 12, index % 12 + 1, date(y, 1, 1))]
            else:
                months = []
                for q in range(1, 5):
                    index = y * 12 + 3 * q - 3 + which - 1
                    months.append((index // 12, index % 12 + 1, date(y, 3 * q - 2, 1)))
            for yy, m, period_start in months:
                if day > calendar.monthrange(yy, m)[1]:
                    raise self.fail(_("tháng {month}/{year} has no day {day}").format(month=m, year=yy, day=day), term.pos, "day")
                d = date(yy, m, day)
                if node.op is None:
                    out.append(Window(d, d))
                else:
                    out.append(Window(None, self.op_deadline(node.op, self.shown(term), d, d, d)))
                del period_start
        per = {"month": _("month"), "quarter": _("quarter")}.get(unit, _("year"))
        out = self.from_begins(out, self.shown(term), term.pos)
        self.note(
            ngettext("'{part}': once a {unit}, {where}: {n} in all", "'{part}': once a {unit}, {where}: {n} in all", len(out)).format(
                part=self.shown(term), unit=per, where=where, n=len(out)
            )
        )
        return out

    def eval_report_year(self, node: ReportYear) -> list[Window]:
        ys, where = self.plan_years(None)
        out: list[Window] = []
        for y in ys:
            first, last, point = self.bounds(node.term, y + node.shift)
            if node.last is not None:
                end = self.bounds(node.last, y + node.shift)
                if end[1] < first:
                    raise self.fail(_("the range ends before it starts"), node.last.pos, "range")
                out.append(Window(point or first, end[2] or end[1]))
                continue
            out.append(self.dated(node.op, self.shown(node.term), first, last, point))
        if node.shift:
            self.note(_("'{words}': the year after each reporting year, for each year of {where}").format(words=node.shown, where=where))
        else:
            self.note(_("'{words}': each year of {where}").format(words=node.shown, where=where))
        return self.from_begins(out, node.shown, node.term.pos)

    def eval_cadence(self, node: Cadence) -> list[Window]:
        ys, where = self.plan_years(None)
        out = [Window(date(y, a, 1), last_day(y, b)) for y in ys for a, b in node.periods]
        names = ", ".join(f"{a}–{b}" if a != b else f"{a}" for a, b in node.periods)
        self.note(_("'{words}': every year of {where}, months {months}").format(words=node.shown, where=where, months=names))
        return self.from_begins(out, node.shown, 0)

    def eval_cutoff(self, node: Cutoff) -> list[Window]:
        ys, where = self.plan_years(None)
        per = {"month": 1, "quarter": 3, "year": 12}.get(node.unit, 3)
        out: list[Window] = []
        for y in ys:
            for k in range(12 // per):
                first_month = y * 12 + k * per  # index of the period's first month
                before = first_month - 1
                last = first_month + per - 1
                start = date(before // 12, before % 12 + 1, node.first_day)
                end = date(last // 12, last % 12 + 1, node.last_day)
                out.append(Window(start, end))
        self.note(
            _("'{words}': the figures of each period (Nghị định 09/2019/NĐ-CP, Điều 12), {where}").format(words=node.shown, where=where)
        )
        if node.implied:
            self.note(_("no reports are named: the reporting period is each year of the plan; write 'hằng quý, …' for quarterly reports"))
        return self.from_begins(out, node.shown, 0)

    def eval_duration(self, node: Duration) -> list[Window]:
        ws = self.eval(node.inner)
        starts = [w.start for w in ws]
        if not ws or any(s is None for s in starts) or any(w.deadline is None for w in ws):
            raise self.fail(_("the dates after 'trong N ngày' need a start"), node.pos, "duration")
        start = min(s for s in starts if s is not None)
        end = max(w.deadline for w in ws if w.deadline is not None)
        days = (end - start).days + 1
        if days != node.days:
            raise self.fail(
                ngettext(
                    "'{n} ngày' does not match the dates given, which span {days} day",
                    "'{n} ngày' does not match the dates given, which span {days} days",
                    days,
                ).format(n=node.text, days=days),
                node.pos,
                "duration",
            )
        self.note(
            ngettext(
                "'{n} ngày': checked against the dates given ({days} day)",
                "'{n} ngày': checked against the dates given ({days} days)",
                days,
            ).format(n=node.text, days=days)
        )
        return [Window(start, end)]

    def eval_ongoing(self, node: Ongoing) -> Window:
        if node.since is None:
            start = self.ctx.plan_begins
        else:
            assert node.since.year is not None
            start = self.bounds(node.since, node.since.year)[0]
        end = max(self.ctx.horizon_end, date(start.year, 12, 31))
        self.note(
            _("'{words}': ongoing, from {start} to the end of the plan's horizon ({end}); never overdue").format(
                words=node.shown, start=_dmy(start), end=_dmy(end)
            )
        )
        return Window(start, end, kind="ongoing")

    def eval_every_year_from(self, node: EveryYearFrom) -> list[Window]:
        first = node.term.year or self.ctx.first_year
        last = max(first, self.ctx.last_horizon_year)
        self.check_size(last - first + 1)
        out = [Window(date(y, 1, 1), date(y, 12, 31)) for y in range(first, last + 1)]
        out = self.from_begins(out, node.shown, node.term.pos)
        self.note(
            ngettext(
                "'{words}': every year from {first} to {last}, the end of the plan's horizon: {n} in all",
                "'{words}': every year from {first} to {last}, the end of the plan's horizon: {n} in all",
                len(out),
            ).format(words=node.shown, first=first, last=last, n=len(out))
        )
        return out

    def signed(self, shown: str, pos: int) -> date:
        if self.ctx.signed is None:
            raise Fail(
                _("'{text}' counts from the plan's signing, and the plan's signing date is not known").format(text=shown),
                pos,
                _("add the decision's date to the plan: `decision.date: YYYY-MM-DD`"),
                needs="signed",
            )
        return self.ctx.signed

    def add_working_days(self, d: date, n: int) -> date:
        from .workdays import (
            add_working_days,  # imports `holidays`: only when a text counts working days
        )

        return add_working_days(d, n)

    def eval_counted(self, node: Counted) -> list[Window]:
        anchor = node.anchor
        origins: list[date]
        if anchor == "signing":
            origins = [self.signed(node.shown, node.pos)]
            what = _("the signing, {day}").format(day=_dmy(origins[0]))
        elif isinstance(anchor, Term):
            first, _last, _point = self.single(anchor)
            origins = [first]
            what = _dmy(first)
        else:
            ys = self.ctx.years
            if anchor == "month":
                origins = [last_day(y, m) for y in ys for m in range(1, 13)]
            elif anchor == "quarter":
                origins = [last_day(y, 3 * q) for y in ys for q in range(1, 5)]
            elif anchor == "half":
                origins = [date(y, 6, 30) for y in ys]
            else:
                origins = [date(y, 12, 31) for y in ys]
            what = _("the end of each {unit}").format(
                # translators: "first half-year" fills {unit} in "the end of each {unit}": the end of each first half-year, 30 June
                unit={"month": _("month"), "quarter": _("quarter"), "half": _("first half-year"), "year": _("year")}[str(anchor)]
            )
        out: list[Window] = []
        for origin in origins:
            first, last = count_period(origin, node.n, node.unit, self.add_working_days)
            if node.op == "before":
                last = last - _ONE_DAY if not self.ctx.before_inclusive else last
            out.append(Window(first, max(first, last)) if node.op != "before" or last >= first else Window(None, last))
        self.note(_(COUNTING_RULES["start"]))
        self.note(_(COUNTING_RULES[node.unit]))
        self.note(_("'{words}': counted from {what}").format(words=node.shown, what=what))
        if len(origins) > 1:
            return self.from_begins(out, node.shown, node.pos)
        return out
