"""Rendering `due` and `tasks` entries: table, JSON, Markdown reminders, CSV, iCalendar."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterable
from functools import lru_cache

from ..agencies import Registry
from ..console import safe
from ..schedule.due import Entry, Found, Query
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

STATE_WORDS = {
    "overdue": "Quá hạn",
    "due": "Đến hạn trong kỳ",
    "upcoming": "Đang thực hiện (hạn sau kỳ)",
    "ongoing": "Thường xuyên",
    "later": "Chưa đến kỳ",
    "undated": "Không định hạn",
    "done": "Đã hoàn thành",
}
STATUS_WORDS = {"planned": "chưa báo cáo", "in_progress": "đang thực hiện", "done": "hoàn thành", "cancelled": "hủy"}


def vn_date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def window_text(occurrence: Occurrence) -> str:
    if occurrence.span == "undated":
        return "không định hạn"
    if occurrence.span == "ongoing":
        return f"thường xuyên từ {vn_date(occurrence.start)}" if occurrence.start else "thường xuyên"
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
    if entry.state == "done":
        return "xong"
    if entry.occurrence.span == "ongoing":
        return "thường xuyên"
    if entry.occurrence.span == "undated":
        return "khi có yêu cầu"
    if entry.days < 0:
        return f"trễ {-entry.days} ngày"
    return f"còn {entry.days} ngày"


def _title(entry: Entry) -> str:
    occurrence = entry.occurrence
    title = occurrence.title
    if occurrence.milestone:
        title = f"{occurrence.milestone.title} — {title}"
    if occurrence.total > 1:
        title = f"{title} (lần {occurrence.number}/{occurrence.total})"
    return " ".join(title.split())


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _groups(entries: list[Entry]) -> dict[str, list[Entry]]:
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.holder, []).append(entry)
    return groups


def standing_text(entry: Entry) -> str:
    """What the holder reports, in words: "đang thực hiện", "đã hoàn thành 12/63", "chưa báo cáo"."""
    if entry.shared is not None:
        text = f"đã hoàn thành {entry.shared.done}/{entry.shared.total}"
        return f"{text}, {len(entry.shared.late)} đơn vị quá hạn" if entry.shared.late else text
    return STATUS_WORDS[entry.progress]


def _left_out(found: Found, query: Query) -> list[str]:
    if not found.left_out or query.overdue_since is None:
        return []
    return [f"({found.left_out} mục quá hạn trước ngày {vn_date(query.overdue_since)} không liệt kê: bỏ --overdue-since để xem)"]


def markdown(found: Found, query: Query, registry: Registry | None) -> str:
    """A reminder list in Vietnamese, one section per agency, ready to paste into a letter or e-mail."""
    entries = found.entries
    name = registry.name if registry else (lambda agency_id: agency_id)
    lines = [
        "# Danh sách nhiệm vụ cần đôn đốc",
        "",
        f"Kỳ theo dõi: từ ngày {vn_date(query.start)} đến ngày {vn_date(query.end)}; tình hình tính đến ngày {vn_date(query.as_of)}.",
        "",
    ]
    if not entries:
        lines.append("Không có nhiệm vụ đến hạn hoặc quá hạn.")
    for holder, group in _groups(entries).items():
        lines += [f"## {name(holder)}", ""]
        for state in ("overdue", "due", "upcoming", "ongoing", "later", "undated", "done"):
            listed = [entry for entry in group if entry.state == state]
            if not listed:
                continue
            lines += [f"**{STATE_WORDS[state]}** ({len(listed)})", ""]
            for number, entry in enumerate(listed, 1):
                occurrence = entry.occurrence
                extra = []
                if entry.inherited_from:
                    extra.append(f"kế thừa nhiệm vụ của {name(entry.inherited_from)}")
                if entry.via_group:
                    extra.append(f"nhiệm vụ giao chung cho {name(entry.via_group)}")
                if entry.working_deadline:
                    extra.append(f"hạn rơi vào {entry.day_off}, chuyển sang ngày làm việc {vn_date(entry.working_deadline)}")
                if entry.progress != "planned" or entry.shared is not None:
                    extra.append(standing_text(entry) + (f": {entry.record.note}" if entry.record and entry.record.note else ""))
                tail = f" ({_markdown_escape('; '.join(extra))})" if extra else ""
                what = f"{occurrence.milestone.title} (mốc của nhiệm vụ {occurrence.item.id})" if occurrence.milestone else _title(entry)
                lines.append(
                    f"{number}. {_markdown_escape(what)} — {occurrence.plan.title}, nhiệm vụ {occurrence.item.id}; "
                    f"thời hạn: {occurrence.when} (hạn {vn_date(occurrence.deadline)}, {days_text(entry)}){tail}."
                )
            lines.append("")
    lines += _left_out(found, query)
    return "\n".join(lines).rstrip("\n") + "\n"


def _markdown_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")


WIDTH = 80
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


def table(found: Found, registry: Registry | None, colour: bool, title: str, query: Query | None = None) -> str:
    """Per agency, two lines an entry within 80 columns: the reference, window and days left or
    late, then the title. Plain string formatting: `due` prints thousands of these at national
    scale, and a table library would take seconds."""

    def paint(text: str, style: str) -> str:
        # with colour the output goes to a terminal as it is: plan text is escaped here
        return f"{_ANSI[style]}{safe(text)}{_RESET}" if colour else text

    entries = found.entries
    name = registry.name if registry else (lambda agency_id: agency_id)
    rule = "─" * WIDTH
    lines = [paint(title, "bold")]
    if not entries:
        lines.append("Không có nhiệm vụ đến hạn hoặc quá hạn.")
    for holder, group in _groups(entries).items():
        lines += ["", paint(_shorten(f"{name(holder)} ({len(group)})", WIDTH), "bold"), rule]
        for entry in group:
            occurrence = entry.occurrence
            when = window_text(occurrence) + ("*" if entry.working_deadline else " ")
            right = f"{when}  {days_text(entry):>13}"
            ref = _shorten(occurrence.ref, WIDTH - len(right) - 2)
            text = _title(entry)
            if entry.inherited_from:
                text = f"[kế thừa {registry.short_name(entry.inherited_from) if registry else entry.inherited_from}] {text}"
            if entry.via_group:
                text = f"[giao chung] {text}"
            status = standing_text(entry)
            lines.append(paint(f"{ref:<{WIDTH - len(right)}}{right}", entry.state))
            line = f"  {_shorten(text, WIDTH - len(status) - 6)}  [{status}]"
            lines.append(safe(line) if colour else line)
    if any(entry.working_deadline for entry in entries):
        lines += ["", "* hạn rơi vào ngày nghỉ: chuyển sang ngày làm việc kế tiếp (BLDS 2015, Điều 148)"]
    if query is not None:
        lines += _left_out(found, query)
    return "\n".join(lines) + "\n"


def ics(entries: list[Entry], query: Query, registry: Registry | None) -> bytes:
    """An RFC 5545 calendar: one all-day event per occurrence, on its deadline, with a stable UID."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//cdsplan//cdsplan//VI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "cdsplan: thời hạn nhiệm vụ chuyển đổi số")
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
            f"{_title(entry)}\nChủ trì: {leads}\nThời hạn: {occurrence.when} ({window_text(occurrence)})\nKế hoạch: {occurrence.plan.title}",
        )
        event.add("categories", [STATE_WORDS[entry.state]])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def occurrence_uid(occurrence: Occurrence) -> str:
    """The same occurrence gets the same UID on every export, so a re-import updates it."""
    milestone = occurrence.milestone.number if occurrence.milestone else 0
    key = f"{occurrence.plan.id}#{occurrence.item.id}/{occurrence.kind}/{milestone}/{occurrence.number}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest() + "@cdsplan"


