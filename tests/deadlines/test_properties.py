"""Properties of the `when` reader (hypothesis).

- describe() reads back to the same window, whatever the plan's context;
- every occurrence has start <= deadline;
- any text yields occurrences or a DeadlineError, never another exception;
- a recurrence never yields an occurrence that ends before the plan begins.

Examples are drawn at random locally and derandomized (a fixed sequence) when CI is set.
"""

from __future__ import annotations

import calendar
import os
import re
import unicodedata
from datetime import date, timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cdsplan.deadlines import (
    MAX_YEAR,
    MIN_YEAR,
    Context,
    DeadlineError,
    Window,
    describe,
    explain,
    read_when,
)

FAST = settings(
    max_examples=150,
    deadline=None,
    database=None,  # no .hypothesis/ directory in the work tree
    derandomize=bool(os.environ.get("CI")),  # CI runs the same examples every time
    suppress_health_check=[HealthCheck.too_slow],
)

years = st.integers(MIN_YEAR, MAX_YEAR)
days = st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(MAX_YEAR, 12, 31))


@st.composite
def contexts(draw: st.DrawFn) -> Context:
    first = draw(st.integers(2000, 2090))
    last = first + draw(st.integers(0, 10))
    signed = draw(st.none() | st.dates(min_value=date(first - 1, 1, 1), max_value=date(last, 12, 31)))
    begins = draw(st.none() | st.dates(min_value=date(first, 1, 1), max_value=date(last, 12, 31)))
    horizon = draw(st.none() | st.integers(last, min(MAX_YEAR, last + 10)))
    return Context(first, last, draw(st.booleans()), signed=signed, begins=begins, horizon=horizon)


