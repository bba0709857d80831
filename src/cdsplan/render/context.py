"""The context plan templates see: each plan as the document that was issued, as plain data.

A plan is printed as its parts, each starting on a new page: the Quyết định (when the plan
data holds its articles), the Kế hoạch (its sections), then each appendix (a section marked
`appendix: true`) with its own "PHỤ LỤC" heading and attachment line. A Kế hoạch issued on its
own (`decision: null`) has its own header, number and signature. Templates never see the model
objects, only dicts, lists, strings and dates built here; text for a Word document is set by a
`layout.Setter` (measured lines, no-break spaces), text for Markdown is left as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..agencies import Registry
from ..model.plan import Plan, Section, Target, Task
from ..typography import TEMPLATE, text_width
from .layout import Setter, header, issuer, recipients, signature, title_block
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

STATUS_LABELS = {"planned": "Chưa bắt đầu", "in_progress": "Đang thực hiện", "done": "Đã hoàn thành", "cancelled": "Đã hủy"}


def _names(registry: Registry | None, ids: Iterable[str]) -> list[str]:
    return [registry.name(agency_id) if registry else agency_id for agency_id in ids]


def _short_names(registry: Registry | None, ids: Iterable[str]) -> list[str]:
    return [registry.short_name(agency_id) if registry else agency_id for agency_id in ids]


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).rstrip(".:;").casefold() == " ".join(b.split()).rstrip(".:;").casefold()


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


def row_number(task_id: str, top: str) -> str:
    """How the TT column numbers a task under top-level section top, as the documents do:
    '2', '1.1', a lettered point as 'a)', and the numbers after a Roman group ('PL.I.1': '1')."""
    local = local_id(task_id, top)
    parts = local.split(".")
    last = numbering_label(parts[-1])
    if last.endswith(")"):
        return last
    roman = [index for index, part in enumerate(parts[:-1]) if numbering_label(part).endswith(".") and not part.isdigit()]
    return ".".join(parts[roman[-1] + 1 :]) if roman else local


def document_order(plan: Plan) -> list[Task]:
    """The plan's tasks in the order the document prints them (tasks and sub-sections
    interleaved by their numbering, see `_in_document_order`)."""

    def walk(section: Section) -> Iterator[Task]:
        for kind, item in _in_document_order(section):
            if kind == "task":
                yield item
            else:
                yield from walk(item)

    return [task for section in plan.sections for task in walk(section)]


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


@dataclass(slots=True)
class _Builder:
    """Builds one plan's context; knows the windows every task and target resolved to."""

    plan: Plan
    registry: Registry | None
    windows: dict[tuple[str, str], list[Any]]  # (plan id, task or target id) -> its occurrences
    setter: Setter
    targets_by_section: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    tasks: list[dict[str, Any]] = field(default_factory=list)

    def cell(self, text: str, column: int) -> str:
        return self.setter.text(text, TEMPLATE.task_cells_pt[column], 12)

    def task(self, task: Task, top: str, printed: str) -> dict[str, Any]:
        status = task.status
        occurrences = [o for o in self.windows.get((self.plan.id, task.id), []) if o.kind == "task"]
        lead, support = _names(self.registry, task.lead), _names(self.registry, task.support)
        context = {
            "id": task.id,
            "ref": f"{self.plan.id}#{task.id}",
            "number": row_number(task.id, top),
            "title": task.title.strip(),
            "text": self.cell(task.title, 1),
            "lead": lead,
            "lead_text": [self.cell(name, 2) for name in lead],
            "lead_short": _short_names(self.registry, task.lead),
            "lead_ids": list(task.lead),
            "support": support,
            "support_text": [self.cell(name, 3) for name in support],
            "support_short": _short_names(self.registry, task.support),
            "support_ids": list(task.support),
            "when": when_text(task.when),
            "when_text": self.cell(when_text(task.when), 4),
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
            "printed": printed,  # "row"; "heading" or "text" when the section's own words are the task
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
            "text": self.setter.text(target.text),
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

    def section(self, section: Section, parent: Section | None, level: int, top: str) -> dict[str, Any]:
        # numbered as the documents do: "III.", then "1.", "1.1.", a lettered "a)", "I." for a group
        local = row_number(section.id, top) if parent else section.id
        label = local if local.endswith(")") else numbering_label(local)
        text = [paragraph.strip() for paragraph in section.text if paragraph.strip()]
        theme = (section.theme or "").strip()
        title = section.title.strip()
        context: dict[str, Any] = {
            "id": section.id,
            "label": label,
            "title": title,
            "heading": self.setter.text(f"{label} {title}".strip()),
            "theme": theme,
            "show_theme": bool(theme) and not any(theme in paragraph for paragraph in text),
            "text": [self.setter.text(paragraph) for paragraph in text],
            "level": level,
            "targets": self.targets_by_section.get(section.id, []),
            "tasks": [],
            "sections": [],
            "children": [],
            "appendix": section.appendix,
        }
        for kind, item in _in_document_order(section):
            if kind == "task":
                # A section's own words that are also a task ("III.0", the opening paragraph; "1.1",
                # a heading over its points a)-e)) are printed once, where the document has them.
                printed = "heading" if _same(item.title, title) else "text" if any(_same(item.title, p) for p in text) else "row"
                task = self.task(item, top, printed)
                context["tasks"].append(task)
                if printed != "row":
                    continue
                if context["children"] and context["children"][-1]["kind"] == "tasks":
                    context["children"][-1]["tasks"].append(task)
                else:
                    context["children"].append({"kind": "tasks", "tasks": [task]})
            else:
                child = self.section(item, section, level + 1, top)
                context["sections"].append(child)
                context["children"].append({"kind": "section", "section": child})
        context["task_count"] = sum(len(child["tasks"]) for child in context["children"] if child["kind"] == "tasks") + sum(
            child["task_count"] for child in context["sections"]
        )
        return context


def _heading_block(section: dict[str, Any], *, titled: bool = True) -> dict[str, Any]:
    keys = ("id", "label", "title", "heading", "theme", "show_theme", "text", "level", "targets")
    block = {"kind": "heading", **{key: section[key] for key in keys}}
    if not titled:  # an appendix: the part's own title stands for its heading
        block.update(heading="", title="", label="")
    return block


def _rows(section: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for child in section["children"]:
        if child["kind"] == "tasks":
            for task in child["tasks"]:
                yield {**task, "group": False}
        else:
            yield {**_heading_block(child["section"]), "group": True}
            yield from _rows(child["section"])


def _blocks(sections: list[dict[str, Any]], unplaced: list[dict[str, Any]], *, titled: bool = True) -> list[dict[str, Any]]:
    """A part's body as a flat list for the DOCX template: headings with their text, and one
    task table per top-level section (its sub-sections become group rows inside the table)."""
    blocks: list[dict[str, Any]] = []

    def walk(section: dict[str, Any], heading: bool) -> None:
        block = _heading_block(section, titled=heading)
        if heading or block["text"] or block["targets"] or block["show_theme"]:
            blocks.append(block)
        if section["task_count"]:
            blocks.append({"kind": "tasks", "rows": list(_rows(section))})
        else:
            for child in section["sections"]:
                walk(child, True)

    for section in sections:
        walk(section, titled)
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


_BREAKS = re.compile(r"\s+|(?<=-)")  # where a cell's text may break: spaces, and after a hyphen


def _wide(rows: Iterable[dict[str, Any]]) -> bool:
    """Whether an appendix's table needs a landscape page: a word of its narrow columns (TT,
    chủ trì, phối hợp, thời gian) that cannot break ("opendata.danang.gov.vn") is wider than
    its portrait column, as measured at 12 pt. Every column grows by half on landscape."""
    cells = TEMPLATE.task_cells_pt
    for row in rows:
        if row.get("group"):
            continue
        columns = [(row["number"], 0), *((name, 2) for name in row["lead"]), *((name, 3) for name in row["support"]), (row["when"], 4)]
        for text, column in columns:
            if any(text_width(word, 12) > cells[column] for word in _BREAKS.split(text) if word):
                return True
    return False


def _issue_text(issue: Any, who: dict[str, Any], setter: Setter, year: int) -> dict[str, Any]:
    """Number, place and date of a decision or of a plan issued on its own."""
    place = (issue.place or "").strip() if issue else ""
    day = issue.date if issue else None
    has_number = bool(issue and (issue.number or issue.symbol))
    reference = issue.reference if has_number else BLANK
    return {
        "number": (issue.number or BLANK) if issue else BLANK,
        "symbol": (issue.symbol or "") if issue else "",
        "reference": reference,
        "date": day,
        "date_text": date_long(day, year),
        "date_short": date_short(day),
        "place": place,
        "place_date": f"{place or PLACE_BLANK}, {date_long(day, year)}",
        "signer": (issue.signer or "").strip() if issue else "",
        "signer_title": (issue.signer_title or "").strip() if issue else "",
        "signer_title_lines": [line.strip() for line in ((issue.signer_title or "") if issue else "").strip().split("\n") if line.strip()],
        "authority": authority(issue.signer_title if issue else None, {"name": who["formal"], "kind": who["kind"]}),
    }


def _article(number: int, article: Any, setter: Setter) -> dict[str, Any]:
    first, *more = [paragraph.strip() for paragraph in article.text if paragraph.strip()]
    return {"number": number, "label": f"Điều {number}.", "text": setter.text(first), "more": [setter.text(p) for p in more]}


def _part(kind: str, **fields: Any) -> dict[str, Any]:
    part: dict[str, Any] = {
        "kind": kind,
        "header": None,
        "heading": "",
        "title": "",
        "attached": "",
        "rule": "",
        "is_press": False,
        "authority": "",
        "basis": [],
        "proposal": "",
        "decides": "",
        "articles": [],
        "blocks": [],
        "sections": [],
        "closing": None,
        "landscape": False,
        "last": False,
    }
    part.update(fields)
    return part


def _closing(plan: Plan, issue: dict[str, Any], setter: Setter) -> dict[str, Any] | None:
    if not (plan.recipients or issue["signer"] or issue["signer_title"]):
        return None
    signed = signature(issue["signer_title"], issue["signer"], setter)
    return {
        "recipients": recipients(plan.recipients, setter),
        "signer_title_lines": signed["title_lines"],
        "signer": signed["signer"],
    }


def plan_context(plan: Plan, registry: Registry | None, windows: dict[tuple[str, str], list[Any]], setter: Setter) -> dict[str, Any]:
    """One plan as plain data for templates: its parts as issued, and the plan as a tree."""
    builder = _Builder(plan, registry, windows, setter)
    who = issuer(registry, plan.issuer)
    unplaced = builder.place_targets()
    sections = [builder.section(section, None, 1, section.id) for section in plan.sections]
    decision = plan.decision
    standalone = decision is None
    issue = _issue_text(
        decision if decision is not None else plan.issued, who, setter, plan.signed.year if plan.signed else plan.first_year
    )
    kind, subject = document_kind(plan.title)
    carried = {article.section for article in (decision.articles if decision else []) if article.section}
    body = [s for s in sections if not s["appendix"] and s["id"] not in carried]
    appendices = [s for s in sections if s["appendix"]]
    issued_by_decision = decision is not None and bool(decision.number or decision.symbol or decision.date)
    with_decision = decision is not None and bool(decision.articles)
    basis = [setter.text(line.strip()) for line in plan.legal_basis if line.strip()]
    source = plan.source
    is_press = bool(source and source.kind == "press")
    decision_ref = f"Quyết định số {issue['reference']} {issue['date_text']} của {issue['authority']}"
    plan_ref = f"Kế hoạch số {issue['reference']} {issue['date_text']} của {who['formal']}"
    header_block = header(who, number=f"Số: {issue['reference']}", place_date=issue["place_date"], setter=setter)
    closing = _closing(plan, issue, setter)

    parts: list[dict[str, Any]] = []
    if with_decision:
        assert decision is not None
        title = (decision.title or f"Ban hành {plan.title}").strip()
        parts.append(
            _part(
                "decision",
                header=header_block,
                **title_block(setter, "QUYẾT ĐỊNH", title, ""),
                authority=setter.block(issue["authority"].upper(), TEMPLATE.text_width_pt, 14, bold=True),
                basis=basis,
                proposal=setter.text(decision.proposal or ""),
                decides="QUYẾT ĐỊNH:",
                articles=[_article(number, article, setter) for number, article in enumerate(decision.articles, 1)],
                closing=closing,
            )
        )
    if body or unplaced or not with_decision:  # without its decision the Kế hoạch carries the header and signature
        attached = f"(Ban hành kèm theo {decision_ref})" if issued_by_decision or with_decision else ""
        parts.append(
            _part(
                "plan",
                header=None if with_decision else header_block,
                **title_block(setter, kind, subject, attached),
                is_press=is_press,
                basis=basis if standalone else [],
                blocks=_blocks(body, unplaced),
                sections=body,
                unplaced_targets=unplaced,
                closing=None if with_decision else closing,
            )
        )
    for number, section in enumerate(appendices, 1):
        heading = "PHỤ LỤC" if len(appendices) == 1 else f"PHỤ LỤC {_roman(number)}"
        if standalone:
            attached = f"(Kèm theo {plan_ref})"
        elif issued_by_decision or with_decision:
            attached = f"(Ban hành kèm theo {decision_ref})"
        else:
            attached = ""
        landscape = _wide(_rows(section))
        parts.append(
            _part(
                "appendix",
                **title_block(setter, heading, section["title"], attached, landscape=landscape),
                blocks=_blocks([section], [], titled=False),
                sections=[section],
                landscape=landscape,
            )
        )
    parts[-1]["last"] = True

    amends = plan.amends
    return {
        "id": plan.id,
        "title": plan.title.strip(),
        "kind": kind,
        "subject": subject,
        "year": plan.year,
        "period": plan.period,
        "years": str(plan.year) if plan.year is not None else (plan.period or "").replace(" ", ""),
        "first_year": plan.first_year,
        "last_year": plan.last_year,
        "file": plan.file,
        "issuer": who,
        "standalone": standalone,
        "decision": {**issue, "title": (decision.title or "") if decision else "", "issued_with": f"(Ban hành kèm theo {decision_ref})"}
        if issued_by_decision or with_decision
        else None,
        "issued": issue if standalone else None,
        "articles": parts[0]["articles"] if with_decision else [],
        "proposal": (decision.proposal or "") if decision else "",
        "source": {"kind": source.kind, "document": source.document or "", "note": source.note or ""} if source else None,
        "is_press": is_press,
        "legal_basis": [line.strip() for line in plan.legal_basis if line.strip()],
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
        "closing": closing,
        "targets": [target for section in plan.iter_sections() for target in builder.targets_by_section.get(section.id, [])] + unplaced,
        "unplaced_targets": unplaced,
        "sections": sections,
        "parts": parts,
        "tasks": builder.tasks,
        "task_count": len(builder.tasks),
    }


def _roman(number: int) -> str:
    values = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    text = ""
    for value, letters in values:
        while number >= value:
            text, number = text + letters, number - value
    return text


def build_context(
    plans: Sequence[Plan],
    registry: Registry | None,
    occurrences: Sequence[Any],
    *,
    title: str | None = None,
    docx: bool = False,
) -> dict[str, Any]:
    """What a plan template sees: `plans` (each as plan_context), `plan` (the first), `title`."""
    plans = list(plans)
    ids = {plan.id for plan in plans}
    windows: dict[tuple[str, str], list[Any]] = {}
    for occurrence in occurrences:
        if occurrence.plan.id in ids:
            windows.setdefault((occurrence.plan.id, occurrence.item.id), []).append(occurrence)
    setter = Setter(docx)
    contexts = [plan_context(plan, registry, windows, setter) for plan in plans]
    heading = title or (contexts[0]["title"] if len(contexts) == 1 else None)
    return {"plans": contexts, "plan": contexts[0] if contexts else None, "title": heading or ""}
