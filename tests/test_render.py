"""Rendering plans to Markdown and DOCX (cdsplan.render, templates/).

The Word files are read back with python-docx: page set-up, the header block's fonts and
sizes, every task title, the repeating table header. The Markdown is parsed with
markdown-it (CommonMark + tables) to check that every title reads as written and that every
table keeps its columns. tests/fixtures/render/ holds a plan whose text looks like markup.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from lxml import etree
from markdown_it import MarkdownIt

from cdsplan.errors import CdsplanError, UsageError
from cdsplan.reading.discovery import display
from cdsplan.render import documents, escape, templates, words
from cdsplan.render.context import build_context
from cdsplan.settings import find_settings, settings_from

from .conftest import load_plans

# The render API as these tests use it, from the modules that hold it.
rendering = SimpleNamespace(
    render=documents.render,
    numbering_label=words.numbering_label,
    document_kind=words.document_kind,
    md_escape=escape.md_escape,
    date_long=words.date_long,
    natural_key=words.natural_key,
    authority=words.authority,
    find_template=templates.find_template,
)

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
TEMPLATES = ROOT / "templates"
SAFE = Path(__file__).resolve().parent / "fixtures" / "render"
AS_OF = dt.date(2024, 9, 20)
SETTINGS = settings_from(ROOT, {}, None)
SAFE_SETTINGS = find_settings(SAFE)
TASK_HEADERS = ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"]
REAL_DOCX = ["btttt-ndcds-2024", "ubqgcds-2023"]
TRICKY = ["R&D <AI> | a", "{{ 7*7 }}", "Dòng một\nDòng hai | cột\n# không phải tiêu đề\n- không phải danh sách"]


def normal(text: str) -> str:
    """Text as compared: the render's no-break spaces and measured line breaks are spaces."""
    return " ".join(text.replace("\u00a0", " ").split())


def plain(text: str) -> str:
    """No-break spaces as spaces, line breaks kept: blanks ("ngày      tháng") stay visible."""
    return text.replace("\u00a0", " ")


@pytest.fixture(scope="module")
def repo():
    return load_plans(PLANS)


@pytest.fixture(scope="module")
def docx_files(tmp_path_factory):
    """The real plans rendered once to DOCX."""
    folder = tmp_path_factory.mktemp("docx")
    files = {}
    for plan_id in REAL_DOCX:
        result = rendering.render(plan_id, fmt="docx", output=folder / f"{plan_id}.docx", as_of=AS_OF, settings=SETTINGS)
        assert result.text is None and result.written == [folder / f"{plan_id}.docx"]
        files[plan_id] = folder / f"{plan_id}.docx"
    return files


@pytest.fixture(scope="module")
def safe_docx(tmp_path_factory):
    path = tmp_path_factory.mktemp("safe") / "an-toan.docx"
    rendering.render("an-toan-2023", fmt="docx", output=path, as_of=dt.date(2023, 9, 20), settings=SAFE_SETTINGS)
    return path


# --------------------------------------------------------------------------- reading DOCX back


def effective(paragraph, attribute: str):
    """A font attribute (size, bold, italic, name) as Word applies it: the runs, then the style chain."""
    values = {getattr(run.font, attribute) for run in paragraph.runs if run.text.strip()}
    values.discard(None)
    if len(values) == 1:
        return values.pop()
    style = paragraph.style
    while style is not None:
        value = getattr(style.font, attribute)
        if value is not None:
            return value
        style = style.base_style
    return None


def paragraph_format(paragraph, attribute: str):
    value = getattr(paragraph.paragraph_format, attribute)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.paragraph_format, attribute)
        style = style.base_style
    return value


def all_text(document) -> str:
    """Every paragraph and table cell of the body, tables inside tables included."""
    parts = [p.text for p in document.paragraphs]

    def walk(tables):
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    parts.append(cell.text)
                    walk(cell.tables)

    walk(document.tables)
    return "\n".join(parts)


def task_tables(document):
    return [t for t in document.tables if [c.text for c in t.rows[0].cells] == TASK_HEADERS]


