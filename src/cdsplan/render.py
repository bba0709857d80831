"""Plans as documents: Markdown and Word (DOCX) rendered from templates that users can change.

    build_context(plans, registry, as_of=…)   -> plain data (dicts, lists, strings, dates)
    render_markdown(template, context, …)     -> str   (templates/*.md.j2, Jinja)
    render_docx(template, context)            -> bytes (templates/*.docx, docxtpl: Jinja inside Word)
    render(target, template=…, fmt=…, …)      -> Rendered: the `cdsplan render` command

Templates run in a sandboxed Jinja environment and never see the model objects, only the
context's plain data. Plan text is data: every `{{ … }}` output is escaped for the target
format (Markdown: backslash escapes, `<br>` for newlines, pipes escaped in tables; DOCX: XML
escaped, newlines as line breaks), so "R&D <AI> | a" or "{{ 7*7 }}" in a title comes out
exactly so. A value the template wants as-is (Markdown it builds itself) is marked `|safe`.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import os
import re
import tempfile
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .agencies import Registry
from .config import Settings
from .errors import CdsplanError, UsageError
from .model import Plan, Section, Target, Task, WindowSpec
from .text import did_you_mean, fold

FORMATS = ("md", "docx")
DEFAULT_TEMPLATE = "plan"
HORIZON_DAYS = 30
STATES = ("done", "overdue", "due", "upcoming")
STATE_LABELS = {
    "done": "Đã xong",
    "overdue": "Quá hạn",
    "due": f"Đến hạn trong {HORIZON_DAYS} ngày",
    "upcoming": "Chưa đến hạn",
}
STATUS_LABELS = {"planned": "Chưa bắt đầu", "in_progress": "Đang thực hiện", "done": "Đã hoàn thành", "cancelled": "Đã hủy"}
COMPARISON_SIGNS = {"at_least": "≥", "above": ">", "at_most": "≤", "below": "<"}
BLANK = " " * 6  # a blank the office fills in by hand: "Số:      /QĐ-…", "ngày      tháng …"
HEADING_CHARS = 28  # upper-case characters of 12 pt bold on one line of the header block's left column
PLACE_BLANK = "……"  # the place name, when the plan does not give it: "……, ngày      tháng …"

# --------------------------------------------------------------------------- #
# Vietnamese dates and deadlines as documents write them
# --------------------------------------------------------------------------- #


def date_long(day: dt.date | None, year: int | None = None) -> str:
    """'ngày 05 tháng 01 năm 2024' (Nghị định 30/2020: a leading zero for days below 10 and
    for months 1 and 2), or 'ngày      tháng      năm 2024' when the date is blank."""
    if day is None:
        return f"ngày{BLANK}tháng{BLANK}năm {year if year is not None else BLANK}"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def date_short(day: dt.date | None) -> str:
    """'05/01/2024', or '' for no date."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if day else ""


def when_text(when: object) -> str:
    """A deadline as the plan writes it: the source's words, a bare year, a date or a window."""
    if when is None:
        return ""
    if isinstance(when, WindowSpec):
        if when.start is None:
            return f"đến {date_short(when.deadline)}"
        return f"{date_short(when.start)} - {date_short(when.deadline)}"
    if isinstance(when, dt.date):
        return date_short(when)
    return str(when).strip()


_ROMAN = re.compile(r"^(?=[IVXLC])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def _roman_value(text: str) -> int:
    total = 0
    for index, char in enumerate(text):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total


def _part_key(part: str) -> tuple[int, Any]:
    if part.isdigit():
        return (0, int(part))
    if _ROMAN.match(part):
        return (0, _roman_value(part))
    if len(part) == 1 and part.lower() in _LETTERS:
        return (1, _LETTERS.index(part.lower()))
    return (2, fold(part))


def natural_key(item_id: str) -> tuple:
    """Ids in document order: 'III.2' < 'III.10', 'PL.IX' < 'PL.X', 'a' < 'd' < 'đ' < 'e'."""
    return tuple(_part_key(part) for part in item_id.split("."))


def _local(item_id: str, parent_id: str | None) -> str:
    if parent_id and item_id.startswith(parent_id + "."):
        return item_id[len(parent_id) + 1 :]
    return item_id


def numbering_label(local: str) -> str:
    """How a section's own number is printed: 'I.', '2.', '2.1.', 'a)'; '' for ids that are
    not numbering ('PL', 'D2', 'YC' name a part without a printed number)."""
    if _ROMAN.match(local) or re.fullmatch(r"\d+(\.\d+)*", local):
        return f"{local}."
    if len(local) == 1 and local.lower() in _LETTERS:
        return f"{local})"
    return ""


def _number_text(value: float) -> str:
    text = f"{value:g}" if value != int(value) else str(int(value))
    return text.replace(".", ",")  # Vietnamese decimal comma


# --------------------------------------------------------------------------- #
# Escaping: plan text is data
# --------------------------------------------------------------------------- #

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~$])")
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_MD_BLOCK_START = re.compile(r"^[-+=#>]")
_MD_ORDERED_START = re.compile(r"^(\d+)([.)])(?=\s|$)")


