"""One number for one question: per agency, how many items are overdue, due, in progress and done.

The counts are of the same entries `cdsplan due --include-done` lists for the same question,
each holder of a group's item counted as itself, so `due --summary`, `due`, `tasks` and the
progress report agree by construction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .due import Entry

BUCKETS = ("overdue", "due", "in_progress", "upcoming", "ongoing", "done")


@dataclass(slots=True)
class Counts:
    holder: str
    overdue: int = 0
    due: int = 0
    in_progress: int = 0  # open, not late, and reported under way
    upcoming: int = 0  # under way in the window, deadline later, nothing reported
    ongoing: int = 0  # "Thường xuyên": never overdue
    done: int = 0  # done or cancelled, in the window
    entries: list[Entry] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.overdue + self.due + self.in_progress + self.upcoming + self.ongoing + self.done


def bucket(entry: Entry) -> str:
    """Where an entry counts: done and overdue first (a late item in progress is late), then
    in progress, then due in the window, then under way."""
    if entry.state in ("done", "overdue"):
        return entry.state
    if entry.progress == "in_progress":
        return "in_progress"
    return entry.state if entry.state in ("due", "ongoing") else "upcoming"


def summarise(entries: Iterable[Entry]) -> list[Counts]:
    """The counts per holder, in the order the entries come."""
    by_holder: dict[str, Counts] = {}
    for entry in entries:
        counts = by_holder.setdefault(entry.holder, Counts(entry.holder))
        name = bucket(entry)
        setattr(counts, name, getattr(counts, name) + 1)
        counts.entries.append(entry)
    return list(by_holder.values())
