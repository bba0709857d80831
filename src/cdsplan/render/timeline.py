"""The timeline picture of a plan: one row per task, a bar per task window, milestones as marks,
and a line on the day the picture is drawn for (Gantt-style, made with matplotlib).

matplotlib is imported only when a picture is drawn, with the Agg backend (no display needed),
so `cdsplan check` and the plain renderers never pay for it. Output is deterministic: the same
rows give the same bytes (no creation date, fixed SVG ids).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

# Colours per state, readable in black-and-white print too (different lightness).
COLOURS = {
    "done": "#2e7d32",
    "overdue": "#c62828",
    "due": "#ef6c00",
    "upcoming": "#5c85d6",
}
LABELS = {
    "done": "Đã xong",
    "overdue": "Quá hạn",
    "due": "Đến hạn trong 30 ngày",
    "upcoming": "Chưa đến hạn",
}
ROW_INCHES = 0.24
PNG_DPI = 150
LABEL_CHARS = 48


@dataclass(frozen=True, slots=True)
class Bar:
    start: dt.date | None  # None: the text gives no beginning (drawn from the plan's first day, lighter)
    deadline: dt.date
    state: str


@dataclass(frozen=True, slots=True)
class Mark:
    day: dt.date
    state: str


@dataclass(slots=True)
class Row:
    label: str  # "III.1.1 Xây dựng Thông điệp …"
    bars: list[Bar] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    begin: dt.date | None = None  # where a bar without a start begins (the plan's first day)


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """Month, quarter or year starts between first and last, with Vietnamese labels."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = 1 if months <= 18 else 3 if months <= 48 else 12
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


def draw(rows: Sequence[Row], *, as_of: dt.date, title: str | None = None, fmt: str = "svg", dpi: int = PNG_DPI) -> bytes:
    """The timeline as SVG or PNG bytes. rows are drawn top to bottom in the given order."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure  # no pyplot: no global state, no GUI

    days = [bar.deadline for row in rows for bar in row.bars]
    days += [bar.start for row in rows for bar in row.bars if bar.start]
    days += [row.begin for row in rows if row.begin and any(bar.start is None for bar in row.bars)]
    days += [mark.day for row in rows for mark in row.marks]
    days.append(as_of)
    first = min(days).replace(day=1)
    last_day = max(days)
    last = (last_day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)  # the next month's first day

    height = max(2.2, 1.3 + ROW_INCHES * max(len(rows), 1))
    with matplotlib.rc_context(
        {
            "svg.hashsalt": "cdsplan",
            "svg.fonttype": "none",
            "font.family": "DejaVu Sans",
            "font.size": 8,
        }
    ):
        fig = Figure(figsize=(11.0, height), layout="constrained")
        ax = fig.add_subplot()
        lefts, widths, ys, colours, alphas = [], [], [], [], []
        mark_x, mark_y, mark_c = [], [], []
        for y, row in enumerate(rows):
            for bar in row.bars:
                start = bar.start or row.begin or bar.deadline
                lefts.append(start.toordinal())
                widths.append(max((bar.deadline - start).days + 1, 2))
                ys.append(y)
                colours.append(COLOURS.get(bar.state, "#777777"))
                alphas.append(0.45 if bar.start is None else 0.9)
            for mark in row.marks:
                mark_x.append(mark.day.toordinal() + 0.5)
                mark_y.append(y)
                mark_c.append(COLOURS.get(mark.state, "#777777"))
        if lefts:
            # one call per opacity keeps the drawing fast for hundreds of rows
            for alpha in sorted(set(alphas)):
                chosen = [i for i, a in enumerate(alphas) if a == alpha]
                ax.barh(
                    [ys[i] for i in chosen],
                    [widths[i] for i in chosen],
                    left=[lefts[i] for i in chosen],
                    height=0.62,
                    color=[colours[i] for i in chosen],
                    alpha=alpha,
                    linewidth=0,
                )
        if mark_x:
            ax.scatter(mark_x, mark_y, marker="D", s=22, c=mark_c, edgecolors="black", linewidths=0.5, zorder=3)
        ax.axvline(as_of.toordinal() + 0.5, color="black", linewidth=1.0, linestyle="--", zorder=4)
        ax.text(
            as_of.toordinal() + 0.5,
            len(rows) - 0.45,
            f"{as_of:%d/%m/%Y}",
            ha="center",
            va="bottom",
            fontsize=7,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
            zorder=5,
        )
        ax.set_yticks(range(len(rows)), [_short(row.label) for row in rows])
        ax.set_ylim(len(rows) + 0.2, -0.6)
        ax.set_xlim(first.toordinal(), last.toordinal())
        ticks = _ticks(first, last - dt.timedelta(days=1))
        ax.set_xticks([day.toordinal() for day, _ in ticks], [label for _, label in ticks])
        ax.xaxis.tick_top()
        ax.tick_params(axis="y", length=0, labelsize=7)
        ax.tick_params(axis="x", labelsize=7)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        for spine in ("right", "bottom", "left"):
            ax.spines[spine].set_visible(False)
        if title:
            ax.set_title(_short(title, 110), fontsize=9, loc="left")
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        handles: list[Any] = [Patch(color=colour, label=LABELS[state]) for state, colour in COLOURS.items()]
        if any(a < 0.9 for a in alphas):
            handles.append(Patch(color="#777777", alpha=0.45, label="Không nêu ngày bắt đầu"))
        handles.append(Line2D([], [], marker="D", linestyle="none", color="#777777", markeredgecolor="black", label="Mốc"))
        handles.append(Line2D([], [], color="black", linestyle="--", label="Ngày xem"))
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, 0.0),
            ncol=len(handles),
            frameon=False,
            fontsize=7,
        )
        buffer = io.BytesIO()
        if fmt == "svg":
            fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "cdsplan"})
        else:
            fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": "cdsplan"})
    return buffer.getvalue()