def clean_text(text: str) -> str:
    """Text without the control characters XML cannot hold (tabs and newlines stay)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def md_escape(value: object) -> str:
    """value as Markdown text that renders as itself on GitHub and GitLab: markup characters
    backslash-escaped (pipes too, so tables stay intact), newlines as <br>, no block markup."""
    text = clean_text(str(value)).strip()
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    lines = [line.strip() for line in text.split("\n")]
    lines = [_MD_ORDERED_START.sub(r"\1\\\2", "\\" + line if _MD_BLOCK_START.match(line) else line) for line in lines]
    return "<br>".join(lines)


def visible_blanks(text: str, mark: str = "……") -> str:
    """Runs of spaces left for the office to fill in ('Số:      /QĐ-…') made visible where
    spaces collapse (Markdown, HTML): 'Số: ……/QĐ-…'."""

    def blank(match: re.Match[str]) -> str:
        following = text[match.end() : match.end() + 1]
        return (" " if match.start() else "") + mark + (" " if following.isalnum() else "")

    return re.sub(r" {3,}", blank, text)


def _finalizer(escape: Callable[[object], str]) -> Callable[[object], object]:
    """What every `{{ … }}` of a template becomes: data escaped for the format, Markup (macros,
    `|safe`, images) as it is."""

    def finalize(value: object) -> object:
        from markupsafe import Markup

        if value is None:
            return Markup("")
        if isinstance(value, Markup):
            return value
        if hasattr(value, "__html__"):
            return Markup(value.__html__())
        return Markup(escape(value))

    return finalize


def docx_escape(value: object) -> str:
    """value as text inside a DOCX run: XML-escaped, control characters dropped (docxtpl turns
    newlines into line breaks), '_' as a character reference so that text such as '{_{' is not
    taken for template syntax by docxtpl's post-processing."""
    from markupsafe import escape

    return str(escape(clean_text(str(value)))).replace("_", "&#95;")


def _join_filter(escape: Callable[[object], str]) -> Callable[..., Any]:
    """`|join` for our templates: items escaped for the format, the separator taken as written."""
    from markupsafe import Markup

    def join(value: Iterable[Any], separator: str = "", attribute: str | None = None) -> Markup:
        items = [item.get(attribute) if isinstance(item, dict) and attribute else item for item in value]
        parts = [item if isinstance(item, Markup) else Markup(escape(item)) for item in items if item is not None]
        return Markup(separator).join(parts)

    return join


# --------------------------------------------------------------------------- #
# The context: plans as plain data for templates
# --------------------------------------------------------------------------- #


def _names(registry: Registry | None, ids: Iterable[str]) -> list[str]:
    return [registry.name(agency_id) if registry else agency_id for agency_id in ids]


def _short_names(registry: Registry | None, ids: Iterable[str]) -> list[str]:
    return [registry.short_name(agency_id) if registry else agency_id for agency_id in ids]


def _agency(registry: Registry | None, agency_id: str) -> dict[str, Any]:
    agency = registry.by_id.get(agency_id) if registry else None
    parent = registry.by_id.get(agency.parent) if registry and agency and agency.parent else None
    name = agency.name if agency else agency_id
    return {
        "id": agency_id,
        "name": name,
        "heading": balanced_lines(name.upper()),
        "parent_heading": balanced_lines(parent.name.upper()) if parent else "",
        "short": (agency.short[0] if agency.short else agency.name) if agency else agency_id,
        "kind": agency.kind if agency else None,
        "parent": parent.name if parent else None,
    }


