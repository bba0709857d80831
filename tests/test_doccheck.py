"""tests/doccheck.py shown to work: small DOCX files, a good one and bad ones, each check failing
where it should; then the same checks over today's real `cdsplan render --format docx` output.

Everything here but the first tests runs LibreOffice (marker `docs`): skipped when soffice is
missing, a failure when CI is set.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document as new_docx  # noqa: N813 - a function that makes a new document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from cdsplan.typography import (
    NBSP,
    TEMPLATE,
    break_lines,
    keep_together,
    rule_width,
    text_width,
)

from . import doccheck
from .conftest import ROOT
from .doccheck import DocCheckError, Document, inspect, require_soffice, to_pdf, to_pdfs

FONTS = ["Times New Roman", "Liberation Serif"]
AGENCY = "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ CỦA BỘ KHOA HỌC VÀ CÔNG NGHỆ"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SUBJECT = "Triển khai Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ về Ngày Chuyển đổi số quốc gia trong năm 2023"
BODY = (
    "Chủ đề của năm 2023 là Năm dữ liệu số quốc gia, tiếp tục phát huy tinh thần hưởng ứng Ngày Chuyển đổi số "
    "quốc gia hằng năm; các hoạt động tập trung vào thúc đẩy, phát triển, kết nối, khai thác dữ liệu số để tạo ra "
    "giá trị mới trong hoạt động của cơ quan nhà nước phục vụ người dân và doanh nghiệp."
)
HEADER_MARGIN_TWIPS = 28  # as templates/plan.docx


# --------------------------------------------------------------------------- helpers that need no LibreOffice


def test_font_families():
    assert doccheck.family("CAAAAA+LiberationSerif-Bold") == "liberationserif"
    assert doccheck.family("TimesNewRomanPS-BoldItalicMT") == "timesnewroman"
    assert doccheck.family("TimesNewRoman,Bold") == "timesnewroman"
    assert doccheck.family("ArialMT") == "arial"


def test_text_is_compared_without_space_kinds():
    assert doccheck.norm(f" ngày{NBSP}15   tháng\u202f9 ") == "ngày 15 tháng 9"


def test_missing_libreoffice_skips_or_fails_on_ci(monkeypatch):
    monkeypatch.setattr(doccheck, "soffice", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="not installed"):
        require_soffice()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        require_soffice()
    with pytest.raises(DocCheckError, match="not installed"):
        to_pdf(Path("x.docx"), Path("."))


# --------------------------------------------------------------------------- building small documents


def page(document, *, size_mm=(210, 297), left=30, right=15, top=20, bottom=20):
    section = document.sections[0]
    section.page_width, section.page_height = Mm(size_mm[0]), Mm(size_mm[1])
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return document


def paragraph(container, lines, *, size=14, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER, font=None):
    """A paragraph of lines joined by line breaks."""
    para = container.add_paragraph()
    para.alignment = align
    para.paragraph_format.space_after = Pt(0)
    para.paragraph_format.first_line_indent = Cm(0)
    for index, line in enumerate(lines):
        run = para.add_run(line)
        run.font.size, run.bold, run.italic = Pt(size), bold, italic
        if font:
            run.font.name = font
        if index < len(lines) - 1:
            run.add_break()
    return para


def rule(container, length_pt: float, width_pt: float):
    """An empty paragraph whose top border, centred, is length_pt long (as the template's)."""
    para = container.add_paragraph()
    fmt = para.paragraph_format
    fmt.left_indent = fmt.right_indent = Pt((width_pt - length_pt) / 2)
    fmt.space_before, fmt.space_after = Pt(3), Pt(0)
    fmt.first_line_indent = Cm(0)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    para._p.get_or_add_pPr().append(borders)
    para.add_run("").font.size = Pt(2)
    return para


def cell_margins(table, twips: int) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(twips))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def fixed_columns(table, widths_cm) -> None:
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths_cm, strict=False):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def header(document, agency_lines, *, agency_rule_pt=None, motto_rule_pt=None):
    """The template's two-column header: agency | quốc hiệu and tiêu ngữ, each with its rule."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER  # 17.2 cm: 0.35 cm into either side margin
    fixed_columns(table, TEMPLATE.header_columns_cm)
    cell_margins(table, HEADER_MARGIN_TWIPS)
    agency, nation = table.cell(0, 0), table.cell(0, 1)
    agency.paragraphs[0].paragraph_format.space_after = Pt(0)
    paragraph(agency, agency_lines, size=12, bold=True)
    rule(agency, agency_rule_pt or rule_width(agency_lines, 12), TEMPLATE.agency_cell_pt)
    nation.paragraphs[0].paragraph_format.space_after = Pt(0)
    paragraph(nation, ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], size=12, bold=True)
    paragraph(nation, [MOTTO], size=13, bold=True)
    rule(nation, motto_rule_pt or text_width(MOTTO, 13, bold=True), TEMPLATE.nation_cell_pt)


def title(document, lines):
    paragraph(document, ["KẾ HOẠCH"], bold=True).paragraph_format.space_before = Pt(18)
    paragraph(document, lines, bold=True)
    rule(document, rule_width(lines, 14), TEMPLATE.text_width_pt)


def task_table(document, rows=3, *, spill=False):
    table = document.add_table(rows=rows, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER  # as the template's: borders inside the margins
    fixed_columns(table, (1.5, 10.0, 5.0))
    cell_margins(table, 68)
    for index, row in enumerate(table.rows):
        row.cells[0].text = str(index + 1)
        row.cells[1].text = "Tổ chức lan truyền thông điệp Ngày Chuyển đổi số quốc gia."
        row.cells[2].text = "Quý IV/2023"
    if spill:  # a negative indent pushes the text over the cell's right border
        cell = table.cell(0, 1).paragraphs[0]
        cell.paragraph_format.right_indent = Cm(-3)
        cell.runs[0].text = "Xây dựng và phổ biến Thông điệp Ngày Chuyển đổi số của Bộ Khoa học và Công nghệ"
    return table


def body(document, paragraphs: int):
    for _ in range(paragraphs):
        para = document.add_paragraph(BODY)
        para.paragraph_format.first_line_indent = Cm(1.27)


def split_date_line(together: bool) -> str:
    """A left-aligned line whose last words "năm 2023" do not fit on it, though "năm" does."""
    width = TEMPLATE.text_width_pt
    prefix = "Các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia được tổ chức"
    fillers = ["và", "số", "các"]  # each narrower than " 2023" less the 6 pt of slack, so one lands
    for count in range(60):
        if text_width(prefix + " năm", 14) < width - 3 and text_width(prefix + " năm 2023", 14) > width + 3:
            line = f"{prefix} năm 2023 của Bộ Khoa học và Công nghệ."
            return keep_together(line) if together else line
        prefix += " " + fillers[count % len(fillers)]
    raise AssertionError("no filler gives the line wanted")


GOOD_AGENCY = break_lines(AGENCY, TEMPLATE.agency_within_margins_pt, 12, bold=True)


def good(path: Path) -> None:
    document = page(new_docx())
    header(document, GOOD_AGENCY)
    title(document, break_lines(SUBJECT, TEMPLATE.text_width_pt, 14, bold=True))
    body(document, 2)
    paragraph(document, [split_date_line(together=True)], align=WD_ALIGN_PARAGRAPH.LEFT)
    task_table(document)
    body(document, 9)  # onto a second page
    document.save(path)


def letter(path: Path) -> None:
    document = page(new_docx(), size_mm=(215.9, 279.4))
    body(document, 3)
    document.save(path)


def narrow_margin(path: Path) -> None:
    document = page(new_docx(), left=20)
    body(document, 3)
    document.save(path)


def wide_margin(path: Path) -> None:
    document = page(new_docx(), right=30)
    body(document, 3)
    document.save(path)


def overflow(path: Path) -> None:
    document = page(new_docx())
    task_table(document, spill=True)
    document.save(path)


def near_empty(path: Path) -> None:
    document = page(new_docx())
    paragraph(document, ["KẾ HOẠCH"], bold=True)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    body(document, 12)
    document.save(path)


def wrapped(path: Path) -> None:
    """The issue's header: a name broken by counting letters, a fixed 2.6 cm rule under it, a
    tiêu ngữ rule shorter than its line; Arial in a paragraph; a date broken over two lines."""
    document = page(new_docx())
    header(
        document,
        ["BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ", "CỦA BỘ KHOA HỌC VÀ CÔNG NGHỆ"],
        agency_rule_pt=Cm(2.6).pt,
        motto_rule_pt=Cm(5.4).pt,
    )
    paragraph(document, [split_date_line(together=False)], align=WD_ALIGN_PARAGRAPH.LEFT)
    paragraph(document, ["Nơi nhận:"], size=12, font="Arial", align=WD_ALIGN_PARAGRAPH.LEFT)
    document.save(path)


SAMPLES: dict[str, Callable[[Path], None]] = {
    "good": good,
    "letter": letter,
    "narrow_margin": narrow_margin,
    "wide_margin": wide_margin,
    "overflow": overflow,
    "near_empty": near_empty,
    "wrapped": wrapped,
}


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict[str, Document]:
    require_soffice()
    folder = tmp_path_factory.mktemp("doccheck")
    paths = []
    for name, build in SAMPLES.items():
        build(folder / f"{name}.docx")
        paths.append(folder / f"{name}.docx")
    return {path.stem: inspect(pdf) for path, pdf in zip(paths, to_pdfs(paths, folder / "pdf"), strict=False)}


# --------------------------------------------------------------------------- the checks on small documents


@pytest.mark.docs
def test_a_good_document_passes_every_check(samples):
    doc = samples["good"]
    assert doc.page_count() == 2
    assert doc.page_size_is_a4() == []
    assert doc.margins_within(left=(30, 35), right=(15, 20), top=(20, 25), bottom=(20, 25)) == []
    assert doc.fonts_are(FONTS) == []
    assert doc.text_fits_line(AGENCY, GOOD_AGENCY) == []
    assert doc.text_fits_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == []
    assert doc.text_fits_line(SUBJECT, break_lines(SUBJECT, TEMPLATE.text_width_pt, 14, bold=True)) == []
    assert doc.rule_under(AGENCY, min_ratio=1 / 3, max_ratio=1 / 2) == []
    assert doc.rule_under(MOTTO, min_ratio=0.98, max_ratio=1.02) == []
    assert doc.rule_under(SUBJECT) == []
    assert doc.not_split("năm 2023") == []
    assert doc.no_cell_overflow() == []
    assert doc.no_near_empty_pages() == []


@pytest.mark.docs
def test_measured_widths_are_the_printed_ones(samples):
    """typography.text_width against LibreOffice's layout of the same lines (no kerning)."""
    doc = samples["good"]
    for text, size in [*((line, 12) for line in GOOD_AGENCY), (MOTTO, 13)]:
        (line,) = doc.whole_lines(text)
        assert line.width == pytest.approx(text_width(text, size, bold=True), abs=0.5)


