"""What falls due in a window and what is overdue, per agency: pure functions over occurrences.

One question — a window of days and the day things are judged by — gets one answer: every
view (`due`, `tasks`, the progress summary and report) classifies occurrences with
`classify` and assigns them to agencies with `entries`, so their counts agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, NamedTuple

from ..agencies import Registry
from ..progress.records import RecordRef, Standing, legacy_state
from .holders import Holding, holdings
from .occurrences import Occurrence

# done: closed (done or cancelled); overdue: open, deadline before as_of; due: deadline in the
# window; upcoming: deadline after the window, begun by its end; later: not begun by its end.
# ongoing: active in the window, never overdue ("Thường xuyên"); undated: no deadline ("khi có
# yêu cầu"), listed by `tasks` only.
State = Literal["done", "overdue", "due", "upcoming", "ongoing", "later", "undated"]
STATES: tuple[State, ...] = ("overdue", "due", "upcoming", "ongoing", "later", "undated", "done")
DUE_STATES: frozenset[State] = frozenset({"overdue", "due", "upcoming", "ongoing"})


# The progress a holder reports: planned (nothing reported), in_progress, done, cancelled.
Progress = Literal["planned", "in_progress", "done", "cancelled"]
CLOSED = ("done", "cancelled")


class Shared(NamedTuple):
    """A group's item in a national view: how its holders stand."""

    total: int
    done: int  # done or cancelled
    in_progress: int
    late: tuple[str, ...]  # the holders that are overdue


@dataclass(frozen=True, slots=True)
class Entry:
    """One occurrence as a coordinator sees it on a given day, for one holder (or, in a national
    view, for a group's item as a whole: `shared` says how its holders stand)."""

    occurrence: Occurrence
    state: State
    days: int  # days left until the deadline (negative: days late)
    holder: str  # the agency the reminder goes to: the lead, its successor in office, or a group's member
    inherited_from: str | None = None  # the agency whose duty the holder took over
    via_group: str | None = None  # the group the holder was addressed through ("UBND các tỉnh, …")
    progress: Progress = "planned"
    record: RecordRef | None = None  # the holder's latest record (its day, note, evidence)
    readings: tuple[RecordRef, ...] = ()  # a target's readings over time
    shared: Shared | None = None

    @property
    def day_off(self) -> str | None:
        return self.occurrence.day_off

    @property
    def working_deadline(self) -> dt.date | None:
        return self.occurrence.working_deadline

    @property
    def progress_on(self) -> dt.date | None:
        return self.record.on if self.record else self.occurrence.item.state_on if self.progress != "planned" else None

    def achieved(self) -> list[tuple[int, float, dt.date] | None]:
        """A target's latest achieved value of each measure, with its day (None: not reported)."""
        latest: dict[int, tuple[int, float, dt.date]] = {}
        for record in self.readings:
            for reading in record.readings:
                latest[reading.measure] = (reading.measure, reading.value, record.on)
        return [latest.get(number) for number in range(1, len(self.occurrence.item.measures) + 1)]

    @property
    def met(self) -> bool | None:
        """Whether every measure of a target is met by its latest value (None: not all reported)."""
        measures = self.occurrence.item.measures
        if not measures:
            return None
        values = self.achieved()
        if any(value is None for value in values):
            return None
        return all(measure.met_by(value[1]) for measure, value in zip(measures, values, strict=True) if value is not None)


@dataclass(frozen=True, slots=True)
class Query:
    start: dt.date  # the window asked about, both ends inclusive
    end: dt.date
    as_of: dt.date
    agencies: frozenset[str] | None = None  # holders to list (None: a national view)
    plans: frozenset[str] | None = None
    include_done: bool = False
    overdue_since: dt.date | None = None  # overdue items whose deadline is before it are left out


