"""Every dated thing in the plans — task, milestone, target — expanded into occurrences.

A recurring `when` ("Hằng năm", "hàng quý") gives one occurrence per period.
An amending plan that replaces another's task catalogue hides that plan's tasks,
so nothing is listed twice. Occurrences are small plain records (they hold no
models), so the index can keep them between runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:  # the records below are read back from the cache without the model or the reader
    from .deadlines import Window
    from .model import Plan, Target, Task

Kind = Literal["task", "milestone", "target"]


# Named tuples, not dataclasses: tens of thousands of them are read back from the
# cache on every `due`, and tuples unpickle several times faster.


class PlanRef(NamedTuple):
    id: str
    title: str
    file: str


class ItemRef(NamedTuple):
    """A task or a target, as far as deadlines are concerned."""

    id: str
    title: str  # a task's title, a target's text
    lead: tuple[str, ...]
    support: tuple[str, ...]
    line: int
    state: str = "planned"  # planned | in_progress | done | cancelled
    state_on: dt.date | None = None


class MilestoneRef(NamedTuple):
    title: str
    number: int  # 1-based, among its task's milestones
    line: int


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
    count: int = 1
    day_off: str | None = None  # the deadline is a weekend or public holiday…
    working_deadline: dt.date | None = None  # …so it moves to this working day (BLDS 2015, Điều 148)

    @property
    def window(self) -> Window:
        from .deadlines import Window

        return Window(self.start, self.deadline, self.label)

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
    def closed(self) -> bool:
        """Done or cancelled for this occurrence: a status dated D closes the occurrences begun by D."""
        if self.item.state not in ("done", "cancelled"):
            return False
        if self.item.state_on is None:
            return True
        # A window without a start ("trước ngày …") has begun from the outset.
        return self.start is None or self.start <= self.item.state_on


def replaced_plans(plans: Iterable[Plan]) -> set[str]:
    """Ids of plans whose tasks an amending plan in the repository replaces."""
    return {plan.amends.plan for plan in plans if plan.amends and plan.amends.plan and plan.amends.replaces_tasks}


def _task_ref(task: Task) -> ItemRef:
    status = task.status
    return ItemRef(
        task.id, task.title, tuple(task.lead), tuple(task.support), task.line,
        status.state if status else "planned", status.on if status else None,
    )


def plan_occurrences(plan: Plan, *, before_inclusive: bool = False, skip_tasks: bool = False) -> Iterator[Occurrence]:
    """The occurrences of one plan, in document order; unreadable deadlines are skipped (check reports them)."""
    from .deadlines import Context, DeadlineError, read_when
    from .model import plain_when, when_text
    from .deadlines.workdays import day_off_reason, next_working_day

    context = Context(plan.first_year, plan.last_year, before_inclusive)
    plan_ref = PlanRef(plan.id, plan.title, plan.file)

    def expand(item: ItemRef, kind: Kind, when: object, milestone: MilestoneRef | None = None) -> Iterator[Occurrence]:
        try:
            windows = read_when(plain_when(when), context)  # type: ignore[arg-type]
        except DeadlineError:
            return
        text = when_text(when)  # type: ignore[arg-type]
        windows = tuple(w for w in windows if w.deadline is not None)  # undated ("khi có yêu cầu"): never due
        for number, window in enumerate(windows, 1):
            day_off = day_off_reason(window.deadline)
            moved = next_working_day(window.deadline) if day_off else None
            yield Occurrence(
                plan_ref, item, kind, window.start, window.deadline, window.label, text, milestone, number, len(windows), day_off, moved
            )

    for target in plan.targets:
        yield from expand(_target_ref(plan, target), "target", target.when if target.when is not None else plan.last_year)
    if skip_tasks:
        return
    for task in plan.iter_tasks():
        item = _task_ref(task)
        yield from expand(item, "task", task.when)
        for number, milestone in enumerate(task.milestones, 1):
            yield from expand(item, "milestone", milestone.when, MilestoneRef(milestone.title, number, milestone.line))


def _target_ref(plan: Plan, target: Target) -> ItemRef:
    return ItemRef(target.id, target.text, tuple(target.lead) or (plan.issuer,), (), target.line)


def all_occurrences(plans: Iterable[Plan], *, before_inclusive: bool = False) -> list[Occurrence]:
    plans = list(plans)
    replaced = replaced_plans(plans)
    found: list[Occurrence] = []
    for plan in plans:
        found.extend(plan_occurrences(plan, before_inclusive=before_inclusive, skip_tasks=plan.id in replaced))
    return found