@pytest.mark.docs
def test_letter_paper_is_found(samples):
    findings = samples["letter"].page_size_is_a4()
    assert findings == ["page 1 is 215.9 × 279.4 mm, not A4 (210 × 297 mm portrait)"]


@pytest.mark.docs
def test_a_narrow_margin_is_found(samples):
    findings = samples["narrow_margin"].margins_within()
    assert len(findings) == 1
    assert findings[0].startswith("page 1: ") and "is 20.0 mm from the left edge, inside the 30 mm margin" in findings[0]
    assert samples["good"].margins_within() == []


@pytest.mark.docs
def test_a_wide_margin_is_found(samples):
    findings = samples["wide_margin"].margins_within()
    (finding,) = findings
    assert re.fullmatch(r"no text comes nearer than 30\.\d mm to the right edge: the right margin is wider than 20 mm", finding)


@pytest.mark.docs
def test_text_out_of_its_cell_is_found(samples):
    """Text pushed over a border. (Text an exact row height hides is not in the PDF at all:
    LibreOffice clips it, so no check of the printed page can see it; the template has none.)"""
    (finding,) = samples["overflow"].no_cell_overflow()
    assert re.fullmatch(r"page 1: 'Xây dựng và phổ biến Thông điệp.*' runs \d+\.\d pt out of its cell \(100\.0 mm wide\)", finding)
    assert samples["good"].no_cell_overflow() == []


