#!/usr/bin/env python3
"""Generate templates/letter.docx: a reminder letter (công văn đôn đốc) to one agency.

    python scripts/make_letter_template.py [OUTPUT]      (default: templates/letter.docx)

The layout of a công văn (Nghị định 30/2020, Phụ lục I; mẫu 1.4 of Phụ lục III): the header
block with the number and symbol and, under them, the trích yếu "V/v đôn đốc …"; "Kính gửi:";
the body — what the agency has overdue, due and under way, one table per group (TT | Nhiệm vụ |
Thời hạn | Tình hình | Đã báo cáo) — and the day by which to report back; Nơi nhận ("- Như
trên;") and the signature block. The page, the styles and the shared parts are plan.docx's
(make_docx_template.py); the columns are the report's (cdsplan.render.report.ITEM_COLUMNS_CM).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_docx_template as base
from cdsplan.render.report import ITEM_COLUMNS_CM
from make_report_template import table

DEFAULT_OUTPUT = base.ROOT / "templates" / "letter.docx"


def build(output: Path) -> None:
    document = base.new_document("Công văn", "Mẫu công văn đôn đốc (cdsplan)")
    base.header_block(document, "letter.header", subject=True)
    document.add_paragraph("{{ letter.addressee }}", style="Kính gửi")
    document.add_paragraph("{{ letter.opening }}", style="Normal")
    base.tag(document, "{%p for g in letter.groups %}")
    paragraph = document.add_paragraph(style="Normal")
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.space_before = base.Pt(6)
    paragraph.add_run("{{ g.heading }}").bold = True
    text, centre = "Bảng - nội dung", "Bảng - giữa"
    table(
        document,
        ITEM_COLUMNS_CM,
        ("TT", "Nhiệm vụ", "Thời hạn", "Tình hình", "Đã báo cáo"),
        "r in g.rows",
        [
            ("{{ r.number }}", centre),
            ("{{ r.text }}", text),
            ("{{ r.deadline_text }}", centre),
            ("{{ r.standing }}", centre),
            ("{{ r.reported }}", text),
        ],
    )
    base.tag(document, "{%p endfor %}")
    request = document.add_paragraph("{{ letter.request }}", style="Normal")
    request.paragraph_format.keep_with_next = True  # the signature never stands alone on the last page
    base.closing_block(document, "letter.closing", addressed="- Như trên;")
    base.save(document, output)


def main(argv: list[str]) -> int:
    return base.write_template(build, argv, DEFAULT_OUTPUT)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
