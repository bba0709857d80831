#!/usr/bin/env python3
"""Generate templates/report.docx: the progress report (BÁO CÁO tình hình thực hiện …).

    python scripts/make_report_template.py [OUTPUT]      (default: templates/report.docx)

The page, the styles, the header block and the closing are plan.docx's (make_docx_template.py):
Nghị định 30/2020, Phụ lục I. The body: I. the counts by state and the bar chart per agency;
II. a table of the counts per agency, then per agency a table of what is overdue, due and in
progress; III. the items reported in progress with their notes and evidence; IV. the targets,
planned against achieved; V. the timelines. Column widths come from cdsplan.render.report, which
measures the cells' text against them. Restyle it in Word or LibreOffice (docs/render.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

import make_docx_template as base
from cdsplan.render.report import (
    AGENCY_COLUMNS_CM,
    CELL_MARGIN_CM,
    COUNT_COLUMNS_CM,
    ITEM_COLUMNS_CM,
    PROGRESS_COLUMNS_CM,
    TARGET_COLUMNS_CM,
)

DEFAULT_OUTPUT = base.ROOT / "templates" / "report.docx"


def table(document, columns, headers, loop: str, cells, *, total: list[str] | None = None) -> None:
    """A ruled table: a header row that repeats on every page, one row per item of loop
    ("c in report.counts"), and a last row of totals when given. cells: (text, style) per column."""
    grid = base.fixed_table(document, 1, columns, borders=True)
    base.cell_margins(grid, CELL_MARGIN_CM)
    head = grid.rows[0]
    base.row_flags(head, header=True)
    for cell, text in zip(head.cells, headers, strict=True):
        base.cell_paragraph(cell, text, "Bảng - tiêu đề", first=True)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    base.tag_row(grid, f"{{%tr for {loop} %}}")
    row = grid.add_row()
    base.row_flags(row, cant_split=False)  # a long item goes on over the page rather than leave one half empty
    for cell, (text, style) in zip(row.cells, cells, strict=True):
        paragraph = base.cell_paragraph(cell, text, style, first=True)
        if style == "Bảng - nội dung":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    base.tag_row(grid, "{%tr endfor %}")
    if total:
        row = grid.add_row()
        base.row_flags(row)
        for cell, text in zip(row.cells, total, strict=True):
            base.cell_paragraph(cell, text, "Bảng - tiêu đề", first=True)


def build(output: Path) -> None:
    document = base.new_document("Báo cáo", "Mẫu báo cáo tình hình thực hiện (cdsplan)")
    text, centre = "Bảng - nội dung", "Bảng - giữa"
    base.header_block(document, "report.header")
    base.title_block(document, "report")

    document.add_paragraph("I. TÌNH HÌNH CHUNG", style="Heading 1")
    document.add_paragraph("{{ report.intro }}", style="Normal")
    table(
        document,
        COUNT_COLUMNS_CM,
        ("Trạng thái", "Số lượt"),
        "c in report.counts",
        [("{{ c.label }}", text), ("{{ c.count }}", centre)],
        total=["Tổng cộng", "{{ report.total }}"],
    )
    base.tag(document, "{%p if report.chart %}")
    document.add_paragraph("{{ report.chart }}", style="Hình")
    base.tag(document, "{%p if report.chart_note %}")
    document.add_paragraph("{{ report.chart_note }}", style="Chú thích hình")
    base.tag(document, "{%p endif %}")
    base.tag(document, "{%p endif %}")

    document.add_paragraph("II. TÌNH HÌNH THEO ĐƠN VỊ", style="Heading 1")
    buckets = ("overdue", "due", "in_progress", "upcoming", "ongoing", "done")
    table(
        document,
        AGENCY_COLUMNS_CM,
        ("Đơn vị", "Quá hạn", "Đến hạn", "Đang thực hiện", "Chưa đến hạn", "Thường xuyên", "Đã hoàn thành", "Tổng"),
        "a in report.agencies",
        [("{{ a.name }}", text), *((f"{{{{ a.{name} }}}}", centre) for name in buckets), ("{{ a.total }}", centre)],
        total=["Tổng cộng", *(f"{{{{ report.totals.{name} }}}}" for name in buckets), "{{ report.total }}"],
    )
    base.tag(document, "{%p for s in report.sections %}")
    base.tag(document, "{%p if s.rows %}")
    document.add_paragraph("{{ s.number }}. {{ s.heading }}", style="Heading 2")
    table(
        document,
        ITEM_COLUMNS_CM,
        ("TT", "Nhiệm vụ", "Thời hạn", "Tình hình", "Đã báo cáo"),
        "r in s.rows",
        [
            ("{{ r.number }}", centre),
            ("{{ r.text }}", text),
            ("{{ r.deadline_text }}", centre),
            ("{{ r.standing }}", centre),
            ("{{ r.reported }}", text),
        ],
    )
    base.tag(document, "{%p endif %}")
    base.tag(document, "{%p endfor %}")

    document.add_paragraph("III. NHIỆM VỤ ĐANG THỰC HIỆN", style="Heading 1")
    base.tag(document, "{%p if report.in_progress %}")
    table(
        document,
        PROGRESS_COLUMNS_CM,
        ("Nhiệm vụ", "Đơn vị", "Ngày báo cáo", "Nội dung báo cáo"),
        "i in report.in_progress",
        [("{{ i.title }}", text), ("{{ i.holder }}", text), ("{{ i.on_text }}", centre), ("{{ i.report }}", text)],
    )
    base.tag(document, "{%p else %}")
    document.add_paragraph("Chưa có đơn vị báo cáo nhiệm vụ đang thực hiện trong kỳ.", style="Normal")
    base.tag(document, "{%p endif %}")

    document.add_paragraph("IV. CHỈ TIÊU", style="Heading 1")
    base.tag(document, "{%p if report.targets %}")
    table(
        document,
        TARGET_COLUMNS_CM,
        ("Chỉ tiêu", "Đơn vị", "Kế hoạch", "Đạt được", "Đánh giá"),
        "t in report.targets",
        [
            ("{{ t.text }}", text),
            ("{{ t.holder }}", text),
            ("{{ t.planned }}", centre),
            ("{{ t.achieved }}", centre),
            ("{{ t.met }}", centre),
        ],
    )
    base.tag(document, "{%p else %}")
    document.add_paragraph("Kỳ báo cáo không có chỉ tiêu.", style="Normal")
    base.tag(document, "{%p endif %}")

    base.tag(document, "{%p if report.timelines %}")
    document.add_paragraph("V. TIẾN ĐỘ THỰC HIỆN", style="Heading 1")
    base.tag(document, "{%p if report.timeline_note %}")
    document.add_paragraph("{{ report.timeline_note }}", style="Normal")
    base.tag(document, "{%p endif %}")
    base.tag(document, "{%p for t in report.timelines %}")
    document.add_paragraph("{{ t.picture }}", style="Hình")
    base.tag(document, "{%p if t.caption %}")
    document.add_paragraph("{{ t.caption }}", style="Chú thích hình")
    base.tag(document, "{%p endif %}")
    base.tag(document, "{%p endfor %}")
    base.tag(document, "{%p endif %}")

    base.closing_block(document, "report.closing")
    base.save(document, output)


def main(argv: list[str]) -> int:
    return base.write_template(build, argv, DEFAULT_OUTPUT)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
