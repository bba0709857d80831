"""Typed syntax nodes: what the parser makes of a text, before any date is known.

A :class:`Term` is one unit of time as written (a day, a month, a quarter …);
its year may be left for the evaluator to resolve (from later in the text, or
from the plan).  The other nodes say what is done with terms: a range, a
deadline ("trước"/"đến"), a recurrence, a list, a choice ("hoặc") …
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Op = Literal["before", "by"]
Unit = Literal["year", "quarter", "month", "week"]
YearSource = Literal["explicit", "carried", "plan", "recurring"]


@dataclass(eq=False, slots=True)
class Term:
    """One time unit as written.

    kinds: ``day`` (a=day, b=month) · ``dayonly`` (a=day) · ``month`` (a=month)
    · ``quarter`` (a=quarter) · ``year`` · ``months`` (a=first month, b=last)
    · ``ndays`` (a=n, b=month, edge) · ``point`` (edge, unit, n) · ``week``
    (a=ordinal, -1 the last; b=month) · ``dayof`` (a=day, unit, n=the month of
    the unit: "ngày 10 của tháng cuối quý").
    """

    kind: str
    pos: int
    end: int
    a: int | None = None
    b: int | None = None
    unit: str | None = None  # point: month | quarter | year; dayof: month | quarter | year
    n: int | None = None  # point: the month or quarter; dayof: the month within the unit
    edge: str | None = None  # start | middle | end (đầu, giữa, cuối)
    year: int | None = None
    src: YearSource = "plan"
    carrier: Term | None = None


@dataclass(frozen=True, slots=True)
class TermNode:
    term: Term


@dataclass(frozen=True, slots=True)
class Multi:
    """ "6/9 tháng đầu năm": one occurrence per term."""

    terms: tuple[Term, ...]
    shown: str


@dataclass(frozen=True, slots=True)
class Bounded:
    """ "trước X" (before) or "đến X" (by): a deadline without a start."""

    op: Op
    term: Term
    time: str | None = None  # "17h00" in "trước 17h00 ngày 20/5/2025"


@dataclass(frozen=True, slots=True)
class Range:
    first: Term
    last: Term


@dataclass(frozen=True, slots=True)
class Recur:
    """ "hằng năm" (term None: every unit), "ngày 10/10 hằng năm", "trước ngày 25
    hằng tháng", "ngày 10 của tháng cuối quý" …"""

    unit: Unit
    years: tuple[int, int] | None  # (first, 0): from the first year to the plan's horizon
    term: Term | None
    shown: str
    op: Op | None
    pos: int


@dataclass(frozen=True, slots=True)
class ReportYear:
    """ "trước ngày 15/01 của năm liền kề năm báo cáo": once per reporting year,
    the day falling ``shift`` years after it."""

    term: Term
    shift: int
    op: Op | None
    shown: str
    last: Term | None = None  # "từ ngày 01/01 đến ngày 30/06 của năm báo cáo"


@dataclass(frozen=True, slots=True)
class Cadence:
    """Reports by parts of each year: ((1, 6), (7, 12)) for "định kỳ 6 tháng",
    ((1, 6),) for "6 tháng", ((1, 12),) for "cả năm" in such a list."""

    periods: tuple[tuple[int, int], ...]
    shown: str


@dataclass(frozen=True, slots=True)
class Cutoff:
    """Nghị định 09/2019/NĐ-CP, Điều 12: the figures of each period, from the
    ``first_day`` of the month before it to the ``last_day`` of its last month."""

    unit: Unit
    first_day: int
    last_day: int
    shown: str
    implied: bool = False  # no reports named: the yearly report


@dataclass(frozen=True, slots=True)
class Narrow:
    """ "2024 (Quý IV)": the remark's time, which must lie within the text's."""

    outer: Term
    inner: Term
    shown: str


@dataclass(frozen=True, slots=True)
class Paren:
    inner: Node


@dataclass(frozen=True, slots=True)
class Duration:
    """ "trong 10 ngày (01/10/2024 - 10/10/2024)": the count is checked."""

    days: int
    pos: int
    text: str
    inner: Node


@dataclass(frozen=True, slots=True)
class Ongoing:
    """ "Thường xuyên" (since None: from the plan's start), "từ năm 2025"."""

    shown: str
    since: Term | None = None


@dataclass(frozen=True, slots=True)
class Undated:
    """ "khi có yêu cầu", "đột xuất": no deadline on purpose."""

    shown: str


@dataclass(frozen=True, slots=True)
class EveryYearFrom:
    """ "2025 và các năm tiếp theo": every year from the one named to the horizon."""

    term: Term
    shown: str


Anchor = Literal["signing", "half"] | Unit | Term


@dataclass(frozen=True, slots=True)
class Counted:
    """ "trong vòng 15 ngày kể từ ngày ký", "chậm nhất 30 ngày kể từ ngày kết thúc
    quý" (anchor "quarter": once per quarter), "kể từ ngày 1/7/2024" (a Term)."""

    n: int
    unit: str  # day | workday | week | month | year
    anchor: Anchor
    op: Op | None
    shown: str
    pos: int


@dataclass(frozen=True, slots=True)
class Immediately:
    """ "ngay sau khi Kế hoạch được ban hành": the day of signing."""

    shown: str
    pos: int


@dataclass(frozen=True, slots=True)
class Item:
    node: Node
    label: str | None = None
    note: str | None = None  # a horizon: "định hướng đến năm 2030"
    remark: Remark | None = None  # a time in brackets: "hằng tháng (trước ngày 25)"


@dataclass(frozen=True, slots=True)
class Remark:
    """A bracketed remark that gives the time of what precedes it."""

    op: Op | None
    term: Term | None  # None for "(hằng năm)"
    since: bool  # "(từ năm 2025)"
    pos: int
    shown: str
    every: Unit | None = None  # "(hằng năm)", "(hằng quý)"


@dataclass(frozen=True, slots=True)
class ListNode:
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Alt:
    """ "A hoặc B": one window from the earliest start to the latest deadline."""

    items: tuple[Node, ...]


Node = (
    TermNode
    | Multi
    | Bounded
    | Range
    | Recur
    | ReportYear
    | Cadence
    | Cutoff
    | Narrow
    | Paren
    | Duration
    | Ongoing
    | Undated
    | EveryYearFrom
    | Counted
    | Immediately
    | ListNode
    | Alt
)


@dataclass(slots=True)
class Parsed:
    """A parsed text: the tree and every term in it, in the order written."""

    node: Node
    terms: list[Term] = field(default_factory=list)
    time: str | None = None
