"""Progress records as cdsplan keeps them between runs, and each holder's standing from them.

A record file's records become `RecordRef`s in the index (plain tuples, read back from the
cache without the model). `Standing` answers "what has this holder reported of this
occurrence?": the latest record by day (the file's order breaks a tie), or the plan file's
own `status:` block, which reads as every holder's record for the occurrences begun by its day.
"""

from __future__ import annotations

import datetime as dt
import re
import struct
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from ..i18n import N_, _

if TYPE_CHECKING:
    from ..model.progress import ProgressFile
    from ..schedule.occurrences import Occurrence

Position = tuple[int, int]

# What a reported state is called where it is shown.
STATE_WORDS = {"planned": N_("not reported"), "in_progress": N_("in progress"), "done": N_("done"), "cancelled": N_("cancelled")}


def state_words(state: str) -> str:
    """A record's state in the user's language ("đang thực hiện"); an unknown one as written."""
    return _(STATE_WORDS[state]) if state in STATE_WORDS else state


_PERIOD = re.compile(r"^\s*(\d{4})(?:\s*-\s*(?:([QqHh])\s*(\d)|(\d{1,2})(?:\s*-\s*(\d{1,2}))?))?\s*$")


class ReadingRef(NamedTuple):
    measure: int  # 1-based
    value: float
    unit: str | None
    line: int  # where the reading stands, for its problems
    column: int


# The positions of a record's parts, packed: tens of thousands of records are read back on
# every cold `due`, and a few bytes cost far less memory than a tuple of tuples of ints.
_PARTS = ("record", "item", "occurrence", "milestone", "on")
_PACKED = struct.Struct(f"<{2 * len(_PARTS)}I")


class RecordRef(NamedTuple):
    """A record as the index keeps it; who reports, in which file and at which lines is its
    file's (FileIndex.agency, .path, .record_positions)."""

    plan: str
    item: str
    milestone: int  # 0: the task (or target) itself
    occurrence: str | None  # normalised: "2024", "2024-Q3", "2024-H1", "2024-09", "2024-09-14"
    state: str | None
    on: dt.date
    note: str | None
    evidence: tuple[str, ...]
    readings: tuple[ReadingRef, ...]
    order: int  # the record's place in its file, for ties on the same day


def position(positions: bytes, order: int, part: str) -> Position:
    """(line, column) of a part of record number order of a file — "record", "item",
    "occurrence", "milestone", "on" — from its file's packed positions."""
    values = _PACKED.unpack_from(positions, order * _PACKED.size)
    index = 2 * _PARTS.index(part)
    return values[index], values[index + 1]


class Reported(NamedTuple):
    """A record with who reported it and where: what a holder's standing is made of."""

    record: RecordRef
    agency: str
    file: str

    @property
    def on(self) -> dt.date:
        return self.record.on


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


def record_refs(progress: ProgressFile, where: dict[tuple[str | int, ...], Position]) -> tuple[list[RecordRef], bytes]:
    """The records of a progress file, and the positions their problems are reported at."""
    refs = []
    packed = bytearray()
    for index, record in enumerate(progress.records):
        path: tuple[str | int, ...] = ("records", index)
        here = where.get(path, (1, 1))
        positions = [where.get((*path, part), here) if part != "record" else here for part in _PARTS]
        readings = tuple(
            ReadingRef(reading.measure, reading.value, reading.unit, *where.get((*path, "values", number), here))
            for number, reading in enumerate(record.values)
        )
        refs.append(
            RecordRef(
                record.plan,
                record.local_id,
                record.milestone or 0,
                normal_period(record.occurrence),
                record.state,
                record.on,
                record.note,
                tuple(record.evidence),
                readings,
                index,
            )
        )
        packed += _PACKED.pack(*(number for place in positions for number in place))
    return refs, bytes(packed)


class Standing:
    """Every holder's latest record, by occurrence."""

    def __init__(self, records: Iterable[Reported]) -> None:
        self._latest: dict[tuple[str, str, int, str | None, str], Reported] = {}
        self._readings: dict[tuple[str, str, str | None, str], list[Reported]] = {}
        self._reported: set[tuple[str, str]] = set()  # (plan, item) with any record: most items have none
        for reported in records:
            record, agency = reported.record, reported.agency
            self._reported.add((record.plan, record.item))
            if record.state is not None:
                key = (record.plan, record.item, record.milestone, record.occurrence, agency)
                if _later(reported, self._latest.get(key)):
                    self._latest[key] = reported
            if record.readings:
                self._readings.setdefault((record.plan, record.item, record.occurrence, agency), []).append(reported)

    def any_record(self, occurrence: Occurrence) -> bool:
        """Whether any holder recorded anything about the occurrence's item."""
        return (occurrence.plan.id, occurrence.item.id) in self._reported

    def record(self, occurrence: Occurrence, holders: Iterable[str]) -> Reported | None:
        """The latest record of any of holders (a holder and the agencies it took over from)
        for this occurrence; for a one-off item, records that name no occurrence count too."""
        if not self.any_record(occurrence):
            return None
        milestone = occurrence.milestone.number if occurrence.milestone else 0
        periods = (occurrence.period, None) if occurrence.total == 1 else (occurrence.period,)
        found = [
            self._latest[key]
            for holder in holders
            for period in periods
            if (key := (occurrence.plan.id, occurrence.item.id, milestone, period, holder)) in self._latest
        ]
        return max(found, key=lambda r: (r.record.on, r.file, r.record.order), default=None)

    def task_closed(self, milestone: Occurrence, holders: Iterable[str]) -> bool:
        """Whether the task of a milestone is done or cancelled for the occurrence that holds the
        milestone's deadline (or, for a record naming no occurrence, for all of them)."""
        if not self.any_record(milestone):
            return False
        day = milestone.deadline
        half = 1 if day.month <= 6 else 2
        periods = (None, str(day.year), f"{day.year}-H{half}", f"{day.year}-Q{(day.month + 2) // 3}", f"{day.year}-{day.month:02d}")
        for holder in holders:
            for period in periods:
                reported = self._latest.get((milestone.plan.id, milestone.item.id, 0, period, holder))
                if reported is not None and reported.record.state in ("done", "cancelled"):
                    return True
        return False

    def readings(self, occurrence: Occurrence, holders: Iterable[str]) -> list[Reported]:
        """A target's readings over time by holders, oldest first."""
        if not self.any_record(occurrence):
            return []
        periods = (occurrence.period, None) if occurrence.total == 1 else (occurrence.period,)
        found = [
            reported
            for holder in holders
            for period in periods
            for reported in self._readings.get((occurrence.plan.id, occurrence.item.id, period, holder), [])
        ]
        return sorted(found, key=lambda r: (r.record.on, r.file, r.record.order))


def _later(reported: Reported, than: Reported | None) -> bool:
    """Whether a record supersedes another: a later day, or on the same day later in the files."""
    return than is None or (reported.record.on, reported.file, reported.record.order) >= (than.record.on, than.file, than.record.order)


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
