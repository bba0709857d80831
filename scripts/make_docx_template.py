#!/usr/bin/env python3
"""Generate templates/plan.docx: a plan as it was issued, as a Word document (docxtpl template).

    python scripts/make_docx_template.py [OUTPUT]      (default: templates/plan.docx)

A plan is printed as its parts, each from a new page: the Quyết định (header block, number,
place and date, QUYẾT ĐỊNH and its trích yếu, the issuer's title, căn cứ, "QUYẾT ĐỊNH:",
Điều 1…n, Nơi nhận and signature), then the KẾ HOẠCH "(Ban hành kèm theo Quyết định số …)",
then each PHỤ LỤC with its attachment line (landscape when its table is wide). A Kế hoạch
issued on its own has its own header, number and signature.

The layout follows Nghị định 30/2020/NĐ-CP, Phụ lục I (thể thức văn bản hành chính): A4;
margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; body 14 pt,
justified, first line indented 1.27 cm, 6 pt between paragraphs, line spacing 1.15; the
borderless two-column header (issuing agency | quốc hiệu and tiêu ngữ, each with a short rule
under it; number and symbol | place and date in italics); page numbers centred in the top
margin, none on the first page of each part; a task table whose header row repeats on every
page; "Nơi nhận" and the signature block.

The lines of the agency name and of the title, and the rules under them, are measured by
cdsplan when it renders (cdsplan.render.layout): the template holds `{{p … }}` tags where a
measured rule goes. Everything an office may want to change is a named Word style ("Cơ quan
ban hành", "Quốc hiệu", "Bảng - nội dung", "Heading 1", …) so that the document can be
restyled in Word or LibreOffice without touching code (see docs/render.md). The Jinja tags
({{ … }}, {%p … %}, {%tr … %}) are plain text in the document; docxtpl runs them.

Needs python-docx and cdsplan (for the measured tiêu ngữ rule). Run it again after changing
it; commit both files. scripts/make_report_template.py and make_letter_template.py build the
report and the letters from the same parts.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from cdsplan.typography import text_width

FONT = "Times New Roman"
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "templates" / "plan.docx"

# A4, margins (Nghị định 30/2020: top/bottom 20-25 mm, left 30-35 mm, right 15-20 mm)
PAGE = {"width": Mm(210), "height": Mm(297), "top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
TEXT_WIDTH_CM = 16.5
HEADER_COLUMNS_CM = (7.6, 9.6)  # agency | quốc hiệu; 17.2 cm: 0.35 cm into each side margin, as offices do,
# so that "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (12 pt) keeps to one line inside the margins
TASK_COLUMNS_CM = (1.5, 6.5, 3.1, 2.8, 2.6)  # TT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian
TASK_HEADERS = ("TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện")
CLOSING_COLUMNS_CM = (8.0, 8.5)
TASK_CELL_MARGIN_CM = 0.12  # "XIII.1" keeps to one line in the TT column
HEADER_CELL_MARGIN_CM = 0.05  # the header block uses nearly the whole width of its columns
MOTTO = "Độc lập - Tự do - Hạnh phúc"
MOTTO_RULE_CM = text_width(MOTTO, 13, bold=True) * 2.54 / 72  # as long as its line (Nghị định 30)


# --------------------------------------------------------------------------- styles


def set_fonts(rpr_parent, size: float | None = None, *, bold=None, italic=None, caps=None) -> None:
    """Times New Roman for every script on a style's (or docDefaults') run properties."""
    rpr = rpr_parent.get_or_add_rPr() if hasattr(rpr_parent, "get_or_add_rPr") else rpr_parent
    for child in list(rpr):
        if child.tag in (
            qn("w:rFonts"),
            qn("w:color"),
            qn("w:sz"),
            qn("w:szCs"),
            qn("w:b"),
            qn("w:bCs"),
            qn("w:i"),
            qn("w:iCs"),
            qn("w:caps"),
        ):
            rpr.remove(child)
    fonts = OxmlElement("w:rFonts")
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(key), FONT)
    rpr.insert(0, fonts)
    for tag, value in (("w:b", bold), ("w:bCs", bold), ("w:i", italic), ("w:iCs", italic), ("w:caps", caps)):
        if value is not None:
            element = OxmlElement(tag)
            if not value:
                element.set(qn("w:val"), "0")
            rpr.append(element)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            element = OxmlElement(tag)
            element.set(qn("w:val"), str(int(size * 2)))
            rpr.append(element)
    order = {qn(f"w:{name}"): index for index, name in enumerate(RPR_ORDER)}
    for child in sorted(rpr, key=lambda element: order.get(element.tag, len(order))):
        rpr.append(child)  # moves it: the schema wants run properties in this order


RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]


def paragraph_style(
    document,
    name: str,
    style_id: str,
    *,
    size: float,
    base: str = "Normal",
    bold=None,
    italic=None,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    indent: float | None = 0.0,
    before: float = 0,
    after: float = 0,
    line: float | None = 1.0,
    keep_next: bool = False,
    next_style: str | None = None,
):
    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), style_id)
    style.base_style = styles[base] if base else None
    style.quick_style = True
    for child in list(style.element):
        if child.tag in (qn("w:pPr"), qn("w:rPr")):
            style.element.remove(child)
    set_fonts(style.element, size, bold=bold, italic=italic)
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Cm(indent) if indent is not None else None
    fmt.left_indent = Cm(0)
    fmt.right_indent = Cm(0)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
        fmt.line_spacing = line
    fmt.keep_with_next = keep_next
    fmt.widow_control = True
    if next_style:
        style.next_paragraph_style = styles[next_style]
    return style


def make_styles(document) -> None:
    styles = document.styles
    # document defaults: Times New Roman, Vietnamese for spelling, 14 pt
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, 14)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)

    # body text: 14 pt, justified, first line 1.27 cm, 6 pt after, line spacing 1.15
    normal = styles["Normal"]
    for child in list(normal.element):
        if child.tag in (qn("w:pPr"), qn("w:rPr")):
            normal.element.remove(child)
    set_fonts(normal.element, 14)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(1.27)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(6)
    fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    fmt.line_spacing = 1.15
    fmt.widow_control = True

    # the document's own numbered parts: I. (Heading 1), 1. (Heading 2), a) / deeper (Heading 3)
    for level, italic in ((1, False), (2, False), (3, True)):
        paragraph_style(
            document,
            f"Heading {level}",
            f"Heading{level}",
            size=14,
            bold=True,
            italic=italic,
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
            indent=1.27,
            before=6,
            after=6,
            line=1.15,
            keep_next=True,
            next_style="Normal",
        )
        style = styles[f"Heading {level}"]
        ppr = style.element.get_or_add_pPr()
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(level - 1))
        ppr.append(outline)

    # header block (Nghị định 30/2020, Phụ lục I, mục II)
    paragraph_style(document, "Cơ quan chủ quản", "CdsParentAgency", size=12, bold=False)
    paragraph_style(document, "Cơ quan ban hành", "CdsAgency", size=12, bold=True)
    paragraph_style(document, "Quốc hiệu", "CdsNationalTitle", size=12, bold=True)
    paragraph_style(document, "Tiêu ngữ", "CdsMotto", size=13, bold=True)
    paragraph_style(document, "Số, ký hiệu", "CdsNumber", size=13, before=6)
    paragraph_style(document, "Địa danh, ngày tháng", "CdsPlaceDate", size=14, italic=True, before=6)
    rule = paragraph_style(document, "Đường kẻ", "CdsRule", size=2, line=1.0, before=3)
    add_border(rule.element.get_or_add_pPr(), "top")
    # title block
    paragraph_style(document, "Tên loại văn bản", "CdsDocumentKind", size=14, bold=True, before=18, keep_next=True)
    paragraph_style(document, "Trích yếu", "CdsTitle", size=14, bold=True, keep_next=True)
    paragraph_style(document, "Ban hành kèm theo", "CdsIssuedWith", size=14, italic=True, keep_next=True)
    paragraph_style(document, "Ghi chú nguồn", "CdsSourceNote", size=12, italic=True, after=6)
    # a decision: the issuer's title, căn cứ, "QUYẾT ĐỊNH:", the articles
    paragraph_style(document, "Thẩm quyền ban hành", "CdsAuthority", size=14, bold=True, before=12, after=12, keep_next=True)
    paragraph_style(document, "Căn cứ", "CdsBasis", size=14, italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=1.27, after=6, line=1.15)
    paragraph_style(document, "Quyết định", "CdsDecides", size=14, bold=True, before=6, after=6, keep_next=True)
    paragraph_style(document, "Điều", "CdsArticle", size=14, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=1.27, after=6, line=1.15)
    # pictures (the report's charts) and their captions
    paragraph_style(document, "Hình", "CdsFigure", size=12, before=6, after=3, keep_next=True)
    paragraph_style(document, "Chú thích hình", "CdsCaption", size=12, italic=True, after=6)
    # a công văn: the trích yếu under the number ("V/v …"), Kính gửi
    paragraph_style(document, "Trích yếu công văn", "CdsLetterSubject", size=13, before=3)
    paragraph_style(document, "Kính gửi", "CdsAddressee", size=14, before=12, after=12)
    # tables
    paragraph_style(document, "Bảng - tiêu đề", "CdsTableHeading", size=12, bold=True, before=3, after=3)
    paragraph_style(
        document, "Bảng - nhóm", "CdsTableGroup", size=12, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=3, after=3, keep_next=True
    )
    paragraph_style(document, "Bảng - nội dung", "CdsTableText", size=12, align=WD_ALIGN_PARAGRAPH.JUSTIFY, before=3, after=3)
    paragraph_style(document, "Bảng - giữa", "CdsTableCentre", size=12, before=3, after=3)
    paragraph_style(document, "Bảng - mốc", "CdsTableMilestone", size=11, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=3)
    # closing: nơi nhận, signature
    paragraph_style(
        document, "Nơi nhận - tiêu đề", "CdsRecipientsHeading", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=6
    )
    paragraph_style(document, "Nơi nhận", "CdsRecipients", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    paragraph_style(document, "Chức vụ người ký", "CdsSignerTitle", size=14, bold=True, before=6)
    paragraph_style(document, "Người ký", "CdsSigner", size=14, bold=True, before=72)
    paragraph_style(document, "Header", "Header", size=13, bold=False)
    paragraph_style(document, "Thẻ mẫu", "CdsTag", size=8, align=WD_ALIGN_PARAGRAPH.LEFT)


def add_border(ppr, side: str, size: int = 6) -> None:
    """A paragraph border (the short rules of the header block)."""
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # pBdr comes before spacing/ind/jc in CT_PPr's sequence
        anchor = None
        for tag in ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc"):
            anchor = ppr.find(qn(tag))
            if anchor is not None:
                break
        if anchor is not None:
            anchor.addprevious(borders)
        else:
            ppr.append(borders)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), "000000")
    borders.append(line)


# --------------------------------------------------------------------------- tables


def table_borders(table, value: str) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), value)
        if value != "nil":
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    existing = tbl_pr.find(qn("w:tblBorders"))
    if existing is not None:
        tbl_pr.remove(existing)
    # CT_TblPr sequence: … tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout, tblCellMar, tblLook
    after = None
    for tag in (
        "w:tblInd",
        "w:tblCellSpacing",
        "w:jc",
        "w:tblW",
        "w:bidiVisual",
        "w:tblStyleColBandSize",
        "w:tblStyleRowBandSize",
        "w:tblpPr",
        "w:tblOverlap",
        "w:tblStyle",
    ):
        after = tbl_pr.find(qn(tag))
        if after is not None:
            break
    if after is not None:
        after.addnext(borders)
    else:
        tbl_pr.insert(0, borders)


def cell_margins(table, left_right_cm: float) -> None:
    """The table's default left and right cell margins."""
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(int(left_right_cm / 2.54 * 1440)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


def fixed_table(document, rows: int, widths_cm, *, borders: bool):
    table = document.add_table(rows=rows, cols=len(widths_cm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.append(width)
    width.set(qn("w:w"), str(int(sum(widths_cm) / 2.54 * 1440)))
    width.set(qn("w:type"), "dxa")
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        tbl_pr.append(layout)
    layout.set(qn("w:type"), "fixed")
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        tbl_pr.remove(look)
    table_borders(table, "single" if borders else "nil")
    for index, column in enumerate(table.columns):
        column.width = Cm(widths_cm[index])
        for cell in column.cells:
            cell.width = Cm(widths_cm[index])
    return table


def row_flags(row, *, header: bool = False, cant_split: bool = True) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    if cant_split:
        tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))  # repeats on every page


def cell_paragraph(cell, text: str, style: str, *, first: bool = False):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.style = style
    if text:
        paragraph.add_run(text)
    return paragraph


def tag_row(table, tag: str) -> None:
    """A row holding only a docxtpl {%tr … %} tag: docxtpl replaces the whole row with the tag."""
    row = table.add_row()
    cell_paragraph(row.cells[0], tag, "Thẻ mẫu", first=True)


def rule(cell_or_document, length_cm: float, width_cm: float):
    """An empty paragraph whose top border is a centred rule length_cm long."""
    paragraph = cell_or_document.add_paragraph()
    paragraph.style = "Đường kẻ"
    side = max((width_cm - length_cm) / 2, 0)
    paragraph.paragraph_format.left_indent = Cm(side)
    paragraph.paragraph_format.right_indent = Cm(side)
    return paragraph


def measured_rule(cell_or_document, value: str, width_cm: float):
    """Where cdsplan puts a rule it measures (`{{p value }}` replaces the paragraph): shown in
    the template as a rule of the style, a third of the column long, with the tag on it."""
    paragraph = rule(cell_or_document, width_cm / 3, width_cm)
    paragraph.add_run("{{p " + value + " }}").font.size = Pt(8)
    return paragraph


def tag(document_or_cell, text: str):
    paragraph = document_or_cell.add_paragraph()
    paragraph.style = "Thẻ mẫu"
    paragraph.add_run(text)
    return paragraph


# --------------------------------------------------------------------------- page set-up


def page_number_field(paragraph) -> None:
    """A PAGE field: Word and LibreOffice fill in the page number."""

    def run_with(element):
        run = paragraph.add_run()
        run._r.append(element)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run_with(instruction)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run("2")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def page_setup(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE["width"], PAGE["height"]
    section.top_margin, section.bottom_margin = PAGE["top"], PAGE["bottom"]
    section.left_margin, section.right_margin = PAGE["left"], PAGE["right"]
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    section.gutter = Mm(0)
    section.different_first_page_header_footer = True  # no page number on page 1
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.style = "Header"
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_number_field(paragraph)
    first = section.first_page_header
    first.is_linked_to_previous = False
    first.paragraphs[0].style = "Header"
    for footer in (section.footer, section.first_page_footer):
        footer.is_linked_to_previous = False
    sect_pr = section._sectPr
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")  # each part (decision, plan, appendix) is numbered from 1
    anchor = next(
        (
            e
            for e in (sect_pr.find(qn(t)) for t in ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:docGrid"))
            if e is not None
        ),
        None,
    )
    if anchor is not None:
        anchor.addprevious(numbering)
    else:
        sect_pr.append(numbering)


def section_break(document, *, landscape: bool = False):
    """A paragraph that ends a section: the part before it is a section of its own (a new page
    after it, page numbers from 1, none on its first page), portrait or landscape. cdsplan
    moves the last one into the document's own section properties (no empty page at the end)."""
    paragraph = document.add_paragraph()
    paragraph.style = "Thẻ mẫu"
    sect_pr = copy.deepcopy(document.element.body.sectPr)  # the page set-up's (sections[0] may be a break's by now)
    if landscape:
        size = sect_pr.find(qn("w:pgSz"))
        width, height = size.get(qn("w:w")), size.get(qn("w:h"))
        size.set(qn("w:w"), height)
        size.set(qn("w:h"), width)
        size.set(qn("w:orient"), "landscape")
    paragraph._p.get_or_add_pPr().append(sect_pr)
    return paragraph


# --------------------------------------------------------------------------- the parts of a document


def header_block(document, value: str, *, subject: bool = False) -> None:
    """The header table of Nghị định 30 from the context's header dict `value`: agency lines
    (parent, agency, measured rule) | quốc hiệu, tiêu ngữ, rule; number | place and date; with
    subject, the công văn's "V/v …" under the number."""
    left, right = HEADER_COLUMNS_CM
    table = fixed_table(document, 2, HEADER_COLUMNS_CM, borders=False)
    agency, nation = table.cell(0, 0), table.cell(0, 1)
    cell_paragraph(agency, f"{{%p if {value}.parent %}}", "Thẻ mẫu", first=True)
    cell_paragraph(agency, f"{{{{ {value}.parent }}}}", "Cơ quan chủ quản")
    cell_paragraph(agency, "{%p endif %}", "Thẻ mẫu")
    cell_paragraph(agency, f"{{{{ {value}.agency }}}}", "Cơ quan ban hành")
    measured_rule(agency, f"{value}.agency_rule", left - 2 * HEADER_CELL_MARGIN_CM)
    cell_paragraph(nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Quốc hiệu", first=True)
    cell_paragraph(nation, MOTTO, "Tiêu ngữ")
    rule(nation, MOTTO_RULE_CM, right - 2 * HEADER_CELL_MARGIN_CM)
    number = table.cell(1, 0)
    cell_paragraph(number, f"{{{{ {value}.number }}}}", "Số, ký hiệu", first=True)
    if subject:
        cell_paragraph(number, f"{{%p if {value}.subject %}}", "Thẻ mẫu")
        cell_paragraph(number, f"{{{{ {value}.subject }}}}", "Trích yếu công văn")
        cell_paragraph(number, "{%p endif %}", "Thẻ mẫu")
    cell_paragraph(table.cell(1, 1), f"{{{{ {value}.place_date }}}}", "Địa danh, ngày tháng", first=True)
    cell_margins(table, HEADER_CELL_MARGIN_CM)
    for row in table.rows:
        row_flags(row)
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP


def title_block(document, value: str) -> None:
    """The kind of document, its trích yếu, the attachment line and the measured rule."""
    document.add_paragraph(f"{{{{ {value}.heading }}}}", style="Tên loại văn bản")
    document.add_paragraph(f"{{{{ {value}.title }}}}", style="Trích yếu")
    tag(document, f"{{%p if {value}.attached %}}")
    document.add_paragraph(f"{{{{ {value}.attached }}}}", style="Ban hành kèm theo")
    tag(document, "{%p endif %}")
    measured_rule(document, f"{value}.rule", TEXT_WIDTH_CM)


def decision_block(document) -> None:
    """The body of a Quyết định: the issuer's title, căn cứ, proposal, "QUYẾT ĐỊNH:", articles."""
    tag(document, "{%p if part.authority %}")
    document.add_paragraph("{{ part.authority }}", style="Thẩm quyền ban hành")
    tag(document, "{%p endif %}")
    tag(document, "{%p for line in part.basis %}")
    document.add_paragraph("{{ line }}", style="Căn cứ")
    tag(document, "{%p endfor %}")
    tag(document, "{%p if part.proposal %}")
    document.add_paragraph("{{ part.proposal }}", style="Căn cứ")
    tag(document, "{%p endif %}")
    tag(document, "{%p if part.decides %}")
    document.add_paragraph("{{ part.decides }}", style="Quyết định")
    tag(document, "{%p endif %}")
    tag(document, "{%p for a in part.articles %}")
    paragraph = document.add_paragraph(style="Điều")
    paragraph.add_run("{{ a.label }}").bold = True
    paragraph.add_run(" {{ a.text }}")
    tag(document, "{%p for text in a.more %}")
    document.add_paragraph("{{ text }}", style="Normal")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endfor %}")


def heading_block(document) -> None:
    tag(document, '{%p if b.kind == "heading" %}')
    tag(document, "{%p if b.heading %}")
    tag(document, "{%p if b.level == 1 %}")
    document.add_paragraph("{{ b.heading }}", style="Heading 1")
    tag(document, "{%p elif b.level == 2 %}")
    document.add_paragraph("{{ b.heading }}", style="Heading 2")
    tag(document, "{%p else %}")
    document.add_paragraph("{{ b.heading }}", style="Heading 3")
    tag(document, "{%p endif %}")
    tag(document, "{%p endif %}")
    tag(document, "{%p if b.show_theme %}")
    paragraph = document.add_paragraph(style="Normal")
    paragraph.add_run("Chủ đề: ").italic = True
    paragraph.add_run("{{ b.theme }}")
    tag(document, "{%p endif %}")
    tag(document, "{%p for text in b.text %}")
    document.add_paragraph("{{ text }}", style="Normal")
    tag(document, "{%p endfor %}")
    tag(document, "{%p for g in b.targets %}")
    tag(document, "{%p if g.group %}")
    document.add_paragraph("{{ g.group }}", style="Heading 2")
    tag(document, "{%p endif %}")
    document.add_paragraph("{{ g.label }} {{ g.text }}", style="Normal")
    tag(document, "{%p endfor %}")


def task_table(document) -> None:
    tag(document, "{%p else %}")
    table = fixed_table(document, 1, TASK_COLUMNS_CM, borders=True)
    cell_margins(table, TASK_CELL_MARGIN_CM)
    header = table.rows[0]
    row_flags(header, header=True)
    for cell, text in zip(header.cells, TASK_HEADERS, strict=False):
        cell_paragraph(cell, text, "Bảng - tiêu đề", first=True)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    tag_row(table, "{%tr for r in b.rows %}")
    tag_row(table, "{%tr if r.group %}")
    group = table.add_row()
    merged = group.cells[0].merge(group.cells[len(TASK_COLUMNS_CM) - 1])
    cell_paragraph(merged, "{{ r.heading }}", "Bảng - nhóm", first=True)
    cell_paragraph(merged, "{%p if r.show_theme %}", "Thẻ mẫu")
    paragraph = cell_paragraph(merged, "", "Bảng - nội dung")
    paragraph.add_run("Chủ đề: ").italic = True
    paragraph.add_run("{{ r.theme }}")
    cell_paragraph(merged, "{%p endif %}", "Thẻ mẫu")
    cell_paragraph(merged, "{%p for text in r.text %}", "Thẻ mẫu")
    cell_paragraph(merged, "{{ text }}", "Bảng - nội dung")
    cell_paragraph(merged, "{%p endfor %}", "Thẻ mẫu")
    cell_paragraph(merged, "{%p for g in r.targets %}", "Thẻ mẫu")
    cell_paragraph(merged, "{%p if g.group %}", "Thẻ mẫu")
    cell_paragraph(merged, "{{ g.group }}", "Bảng - nhóm")
    cell_paragraph(merged, "{%p endif %}", "Thẻ mẫu")
    cell_paragraph(merged, "{{ g.label }} {{ g.text }}", "Bảng - nội dung")
    cell_paragraph(merged, "{%p endfor %}", "Thẻ mẫu")
    tag_row(table, "{%tr else %}")
    task = table.add_row()
    number, title, lead, support, when = task.cells
    cell_paragraph(number, "{{ r.number }}", "Bảng - giữa", first=True)
    cell_paragraph(title, "{{ r.text }}", "Bảng - nội dung", first=True)
    cell_paragraph(lead, '{{ r.lead_text|join("\\n") }}', "Bảng - nội dung", first=True).alignment = WD_ALIGN_PARAGRAPH.LEFT
    cell_paragraph(support, '{{ r.support_text|join("\\n") }}', "Bảng - nội dung", first=True).alignment = WD_ALIGN_PARAGRAPH.LEFT
    cell_paragraph(when, "{{ r.when_text }}", "Bảng - giữa", first=True)
    tag_row(table, "{%tr endif %}")
    tag_row(table, "{%tr endfor %}")
    tag(document, "{%p endif %}")


def closing_block(document, value: str, *, addressed: str = "") -> None:
    """Nơi nhận | the signature block, from the context's closing dict `value`. addressed: a
    first recipient line ("- Như trên;" in a công văn) that the template writes itself."""
    tag(document, f"{{%p if {value} %}}")
    spacer = document.add_paragraph(style="Thẻ mẫu")
    spacer.paragraph_format.space_after = Pt(12)
    spacer.paragraph_format.keep_with_next = True
    table = fixed_table(document, 1, CLOSING_COLUMNS_CM, borders=False)
    row_flags(table.rows[0])
    recipients, signature = table.cell(0, 0), table.cell(0, 1)
    cell_paragraph(recipients, f"{{%p if {value}.recipients %}}", "Thẻ mẫu", first=True)
    cell_paragraph(recipients, "Nơi nhận:", "Nơi nhận - tiêu đề")
    if addressed:
        cell_paragraph(recipients, addressed, "Nơi nhận")
    cell_paragraph(recipients, f"{{%p for line in {value}.recipients %}}", "Thẻ mẫu")
    cell_paragraph(recipients, "- {{ line }}", "Nơi nhận")
    cell_paragraph(recipients, "{%p endfor %}", "Thẻ mẫu")
    cell_paragraph(recipients, "{%p endif %}", "Thẻ mẫu")
    cell_paragraph(recipients, "", "Nơi nhận")  # a cell must keep one paragraph
    cell_paragraph(signature, f"{{%p for line in {value}.signer_title_lines %}}", "Thẻ mẫu", first=True)
    cell_paragraph(signature, "{{ line }}", "Chức vụ người ký")
    cell_paragraph(signature, "{%p endfor %}", "Thẻ mẫu")
    cell_paragraph(signature, f"{{{{ {value}.signer }}}}", "Người ký")
    tag(document, "{%p endif %}")


def part_break(document, value: str) -> None:
    """Every part ends its section: on a landscape page when the part asks for one."""
    tag(document, f"{{%p if {value}.landscape %}}")
    section_break(document, landscape=True)
    tag(document, "{%p else %}")
    section_break(document)
    tag(document, "{%p endif %}")


def new_document(title: str, subject: str):
    document = Document()
    make_styles(document)
    page_setup(document)
    properties = document.core_properties
    properties.title = title
    properties.subject = subject
    properties.author = "cdsplan"
    properties.comments = "Sinh bởi scripts/; xem docs/render.md"
    properties.keywords = ""
    properties.last_modified_by = "cdsplan"
    properties.revision = 1
    properties.created = properties.modified = dt.datetime(2024, 1, 1)
    body = document._body._body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    return document


def save(document, output: Path) -> None:
    last = document.add_paragraph(style="Thẻ mẫu")  # the body ends with a paragraph
    last.paragraph_format.space_after = Pt(0)
    output.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    document.save(buffer)
    output.write_bytes(reproducible(buffer.getvalue()))


def build(output: Path) -> None:
    document = new_document("Kế hoạch", "Mẫu kế hoạch chuyển đổi số (cdsplan)")
    tag(document, "{%p for plan in plans %}")
    tag(document, "{%p for part in plan.parts %}")
    tag(document, "{%p if part.header %}")
    header_block(document, "part.header")
    tag(document, "{%p endif %}")
    title_block(document, "part")
    tag(document, "{%p if part.is_press %}")
    document.add_paragraph("(Nội dung theo bản tóm tắt của báo chí, không phải văn bản Quyết định.)", style="Ghi chú nguồn")
    tag(document, "{%p endif %}")
    decision_block(document)
    tag(document, "{%p for b in part.blocks %}")
    heading_block(document)
    task_table(document)
    tag(document, "{%p endfor %}")
    closing_block(document, "part.closing")
    part_break(document, "part")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endfor %}")
    save(document, output)


def reproducible(docx: bytes) -> bytes:
    """The same archive with fixed entry dates, so that running the script again gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=(2024, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(item.filename))
    return buffer.getvalue()


def write_template(build: Callable[[Path], None], argv: list[str], default: Path) -> int:
    """The templates' scripts: build into the path given, else into templates/."""
    output = Path(argv[1]) if len(argv) > 1 else default
    build(output)
    print(f"wrote {output}")
    return 0


def main(argv: list[str]) -> int:
    return write_template(build, argv, DEFAULT_OUTPUT)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
