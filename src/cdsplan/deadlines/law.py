"""Bộ luật Dân sự 2015 (Luật số 91/2015/QH13), Điều 146–148, as a table.

- Điều 146 fixes the points đầu/giữa/cuối of a month and of a year;
- Điều 147: a period counted in days, weeks, months or years from a day starts
  on the NEXT day (the day named is not counted);
- Điều 148: such a period ends on the last day counted (days), the same weekday
  of the last week (weeks), the same day of the last month (months, or the last
  day of that month when it has none), the same day and month of the last year
  (years); and when that day is a day off, at the end of the next working day
  (khoản 5: cdsplan flags the move, see ``explain_when``).

``cuối quý`` / ``đầu quý`` are read by analogy (Điều 146 speaks of months and
years only); ``giữa quý`` has no fixed day and is refused.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from cdsplan.i18n import N_

__all__ = ["POINTS", "Point", "count_period", "last_day"]


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, slots=True)
class Point:
    """One point in time of Điều 146 (or read by analogy with it)."""

    day: Callable[[int, int], date]  # (year, n) -> the day; n is the month or quarter
    source: str  # where the rule comes from (a message id)
    words: str  # how the rule is said (a message id, {unit} filled by the reader)


#: (edge, unit) -> the point: edge is "start" | "middle" | "end" (đầu, giữa, cuối),
#: unit is "month" | "quarter" | "year".
POINTS: dict[tuple[str, str], Point] = {
    ("start", "month"): Point(
        lambda y, m: date(y, m, 1), N_("Bộ luật Dân sự 2015, Điều 146"), N_("'đầu tháng' = the first day of the month")
    ),
    ("middle", "month"): Point(
        lambda y, m: date(y, m, 15), N_("Bộ luật Dân sự 2015, Điều 146"), N_("'giữa tháng' = the 15th of the month")
    ),
    ("end", "month"): Point(last_day, N_("Bộ luật Dân sự 2015, Điều 146"), N_("'cuối tháng' = the last day of the month")),
    ("start", "year"): Point(lambda y, _n: date(y, 1, 1), N_("Bộ luật Dân sự 2015, Điều 146"), N_("'đầu năm' = 1 January")),
    ("middle", "year"): Point(
        lambda y, _n: date(y, 6, 30), N_("Bộ luật Dân sự 2015, Điều 146"), N_("'giữa năm' = 30 June, the last day of June")
    ),
    ("end", "year"): Point(lambda y, _n: date(y, 12, 31), N_("Bộ luật Dân sự 2015, Điều 146"), N_("'cuối năm' = 31 December")),
    ("start", "quarter"): Point(
        lambda y, q: date(y, 3 * q - 2, 1),
        N_("by analogy with Điều 146, which defines months and years"),
        N_("'đầu quý' = the first day of the quarter"),
    ),
    ("end", "quarter"): Point(
        lambda y, q: last_day(y, 3 * q),
        N_("by analogy with Điều 146, which defines months and years"),
        N_("'cuối quý' = the last day of the quarter"),
    ),
}


def _add_months(d: date, months: int) -> date:
    """The same day ``months`` later; the month's last day when it has no such day
    (Điều 148, khoản 2 and 4)."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def count_period(origin: date, n: int, unit: str, add_working_days: Callable[[date, int], date] | None = None) -> tuple[date, date]:
    """(first day, last day) of a period of ``n`` ``unit`` counted from ``origin``.

    Điều 147: the first day is the day after ``origin``.  Điều 148: days end on
    origin + n; weeks on the same weekday n weeks on; months on the same day n
    months on (or that month's last day); years on the same day and month.
    ``unit`` "workday" counts working days with ``add_working_days``.
    """
    first = origin + timedelta(days=1)
    if unit == "day":
        return first, origin + timedelta(days=n)
    if unit == "week":
        return first, origin + timedelta(weeks=n)
    if unit == "month":
        return first, _add_months(origin, n)
    if unit == "year":
        return first, _add_months(origin, 12 * n)
    if unit == "workday":
        if add_working_days is None:  # pragma: no cover - the reader always passes it
            raise ValueError("working days need a calendar")
        return first, add_working_days(origin, n)
    raise ValueError(unit)  # pragma: no cover


#: (unit, how it ends) for the notes the reader writes about counted periods.
COUNTING_RULES: dict[str, str] = {
    "start": N_("a period counted from a day starts the next day (Bộ luật Dân sự 2015, Điều 147)"),
    "day": N_("it ends on the last day counted (Điều 148)"),
    "workday": N_("counted in working days: weekends and public holidays are skipped"),
    "week": N_("it ends on the same weekday of the last week (Điều 148, khoản 1)"),
    "month": N_("it ends on the same day of the last month, or on that month's last day (Điều 148, khoản 2 and 4)"),
    "year": N_("it ends on the same day and month of the last year (Điều 148, khoản 3)"),
}
