"""The contract the rest of cdsplan relies on: Context, Window kinds, DeadlineError's
fields, ordering, limits, the plan's start, counting by Điều 147-148, explain_when,
and messages going through the catalogue."""

from __future__ import annotations

import ast
import json
import pickle
from datetime import date
from pathlib import Path

import pytest

from cdsplan import deadlines, i18n
from cdsplan.deadlines import (
    MAX_OCCURRENCES,
    MAX_TEXT,
    Context,
    DeadlineError,
    Window,
    before_plan,
    describe,
    explain,
    read_when,
)
from cdsplan.deadlines.explain import explain_when

SIGNED = date(2024, 8, 20)
PLAN = Context(2024, 2025, signed=SIGNED)
Y2024 = Context(2024, 2024)


def D(iso: str) -> date:
    return date.fromisoformat(iso)


# --------------------------------------------------------------------------- #
# Context and Window
# --------------------------------------------------------------------------- #


def test_context_is_frozen_hashable_and_validates() -> None:
    ctx = Context(2024, 2025, False, SIGNED, None, 2030)
    assert hash(ctx) == hash(Context(2024, 2025, signed=SIGNED, horizon=2030))
    assert ctx.plan_begins == SIGNED and ctx.horizon_end == date(2030, 12, 31)
    assert Context(2024, 2025).plan_begins == date(2024, 1, 1)
    assert Context(2024, 2025, signed=SIGNED, begins=date(2024, 9, 1)).plan_begins == date(2024, 9, 1)
    with pytest.raises(AttributeError):
        ctx.first_year = 2023  # type: ignore[misc]
    bad_values: list[dict[str, object]] = [
        {"signed": "2024-08-20"},
        {"signed": date(1900, 1, 1)},
        {"begins": date(2200, 1, 1)},
        {"horizon": 2023},
        {"horizon": 2101},
        {"horizon": True},
    ]
    for bad in bad_values:
        with pytest.raises(ValueError):
            Context(2024, 2025, **bad)  # type: ignore[arg-type]


def test_window_kinds() -> None:
    assert Window(None, None, kind="undated").kind == "undated"
    assert Window(D("2024-01-01"), D("2025-12-31"), kind="ongoing").dated is False
    for bad in (
        lambda: Window(None, None),
        lambda: Window(D("2024-01-02"), D("2024-01-01")),
        lambda: Window(D("2024-01-01"), None, kind="undated"),
        lambda: Window(None, D("2024-01-01"), kind="weekly"),  # type: ignore[arg-type]
        lambda: Window(None, None, kind="ongoing"),
    ):
        with pytest.raises(ValueError):
            bad()
    assert Window(None, D("2024-01-01")).overdue_on(D("2024-01-02"))
    assert not Window(D("2024-01-01"), D("2024-12-31"), kind="ongoing").overdue_on(D("2030-01-01"))
    assert not Window(None, None, kind="undated").overdue_on(D("2030-01-01"))


def test_ongoing_and_undated_sort_after_dated_windows() -> None:
    got = read_when("khi có yêu cầu, Thường xuyên, hằng năm", PLAN)
    assert [w.kind for w in got] == ["dated", "dated", "ongoing"]  # 'khi có yêu cầu' adds no window to a list
    got = read_when("Thường xuyên, hằng năm", PLAN)
    assert [w.kind for w in got] == ["dated", "dated", "ongoing"]
    assert got[-1] == Window(SIGNED, D("2025-12-31"), kind="ongoing")


# --------------------------------------------------------------------------- #
# DeadlineError
# --------------------------------------------------------------------------- #


def test_deadline_error_fields_pickle_and_one_line() -> None:
    err = pytest.raises(DeadlineError, read_when, "Thường xuyên theo chỉ thị", Y2024).value
    assert err.unknown == ("thị",)  # "chỉ" is a word the reader knows ("theo chỉ đạo")
    assert err.nearest == "Thường xuyên"
    assert err.needs is None
    assert "\n" not in str(err) and "'Thường xuyên'" in str(err)
    clone = pickle.loads(pickle.dumps(err))
    assert (clone.message, clone.offset, clone.hint, clone.unknown, clone.nearest, clone.needs) == (
        err.message,
        err.offset,
        err.hint,
        err.unknown,
        err.nearest,
        err.needs,
    )


def test_counting_from_the_signing_needs_the_signing_date() -> None:
    err = pytest.raises(DeadlineError, read_when, "trong vòng 15 ngày kể từ ngày ký", Y2024).value
    assert err.needs == "signed"
    assert "signing date is not known" in err.message
    assert "`decision.date: YYYY-MM-DD`" in (err.hint or "")
    assert err.offset == len("trong vòng ")
    assert read_when("trong vòng 15 ngày kể từ ngày ký", PLAN) == (Window(D("2024-08-21"), D("2024-09-04")),)


