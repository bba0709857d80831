"""Progress records as cdsplan keeps them between runs, and each holder's standing from them.

A record file's records become `RecordRef`s in the index (plain tuples, read back from the
cache without the model). `Standing` answers "what has this holder reported of this
occurrence?": the latest record by day (the file's order breaks a tie), or the plan file's
own `status:` block, which reads as every holder's record for the occurrences begun by its day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..model.progress import ProgressFile
    from ..schedule.occurrences import Occurrence

Position = tuple[int, int]

_PERIOD = re.compile(r"^\s*(\d{4})(?:\s*-\s*(?:([QqHh])\s*(\d)|(\d{1,2})(?:\s*-\s*(\d{1,2}))?))?\s*$")


class ReadingRef(NamedTuple):
    measure: int  # 1-based
    value: float
    unit: str | None
    position: Position


class RecordRef(NamedTuple):
    agency: str  # the file's agency: who reports
    plan: str
    item: str
    milestone: int  # 0: the task (or target) itself
    occurrence: str | None  # normalised: "2024", "2024-Q3", "2024-H1", "2024-09", "2024-09-14"
    state: str | None
    on: dt.date
    note: str | None
    evidence: tuple[str, ...]
    readings: tuple[ReadingRef, ...]
    file: str
    order: int  # the record's place in its file, for ties on the same day
    position: Position  # of the record
    item_position: Position
    occurrence_position: Position
    milestone_position: Position
    on_position: Position


def normal_period(value: str | int | None) -> str | None:
    """An occurrence as a record names it, in the form `Occurrence.period` gives: "2024-q3" is
    "2024-Q3", "2024-9" is "2024-09"; what is not a period form is kept as written."""
    if value is None:
        return None
    text = str(value)
    match = _PERIOD.match(text)
    if not match:
        return text.strip()
    year, letter, number, month, day = match.groups()
    if letter:
        return f"{year}-{letter.upper()}{number}"
    if month and day:
        return f"{year}-{int(month):02d}-{int(day):02d}"
    if month:
        return f"{year}-{int(month):02d}"
    return year


def period_holds(period: str, day: dt.date) -> bool:
    """Whether an occurrence named by period ("2024", "2024-Q3", "2024-H1", "2024-09", or a
    deadline "2024-09-14") covers day (a deadline covers the days up to it in its year)."""
    year, _sep, rest = period.partition("-")
    if not year.isdigit() or int(year) != day.year:
        return False
    if not rest:
        return True
    if rest[0] in "QH":
        size = 3 if rest[0] == "Q" else 6
        number = int(rest[1:]) if rest[1:].isdigit() else 0
        return (number - 1) * size < day.month <= number * size
    try:
        return day <= dt.date.fromisoformat(period) if rest.count("-") == 1 else int(rest) == day.month
    except ValueError:
        return False


def record_refs(progress: ProgressFile, shown: str, where: dict[tuple[str | int, ...], Position]) -> list[RecordRef]:
    """The records of a progress file, with the positions their problems are reported at."""
    refs = []
    for index, record in enumerate(progress.records):
        path: tuple[str | int, ...] = ("records", index)
        here = where.get(path, (1, 1))

        def at(*keys: str | int, path: tuple[str | int, ...] = path, here: Position = here) -> Position:
            return where.get((*path, *keys), here)

        readings = tuple(
            ReadingRef(reading.measure, reading.value, reading.unit, at("values", number)) for number, reading in enumerate(record.values)
        )
        refs.append(
            RecordRef(
                progress.agency, record.plan, record.local_id, record.milestone or 0, normal_period(record.occurrence), record.state,
                record.on, record.note, tuple(record.evidence), readings, shown, index, here, at("item"), at("occurrence"),
                at("milestone"), at("on"),
            )
        )
    return refs


class Standing:
    """Every holder's latest record, by occurrence."""

    def __init__(self, records: Iterable[RecordRef]) -> None:
        self._latest: dict[tuple[str, str, int, str | None, str], RecordRef] = {}
        self._readings: dict[tuple[str, str, str | None, str], list[RecordRef]] = {}
        self._tasks: dict[tuple[str, str, str], dict[str | None, RecordRef]] = {}  # a task's latest record per occurrence
        for record in sorted(records, key=lambda r: (r.on, r.file, r.order)):
            key = (record.plan, record.item, record.milestone, record.occurrence, record.agency)
            if record.state is not None:
                self._latest[key] = record
                if record.milestone == 0:
                    self._tasks.setdefault((record.plan, record.item, record.agency), {})[record.occurrence] = record
            if record.readings:
                self._readings.setdefault((record.plan, record.item, record.occurrence, record.agency), []).append(record)

    def record(self, occurrence: Occurrence, holders: Iterable[str]) -> RecordRef | None:
        """The latest record of any of holders (a holder and the agencies it took over from)
        for this occurrence; for a one-off item, records that name no occurrence count too."""
        milestone = occurrence.milestone.number if occurrence.milestone else 0
        periods = (occurrence.period, None) if occurrence.total == 1 else (occurrence.period,)
        found = [
            self._latest[key]
            for holder in holders
            for period in periods
            if (key := (occurrence.plan.id, occurrence.item.id, milestone, period, holder)) in self._latest
        ]
        return max(found, key=lambda r: (r.on, r.file, r.order), default=None)

    def task_closed(self, milestone: Occurrence, holders: Iterable[str]) -> bool:
        """Whether the task of a milestone is done or cancelled for the occurrence that holds the
        milestone's deadline (or, for a record naming no occurrence, for all of them)."""
        for holder in holders:
            for period, record in self._tasks.get((milestone.plan.id, milestone.item.id, holder), {}).items():
                if record.state in ("done", "cancelled") and (period is None or period_holds(period, milestone.deadline)):
                    return True
        return False

    def readings(self, occurrence: Occurrence, holders: Iterable[str]) -> list[RecordRef]:
        """A target's readings over time by holders, oldest first."""
        periods = (occurrence.period, None) if occurrence.total == 1 else (occurrence.period,)
        found = [
            record
            for holder in holders
            for period in periods
            for record in self._readings.get((occurrence.plan.id, occurrence.item.id, period, holder), [])
        ]
        return sorted(found, key=lambda r: (r.on, r.file, r.order))


