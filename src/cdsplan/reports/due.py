"""Rendering `due` and `tasks` entries: table, JSON, Markdown reminders, CSV, iCalendar."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable, Iterable
from functools import lru_cache

from ..agencies import Registry
from ..console import display_width, safe, shorten, wrap
from ..i18n import N_, _, ngettext
from ..progress.records import state_words
from ..schedule.due import STATES, Entry, Found, Query
from ..schedule.occurrences import Occurrence
from ..schedule.summary import Counts

FORMATS = ("table", "json", "md", "csv", "ics")
FIELDS = (
    "plan",
    "task",
    "kind",
    "title",
    "milestone",
    "lead",
    "support",
    "holder",
    "inherited_from",
    "via_group",
    "when",
    "occurrence",
    "occurrences",
    "period",
    "span",
    "start",
    "deadline",
    "day_off",
    "working_deadline",
    "days",
    "status",
    "state",
    "status_on",
    "note",
    "evidence",
    "shared",
    "achieved",
    "met",
    "file",
    "line",
)

# What a state and a reported progress are called where they are shown (translated there).
STATE_WORDS = {
    "overdue": N_("Overdue"),
    "due": N_("Due in the period"),
    "upcoming": N_("In progress (due after the period)"),
    "ongoing": N_("Ongoing"),
    "later": N_("Not begun yet"),
    "undated": N_("Undated"),
    "done": N_("Done"),
}


def vn_date(day: dt.date | None) -> str:
    """A day as Vietnamese documents write it: 30/09/2023."""
    return day.strftime("%d/%m/%Y") if day else ""


def window_text(occurrence: Occurrence) -> str:
    if occurrence.span == "undated":
        return _("undated")
    if occurrence.span == "ongoing":
        return _("ongoing from {day}").format(day=vn_date(occurrence.start)) if occurrence.start else _("ongoing")
    return _window_text(occurrence.start, occurrence.deadline)


@lru_cache(maxsize=4096)  # thousands of entries share a few hundred windows
def _window_text(start: dt.date | None, deadline: dt.date) -> str:
    if start is None or start == deadline:
        return vn_date(deadline)
    if start.year == deadline.year:
        return f"{start:%d/%m}–{vn_date(deadline)}"
    return f"{vn_date(start)}–{vn_date(deadline)}"


def record(entry: Entry) -> dict[str, object]:
    """The JSON contract of `due` and `tasks` (docs: README, design notes)."""
    occurrence = entry.occurrence
    return {
        "plan": occurrence.plan.id,
        "task": occurrence.item.id,
        "kind": occurrence.kind,
        "title": occurrence.title,
        "milestone": occurrence.milestone.title if occurrence.milestone else None,
        "lead": list(occurrence.lead),
        "support": list(occurrence.support),
        "holder": entry.holder,
        "inherited_from": entry.inherited_from,
        "via_group": entry.via_group,
        "when": occurrence.when,
        "occurrence": occurrence.number,
        "occurrences": occurrence.total,
        "period": occurrence.period,
        "span": occurrence.span,
        "start": occurrence.start.isoformat() if occurrence.start else None,
        "deadline": occurrence.deadline.isoformat() if occurrence.span != "undated" else None,
        "day_off": entry.day_off,
        "working_deadline": entry.working_deadline.isoformat() if entry.working_deadline else None,
        "days": entry.days if occurrence.dated else None,
        "status": entry.progress,
        "state": entry.state,
        "status_on": entry.progress_on.isoformat() if entry.progress_on else None,
        "note": entry.record.note if entry.record else None,
        "evidence": list(entry.record.evidence) if entry.record else [],
        "shared": (
            {
                "total": entry.shared.total,
                "done": entry.shared.done,
                "in_progress": entry.shared.in_progress,
                "late": list(entry.shared.late),
            }
            if entry.shared
            else None
        ),
        "achieved": _achieved(entry),
        "met": entry.met,
        "file": occurrence.plan.file,
        "line": occurrence.line,
    }


def _achieved(entry: Entry) -> list[dict[str, object]] | None:
    """A target's measures, planned against the latest value reported for each."""
    measures = entry.occurrence.item.measures
    if not measures:
        return None
    return [
        {
            "measure": number,
            "comparison": measure.comparison,
            "planned": measure.value,
            "unit": measure.unit,
            "achieved": value[1] if value else None,
            "on": value[2].isoformat() if value else None,
            "met": measure.met_by(value[1]) if value else None,
        }
        for number, (measure, value) in enumerate(zip(measures, entry.achieved(), strict=True), 1)
    ]


def as_json(entries: Iterable[Entry]) -> str:
    """A JSON array, one entry a line (the C encoder: indent= would fall back to pure Python)."""
    lines = [json.dumps(record(entry), ensure_ascii=False) for entry in entries]
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"


