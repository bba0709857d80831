"""An achieved value for an item without measures (a task), for a measure the target does not have, or in another unit
than the measure's."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import N_, _, ngettext
from ..problems import Problem
from .base import Rule, with_records

if TYPE_CHECKING:
    from ..reading.index import Index

RULE = Rule(
    code="bad-value",
    severity="error",
    scope="repository",
    summary=N_("a value that does not fit the item's measures"),
    help=N_("Give values only for targets with measures, numbering measures from 1, in the measure's own unit (or without a unit)."),
    bad=with_records("      - {item: vi-du-2024#T.1, values: [{value: 85, unit: điểm}], on: 2024-12-20}\n"),
    good=with_records('      - {item: vi-du-2024#T.1, values: [{value: 85, unit: "%"}], on: 2024-12-20}\n'),
)


def check_repository(index: Index) -> Iterator[Problem]:
    for item, record in index.records():
        info = index.items.get((record.plan, record.item))
        if info is None or not record.readings:
            continue
        ref = f"{record.plan}#{record.item}"
        for reading in record.readings:
            if not info.measures:
                yield RULE.at(
                    item.path,
                    reading.line,
                    reading.column,
                    _("{ref} has no measures to give a value for: record its state instead").format(ref=ref),
                )
                break
            if reading.measure > len(info.measures):
                yield RULE.at(
                    item.path,
                    reading.line,
                    reading.column,
                    ngettext(
                        "{ref} has {count} measure, not {number}", "{ref} has {count} measures, not {number}", len(info.measures)
                    ).format(ref=ref, count=len(info.measures), number=reading.measure),
                )
                continue
            unit = info.measures[reading.measure - 1][0]
            if reading.unit is not None and reading.unit != unit:
                yield RULE.at(
                    item.path,
                    reading.line,
                    reading.column,
                    _("measure {number} of {ref} is in {unit!r}, not {given!r}: give the value in its unit").format(
                        number=reading.measure, ref=ref, unit=unit or "", given=reading.unit
                    ),
                )
