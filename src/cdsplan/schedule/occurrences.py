"""Every dated thing in the plans — task, milestone, target — expanded into occurrences.

A recurring `when` ("Hằng năm", "hàng quý") gives one occurrence per period.
(Amendments are applied where occurrences are handed out: `Index.occurrences`.)
Occurrences are small plain records (they hold no
models), so the index can keep them between runs.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:  # the records below are read back from the cache without the model or the reader
    from ..deadlines import Context, Window
    from ..model.plan import Plan, Target, Task

Kind = Literal["task", "milestone", "target"]
# How a window is timed: a deadline ("dated"), active through the plan without one ("ongoing":
# "Thường xuyên"), or not timed at all ("undated": "khi có yêu cầu"). An undated occurrence is
# kept with its plan's last day as `deadline`, for sorting and for who holds it; it is never due.
Span = Literal["dated", "ongoing", "undated"]


# Named tuples, not dataclasses: tens of thousands of them are read back from the
# cache on every `due`, and tuples unpickle several times faster.


class PlanRef(NamedTuple):
    id: str
    title: str
    file: str
    issued: dt.date | None = None  # the decision's date: nothing is recorded before it


class MeasureRef(NamedTuple):
    """A target's measurable part: "≥ 80 %"."""

    comparison: str  # at_least | above | at_most | below
    value: float
    unit: str | None = None
    subject: str | None = None

    def met_by(self, achieved: float) -> bool:
        if self.comparison == "at_least":
            return achieved >= self.value
        if self.comparison == "above":
            return achieved > self.value
        if self.comparison == "at_most":
            return achieved <= self.value
        return achieved < self.value


class MilestoneRef(NamedTuple):
    title: str
    number: int  # 1-based, among its task's milestones
    line: int


class ItemRef(NamedTuple):
    """A task or a target, as far as deadlines are concerned."""

    id: str
    title: str  # a task's title, a target's text
    lead: tuple[str, ...]
    support: tuple[str, ...]
    line: int
    state: str = "planned"  # a `status:` block in the plan file (read as every holder's record)
    state_on: dt.date | None = None
    measures: tuple[MeasureRef, ...] = ()  # a target's
    steps: tuple[MilestoneRef, ...] = ()  # a task's milestones

    @property
    def milestones(self) -> int:
        return len(self.steps)


class Occurrence(NamedTuple):
    plan: PlanRef
    item: ItemRef
    kind: Kind
    start: dt.date | None  # None where the text gives no beginning ("trước ngày …")
    deadline: dt.date
    label: str | None  # the window's remark, e.g. "Sơ kết 6 tháng"
    when: str  # the deadline as the plan writes it
    milestone: MilestoneRef | None = None
    number: int = 1  # 1-based, among the occurrences of the same `when`
    total: int = 1  # how many occurrences the same `when` has
    day_off: str | None = None  # the deadline is a weekend or public holiday…
    working_deadline: dt.date | None = None  # …so it moves to this working day (BLDS 2015, Điều 148)
    span: Span = "dated"

    @property
    def window(self) -> Window:
        from ..deadlines import Window

        if self.span == "undated":
            return Window(None, None, self.label, "undated")
        return Window(self.start, self.deadline, self.label, self.span)

    @property
    def dated(self) -> bool:
        return self.span == "dated"

    @property
    def ref(self) -> str:
        """`plan#task`, the address `cdsplan status` takes."""
        return f"{self.plan.id}#{self.item.id}"

    @property
    def title(self) -> str:
        return self.item.title

    @property
    def lead(self) -> tuple[str, ...]:
        return self.item.lead

    @property
    def support(self) -> tuple[str, ...]:
        return self.item.support

    @property
    def line(self) -> int:
        return (self.milestone or self.item).line

    @property
    def status(self) -> str:
        return self.item.state

    @property
    def period(self) -> str:
        """The occurrence as records name it: "2024", "2024-Q3", "2024-H1", "2024-09", else its
        deadline "2024-09-14"; an ongoing or undated item: "ongoing", "undated"."""
        return period_of(self.start, self.deadline) if self.span == "dated" else self.span

    @property
    def closed(self) -> bool:
        """Done or cancelled for this occurrence: a status dated D closes the occurrences begun by D."""
        if self.item.state not in ("done", "cancelled"):
            return False
        if self.item.state_on is None:
            return True
        # A window without a start ("trước ngày …") has begun from the outset.
        return self.start is None or self.start <= self.item.state_on


class Row(NamedTuple):
    """An occurrence as the index keeps it: its item by number (items are kept once per file,
    not once per occurrence: a monthly task's title is not repeated twelve times)."""

    item: int
    kind: Kind
    start: dt.date | None
    deadline: dt.date
    label: str | None
    when: str
    milestone: int  # 0, or the milestone's number
    number: int
    total: int
    day_off: str | None
    working_deadline: dt.date | None
    span: Span = "dated"


