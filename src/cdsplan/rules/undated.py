"""A task whose `when` gives no time at all ("khi có yêu cầu", "đột xuất") is kept as the source
words it, but it is never due: nobody is reminded of it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import N_, _
from ..problems import Problem
from .base import Rule, example

if TYPE_CHECKING:
    from ..reading.loader import LoadedFile

RULE = Rule(
    code="undated",
    severity="warning",
    scope="file",
    title="TaskWithoutDeadline",
    summary=N_("a task without any deadline"),
    help=N_("Keep the source's words; where the source does give a time, write it, so that the task falls due."),
    bad=example(
        "sections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n      - {id: I.1, title: Một, lead: bo-yt, when: khi có yêu cầu}\n"
    ),
    good=example("sections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n      - {id: I.1, title: Một, lead: bo-yt, when: hằng quý}\n"),
)


def check_file(loaded: LoadedFile, before_inclusive: bool) -> Iterator[Problem]:
    from ..deadlines import DeadlineError, read_when
    from ..model.plan import plain_when
    from ..schedule.occurrences import deadline_context

    plan = loaded.checked_plan
    if plan is None:
        return
    context = deadline_context(plan, before_inclusive)
    for path, when, in_period in loaded.when_paths():
        if not in_period or path[-3:-1] == ("milestones",) or "milestones" in path:
            continue
        try:
            windows = read_when(plain_when(when), context)
        except DeadlineError:
            continue
        if windows and all(window.kind == "undated" for window in windows):
            yield loaded.at(
                RULE, path, _("{text!r} gives no time: the task is listed by `cdsplan tasks` but never falls due").format(text=when)
            )
