"""`cdsplan status --migrate`: the `status:` blocks of plan files moved into progress records.

A `status:` block in a plan file was the first design: one state for a task, whoever holds
it. It is still read, as every holder's record for the occurrences begun by its day. Moving it
writes that meaning down as records — one per holder and occurrence, in each holder's own
file — and removes the block from the plan; nothing else in the plan file changes, byte for
byte. A block without a day is recorded on the day of the move.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..i18n import _
from ..project import Project
from ..schedule.holders import holdings
from ..settings import Settings
from .records import legacy_state
from .status import Change, Recorded, write_changes
from .yamledit import Document, remove_key


def migrate(settings: Settings, *, today: dt.date | None = None, dry_run: bool = False) -> Recorded:
    today = today or dt.date.today()
    project = Project.open(settings)
    files = sorted(
        {occurrence.plan.file for occurrence in project.occurrences() if occurrence.item.state != "planned" or occurrence.item.state_on}
    )
    # translators: fills {action} in "{action}: {files} does not pass `cdsplan check`; fix these first:"
    project.require_clean(files, action=_("cannot move the statuses"))
    changes: list[Change] = []
    edits: dict[Path, tuple[bytes, bytes]] = {}
    for shown in files:
        loaded = project.load(shown)
        plan = loaded.plan
        assert plan is not None  # require_clean passed
        source = next(source for source in project.scan.sources if source.shown == shown)
        original = project.data(shown) or b""
        document = Document.from_bytes(original, shown)
        for section, path in loaded.section_paths():
            for index, task in enumerate(section.tasks):
                if task.status is None:
                    continue
                for occurrence in project.occurrences():
                    if occurrence.plan.id != plan.id or occurrence.item.id != task.id or occurrence.kind != "task":
                        continue
                    legacy = legacy_state(occurrence)
                    if legacy is None or legacy[0] == "planned":
                        continue
                    state, on = legacy
                    day = on or today
                    for lead in occurrence.lead:
                        for holding in holdings(lead, occurrence.deadline, day, project.registry):
                            record: dict[str, Any] = {"item": occurrence.ref}
                            if occurrence.total > 1:
                                record["occurrence"] = occurrence.period
                            record |= {"state": state, "on": day}
                            if task.status.note:
                                record["note"] = task.status.note
                            changes.append(Change(holding.holder, record, occurrence.ref, occurrence.period))
                document = remove_key(document, (*path, "tasks", index), "status", shown)
        edits[source.path] = (original, document.to_bytes())
    return write_changes(settings, project, changes, edits=edits, dry_run=dry_run)