def as_csv(entries: Iterable[Entry]) -> str:
    """Starts with a BOM so that Excel opens the UTF-8 Vietnamese intact."""
    buffer = io.StringIO()
    writer = None
    for entry in entries:
        row = {key: _cell(value) for key, value in record(entry).items()}
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(row), lineterminator="\r\n")
            writer.writeheader()
        writer.writerow(row)
    if writer is None:
        buffer.write(",".join(FIELDS) + "\r\n")
    return "\ufeff" + buffer.getvalue()


def _cell(value: object) -> object:
    """A JSON value in one spreadsheet cell: lists joined with "; ", a shared item as "done/total"."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return f"{value['done']}/{value['total']}"
    if isinstance(value, list):
        return "; ".join(
            f"{item['achieved'] if item['achieved'] is not None else '—'}/{item['planned']}{item['unit'] or ''}"
            if isinstance(item, dict)
            else str(item)
            for item in value
        )
    return value


def days_text(entry: Entry) -> str:
    """How the deadline stands in words: "quá hạn 3 ngày", "hạn hôm nay", "còn 5 ngày"."""
    if entry.state == "done":
        return _("done")
    if entry.occurrence.span == "ongoing":
        return _("ongoing")
    if entry.occurrence.span == "undated":
        return _("on request")
    return _days(entry.days)


def _days(days: int) -> str:
    if days < 0:
        return ngettext("{n} day overdue", "{n} days overdue", -days).format(n=-days)
    if days == 0:
        return _("due today")
    return ngettext("{n} day left", "{n} days left", days).format(n=days)


def _title(entry: Entry, *, numbered: bool = True, with_task: bool = True) -> str:
    """The entry's title; a milestone's is its own followed by its task's (with_task)."""
    occurrence = entry.occurrence
    title = occurrence.title
    if occurrence.milestone:
        title = f"{occurrence.milestone.title} — {title}" if with_task else occurrence.milestone.title
    if numbered and occurrence.total > 1:
        title = _("{title} (occurrence {number}/{total})").format(title=title, number=occurrence.number, total=occurrence.total)
    return " ".join(title.split())


def _groups(entries: list[Entry]) -> dict[str, list[Entry]]:
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.holder, []).append(entry)
    return groups


def standing_text(entry: Entry) -> str:
    """What the holder reports, in words: "đang thực hiện", "đã hoàn thành 12/63", "chưa báo cáo"."""
    if entry.shared is not None:
        text = _("done by {done}/{total}").format(done=entry.shared.done, total=entry.shared.total)
        if entry.shared.late:
            late = len(entry.shared.late)
            text += ", " + ngettext("{n} unit overdue", "{n} units overdue", late).format(n=late)
        return text
    return state_words(entry.progress)


def _left_out(found: Found, query: Query) -> list[str]:
    if not found.left_out or query.overdue_since is None:
        return []
    return [
        ngettext(
            "({n} item overdue since before {day} not listed: leave out --overdue-since to see it)",
            "({n} items overdue since before {day} not listed: leave out --overdue-since to see them)",
            found.left_out,
        ).format(n=found.left_out, day=vn_date(query.overdue_since))
    ]


def markdown(found: Found, query: Query, registry: Registry | None, heading: str | None = None) -> str:
    """A reminder list, one section per agency, ready to paste into a letter or e-mail."""
    entries = found.entries
    name = registry.name if registry else (lambda agency_id: agency_id)
    lines = [
        f"# {heading or _('Tasks to remind agencies of')}",
        "",
        _("Period: from {start} to {end}; progress as of {as_of}.").format(
            start=vn_date(query.start), end=vn_date(query.end), as_of=vn_date(query.as_of)
        ),
        "",
    ]
    if not entries:
        lines.append(_("Nothing is due or overdue."))
    for holder, group in _groups(entries).items():
        lines += [f"## {_markdown_escape(name(holder))}", ""]
        for state in STATES:
            listed = [entry for entry in group if entry.state == state]
            if not listed:
                continue
            lines += [f"**{_(STATE_WORDS[state])}** ({len(listed)})", ""]
            for number, entry in enumerate(listed, 1):
                lines.append(f"{number}. {_markdown_item(entry, name)}")
            lines.append("")
    lines += _left_out(found, query)
    return "\n".join(lines).rstrip("\n") + "\n"


