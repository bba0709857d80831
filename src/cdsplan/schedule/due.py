"""What falls due in a window and what is overdue, per agency: pure functions over occurrences.

One question — a window of days and the day things are judged by — gets one answer: every
view (`due`, `tasks`, the progress summary and report) classifies occurrences with
`classify` and assigns them to agencies with `entries`, so their counts agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ..agencies import Registry
from .occurrences import Occurrence

# done: closed (done or cancelled); overdue: open, deadline before as_of; due: deadline in the
# window; upcoming: deadline after the window, begun by its end; later: not begun by its end.
State = Literal["done", "overdue", "due", "upcoming", "later"]
STATES: tuple[State, ...] = ("overdue", "due", "upcoming", "later", "done")
DUE_STATES: frozenset[State] = frozenset({"overdue", "due", "upcoming"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One occurrence as a coordinator sees it on a given day."""

    occurrence: Occurrence
    state: State
    days: int  # days left until the deadline (negative: days late)
    holder: str  # the agency the reminder goes to: the lead, or its successor in office
    inherited_from: str | None = None  # the lead whose duty the holder took over
    via_group: str | None = None  # the group the holder was addressed through ("UBND các tỉnh, …")

    @property
    def day_off(self) -> str | None:
        return self.occurrence.day_off

    @property
    def working_deadline(self) -> dt.date | None:
        return self.occurrence.working_deadline


@dataclass(frozen=True, slots=True)
class Query:
    start: dt.date  # the window asked about, both ends inclusive
    end: dt.date
    as_of: dt.date
    agencies: frozenset[str] | None = None  # lead ids to keep (None: all)
    plan: str | None = None
    include_done: bool = False


def month_window(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


def classify(occurrence: Occurrence, query: Query) -> State:
    """The occurrence's state for the question: done, overdue, due, upcoming or later."""
    if occurrence.closed:
        return "done"
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
        begins = occurrence.start or occurrence.deadline
        return query.include_done and (query.start <= occurrence.deadline <= query.end or (begins <= query.end and occurrence.deadline > query.end))
    return state in states


def entries(
    occurrences: Iterable[Occurrence], query: Query, registry: Registry | None, states: frozenset[State] = DUE_STATES
) -> list[Entry]:
    """The listed entries, one per (occurrence, lead holding it), sorted by holder then deadline."""
    found: list[Entry] = []
    for occurrence in occurrences:
        if query.plan and occurrence.plan.id != query.plan:
            continue
        state = classify(occurrence, query)
        if not listed(occurrence, state, query, states):
            continue
        for lead in occurrence.lead:
            in_office = registry.current(lead, query.as_of) if registry and state != "done" else lead
            for holder, inherited, via in _holders(lead, in_office, occurrence.deadline, query, registry):
                found.append(Entry(occurrence, state, (occurrence.deadline - query.as_of).days, holder, inherited, via))
    found.sort(key=lambda entry: (entry.holder, entry.occurrence.deadline, entry.occurrence.plan.id, entry.occurrence.line))
    return found


def _holders(
    lead: str, holder: str, deadline: dt.date, query: Query, registry: Registry | None
) -> list[tuple[str, str | None, str | None]]:
    """Who an entry for lead is listed under: (holder, inherited from, through group)."""
    inherited = lead if holder != lead else None
    if query.agencies is None or lead in query.agencies or holder in query.agencies:
        return [(holder, inherited, None)]
    if registry is None:
        return []
    # A task for a whole group ("UBND các tỉnh, thành phố") is also the task of each asked
    # member that existed by its deadline, held today by that member or its successor.
    found: list[tuple[str, str | None, str | None]] = []
    for member in sorted(query.agencies):
        if lead in registry.groups_covering(member) and registry.by_id[member].exists_on(deadline):
            current = registry.current(member, query.as_of)
            found.append((current, member if current != member else None, lead))
    return found


def agency_ids(registry: Registry, query: str) -> frozenset[str]:
    """The ids an --agency query names. Successions need no expansion here: `entries` keeps an
    occurrence whose lead or whose holder on as_of is named, which follows them both ways."""
    return frozenset(agency.id for agency in registry.find(query))