SUMMARY_COLUMNS = (
    ("overdue", "Quá hạn"),
    ("due", "Đến hạn"),
    ("in_progress", "Đang thực hiện"),
    ("upcoming", "Chưa đến hạn"),
    ("ongoing", "Thường xuyên"),
    ("done", "Đã hoàn thành"),
)


def summary(counts: list[Counts], registry: Registry | None, fmt: str, title: str) -> str:
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
    header = ["Đơn vị", *(word for _key, word in SUMMARY_COLUMNS), "Tổng"]
    body = [[row["name"], *(str(row[key]) for key, _word in SUMMARY_COLUMNS), str(row["total"])] for row in rows]
    totals = [
        "Tổng cộng",
        *(str(sum(int(row[key]) for row in rows)) for key, _word in SUMMARY_COLUMNS),
        str(sum(int(row["total"]) for row in rows)),
    ]
    if fmt == "md":
        lines = [f"# {title}", "", "| " + " | ".join(header) + " |", "|---|" + "--:|" * (len(header) - 1)]
        lines += ["| " + " | ".join(_markdown_escape(cell) for cell in row) + " |" for row in [*body, totals]]
        return "\n".join(lines) + "\n"
    widths = [max(len(row[column]) for row in [header, *body, totals]) for column in range(len(header))]
    widths[0] = min(widths[0], 44)

    def line(cells: list[str]) -> str:
        first = _shorten(cells[0], widths[0]).ljust(widths[0])
        return "  ".join([first, *(cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))]).rstrip()

    rule = "─" * len(line(header))
    return "\n".join([title, "", line(header), rule, *(line(row) for row in body), rule, line(totals)]) + "\n"
