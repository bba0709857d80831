"""The progress sheet: `cdsplan due --format xlsx` writes an agency's items with columns to
fill in, and `cdsplan status --import FILE` (XLSX or CSV) reads them back.

Every row is checked first — the state a word cdsplan knows, the day a date, the item, the
occurrence and the agency those of the sheet — and then the records as `check` would check
them; a problem is reported as FILE:row:column, and nothing is written unless every row is
good. Rows whose fill-in columns are empty are skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CdsplanError, UsageError
from ..files import FileProblem, display, read_regular
from ..i18n import N_, _
from ..project import Project
from ..settings import Settings
from ..text import fold
from .records import state_words
from .status import Change, Recorded, Rejected, Request, change_for, write_changes


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str  # a message id: the header reads "label (key)"
    fill: bool = False  # a column the unit fills in
    width: int = 14


COLUMNS = (
    Column("item", N_("Item"), width=28),
    Column("agency", N_("Agency"), width=16),
    Column("occurrence", N_("Occurrence"), width=11),
    Column("milestone", N_("Milestone"), width=8),
    Column("title", N_("What"), width=60),
    Column("deadline", N_("Deadline"), width=12),
    Column("standing", N_("Reported so far"), width=16),
    Column("state", N_("New state"), fill=True),
    Column("on", N_("Day"), fill=True, width=12),
    Column("note", N_("Note"), fill=True, width=40),
    Column("evidence", N_("Evidence"), fill=True, width=36),
    Column("value", N_("Achieved value"), fill=True, width=12),
    Column("measure", N_("Measure"), fill=True, width=8),
)
KEYS = [column.key for column in COLUMNS]
LETTERS = {column.key: chr(ord("A") + number) for number, column in enumerate(COLUMNS)}
STATE_WORDS = {
    "planned": ("planned", "chua bao cao", "chua bat dau", "ke hoach"),
    "in_progress": ("in_progress", "in progress", "dang thuc hien", "dang trien khai"),
    "done": ("done", "hoan thanh", "da hoan thanh", "xong"),
    "cancelled": ("cancelled", "canceled", "huy", "da huy", "khong thuc hien"),
}
# Which column a problem of a record points at, by its code.
PROBLEM_COLUMNS = {
    "unknown-item": "item",
    "unknown-occurrence": "occurrence",
    "unknown-milestone": "milestone",
    "not-a-holder": "agency",
    "bad-value": "value",
    "record-before-issue": "on",
    "misfiled-record": "on",
    "unknown-agency": "agency",
}


def header(column: Column) -> str:
    return f"{_(column.label)} ({column.key})"


def rows_of(found: Iterable[Any]) -> list[dict[str, Any]]:
    """One row per entry of a due list, with its keys and what it is about."""

    rows = []
    for entry in found:
        occurrence = entry.occurrence
        title = f"{occurrence.milestone.title} — {occurrence.title}" if occurrence.milestone else occurrence.title
        rows.append(
            {
                "item": occurrence.ref,
                "agency": entry.holder,
                "occurrence": occurrence.period,
                "milestone": occurrence.milestone.number if occurrence.milestone else None,
                "title": " ".join(title.split()),
                "deadline": occurrence.deadline,
                "standing": state_words(entry.progress),
            }
        )
    return rows


def _cell(value: Any) -> Any:
    """value fit for a worksheet: the control characters XML cannot hold written out visibly (\\x01)."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub(lambda found: f"\\x{ord(found.group()):02x}", value)
    return value


