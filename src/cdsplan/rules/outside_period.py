"""A task's or milestone's deadline falls within the plan's year or period; one outside it is
more often a typo in the year than a plan reaching into another year. Targets may look further
("định hướng đến năm 2030"): they are not checked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import N_, _, day_text
from ..problems import Problem
from .base import Rule, example

if TYPE_CHECKING:
    from ..reading.loader import LoadedFile

RULE = Rule(
    code="outside-period",
    severity="warning",
    scope="file",
    summary=N_("a deadline outside the plan's year or period"),
    help=N_("Check the year of the deadline; if the plan does reach further, state its `period` (2024-2025)."),
    bad=example("sections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n      - {id: I.1, title: Một, lead: bo-yt, when: Quý I/2025}\n"),
    good=example("sections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n      - {id: I.1, title: Một, lead: bo-yt, when: Quý I/2024}\n"),
)


def check_file(loaded: LoadedFile, before_inclusive: bool) -> Iterator[Problem]:
    from ..deadlines import DeadlineError, read_when
    from ..model.plan import plain_when
    from ..schedule.occurrences import deadline_context

    plan = loaded.checked_plan
    if plan is None:
        return
    context = deadline_context(plan, before_inclusive)
    span = str(plan.year) if plan.year is not None else plan.period
    for path, when, in_period in loaded.when_paths():
        if not in_period:
            continue
        try:
            windows = read_when(plain_when(when), context)
        except DeadlineError:
            continue  # bad-when says why
        for window in windows:
            if window.deadline is not None and not plan.first_year <= window.deadline.year <= plan.last_year:
                yield loaded.at(
                    RULE,
                    path,
                    # translators: {span} is the plan's year (2024) or period (2023-2025)
                    _("deadline {day} ({text}) falls outside the plan's {span}").format(
                        day=day_text(window.deadline), text=when, span=span
                    ),
                )
                break