def assert_times(paragraph, size_range: tuple[float, float], *, bold=None, italic=None) -> None:
    assert effective(paragraph, "name") == "Times New Roman", paragraph.text
    size = effective(paragraph, "size")
    assert size is not None and size_range[0] <= size.pt <= size_range[1], (paragraph.text, size)
    if bold is not None:
        assert bool(effective(paragraph, "bold")) is bold, paragraph.text
    if italic is not None:
        assert bool(effective(paragraph, "italic")) is italic, paragraph.text


def has_border(paragraph, side: str) -> bool:
    ppr = paragraph._p.pPr
    found = ppr is not None and ppr.find(qn("w:pBdr")) is not None and ppr.find(qn("w:pBdr")).find(qn(f"w:{side}")) is not None
    style = paragraph.style
    while not found and style is not None:
        sppr = style.element.pPr
        found = sppr is not None and sppr.find(qn("w:pBdr")) is not None and sppr.find(qn("w:pBdr")).find(qn(f"w:{side}")) is not None
        style = style.base_style
    return found


# --------------------------------------------------------------------------- DOCX: layout


@pytest.mark.parametrize("plan_id", REAL_DOCX)
def test_docx_page_is_a4_portrait_with_decree_margins(docx_files, plan_id):
    document = Document(docx_files[plan_id])
    for section in document.sections:
        assert abs(section.page_width - Mm(210)) < Mm(0.5)
        assert abs(section.page_height - Mm(297)) < Mm(0.5)
        assert section.orientation == WD_ORIENT.PORTRAIT
        assert Mm(20) - Mm(0.1) <= section.top_margin <= Mm(25) + Mm(0.1)
        assert Mm(20) - Mm(0.1) <= section.bottom_margin <= Mm(25) + Mm(0.1)
        assert Mm(30) - Mm(0.1) <= section.left_margin <= Mm(35) + Mm(0.1)
        assert Mm(15) - Mm(0.1) <= section.right_margin <= Mm(20) + Mm(0.1)


@pytest.mark.parametrize("plan_id", REAL_DOCX)
def test_docx_page_numbers_in_the_top_margin_but_not_on_page_one(docx_files, plan_id):
    section = Document(docx_files[plan_id]).sections[0]
    assert section.different_first_page_header_footer
    header = section.header._element.xml
    assert "PAGE" in "".join(section.header._element.itertext()) or " PAGE " in header
    assert section.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" not in section.first_page_header._element.xml


def test_docx_body_text_follows_the_decree(docx_files):
    document = Document(docx_files["btttt-ndcds-2024"])
    style = document.styles["Normal"]
    assert style.font.name == "Times New Roman"
    assert 13 <= style.font.size.pt <= 14
    fmt = style.paragraph_format
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert Cm(1) - Cm(0.01) <= fmt.first_line_indent <= Cm(1.27) + Cm(0.01)
    assert fmt.space_after >= Pt(6)
    assert 1.0 <= fmt.line_spacing <= 1.5
    body = [p for p in document.paragraphs if p.style.name == "Normal" and p.text.strip()]
    assert body, "the plan has paragraphs of body text"
    for paragraph in body:
        assert_times(paragraph, (13, 14))


def test_docx_header_block(docx_files):
    document = Document(docx_files["btttt-ndcds-2024"])
    header = document.tables[0]
    assert len(header.columns) == 2
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None and {b.get(qn("w:val")) for b in borders} == {"nil"}, "the header table has no borders"

    agency = [p for p in header.cell(0, 0).paragraphs if p.text.strip()]
    assert [p.text for p in agency] == ["BỘ THÔNG TIN\nVÀ TRUYỀN THÔNG"], "broken inside the margins, before 'VÀ'"
    assert_times(agency[0], (12, 13), bold=True)
    rule = header.cell(0, 0).paragraphs[-1]
    assert not rule.text.strip() and (has_border(rule, "top") or has_border(rule, "bottom")), "a short rule under the agency"

    nation = [p for p in header.cell(0, 1).paragraphs if p.text.strip()]
    assert [p.text for p in nation] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert_times(nation[0], (12, 13), bold=True)
    assert_times(nation[1], (13, 14), bold=True)
    rule = header.cell(0, 1).paragraphs[-1]
    assert not rule.text.strip() and (has_border(rule, "top") or has_border(rule, "bottom")), "a rule under the motto"

    number = header.cell(1, 0).paragraphs[0]
    assert re.fullmatch(r"Số: {6,}/QĐ-BTTTT", plain(number.text)), "a blank number stays visibly blank"
    date = header.cell(1, 1).paragraphs[0]
    assert plain(date.text) == "……, ngày      tháng      năm 2024"
    assert_times(date, (13, 14), italic=True)

    kind, title = [p for p in document.paragraphs if p.text.strip()][:2]
    assert kind.text == "KẾ HOẠCH"
    assert_times(kind, (13, 14), bold=True)
    assert normal(title.text).startswith("Triển khai Quyết định số 505/QĐ-TTg")
    assert_times(title, (13, 14), bold=True)