def _markdown_item(entry: Entry, name: Callable[[str], str]) -> str:
    occurrence = entry.occurrence
    extra = []
    if entry.inherited_from:
        extra.append(_("taken over from {agency}").format(agency=name(entry.inherited_from)))
    if entry.via_group:
        extra.append(_("given to {group} together").format(group=name(entry.via_group)))
    if entry.working_deadline:
        extra.append(
            _("the deadline falls on {day_off}, moved to the working day {day}").format(
                day_off=entry.day_off, day=vn_date(entry.working_deadline)
            )
        )
    if entry.progress != "planned" or entry.shared is not None:
        extra.append(standing_text(entry) + (f": {entry.record.note}" if entry.record and entry.record.note else ""))
    tail = f" ({_markdown_escape('; '.join(extra))})" if extra else ""
    if occurrence.milestone:
        what = _("{milestone} (milestone of task {task})").format(milestone=occurrence.milestone.title, task=occurrence.item.id)
    else:
        what = _title(entry)
    return _("{what} — {plan}, task {task}; deadline: {when} ({day}, {days}){tail}.").format(
        what=_markdown_escape(what),
        plan=_markdown_escape(occurrence.plan.title),
        task=occurrence.item.id,
        when=_markdown_escape(occurrence.when),
        day=vn_date(occurrence.deadline) if occurrence.dated else window_text(occurrence),
        days=days_text(entry),
        tail=tail,
    )


def _markdown_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")


_ANSI = {
    "overdue": "\x1b[31m",
    "due": "\x1b[33m",
    "upcoming": "\x1b[36m",
    "ongoing": "\x1b[36m",
    "later": "\x1b[2m",
    "undated": "\x1b[2m",
    "done": "\x1b[32m",
    "bold": "\x1b[1m",
}
_RESET = "\x1b[0m"

# The markers of the table, explained once in its legend.
_MOVED = "*"
_SHARED = N_("[together]")


def table(found: Found, registry: Registry | None, colour: bool, title: str, query: Query | None = None, width: int = 80) -> str:
    """Per agency, each entry on a line with its reference, window and days left or late, then
    its title, wrapped to width, and what the holder reported; short markers, explained once
    at the end. Plain string formatting: `due` prints thousands of these at national scale,
    and a table library would take seconds."""

    def paint(text: str, style: str) -> str:
        # with colour the output goes to a terminal as it is: plan text is escaped here
        return f"{_ANSI[style]}{safe(text)}{_RESET}" if colour else text

    entries = found.entries
    name = registry.name if registry else (lambda agency_id: agency_id)
    short = registry.short_name if registry else (lambda agency_id: agency_id)
    rule = "─" * width
    lines = [paint(title, "bold")]
    if not entries:
        lines.append(_("Nothing is due or overdue."))
    used: dict[str, str] = {}  # marker: what it means, in the order they appear
    days_width = max((display_width(days_text(entry)) for entry in entries), default=0)
    milestone_word, target_word, times_word, shared = _("milestone"), _("target"), _("occurrence"), _(_SHARED)
    for holder, group in _groups(entries).items():
        lines += ["", paint(shorten(f"{name(holder)} ({len(group)})", width), "bold"), rule]
        for entry in group:
            occurrence = entry.occurrence
            moved = _MOVED if entry.working_deadline else " "
            if entry.working_deadline:
                used[_MOVED] = _("the deadline falls on a day off and moves to the next working day (Bộ luật Dân sự 2015, Điều 148)")
            right = f"{window_text(occurrence)}{moved}  {days_text(entry).rjust(days_width)}"
            ref = occurrence.ref
            if occurrence.milestone:
                ref = f"{ref} · {milestone_word} {occurrence.milestone.number}"
            elif occurrence.kind == "target":
                ref = f"{ref} · {target_word}"
            if occurrence.total > 1:
                ref = f"{ref} · {times_word} {occurrence.number}/{occurrence.total}"
            room = width - display_width(right) - 2
            lines.append(paint(f"{shorten(ref, room):<{room}}  {right}", entry.state))
            markers = []
            if entry.via_group:
                markers.append(shared)
                used[shared] = _("given to a group together (every province, every ministry): each member reports for itself")
            if entry.inherited_from:
                marker = _("[taken over: {agency}]").format(agency=short(entry.inherited_from))
                markers.append(marker)
                used[_("[taken over: …]")] = _("the duty of an agency merged into this one")
            text = " ".join([*markers, _title(entry, numbered=False, with_task=False)])  # the reference line names the task
            status = f"[{standing_text(entry)}]"
            body = _wrapped(text, status, width - 2)
            lines += [safe("  " + line) if colour else "  " + line for line in body]
    if used:
        lines += ["", _("Legend:")]
        for marker, meaning in used.items():
            first, *rest = wrap(f"{marker} {meaning}", width - 2)
            lines += [
                f"  {first}",
                *(" " * (display_width(marker) + 3) + line for line in wrap(" ".join(rest), width - display_width(marker) - 3)),
            ]
    if query is not None:
        lines += [line for text in _left_out(found, query) for line in wrap(text, width)]
    return "\n".join(lines) + "\n"