def legacy_state(occurrence: Occurrence) -> tuple[str, dt.date | None] | None:
    """The plan file's own `status:` for this occurrence, read as every holder's record: a state
    dated D applies to the occurrences begun by D (all of them when it has no date)."""
    state, on = occurrence.item.state, occurrence.item.state_on
    if state == "planned" and on is None:
        return None
    if on is not None and occurrence.start is not None and occurrence.start > on:
        return None
    return state, on


class ItemInfo(NamedTuple):
    """What records about one item are checked against: its kind, leads, milestones, measures,
    and the occurrences each of its parts (0: the item itself, n: milestone n) has."""

    kind: str  # task | target
    lead: tuple[str, ...]
    milestones: int
    measures: tuple[tuple[str | None, float], ...]  # (unit, planned value) of each measure
    issued: dt.date | None
    periods: dict[int, list[tuple[str, dt.date]]]  # part -> [(period, deadline)] in order


def items_of(occurrences: Iterable[Occurrence]) -> dict[tuple[str, str], ItemInfo]:
    items: dict[tuple[str, str], ItemInfo] = {}
    for occurrence in occurrences:
        key = (occurrence.plan.id, occurrence.item.id)
        info = items.get(key)
        if info is None:
            item = occurrence.item
            kind = "target" if occurrence.kind == "target" else "task"
            info = items[key] = ItemInfo(
                kind, item.lead, item.milestones, tuple((m.unit, m.value) for m in item.measures), occurrence.plan.issued, {}
            )
        part = occurrence.milestone.number if occurrence.milestone else 0
        info.periods.setdefault(part, []).append((occurrence.period, occurrence.deadline))
    return items


def matching(info: ItemInfo, part: int, period: str | None) -> tuple[str, dt.date] | None:
    """The occurrence of an item's part a record names (None: no such occurrence). A record that
    names none is about the part's only occurrence."""
    occurrences = info.periods.get(part, [])
    if period is None:
        return occurrences[0] if len(occurrences) == 1 else None
    return next((found for found in occurrences if found[0] == period), None)