def xlsx(found: Iterable[Any], title: str) -> bytes:
    """The sheet an agency fills in: its items, and the columns for what it reports."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "cdsplan"
    sheet.append([header(column) for column in COLUMNS])
    fill = PatternFill("solid", fgColor="FFF2CC")
    for number, column in enumerate(COLUMNS, 1):
        cell = sheet.cell(1, number)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if column.fill:
            cell.fill = fill
        sheet.column_dimensions[cell.column_letter].width = column.width
    rows = rows_of(found)
    for row in rows:
        sheet.append([_cell(row.get(key)) for key in KEYS])
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # a title starting with "=" is text, not a formula the sheet would run
                cell.data_type = "s"
    for row_number in range(2, len(rows) + 2):
        sheet.cell(row_number, KEYS.index("deadline") + 1).number_format = "DD/MM/YYYY"
        sheet.cell(row_number, KEYS.index("on") + 1).number_format = "DD/MM/YYYY"
        sheet.cell(row_number, KEYS.index("title") + 1).alignment = Alignment(wrap_text=True, vertical="top")
    states = DataValidation(type="list", formula1='"planned,in_progress,done,cancelled"', allow_blank=True)
    sheet.add_data_validation(states)
    if rows:
        states.add(f"{LETTERS['state']}2:{LETTERS['state']}{len(rows) + 1}")
    sheet.freeze_panes = "B2"
    book.properties.title = _cell(title)
    book.properties.creator = "cdsplan"
    fixed = dt.datetime(2000, 1, 1)  # no time of writing inside: the same list gives the same bytes
    book.properties.created = book.properties.modified = fixed
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- #
# Reading a filled-in sheet
# --------------------------------------------------------------------------- #


class SheetError(CdsplanError):
    """Rows of the sheet cannot be read: nothing was written."""


def _cells(path: Path, max_bytes: int) -> list[list[Any]]:
    try:
        raw = read_regular(path, max_bytes=max_bytes)
    except FileProblem as exc:
        raise UsageError(str(exc)) from None
    if raw[:2] == b"PK":
        from openpyxl import load_workbook

        _refuse_zip_bomb(raw, path)
        try:
            book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise UsageError(_("{file}: not a readable XLSX workbook ({reason})").format(file=display(path), reason=exc)) from None
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(_("{file}: not UTF-8: save the sheet as CSV UTF-8 or as XLSX").format(file=display(path))) from None
    try:
        return [list(row) for row in csv.reader(io.StringIO(text))]
    except csv.Error as exc:  # a field over csv's limit (128 KB)
        raise UsageError(_("{file}: not a readable CSV sheet ({reason})").format(file=display(path), reason=exc)) from None


# What the parts of an XLSX sheet may hold once inflated: an agency's sheet of thousands of
# rows is a few megabytes; a zip bomb is gigabytes (zipfile never inflates a part past the
# size it declares, so the declared sizes bound the work).
MAX_XLSX_INFLATED = 50_000_000


def _refuse_zip_bomb(raw: bytes, path: Path) -> None:
    import zipfile

    try:
        inflated = sum(entry.file_size for entry in zipfile.ZipFile(io.BytesIO(raw)).infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UsageError(_("{file}: not a readable XLSX workbook ({reason})").format(file=display(path), reason=exc)) from None
    if inflated > MAX_XLSX_INFLATED:
        raise UsageError(
            _(
                "{file}: the workbook inflates to {size:,} bytes, more than {limit:,}: is it the sheet `cdsplan due --format xlsx` wrote?"
            ).format(file=display(path), size=inflated, limit=MAX_XLSX_INFLATED)
        )


def _columns(first: list[Any], shown: str) -> dict[str, int]:
    found: dict[str, int] = {}
    labels = {fold(_(column.label)): column.key for column in COLUMNS} | {fold(column.label): column.key for column in COLUMNS}
    for number, cell in enumerate(first):
        text = str(cell or "").strip()
        key = text[text.rfind("(") + 1 : -1] if text.endswith(")") and "(" in text else labels.get(fold(text), fold(text).replace(" ", "_"))
        if key in KEYS:
            found[key] = number
    missing = [key for key in ("item", "agency", "state", "on") if key not in found]
    if missing:
        raise SheetError(
            _("{file}: the first row has no column {columns}: keep the header row that `cdsplan due --format xlsx` writes").format(
                file=shown, columns=", ".join(missing)
            )
        )
    return found


def _day(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for form in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise ValueError(text)


def _state(value: Any) -> str | None:
    text = fold(str(value or ""))
    if not text:
        return None
    for state, words in STATE_WORDS.items():
        if text in (fold(word) for word in words):
            return state
    raise ValueError(str(value))


def import_sheet(settings: Settings, path: Path, *, today: dt.date, dry_run: bool = False) -> Recorded:
    """`cdsplan status --import FILE`: every filled-in row as a record, all or nothing."""
    shown = display(path)
    rows = _cells(path, settings.max_bytes)
    if not rows:
        raise SheetError(_("{file}: the sheet is empty").format(file=shown))
    columns = _columns(rows[0], shown)
    project = Project.open(settings)
    changes: list[Change] = []
    problems: list[str] = []

    def cell(row: list[Any], key: str) -> Any:
        number = columns.get(key)
        return row[number] if number is not None and number < len(row) else None

    fill = [column.key for column in COLUMNS if column.fill]
    for number, row in enumerate(rows[1:], 2):
        if all(cell(row, key) in (None, "") for key in fill):
            continue

        def where(key: str, number: int = number) -> str:
            return f"{shown}:{number}:{LETTERS[key]}"

        try:
            state = _state(cell(row, "state"))
        except ValueError as exc:
            problems.append(
                _("{place}: unknown state {state!r}: write planned, in_progress, done or cancelled").format(
                    place=where("state"), state=str(exc)
                )
            )
            continue
        try:
            on = _day(cell(row, "on"))
        except ValueError as exc:
            problems.append(
                _("{place}: {value!r} is not a day: write it as 30/09/2023 or 2023-09-30").format(place=where("on"), value=str(exc))
            )
            continue
        value = cell(row, "value")
        try:
            number_value = float(str(value).replace(",", ".")) if value not in (None, "") else None
            measure = int(cell(row, "measure")) if cell(row, "measure") not in (None, "") else None
            milestone = int(cell(row, "milestone")) if cell(row, "milestone") not in (None, "") else None
        except ValueError:
            problems.append(_("{place}: not a number").format(place=where("value")))
            continue
        evidence = tuple(part.strip() for part in str(cell(row, "evidence") or "").split(";") if part.strip())
        occurrence = cell(row, "occurrence")
        request = Request(
            str(cell(row, "item") or ""),
            state,
            str(cell(row, "agency") or "") or None,
            str(occurrence) if occurrence not in (None, "") else None,
            milestone,
            on,
            str(cell(row, "note") or "") or None,
            evidence,
            number_value,
            measure,
        )
        try:
            change = change_for(project, request, today)
        except UsageError as exc:
            problems.append(f"{where('item')}: {exc}")
            continue
        changes.append(Change(change.agency, change.record, change.ref, change.period, change.chosen, f"{shown}:{number}"))
    if problems:
        raise SheetError(_("nothing written: rows of the sheet cannot be read:") + "\n" + "\n".join(problems))
    if not changes:
        raise SheetError(_("{file}: no row is filled in (state, day, note, evidence or value)").format(file=shown))
    try:
        return write_changes(settings, project, changes, dry_run=dry_run)
    except Rejected as exc:
        raise SheetError(_point_at_columns(str(exc))) from None


def _point_at_columns(message: str) -> str:
    """Rejected's lines name the row (FILE:row); add the column each problem is about."""
    lines = []
    for line in message.splitlines():
        code = line[line.rfind("[") + 1 : -1] if line.endswith("]") else ""
        head, _sep, rest = line.partition(": ")
        if code in PROBLEM_COLUMNS and head.count(":") == 1:
            line = f"{head}:{LETTERS[PROBLEM_COLUMNS[code]]}: {rest}"
        lines.append(line)
    return "\n".join(lines)
