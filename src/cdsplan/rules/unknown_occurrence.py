"""A record names an occurrence the item does not have, or names none for an item that recurs (hằng quý…)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import N_, _
from ..problems import Problem
from .base import Rule, with_records

if TYPE_CHECKING:
    from ..reading.index import Index

RULE = Rule(
    code="unknown-occurrence",
    severity="error",
    scope="repository",
    summary=N_("a record about an occurrence the item does not have"),
    help=N_(
        "Name the occurrence as `cdsplan tasks` shows its period (2024, 2024-Q3, 2024-H1, 2024-09, or its deadline 2024-09-14); a recurring item needs one."
    ),
    bad=with_records("      - {item: vi-du-2024#I.2, state: done, on: 2024-03-20}\n"),
    good=with_records("      - {item: vi-du-2024#I.2, occurrence: 2024-Q1, state: done, on: 2024-03-20}\n"),
)


def check_repository(index: Index) -> Iterator[Problem]:
    from ..progress.records import matching

    for item, record in index.records():
        info = index.items.get((record.plan, record.item))
        if info is None or record.milestone > info.milestones or matching(info, record.milestone, record.occurrence) is not None:
            continue
        periods = [period for period, _deadline in info.periods.get(record.milestone, [])]
        shown = ", ".join(periods[:8]) + (", …" if len(periods) > 8 else "")
        ref = f"{record.plan}#{record.item}"
        if record.occurrence is None:
            message = _("{ref} recurs: name the occurrence this record is about ({periods})").format(ref=ref, periods=shown)
        else:
            message = _("{ref} has no occurrence {period!r}; its occurrences: {periods}").format(
                ref=ref, period=record.occurrence, periods=shown
            )
        where = index.record_at(item, record, "occurrence" if record.occurrence is not None else "record")
        yield RULE.at(item.path, *where, message)