def balanced_lines(text: str, width: int = HEADING_CHARS) -> str:
    """text broken into as few lines of at most about width characters as it needs, of even
    length ('ỦY BAN QUỐC GIA\nVỀ CHUYỂN ĐỔI SỐ'), for the agency name in the header block."""
    words = text.split()
    if len(text) <= width or len(words) < 2:
        return text
    count = -(-len(text) // width)
    best: list[str] = [text]
    best_score = None

    def split(start: int, parts: int) -> list[list[str]]:
        if parts == 1:
            return [[" ".join(words[start:])]]
        found = []
        for end in range(start + 1, len(words) - parts + 2):
            for rest in split(end, parts - 1):
                found.append([" ".join(words[start:end]), *rest])
        return found

    for lines in split(0, min(count, len(words))):
        score = (max(len(line) for line in lines), -len(lines[-1]))
        if best_score is None or score < best_score:
            best, best_score = lines, score
    return "\n".join(best)


_SIGNING_PREFIX = re.compile(r"^(KT|TM|TL|TUQ|Q)\.\s*", re.IGNORECASE)


def authority(signer_title: str | None, issuer: dict[str, Any]) -> str:
    """Whose decision it is, for '(Ban hành kèm theo Quyết định số … của …)': 'Bộ trưởng Bộ …',
    'Chủ tịch Ủy ban …', 'Trưởng Ban Chỉ đạo …'; the issuer's name when the title does not say."""
    name = issuer["name"]
    first = (signer_title or "").strip().split("\n")[0].strip()
    prefix = _SIGNING_PREFIX.match(first)
    if prefix and prefix.group(1).upper() == "TM":  # signed on behalf of the collective
        return name
    title = first[prefix.end() :] if prefix else first
    if not title:
        return f"Bộ trưởng {name}" if issuer.get("kind") == "ministry" else name
    title = title.lower()
    words, name_words = title.split(), name.split()
    if words and name_words and words[-1] == name_words[0].lower():
        words = words[:-1]  # "Trưởng ban" + "Ban Chỉ đạo …" -> "Trưởng Ban Chỉ đạo …"
    title = " ".join(words)
    return f"{title[:1].upper()}{title[1:]} {name}".strip()


def _decision(plan: Plan, issuer: dict[str, Any]) -> dict[str, Any]:
    decision = plan.decision
    year = decision.date.year if decision.date else plan.first_year
    place = (decision.place or "").strip()
    dated = date_long(decision.date, year)
    shown_place = place or PLACE_BLANK
    by = authority(decision.signer_title, issuer)
    has_decision = bool(decision.number or decision.symbol or decision.date)
    return {
        "number": decision.number or BLANK,
        "symbol": decision.symbol or "",
        "reference": decision.reference if (decision.number or decision.symbol) else BLANK,
        "date": decision.date,
        "date_text": dated,
        "date_short": date_short(decision.date),
        "place": place,
        "place_date": f"{shown_place}, {dated}",
        "signer": decision.signer or "",
        "signer_title": (decision.signer_title or "").strip(),
        "signer_title_lines": [line.strip() for line in (decision.signer_title or "").strip().split("\n") if line.strip()],
        "title": decision.title or "",
        "authority": by,
        "issued_with": (
            f"(Ban hành kèm theo Quyết định số {decision.reference if (decision.number or decision.symbol) else BLANK} "
            f"{dated} của {by})"
            if has_decision
            else ""
        ),
    }


DOCUMENT_KINDS = ("Kế hoạch", "Danh mục", "Chương trình", "Đề án", "Phương án", "Quy chế")


def document_kind(title: str) -> tuple[str, str]:
    """The kind printed in capitals over the title, and the title under it, as the documents
    print them: 'Kế hoạch hoạt động của …' -> ('KẾ HOẠCH', 'Hoạt động của …'); a title that
    does not begin with a kind of document stays whole under 'KẾ HOẠCH'."""
    title = title.strip()
    for kind in DOCUMENT_KINDS:
        match = re.match(re.escape(kind) + r"\s+", title, re.IGNORECASE)
        if match and title[match.end() :]:
            rest = title[match.end() :]
            return kind.upper(), rest[:1].upper() + rest[1:]
    return "KẾ HOẠCH", title


def _measure(measure: Any) -> dict[str, Any]:
    sign = COMPARISON_SIGNS[measure.comparison]
    unit = measure.unit or ""
    value = _number_text(measure.value)
    return {
        "comparison": measure.comparison,
        "value": measure.value,
        "unit": unit,
        "subject": measure.subject or "",
        "text": f"{sign} {value}{unit if unit == '%' else (' ' + unit if unit else '')}",
    }


@dataclass(slots=True)
class _Builder:
    """Builds one plan's context; knows the windows every task and target resolved to."""

    plan: Plan
    registry: Registry | None
    windows: dict[tuple[str, str], list[Any]]  # (plan id, task or target id) -> its occurrences
    targets_by_section: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    tasks: list[dict[str, Any]] = field(default_factory=list)

    def top_number(self, task_id: str) -> str:
        for section in self.plan.sections:
            if task_id.startswith(section.id + "."):
                return task_id[len(section.id) + 1 :]
        return task_id

    def task(self, task: Task) -> dict[str, Any]:
        status = task.status
        occurrences = [o for o in self.windows.get((self.plan.id, task.id), []) if o.kind == "task"]
        context = {
            "id": task.id,
            "ref": f"{self.plan.id}#{task.id}",
            "number": self.top_number(task.id),
            "title": task.title.strip(),
            "lead": _names(self.registry, task.lead),
            "lead_short": _short_names(self.registry, task.lead),
            "lead_ids": list(task.lead),
            "support": _names(self.registry, task.support),
            "support_short": _short_names(self.registry, task.support),
            "support_ids": list(task.support),
            "when": when_text(task.when),
            "start": min((o.start or o.deadline for o in occurrences), default=None),
            "deadline": max((o.deadline for o in occurrences), default=None),
            "milestones": [{"title": m.title.strip(), "when": when_text(m.when)} for m in task.milestones],
            "status": (
                {
                    "state": status.state,
                    "label": STATUS_LABELS[status.state],
                    "on": status.on,
                    "on_text": date_short(status.on),
                    "note": status.note or "",
                }
                if status
                else None
            ),
            "state": task.state,
            "state_label": STATUS_LABELS[task.state],
            "notes": task.notes or "",
            "line": task.line,
        }
        self.tasks.append(context)
        return context

    def target(self, target: Target, label: str = "", group: str = "") -> dict[str, Any]:
        occurrences = self.windows.get((self.plan.id, target.id), [])
        deadline = max((o.deadline for o in occurrences), default=None)
        return {
            "id": target.id,
            "ref": f"{self.plan.id}#{target.id}",
            "label": label,
            "group": group,
            "area": target.area or "",
            "text": target.text.strip(),
            "measures": [_measure(m) for m in target.measures],
            "when": when_text(target.when) if target.when is not None else str(self.plan.last_year),
            "deadline": deadline,
            "deadline_text": date_short(deadline),
            "lead": _names(self.registry, target.lead),
        }

    def place_targets(self) -> list[dict[str, Any]]:
        """Targets go to the section their id lies under ('I.1.a' -> section 'I', or 'I.1' when
        the plan has it); the others are returned, for a part of their own. Targets numbered
        '1.a', '1.b', '2.a' under a section are grouped: the first of a group carries the group's
        heading ('1. Dữ liệu số', from the targets' area), as the document prints them."""
        section_ids = {section.id for section in self.plan.iter_sections()}
        unplaced = []
        last_group: dict[str, str] = {}
        for target in self.plan.targets:
            parts = target.id.split(".")
            home = next((".".join(parts[:n]) for n in range(len(parts) - 1, 0, -1) if ".".join(parts[:n]) in section_ids), None)
            local = _local(target.id, home) if home else target.id
            pieces = local.split(".")
            group = ""
            if len(pieces) == 2 and pieces[0].isdigit() and numbering_label(pieces[1]).endswith(")"):
                label = numbering_label(pieces[1])
                if last_group.get(home or "") != pieces[0]:
                    group = f"{pieces[0]}. {target.area}" if target.area else f"{pieces[0]}."
                last_group[home or ""] = pieces[0]
            else:
                label = numbering_label(local) if len(pieces) == 1 else ""
                label = label or f"{local})"
            context = self.target(target, label, group)
            if home is None:
                unplaced.append(context)
            else:
                self.targets_by_section.setdefault(home, []).append(context)
        return unplaced

    def section(self, section: Section, parent: Section | None, level: int) -> dict[str, Any]:
        local = _local(section.id, parent.id if parent else None)
        label = numbering_label(local)
        text = [paragraph.strip() for paragraph in section.text if paragraph.strip()]
        theme = (section.theme or "").strip()
        context: dict[str, Any] = {
            "id": section.id,
            "label": label,
            "title": section.title.strip(),
            "heading": f"{label} {section.title.strip()}".strip(),
            "theme": theme,
            "show_theme": bool(theme) and not any(theme in paragraph for paragraph in text),
            "text": text,
            "level": level,
            "targets": self.targets_by_section.get(section.id, []),
            "tasks": [],
            "sections": [],
            "children": [],
        }
        for kind, item in _in_document_order(section):
            if kind == "task":
                task = self.task(item)
                context["tasks"].append(task)
                if context["children"] and context["children"][-1]["kind"] == "tasks":
                    context["children"][-1]["tasks"].append(task)
                else:
                    context["children"].append({"kind": "tasks", "tasks": [task]})
            else:
                child = self.section(item, section, level + 1)
                context["sections"].append(child)
                context["children"].append({"kind": "section", "section": child})
        context["task_count"] = len(context["tasks"]) + sum(child["task_count"] for child in context["sections"])
        return context


def _in_document_order(section: Section) -> list[tuple[str, Any]]:
    """A section's tasks and sub-sections interleaved by their numbering (the model keeps them
    in two lists: 'III.0', then section 'III.1', …, task 'III.4'); each list keeps its own order."""
    tasks = [("task", task) for task in section.tasks]
    sections = [("section", sub) for sub in section.sections]
    merged: list[tuple[str, Any]] = []
    while tasks and sections:
        if natural_key(sections[0][1].id) < natural_key(tasks[0][1].id):
            merged.append(sections.pop(0))
        else:
            merged.append(tasks.pop(0))
    return merged + tasks + sections


def _heading_block(section: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "label", "title", "heading", "theme", "show_theme", "text", "level", "targets")
    return {"kind": "heading", **{key: section[key] for key in keys}}


def _rows(section: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for child in section["children"]:
        if child["kind"] == "tasks":
            for task in child["tasks"]:
                yield {**task, "group": False}
        else:
            yield {**_heading_block(child["section"]), "group": True}
            yield from _rows(child["section"])


def _blocks(sections: list[dict[str, Any]], unplaced: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The document as a flat list for the DOCX template: headings with their text, and one task
    table per top-level section (its sub-sections become group rows inside the table)."""
    blocks: list[dict[str, Any]] = []

    def walk(section: dict[str, Any]) -> None:
        blocks.append(_heading_block(section))
        if section["task_count"]:
            blocks.append({"kind": "tasks", "rows": list(_rows(section))})
        else:
            for child in section["sections"]:
                walk(child)

    for section in sections:
        walk(section)
    if unplaced:
        blocks.append(
            {
                "kind": "heading", "id": "", "label": "", "title": "CHỈ TIÊU", "heading": "CHỈ TIÊU", "theme": "",
                "show_theme": False, "text": [], "level": 1, "targets": unplaced,
            }
        )
    return blocks


def plan_context(plan: Plan, registry: Registry | None, windows: dict[tuple[str, str], list[Any]]) -> dict[str, Any]:
    """One plan as plain data for templates."""
    builder = _Builder(plan, registry, windows)
    issuer = _agency(registry, plan.issuer)
    unplaced = builder.place_targets()
    sections = [builder.section(section, None, 1) for section in plan.sections]
    amends = plan.amends
    source = plan.source
    return {
        "id": plan.id,
        "title": plan.title.strip(),
        "kind": document_kind(plan.title)[0],
        "subject": document_kind(plan.title)[1],
        "year": plan.year,
        "period": plan.period,
        "years": str(plan.year) if plan.year is not None else (plan.period or "").replace(" ", ""),
        "first_year": plan.first_year,
        "last_year": plan.last_year,
        "file": plan.file,
        "issuer": issuer,
        "decision": _decision(plan, issuer),
        "source": {"kind": source.kind, "document": source.document or "", "note": source.note or ""} if source else None,
        "is_press": bool(source and source.kind == "press"),
        "legal_basis": [line.strip() for line in plan.legal_basis],
        "theme": (plan.theme or "").strip(),
        "amends": (
            {
                "decision": amends.decision,
                "date": amends.date,
                "date_text": date_short(amends.date),
                "title": amends.title or "",
                "plan": amends.plan,
                "replaces_tasks": amends.replaces_tasks,
            }
            if amends
            else None
        ),
        "recipients": [line.strip() for line in plan.recipients if line.strip()],
        "targets": [target for section in plan.iter_sections() for target in builder.targets_by_section.get(section.id, [])]
        + unplaced,
        "unplaced_targets": unplaced,
        "sections": sections,
        "blocks": _blocks(sections, unplaced),
        "tasks": builder.tasks,
        "task_count": len(builder.tasks),
        "has_closing": bool(plan.recipients or plan.decision.signer or plan.decision.signer_title),
    }


def progress_state(occurrence: Any, query: Any) -> str:
    """done (closed), overdue (deadline passed), due (deadline within the horizon), upcoming."""
    if occurrence.closed:
        return "done"
    if occurrence.deadline < query.as_of:
        return "overdue"
    return "due" if occurrence.deadline <= query.end else "upcoming"


def _summary(plans: Sequence[Plan], occurrences: list[Any], registry: Registry | None, as_of: dt.date, horizon: int) -> dict[str, Any]:
    from .due import Query, entries

    query = Query(as_of, as_of + dt.timedelta(days=horizon), as_of)
    found = entries([o for o in occurrences if o.kind != "target"], query, registry, progress_state)
    by_occurrence: dict[int, list[Any]] = {}
    for entry in found:
        by_occurrence.setdefault(id(entry.occurrence), []).append(entry)

    counts = dict.fromkeys(STATES, 0)
    agencies: dict[str, dict[str, Any]] = {}
    for occurrence in occurrences:
        if occurrence.kind != "task":
            continue
        state = progress_state(occurrence, query)
        counts[state] += 1
        for lead in occurrence.lead:
            row = agencies.setdefault(lead, {"id": lead, "name": _names(registry, [lead])[0], "total": 0, **dict.fromkeys(STATES, 0)})
            row[state] += 1
            row["total"] += 1

    def item(group: list[Any]) -> dict[str, Any]:
        first = group[0]
        occurrence = first.occurrence
        holders = []
        for entry in group:
            name = _names(registry, [entry.holder])[0]
            if entry.inherited_from:
                name += f" (thay {_short_names(registry, [entry.inherited_from])[0]})"
            holders.append(name)
        return {
            "plan": occurrence.plan.id,
            "plan_title": occurrence.plan.title,
            "ref": occurrence.ref,
            "task": occurrence.item.id,
            "kind": occurrence.kind,
            "title": occurrence.title.strip(),
            "milestone": occurrence.milestone.title.strip() if occurrence.milestone else "",
            "when": occurrence.when,
            "start": occurrence.start,
            "deadline": occurrence.deadline,
            "deadline_text": date_short(occurrence.deadline),
            "days": first.days,
            "late": -first.days,
            "holders": holders,
            "leads": _names(registry, occurrence.lead),
            "day_off": first.day_off or "",
            "working_deadline_text": date_short(first.working_deadline),
        }

    def listed(state: str) -> list[dict[str, Any]]:
        groups = [group for group in by_occurrence.values() if group[0].state == state]
        groups.sort(key=lambda g: (g[0].occurrence.deadline, g[0].occurrence.plan.id, g[0].occurrence.line))
        return [item(group) for group in groups]

    total = sum(counts.values())
    return {
        "as_of": as_of,
        "as_of_text": date_short(as_of),
        "horizon": horizon,
        "until": query.end,
        "until_text": date_short(query.end),
        "total": total,
        "by_state": counts,
        "counts": [{"state": state, "label": STATE_LABELS[state], "count": counts[state]} for state in STATES],
        "agencies": sorted(agencies.values(), key=lambda row: (-row["overdue"], -row["due"], fold(row["name"]))),
        "overdue": listed("overdue"),
        "due_soon": listed("due"),
        "milestone_count": sum(1 for o in occurrences if o.kind == "milestone"),
    }


def _timeline_rows(
    plans: Sequence[Plan], contexts: Sequence[dict[str, Any]], windows: dict[tuple[str, str], list[Any]], query: Any
) -> list[Any]:
    from .timeline import Bar, Mark, Row

    rows = []
    several = len(plans) > 1
    for plan, context in zip(plans, contexts):
        tasks = {task.id: task for task in plan.iter_tasks()}
        begin = dt.date(plan.first_year, 1, 1)
        for task_context in context["tasks"]:
            task = tasks[task_context["id"]]
            label = f"{plan.id}#{task.id}" if several else task.id
            row = Row(f"{label} {task.title}", begin=begin)
            for occurrence in windows.get((plan.id, task.id), []):
                state = progress_state(occurrence, query)
                if occurrence.kind == "task":
                    row.bars.append(Bar(occurrence.start, occurrence.deadline, state))
                else:
                    row.marks.append(Mark(occurrence.deadline, state))
            if row.bars or row.marks:
                rows.append(row)
    return rows


class Picture:
    """The timeline picture, drawn only when a template uses it.

    In Markdown `{{ timeline }}` gives the picture's address (a file beside the output, or a
    data: URI when the output goes to the terminal); in a DOCX template it inserts the image."""

    def __init__(self, draw: Callable[[str], bytes]) -> None:
        self._draw = draw
        self._cache: dict[str, bytes] = {}
        self._sink: Callable[[Picture], str] | None = None  # set by the renderer: where the picture goes

    def data(self, fmt: str) -> bytes:
        if fmt not in self._cache:
            self._cache[fmt] = self._draw(fmt)
        return self._cache[fmt]

    def __bool__(self) -> bool:
        return True

    def place_with(self, sink: Callable[[Picture], str] | None) -> None:
        self._sink = sink

    def __html__(self) -> str:
        if self._sink is None:
            raise CdsplanError("the timeline picture cannot be placed in this template")
        return self._sink(self)

    def __str__(self) -> str:
        return self.__html__()


def build_context(
    plans: Sequence[Plan],
    registry: Registry | None,
    *,
    as_of: dt.date,
    before_inclusive: bool = False,
    horizon: int = HORIZON_DAYS,
    title: str | None = None,
) -> dict[str, Any]:
    """Everything a template sees: `plans` (each as plan_context), `plan` (the first),
    `summary` (progress as of as_of) and `timeline` (the picture, drawn on use)."""
    from .due import Query
    from .occurrences import all_occurrences

    plans = list(plans)
    occurrences = all_occurrences(plans, before_inclusive=before_inclusive)
    windows: dict[tuple[str, str], list[Any]] = {}
    for occurrence in occurrences:
        windows.setdefault((occurrence.plan.id, occurrence.item.id), []).append(occurrence)
    contexts = [plan_context(plan, registry, windows) for plan in plans]
    summary = _summary(plans, occurrences, registry, as_of, horizon)
    query = Query(as_of, as_of + dt.timedelta(days=horizon), as_of)
    heading = title or (contexts[0]["title"] if len(contexts) == 1 else None)
    targets = [dict(target, plan=context["id"]) for context in contexts for target in context["targets"]]
    summary["targets"] = targets

    def draw(fmt: str) -> bytes:
        from .timeline import draw as draw_timeline

        return draw_timeline(_timeline_rows(plans, contexts, windows, query), as_of=as_of, title=heading, fmt=fmt)

    return {
        "plans": contexts,
        "plan": contexts[0] if contexts else None,
        "title": heading or "",
        "as_of": as_of,
        "as_of_text": date_short(as_of),
        "as_of_long": date_long(as_of),
        "summary": summary,
        "timeline": Picture(draw),
        "state_labels": STATE_LABELS,
    }


# --------------------------------------------------------------------------- #
# Templates: finding them, running them sandboxed, saying where they broke
# --------------------------------------------------------------------------- #


def _shown(path: Path) -> str:
    from .sources import display

    return display(path)


def builtin_template(file_name: str) -> Path:
    """A template shipped with cdsplan, used where the project's templates/ lacks one."""
    from importlib.resources import files

    try:
        shipped = files("cdsplan.templates")
    except ModuleNotFoundError:  # a source checkout (editable install): templates/ beside src/
        shipped = Path(__file__).resolve().parents[2] / "templates"
    return Path(str(shipped.joinpath(file_name)))


def find_template(name: str | None, fmt: str | None, templates: Path) -> tuple[Path, str]:
    """The template file and the format it renders: a path as given, or a name in templates/
    ('plan', 'summary', 'plan.docx', …)."""
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"--format {fmt!r}: choose md or docx")
    name = name or DEFAULT_TEMPLATE
    as_path = Path(name)
    if as_path.is_file():
        found_fmt = "docx" if as_path.suffix.lower() == ".docx" else "md"
        if fmt is not None and fmt != found_fmt:
            raise UsageError(f"template {name} renders {found_fmt}, not {fmt}: drop --format or pick a {fmt} template")
        return as_path, found_fmt
    if as_path.is_dir():
        raise UsageError(f"template {name} is a folder, not a template file")
    if os.sep in name or "/" in name:
        raise UsageError(f"no template file {name}")
    candidates: list[tuple[str, str]] = []
    if name.endswith(".docx"):
        candidates = [(name, "docx")]
    elif name.endswith(".j2"):
        candidates = [(name, "md")]
    else:
        for wanted in (fmt,) if fmt else FORMATS:
            candidates += [(f"{name}.md.j2", "md"), (f"{name}.j2", "md")] if wanted == "md" else [(f"{name}.docx", "docx")]
    for file_name, found_fmt in candidates:
        path = templates / file_name
        if not path.is_file():
            path = builtin_template(file_name)
        if path.is_file():
            if fmt is not None and fmt != found_fmt:
                raise UsageError(f"template {_shown(path)} renders {found_fmt}, not {fmt}")
            return path, found_fmt
    known = sorted(p.name for p in templates.glob("*") if p.is_file() and p.suffix in (".j2", ".docx")) if templates.is_dir() else []
    stems = sorted({known_name.split(".")[0] for known_name in known})
    stem = name.split(".")[0]
    hint = did_you_mean(stem, stems) if stems and stem not in stems else ""
    where = _shown(templates) + "/"
    listing = f" (there: {', '.join(known)})" if known else " (the folder has no templates)"
    wanted = f" for --format {fmt}" if fmt else ""
    raise UsageError(f"no template {name!r}{wanted} in {where}{listing}{hint}")


def _environment(*, docx: bool, search: Sequence[Path] = ()) -> Any:
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    from markupsafe import Markup

    environment = SandboxedEnvironment(
        autoescape=True,  # macros and |safe give Markup, which finalize leaves alone
        finalize=_finalizer(docx_escape if docx else md_escape),
        undefined=StrictUndefined,
        loader=FileSystemLoader([str(path) for path in search]) if search else None,
        keep_trailing_newline=True,
        trim_blocks=not docx,
        lstrip_blocks=not docx,
    )
    environment.filters["join"] = _join_filter(docx_escape if docx else md_escape)
    environment.filters["md"] = lambda value: Markup(md_escape(value))
    environment.filters["blanks"] = visible_blanks
    environment.filters["date_short"] = date_short
    environment.filters["date_long"] = date_long
    return environment


def _template_error(shown: str, exc: BaseException, lines: Callable[[int], str] | None = None) -> CdsplanError:
    """'templates/x.md.j2:12: message' from a Jinja error (its line, or the template frame
    of the traceback for errors raised while rendering)."""
    from jinja2 import TemplateSyntaxError

    line = exc.lineno if isinstance(exc, TemplateSyntaxError) else None
    if line is None:
        traceback = exc.__traceback__
        while traceback is not None:
            code = traceback.tb_frame.f_code
            if code.co_filename.endswith((".j2", ".docx", "<template>")) or code.co_filename == shown:
                line = traceback.tb_lineno
            traceback = traceback.tb_next
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    message = " ".join(message.split())
    near = f" (near: {lines(line)!r})" if lines and line else ""
    where = f"{shown}:{line}" if line else shown
    return CdsplanError(f"{where}: {message}{near}")


def render_markdown(template: Path, context: dict[str, Any]) -> str:
    """The Markdown a .md.j2 template makes of context."""
    from jinja2 import TemplateError
    from jinja2.exceptions import SecurityError

    shown = _shown(template)
    environment = _environment(docx=False, search=[template.parent])
    try:
        source = template.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{shown}: cannot read the template: {exc}") from None
    try:
        compiled = environment.from_string(source)
        compiled.filename = str(template)
        compiled.name = shown
    except TemplateError as exc:
        raise _template_error(shown, exc) from None
    try:
        return compiled.render(context)
    except CdsplanError:
        raise
    except (TemplateError, SecurityError, TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError) as exc:
        raise _template_error(shown, exc) from None


def _docx_lines(xml: str) -> Callable[[int], str]:
    def text(line: int) -> str:
        rows = xml.splitlines()
        return re.sub(r"<[^>]+>", "", rows[line - 1]).strip()[:80] if 0 < line <= len(rows) else ""

    return text


def render_docx(template: Path, context: dict[str, Any]) -> bytes:
    """The Word document a docxtpl template makes of context."""
    import warnings

    from jinja2 import TemplateError
    from jinja2.exceptions import SecurityError

    shown = _shown(template)
    with warnings.catch_warnings():
        # docxtpl's own imports; nothing of ours is hidden
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"docxtpl(\..*)?$")
        from docx.shared import Mm
        from docxtpl import DocxTemplate, InlineImage

    try:
        document = DocxTemplate(str(template))
        document.init_docx()
    except Exception as exc:  # python-docx raises PackageNotFoundError, BadZipFile, KeyError, lxml errors…
        raise UsageError(f"{shown}: not a Word document (.docx) that can be read: {exc}") from None

    def place(picture: Picture) -> str:
        png = picture.data("png")
        width, height = _png_size(png)
        max_width, max_height = 160.0, 230.0  # mm: inside an A4 page's margins
        scale = min(max_width / width, max_height / height)
        return InlineImage(document, io.BytesIO(png), width=Mm(width * scale), height=Mm(height * scale)).__html__()

    picture = context.get("timeline")
    if isinstance(picture, Picture):
        picture.place_with(place)
    environment = _environment(docx=True)
    xml_source: list[str] = []
    original = document.render_xml_part

    def remember(src_xml: str, part: Any, ctx: Any, jinja_env: Any = None) -> str:
        xml_source[:] = [re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)]
        return original(src_xml, part, ctx, jinja_env)

    document.render_xml_part = remember  # to quote the paragraph a template error is in
    try:
        document.render(context, jinja_env=environment, autoescape=True)
    except CdsplanError:
        raise
    except (TemplateError, SecurityError, TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError) as exc:
        raise _template_error(shown, exc, _docx_lines(xml_source[0]) if xml_source else None) from None
    finally:
        if isinstance(picture, Picture):
            picture.place_with(None)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _png_size(png: bytes) -> tuple[float, float]:
    """The size in millimetres of a PNG drawn at the timeline's resolution."""
    import struct

    from .timeline import PNG_DPI

    width, height = struct.unpack(">II", png[16:24])
    return width * 25.4 / PNG_DPI, height * 25.4 / PNG_DPI


