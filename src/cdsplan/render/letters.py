"""Reminder letters (công văn đôn đốc): one per agency that has something overdue or due.

A letter lists exactly what `cdsplan due --agency A` lists for the same question — the same
`reports.answers.find`, each holder of a group's item as itself — grouped as the letter reads:
what is overdue, what falls due in the window, and what else is under way, each with its plan,
its number in the plan, its deadline, the days late or left, and what the agency has already
reported (in progress, with its note). The layout is a công văn's (Nghị định 30/2020, Phụ lục
I): number and symbol, "V/v đôn đốc …" under it, "Kính gửi:", the body, the day by which to
report back, Nơi nhận and the signature block.

    letters(project, question, …)  -> one context per agency (Letter)
    write_letters(…)               -> the files: DIR/<agency-id>.docx (or .md), DIR/index.md
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..project import Project
from ..schedule.due import DUE_STATES, Entry, month_window
from ..typography import TEMPLATE
from .layout import Setter, header, issuer, recipients, signature
from .office import Writer
from .report import ITEM_COLUMNS_CM, _cells, item_title, reported, standing
from .words import date_long, date_short

GROUPS = (
    ("overdue", "Các nhiệm vụ đã quá hạn"),
    ("due", "Các nhiệm vụ đến hạn trong kỳ"),
    ("other", "Các nhiệm vụ khác đang trong thời gian thực hiện"),
)
# A letter goes to an agency that exists as one: a group the registry cannot name members of
# ("Doanh nghiệp", "Tổ chức") has no office to write to; the index says so.
UNADDRESSABLE = frozenset({"group", "person"})


@dataclass(slots=True)
class Letter:
    holder: str
    entries: list[Entry]
    context: dict[str, Any]
    overdue: int
    due: int
    other: int
    reply_by: dt.date


def _window_words(start: dt.date, end: dt.date) -> str:
    if (start, end) == month_window(start.year, start.month):
        return f"tháng {start.month}/{start.year}"
    return f"từ ngày {date_short(start)} đến ngày {date_short(end)}"


def reply_day(as_of: dt.date, days: int) -> dt.date:
    """The day to report back by: days after as_of, moved to the next working day when it is
    a weekend or a public holiday (Bộ luật Dân sự 2015, Điều 148)."""
    from ..deadlines.workdays import next_working_day

    return next_working_day(as_of + dt.timedelta(days=days))


def _rows(entries: Sequence[Entry], setter: Setter) -> list[dict[str, Any]]:
    cells = _cells(ITEM_COLUMNS_CM)
    rows = []
    for number, entry in enumerate(entries, 1):
        occurrence = entry.occurrence
        where = f"{' '.join(occurrence.plan.title.split())}, mục {occurrence.item.id}"
        rows.append(
            {
                "number": str(number),
                "ref": occurrence.ref,
                "title": item_title(entry),
                "where": where,
                "text": setter.text(item_title(entry), cells[1], 12) + "\n" + setter.text(where, cells[1], 12),
                "deadline": occurrence.deadline,
                "deadline_text": setter.text(date_short(occurrence.deadline) if occurrence.dated else standing(entry), cells[2], 12),
                "standing": setter.text(standing(entry), cells[3], 12),
                "reported": setter.text(reported(entry), cells[4], 12),
                "state": entry.state,
                "progress": entry.progress,
            }
        )
    return rows


def _letter(
    project: Project, holder: str, entries: list[Entry], question: Any, *, writer: Writer, setter: Setter, reply_days: int
) -> Letter:
    to = issuer(project.registry, holder)
    grouped = {
        "overdue": [e for e in entries if e.state == "overdue"],
        "due": [e for e in entries if e.state == "due"],
        "other": [e for e in entries if e.state not in ("overdue", "due")],
    }
    groups: list[dict[str, Any]] = []
    for key, heading in GROUPS:
        if grouped[key]:
            groups.append(
                {
                    "key": key,
                    "heading": f"{len(groups) + 1}. {heading} ({len(grouped[key])}):",
                    "rows": _rows(grouped[key], setter),
                }
            )
    plans = list(dict.fromkeys(" ".join(e.occurrence.plan.title.split()) for e in entries))
    window = _window_words(question.start, question.end)
    reply_by = reply_day(question.as_of, reply_days)
    in_progress = sum(e.progress == "in_progress" for e in entries)
    addressee = to["formal"]
    what = plans[0] if len(plans) == 1 else "các kế hoạch: " + "; ".join(plans)
    opening = (
        f"Theo dõi việc thực hiện {what[:1].lower() + what[1:]}, tính đến ngày {date_short(question.as_of)}, "
        f"{addressee} có {len(grouped['overdue'])} nhiệm vụ đã quá hạn, {len(grouped['due'])} nhiệm vụ đến hạn trong {window}"
        f" và {len(grouped['other'])} nhiệm vụ khác đang trong thời gian thực hiện"
        + (f"; đã báo cáo đang thực hiện {in_progress} nhiệm vụ" if in_progress else "")
        + f". {writer.name} đề nghị {addressee} quan tâm chỉ đạo thực hiện các nhiệm vụ sau:"
    )
    request = (
        f"Đề nghị {addressee} khẩn trương triển khai các nhiệm vụ đã quá hạn, bảo đảm tiến độ các nhiệm vụ đến hạn "
        f"và báo cáo kết quả thực hiện về {writer.name} trước ngày {date_short(reply_by)}./."
    )
    signed = signature(writer.signer_title, writer.signer, setter)
    context = {
        "holder": holder,
        "agency": to,
        "header": header(
            writer.who,
            number=writer.number(),
            place_date=f"{writer.place}, {date_long(question.as_of)}",
            setter=setter,
            subject=f"V/v đôn đốc thực hiện nhiệm vụ chuyển đổi số quá hạn, đến hạn {window}",
        ),
        "addressee": setter.block(f"Kính gửi: {addressee}.", TEMPLATE.text_width_pt, 14),
        "opening": setter.text(opening),
        "groups": groups,
        "in_progress": in_progress,
        "request": setter.text(request),
        "reply_by": reply_by,
        "reply_by_text": date_short(reply_by),
        "as_of": question.as_of,
        "as_of_text": date_short(question.as_of),
        "window": window,
        "plans": plans,
        "writer": writer.name,
        "closing": {
            "recipients": recipients(["Lưu: VT."], setter),
            "signer_title_lines": signed["title_lines"],
            "signer": signed["signer"],
        },
    }
    return Letter(holder, entries, context, len(grouped["overdue"]), len(grouped["due"]), len(grouped["other"]), reply_by)


@dataclass(frozen=True, slots=True)
class Skipped:
    holder: str
    name: str
    overdue: int
    due: int


def letters(project: Project, question: Any, *, writer: Writer, setter: Setter, reply_days: int) -> tuple[list[Letter], list[Skipped]]:
    """A letter for every holder with something overdue or due, in the registry's order, with
    the entries `due --agency <holder>` lists; and the holders that cannot be written to."""
    from ..reports.answers import find

    found, _query = find(project, replace(question, include_done=False), DUE_STATES, shared=False)
    by_holder: dict[str, list[Entry]] = {}
    for entry in found.entries:
        by_holder.setdefault(entry.holder, []).append(entry)
    registry = project.registry
    written, skipped = [], []
    for holder in sorted(by_holder, key=lambda h: registry.order(h) if registry else (0, h)):
        entries = by_holder[holder]
        if not any(e.state in ("overdue", "due") for e in entries):
            continue
        agency = registry.by_id.get(holder) if registry else None
        if agency is not None and agency.kind in UNADDRESSABLE:
            overdue = sum(e.state == "overdue" for e in entries)
            skipped.append(Skipped(holder, agency.name, overdue, sum(e.state == "due" for e in entries)))
            continue
        written.append(_letter(project, holder, entries, question, writer=writer, setter=setter, reply_days=reply_days))
    return written, skipped


def index(letters: Sequence[Letter], skipped: Sequence[Skipped], files: dict[str, Path], question: Any, writer: Writer) -> str:
    """DIR/index.md: what was written, for whom, and what each letter asks."""
    from ..reports.due import _markdown_escape

    lines = [
        "# Công văn đôn đốc",
        "",
        f"Kỳ {_window_words(question.start, question.end)}, tình hình tính đến ngày {date_short(question.as_of)}; "
        + (
            f"nơi gửi: {_markdown_escape(writer.name)}."
            if writer.who
            else "nơi gửi chưa khai báo (`sender` trong [tool.cdsplan], hoặc --sender)."
        ),
        "",
        "| Đơn vị | Tệp | Quá hạn | Đến hạn | Khác | Báo cáo trước ngày |",
        "|---|---|--:|--:|--:|---|",
    ]
    for letter in letters:
        name = _markdown_escape(letter.context["agency"]["formal"])
        lines.append(
            f"| {name} | [{files[letter.holder].name}](<{files[letter.holder].name}>) | {letter.overdue} | {letter.due} | {letter.other} | {date_short(letter.reply_by)} |"
        )
    lines += ["", f"{len(letters)} công văn."]
    if skipped:
        lines += ["", "Không viết công văn cho các nhóm không xác định được cơ quan nhận (nhiệm vụ giao chung):", ""]
        lines += [f"- {_markdown_escape(s.name)} (`{s.holder}`): {s.overdue} quá hạn, {s.due} đến hạn" for s in skipped]
    return "\n".join(lines) + "\n"


@dataclass(slots=True)
class Written:
    """What `cdsplan remind` wrote: the letters, the index, and who got none (a group)."""

    letters: list[Path]
    index: Path
    skipped: list[Skipped]


def write_letters(
    project: Project,
    question: Any,
    *,
    directory: Path,
    fmt: str,
    template: str | None,
    writer: Writer,
    reply_days: int,
    templates: Path,
    seconds: float,
) -> Written:
    """`cdsplan remind`: DIR/<agency-id>.docx (or .md) for each agency with something overdue
    or due, and DIR/index.md. Each file is written atomically (files.write_output)."""
    from ..errors import UsageError
    from ..files import display, write_output
    from ..i18n import _
    from .templates import find_template, render_docx, render_markdown

    template_path, found_fmt = find_template(template or "letter", fmt, templates)
    if directory.exists() and not directory.is_dir():
        raise UsageError(_("-o {path}: a folder is wanted for the letters, and this is a file").format(path=display(directory)))
    setter = Setter(found_fmt == "docx")
    written, skipped = letters(project, question, writer=writer, setter=setter, reply_days=reply_days)
    directory.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    for letter in written:
        context = {"letter": letter.context}
        path = directory / f"{letter.holder}.{found_fmt}"  # agency ids are ASCII slugs: safe file names
        if found_fmt == "docx":
            data = render_docx(template_path, context, seconds=seconds)
        else:
            data = render_markdown(template_path, context, seconds=seconds).encode("utf-8")
        write_output(path, data)
        files[letter.holder] = path
    index_path = directory / "index.md"
    write_output(index_path, index(written, skipped, files, question, writer).encode("utf-8"))
    return Written(list(files.values()), index_path, skipped)
