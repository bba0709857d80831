"""Fuzzing the deadline reader: `read_when` raises DeadlineError and nothing else, whatever
the value and the plan's context; every window it gives has start <= deadline, lies within
the years cdsplan reads, and comes fast (no text near the 500-character limit is slow).

tests/deadlines/test_properties.py draws well-formed texts; these are hostile: real texts
mutated, the reader's own words in any order, values of every type, contexts at the edges.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from cdsplan.deadlines import MAX_TEXT, MAX_YEAR, MIN_YEAR, Context, DeadlineError, Window, read_when

from .common import HOSTILE_PIECES, fuzz

DATA = Path(__file__).resolve().parents[1] / "data" / "deadlines"
REAL = sorted(
    {
        str(entry["text"])
        for name in ("real.yaml", "variants.yaml", "seeds.yaml")
        for entry in yaml.safe_load((DATA / name).read_text(encoding="utf-8"))["texts"]
        if isinstance(entry, dict) and "text" in entry
    }
)
WORDS = sorted({word for text in REAL for word in text.replace("/", " / ").replace("(", " ( ").replace(")", " ) ").split()})


@st.composite
def contexts(draw: st.DrawFn) -> Context:
    first = draw(st.sampled_from([MIN_YEAR, MAX_YEAR]) | st.integers(MIN_YEAR, MAX_YEAR))
    last = draw(st.integers(first, min(MAX_YEAR, first + 50)))
    day = st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(MAX_YEAR, 12, 31))
    signed = draw(st.none() | day)
    begins = draw(st.none() | day)
    horizon = draw(st.none() | st.integers(last, MAX_YEAR))
    return Context(first, last, draw(st.booleans()), signed=signed, begins=begins, horizon=horizon)


@st.composite
def mutated_real(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(REAL))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        how = draw(st.sampled_from(["insert", "delete", "repeat", "join"]))
        if how == "insert":
            text = text[:at] + draw(st.sampled_from([*HOSTILE_PIECES, *WORDS[:200], "0", "00", "31", "13", "-", "/", "(", ")"])) + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 6)) :]
        elif how == "repeat":
            text = ", ".join([text] * draw(st.integers(2, 40)))
        else:
            text = text + draw(st.sampled_from([", ", " và ", " - ", " hoặc ", "; "])) + draw(st.sampled_from(REAL))
    return text


words_in_any_order = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)
near_the_limit = st.builds(
    lambda text, n: (text * (MAX_TEXT // max(len(text), 1) + 1))[: MAX_TEXT - n], st.sampled_from(REAL), st.integers(0, 3)
)
nested = st.builds(lambda depth, text: "(" * depth + text + ")" * depth, st.integers(0, 12), st.sampled_from(REAL))
texts = mutated_real() | words_in_any_order | near_the_limit | nested | st.text(max_size=60)
mappings = st.dictionaries(
    st.sampled_from(["start", "deadline", "label", "kind", "x"]),
    st.none() | st.integers(-10, 10**6) | st.text(max_size=12) | st.dates() | st.sampled_from(["2024-02-30", "1/1/2024", "31/12/9999"]),
    max_size=4,
)
values = (
    texts
    | st.integers(-(10**20), 10**20)
    | st.integers(MIN_YEAR - 2, MAX_YEAR + 2)
    | st.dates()
    | st.datetimes()
    | mappings
    | st.floats(allow_nan=True)
    | st.booleans()
    | st.none()
    | st.lists(st.integers(), max_size=3)
    | st.binary(max_size=8)
)


def assert_window(window: Window) -> None:
    assert isinstance(window, Window)
    for day in (window.start, window.deadline):
        # a report due "ngày 1 tháng sau" of December 2100 falls in 2101: a year of slack each side
        assert day is None or (type(day) is date and MIN_YEAR - 1 <= day.year <= MAX_YEAR + 1), window
    if window.kind == "undated":
        assert window.start is None and window.deadline is None
    else:
        assert window.deadline is not None
        assert window.start is None or window.start <= window.deadline, window


def read(value: object, ctx: Context) -> tuple[Window, ...] | None:
    try:
        return read_when(value, ctx)  # type: ignore[arg-type]
    except DeadlineError as exc:
        assert str(exc)
        return None


@fuzz(300)
@given(values, contexts())
def test_read_when_raises_only_deadline_errors(value: object, ctx: Context) -> None:
    windows = read(value, ctx)
    if windows is not None:
        assert isinstance(windows, tuple)
        for window in windows:
            assert_window(window)


@fuzz(100)
@given(mutated_real(), contexts())
def test_dated_windows_come_sorted(text: str, ctx: Context) -> None:
    """Dated windows first, by deadline; then ongoing, then undated (read_when's contract)."""
    windows = read(text, ctx)
    if windows:
        kinds = [window.kind for window in windows]
        assert kinds == sorted(kinds, key=["dated", "ongoing", "undated"].index), kinds
        deadlines = [window.deadline for window in windows if window.kind == "dated"]
        assert deadlines == sorted(deadlines)  # type: ignore[type-var]


def test_the_real_texts_are_many() -> None:
    assert len(REAL) > 200 and len(WORDS) > 100
    assert isinstance(datetime.now(), date)
