"""Properties of the `when` reader (hypothesis).

- describe() reads back to the same window, whatever the plan's context;
- every occurrence has start <= deadline;
- any text yields occurrences or a DeadlineError, never another exception.
"""

from __future__ import annotations

import calendar
import unicodedata
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
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
    suppress_health_check=[HealthCheck.too_slow],
)

years = st.integers(MIN_YEAR, MAX_YEAR)
days = st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(MAX_YEAR, 12, 31))


@st.composite
def contexts(draw: st.DrawFn) -> Context:
    first = draw(st.integers(2000, 2090))
    return Context(first, first + draw(st.integers(0, 10)), draw(st.booleans()))


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
labels = st.none() | st.text(
    alphabet=st.sampled_from("abcdeghiklmnopqrstuvxySơkếtổngđăâêôưáàảãạ 0123456789"), min_size=1, max_size=20
).map(lambda s: " ".join(s.split()) or None)

windows = st.one_of(single_days, no_start, months(), quarters(), whole_years(), month_spans(), ranges())


@FAST
@given(windows, labels, contexts())
def test_describe_reads_back(window: Window, label: str | None, ctx: Context) -> None:
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
        "ngày", "tháng", "quý", "năm", "trước", "đến", "đến hết", "từ", "hoặc", "và", "hằng",
        "hàng", "đầu", "giữa", "cuối", "nửa", "trong", "chậm nhất", "I", "IV", "V", "2023",
        "2024", "2101", "24", "10", "15", "31", "0", "6/9", "15/9", "30/2", "9/2024",
        "10/10/2024", "2024-10-10", "-", "–", ",", "(", ")", "/", ":", ".", "ngày 10", "tháng 9",
        "Quý I/2023", "6 tháng đầu năm", "10 ngày", "Sơ kết",
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
