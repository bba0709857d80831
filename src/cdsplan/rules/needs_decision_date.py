"""A deadline counted from the plan's own signing ("trong vòng 15 ngày kể từ ngày ký") needs the
plan's decision date: without it, the deadline cannot be known."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import N_, _
from ..problems import Problem
from .base import Rule, example

if TYPE_CHECKING:
    from ..reading.loader import LoadedFile

RULE = Rule(
    code="needs-decision-date",
    severity="error",
    scope="file",
    summary=N_("a deadline counted from the signing, in a plan whose decision date is blank"),
    help=N_("Fill in the plan's `decision.date` (YYYY-MM-DD), as the decision gives it; or write the deadline as a date."),
    bad=example(
        "sections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n      - {id: I.1, title: Một, lead: bo-yt, when: trong vòng 15 ngày kể từ ngày ký}\n"
    ),
    good=example(
        "decision:\n  date: 2024-08-20\nsections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n      - {id: I.1, title: Một, lead: bo-yt, when: trong vòng 15 ngày kể từ ngày ký}\n"
    ),
)


def check_file(loaded: LoadedFile, before_inclusive: bool) -> Iterator[Problem]:
    from ..deadlines import DeadlineError, read_when
    from ..model.plan import plain_when
    from ..schedule.occurrences import deadline_context

    plan = loaded.checked_plan
    if plan is None:
        return
    context = deadline_context(plan, before_inclusive)
    for path, when, _in_period in loaded.when_paths():
        try:
            read_when(plain_when(when), context)
        except DeadlineError as exc:
            if exc.needs == "signed":
                yield loaded.at(
                    RULE,
                    path,
                    _(
                        "{text!r} counts from the plan's signing, but `decision.date` is blank: fill it in (decision: date: YYYY-MM-DD)"
                    ).format(text=when),
                )
