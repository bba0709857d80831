"""`cdsplan search`: the plans' tasks, milestones and targets as documents for `cdsplan.search`,
and the hits as a list to read (or JSON)."""

from __future__ import annotations

import json

import msgspec

from ..console import safe, wrap
from ..i18n import N_, _
from ..project import Project
from ..search import Document, Hit, Index

KIND_WORDS = {"task": N_("task"), "milestone": N_("milestone"), "target": N_("target")}
FIELD_WORDS = {"notes": N_("notes"), "agencies": N_("agencies"), "plan": N_("plan")}


class Found(msgspec.Struct, frozen=True):
    """The hits of one query, with what each is: its title and its plan (kept in the cache)."""

    hits: list[tuple[str, str, float, str, str]]  # ref, kind, score, field, snippet
    titles: dict[str, str]
    warning: str


def documents(project: Project) -> tuple[list[Document], dict[str, str]]:
    """Every task, milestone and target of the project's readable plans, and each one's title."""
    registry = project.registry
    name = registry.name if registry else (lambda agency_id: agency_id)
    plans = project.plans_in([item.path for item in project.index.files if item.kind == "plan"], action="search")
    found: list[Document] = []
    titles: dict[str, str] = {}
    for plan in plans:
        for task in plan.iter_tasks():
            ref = f"{plan.id}#{task.id}"
            agencies = ", ".join(name(agency) for agency in [*task.lead, *task.support])
            found.append(Document(ref, "task", {"title": task.title, "notes": task.notes or "", "agencies": agencies, "plan": plan.title}))
            titles[ref] = task.title
            for number, milestone in enumerate(task.milestones, 1):
                step = f"{ref}/{number}"
                found.append(Document(step, "milestone", {"title": milestone.title, "agencies": agencies, "plan": plan.title}))
                titles[step] = f"{milestone.title} — {task.title}"
        for target in plan.targets:
            ref = f"{plan.id}#{target.id}"
            agencies = ", ".join(name(agency) for agency in target.lead)
            found.append(
                Document(ref, "target", {"title": target.text, "notes": target.notes or "", "agencies": agencies, "plan": plan.title})
            )
            titles[ref] = target.text
    return found, titles


def find(project: Project, query: str, limit: int | None) -> Found:
    from .answers import warning

    texts, titles = documents(project)
    hits = Index(texts).search(query, limit=limit, markers=("\x00", "\x01"))
    return Found(
        [(hit.ref, hit.kind, hit.score, hit.field, hit.snippet) for hit in hits],
        {hit.ref: titles[hit.ref] for hit in hits},
        warning(project),
    )


def render(found: Found, fmt: str, *, colour: bool, width: int = 80) -> str:
    """JSON (the snippet's matched words between « and »), or a list: the reference and kind,
    then the title wrapped to width, and the snippet where the match is not in the title."""
    hits = [Hit(*hit) for hit in found.hits]
    if fmt == "json":
        return (
            json.dumps(
                [
                    {
                        "ref": hit.ref,
                        "kind": hit.kind,
                        "score": round(hit.score, 4),
                        "title": found.titles[hit.ref],
                        "field": hit.field,
                        "snippet": hit.snippet.replace("\x00", "«").replace("\x01", "»"),
                    }
                    for hit in hits
                ],
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    if not hits:
        return _("Nothing found.") + "\n"
    on, off = ("\x1b[1m", "\x1b[0m") if colour else ("", "")
    lines: list[str] = []
    for hit in hits:
        lines.append(f"{on}{safe(hit.ref)}{off}  ({_(KIND_WORDS.get(hit.kind, hit.kind))})")
        lines += ["  " + safe(line) for line in wrap(found.titles[hit.ref], width - 2)]
        if hit.field != "title":
            where = _(FIELD_WORDS.get(hit.field, hit.field))
            lines += ["    " + line for line in wrap(f"{where}: {_marked(hit.snippet, on, off)}", width - 4)]
        lines.append("")
    return "\n".join(lines)


def _marked(snippet: str, on: str, off: str) -> str:
    """The snippet escaped for the terminal, its matched words between on and off."""
    pieces = []
    for part in snippet.split("\x00"):
        word, _sep, rest = part.rpartition("\x01")
        pieces.append(f"{on}{safe(word)}{off}{safe(rest)}" if _sep else safe(part))
    return "".join(pieces)