def _wrapped(text: str, status: str, width: int) -> list[str]:
    """text over as many lines as it needs, status at the end of the last (or on a line of its own)."""
    if display_width(text) + 2 + display_width(status) <= width:  # the usual title: one line
        return [f"{text}  {status}"]
    lines = wrap(text, width) or [""]
    if display_width(lines[-1]) + 2 + display_width(status) <= width:
        lines[-1] = f"{lines[-1]}  {status}"
    else:
        lines.append(status)
    return lines


def ics(entries: list[Entry], query: Query, registry: Registry | None) -> bytes:
    """An RFC 5545 calendar: one all-day event per occurrence, on its deadline, with a stable UID."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//cdsplan//cdsplan//VI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("cdsplan: deadlines of digital-transformation tasks"))
    stamp = dt.datetime.combine(query.as_of, dt.time(), tzinfo=dt.UTC)
    seen: set[str] = set()
    for entry in entries:
        occurrence = entry.occurrence
        if not occurrence.dated:
            continue  # no day to put it on
        uid = occurrence_uid(occurrence)
        if uid in seen:  # one event per occurrence, however many leads it has
            continue
        seen.add(uid)
        leads = ", ".join(registry.name(lead) if registry else lead for lead in occurrence.lead)
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", occurrence.deadline)
        event.add("dtend", occurrence.deadline + dt.timedelta(days=1))
        event.add("summary", f"[{occurrence.ref}] {_title(entry)}"[:250])
        event.add(
            "description",
            _("{title}\nLead: {leads}\nDeadline: {when} ({window})\nPlan: {plan}").format(
                title=_title(entry), leads=leads, when=occurrence.when, window=window_text(occurrence), plan=occurrence.plan.title
            ),
        )
        event.add("categories", [_(STATE_WORDS[entry.state])])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def occurrence_uid(occurrence: Occurrence) -> str:
    """The same occurrence gets the same UID on every export, so a re-import updates it."""
    milestone = occurrence.milestone.number if occurrence.milestone else 0
    key = f"{occurrence.plan.id}#{occurrence.item.id}/{occurrence.kind}/{milestone}/{occurrence.number}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest() + "@cdsplan"


SUMMARY_COLUMNS = (
    ("overdue", N_("Overdue")),
    ("due", N_("Due")),
    ("in_progress", N_("In progress")),
    ("upcoming", N_("Not due yet")),
    ("ongoing", N_("Ongoing")),
    ("done", N_("Done")),
)


def summary(counts: list[Counts], registry: Registry | None, fmt: str, title: str, width: int = 80) -> str:
    """`due --summary`: one row per agency, in table, JSON, Markdown or CSV."""
    name = registry.name if registry else (lambda agency_id: agency_id)
    rows = [
        {
            "holder": count.holder,
            "name": name(count.holder),
            **{key: getattr(count, key) for key, _word in SUMMARY_COLUMNS},
            "total": count.total,
        }
        for count in counts
    ]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(
            buffer, fieldnames=["holder", "name", *(key for key, _word in SUMMARY_COLUMNS), "total"], lineterminator="\r\n"
        )
        writer.writeheader()
        writer.writerows(rows)
        return "\ufeff" + buffer.getvalue()
    header = [_("Agency"), *(_(word) for _key, word in SUMMARY_COLUMNS), _("Total")]
    body = [[row["name"], *(str(row[key]) for key, _word in SUMMARY_COLUMNS), str(row["total"])] for row in rows]
    totals = [
        _("All"),
        *(str(sum(int(row[key]) for row in rows)) for key, _word in SUMMARY_COLUMNS),
        str(sum(int(row["total"]) for row in rows)),
    ]
    if fmt == "md":
        lines = [f"# {title}", "", "| " + " | ".join(header) + " |", "|---|" + "--:|" * (len(header) - 1)]
        lines += ["| " + " | ".join(_markdown_escape(cell) for cell in row) + " |" for row in [*body, totals]]
        return "\n".join(lines) + "\n"
    widths = [max(len(row[column]) for row in [header, *body, totals]) for column in range(len(header))]
    widths[0] = max(min(widths[0], width - sum(widths[1:]) - 2 * (len(widths) - 1)), 12)

    def line(cells: list[str]) -> str:
        first = shorten(cells[0], widths[0]).ljust(widths[0])
        return "  ".join([first, *(cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))]).rstrip()

    rule = "─" * len(line(header))
    return "\n".join([title, "", line(header), rule, *(line(row) for row in body), rule, line(totals)]) + "\n"