# --------------------------------------------------------------------------- #
# The command
# --------------------------------------------------------------------------- #


@dataclass(slots=True)
class Rendered:
    """What `cdsplan render` produced: Markdown for standard output, or the files it wrote."""

    text: str | None = None
    written: list[Path] = field(default_factory=list)


def write_atomically(path: Path, data: bytes) -> None:
    """Write data to path through a temporary file beside it, so that a reader never sees half a file."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"cannot write {path}: no folder {folder}")
    try:
        mode = path.stat().st_mode & 0o777  # a replaced file keeps its permissions
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _plan_files(repository: Any) -> list[Any]:
    from .sources import REGISTRY_NAME

    return [loaded for loaded in repository.files if loaded is not repository.registry_file and Path(loaded.path).name != REGISTRY_NAME]


def select_plans(target: str, settings: Settings) -> tuple[list[Plan], Registry | None, str]:
    """The plans TARGET names (a plan id, a plan file, a year, a folder), the registry, and a
    name for the default output file."""
    from .loader import load_repository

    path = Path(target)
    if path.exists():
        repository = load_repository(path, max_file_mb=settings.max_file_mb)
        base = path.stem if path.is_file() else (path.resolve().name or "plans")
        scope = _plan_files(repository)
    elif re.fullmatch(r"\d{4}", target):
        folder = settings.plans / target
        if not folder.is_dir():
            raise UsageError(f"no plans for {target}: there is no folder {_shown(folder)}")
        repository = load_repository(folder, max_file_mb=settings.max_file_mb)
        base = f"ke-hoach-{target}"
        scope = _plan_files(repository)
    else:
        if not settings.plans.is_dir():
            raise UsageError(f"{target!r} is not a file, a folder or a year, and there is no plans folder {_shown(settings.plans)} to find a plan id in")
        repository = load_repository(settings.plans, max_file_mb=settings.max_file_mb)
        if target not in repository.plans:
            raise UsageError(
                f"no plan {target!r}: give a plan id, a plan file, a year or a folder{did_you_mean(target, list(repository.plans))}"
            )
        plan = repository.plans[target]
        scope = [repository.file_of(plan)]
        base = plan.id
    errors = [problem for loaded in scope for problem in loaded.problems if problem.severity == "error"]
    if errors:
        shown = "; ".join(f"{p.file}:{p.line}:{p.column}: {p.message}" for p in errors[:3])
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        raise CdsplanError(f"cannot render plans with errors: {shown}{more}; run `cdsplan check`")
    if re.fullmatch(r"\d{4}", target) or path.exists():
        plans = [loaded.plan for loaded in scope if loaded.plan is not None]
        if len(plans) == 1:
            base = plans[0].id
    else:
        plans = [repository.plans[target]]
    if not plans:
        raise UsageError(f"no plans in {target}")
    return plans, repository.registry, base


def render(
    target: str,
    *,
    template: str | None = None,
    fmt: str | None = None,
    output: Path | None = None,
    as_of: dt.date | None = None,
    settings: Settings,
) -> Rendered:
    """`cdsplan render TARGET`: a plan (id or file), a year's plans or a folder's, through a
    template, to Markdown (standard output unless -o) or DOCX (-o, default <plan-id>.docx)."""
    if fmt is None and output is not None and not (template and Path(template).is_file()):
        fmt = {".docx": "docx", ".md": "md"}.get(output.suffix.lower())
    template_path, found_fmt = find_template(template, fmt, settings.templates)
    plans, registry, base = select_plans(target, settings)
    as_of = as_of or dt.date.today()
    years = {plan.first_year for plan in plans}
    title = None if len(plans) == 1 else (f"Các kế hoạch năm {years.pop()}" if len(years) == 1 else "Các kế hoạch")
    context = build_context(plans, registry, as_of=as_of, before_inclusive=settings.before_inclusive, title=title)
    picture: Picture = context["timeline"]
    stem = template_path.name.split(".")[0]
    if found_fmt == "docx":
        data = render_docx(template_path, context)
        path = output or Path(f"{base}.docx" if stem == DEFAULT_TEMPLATE else f"{base}-{stem}.docx")
        write_atomically(path, data)
        return Rendered(None, [path])

    attachments: dict[Path, bytes] = {}

    def address(picture: Picture) -> str:
        if output is None:
            return "data:image/svg+xml;base64," + base64.b64encode(picture.data("svg")).decode("ascii")
        name = f"{output.name.split('.')[0]}.timeline.svg"
        attachments[output.parent / name] = picture.data("svg")
        return "<" + urllib.parse.quote(name) + ">"

    picture.place_with(address)
    try:
        text = render_markdown(template_path, context)
    finally:
        picture.place_with(None)
    if output is None:
        return Rendered(text, [])
    written = []
    for path, data in attachments.items():
        write_atomically(path, data)
        written.append(path)
    write_atomically(output, text.encode("utf-8"))
    return Rendered(None, [output, *written])
