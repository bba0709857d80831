"""A record dated before the plan's decision date (`decision.date`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import N_, _, day_text
from ..problems import Problem
from .base import Rule

if TYPE_CHECKING:
    from ..reading.index import Index

RULE = Rule(
    code="record-before-issue",
    severity="error",
    scope="repository",
    summary=N_("a record dated before its plan was issued"),
    help=N_("Check the day (`on`): nothing can be done under a plan before it is signed."),
)


def check_repository(index: Index) -> Iterator[Problem]:
    for item, record in index.records():
        info = index.items.get((record.plan, record.item))
        if info is None or info.issued is None or record.on >= info.issued:
            continue
        yield RULE.at(
            item.path,
            *index.record_at(item, record, "on"),
            _("recorded on {on}, before plan {plan} was issued ({issued}): check the day").format(
                on=day_text(record.on), plan=record.plan, issued=day_text(info.issued)
            ),
        )