@pytest.mark.docs
def test_a_nearly_empty_page_is_found(samples):
    doc = samples["near_empty"]
    assert doc.page_count() >= 2
    findings = doc.no_near_empty_pages()
    assert len(findings) == 1 and findings[0].startswith(f"page 1 of {doc.page_count()} is ")
    assert doc.fill(1) < 0.05
    assert doc.no_near_empty_pages(min_fill=0.01) == []


@pytest.mark.docs
def test_a_wrapped_header_and_wrong_rules_are_found(samples):
    doc = samples["wrapped"]
    lines = ["BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ", "CỦA BỘ KHOA HỌC VÀ CÔNG NGHỆ"]
    expected = (
        f"'{AGENCY[:49]}…' should be printed as 2 lines 'BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ' / 'CỦA BỘ KHOA HỌC VÀ CÔNG NGHỆ', "
        "but page 1 has it on 3: 'BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ' / 'CỦA BỘ KHOA HỌC VÀ CÔNG' / 'NGHỆ'"
    )
    assert doc.text_fits_line(AGENCY, lines) == [expected]
    assert doc.text_fits_line("CỦA BỘ KHOA HỌC VÀ CÔNG NGHỆ") != []
    (agency_rule,) = doc.rule_under(AGENCY)
    assert re.search(r"is 73\.\d pt, 2\.\d\d of the 35\.\d pt line above it \('NGHỆ'\)", agency_rule)
    (motto_rule,) = doc.rule_under(MOTTO, min_ratio=0.98, max_ratio=1.02)
    assert "0.96 of the 159.1 pt line" in motto_rule
    assert doc.rule_under("KẾ HOẠCH") == ["'KẾ HOẠCH' is not in the document"]