def _last(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


@st.composite
def months(draw: st.DrawFn) -> Window:
    y, m = draw(years), draw(st.integers(1, 12))
    return Window(date(y, m, 1), _last(y, m))


@st.composite
def quarters(draw: st.DrawFn) -> Window:
    y, q = draw(years), draw(st.integers(1, 4))
    return Window(date(y, 3 * q - 2, 1), _last(y, 3 * q))


@st.composite
def whole_years(draw: st.DrawFn) -> Window:
    a = draw(years)
    b = draw(st.integers(a, min(MAX_YEAR, a + 10)))
    return Window(date(a, 1, 1), date(b, 12, 31))


@st.composite
def month_spans(draw: st.DrawFn) -> Window:
    a = draw(months())
    b = draw(months())
    a, b = sorted((a, b), key=lambda w: w.deadline)
    return Window(a.start, b.deadline)


@st.composite
def ranges(draw: st.DrawFn) -> Window:
    a = draw(days)
    b = min(a + timedelta(draw(st.integers(0, 800))), date(MAX_YEAR, 12, 31))
    return Window(a, b)


single_days = days.map(lambda d: Window(d, d))
no_start = days.map(lambda d: Window(None, d))
labels = st.none() | st.text(alphabet=st.sampled_from("abcdeghiklmnopqrstuvxySơkếtổngđăâêôưáàảãạ 0123456789"), min_size=1, max_size=20).map(
    lambda s: " ".join(s.split()) or None
)

windows = st.one_of(single_days, no_start, months(), quarters(), whole_years(), month_spans(), ranges())


TIME_REMARK = re.compile(r"\s*(ngày\s*\d|\d+\s*/\s*\d|trước|đến|tới|chậm|không|hạn|tính|từ\s+năm)", re.IGNORECASE)


def _time_remark(label: str | None, ctx: Context) -> bool:
    """A label that gives a time of its own ("ngày 5", "trước ngày 3/4", "q1", "hang nam") is
    read as one in brackets (refused, narrowing or repeating the time before it), not kept."""
    if label is None:
        return False
    if TIME_REMARK.match(label):
        return True
    try:
        read_when(label, ctx)
    except DeadlineError:
        return False
    return True


@FAST
@given(windows, labels, contexts())
def test_describe_reads_back(window: Window, label: str | None, ctx: Context) -> None:
    assume(not _time_remark(label, ctx))
    window = Window(window.start, window.deadline, label)
    text = describe(window)
    assert read_when(text, ctx) == (window,), (text, explain(text, ctx))


@FAST
@given(windows, contexts())
def test_reading_ignores_case_and_unicode_form(window: Window, ctx: Context) -> None:
    text = describe(window)
    expected = (window,)
    assert read_when(unicodedata.normalize("NFD", text), ctx) == expected
    assert read_when(text.upper(), ctx) == expected
    assert read_when("  " + text.replace(" ", "   ") + " ", ctx) == expected


# Phrases built from the words and shapes the reader knows, in any order: most
# are nonsense, and must either read (start <= deadline) or raise DeadlineError.
pieces = st.sampled_from(
    [
        "ngày",
        "tháng",
        "quý",
        "năm",
        "trước",
        "đến",
        "đến hết",
        "từ",
        "hoặc",
        "và",
        "hằng",
        "hàng",
        "đầu",
        "giữa",
        "cuối",
        "nửa",
        "trong",
        "chậm nhất",
        "I",
        "IV",
        "V",
        "2023",
        "2024",
        "2101",
        "24",
        "10",
        "15",
        "31",
        "0",
        "6/9",
        "15/9",
        "30/2",
        "9/2024",
        "10/10/2024",
        "2024-10-10",
        "-",
        "–",
        ",",
        "(",
        ")",
        "/",
        ":",
        ".",
        "ngày 10",
        "tháng 9",
        "Quý I/2023",
        "6 tháng đầu năm",
        "10 ngày",
        "Sơ kết",
        # the newer forms' words
        "thường xuyên",
        "liên tục",
        "khi có yêu cầu",
        "đột xuất",
        "định kỳ",
        "hằng tuần",
        "hằng tháng",
        "kể từ",
        "ngày ký",
        "ngày kết thúc quý",
        "làm việc",
        "sau",
        "ngay sau khi Kế hoạch được ban hành",
        "của",
        "tháng cuối quý",
        "tháng báo cáo",
        "năm báo cáo",
        "năm liền kề năm báo cáo",
        "và các năm tiếp theo",
        "trở đi",
        "tính từ",
        "tháng trước kỳ báo cáo",
        "tháng cuối kỳ",
        "17h00",
        "17 giờ",
        "(mười lăm)",
        "(sáu)",
        "Q3",
        "quí",
        "VIII",
        "Tám",
        "20.7.2024",
        "1.1",
        "10-10",
        "tuần đầu",
        "tuần cuối",
        "định hướng đến",
        "cả năm",
        "9 tháng",
        "gửi",
        "báo cáo",
        "tính đến",
        "từ nay đến",
        "02 tháng",
    ]
)


@FAST
@given(st.lists(pieces, max_size=10).map(" ".join), contexts())
def test_known_words_in_any_order(text: str, ctx: Context) -> None:
    try:
        got = read_when(text, ctx)
    except DeadlineError as err:
        assert err.offset is None or 0 <= err.offset <= len(text)
        return
    assert got, text
    for w in got:
        assert w.start is None or w.start <= w.deadline
    assert list(got) == sorted(got, key=lambda w: (w.deadline, w.start or date.min, w.label or ""))
    assert explain(text, ctx)


@FAST
@given(st.text(max_size=40), contexts())
def test_any_text_reads_or_raises_deadline_error(text: str, ctx: Context) -> None:
    try:
        got = read_when(text, ctx)
    except DeadlineError as err:
        assert err.offset is None or 0 <= err.offset <= len(text)
        assert str(err)
        return
    for w in got:
        assert w.start is None or w.start <= w.deadline


@FAST
@given(
    st.one_of(
        st.integers(),
        st.none(),
        st.booleans(),
        st.floats(),
        days,
        st.dictionaries(
            st.sampled_from(["start", "deadline", "label", "x"]),
            st.one_of(days, st.text(max_size=12), st.none(), st.integers()),
        ),
    ),
    contexts(),
)
def test_any_value_reads_or_raises_deadline_error(value: object, ctx: Context) -> None:
    try:
        got = read_when(value, ctx)  # type: ignore[arg-type]
    except DeadlineError:
        return
    for w in got:
        assert w.start is None or w.start <= w.deadline


RECURRING = st.sampled_from(
    [
        "Hằng năm",
        "hằng quý",
        "hằng tháng",
        "hằng tuần",
        "trước ngày 25 hằng tháng",
        "Trước ngày 05 hằng tháng",
        "ngày 10 của tháng cuối quý",
        "chậm nhất ngày 20 của tháng báo cáo",
        "định kỳ 6 tháng",
        "6 tháng và cả năm",
        "trước ngày 15/7 của năm báo cáo",
        "trước ngày 15/01 của năm liền kề năm báo cáo",
        "ngày 10 tháng 10 hằng năm",
        "chậm nhất 30 ngày kể từ ngày kết thúc quý",
        "2025 và các năm tiếp theo",
        "hằng năm và đột xuất",
        "hàng quý, 6 tháng, 9 tháng và cả năm",
        "trước ngày 15/12 hằng năm",
        "tháng 10 hằng năm",
        "hằng quý, tính từ ngày 15 của tháng trước kỳ báo cáo đến ngày 14 của tháng cuối kỳ",
    ]
)


@FAST
@given(RECURRING, contexts())
def test_no_occurrence_ends_before_the_plan_begins(text: str, ctx: Context) -> None:
    try:
        got = read_when(text, ctx)
    except DeadlineError as err:
        assert "before the plan begins" in err.message or "occurrences" in err.message, err.message
        return
    assert got
    for w in got:
        assert w.deadline is None or w.deadline >= ctx.plan_begins, (text, w, ctx)
        assert w.start is None or w.deadline is None or w.start <= w.deadline


@FAST
@given(contexts())
def test_ongoing_and_undated_read_back(ctx: Context) -> None:
    for text in ("Thường xuyên", "khi có yêu cầu"):
        (window,) = read_when(text, ctx)
        assert read_when(describe(window), ctx) == (window,)
        assert not window.overdue_on(date(MAX_YEAR, 12, 31))
    (ongoing,) = read_when("Thường xuyên", ctx)
    assert (ongoing.start, ongoing.deadline) == (ctx.plan_begins, max(ctx.horizon_end, date(ctx.plan_begins.year, 12, 31)))


@FAST
@given(
    st.sampled_from(
        [
            "trong vòng 15 ngày kể từ ngày ký",
            "10 ngày làm việc kể từ ngày ký",
            "trong vòng 02 tháng kể từ ngày ký",
            "sau 30 ngày kể từ ngày Kế hoạch được ban hành",
        ]
    ),
    contexts(),
)
def test_counted_from_the_signing(text: str, ctx: Context) -> None:
    try:
        (window,) = read_when(text, ctx)
    except DeadlineError as err:
        assert ctx.signed is None and err.needs == "signed"
        assert "decision.date" in (err.hint or "")
        return
    assert ctx.signed is not None and window.start == ctx.signed + timedelta(days=1)
    assert window.deadline is not None and window.deadline > ctx.signed


FORMS_OF_ALL_KINDS = st.sampled_from(
    [
        "Thường xuyên",
        "khi có yêu cầu",
        "đột xuất",
        "6 tháng",
        "cả năm",
        "9 tháng",
        "Quý IV/2024",
        "tháng 12",
        "trước ngày 15/6",
        "15/12 hằng năm",
        "hằng tháng (trước ngày 25)",
        "từ năm 2025",
        "2025 và các năm tiếp theo",
        "trong vòng 15 ngày kể từ ngày ký",
        "ngày 10 của tháng cuối quý",
        "T6/2024",
        "2024 (Quý IV)",
    ]
)


@FAST
@given(
    st.lists(st.one_of(RECURRING, FORMS_OF_ALL_KINDS), min_size=1, max_size=4), st.sampled_from([", ", " và ", "; ", " hoặc "]), contexts()
)
def test_lists_of_any_forms_read_or_refuse(parts: list[str], sep: str, ctx: Context) -> None:
    text = sep.join(parts)
    try:
        got = read_when(text, ctx)
    except DeadlineError as err:
        assert str(err) and "\n" not in str(err)
        return
    assert got
    for w in got:
        assert w.start is None or w.deadline is None or w.start <= w.deadline
    assert list(got) == sorted(
        got, key=lambda w: ({"dated": 0, "ongoing": 1, "undated": 2}[w.kind], w.deadline or date.max, w.start or date.min, w.label or "")
    )
