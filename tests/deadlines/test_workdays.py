"""Working days (Bộ luật Dân sự 2015, Điều 148): weekends, Vietnamese public
holidays from the `holidays` package, and the next working day."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime

import pytest

from cdsplan.deadlines import Context, read_when, workdays
from cdsplan.deadlines.workdays import day_off_reason, is_working_day, next_working_day


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (date(2024, 9, 14), "Thứ Bảy"),
        (date(2024, 9, 15), "Chủ nhật"),
        (date(2024, 10, 10), None),  # Ngày Chuyển đổi số quốc gia is a Thursday, not a day off
        (date(2024, 10, 11), None),
        (date(2023, 12, 29), None),
    ],
)
def test_weekends_and_working_days(day: date, reason: str | None) -> None:
    assert day_off_reason(day) == reason
    assert is_working_day(day) is (reason is None)


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2024, 9, 2), "Quốc khánh"),  # a Monday
        (date(2024, 9, 3), "Quốc khánh"),
        (date(2025, 1, 1), "Tết Dương lịch"),
        (date(2025, 1, 29), "Tết Nguyên Đán"),  # a Wednesday
        (date(2024, 5, 1), "Lao động"),
        (date(2024, 4, 30), ""),
        (date(2024, 4, 18), "Hùng Vương"),  # Giỗ Tổ, 10/3 âm lịch
    ],
)
def test_public_holidays_are_named_in_vietnamese(day: date, words: str) -> None:
    reason = day_off_reason(day)
    assert reason is not None and reason not in ("Thứ Bảy", "Chủ nhật")
    assert words in reason


def test_a_holiday_on_a_weekend_gives_the_holiday() -> None:
    assert "Giao thừa" in (day_off_reason(date(2023, 1, 21)) or "")  # a Saturday


def test_saturday_worked_in_exchange_is_a_working_day() -> None:
    """4/5/2024 (Saturday) was worked in exchange for the bridge day 29/4/2024."""
    import holidays

    if not hasattr(holidays.country_holidays("VN"), "weekend_workdays"):
        pytest.skip("this version of `holidays` does not list Vietnam's làm-bù Saturdays")
    assert day_off_reason(date(2024, 5, 4)) is None
    assert day_off_reason(date(2024, 4, 29)) is not None


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 10, 10), date(2024, 10, 10)),  # a working day stays
        (date(2024, 9, 14), date(2024, 9, 16)),  # Saturday → Monday
        (date(2024, 9, 15), date(2024, 9, 16)),  # Sunday → Monday
        (date(2024, 8, 31), date(2024, 9, 4)),  # Sat, Sun, Quốc khánh 2 & 3/9 → Wednesday
        (date(2025, 1, 25), date(2025, 2, 3)),  # Tết 2025: nine days off
        (date(2023, 12, 30), date(2024, 1, 2)),  # across the year: Sat, Sun, Tết Dương lịch
    ],
)
def test_next_working_day(day: date, expected: date) -> None:
    assert next_working_day(day) == expected
    assert day_off_reason(expected) is None


def test_datetimes_are_taken_as_their_day() -> None:
    assert day_off_reason(datetime(2024, 9, 14, 23, 59)) == "Thứ Bảy"
    assert next_working_day(datetime(2024, 9, 14, 8, 0)) == date(2024, 9, 16)
    with pytest.raises(TypeError):
        day_off_reason("2024-09-14")  # type: ignore[arg-type]


def test_dieu_148_moves_a_strict_before_deadline() -> None:
    """'trước ngày 15/9/2024' ends on Saturday 14/9; Điều 148 moves it to Monday 16/9."""
    (window,) = read_when("trước ngày 15/9/2024", Context(2024, 2024))
    assert window.deadline == date(2024, 9, 14)
    assert day_off_reason(window.deadline) == "Thứ Bảy"
    assert next_working_day(window.deadline) == date(2024, 9, 16)


def test_holidays_are_read_once_per_year() -> None:
    workdays._year.cache_clear()
    workdays.day_off_reason.cache_clear()
    for d in range(1, 29):
        day_off_reason(date(2024, 2, d))
    day_off_reason(date(2025, 2, 1))
    info = workdays._year.cache_info()
    assert info.misses == 2 and info.hits == 27


def test_holidays_is_imported_lazily() -> None:
    code = (
        "import sys, cdsplan.deadlines.workdays as w; a = 'holidays' in sys.modules; "
        "import datetime; w.day_off_reason(datetime.date(2024, 9, 2)); "
        "print(a, 'holidays' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
