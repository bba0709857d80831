"""Every `when` reads as a deadline: the source's words in a form cdsplan knows
(`cdsplan when TEXT` explains one), a year, a date, or `{start, deadline}`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import N_, _
from ..problems import Problem
from .base import Rule, example

if TYPE_CHECKING:
    from ..reading.loader import LoadedFile

RULE = Rule(
    code="bad-when",
    severity="error",
    scope="file",
    summary=N_("a deadline that cannot be read"),
    help=N_(
        "Write the deadline as the source does in a form cdsplan reads (docs/deadlines.md; `cdsplan when TEXT` shows how a text is read), or as a date: 2024-09-15."
    ),
    bad=example(
        "sections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n      - {id: I.1, title: Một, lead: bo-yt, when: trước ngày 30/02/2024}\n"
    ),
    good=example(
        "sections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n      - {id: I.1, title: Một, lead: bo-yt, when: trước ngày 29/02/2024}\n"
    ),
)


def check_file(loaded: LoadedFile, before_inclusive: bool) -> Iterator[Problem]:
    from ..deadlines import DeadlineError, read_when
    from ..model.plan import plain_when, when_text
    from ..schedule.occurrences import deadline_context

    plan = loaded.checked_plan
    if plan is None:
        return
    context = deadline_context(plan, before_inclusive)
    for path, when, _in_period in loaded.when_paths():
        value = plain_when(when)
        try:
            read_when(value, context)
        except DeadlineError as exc:
            if exc.needs == "signed":
                continue  # needs-decision-date says what to fill in
            one_line = isinstance(value, str) and "\n" not in value
            shift = exc.offset if exc.offset is not None and one_line else 0
            yield loaded.at(
                RULE, path, _("cannot read deadline {text!r}: {reason}").format(text=when_text(when), reason=exc), shift=shift or 0
            )
