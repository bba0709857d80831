"""The Vietnamese text cdsplan writes for a window (rendered plans, reminders)."""

from __future__ import annotations

from .core import Window
from .law import last_day

__all__ = ["describe"]

_ROMAN_OUT = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _dmy(d: object) -> str:
    return f"{d.day}/{d.month}/{d.year}"  # type: ignore[attr-defined]


def describe(window: Window) -> str:
    """The Vietnamese text cdsplan writes for a window, in its most natural form.

    Years are always written, so the text reads back to the same window whatever
    the plan: ``read_when(describe(w), ctx) == (w,)``.  A window without a start is
    written with "đến" ("đến ngày 14/9/2024"), never with "trước", whose reading
    depends on ``before_inclusive``.  An undated window is "khi có yêu cầu"; an
    ongoing one "thường xuyên", which reads back in the plan it came from.
    """
    if window.kind == "undated":
        base = "khi có yêu cầu"
    elif window.kind == "ongoing":
        base = "thường xuyên"
    else:
        base = _dated(window)
    if window.label:
        base += f" ({window.label})"
    return base


def _dated(window: Window) -> str:
    s, d = window.start, window.deadline
    assert d is not None
    if s is None:
        if (d.month, d.day) == (12, 31):
            return f"đến hết năm {d.year}"
        if d == last_day(d.year, d.month):
            return f"đến hết tháng {d.month}/{d.year}"
        return f"đến ngày {_dmy(d)}"
    if s == d:
        return f"ngày {_dmy(d)}"
    if s.day == 1 and d == last_day(d.year, d.month):
        if s.year == d.year:
            y = d.year
            if (s.month, d.month) == (1, 12):
                return f"năm {y}"
            if s.month == d.month:
                return f"tháng {d.month}/{y}"
            if s.month % 3 == 1 and d.month == s.month + 2:
                return f"Quý {_ROMAN_OUT[(s.month + 2) // 3]}/{y}"
            if s.month == 1 and d.month in (6, 9):
                return f"{d.month} tháng đầu năm {y}"
            if (s.month, d.month) == (7, 12):
                return f"6 tháng cuối năm {y}"
            return f"từ tháng {s.month}/{y} đến tháng {d.month}/{y}"
        if (s.month, d.month) == (1, 12):
            return f"giai đoạn {s.year}-{d.year}"
        return f"từ tháng {s.month}/{s.year} đến tháng {d.month}/{d.year}"
    return f"từ ngày {_dmy(s)} đến ngày {_dmy(d)}"
