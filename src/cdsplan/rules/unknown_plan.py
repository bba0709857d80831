"""An amending plan (`amends.plan`) names a plan of the tree, whose tasks it may replace."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import N_, _
from ..problems import Problem
from ..text import did_you_mean
from .base import Rule, example

if TYPE_CHECKING:
    from ..reading.index import Index

RULE = Rule(
    code="unknown-plan",
    severity="error",
    scope="repository",
    summary=N_("an amended plan that is not in the repository"),
    help=N_(
        "Write the id of the amended plan as its own file gives it (`id:`), or leave `amends.plan` out when that plan is not kept here."
    ),
    bad=example("amends:\n  decision: 12/QĐ-BTTTT\n  plan: ke-hoach-cu\nsections: []\n"),
    good=example("amends:\n  decision: 12/QĐ-BTTTT\nsections: []\n"),
)


def check_repository(index: Index) -> Iterator[Problem]:
    plan_ids = index.plan_ids()
    known = set(plan_ids)
    for item in index.files:
        if item.amends and item.amends[0] not in known:
            amended, line, column = item.amends
            yield RULE.at(
                item.path,
                line,
                column,
                _("amended plan '{id}' is not in the repository").format(id=amended) + did_you_mean(amended, plan_ids),
            )
