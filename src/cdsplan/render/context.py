"""The context templates see: plans, their sections, tasks and targets, and progress, as plain data.

Templates never see the model objects, only dicts, lists, strings and dates built here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..agencies import Registry
from ..errors import CdsplanError
from ..model.plan import Plan, Section, Target, Task
from ..text import fold
from .words import (
    BLANK,
    COMPARISON_SIGNS,
    PLACE_BLANK,
    authority,
    date_long,
    date_short,
    document_kind,
    local_id,
    natural_key,
    number_text,
    numbering_label,
    when_text,
)

HORIZON_DAYS = 30
STATES = ("done", "overdue", "due", "upcoming")
STATE_LABELS = {
    "done": "Đã xong",
    "overdue": "Quá hạn",
    "due": f"Đến hạn trong {HORIZON_DAYS} ngày",
    "upcoming": "Chưa đến hạn",
}
STATUS_LABELS = {"planned": "Chưa bắt đầu", "in_progress": "Đang thực hiện", "done": "Đã hoàn thành", "cancelled": "Đã hủy"}
HEADING_CHARS = 28  # upper-case characters of 12 pt bold on one line of the header block's left column


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
            f"(Ban hành kèm theo Quyết định số {decision.reference if (decision.number or decision.symbol) else BLANK} {dated} của {by})"
            if has_decision
            else ""
        ),
    }


def _measure(measure: Any) -> dict[str, Any]:
    sign = COMPARISON_SIGNS[measure.comparison]
    unit = measure.unit or ""
    value = number_text(measure.value)
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
            local = local_id(target.id, home) if home else target.id
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
        local = local_id(section.id, parent.id if parent else None)
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
                "kind": "heading",
                "id": "",
                "label": "",
                "title": "CHỈ TIÊU",
                "heading": "CHỈ TIÊU",
                "theme": "",
                "show_theme": False,
                "text": [],
                "level": 1,
                "targets": unplaced,
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
        "targets": [target for section in plan.iter_sections() for target in builder.targets_by_section.get(section.id, [])] + unplaced,
        "unplaced_targets": unplaced,
        "sections": sections,
        "blocks": _blocks(sections, unplaced),
        "tasks": builder.tasks,
        "task_count": len(builder.tasks),
        "has_closing": bool(plan.recipients or plan.decision.signer or plan.decision.signer_title),
    }


def progress_state(occurrence: Any, query: Any) -> str:
    """The summary's bucket of an occurrence: the shared classification, with everything whose
    deadline is after the horizon counted as not yet due."""
    from ..schedule.due import classify

    state = classify(occurrence, query, occurrence.closed)
    return "upcoming" if state == "later" else state


def _summary(plans: Sequence[Plan], occurrences: list[Any], registry: Registry | None, as_of: dt.date, horizon: int) -> dict[str, Any]:
    from ..schedule.due import Query, entries

    query = Query(as_of, as_of + dt.timedelta(days=horizon), as_of)
    found = entries([o for o in occurrences if o.kind != "target"], query, registry, None, frozenset({"overdue", "due"})).entries
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
    for plan, context in zip(plans, contexts, strict=True):
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
    occurrences: Sequence[Any],
    *,
    as_of: dt.date,
    horizon: int = HORIZON_DAYS,
    title: str | None = None,
) -> dict[str, Any]:
    """Everything a template sees: `plans` (each as plan_context), `plan` (the first),
    `summary` (progress as of as_of) and `timeline` (the picture, drawn on use)."""
    from ..schedule.due import Query

    plans = list(plans)
    ids = {plan.id for plan in plans}
    occurrences = [occurrence for occurrence in occurrences if occurrence.plan.id in ids]
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
