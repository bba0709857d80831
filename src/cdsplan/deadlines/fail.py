"""What a text that cannot be read fails with, before it becomes a DeadlineError,
and the hints the failures give."""

from __future__ import annotations

from cdsplan.i18n import _

from .core import MAX_YEAR, MIN_YEAR


class Fail(Exception):
    """A text the parser or evaluator cannot read."""

    def __init__(
        self,
        message: str,
        pos: int | None,
        hint: str | None = None,
        *,
        nearest: str | None = None,
        needs: str | None = None,
        unknown: tuple[str, ...] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos
        self.hint = hint
        self.nearest = nearest
        self.needs = needs
        self.unknown = unknown  # None: the reader finds the words not understood


def hints() -> dict[str, str]:
    """The hints, in the current language (made when asked: the language is chosen once per run)."""
    return {
        "quarter": _("a quarter is Quý I…IV or quý 1…4, e.g. 'Quý I/2023', 'quý 4 năm 2024'"),
        "month": _("a month is tháng 1…12, e.g. 'tháng 9/2023', 'tháng 12 năm 2023'"),
        "day": _("a day is written day/month[/year], e.g. 'ngày 15/9/2024', 'ngày 10 tháng 10 năm 2024'"),
        "year": _("write the year with 4 digits, between {low} and {high}, e.g. 2024").format(low=MIN_YEAR, high=MAX_YEAR),
        "before": _("e.g. 'trước ngày 15/9/2024', 'trước tháng 6/2023'"),
        "by": _("e.g. 'đến ngày 15/9/2024', 'chậm nhất ngày 15/9/2024', 'đến hết năm 2025'"),
        "range": _("e.g. 'từ ngày 15/9/2024 đến ngày 10/10/2024', '15/9 - 10/10/2024', '2023-2025'"),
        "duration": _(
            "give the dates: 'trong 10 ngày (01/10/2024 - 10/10/2024)', '10 ngày đầu tháng 10', or what it is counted"
            " from: 'trong vòng 10 ngày kể từ ngày ký'"
        ),
        "recur": _("e.g. 'hằng năm', 'hàng quý', 'hằng tháng', 'hằng tuần', 'ngày 10 tháng 10 hằng năm', 'trước ngày 25 hằng tháng'"),
        "point": _("e.g. 'đầu tháng 10', 'giữa tháng 10/2024', 'cuối năm 2024', 'cuối quý II'"),
        "paren": _("close the parenthesis: '… (Sơ kết 6 tháng)'"),
        "counted": _("e.g. 'trong vòng 15 ngày kể từ ngày ký', 'chậm nhất 30 ngày kể từ ngày kết thúc quý'"),
        "time": _("a time of day goes before its day: 'trước 17h00 ngày 20/5/2025'"),
    }


def _hint(name: str) -> str:
    return hints().get(name, name)