def test_docx_issued_with_and_blank_decision(docx_files):
    document = Document(docx_files["ubqgcds-2023"])
    text = plain(all_text(document)).replace("\n", " ")
    assert "Hà Nội, ngày      tháng      năm 2023" in text
    assert re.search(r"Số: {6,}/QĐ-UBQGCĐS", text)
    issued_with = (
        "(Ban hành kèm theo Quyết định số       /QĐ-UBQGCĐS ngày      tháng      năm 2023 của Chủ tịch Ủy ban Quốc gia về chuyển đổi số)"
    )
    attached = [plain(p.text).replace("\n", " ") for p in document.paragraphs if p.style.name == "Ban hành kèm theo"]
    assert attached == [issued_with, issued_with], "the Kế hoạch and the Phụ lục, each with its blanks kept"
    assert "None" not in text
    header = [p.text for p in document.tables[0].cell(0, 0).paragraphs if p.text.strip()]
    assert header == ["ỦY BAN QUỐC GIA\nVỀ CHUYỂN ĐỔI SỐ"]


@pytest.mark.parametrize("plan_id", REAL_DOCX)
def test_docx_holds_every_task_title(docx_files, repo, plan_id):
    text = normal(all_text(Document(docx_files[plan_id])))
    missing = [task.id for task in repo.plans[plan_id].iter_tasks() if normal(task.title) not in text]
    assert missing == []


@pytest.mark.parametrize("plan_id", REAL_DOCX)
def test_docx_task_table_header_repeats_on_every_page(docx_files, plan_id):
    document = Document(docx_files[plan_id])
    tables = task_tables(document)
    assert tables
    for table in tables:
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])
        heading = table.rows[0].cells[1].paragraphs[0]
        assert_times(heading, (11, 14), bold=True)


def test_docx_sections_keep_their_roman_numbers_and_numbered_groups(docx_files, repo):
    document = Document(docx_files["ubqgcds-2023"])
    headings = [normal(p.text) for p in document.paragraphs if p.style.name == "Heading 1"]
    plan = repo.plans["ubqgcds-2023"]
    for section in plan.sections:
        label = rendering.numbering_label(section.id)
        if not section.appendix:  # an appendix's title is its part's, under "PHỤ LỤC"
            assert f"{label} {section.title}".strip() in headings
    assert headings[0] == "I. MỤC TIÊU"
    groups = [row.cells[0].text for table in task_tables(document) for row in table.rows if len(row._tr.tc_lst) == 1]
    assert "1. Thành phố Hà Nội" in groups


def closing_tables(document):
    return [t for t in document.tables if len(t.columns) == 2 and t.cell(0, 0).paragraphs[0].text == "Nơi nhận:"]


def test_docx_closing_block(docx_files, repo):
    """Nơi nhận and the signature close the Quyết định, before the Kế hoạch, never after the appendix."""
    document = Document(docx_files["ubqgcds-2023"])
    plan = repo.plans["ubqgcds-2023"]
    (closing,) = closing_tables(document)
    left, right = closing.cell(0, 0), closing.cell(0, 1)
    assert_times(left.paragraphs[0], (11, 12), bold=True, italic=True)
    assert [plain(p.text) for p in left.paragraphs[1:] if p.text] == [f"- {line}" for line in plan.recipients]
    signer = [p for p in right.paragraphs if p.text.strip()]
    assert [p.text for p in signer] == ["CHỦ TỊCH", "THỦ TƯỚNG", "Phạm Minh Chính"]
    assert_times(signer[-1], (13, 14), bold=True)
    body = list(document.element.body)
    kinds = [p._p for p in document.paragraphs if p.style.name == "Tên loại văn bản"]
    assert [p.text for p in document.paragraphs if p.style.name == "Tên loại văn bản"] == ["QUYẾT ĐỊNH", "KẾ HOẠCH", "PHỤ LỤC"]
    assert body.index(closing._tbl) < body.index(kinds[1]), "the decision closes before the Kế hoạch begins"