@pytest.mark.docs
def test_a_date_broken_across_lines_is_found(samples):
    (finding,) = samples["wrapped"].not_split("năm 2023")
    assert finding.startswith("page 1: 'năm 2023' is broken across lines: ") and finding.endswith(
        "năm' / '2023 của Bộ Khoa học và Công nghệ.'"
    )


@pytest.mark.docs
def test_other_fonts_are_found(samples):
    (finding,) = samples["wrapped"].fonts_are(FONTS)
    assert "LiberationSans" in finding and "'Nơi nhận:'" in finding  # LibreOffice's Arial


@pytest.mark.docs
def test_a_failed_conversion_says_so(tmp_path):
    require_soffice()
    with pytest.raises(DocCheckError, match="failed to convert"):
        to_pdf(tmp_path / "missing.docx", tmp_path)


# --------------------------------------------------------------------------- today's real output

REAL = ["bkhcn-ndcds-2023", "ubqgcds-2023", "btttt-ndcds-2024"]


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> dict[str, tuple[Document, object]]:
    """Each plan rendered by the CLI from the repository root, as a user would, and printed."""
    require_soffice()
    folder = tmp_path_factory.mktemp("real")
    paths = []
    for plan_id in REAL:
        path = folder / f"{plan_id}.docx"
        subprocess.run(
            [sys.executable, "-m", "cdsplan", "render", plan_id, "--format", "docx", "-o", str(path)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        paths.append(path)
    docs = doccheck.documents(paths, folder / "pdf")
    return {plan_id: (doc, new_docx(str(path))) for plan_id, path, doc in zip(REAL, paths, docs, strict=False)}


def styled(docx, style: str) -> list[str]:
    """The text of every paragraph of style, in the body and in the header table."""
    found = [p.text for p in docx.paragraphs if p.style.name == style]
    for table in docx.tables[:1]:
        for cell in table._cells:
            found += [p.text for p in cell.paragraphs if p.style.name == style]
    return [text for text in found if text.strip()]


def title_blocks(docx) -> list[str]:
    """The last block of each title (its attachment line "(Ban hành kèm theo …)", else the
    trích yếu itself): the rule of the title block goes under it."""
    paragraphs = [p for p in docx.paragraphs if p.text.strip() and p.style.name != "Thẻ mẫu"]
    blocks = []
    for index, paragraph in enumerate(paragraphs):
        if paragraph.style.name == "Trích yếu":
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            blocks.append(following.text if following is not None and following.style.name == "Ban hành kèm theo" else paragraph.text)
    return blocks


@pytest.mark.docs
@pytest.mark.parametrize("plan_id", REAL)
def test_real_pages_fonts_cells(real, plan_id):
    doc, _ = real[plan_id]
    assert doc.page_size_is_a4() == []
    assert doc.fonts_are(FONTS) == []
    assert doc.no_cell_overflow() == []
    assert doc.no_near_empty_pages() == []


@pytest.mark.docs
@pytest.mark.parametrize("plan_id", REAL)
def test_real_margins(real, plan_id):
    """The agency name is broken to stay inside the decree's margins (the header table reaches
    3.5 mm into each of them): 'BỘ THÔNG TIN' / 'VÀ TRUYỀN THÔNG' in the btttt plan."""
    doc, _ = real[plan_id]
    assert doc.margins_within(left=(30, 35), right=(15, 20), top=(20, 25), bottom=(20, 25)) == []


@pytest.mark.docs
@pytest.mark.parametrize("plan_id", REAL)
def test_real_header_lines_are_not_wrapped_again(real, plan_id):
    """Each line the render sets in the header cells prints as one line ("NGHỆ" alone: no)."""
    doc, docx = real[plan_id]
    findings = [
        finding
        for style in ("Cơ quan chủ quản", "Cơ quan ban hành", "Quốc hiệu", "Tiêu ngữ")
        for text in styled(docx, style)
        for line in text.split("\n")
        for finding in doc.text_fits_line(line, page=1)
    ]
    assert findings == []


@pytest.mark.docs
@pytest.mark.parametrize("plan_id", REAL)
def test_real_agency_rule_is_a_third_to_a_half_of_its_line(real, plan_id):
    doc, docx = real[plan_id]
    (agency,) = styled(docx, "Cơ quan ban hành")
    # the block's last line: the rule is measured against it (and "VỀ CHUYỂN ĐỔI SỐ" is found
    # in the header, not in "CHỦ TỊCH ỦY BAN QUỐC GIA VỀ CHUYỂN ĐỔI SỐ" under the title)
    assert doc.rule_under(agency.split("\n")[-1], page=1) == []


@pytest.mark.docs
@pytest.mark.parametrize("plan_id", REAL)
def test_real_motto_rule_is_as_long_as_its_line(real, plan_id):
    doc, _ = real[plan_id]
    assert doc.rule_under(MOTTO, min_ratio=0.98, max_ratio=1.02, page=1) == []


@pytest.mark.docs
@pytest.mark.parametrize("plan_id", REAL)
def test_real_title_rule_is_a_third_to_a_half_of_its_line(real, plan_id):
    """Under every title block (the Quyết định's trích yếu, the Kế hoạch's and each Phụ lục's
    attachment line) a rule a third to a half of its last line."""
    doc, docx = real[plan_id]
    blocks = title_blocks(docx)
    assert blocks
    assert [finding for block in blocks for finding in doc.rule_under(block)] == []


@pytest.mark.docs
@pytest.mark.parametrize("plan_id", REAL)
def test_real_title_is_set_on_its_measured_lines(real, plan_id):
    """Each trích yếu prints on the lines the render measured for it (break_lines over its
    text with the no-break spaces of keep_together), none broken again by the layout."""
    doc, docx = real[plan_id]
    titles = styled(docx, "Trích yếu")
    assert titles
    for title in titles:
        lines = title.split("\n")
        assert all(text_width(line, 14, bold=True) <= TEMPLATE.text_width_pt for line in lines), lines
        assert doc.text_fits_line(title, lines) == []


def bound_phrases(docx) -> set[str]:
    """What keep_together binds in the document's text, given the width of each paragraph's
    line: the body's, or its table column's (12 pt in tables, as the template's styles)."""
    found: set[str] = set()

    def add(text: str, width: float, size: float) -> None:
        for token in re.split(r"[ \t\n]+", keep_together(text, width, size)):  # a line break (w:br) ends a token too
            token = token.strip(",.;:()“”\"'")
            if NBSP in token:
                found.add(token.replace(NBSP, " "))

    for para in docx.paragraphs:
        add(para.text, TEMPLATE.text_width_pt, 14)
    for table in docx.tables:
        columns = len(table.columns)
        widths = TEMPLATE.task_cells_pt if columns == len(TEMPLATE.task_columns_cm) else None
        for row in table.rows:
            for index, cell in enumerate(row.cells):
                width = widths[index] if widths else float(cell.width.pt) if cell.width else TEMPLATE.text_width_pt / columns
                for para in cell.paragraphs:
                    add(para.text, width, 12)
    return found


@pytest.mark.docs
@pytest.mark.parametrize("plan_id", REAL)
def test_real_dates_and_references_are_not_broken(real, plan_id):
    """Whatever keep_together binds in the document's text prints on one line, wherever it fits
    its line: "tháng 12/2023" bound in a task's title may still break in the 2.6 cm time column,
    where it is wider than the cell (keep_together does not bind it there)."""
    doc, docx = real[plan_id]
    findings = sorted({finding for phrase in bound_phrases(docx) for finding in doc.not_split(phrase, forced_ok=True)})
    assert findings == []


# --------------------------------------------------------------------------- page images for the docs


@pytest.mark.docs
def test_page_images_are_made_the_same_every_time(tmp_path):
    require_soffice()
    if shutil.which("pdftoppm") is None and not os.environ.get("CI"):
        pytest.skip("poppler-utils (pdftoppm) is not installed")
    script = ROOT / "scripts" / "page_images.py"
    docx = tmp_path / "mau.docx"
    near_empty(docx)
    runs = []
    for out in (tmp_path / "a", tmp_path / "b"):
        result = subprocess.run(
            [sys.executable, str(script), str(docx), "--out", str(out), "--pages", "1,2,99", "--dpi", "40"],
            check=True,
            capture_output=True,
            text=True,
        )
        assert "no page 99" in result.stderr
        runs.append({path.name: path.read_bytes() for path in sorted(out.iterdir())})
    assert sorted(runs[0]) == ["mau-page1.png", "mau-page2.png"]
    assert runs[0] == runs[1]
    assert all(data.startswith(b"\x89PNG") for data in runs[0].values())