def rows_of(occurrences: Iterator[Occurrence]) -> tuple[list[ItemRef], list[Row]]:
    """A plan's occurrences as (its items, each once; a row per occurrence)."""
    items: list[ItemRef] = []
    numbers: dict[int, int] = {}
    rows = []
    for occurrence in occurrences:
        number = numbers.get(id(occurrence.item))
        if number is None:
            number = numbers[id(occurrence.item)] = len(items)
            items.append(occurrence.item)
        rows.append(
            Row(
                number,
                occurrence.kind,
                occurrence.start,
                occurrence.deadline,
                occurrence.label,
                occurrence.when,
                occurrence.milestone.number if occurrence.milestone else 0,
                occurrence.number,
                occurrence.total,
                occurrence.day_off,
                occurrence.working_deadline,
                occurrence.span,
            )
        )
    return items, rows


def from_rows(plan: PlanRef, items: list[ItemRef], rows: list[Row]) -> Iterator[Occurrence]:
    for row in rows:
        item = items[row.item]
        milestone = item.steps[row.milestone - 1] if row.milestone else None
        yield Occurrence(
            plan,
            item,
            row.kind,
            row.start,
            row.deadline,
            row.label,
            row.when,
            milestone,
            row.number,
            row.total,
            row.day_off,
            row.working_deadline,
            row.span,
        )


@functools.lru_cache(maxsize=4096)  # asked once per holder of each occurrence: millions of times for a large group
def period_of(start: dt.date | None, deadline: dt.date) -> str:
    if start is not None and start.day == 1 and start.year == deadline.year and (deadline + dt.timedelta(days=1)).day == 1:
        months = deadline.month - start.month + 1
        if months == 12:
            return str(deadline.year)
        if months == 6 and start.month in (1, 7):
            return f"{deadline.year}-H{1 if start.month == 1 else 2}"
        if months == 3 and start.month % 3 == 1:
            return f"{deadline.year}-Q{(start.month + 2) // 3}"
        if months == 1:
            return f"{deadline.year}-{deadline.month:02d}"
    return deadline.isoformat()


def reference(plan: Plan) -> PlanRef:
    return PlanRef(plan.id, plan.title, plan.file, plan.signed)


def deadline_context(plan: Plan, before_inclusive: bool = False) -> Context:
    """What a plan's deadlines are read against: its years, and its signing (periods counted
    from it; no recurring occurrence ends before it)."""
    from ..deadlines import Context

    return Context(plan.first_year, plan.last_year, before_inclusive, signed=plan.signed)


def _task_ref(task: Task) -> ItemRef:
    status = task.status
    return ItemRef(
        task.id,
        task.title,
        tuple(task.lead),
        tuple(task.support),
        task.line,
        status.state if status else "planned",
        status.on if status else None,
        steps=tuple(MilestoneRef(milestone.title, number, milestone.line) for number, milestone in enumerate(task.milestones, 1)),
    )


def plan_occurrences(plan: Plan, *, before_inclusive: bool = False) -> Iterator[Occurrence]:
    """The occurrences of one plan, in document order; unreadable deadlines are skipped (check reports them)."""
    from ..deadlines import DeadlineError, read_when
    from ..deadlines.workdays import day_off_reason, next_working_day
    from ..model.plan import plain_when, when_text

    context = deadline_context(plan, before_inclusive)
    plan_ref = reference(plan)
    plan_end = context.horizon_end

    def expand(item: ItemRef, kind: Kind, when: object, milestone: MilestoneRef | None = None) -> Iterator[Occurrence]:
        try:
            windows = read_when(plain_when(when), context)  # type: ignore[arg-type]
        except DeadlineError:
            return
        text = when_text(when)  # type: ignore[arg-type]
        for number, window in enumerate(windows, 1):
            if window.kind != "dated":
                start = window.start if window.kind == "ongoing" else None
                deadline = window.deadline or plan_end
                yield Occurrence(
                    plan_ref, item, kind, start, deadline, window.label, text, milestone, number, len(windows), span=window.kind
                )
                continue
            assert window.deadline is not None  # a dated window has its deadline
            day_off = day_off_reason(window.deadline)
            moved = next_working_day(window.deadline) if day_off else None
            yield Occurrence(
                plan_ref, item, kind, window.start, window.deadline, window.label, text, milestone, number, len(windows), day_off, moved
            )

    for target in plan.targets:
        yield from expand(_target_ref(plan, target), "target", target.when if target.when is not None else plan.last_year)
    for task in plan.iter_tasks():
        item = _task_ref(task)
        yield from expand(item, "task", task.when)
        for step, milestone in zip(item.steps, task.milestones, strict=True):
            yield from expand(item, "milestone", milestone.when, step)


def _target_ref(plan: Plan, target: Target) -> ItemRef:
    measures = tuple(MeasureRef(m.comparison, m.value, m.unit, m.subject) for m in target.measures)
    return ItemRef(target.id, target.text, tuple(target.lead) or (plan.issuer,), (), target.line, measures=measures)
