"""Pictures for the progress report, drawn with matplotlib only when a template uses them.

    bars(rows, title)          one horizontal bar per agency: overdue | due | in progress | done
    timeline(rows, title)      one row per item, a bar over its window, milestones as diamonds

Both are sized to be read on an A4 page: at most `MAX_BARS` bars and `MAX_ROWS` timeline rows,
labels that name the agency and the item on up to two lines, never taller than a page. What
does not fit is said in the picture's caption, never drawn too small to read.

matplotlib is imported only when a picture is drawn, with the Agg backend (no display needed),
so `cdsplan check` and the plain renderers never pay for it. Output is deterministic: the same
rows give the same bytes (no creation date, fixed SVG ids).
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import CdsplanError
from .words import BUCKET_WORDS

# Colours per bucket (schedule.summary.BUCKETS), apart in lightness for black-and-white print.
COLOURS = {
    "overdue": "#c62828",
    "due": "#ef6c00",
    "in_progress": "#1e88e5",
    "upcoming": "#90a4ae",
    "ongoing": "#b39ddb",
    "done": "#2e7d32",
}
BAR_BUCKETS = ("overdue", "due", "in_progress", "done")  # the bar chart: what a leader asks first
PNG_DPI = 150
PAGE_INCHES = (6.4, 9.0)  # the text area of an A4 page, less room for a caption
ROW_INCHES = 0.22  # one line of 7 pt labels and a bar: readable in print
MAX_BARS = int((PAGE_INCHES[1] - 1.2) / ROW_INCHES)  # 35
MAX_ROWS = int((PAGE_INCHES[1] - 1.4) / (ROW_INCHES * 1.45))  # two-line labels: 23
LABEL_CHARS = 46  # per line of a label, at 7 pt in the left third of the page


class Gallery:
    """The pictures of one rendering and where they go: the renderer sets `sink` (an image in a
    Word document, a file or a data: URI in Markdown) before a template runs."""

    def __init__(self) -> None:
        self.sink: Callable[[Picture], str] | None = None

    def picture(self, name: str, draw: Callable[[str], bytes]) -> Picture:
        return Picture(self, name, draw)


class Picture:
    """A picture drawn on first use: `{{ picture }}` in a template places it (see Gallery)."""

    def __init__(self, gallery: Gallery, name: str, draw: Callable[[str], bytes]) -> None:
        self._gallery = gallery
        self._draw = draw
        self._cache: dict[str, bytes] = {}
        self.name = name  # a Markdown output's picture is written beside it as <output>.<name>.svg

    def data(self, fmt: str) -> bytes:
        if fmt not in self._cache:
            self._cache[fmt] = self._draw(fmt)
        return self._cache[fmt]

    def __bool__(self) -> bool:
        return True

    def __html__(self) -> str:
        if self._gallery.sink is None:
            raise CdsplanError("the picture cannot be placed in this template")
        return self._gallery.sink(self)

    def __str__(self) -> str:
        return self.__html__()


@dataclass(frozen=True, slots=True)
class BarRow:
    label: str
    counts: dict[str, int]  # bucket -> count


@dataclass(frozen=True, slots=True)
class Bar:
    start: dt.date | None  # None: the text gives no beginning (drawn from the row's begin, lighter)
    deadline: dt.date
    bucket: str


@dataclass(frozen=True, slots=True)
class Mark:
    day: dt.date
    bucket: str


@dataclass(slots=True)
class Row:
    label: str  # "Tỉnh An Giang — IV.0 Ban chỉ đạo chuyển đổi số …"
    bars: list[Bar] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    begin: dt.date | None = None  # where a bar without a start begins (its plan's first day)


def wrap(text: str, width: int = LABEL_CHARS, lines: int = 2) -> str:
    """text on at most `lines` lines of about width characters, the rest cut with '…'."""
    text = " ".join(text.split())
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return "\n".join(wrapped)


def _figure(height: float) -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure  # no pyplot: no global state, no GUI

    return Figure(figsize=(PAGE_INCHES[0], min(height, PAGE_INCHES[1])), layout="constrained")


def _save(fig: Any, fmt: str, dpi: int) -> bytes:
    buffer = io.BytesIO()
    if fmt == "svg":
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "cdsplan"})
    else:
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": "cdsplan"})
    return buffer.getvalue()


def _style() -> Any:
    import matplotlib

    return matplotlib.rc_context({"svg.hashsalt": "cdsplan", "svg.fonttype": "none", "font.family": "DejaVu Sans", "font.size": 8})


def bars(rows: Sequence[BarRow], *, title: str = "", fmt: str = "svg", dpi: int = PNG_DPI) -> bytes:
    """Stacked horizontal bars, one per row (at most MAX_BARS: the caller sums the rest into one
    row), top to bottom in the given order, each segment labelled with its count."""
    rows = list(rows)[:MAX_BARS]
    with _style():
        fig = _figure(1.3 + ROW_INCHES * max(len(rows), 1))
        ax = fig.add_subplot()
        lefts = [0] * len(rows)
        widest = max((sum(row.counts.get(b, 0) for b in BAR_BUCKETS) for row in rows), default=0)
        for bucket in BAR_BUCKETS:
            values = [row.counts.get(bucket, 0) for row in rows]
            ax.barh(range(len(rows)), values, left=lefts, height=0.7, color=COLOURS[bucket], label=BUCKET_WORDS[bucket], linewidth=0)
            for y, (left, value) in enumerate(zip(lefts, values, strict=True)):
                if value and value >= widest * 0.04:  # a count is written where it fits in its segment
                    ax.text(left + value / 2, y, str(value), ha="center", va="center", fontsize=6.5, color="white")
            lefts = [left + value for left, value in zip(lefts, values, strict=True)]
        ax.set_yticks(range(len(rows)), [wrap(row.label, 40, 1) for row in rows])
        ax.set_ylim(len(rows) - 0.4, -0.6)
        ax.tick_params(axis="y", length=0, labelsize=7)
        ax.tick_params(axis="x", labelsize=7)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        for spine in ("right", "top", "left"):
            ax.spines[spine].set_visible(False)
        if title:  # over the whole figure, from its left edge: the labels take the left of the axes
            fig.suptitle(wrap(title, 90, 2), x=0.01, ha="left", fontsize=8.5)
        fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncol=len(BAR_BUCKETS), frameon=False, fontsize=7)
        return _save(fig, fmt, dpi)


def _ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """Month, quarter or year starts between first and last, with Vietnamese labels."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = 1 if months <= 14 else 3 if months <= 40 else 12
    ticks: list[tuple[dt.date, str]] = []
    year, month = first.year, first.month
    month = month - (month - 1) % step
    while (year, month) <= (last.year, last.month):
        day = dt.date(year, month, 1)
        if step == 12:
            label = str(year)
        elif step == 3:
            label = f"Q{(month - 1) // 3 + 1}/{year % 100:02d}"
        else:
            label = f"T{month}/{year % 100:02d}" if month == 1 or not ticks else f"T{month}"
        ticks.append((day, label))
        month += step
        if month > 12:
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return ticks


