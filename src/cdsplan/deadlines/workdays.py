"""Working days in Vietnam, for Bộ luật Dân sự 2015, Điều 148.

Điều 148 khoản 5: when the last day of a time limit is a weekend day or a public
holiday (ngày nghỉ cuối tuần hoặc ngày nghỉ lễ), the limit ends at the end of
the next working day.  :func:`day_off_reason` says why a day is off (or None on
a working day) and :func:`next_working_day` gives the day a deadline moves to.

Public holidays, the government's substitute days off (nghỉ bù, "ngày nghỉ
thay cho …") and the Saturdays worked in exchange (làm bù) come from the
``holidays`` package (country "VN", names in Vietnamese).  It is imported lazily
— only the first time a date is checked — and read once per year.

:func:`add_working_days` counts "N ngày làm việc kể từ …" (Điều 147: from the
day after).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache, lru_cache

from cdsplan.i18n import _

__all__ = ["add_working_days", "day_off_reason", "is_working_day", "next_working_day"]

_WEEKEND = {5: "Thứ Bảy", 6: "Chủ nhật"}
_ONE_DAY = timedelta(days=1)
# Tết, with its bridges, is the longest run of days off (about 9 days); no real
# run comes near this bound, which only guards against bad holiday data.
_MAX_RUN = 60


@cache
def _year(year: int) -> tuple[dict[date, str], frozenset[date]]:
    """(holiday names, weekend days that are working days) for one year."""
    import holidays  # slow-ish import, only when needed

    try:
        table = holidays.country_holidays("VN", years=year, language="vi")
    except (NotImplementedError, KeyError, ValueError):  # pragma: no cover - old `holidays`
        table = holidays.country_holidays("VN", years=year)
    names = {d: name for d, name in table.items() if d.year == year}
    worked = frozenset(d for d in getattr(table, "weekend_workdays", ()) if d.year == year)
    return names, worked


def _as_date(d: date) -> date:
    if isinstance(d, datetime):
        return d.date()
    if not isinstance(d, date):
        raise TypeError(_("expected a date, not {type}").format(type=type(d).__name__))
    return d


@lru_cache(maxsize=8192)  # a national run asks about the same few hundred deadlines again and again
def day_off_reason(d: date) -> str | None:
    """Why ``d`` is a day off: the holiday's Vietnamese name, "Thứ Bảy" or
    "Chủ nhật"; None on a working day (including a Saturday worked in exchange
    for a bridge day off)."""
    d = _as_date(d)
    names, worked = _year(d.year)
    name = names.get(d)
    if name:
        return name
    if d in worked:
        return None
    return _WEEKEND.get(d.weekday())


def is_working_day(d: date) -> bool:
    """True when ``d`` is neither a weekend day nor a public holiday."""
    return day_off_reason(d) is None


def next_working_day(d: date) -> date:
    """``d`` itself if it is a working day, else the first working day after it
    (where Điều 148 moves a deadline that falls on a day off)."""
    d = _as_date(d)
    for _attempt in range(_MAX_RUN):
        if day_off_reason(d) is None:
            return d
        d += _ONE_DAY
    raise ValueError(_("no working day within {days} days of {day}").format(days=_MAX_RUN, day=d.isoformat()))  # pragma: no cover


def add_working_days(d: date, n: int) -> date:
    """The ``n``-th working day after ``d`` (``d`` itself is not counted, Điều 147);
    ``d`` when ``n`` is 0."""
    d = _as_date(d)
    if n < 0:
        raise ValueError(_("cannot count {n} working days").format(n=n))
    for _i in range(n):
        d = next_working_day(d + _ONE_DAY)
    return d