def test_docx_of_a_year_restarts_page_numbers_for_each_part(tmp_path, repo):
    """Each part of each plan (Quyết định, Kế hoạch, Phụ lục) is a section of its own: a new
    page, numbered from 1, no number on its first page."""
    output = tmp_path / "2023.docx"
    rendering.render("2023", fmt="docx", output=output, as_of=AS_OF, settings=SETTINGS)
    document = Document(output)
    kinds = [p.text for p in document.paragraphs if p.style.name == "Tên loại văn bản"]
    # bkhcn-cds-2023-2025: its decision issues the Danh mục as a Phụ lục (no Kế hoạch part)
    assert kinds == ["QUYẾT ĐỊNH", "PHỤ LỤC", "QUYẾT ĐỊNH", "KẾ HOẠCH", "QUYẾT ĐỊNH", "KẾ HOẠCH", "PHỤ LỤC"]
    assert len(document.sections) == len(kinds)
    for section in document.sections:
        assert section.different_first_page_header_footer
        assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
        assert section.orientation == WD_ORIENT.PORTRAIT


def test_docx_default_output_is_the_plan_id_written_atomically(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "an-toan-2023.docx").write_bytes(b"old")
    result = rendering.render("an-toan-2023", fmt="docx", as_of=dt.date(2023, 9, 20), settings=SAFE_SETTINGS)
    assert result.written == [Path("an-toan-2023.docx")]
    assert zipfile.is_zipfile(tmp_path / "an-toan-2023.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["an-toan-2023.docx"], "no temporary file left behind"


# --------------------------------------------------------------------------- DOCX: plan text is data


def test_docx_prints_markup_looking_text_exactly(safe_docx):
    document = Document(safe_docx)
    cells = [cell.text for table in task_tables(document) for row in table.rows for cell in row.cells]
    for title in TRICKY:
        assert title in cells
    assert "49" not in all_text(document)
    assert "1. Không phải danh sách {_{ x }_} {%p if y %} \\ gạch ngược `mã` [liên kết](http://x) $5" in cells
    assert "Cục R&D <Dữ liệu> | Thử" in cells
    agency = document.tables[0].cell(0, 0).text
    assert "CỤC R&D <DỮ LIỆU> | THỬ" in agency
    text = plain(all_text(document))
    assert "Đoạn có {{ 7*7 }} và {% if x %}thẻ{% endif %} và |ống| và <script>x</script>." in text
    assert "Điều 1. Ban hành kèm theo Quyết định này {{ 7*7 }} <b>R&D</b> | a." in text
    assert "Thủ trưởng các đơn vị <b>| có liên quan</b> chịu trách nhiệm thi hành Quyết định này./." in text
    assert "- Như Điều 3 | <b>;" in text
    assert "Nguyễn Văn <A>" in text


def test_docx_stays_valid_xml_and_leaves_no_template_tags(safe_docx):
    with zipfile.ZipFile(safe_docx) as archive:
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(archive.read(name))  # raises on malformed XML
        body = archive.read("word/document.xml").decode("utf-8")
    for leftover in ("{%tr", "{%p for", "plan.blocks", "{{ r.", "{{ plan"):
        assert leftover not in body


def test_docx_newlines_become_line_breaks(safe_docx):
    document = Document(safe_docx)
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Dòng một"))
    assert paragraph.text == "Dòng một\nDòng hai"
    assert paragraph._p.xpath(".//w:br")


def test_docx_template_can_include_the_report_chart(tmp_path):
    """Any template may use the report: its pictures go in as images fitted to the page."""
    template = Document()
    template.add_paragraph("{{ plan.title }}")
    template.add_paragraph("{{ report.chart }}")
    template.save(tmp_path / "with-picture.docx")
    output = tmp_path / "out.docx"
    rendering.render(
        "an-toan-2023", template=str(tmp_path / "with-picture.docx"), output=output, as_of=dt.date(2023, 9, 20), settings=SAFE_SETTINGS
    )
    with zipfile.ZipFile(output) as archive:
        assert any(name.startswith("word/media/") and name.endswith(".png") for name in archive.namelist())
    assert Document(output).inline_shapes[0].width <= Mm(160) + Mm(1)


# --------------------------------------------------------------------------- Markdown


def markdown_tables(text: str) -> list[list[list[str]]]:
    """Every table as rows of cell texts, as a CommonMark + tables reader sees it."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    tables, rows, row = [], None, None
    for token in tokens:
        if token.type == "table_open":
            rows = []
        elif token.type == "table_close":
            tables.append(rows)
            rows = None
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            rows.append(row)
            row = None
        elif token.type == "inline" and row is not None and rows is not None:
            row.append(inline_text(token))
    return tables


def inline_text(token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "html_inline" and child.content.lower().startswith("<br"):
            parts.append("\n")
        elif child.type == "softbreak":
            parts.append(" ")
    return "".join(parts)


def assert_tables_intact(text: str) -> list[list[list[str]]]:
    tables = markdown_tables(text)
    separators = len(re.findall(r"^\|(?::?-+:?\|)+\s*$", text, re.MULTILINE))
    assert len(tables) == separators, "every table the template wrote is read as a table"
    for table in tables:
        widths = {len(row) for row in table}
        assert len(widths) == 1, f"a row with a different number of cells: {table[0]}"
    return tables


def test_markdown_of_every_plan_holds_every_title_in_intact_tables(repo):
    """Every task is printed once: as a row of a task table, or (a section's own words that
    are also a task: III.0, IV.0, 1.1 over its points) as that section's heading or paragraph."""
    for plan_id, plan in repo.plans.items():
        text = rendering.render(plan_id, as_of=AS_OF, settings=SETTINGS).text
        tables = assert_tables_intact(text)
        cells = [row[1] for table in tables if table[0] == TASK_HEADERS for row in table[1:]]
        prose = [line for line in text.splitlines() if not line.startswith("|")]
        missing = [
            task.id
            for task in plan.iter_tasks()
            if not any(cell.startswith(task.title.strip()) for cell in cells)
            and not any(rendering.md_escape(task.title.strip()) in line for line in prose)
        ]
        assert missing == [], plan_id
        assert rendering.md_escape(plan.title) in text


def test_markdown_of_a_year_holds_each_plan(repo):
    text = rendering.render("2023", as_of=AS_OF, settings=SETTINGS).text
    assert_tables_intact(text)
    plans = [p for p in repo.plans.values() if Path(p.file).parent.name == "2023"]
    headings = re.findall(r"^# (.*)$", text, re.MULTILINE)
    assert headings == [rendering.md_escape(p.title) for p in sorted(plans, key=lambda p: p.file)]


def test_markdown_prints_markup_looking_text_exactly():
    text = rendering.render("an-toan-2023", as_of=dt.date(2023, 9, 20), settings=SAFE_SETTINGS).text
    tables = assert_tables_intact(text)
    tasks = next(table for table in tables if table[0] == TASK_HEADERS)
    assert [row[1].split("\n– ")[0] for row in tasks[1:]][:3] == [
        TRICKY[0],
        TRICKY[1] + "\nĐã hoàn thành (10/09/2023): Xong | <đủ>",
        TRICKY[2],
    ]
    assert tasks[4][1] == "1. Không phải danh sách {_{ x }_} {%p if y %} \\ gạch ngược `mã` [liên kết](http://x) $5"
    assert tasks[1][2] == "Cục R&D <Dữ liệu> | Thử"
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert html.count("<h1>") == 1 and html.count("<ul>") == 2, "plan text starts no heading and no list"
    assert "<script>" not in html and "<b>" not in html
    assert "R&amp;D &lt;AI&gt; | a" in html
    assert "Đoạn có {{ 7*7 }} và {% if x %}thẻ{% endif %} và |ống| và &lt;script&gt;x&lt;/script&gt;." in html


def test_markdown_blank_decision_is_visible():
    text = rendering.render("an-toan-2023", as_of=dt.date(2023, 9, 20), settings=SAFE_SETTINGS).text
    assert "| Quyết định | Số ……/QĐ-RD, ……, ngày …… tháng …… năm 2023 |" in text
    assert "None" not in text


def test_md_escape():
    assert rendering.md_escape("R&D <AI> | a") == "R&D \\<AI\\> \\| a"
    assert rendering.md_escape("{{ 7*7 }}") == "{{ 7\\*7 }}"
    assert rendering.md_escape("a\nb") == "a<br>b"
    assert rendering.md_escape("1. x") == "1\\. x"
    assert rendering.md_escape("1.1 x") == "1.1 x"
    assert rendering.md_escape("&amp; R&D") == "\\&amp; R&D"
    assert rendering.md_escape("bell\x07") == "bell"


# --------------------------------------------------------------------------- dates, numbering


def test_document_kind_over_the_title():
    assert rendering.document_kind("Kế hoạch hoạt động của Ủy ban Quốc gia về chuyển đổi số năm 2023") == (
        "KẾ HOẠCH",
        "Hoạt động của Ủy ban Quốc gia về chuyển đổi số năm 2023",
    )
    assert rendering.document_kind("Danh mục các nhiệm vụ trọng tâm") == ("DANH MỤC", "Các nhiệm vụ trọng tâm")
    assert rendering.document_kind("Năm dữ liệu số") == ("KẾ HOẠCH", "Năm dữ liệu số")


def test_dates_as_the_decree_writes_them():
    assert rendering.date_long(dt.date(2024, 1, 5)) == "ngày 05 tháng 01 năm 2024"
    assert rendering.date_long(dt.date(2024, 2, 15)) == "ngày 15 tháng 02 năm 2024"
    assert rendering.date_long(dt.date(2024, 3, 5)) == "ngày 05 tháng 3 năm 2024"
    assert rendering.date_long(dt.date(2023, 12, 29)) == "ngày 29 tháng 12 năm 2023"
    assert rendering.date_long(None, 2023) == "ngày      tháng      năm 2023"


def test_document_order_interleaves_tasks_and_sub_sections():
    assert sorted(["III.10", "III.2", "III.1"], key=rendering.natural_key) == ["III.1", "III.2", "III.10"]
    assert sorted(["PL.X", "PL.IX", "PL.V"], key=rendering.natural_key) == ["PL.V", "PL.IX", "PL.X"]
    assert sorted(["a", "e", "đ", "d"], key=rendering.natural_key) == ["a", "d", "đ", "e"]
    assert [rendering.numbering_label(x) for x in ("IV", "28", "2.1", "a", "đ", "PL", "D2")] == ["IV.", "28.", "2.1.", "a)", "đ)", "", ""]


def test_authority_of_the_decision():
    ministry = {"name": "Bộ Khoa học và Công nghệ", "kind": "ministry"}
    assert rendering.authority("BỘ TRƯỞNG", ministry) == "Bộ trưởng Bộ Khoa học và Công nghệ"
    assert rendering.authority(None, ministry) == "Bộ trưởng Bộ Khoa học và Công nghệ"
    board = {"name": "Ban Chỉ đạo chuyển đổi số của Bộ Khoa học và Công nghệ", "kind": "committee"}
    assert rendering.authority("KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN", board) == "Trưởng Ban Chỉ đạo chuyển đổi số của Bộ Khoa học và Công nghệ"
    assert rendering.authority("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", {"name": "Tỉnh Hòa Bình", "kind": "province"}) == "Tỉnh Hòa Bình"


# --------------------------------------------------------------------------- templates and targets


def test_broken_templates_name_the_file_and_line(tmp_path):
    cases = {
        "syntax.md.j2": ("# {{ plan.title }}\n\n{% for x in plans %}\n{{ x.title \n", ":4: "),
        "undefined.md.j2": ("# {{ plan.title }}\n{{ plan.no_such_key }}\n", ":2: "),
        "unsafe.md.j2": ("ok\n{{ plan.__class__.__mro__ }}\n", ":2: "),
    }
    for name, (source, where) in cases.items():
        path = tmp_path / name
        path.write_text(source, encoding="utf-8")
        with pytest.raises(CdsplanError) as error:
            rendering.render("an-toan-2023", template=str(path), as_of=AS_OF, settings=SAFE_SETTINGS)
        assert str(error.value).startswith(display(path) + where), str(error.value)
    assert "unsafe" in str(error.value)


def test_broken_docx_template_names_the_file_and_the_text_near_the_error(tmp_path):
    template = Document()
    template.add_paragraph("{{ plan.title }}")
    template.add_paragraph("{{ plan.no_such_key }}")
    template.save(tmp_path / "bad.docx")
    with pytest.raises(CdsplanError) as error:
        rendering.render(
            "an-toan-2023", template=str(tmp_path / "bad.docx"), output=tmp_path / "out.docx", as_of=AS_OF, settings=SAFE_SETTINGS
        )
    message = str(error.value)
    assert re.match(re.escape(display(tmp_path / "bad.docx")) + r":\d+: ", message)
    assert "no_such_key" in message and "near:" in message
    assert not (tmp_path / "out.docx").exists()
    (tmp_path / "notword.docx").write_text("hello", encoding="utf-8")
    with pytest.raises(UsageError, match="not a Word document"):
        rendering.render("an-toan-2023", template=str(tmp_path / "notword.docx"), as_of=AS_OF, settings=SAFE_SETTINGS)


def test_finding_templates():
    assert rendering.find_template(None, None, TEMPLATES) == (TEMPLATES / "plan.md.j2", "md")
    assert rendering.find_template(None, "docx", TEMPLATES) == (TEMPLATES / "plan.docx", "docx")
    assert rendering.find_template("report", None, TEMPLATES) == (TEMPLATES / "report.md.j2", "md")
    assert rendering.find_template("report", "docx", TEMPLATES) == (TEMPLATES / "report.docx", "docx")
    assert rendering.find_template("letter", "docx", TEMPLATES) == (TEMPLATES / "letter.docx", "docx")
    with pytest.raises(UsageError, match="did you mean 'report'"):
        rendering.find_template("reprot", None, TEMPLATES)
    with pytest.raises(UsageError, match="renders md, not docx"):
        rendering.find_template(str(TEMPLATES / "plan.md.j2"), "docx", TEMPLATES)


def test_choosing_plans(repo):
    _project, plans, base = documents.select_plans("2023", SETTINGS)
    assert [p.id for p in plans] == sorted(
        (p.id for p in repo.plans.values() if Path(p.file).parent.name == "2023"), key=lambda i: repo.plans[i].file
    )
    assert base == "ke-hoach-2023"
    _project, plans, base = documents.select_plans(str(PLANS / "2024" / "btttt-ndcds-2024.yaml"), SETTINGS)
    assert [p.id for p in plans] == ["btttt-ndcds-2024"] and base == "btttt-ndcds-2024"
    with pytest.raises(UsageError, match="did you mean 'ubqgcds-2023'"):
        documents.select_plans("ubqgcds-2032", SETTINGS)
    with pytest.raises(UsageError, match="no plans for 1999"):
        documents.select_plans("1999", SETTINGS)


def test_a_target_the_system_cannot_look_up_is_no_such_plan(monkeypatch):
    """A name too long to look up (ENAMETOOLONG), or any other OSError on it, is a plan id that
    no plan has: the usage error, not an internal one."""
    with pytest.raises(UsageError, match="no plan 'a{300}'"):
        documents.select_plans("a" * 300, SAFE_SETTINGS)

    def refuse(self: Path) -> bool:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "exists", refuse)
    with pytest.raises(UsageError, match="no plan 'khong-co'"):
        documents.select_plans("khong-co", SAFE_SETTINGS)
    _project, plans, _base = documents.select_plans("an-toan-2023", SAFE_SETTINGS)
    assert [plan.id for plan in plans] == ["an-toan-2023"]


