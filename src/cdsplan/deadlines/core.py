"""The reader's data types: what a text is read against, what it is read into,
and the one error it raises."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from cdsplan.i18n import _

__all__ = [
    "MAX_DEPTH",
    "MAX_OCCURRENCES",
    "MAX_TEXT",
    "MAX_YEAR",
    "MIN_YEAR",
    "Context",
    "DeadlineError",
    "Kind",
    "Window",
]

MIN_YEAR = 1945
MAX_YEAR = 2100
#: the longest text read (characters); longer ones are refused
MAX_TEXT = 500
#: the most occurrences one ``when`` may expand into ("hằng tuần" over 50 years is refused)
MAX_OCCURRENCES = 400
#: brackets nested deeper than this are refused
MAX_DEPTH = 4

Kind = Literal["dated", "ongoing", "undated"]
KINDS: tuple[Kind, ...] = ("dated", "ongoing", "undated")


def _check_int(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        # ValueError, not TypeError: callers catch one error for a bad context
        raise ValueError(_("Context.{name} must be an int, not {value!r}").format(name=name, value=value))


def _check_day(name: str, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, date) or type(value) is not date:
        raise ValueError(_("Context.{name} must be a date, not {value!r}").format(name=name, value=value))
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(
            _("Context.{name} {day} is outside {low}..{high}").format(name=name, day=value.isoformat(), low=MIN_YEAR, high=MAX_YEAR)
        )


@dataclass(frozen=True, slots=True)
class Context:
    """What a ``when`` is read against: the plan's year (or period), its signing
    date and start, and how far open-ended recurrences run.

    ``signed`` is the plan's decision date (counted periods start from it);
    ``begins`` the plan's stated start (default: ``signed``, else 1 January of
    ``first_year``): no recurring occurrence ends before it.  ``horizon`` is the
    last year "Thường xuyên" and "… và các năm tiếp theo" run to (default
    ``last_year``).
    """

    first_year: int
    last_year: int  # == first_year for a one-year plan
    before_inclusive: bool = False  # read "trước ngày D" as "by D" (D included)
    signed: date | None = None
    begins: date | None = None
    horizon: int | None = None

    def __post_init__(self) -> None:
        for name in ("first_year", "last_year"):
            _check_int(name, getattr(self, name))
        if not MIN_YEAR <= self.first_year <= self.last_year <= MAX_YEAR:
            raise ValueError(
                _("Context years must satisfy {low} <= first_year <= last_year <= {high}; got {first}..{last}").format(
                    low=MIN_YEAR, high=MAX_YEAR, first=self.first_year, last=self.last_year
                )
            )
        _check_day("signed", self.signed)
        _check_day("begins", self.begins)
        if self.horizon is not None:
            _check_int("horizon", self.horizon)
            if not self.first_year <= self.horizon <= MAX_YEAR:
                raise ValueError(
                    _("Context.horizon must be between first_year and {high}; got {horizon}").format(high=MAX_YEAR, horizon=self.horizon)
                )

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    @property
    def plan_begins(self) -> date:
        """The day the plan begins: ``begins``, else ``signed``, else 1/1 of first_year."""
        if self.begins is not None:
            return self.begins
        if self.signed is not None:
            return self.signed
        return date(self.first_year, 1, 1)

    @property
    def last_horizon_year(self) -> int:
        return self.horizon if self.horizon is not None else self.last_year

    @property
    def horizon_end(self) -> date:
        return date(self.last_horizon_year, 12, 31)


@dataclass(frozen=True, slots=True)
class Window:
    """One occurrence: ``start`` → ``deadline``, both inclusive.

    ``kind`` is "dated" (a deadline, maybe without a start), "ongoing" (active
    from ``start`` to the end of the plan's horizon, never overdue) or "undated"
    (no start and no deadline: never due nor overdue).  ``note`` keeps what the
    text adds to the dates, e.g. a horizon ("định hướng đến năm 2030").
    """

    start: date | None  # None where the text gives no beginning ("trước ngày …")
    deadline: date | None  # None only for kind "undated"
    label: str | None = None  # e.g. "Sơ kết 6 tháng"
    kind: Kind = "dated"
    note: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(_("unknown window kind {kind!r}").format(kind=self.kind))
        if self.kind == "undated":
            if self.start is not None or self.deadline is not None:
                raise ValueError(_("an undated window has neither start nor deadline"))
            return
        if self.deadline is None:
            raise ValueError(_("a {kind} window needs a deadline").format(kind=self.kind))
        if self.start is not None and self.start > self.deadline:
            raise ValueError(_("window starts ({start}) after its deadline ({deadline})").format(start=self.start, deadline=self.deadline))

    @property
    def dated(self) -> bool:
        return self.kind == "dated"

    def overdue_on(self, day: date) -> bool:
        """True when a dated window's deadline has passed by ``day`` (ongoing and
        undated windows are never overdue)."""
        return self.kind == "dated" and self.deadline is not None and self.deadline < day


class DeadlineError(ValueError):
    """A ``when`` value that cannot be read.

    ``offset`` is the 0-based character offset, in the ORIGINAL text, of the part
    that was not understood (None when it does not apply, e.g. a mapping).
    ``unknown`` holds the words not understood, as the source writes them;
    ``nearest`` a known form close to the text (an example); ``needs`` is
    "signed" when the text counts from the plan's signing and the context has
    no ``signed`` date.
    """

    message: str
    offset: int | None
    hint: str | None
    unknown: tuple[str, ...]
    nearest: str | None
    needs: str | None

    def __init__(
        self,
        message: str,
        offset: int | None = None,
        hint: str | None = None,
        unknown: tuple[str, ...] = (),
        nearest: str | None = None,
        needs: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint
        self.unknown = tuple(unknown)
        self.nearest = nearest
        self.needs = needs

    def __str__(self) -> str:
        if self.hint:
            return _("{message}; hint: {hint}").format(message=self.message, hint=self.hint)
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message, self.offset, self.hint, self.unknown, self.nearest, self.needs))
