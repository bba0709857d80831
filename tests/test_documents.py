"""Every kind of document an office sends, printed by LibreOffice and looked at (tests/doccheck.py).

The plan as issued (a decision with its appendix, a provincial Kế hoạch issued on its own with a
landscape Phụ lục), the progress report and the reminder letters: page size, margins, fonts,
header and title on their measured lines, rules, no cell overflow, no page left almost empty by
the layout; and where each part begins. Each document is converted once per test session
(doccheck.documents keeps conversions by the document's bytes; the renders are reproducible).
Marker `docs`: skipped without LibreOffice, a failure when CI is set.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document as new_docx  # noqa: N813 - a function that makes a new document

from cdsplan.render import documents
from cdsplan.render.office import WriterOptions
from cdsplan.settings import find_settings, settings_from

from . import doccheck
from .doccheck import require_soffice

ROOT = Path(__file__).resolve().parent.parent
SAFE = Path(__file__).resolve().parent / "fixtures" / "render"
SETTINGS = settings_from(ROOT, {}, None)
SAFE_SETTINGS = find_settings(SAFE)
FONTS = ["Times New Roman", "Liberation Serif"]
AS_OF = dt.date(2023, 9, 30)
SEPTEMBER = (dt.date(2023, 9, 1), dt.date(2023, 9, 30))
SENDER = WriterOptions("ubqgcds", None, "Hà Nội", "Nguyễn Văn A", "KT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH")
LETTERS = ["bo-khcn", "bo-tttt-vnpost", "da-nang"]  # a ministry, a unit of a ministry, a province (registry order)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """name -> (the printed document, the DOCX read back)."""
    require_soffice()
    folder = tmp_path_factory.mktemp("documents")
    paths = {
        "ubqgcds-2023": folder / "ubqgcds-2023.docx",
        "bkhcn-cds-2023-2025": folder / "bkhcn-cds-2023-2025.docx",
        "dn-cds-2024": folder / "dn-cds-2024.docx",
        "report": folder / "bao-cao.docx",
    }
    for plan_id in ("ubqgcds-2023", "bkhcn-cds-2023-2025"):
        documents.render(plan_id, fmt="docx", output=paths[plan_id], as_of=AS_OF, settings=SETTINGS)
    documents.render("dn-cds-2024", fmt="docx", output=paths["dn-cds-2024"], as_of=AS_OF, settings=SAFE_SETTINGS)
    documents.render(
        "2023",
        template="report",
        output=paths["report"],
        as_of=AS_OF,
        window=SEPTEMBER,
        agencies=("bo-khcn", "da-nang"),
        sender=SENDER,
        settings=SETTINGS,
    )
    from cdsplan.project import Project
    from cdsplan.render.letters import write_letters
    from cdsplan.render.office import writer
    from cdsplan.reports.answers import Question

    project = Project.open(SETTINGS)
    question = Question(*SEPTEMBER, AS_OF, tuple(LETTERS))
    written = write_letters(
        project,
        question,
        directory=folder / "cong-van",
        fmt="docx",
        template=None,
        writer=writer(SETTINGS, SENDER, project.registry, []),
        reply_days=10,
        templates=SETTINGS.templates,
        seconds=SETTINGS.template_seconds,
    )
    assert sorted(path.stem for path in written.letters) == sorted(LETTERS)
    paths.update({f"letter-{path.stem}": path for path in written.letters})
    names = list(paths)
    docs = doccheck.documents([paths[name] for name in names], folder / "pdf")
    return {name: (doc, new_docx(str(paths[name]))) for name, doc in zip(names, docs, strict=True)}


ALL = ["ubqgcds-2023", "bkhcn-cds-2023-2025", "dn-cds-2024", "report", *(f"letter-{agency}" for agency in LETTERS)]


def header_lines(docx) -> list[str]:
    cell = docx.tables[0].cell(0, 0)
    return [
        line for p in cell.paragraphs if p.style.name in ("Cơ quan chủ quản", "Cơ quan ban hành") for line in p.text.split("\n") if line
    ]


@pytest.mark.docs
@pytest.mark.parametrize("name", ALL)
def test_pages_margins_fonts_cells(printed, name):
    doc, _docx = printed[name]
    assert doc.page_size_is_a4(landscape=name == "dn-cds-2024") == []
    assert doc.margins_within(left=(30, 35), right=(15, 20), top=(20, 25), bottom=(20, 25)) == []
    assert doc.fonts_are(FONTS) == []
    assert doc.no_cell_overflow() == []
    assert doc.no_near_empty_pages() == []


@pytest.mark.docs
@pytest.mark.parametrize("name", ALL)
def test_header_and_title_fit_their_lines(printed, name):
    doc, docx = printed[name]
    lines = header_lines(docx)
    assert lines
    assert [finding for line in lines for finding in doc.text_fits_line(line, page=1)] == []
    assert doc.rule_under(lines[-1], page=1) == []
    assert doc.rule_under("Độc lập - Tự do - Hạnh phúc", min_ratio=0.98, max_ratio=1.02, page=1) == []
    titles = [p.text for p in docx.paragraphs if p.style.name == "Trích yếu" and p.text.strip()]
    for title in titles:
        assert doc.text_fits_line(title, title.split("\n")) == []


def first_page_of(doc, text: str) -> int:
    (line, *_rest) = doc.whole_lines(text)
    return line.page


def starts_a_page(doc, text: str) -> bool:
    """Whether text is the first line of its page (a page number above it aside)."""
    for line in doc.whole_lines(text):
        page = doc.pages[line.page - 1]
        above = [other for other in page.lines if other.bottom < line.bottom - 1 and not other.text.isdigit()]
        if not above:
            return True
    return False


@pytest.mark.docs
def test_the_decision_then_the_plan_then_the_appendix_each_from_a_new_page(printed):
    doc, _docx = printed["ubqgcds-2023"]
    assert starts_a_page(doc, "KẾ HOẠCH") and starts_a_page(doc, "PHỤ LỤC")
    signed = first_page_of(doc, "Phạm Minh Chính")
    assert signed < first_page_of(doc, "KẾ HOẠCH") < first_page_of(doc, "PHỤ LỤC")
    assert signed <= 3, "the decision's signature ends its first pages, not the appendix"
    assert doc.whole_lines("Phạm Minh Chính") and len(doc.whole_lines("Phạm Minh Chính")) == 1
    last = doc.pages[-1]
    assert not [line for line in last.lines if line.text in ("Nơi nhận:", "Phạm Minh Chính")]


@pytest.mark.docs
def test_a_catalogue_issued_by_its_decision(printed):
    doc, _docx = printed["bkhcn-cds-2023-2025"]
    assert starts_a_page(doc, "PHỤ LỤC")
    assert first_page_of(doc, "Huỳnh Thành Đạt") < first_page_of(doc, "PHỤ LỤC")
    assert not doc.whole_lines("KẾ HOẠCH"), "the decision attaches the Danh mục directly"


@pytest.mark.docs
def test_the_provincial_appendix_is_landscape(printed):
    doc, _docx = printed["dn-cds-2024"]
    page = doc.pages[first_page_of(doc, "PHỤ LỤC") - 1]
    assert page.width_mm > page.height_mm
    assert all(p.width_mm < p.height_mm for p in doc.pages if p.number < page.number)
    assert starts_a_page(doc, "PHỤ LỤC")


@pytest.mark.docs
def test_the_report_pictures_fit_their_pages(printed):
    _doc, docx = printed["report"]
    assert len(docx.inline_shapes) >= 2, "the bar chart and a timeline per agency"
    for shape in docx.inline_shapes:
        assert shape.height.mm <= 257 and shape.width.mm <= 165


@pytest.mark.docs
@pytest.mark.parametrize("agency", LETTERS)
def test_a_letter_opens_as_a_cong_van(printed, agency):
    doc, docx = printed[f"letter-{agency}"]
    subject = [p.text for cell in docx.tables[0]._cells for p in cell.paragraphs if p.style.name == "Trích yếu công văn"]
    assert subject and subject[0].startswith("V/v đôn đốc")
    assert [finding for line in subject[0].split("\n") for finding in doc.text_fits_line(line, page=1)] == []
    assert doc.find("Kính gửi:", page=1)
    assert doc.find("Nơi nhận:") and doc.find("- Như trên;")
    assert doc.find("Nguyễn Văn A")
