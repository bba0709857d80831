"""`cdsplan when`: how a deadline text is read, in words or as JSON."""

from __future__ import annotations

import json

from .deadlines import Context, DeadlineError, explain, read_when
from .errors import UsageError
from .workdays import day_off_reason, next_working_day


def explain_when(text: str, first_year: int, last_year: int, fmt: str = "text", *, before_inclusive: bool = False) -> str:
    """How text reads in a plan of first_year..last_year; an unreadable text is a usage error (exit 2)."""
    context = Context(first_year, last_year, before_inclusive)
    try:
        windows = read_when(text, context)
        lines = explain(text, context)
    except DeadlineError as exc:
        raise UsageError(f"cannot read {text!r}: {exc}") from None
    moves = []
    for window in windows:
        reason = day_off_reason(window.deadline)
        moved = next_working_day(window.deadline) if reason else None
        moves.append((reason, moved))
    if fmt == "json":
        records = [
            {
                "start": window.start.isoformat() if window.start else None,
                "deadline": window.deadline.isoformat(),
                "label": window.label,
                "day_off": reason,
                "working_deadline": moved.isoformat() if moved else None,
            }
            for window, (reason, moved) in zip(windows, moves, strict=True)
        ]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    for window, (reason, moved) in zip(windows, moves, strict=True):
        if reason:
            lines.append(
                f"{window.deadline.isoformat()} is a day off ({reason}): the deadline moves to the next working day, "
                f"{moved.isoformat()} (Bộ luật Dân sự 2015, Điều 148)"
            )
    return "\n".join(lines) + "\n"