def month_window(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


def classify(occurrence: Occurrence, query: Query, closed: bool = False) -> State:
    """The occurrence's state for the question: done, overdue, due, upcoming or later."""
    if closed:
        return "done"
    if occurrence.span == "undated":
        return "undated"
    if occurrence.span == "ongoing":
        return "ongoing" if (occurrence.start or query.start) <= query.end and occurrence.deadline >= query.start else "later"
    deadline = occurrence.deadline
    if deadline < query.as_of:
        return "overdue"
    if query.start <= deadline <= query.end:
        return "due"
    if (occurrence.start or deadline) <= query.end:
        return "upcoming"
    return "later"


def listed(occurrence: Occurrence, state: State, query: Query, states: frozenset[State]) -> bool:
    """Whether a view of states lists the occurrence: done ones only with include_done, and only
    when they belong to the window (due in it, or under way during it)."""
    if state == "done":
        if not occurrence.dated:
            return query.include_done and (occurrence.span == "undated" or (occurrence.start or query.start) <= query.end)
        begins = occurrence.start or occurrence.deadline
        in_view = query.start <= occurrence.deadline <= query.end or (begins <= query.end and occurrence.deadline > query.end)
        return query.include_done and in_view
    if state == "overdue" and query.overdue_since is not None and occurrence.deadline < query.overdue_since:
        return False
    return state in states


@dataclass(slots=True)
class Found:
    """The entries of a view, and how many overdue ones `overdue_since` left out."""

    entries: list[Entry]
    left_out: int = 0


def progress_of(occurrence: Occurrence, holding: Holding, standing: Standing) -> tuple[Progress, RecordRef | None]:
    """What a holder reports of an occurrence: its latest record, else the plan's own status."""
    reported = standing.record(occurrence, holding.reporters)
    record = reported.record if reported is not None else None
    if record is not None and record.state is not None:
        return record.state, record  # type: ignore[return-value]
    legacy = legacy_state(occurrence)
    if legacy is not None:
        return legacy[0], None  # type: ignore[return-value]
    return "planned", record


def _closed(occurrence: Occurrence, holding: Holding, standing: Standing) -> tuple[Progress, RecordRef | None, bool]:
    progress, record = progress_of(occurrence, holding, standing)
    if progress not in CLOSED and occurrence.milestone is not None and standing.task_closed(occurrence, holding.reporters):
        return progress, record, True  # a task done (or cancelled) closes its milestones
    return progress, record, progress in CLOSED


def entries(
    occurrences: Iterable[Occurrence],
    query: Query,
    registry: Registry | None,
    standing: Standing | None = None,
    states: frozenset[State] = DUE_STATES,
    *,
    shared: bool = True,
) -> Found:
    """The listed entries: per holder asked for (query.agencies), or in a national view per
    holder with a group's item once (shared=False: per holder there too); in Vietnamese order of holder
    (`Registry.order`, docs/collation.md), then by deadline."""
    standing = standing or Standing(())
    found = Found([])
    known: dict[object, list[Holding]] = {}  # a recurring item's occurrences mostly share their holders
    for occurrence in occurrences:
        if query.plans is not None and occurrence.plan.id not in query.plans:
            continue
        for lead in occurrence.lead:
            held = holdings(lead, occurrence.deadline, query.as_of, registry, known)
            if shared and query.agencies is None and any(holding.via_group for holding in held):
                _shared(occurrence, lead, held, query, standing, states, found)
                continue
            for holding in held:
                if query.agencies is not None and holding.holder not in query.agencies:
                    continue
                _one(occurrence, holding, query, standing, states, found)
    order: dict[str, tuple[object, ...]] = {}  # per holder once: the key is a Vietnamese collation key
    for entry in found.entries:
        if entry.holder not in order:
            order[entry.holder] = registry.order(entry.holder) if registry else (entry.holder,)
    found.entries.sort(
        key=lambda entry: (order[entry.holder], entry.holder, entry.occurrence.deadline, entry.occurrence.plan.id, entry.occurrence.line)
    )
    return found


def _one(occurrence: Occurrence, holding: Holding, query: Query, standing: Standing, states: frozenset[State], found: Found) -> None:
    progress, record, closed = _closed(occurrence, holding, standing)
    state = classify(occurrence, query, closed)
    if not listed(occurrence, state, query, states):
        found.left_out += state == "overdue" and query.overdue_since is not None
        return
    readings = tuple(reported.record for reported in standing.readings(occurrence, holding.reporters)) if occurrence.item.measures else ()
    found.entries.append(
        Entry(
            occurrence,
            state,
            (occurrence.deadline - query.as_of).days,
            holding.holder,
            holding.inherited_from,
            holding.via_group,
            progress,
            record,
            readings,
        )
    )


def _shared(
    occurrence: Occurrence, lead: str, held: list[Holding], query: Query, standing: Standing, states: frozenset[State], found: Found
) -> None:
    done = in_progress = 0
    late: list[str] = []
    if standing.any_record(occurrence):
        for holding in held:
            progress, _record, closed = _closed(occurrence, holding, standing)
            done += closed
            in_progress += progress == "in_progress"
            if not closed and occurrence.deadline < query.as_of:
                late.append(holding.holder)
    else:  # no holder recorded anything: each stands as the plan's own status says, judged once
        progress, _record, closed = _closed(occurrence, held[0], standing)
        done, in_progress = len(held) * closed, len(held) * (progress == "in_progress")
        late = [holding.holder for holding in held] if not closed and occurrence.deadline < query.as_of else []
    state = classify(occurrence, query, done == len(held))
    if not listed(occurrence, state, query, states):
        found.left_out += state == "overdue" and query.overdue_since is not None
        return
    overall: Progress = "done" if done == len(held) else "in_progress" if done or in_progress else "planned"
    found.entries.append(
        Entry(
            occurrence,
            state,
            (occurrence.deadline - query.as_of).days,
            lead,
            progress=overall,
            shared=Shared(len(held), done, in_progress, tuple(late)),
        )
    )


def asked_agencies(registry: Registry, ids: Iterable[str], as_of: dt.date, *, include_units: bool = False) -> frozenset[str]:
    """The holders an --agency question names on as_of: each agency as it stands then (a
    merged one is asked of its successor, whichever name it is asked by), with its units when
    asked, and the members of a group."""
    wanted: set[str] = set()
    for agency_id in ids:
        members = registry.members(agency_id, as_of)
        for member in members or [agency_id]:
            wanted.add(registry.current(member, as_of))
    if include_units:
        wanted |= {unit for agency_id in list(wanted) for unit in registry.units(agency_id)}
    return frozenset(wanted)