@pytest.mark.parametrize(
    ("text", "unknown", "nearest"),
    [
        ("xyz", ("xyz",), None),
        ("tháng 9/2023 xyz", ("xyz",), "tháng 9/2023"),
        ("hằng quý trước ngày 15", (), "ngày 10 của tháng cuối quý"),
        ("trước ngày 31 hằng tháng", (), "trước ngày 25 hằng tháng"),
        ("đột xuất theo chỉ đạo của Tỉnh ủy", ("Tỉnh", "ủy"), "đột xuất"),
        ("trong 6 tháng", (), "định kỳ 6 tháng"),
    ],
)
def test_refusals_name_the_words_and_the_nearest_form(text: str, unknown: tuple[str, ...], nearest: str | None) -> None:
    err = pytest.raises(DeadlineError, read_when, text, Y2024).value
    if unknown:
        assert err.unknown == unknown, str(err)
    if nearest is not None:
        assert err.nearest == nearest, str(err)


# --------------------------------------------------------------------------- #
# Limits
# --------------------------------------------------------------------------- #


def test_limits_refuse_instead_of_hanging() -> None:
    err = pytest.raises(DeadlineError, read_when, "Quý I/2024, " * 60, Y2024).value
    assert f"at most {MAX_TEXT}" in err.message
    err = pytest.raises(DeadlineError, read_when, "hằng tuần", Context(2000, 2050)).value
    assert str(MAX_OCCURRENCES) in err.message
    err = pytest.raises(DeadlineError, read_when, "hằng tháng", Context(2000, 2050)).value
    assert "occurrences" in err.message
    err = pytest.raises(DeadlineError, read_when, "(" * 10 + "2024" + ")" * 10, Y2024).value
    assert "nested" in err.message
    assert len(read_when("hằng tuần", Context(2024, 2030))) == 366  # seven years of weeks: under the limit


# --------------------------------------------------------------------------- #
# Occurrences begin when the plan does
# --------------------------------------------------------------------------- #


def test_a_monthly_task_of_a_plan_signed_in_august_starts_in_august() -> None:
    got = read_when("hằng tháng", Context(2024, 2024, signed=SIGNED))
    assert [w.start for w in got] == [date(2024, m, 1) for m in range(8, 13)]
    got = read_when("Trước ngày 05 hằng tháng", Context(2024, 2024, signed=SIGNED))
    assert got[0] == Window(None, D("2024-09-04"))
    got = read_when("Hằng năm", Context(2023, 2025, begins=date(2024, 3, 1)))
    assert [w.start for w in got] == [D("2024-01-01"), D("2025-01-01")]
    err = pytest.raises(DeadlineError, read_when, "hằng quý năm 2023", Context(2024, 2024)).value
    assert "before the plan begins" in err.message


def test_single_deadlines_before_the_plan_are_kept_and_flagged() -> None:
    (w,) = read_when("trước ngày 15/8/2024", PLAN)
    assert w.deadline == D("2024-08-14") and before_plan(w, PLAN)
    (w,) = read_when("Quý IV/2024", PLAN)
    assert not before_plan(w, PLAN)
    assert not before_plan(Window(None, None, kind="undated"), PLAN)


def test_open_ended_forms_run_to_the_horizon() -> None:
    ctx = Context(2024, 2025, horizon=2030)
    assert read_when("Thường xuyên", ctx) == (Window(D("2024-01-01"), D("2030-12-31"), kind="ongoing"),)
    assert [w.start.year for w in read_when("2025 và các năm tiếp theo", ctx) if w.start] == list(range(2025, 2031))
    assert read_when("từ năm 2027", Context(2024, 2025)) == (Window(D("2027-01-01"), D("2027-12-31"), kind="ongoing"),)