def test_plans_with_errors_are_not_rendered(tmp_path):
    shutil.copytree(SAFE / "plans", tmp_path / "plans")
    broken = tmp_path / "plans" / "2023" / "an-toan-2023.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("lead: ha-noi", "laed: ha-noi"), encoding="utf-8")
    settings = settings_from(tmp_path, {"templates": str(TEMPLATES)}, None)
    with pytest.raises(
        CdsplanError, match=r"(?s)cannot render: .*an-toan-2023.yaml does not pass `cdsplan check`.*unknown key 'laed'"
    ) as info:
        rendering.render(str(broken), as_of=AS_OF, settings=settings)
    assert "unknown-key]" in str(info.value)


def test_render_refuses_what_check_rejects_with_checks_words(cli, repo_cwd):
    """The bad fixture: render exits 1 and prints check's own lines (the one path through the project)."""
    checked = cli("check", "tests/fixtures/bad/plans")
    run = cli("render", "tests/fixtures/bad/plans/2023/bad.yaml")
    assert run.code == 1 and run.out == ""
    errors = [line for line in checked.out.splitlines() if ": error: " in line]
    assert errors and all(line in run.err.splitlines() for line in errors)


def test_targets_sit_under_their_section_in_numbered_groups(repo):
    context = build_context([repo.plans["ubqgcds-2023"]], repo.registry, repo.occurrences)
    goals = context["plan"]["sections"][0]
    assert goals["id"] == "I" and len(goals["targets"]) == len(repo.plans["ubqgcds-2023"].targets)
    first = goals["targets"][0]
    assert (first["group"], first["label"]) == ("1. Dữ liệu số", "a)")
    assert [t["group"] for t in goals["targets"] if t["group"]] == [
        "1. Dữ liệu số",
        "2. Chính phủ số",
        "3. Kinh tế số",
        "4. Xã hội số",
        "5. An toàn, an ninh mạng",
    ]


