"""A task's deadline that falls before the plan was issued (its decision date) is more often a
wrong year than a task that was late before it was given."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import N_, _, day_text
from ..problems import Problem
from .base import Rule, example

if TYPE_CHECKING:
    from ..reading.loader import LoadedFile

RULE = Rule(
    code="before-plan",
    severity="warning",
    scope="file",
    summary=N_("a deadline before the plan was issued"),
    help=N_("Check the deadline's day and year against the plan's decision date; a recurring deadline begins with the plan by itself."),
    bad=example(
        "decision:\n  date: 2024-08-20\nsections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n      - {id: I.1, title: Một, lead: bo-yt, when: tháng 3/2024}\n"
    ),
    good=example(
        "decision:\n  date: 2024-08-20\nsections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n      - {id: I.1, title: Một, lead: bo-yt, when: tháng 9/2024}\n"
    ),
)


def check_file(loaded: LoadedFile, before_inclusive: bool) -> Iterator[Problem]:
    from ..deadlines import DeadlineError, before_plan, read_when
    from ..model.plan import plain_when
    from ..schedule.occurrences import deadline_context

    plan = loaded.checked_plan
    if plan is None or plan.signed is None:
        return
    context = deadline_context(plan, before_inclusive)
    for path, when, in_period in loaded.when_paths():
        if not in_period:
            continue
        try:
            windows = read_when(plain_when(when), context)
        except DeadlineError:
            continue
        late = [window for window in windows if before_plan(window, context)]
        if late and late[0].deadline is not None:
            yield loaded.at(
                RULE,
                path,
                _("deadline {day} ({text}) is before the plan was issued on {issued}").format(
                    day=day_text(late[0].deadline), text=when, issued=day_text(plan.signed)
                ),
            )