# --------------------------------------------------------------------------- #
# Điều 147-148
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("text", "signed", "window"),
    [
        ("trong vòng 15 ngày kể từ ngày ký", "2024-08-20", ("2024-08-21", "2024-09-04")),
        ("trong vòng 01 tháng kể từ ngày ký", "2024-01-31", ("2024-02-01", "2024-02-29")),  # khoản 4
        ("trong vòng 1 năm kể từ ngày ký", "2024-02-29", ("2024-03-01", "2025-02-28")),
        ("trong vòng 2 tuần kể từ ngày ký", "2024-08-20", ("2024-08-21", "2024-09-03")),
        ("10 ngày làm việc kể từ ngày ký", "2024-08-20", ("2024-08-21", "2024-09-05")),  # 31/8, 1/9 and Quốc khánh skipped
        ("05 ngày làm việc kể từ ngày ký", "2025-01-24", ("2025-01-25", "2025-02-07")),  # Tết 2025
        ("ngay sau khi Kế hoạch được ban hành", "2024-08-20", ("2024-08-20", "2024-08-20")),
    ],
)
def test_counted_periods(text: str, signed: str, window: tuple[str, str]) -> None:
    ctx = Context(int(signed[:4]), int(signed[:4]) + 1, signed=D(signed))
    assert read_when(text, ctx) == (Window(D(window[0]), D(window[1])),)
    assert any("Điều 147" in line for line in explain(text, ctx)) or "ngay" in text


def test_counted_from_the_end_of_each_quarter() -> None:
    got = read_when("chậm nhất 30 ngày kể từ ngày kết thúc quý", Y2024)
    assert [(w.start, w.deadline) for w in got] == [
        (D("2024-04-01"), D("2024-04-30")),
        (D("2024-07-01"), D("2024-07-30")),
        (D("2024-10-01"), D("2024-10-30")),
        (D("2025-01-01"), D("2025-01-30")),
    ]


# --------------------------------------------------------------------------- #
# explain, explain_when, describe
# --------------------------------------------------------------------------- #


def test_explain_when_json_has_kind_and_day_off_moves() -> None:
    records = json.loads(explain_when("Thường xuyên, trước ngày 15/9/2024", 2024, 2024, "json"))
    assert [r["kind"] for r in records] == ["dated", "ongoing"]
    assert set(records[0]) == {"start", "deadline", "label", "kind", "day_off", "working_deadline"}
    assert (records[0]["day_off"], records[0]["working_deadline"]) == ("Thứ Bảy", "2024-09-16")
    assert records[1]["day_off"] is None
    records = json.loads(explain_when("khi có yêu cầu", 2024, 2024, "json"))
    assert records == [{"start": None, "deadline": None, "label": None, "kind": "undated", "day_off": None, "working_deadline": None}]
    text = explain_when("trong vòng 15 ngày kể từ ngày ký", 2024, 2024, signed=SIGNED)
    assert "2024-08-21 → 2024-09-04" in text and "Điều 147" in text
    with pytest.raises(DeadlineError):
        explain_when("trong vòng 15 ngày kể từ ngày ký", 2024, 2024)


def test_explain_keeps_the_time_and_the_horizon() -> None:
    (line,) = explain("trước 17h00 ngày 20/5/2025", Context(2025, 2025))
    assert "no start → 2025-05-20" in line and "'17h00' is a time of day" in line
    (line,) = explain("đến năm 2025, định hướng đến năm 2030", Context(2021, 2025))
    assert "note: " not in line and "định hướng đến năm 2030" in line


def test_describe_writes_every_kind() -> None:
    assert describe(Window(None, None, kind="undated")) == "khi có yêu cầu"
    assert describe(Window(SIGNED, D("2025-12-31"), kind="ongoing")) == "thường xuyên"
    assert describe(Window(None, D("2024-09-14"))) == "đến ngày 14/9/2024"


# --------------------------------------------------------------------------- #
# Messages go through the catalogue
# --------------------------------------------------------------------------- #


def test_messages_are_translated(monkeypatch: pytest.MonkeyPatch) -> None:
    class Marked(i18n.gettext.NullTranslations):  # type: ignore[name-defined]
        def gettext(self, message: str) -> str:
            return f"«{message}»"

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return f"«{singular if n == 1 else plural}»"

    monkeypatch.setattr(i18n, "_translation", Marked())
    deadlines._read_text.cache_clear()
    try:
        err = pytest.raises(DeadlineError, read_when, "trong vòng 16 ngày kể từ ngày ký", Y2024).value
        assert err.message.startswith("«") and (err.hint or "").startswith("«")
        lines = explain("hằng tháng", Context(2024, 2024, signed=SIGNED))
        assert lines[0].startswith("«") and all(line.startswith("  - «") for line in lines if line.startswith("  - "))
    finally:
        deadlines._read_text.cache_clear()


def test_no_formatted_string_inside_the_message_function() -> None:
    """`_()` takes a literal id (named placeholders are filled after translation)."""
    package = Path(deadlines.__file__).parent
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_"):
                for arg in node.args:
                    ok = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                    # _(rule.words): ids kept as data, marked with N_ where they are defined
                    ok = ok or isinstance(arg, (ast.Attribute, ast.Subscript, ast.Name))
                    assert ok, f"{path.name}:{node.lineno}: _() of {ast.dump(arg)[:60]}"
