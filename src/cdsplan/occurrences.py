"""Every dated thing in the plans — task, milestone, target — expanded into occurrences.

A recurring `when` ("Hằng năm", "hàng quý") gives one occurrence per period.
An amending plan that replaces another's task catalogue hides that plan's tasks,
so nothing is listed twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from .deadlines import Context, DeadlineError, Window, read_when
from .model import Milestone, Plan, Target, Task, plain_when

Kind = Literal["task", "milestone", "target"]


@dataclass(frozen=True, slots=True)
class Occurrence:
    plan: Plan
    item: Task | Target
    kind: Kind
    window: Window
    milestone: Milestone | None = None
    number: int = 1  # 1-based, among the occurrences of the same `when`
    count: int = 1

    @property
    def ref(self) -> str:
        """`plan#task`, the address `cdsplan status` takes."""
        return f"{self.plan.id}#{self.item.id}"

    @property
    def start(self) -> dt.date | None:
        return self.window.start

    @property
    def deadline(self) -> dt.date:
        return self.window.deadline

    @property
    def title(self) -> str:
        return self.item.title if isinstance(self.item, Task) else self.item.text

    @property
    def lead(self) -> list[str]:
        return list(self.item.lead) or [self.plan.issuer]

    @property
    def support(self) -> list[str]:
        return list(self.item.support) if isinstance(self.item, Task) else []

    @property
    def when(self) -> object:
        source = self.milestone.when if self.milestone else self.item.when
        return source if source is not None else self.plan.last_year

    @property
    def line(self) -> int:
        return (self.milestone or self.item).line

    @property
    def status(self) -> str:
        return self.item.state if isinstance(self.item, Task) else "planned"

    @property
    def closed(self) -> bool:
        """Done or cancelled for this occurrence: a status dated D closes the occurrences begun by D."""
        if not isinstance(self.item, Task) or self.item.status is None:
            return False
        status = self.item.status
        if status.state not in ("done", "cancelled"):
            return False
        if status.on is None:
            return True
        # A window without a start ("trước ngày …") has begun from the outset.
        return self.window.start is None or self.window.start <= status.on


def replaced_plans(plans: Iterable[Plan]) -> set[str]:
    """Ids of plans whose tasks an amending plan in the repository replaces."""
    return {plan.amends.plan for plan in plans if plan.amends and plan.amends.plan and plan.amends.replaces_tasks}


def plan_occurrences(plan: Plan, *, before_inclusive: bool = False, skip_tasks: bool = False) -> Iterator[Occurrence]:
    """The occurrences of one plan, in document order; unreadable deadlines are skipped (check reports them)."""
    context = Context(plan.first_year, plan.last_year, before_inclusive)

    def expand(item: Task | Target, kind: Kind, when: object, milestone: Milestone | None = None) -> Iterator[Occurrence]:
        try:
            windows = read_when(plain_when(when), context)  # type: ignore[arg-type]
        except DeadlineError:
            return
        for number, window in enumerate(windows, 1):
            yield Occurrence(plan, item, kind, window, milestone, number, len(windows))

    for target in plan.targets:
        yield from expand(target, "target", target.when if target.when is not None else plan.last_year)
    if skip_tasks:
        return
    for task in plan.iter_tasks():
        yield from expand(task, "task", task.when)
        for milestone in task.milestones:
            yield from expand(task, "milestone", milestone.when, milestone)


def all_occurrences(plans: Iterable[Plan], *, before_inclusive: bool = False) -> list[Occurrence]:
    plans = list(plans)
    replaced = replaced_plans(plans)
    found: list[Occurrence] = []
    for plan in plans:
        found.extend(plan_occurrences(plan, before_inclusive=before_inclusive, skip_tasks=plan.id in replaced))
    return found