def timeline(rows: Sequence[Row], *, as_of: dt.date, title: str = "", fmt: str = "svg", dpi: int = PNG_DPI) -> bytes:
    """A Gantt chart of at most MAX_ROWS rows (the caller picks them), top to bottom in order,
    with a dashed line on the day the report is for."""
    rows = list(rows)[:MAX_ROWS]
    days = [bar.deadline for row in rows for bar in row.bars] + [bar.start for row in rows for bar in row.bars if bar.start]
    days += [row.begin for row in rows if row.begin and any(bar.start is None for bar in row.bars)]
    days += [mark.day for row in rows for mark in row.marks]
    days.append(as_of)
    first = min(days).replace(day=1)
    last = (max(days).replace(day=28) + dt.timedelta(days=4)).replace(day=1)  # the next month's first day
    with _style():
        fig = _figure(1.4 + ROW_INCHES * 1.45 * max(len(rows), 1))
        ax = fig.add_subplot()
        for y, row in enumerate(rows):
            for bar in row.bars:
                start = bar.start or row.begin or bar.deadline
                ax.barh(
                    y,
                    max((bar.deadline - start).days + 1, 2),
                    left=start.toordinal(),
                    height=0.6,
                    color=COLOURS.get(bar.bucket, "#777777"),
                    alpha=0.45 if bar.start is None else 0.9,
                    linewidth=0,
                )
            if row.marks:
                ax.scatter(
                    [mark.day.toordinal() + 0.5 for mark in row.marks],
                    [y] * len(row.marks),
                    marker="D",
                    s=18,
                    c=[COLOURS.get(mark.bucket, "#777777") for mark in row.marks],
                    edgecolors="black",
                    linewidths=0.5,
                    zorder=3,
                )
        ax.axvline(as_of.toordinal() + 0.5, color="black", linewidth=1.0, linestyle="--", zorder=4)
        ax.set_yticks(range(len(rows)), [wrap(row.label) for row in rows])
        ax.set_ylim(len(rows) - 0.4, -0.6)
        ax.set_xlim(first.toordinal(), last.toordinal())
        ticks = _ticks(first, last - dt.timedelta(days=1))
        ax.set_xticks([day.toordinal() for day, _ in ticks], [label for _, label in ticks])
        ax.xaxis.tick_top()
        ax.tick_params(axis="y", length=0, labelsize=6.5)
        ax.tick_params(axis="x", labelsize=7)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        for spine in ("right", "bottom", "left"):
            ax.spines[spine].set_visible(False)
        if title:  # over the whole figure, from its left edge: the labels take the left of the axes
            fig.suptitle(wrap(title, 90, 2), x=0.01, ha="left", fontsize=8.5)
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        used = [bucket for bucket in COLOURS if any(bar.bucket == bucket for row in rows for bar in row.bars)]
        handles: list[Any] = [Patch(color=COLOURS[bucket], label=BUCKET_WORDS[bucket]) for bucket in used]
        handles.append(Line2D([], [], marker="D", linestyle="none", color="#777777", markeredgecolor="black", label="Mốc"))
        handles.append(Line2D([], [], color="black", linestyle="--", label=f"Ngày {as_of:%d/%m/%Y}"))
        fig.legend(handles=handles, loc="outside lower center", ncol=min(len(handles), 4), frameon=False, fontsize=7)
        return _save(fig, fmt, dpi)
