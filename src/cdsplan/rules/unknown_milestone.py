"""A record names a milestone number the task does not have (or a milestone of a target)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import N_, _, ngettext
from ..problems import Problem
from .base import Rule, with_records

if TYPE_CHECKING:
    from ..reading.index import Index

RULE = Rule(
    code="unknown-milestone",
    severity="error",
    scope="repository",
    summary=N_("a record about a milestone the task does not have"),
    help=N_("Give the milestone's number among the task's milestones (1 for the first), or leave `milestone` out for the task itself."),
    bad=with_records("      - {item: vi-du-2024#I.1, milestone: 2, state: done, on: 2024-02-20}\n"),
    good=with_records("      - {item: vi-du-2024#I.1, milestone: 1, state: done, on: 2024-02-20}\n"),
)


def check_repository(index: Index) -> Iterator[Problem]:
    for item, record in index.records():
        info = index.items.get((record.plan, record.item))
        if info is None or not record.milestone or record.milestone <= info.milestones:
            continue
        if info.kind == "target":
            message = _("{ref} is a target: it has no milestones").format(ref=f"{record.plan}#{record.item}")
        else:
            message = ngettext(
                "{ref} has {count} milestone: milestone {number} does not exist",
                "{ref} has {count} milestones: milestone {number} does not exist",
                info.milestones,
            ).format(ref=f"{record.plan}#{record.item}", count=info.milestones, number=record.milestone)
        yield RULE.at(item.path, *index.record_at(item, record, "milestone"), message)
