"""`cdsplan when`: how a deadline text is read, in words or as JSON, with the
days off its deadlines fall on (Bộ luật Dân sự 2015, Điều 148)."""

from __future__ import annotations

import json
import sys
import types
from datetime import date
from typing import Any

from cdsplan.i18n import _, day_text

from .core import Context
from .reader import explain, read_when

__all__ = ["explain_when"]


def explain_when(
    text: str,
    first_year: int,
    last_year: int,
    fmt: str = "text",
    *,
    before_inclusive: bool = False,
    signed: date | None = None,
) -> str:
    """How ``text`` reads in a plan of first_year..last_year (signed on ``signed``).

    Raises :class:`~cdsplan.deadlines.DeadlineError` when it cannot be read; the CLI makes that a
    usage error.  JSON: one record per window, with ``start``, ``deadline``,
    ``label``, ``kind``, ``day_off`` and ``working_deadline``.
    """
    from .workdays import day_off_reason, next_working_day  # imports `holidays`

    context = Context(first_year, last_year, before_inclusive, signed=signed)
    windows = read_when(text, context)
    lines = explain(text, context)
    moves: list[tuple[str | None, date | None]] = []
    for window in windows:
        if window.kind != "dated" or window.deadline is None:
            moves.append((None, None))
            continue
        reason = day_off_reason(window.deadline)
        moves.append((reason, next_working_day(window.deadline) if reason else None))
    if fmt == "json":
        records = [
            {
                "start": window.start.isoformat() if window.start else None,
                "deadline": window.deadline.isoformat() if window.deadline else None,
                "label": window.label,
                "kind": window.kind,
                "day_off": reason,
                "working_deadline": moved.isoformat() if moved else None,
            }
            for window, (reason, moved) in zip(windows, moves, strict=True)
        ]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    for window, (reason, moved) in zip(windows, moves, strict=True):
        if reason and window.deadline is not None and moved is not None:
            lines.append(
                _(
                    "{deadline} is a day off ({reason}): the deadline moves to the next working day, {moved}"
                    " (Bộ luật Dân sự 2015, Điều 148)"
                ).format(deadline=day_text(window.deadline), reason=reason, moved=day_text(moved))
            )
    return "\n".join(lines) + "\n"


class _CallableModule(types.ModuleType):
    """This module shares its name with :func:`cdsplan.deadlines.explain`, and
    importing it makes ``cdsplan.deadlines.explain`` this module: calling it is
    calling that function, so ``from cdsplan.deadlines import explain`` works in
    any import order."""

    def __call__(self, value: Any, ctx: Context) -> list[str]:
        return explain(value, ctx)


sys.modules[__name__].__class__ = _CallableModule
