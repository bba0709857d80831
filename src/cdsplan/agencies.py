"""The agency registry: who an id is, finding agencies by any of their names, and successions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from .text import fold

if TYPE_CHECKING:
    from .model.agency import Agency


class AgencyRecord(NamedTuple):
    """An agency as the registry keeps it between runs (the model's fields, without pydantic)."""

    id: str
    name: str
    short: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    kind: str = "group"
    parent: str | None = None
    covers: tuple[str, ...] = ()
    succeeded_by: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    @classmethod
    def of(cls, agency: Agency) -> AgencyRecord:
        return cls(
            agency.id,
            agency.name,
            tuple(agency.short),
            tuple(agency.aliases),
            agency.kind,
            agency.parent,
            tuple(agency.covers),
            agency.succeeded_by,
            agency.since,
            agency.until,
        )

    def exists_on(self, day: dt.date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)


class Registry:
    """Agencies by id, searchable by id, name, abbreviation or alias, accent-insensitively."""

    def __init__(self, agencies: Iterable[AgencyRecord]) -> None:
        self.by_id: dict[str, AgencyRecord] = {}
        self._by_name: dict[str, list[str]] = {}
        self._groups: dict[str, list[str]] = {}
        self._members: dict[str, list[AgencyRecord]] = {}
        self._members_on: dict[tuple[str, dt.date], list[str]] = {}  # thousands of occurrences share a few hundred deadlines
        self._chains: dict[str, list[str]] = {}
        self._children: dict[str, list[str]] | None = None  # units by parent id, built on first use
        for agency in agencies:
            self.by_id.setdefault(agency.id, agency)
        for agency in self.by_id.values():
            for name in (agency.id, agency.name, *agency.short, *agency.aliases):
                ids = self._by_name.setdefault(fold(name), [])
                if agency.id not in ids:
                    ids.append(agency.id)

    def __contains__(self, agency_id: object) -> bool:
        return agency_id in self.by_id

    def __len__(self) -> int:
        return len(self.by_id)

    @property
    def ids(self) -> list[str]:
        return list(self.by_id)

    def name(self, agency_id: str) -> str:
        agency = self.by_id.get(agency_id)
        return agency.name if agency else agency_id

    def order(self, agency_id: str) -> tuple[object, ...]:
        """A sort key: the National Committee, ministries, provinces, then others, each in
        Vietnamese alphabetical order (docs/collation.md); unknown ids last."""
        from .collation import agency_order

        agency = self.by_id.get(agency_id)
        if agency is None:
            return (99, agency_id)
        return agency_order(agency.kind, agency.name, parent=agency.parent)

    def short_name(self, agency_id: str) -> str:
        """The first abbreviation, for narrow tables; the name when there is none."""
        agency = self.by_id.get(agency_id)
        if agency is None:
            return agency_id
        return agency.short[0] if agency.short else agency.name

    def find(self, query: str) -> list[AgencyRecord]:
        """Agencies that query names: exactly (accents, case and punctuation aside), else by the
        end of their name ("hoa binh" finds "Tỉnh Hòa Bình")."""
        key = fold(query)
        if not key:
            return []
        ids = self._by_name.get(key)
        if ids is None:
            ids = []
            for name, named in self._by_name.items():
                if name.endswith(" " + key):
                    ids.extend(agency_id for agency_id in named if agency_id not in ids)
        return [self.by_id[agency_id] for agency_id in ids]

    def members(self, group_id: str, day: dt.date) -> list[str]:
        """The agencies a group addresses that existed on day, in registry order: the provinces
        for "UBND các tỉnh, thành phố …"; [] for an agency that is not such a group."""
        if group_id not in self._members:
            group = self.by_id.get(group_id)
            self._members[group_id] = [
                agency
                for agency in self.by_id.values()
                if group is not None
                and group.covers
                and agency.kind in group.covers
                and (group.parent is None or agency.parent == group.parent)
            ]
        key = (group_id, day)
        if key not in self._members_on:
            self._members_on[key] = [agency.id for agency in self._members[group_id] if agency.exists_on(day)]
        return self._members_on[key]

    def units(self, agency_id: str) -> list[str]:
        """The agency's units, and theirs in turn (Trung tâm CNTT, Văn phòng Bộ, the Vụ of a ministry),
        depth first in registry order. Linear in the registry (its children are indexed once),
        and finite whatever the parents: an agency met again (parents in a loop, which `check`
        reports as parent-loop) is not followed twice, and agency_id is not its own unit."""
        children = self._children_index()
        found: list[str] = []
        seen = {agency_id}
        stack = list(reversed(children.get(agency_id, ())))
        while stack:
            unit = stack.pop()
            if unit in seen:
                continue
            seen.add(unit)
            found.append(unit)
            stack.extend(reversed(children.get(unit, ())))
        return found

    def _children_index(self) -> dict[str, list[str]]:
        """Each parent's units (groups aside), in registry order."""
        if self._children is None:
            self._children = {}
            for agency in self.by_id.values():
                if agency.parent is not None and agency.kind != "group":
                    self._children.setdefault(agency.parent, []).append(agency.id)
        return self._children

    def groups_covering(self, agency_id: str) -> list[str]:
        """The groups an agency belongs to: "UBND các tỉnh, thành phố…" for a province, and so on."""
        if agency_id not in self._groups:
            agency = self.by_id.get(agency_id)
            self._groups[agency_id] = [
                group.id
                for group in self.by_id.values()
                if agency and agency.kind in group.covers and (group.parent is None or group.parent == agency.parent)
            ]
        return self._groups[agency_id]

    def successor_chain(self, agency_id: str) -> list[str]:
        """The agencies that took over agency_id's duties, nearest first."""
        if agency_id in self._chains:
            return self._chains[agency_id]
        chain: list[str] = []
        current = self.by_id.get(agency_id)
        while current and current.succeeded_by and current.succeeded_by not in chain:
            chain.append(current.succeeded_by)
            current = self.by_id.get(current.succeeded_by)
        self._chains[agency_id] = chain
        return chain

    def current(self, agency_id: str, on: dt.date) -> str:
        """Who holds agency_id's duties on a day: itself, or the successor in office then."""
        for candidate in (agency_id, *self.successor_chain(agency_id)):
            agency = self.by_id.get(candidate)
            if agency is None or agency.until is None or on <= agency.until:
                return candidate
        return agency_id
