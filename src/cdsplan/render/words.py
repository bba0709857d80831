"""How Vietnamese administrative documents write dates, deadlines, numbering and authorities."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..model.plan import WindowSpec
from ..text import fold

BLANK = " " * 6  # a blank the office fills in by hand: "Số:      /QĐ-…", "ngày      tháng …"
PLACE_BLANK = "……"  # the place name, when the plan does not give it: "……, ngày      tháng …"
COMPARISON_SIGNS = {"at_least": "≥", "above": ">", "at_most": "≤", "below": "<"}
# The progress report's buckets (schedule.summary.BUCKETS), in its tables and its pictures.
BUCKET_WORDS = {
    "overdue": "Quá hạn",
    "due": "Đến hạn trong kỳ",
    "in_progress": "Đang thực hiện",
    "upcoming": "Chưa đến hạn",
    "ongoing": "Thường xuyên",
    "done": "Đã hoàn thành",
}


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


def natural_key(item_id: str) -> tuple[tuple[int, Any], ...]:
    """Ids in document order: 'III.2' < 'III.10', 'PL.IX' < 'PL.X', 'a' < 'd' < 'đ' < 'e'."""
    return tuple(_part_key(part) for part in item_id.split("."))


def local_id(item_id: str, parent_id: str | None) -> str:
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


def number_text(value: float) -> str:
    text = f"{value:g}" if value != int(value) else str(int(value))
    return text.replace(".", ",")  # Vietnamese decimal comma


_SIGNING_PREFIX = re.compile(r"^(KT|TM|TL|TUQ|Q)\.\s*", re.IGNORECASE)


def authority(signer_title: str | None, issuer: dict[str, Any]) -> str:
    """Whose decision it is, for '(Ban hành kèm theo Quyết định số … của …)': 'Bộ trưởng Bộ …',
    'Chủ tịch Ủy ban …', 'Trưởng Ban Chỉ đạo …'; the issuer's name when the title does not say."""
    name = str(issuer["name"])
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
