"""A record about an item its file's agency does not hold: the agency is not a lead, not a member of a group the item was
given to, and not the successor of one. Each agency reports only on what it was asked to do."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import N_, _
from ..problems import Problem
from .base import Rule, with_records

if TYPE_CHECKING:
    from ..reading.index import Index

RULE = Rule(
    code="not-a-holder",
    severity="error",
    scope="repository",
    summary=N_("a record by an agency that does not hold the item"),
    help=N_(
        "Record progress in the file of an agency that holds the item: its lead, a member of the group it was given to, or their successor."
    ),
    bad=with_records("      - {item: vi-du-2024#I.1, state: done, on: 2024-03-01}\n", agency="bo-tttt"),
    good=with_records("      - {item: vi-du-2024#I.1, state: done, on: 2024-03-01}\n", agency="bo-yt"),
)


def check_repository(index: Index) -> Iterator[Problem]:
    from ..progress.records import matching
    from ..schedule.holders import holds

    registry = index.registry
    if registry is None:
        return
    known: dict[tuple[str, tuple[str, ...], object], bool] = {}
    for item, record in index.records():
        info = index.items.get((record.plan, record.item))
        agency = item.agency or ""
        if info is None or agency not in registry or any(lead not in registry for lead in info.lead):
            continue  # unknown-agency says what is wrong
        found = matching(info, record.milestone, record.occurrence)
        deadline = found[1] if found else max(deadline for periods in info.periods.values() for _period, deadline in periods)
        key = (agency, info.lead, deadline)
        if key not in known:
            known[key] = any(holds(agency, lead, deadline, registry) for lead in info.lead)
        if known[key]:
            continue
        leads = ", ".join(registry.name(lead) for lead in info.lead)
        yield RULE.at(
            item.path,
            *index.record_at(item, record, "item"),
            _("{agency} does not hold {ref} (led by {leads}): record it in the file of an agency that does").format(
                agency=registry.name(agency), ref=f"{record.plan}#{record.item}", leads=leads
            ),
        )
