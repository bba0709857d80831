"""The progress report (BÁO CÁO tình hình thực hiện …) as data for templates/report.*.

One way to count: the report asks the question `cdsplan due --summary` asks — the same
window, day and agencies, done items included, each holder of a group's item counted as
itself — through `reports.answers.find(..., shared=False)` and `schedule.summary.summarise`,
so its numbers are `due --summary`'s by construction. From those entries it builds:

- the counts by state, over everything asked and per agency;
- per agency, a table of what is overdue, due and in progress;
- the items reported in progress with their latest note and evidence (`Entry.record`);
- the targets, planned against achieved (`Entry.achieved()`, `Entry.met`);
- a bar chart per agency (charts.bars) and timelines grouped by agency or by plan, each at
  most a page (charts.timeline), drawn only when the template uses them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..i18n import speaking
from ..model.plan import Plan
from ..project import Project
from ..schedule.due import DUE_STATES, Entry
from ..schedule.summary import BUCKETS, Counts, bucket, summarise
from ..typography import cell_width_pt
from . import charts
from .layout import Setter, header, recipients, signature, title_block
from .office import Writer
from .words import BUCKET_WORDS, COMPARISON_SIGNS, date_long, date_short, number_text

LISTED = ("overdue", "due", "in_progress")  # what each agency's table lists, in this order
# The report's tables (scripts/make_report_template.py draws them with these widths, in cm).
COUNT_COLUMNS_CM = (10.5, 6.0)  # Trạng thái | Số lượt
AGENCY_COLUMNS_CM = (4.6, 1.7, 1.7, 1.7, 1.7, 1.7, 1.7, 1.7)  # Đơn vị | six buckets | Tổng: "Thường" fits 1.7 cm at 12 pt bold
ITEM_COLUMNS_CM = (1.0, 7.0, 2.4, 2.8, 3.3)  # TT | Nhiệm vụ | Thời hạn | Tình hình | Đã báo cáo
PROGRESS_COLUMNS_CM = (6.5, 3.5, 2.3, 4.2)  # Nhiệm vụ | Đơn vị | Ngày báo cáo | Nội dung báo cáo
TARGET_COLUMNS_CM = (6.0, 3.0, 2.4, 2.6, 2.5)  # Chỉ tiêu | Đơn vị | Kế hoạch | Đạt được | Đánh giá
CELL_MARGIN_CM = 0.12
DOCUMENT_LANGUAGE = "vi"  # the documents an office sends are Vietnamese, whatever the tool speaks
MAX_TIMELINES = 12  # pictures of the timeline section; past it, the tables say the rest


def _cells(columns: Sequence[float]) -> list[float]:
    return [cell_width_pt(column, CELL_MARGIN_CM) for column in columns]


@dataclass(frozen=True, slots=True)
class Ask:
    """The report's question, as `cdsplan due` takes it: the window, the day things are judged
    by, the agencies (as asked: ids, names, abbreviations) and whether their units count."""

    start: dt.date
    end: dt.date
    as_of: dt.date
    agencies: tuple[str, ...] = ()
    include_units: bool = False


def question(ask: Ask, plans: Sequence[str]) -> Any:
    """The `due` question of a report on plans: `due --summary --plan P… [--agency A…]`."""
    from ..reports.answers import Question

    return Question(ask.start, ask.end, ask.as_of, ask.agencies, tuple(plans), True, ask.include_units, None, "summary-json")


def counted(project: Project, ask: Ask, plans: Sequence[str]) -> tuple[list[Entry], list[Counts], Any]:
    """The entries `due --summary` counts for the question, and its counts per holder."""
    from ..reports.answers import find

    found, query = find(project, replace(question(ask, plans), include_done=True), DUE_STATES, shared=False)
    return found.entries, summarise(found.entries), query


class LazyReport(Mapping[str, Any]):
    """The report context, built on first use: a plan template that never mentions `report`
    costs nothing. `used` says whether a template asked for it."""

    def __init__(self, build: Any) -> None:
        self._build = build
        self._data: dict[str, Any] | None = None

    @property
    def used(self) -> bool:
        return self._data is not None

    def _get(self) -> dict[str, Any]:
        if self._data is None:
            self._data = self._build()
        return self._data

    def __getitem__(self, key: str) -> Any:
        return self._get()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


def _name(project: Project, agency_id: str) -> str:
    return project.registry.name(agency_id) if project.registry else agency_id


def _short(project: Project, agency_id: str) -> str:
    return project.registry.short_name(agency_id) if project.registry else agency_id


def _order(project: Project, agency_id: str) -> tuple[object, ...]:
    return project.registry.order(agency_id) if project.registry else (0, agency_id)


def item_title(entry: Entry) -> str:
    """What an entry is about, in one line: a milestone names its task, a recurring item its turn."""
    occurrence = entry.occurrence
    title = " ".join(occurrence.title.split())
    if occurrence.milestone:
        title = f"{' '.join(occurrence.milestone.title.split())} (mốc của nhiệm vụ {occurrence.item.id})"
    if occurrence.total > 1:
        title = f"{title} (lần {occurrence.number}/{occurrence.total})"
    return title


def reported(entry: Entry) -> str:
    """What the holder reported, in words: "Đang thực hiện (02/10/2023): …", or ""."""
    from ..progress.records import state_words

    if entry.progress == "planned" and entry.record is None:
        return ""
    with speaking(DOCUMENT_LANGUAGE):
        words = state_words(entry.progress).capitalize()
    day = entry.progress_on
    text = f"{words} ({date_short(day)})" if day else words
    if entry.record and entry.record.note:
        text += f": {' '.join(entry.record.note.split())}"
    return text


def standing(entry: Entry) -> str:
    """Late or left, in days: "Quá hạn 183 ngày", "Còn 5 ngày", "Thường xuyên"."""
    from ..reports.due import days_text

    with speaking(DOCUMENT_LANGUAGE):
        text = days_text(entry)
    return text[:1].upper() + text[1:]


def _deadline(entry: Entry) -> str:
    from ..reports.due import window_text

    with speaking(DOCUMENT_LANGUAGE):
        return window_text(entry.occurrence)


def _row(entry: Entry, number: int, setter: Setter, several_plans: bool) -> dict[str, Any]:
    cells = _cells(ITEM_COLUMNS_CM)
    occurrence = entry.occurrence
    where = f"{occurrence.plan.title}, mục {occurrence.item.id}" if several_plans else f"Mục {occurrence.item.id}"
    return {
        "number": str(number),
        "ref": occurrence.ref,
        "plan": occurrence.plan.id,
        "plan_title": occurrence.plan.title,
        "item": occurrence.item.id,
        "title": item_title(entry),
        "title_text": setter.text(item_title(entry), cells[1], 12),
        "where": setter.text(where, cells[1], 12),
        "text": setter.text(item_title(entry), cells[1], 12) + "\n" + setter.text(where, cells[1], 12),
        "deadline": occurrence.deadline,
        "deadline_text": setter.text(_deadline(entry), cells[2], 12),
        "standing": setter.text(standing(entry), cells[3], 12),
        "bucket": bucket(entry),
        "state": entry.state,
        "days": entry.days,
        "reported": setter.text(reported(entry), cells[4], 12),
    }


def _agency_counts(project: Project, count: Counts) -> dict[str, Any]:
    return {
        "id": count.holder,
        "name": _name(project, count.holder),
        "short": _short(project, count.holder),
        **{name: getattr(count, name) for name in BUCKETS},
        "total": count.total,
    }


def _bars(project: Project, counts: list[Counts]) -> tuple[list[charts.BarRow], str]:
    """The chart's rows: agencies with the most overdue (then due, in progress) first, at most
    MAX_BARS so that the chart fits a page; the caption sums up the others."""
    ranked = sorted(counts, key=lambda c: (-c.overdue, -c.due, -c.in_progress, _order(project, c.holder)))
    rows = [charts.BarRow(_short(project, c.holder), {b: getattr(c, b) for b in charts.BAR_BUCKETS}) for c in ranked[: charts.MAX_BARS]]
    rest = ranked[charts.MAX_BARS :]
    if not rest:
        return rows, ""
    summed = ", ".join(f"{sum(getattr(c, b) for c in rest)} {BUCKET_WORDS[b].lower()}" for b in charts.BAR_BUCKETS)
    return rows, (
        f"Hình vẽ {len(rows)} trong số {len(ranked)} đơn vị, nhiều mục quá hạn nhất; "
        f"{len(rest)} đơn vị còn lại có {summed} (bảng ở mục II)."
    )


_URGENCY = {"overdue": 0, "due": 1, "in_progress": 2, "upcoming": 3, "ongoing": 4, "done": 5}


def _key(entry: Entry) -> tuple[Any, ...]:
    occurrence = entry.occurrence
    return (
        occurrence.plan.id,
        occurrence.item.id,
        occurrence.kind,
        occurrence.milestone.number if occurrence.milestone else 0,
        occurrence.number,
    )


def _timeline_row(entries: Sequence[Entry], label: str, begin: dt.date | None) -> charts.Row:
    """One row for an item: a bar over its window (a diamond on a milestone's day) in the most
    urgent bucket among its holders."""
    first = min(entries, key=lambda e: _URGENCY[bucket(e)])
    occurrence = first.occurrence
    row = charts.Row(label, begin=begin)
    if occurrence.kind == "milestone":
        row.marks.append(charts.Mark(occurrence.deadline, bucket(first)))
    else:
        row.bars.append(charts.Bar(occurrence.start, occurrence.deadline, bucket(first)))
    return row


def _timelines(
    project: Project, entries: list[Entry], query: Any, gallery: charts.Gallery, as_of: dt.date, plans: Sequence[Plan]
) -> tuple[list[dict[str, Any]], str]:
    """Timelines that can be read: one per agency when the report asks about agencies (or few
    hold the items), its items as rows; else one per plan, a row per item for all its holders
    ("UBND tỉnh Lào Cai" when one holds it, "63 đơn vị, 12 quá hạn" when many). Open dated items
    only, the most urgent first, at most a page each (charts.MAX_ROWS rows)."""
    open_items = [e for e in entries if e.state != "done" and e.occurrence.dated]
    holders = {e.holder for e in open_items}
    by_agency = query.agencies is not None or len(holders) <= MAX_TIMELINES
    several_plans = len(plans) > 1
    begin = {plan.id: dt.date(plan.first_year, 1, 1) for plan in plans}
    titles = {plan.id: plan.title for plan in plans}
    groups: dict[str, dict[tuple[Any, ...], list[Entry]]] = {}
    for entry in open_items:
        group = entry.holder if by_agency else entry.occurrence.plan.id
        groups.setdefault(group, {}).setdefault(_key(entry), []).append(entry)

    def order(group: str) -> tuple[Any, ...]:
        return _order(project, group) if by_agency else (list(titles).index(group),)

    def late(group: str) -> int:
        return sum(e.state == "overdue" for items in groups[group].values() for e in items)

    chosen_groups = sorted(groups, key=lambda g: (-late(g), order(g)))
    note = ""
    if len(chosen_groups) > MAX_TIMELINES:
        kind = "đơn vị" if by_agency else "kế hoạch"
        note = f"Hình vẽ cho {MAX_TIMELINES} trong số {len(chosen_groups)} {kind} có nhiều mục quá hạn nhất; bảng ở mục II liệt kê đủ."
        chosen_groups = chosen_groups[:MAX_TIMELINES]
    pictures: list[dict[str, Any]] = []
    for group in sorted(chosen_groups, key=order):
        items = sorted(
            groups[group].values(),
            key=lambda es: (min(_URGENCY[bucket(e)] for e in es), -len(es), es[0].occurrence.deadline, es[0].occurrence.line),
        )
        caption = ""
        if len(items) > charts.MAX_ROWS:
            caption = f"{charts.MAX_ROWS} trong số {len(items)} mục, quá hạn và đến hạn trước."
            items = items[: charts.MAX_ROWS]
        rows = []
        for found in items:
            occurrence = found[0].occurrence
            item = f"{occurrence.plan.id} {occurrence.item.id}" if several_plans and by_agency else occurrence.item.id
            label = f"{item} {item_title(found[0])}"
            if not by_agency:
                overdue = sum(e.state == "overdue" for e in found)
                who = (
                    _short(project, found[0].holder)
                    if len(found) == 1
                    else f"{len(found)} đơn vị" + (f", {overdue} quá hạn" if overdue else "")
                )
                label = f"{who} — {label}"
            rows.append(_timeline_row(found, label, begin.get(occurrence.plan.id)))
        title = _name(project, group) if by_agency else titles.get(group, group)

        def draw(fmt: str, rows: list[charts.Row] = rows, title: str = title) -> bytes:
            return charts.timeline(rows, as_of=as_of, title=title, fmt=fmt)

        name = f"timeline-{len(pictures) + 1}"
        pictures.append({"title": title, "caption": caption, "picture": gallery.picture(name, draw)})
    return pictures, note


def _targets(project: Project, entries: Sequence[Entry], setter: Setter) -> list[dict[str, Any]]:
    cells = _cells(TARGET_COLUMNS_CM)
    rows = []
    for entry in entries:
        occurrence = entry.occurrence
        if occurrence.kind != "target":
            continue
        planned, achieved = [], []
        for measure, value in zip(occurrence.item.measures, entry.achieved(), strict=True):
            unit = measure.unit or ""
            gap = "" if unit == "%" or not unit else " "
            planned.append(f"{COMPARISON_SIGNS[measure.comparison]} {number_text(measure.value)}{gap}{unit}")
            achieved.append(f"{number_text(value[1])}{gap}{unit} ({date_short(value[2])})" if value else "chưa báo cáo")
        met = entry.met
        rows.append(
            {
                "ref": occurrence.ref,
                "text": setter.text(" ".join(occurrence.title.split()), cells[0], 12),
                "holder": setter.text(_name(project, entry.holder), cells[1], 12),
                "planned": setter.text("; ".join(planned) or "—", cells[2], 12),
                "achieved": setter.text("; ".join(achieved) or "—", cells[3], 12),
                "met": "Đạt" if met else "Chưa đạt" if met is False else "Chưa đủ số liệu" if planned else "—",
                "deadline_text": date_short(occurrence.deadline),
            }
        )
    return rows


def _subject(plans: Sequence[Plan], agency_names: Sequence[str]) -> str:
    if len(plans) == 1:
        title = " ".join(plans[0].title.split())
        subject = title[:1].lower() + title[1:]
    else:
        years = sorted({plan.first_year for plan in plans})
        subject = f"các kế hoạch chuyển đổi số năm {years[0]}" if len(years) == 1 else "các kế hoạch chuyển đổi số"
    if agency_names:
        subject += " của " + ", ".join(agency_names)
    return f"Tình hình thực hiện {subject}"


def report_context(
    project: Project, plans: Sequence[Plan], ask: Ask, *, setter: Setter, gallery: charts.Gallery, writer: Writer
) -> dict[str, Any]:
    """Everything templates/report.* print: see the module's docstring and docs/render.md."""
    entries, counts, query = counted(project, ask, [plan.id for plan in plans])
    several_plans = len(plans) > 1
    agency_names = [_name(project, agency_id) for agency_id in sorted(query.agencies or (), key=lambda a: _order(project, a))]
    totals = {name: sum(getattr(count, name) for count in counts) for name in BUCKETS}
    total = sum(totals.values())
    window = f"từ ngày {date_short(ask.start)} đến ngày {date_short(ask.end)}"
    subject = _subject(plans, agency_names if len(agency_names) <= 3 else [])
    attached = f"(Kỳ báo cáo {window}; số liệu tính đến ngày {date_short(ask.as_of)})"
    by_agency = sorted(counts, key=lambda count: _order(project, count.holder))

    sections: list[dict[str, Any]] = []
    for count in by_agency:
        listed = sorted((e for e in count.entries if bucket(e) in LISTED), key=lambda e: (LISTED.index(bucket(e)), e.occurrence.deadline))
        if not listed:  # nothing overdue, due or in progress: the counts table says it
            continue
        sections.append(
            {
                **_agency_counts(project, count),
                "number": len(sections) + 1,
                "heading": setter.text(_name(project, count.holder)),
                "rows": [_row(entry, number, setter, several_plans) for number, entry in enumerate(listed, 1)],
            }
        )
    progress_cells = _cells(PROGRESS_COLUMNS_CM)
    in_progress = []
    for entry in sorted(
        (e for e in entries if e.progress == "in_progress" and e.state != "done"),
        key=lambda e: (_order(project, e.holder), e.occurrence.deadline),
    ):
        record = entry.record
        in_progress.append(
            {
                "ref": entry.occurrence.ref,
                "title": setter.text(item_title(entry), progress_cells[0], 12),
                "holder": setter.text(_name(project, entry.holder), progress_cells[1], 12),
                "on_text": date_short(entry.progress_on),
                "note": setter.text(" ".join((record.note or "").split()) if record else "", progress_cells[3], 12),
                "evidence": [setter.text(e, progress_cells[3], 12) for e in (record.evidence if record else ())],
                "report": "\n".join(
                    setter.text(line, progress_cells[3], 12)
                    for line in [" ".join((record.note or "").split()) if record else "", *(record.evidence if record else ())]
                    if line
                ),
                "standing": standing(entry),
            }
        )
    bar_rows, bar_note = _bars(project, counts)
    chart_title = f"Tình hình theo đơn vị, tính đến ngày {date_short(ask.as_of)}"

    def draw_bars(fmt: str) -> bytes:
        return charts.bars(bar_rows, title=chart_title, fmt=fmt)

    timelines, timeline_note = _timelines(project, entries, query, gallery, ask.as_of, plans)
    head = header(
        writer.who,
        number=writer.number("BC"),
        place_date=f"{writer.place}, {date_long(ask.as_of)}",
        setter=setter,
    )
    signed = signature(writer.signer_title, writer.signer, setter)
    summary = ", ".join(f"{totals[name]} {BUCKET_WORDS[name].lower()}" for name in BUCKETS)
    intro = (
        f"Tính đến ngày {date_short(ask.as_of)}, trong kỳ báo cáo {window}, "
        f"{'các kế hoạch' if several_plans else 'kế hoạch'} có {total} lượt nhiệm vụ, mốc và chỉ tiêu "
        f"của {len(counts)} đơn vị: {summary}."
    )
    return {
        **title_block(setter, "BÁO CÁO", subject, attached),
        "header": head,
        "subject": subject,
        "window": {"start": ask.start, "end": ask.end, "start_text": date_short(ask.start), "end_text": date_short(ask.end)},
        "as_of": ask.as_of,
        "as_of_text": date_short(ask.as_of),
        "plans": [{"id": plan.id, "title": plan.title} for plan in plans],
        "agencies_asked": agency_names,
        "intro": setter.text(intro),
        "totals": totals,
        "total": total,
        "counts": [{"key": name, "label": BUCKET_WORDS[name], "count": totals[name]} for name in BUCKETS],
        "agencies": [_agency_counts(project, count) for count in by_agency],
        "sections": sections,
        "in_progress": in_progress,
        "targets": _targets(project, entries, setter),
        "chart": gallery.picture("chart", draw_bars) if counts else None,
        "chart_note": bar_note,
        "timelines": timelines,
        "timeline_note": timeline_note,
        "closing": {
            "recipients": recipients(["Lưu: VT."], setter),
            "signer_title_lines": signed["title_lines"],
            "signer": signed["signer"],
        },
        "writer": writer.name,
    }
