"""Rendering a `cdsplan diff` result: text, JSON, Markdown (all from the same HistoryDiff)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..console import safe
from ..history.diff import FieldChange, HistoryDiff, ItemChange, PlanDiff
from ..i18n import N_, _, ngettext
from ..problems import Problem
from ..progress.records import state_words

FORMATS = ("text", "json", "md")

_GREEN, _RED, _YELLOW, _BOLD, _RESET = "\x1b[32m", "\x1b[31m", "\x1b[33m", "\x1b[1m", "\x1b[0m"


def render(result: HistoryDiff, fmt: str, *, colour: bool = False) -> str:
    if fmt == "json":
        return as_json(result)
    if fmt == "md":
        return markdown(result)
    return text(result, colour=colour)


def as_json(result: HistoryDiff) -> str:
    return json.dumps(result.as_data(), ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- #
# Words shared by text and Markdown
# --------------------------------------------------------------------------- #


def _list(values: list[str]) -> str:
    return ", ".join(values) if values else "—"


def _windows(windows: list[dict[str, Any]] | None) -> str:
    if windows is None:
        return _("unreadable")
    shown = [f"{w['start']} → {w['deadline']}" if w["start"] else f"→ {w['deadline']}" for w in windows]
    if len(shown) > 3:
        return _("{count} occurrences, {first} … {last}").format(count=len(shown), first=shown[0], last=shown[-1])
    return "; ".join(shown)


def _deadline(value: dict[str, Any]) -> str:
    return f"{_when(value['when'])} ({_windows(value['windows'])})"


def _when(when: Any) -> str:
    if isinstance(when, dict):
        start = when.get("start")
        return f"{start} – {when['deadline']}" if start else str(when["deadline"])
    return " ".join(str(when).split())


def _status(value: dict[str, Any]) -> str:
    text = state_words(str(value["state"]))
    if value.get("on"):
        text += f" ({value['on']})"
    if value.get("note"):
        text += f" «{value['note']}»"
    return text


def _short(text: str | None, limit: int = 100) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_task(change: ItemChange) -> tuple[str, str, str]:
    """(what happened, before, after) for one task change, in words."""
    old, new = change.old, change.new
    kind = change.kind
    if kind == "added":
        return _(_CHANGES["added"]), "", _task(new)
    if kind == "removed":
        return _(_CHANGES["removed"]), _task(old), ""
    if kind == "renumbered":
        return _("renumbered"), old, new
    if kind == "reworded":
        return _("re-worded"), f"«{_short(old, 200)}»", f"«{_short(new, 200)}»"
    if kind == "reassigned":
        parts_old, parts_new = [], []
        for role in ("lead", "support"):
            if old[role] != new[role]:
                parts_old.append(f"{_(_ROLES[role])} {_list(old[role])}")
                parts_new.append(f"{_(_ROLES[role])} {_list(new[role])}")
        return _("re-assigned"), "; ".join(parts_old), "; ".join(parts_new)
    if kind == "deadline":
        return (_("deadline moved") if change.moved else _("deadline re-worded (same dates)")), _deadline(old), _deadline(new)
    if kind == "milestones":

        def show(items: list[dict[str, Any]]) -> str:
            return "; ".join(f"{_short(m['title'], 40)}: {_deadline(m)}" for m in items) or _("none")

        return _("milestones changed"), show(old), show(new)
    if kind == "status":
        return _("status"), _status(old), _status(new)
    if kind == "section":
        return _("moved to another section"), _("section {id}").format(id=old), _("section {id}").format(id=new)
    if kind == "notes":
        return _("notes changed"), _short(old) or "—", _short(new) or "—"
    return kind, str(old), str(new)


_CHANGES = {"added": N_("added"), "removed": N_("removed"), "changed": N_("changed")}
_ROLES = {"lead": N_("lead"), "support": N_("support")}
_KINDS = {"task": N_("task"), "target": N_("target"), "plan": N_("plan")}


def _task(data: dict[str, Any]) -> str:
    return _("{title} — lead {lead}; {deadline}").format(title=_short(data["title"]), lead=_list(data["lead"]), deadline=_deadline(data))


def describe_target(change: ItemChange) -> tuple[str, str, str]:
    def show(data: dict[str, Any] | None) -> str:
        if not data:
            return ""
        parts = []
        for key, value in data.items():
            if key == "windows":
                continue
            if key == "measures":
                value = ", ".join(f"{m['comparison']} {m['value']:g}{m.get('unit') or ''}" for m in value) or "—"
            elif key == "when":
                value = f"{_when(value) if value is not None else _('end of plan')} ({_windows(data.get('windows'))})"
            elif key == "lead":
                value = _list(value)
            elif key == "text":
                value = _short(value)
            elif value is None:
                value = "—"
            parts.append(f"{key}: {value}")
        if "windows" in data and "when" not in data:
            parts.append(_("deadline {windows}").format(windows=_windows(data["windows"])))
        return "; ".join(parts)

    return _(_CHANGES[change.kind]), show(change.old), show(change.new)


def _field(change: FieldChange) -> tuple[str, str]:
    def show(value: Any) -> str:
        if isinstance(value, dict):
            return ", ".join(f"{key}={item}" for key, item in value.items() if item is not None) or "—"
        if isinstance(value, list):
            return ngettext("{count} item", "{count} items", len(value)).format(count=len(value))
        return "—" if value is None else _short(str(value))

    return show(change.old), show(change.new)


def _problem(problem: Problem) -> str:
    place = f"{problem.line}:{problem.column}: " if problem.line else ""
    return f"{place}{problem.message} [{problem.code}]"


def _headline(result: HistoryDiff) -> str:
    return _("Plans: {old} → {new}").format(old=result.old.label, new=result.new.label)


def _plan_note(plan: PlanDiff, result: HistoryDiff) -> list[str]:
    """The plan-level lines: added, removed, moved, invalid."""
    lines = []
    if plan.change == "added":
        lines.append(
            _("plan added: {tasks}, {targets} — {title}").format(tasks=_tasks(plan), targets=_targets(plan), title=_short(plan.title))
        )
    elif plan.change == "removed":
        lines.append(_("plan removed (it had {tasks}, {targets})").format(tasks=_tasks(plan), targets=_targets(plan)))
    if plan.moved:
        lines.append(_("file moved: {old} → {new}").format(old=plan.old_file, new=plan.new_file))
    if plan.change == "invalid":
        for label, problems, path in (
            (result.old.label, plan.old_problems, plan.old_file),
            (result.new.label, plan.new_problems, plan.new_file),
        ):
            if problems:
                more = len(problems) - 5
                lines.append(
                    _("does not load at {revision} ({path}): ").format(revision=label, path=path)
                    + "; ".join(_problem(p) for p in problems[:5])
                    + ("; " + ngettext("… {count} more", "… {count} more", more).format(count=more) if more > 0 else "")
                )
        if plan.old_file is None:
            lines.append(_("(new at {revision})").format(revision=result.new.label))
        elif plan.new_file is None:
            lines.append(_("(gone at {revision})").format(revision=result.new.label))
        elif not plan.old_problems:
            lines.append(_("(it loads at {revision})").format(revision=result.old.label))
        elif not plan.new_problems:
            lines.append(_("(it loads at {revision})").format(revision=result.new.label))
    return lines


def _tasks(plan: PlanDiff) -> str:
    return ngettext("{count} task", "{count} tasks", plan.task_count).format(count=plan.task_count)


def _targets(plan: PlanDiff) -> str:
    return ngettext("{count} target", "{count} targets", plan.target_count).format(count=plan.target_count)


# --------------------------------------------------------------------------- #
# Text
# --------------------------------------------------------------------------- #


def text(result: HistoryDiff, colour: bool = False) -> str:
    def paint(code: str, value: str) -> str:
        return f"{code}{safe(value)}{_RESET}" if colour else value

    lines = [_headline(result)]
    if not result.plans and not result.progress:
        lines.append(_("no changes in {paths}").format(paths=", ".join(result.paths)))
        return "\n".join(lines) + "\n"
    for plan in result.plans:
        lines.append("")
        lines.append(paint(_BOLD, plan.plan if plan.plan == plan.file else f"{plan.plan}  {plan.file}"))
        lines.extend(f"  {line}" for line in _plan_note(plan, result))
        for field_change in plan.fields:
            before, after = _field(field_change)
            lines.append(f"  ~ {field_change.field}: {before} → {after}")
        for change in plan.tasks:
            lines.append("  " + _item_line("task", change, describe_task(change), paint))
        for change in plan.targets:
            lines.append("  " + _item_line("target", change, describe_target(change), paint))
    for records in result.progress:
        lines.append("")
        lines.append(paint(_BOLD, f"{records.agency or '?'}  {records.file}"))
        lines.extend("  " + paint(_GREEN, f"+ {_record(record)}") for record in records.added)
        lines.extend("  " + paint(_RED, f"- {_record(record)}") for record in records.removed)
    count = len(result.plans)
    lines.append("")
    lines.append(ngettext("{count} plan changed", "{count} plans changed", count).format(count=count))
    if result.progress:
        added = sum(len(records.added) for records in result.progress)
        lines.append(
            ngettext("{count} record added", "{count} records added", added).format(count=added)
            + " "
            + ngettext("in {count} progress file", "in {count} progress files", len(result.progress)).format(count=len(result.progress))
        )
    return "\n".join(lines) + "\n"


def _record(record: dict[str, Any]) -> str:
    """One progress record in words: the item, its occurrence, the state or values, the day."""
    parts = [record["item"]]
    if record.get("milestone"):
        parts.append(_("milestone {number}").format(number=record["milestone"]))
    if record.get("occurrence"):
        parts.append(f"({record['occurrence']})")
    what = state_words(record["state"]) if record.get("state") else None
    what = what or ", ".join(f"{value['value']:g}{value.get('unit') or ''}" for value in record.get("values", []))
    text = _("{item}: {what} on {day}").format(item=" ".join(parts), what=what, day=record["on"])
    return text + (f" «{_short(record['note'])}»" if record.get("note") else "")


def _item_line(what: str, change: ItemChange, words: tuple[str, str, str], paint: Callable[[str, str], str]) -> str:
    label, before, after = words
    kind = _(_KINDS[what])
    if change.kind == "added":
        return paint(_GREEN, f"+ {kind} {change.item} {label}: {after}")
    if change.kind == "removed":
        return paint(_RED, f"- {kind} {change.item} {label}: {before}")
    return paint(_YELLOW, "~") + f" {kind} {change.item} {label}: {before} → {after}"


# --------------------------------------------------------------------------- #
# Markdown
# --------------------------------------------------------------------------- #


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ") or " "


def markdown(result: HistoryDiff) -> str:
    lines = [f"# {_headline(result)}", ""]
    if not result.plans and not result.progress:
        lines.append(_("No changes in {paths}.").format(paths=", ".join(f"`{path}`" for path in result.paths)))
        return "\n".join(lines) + "\n"
    for plan in result.plans:
        lines.append(f"## `{plan.file}`" if plan.plan == plan.file else f"## {plan.plan} — `{plan.file}`")
        lines.append("")
        if plan.title:
            lines.append(f"*{plan.title}*")
            lines.append("")
        for note in _plan_note(plan, result):
            lines.append(f"- {note}")
        rows = []
        for field_change in plan.fields:
            before, after = _field(field_change)
            rows.append((_(_KINDS["plan"]), field_change.field, _(_CHANGES["changed"]), before, after))
        for change in plan.tasks:
            rows.append((_(_KINDS["task"]), change.item, *describe_task(change)))
        for change in plan.targets:
            rows.append((_(_KINDS["target"]), change.item, *describe_target(change)))
        if rows:
            if lines[-1] != "":
                lines.append("")
            lines.append("| | " + " | ".join([_("Id"), _("Change"), _("Before"), _("After")]) + " |")
            lines.append("|---|---|---|---|---|")
            lines.extend("| " + " | ".join(_cell(str(cell)) for cell in row) + " |" for row in rows)
        lines.append("")
    for records in result.progress:
        lines += [f"## {records.agency or '?'} — `{records.file}`", ""]
        lines += [f"- {_(_CHANGES['added'])}: {_cell(_record(record))}" for record in records.added]
        lines += [f"- {_(_CHANGES['removed'])}: {_cell(_record(record))}" for record in records.removed]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
