"""A progress record names an item (plan#task or plan#target) that the plans do not have."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import N_, _
from ..problems import Problem
from ..text import did_you_mean
from .base import Rule, with_records

if TYPE_CHECKING:
    from ..reading.index import Index

RULE = Rule(
    code="unknown-item",
    severity="error",
    scope="repository",
    summary=N_("a record about an item no plan has"),
    help=N_("Write the item as plan#task or plan#target, as `cdsplan tasks` and `cdsplan search` show it."),
    bad=with_records("      - {item: vi-du-2024#I.9, state: done, on: 2024-03-01}\n"),
    good=with_records("      - {item: vi-du-2024#I.1, state: done, on: 2024-03-01}\n"),
)


def check_repository(index: Index) -> Iterator[Problem]:
    plans = set(index.plan_ids())
    for item, record in index.records():
        if (record.plan, record.item) in index.items:
            continue
        if record.plan not in plans:
            message = _("no plan '{plan}' for the record about {ref}").format(plan=record.plan, ref=f"{record.plan}#{record.item}")
            message += did_you_mean(record.plan, sorted(plans))
        else:
            ids = sorted(local for plan, local in index.items if plan == record.plan)
            message = _("plan {plan} has no task or target '{item}'").format(plan=record.plan, item=record.item) + did_you_mean(
                record.item, ids
            )
        yield RULE.at(item.path, *index.record_at(item, record, "item"), message)