# --------------------------------------------------------------------------- LibreOffice (optional)


def test_libreoffice_converts_the_documents_to_pdf(docx_files, tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    result = subprocess.run(
        [
            office,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, docx_files.values()),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for plan_id in docx_files:
        pdf = (tmp_path / f"{plan_id}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF")
        assert len(re.findall(rb"/Type\s*/Page\b", pdf)) > 1, "more than one page"


# --------------------------------------------------------------------------- the command line


def _has_render_command() -> bool:
    from cdsplan.cli import app

    return any((command.name or command.callback.__name__) in ("render", "render_command") for command in app.registered_commands)


needs_cli = pytest.mark.skipif(not _has_render_command(), reason="`cdsplan render` is not wired into cli.py yet")


@needs_cli
def test_cli_renders_markdown_to_standard_output(cli):
    run = cli("render", "an-toan-2023", "--as-of", "2023-09-20", cwd=SAFE)
    assert run.code == 0, run.err
    assert run.out.startswith("# Kế hoạch thử R&D \\<AI\\> \\| a năm 2023\n")


@needs_cli
def test_cli_writes_docx(cli, tmp_path):
    output = tmp_path / "ke-hoach.docx"
    run = cli("render", "an-toan-2023", "-o", str(output), "--as-of", "2023-09-20", cwd=SAFE)
    assert run.code == 0, run.err
    assert zipfile.is_zipfile(output)
    assert run.out == "" and "ke-hoach.docx" in run.err


@needs_cli
def test_cli_errors(cli, tmp_path):
    run = cli("render", "khong-co", cwd=SAFE)
    assert run.code == 2 and "no plan 'khong-co'" in run.err
    bad = tmp_path / "bad.md.j2"
    bad.write_text("ok\n{{ plan.titel }}\n", encoding="utf-8")
    run = cli("render", "an-toan-2023", "--template", str(bad), cwd=SAFE)
    assert run.code == 1 and f"{display(bad)}:2: " in run.err and "Traceback" not in run.err


def test_a_project_without_templates_uses_the_shipped_ones(tmp_path):
    from cdsplan.render.templates import find_template

    path, fmt = find_template("plan", None, tmp_path / "templates")
    assert (path.name, fmt) == ("plan.md.j2", "md") and path.is_file()
    path, fmt = find_template("plan", "docx", tmp_path / "templates")
    assert (path.name, fmt) == ("plan.docx", "docx") and path.is_file()
