"""Who holds an item: its leads, the members of a group it was given to, and their successors.

The one place where successions are applied. A task led by an agency is held, on a given day,
by that agency or by the successor in office then; a task given to a group ("UBND các tỉnh,
thành phố trực thuộc Trung ương") is held by each member that existed by its deadline, each
followed to its successor. A holder that took over several members' duties (a province after
the 2025 mergers) holds the occurrence once, and the records of every agency it took over
from count as its own.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ..agencies import Registry


class Holding(NamedTuple):
    holder: str  # the agency the occurrence is asked of on the day
    inherited_from: str | None  # the agency whose duty the holder took over, when it was not given the item itself
    via_group: str | None  # the group the item was given to, when the holder is one of its members
    reporters: tuple[str, ...]  # agencies whose records count: the holder and those it took over from


def holdings(
    lead: str, deadline: dt.date, as_of: dt.date, registry: Registry | None, known: dict[object, list[Holding]] | None = None
) -> list[Holding]:
    """Who holds an item of lead due on deadline, judged on as_of; known keeps the answers for
    the same group members (the occurrences of a monthly task to thousands of units)."""
    if registry is None:
        return [Holding(lead, None, None, (lead,))]
    members = registry.members(lead, deadline)
    if not members:
        holder = registry.current(lead, as_of)
        return [Holding(holder, lead if holder != lead else None, None, _reporters(holder, [lead]))]
    key = (lead, as_of, tuple(members))
    if known is not None and key in known:
        return known[key]
    by_holder: dict[str, list[str]] = {}
    for member in members:
        # most members have no successor: they hold their own duty (a group of thousands of units)
        by_holder.setdefault(registry.current(member, as_of) if registry.successor_chain(member) else member, []).append(member)
    held = [Holding(holder, None if holder in given else given[0], lead, _reporters(holder, given)) for holder, given in by_holder.items()]
    if known is not None:
        known[key] = held
    return held


def _reporters(holder: str, given: list[str]) -> tuple[str, ...]:
    if len(given) == 1 and given[0] == holder:
        return (holder,)
    return tuple(dict.fromkeys([holder, *given]))


def holds(agency: str, lead: str, deadline: dt.date, registry: Registry) -> bool:
    """Whether agency may report on an item of lead: it is the lead, a member of the group the
    item was given to, or the successor of one of them (on any day since)."""
    candidates = registry.members(lead, deadline) or [lead]
    return any(agency == candidate or agency in registry.successor_chain(candidate) for candidate in candidates)
