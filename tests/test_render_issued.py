"""The plan as it was issued: Quyết định, then Kế hoạch, then each Phụ lục, read back from the DOCX.

What the issue found wrong, each checked on the real plans: the whole decision missing and its
closing after the appendix (ubqgcds-2023), "Điều 2." as a section of the catalogue
(bkhcn-cds-2023-2025), rows numbered "0" repeating the paragraph above them, the appendix run on
mid-page without "PHỤ LỤC", a provincial plan without "ỦY BAN NHÂN DÂN" and no way to write a
Kế hoạch issued on its own. tests/test_documents.py looks at the printed pages.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from cdsplan.render import documents
from cdsplan.render.context import row_number
from cdsplan.render.layout import Setter, header, issuer
from cdsplan.settings import find_settings, settings_from
from cdsplan.typography import TEMPLATE, text_width

ROOT = Path(__file__).resolve().parent.parent
SAFE = Path(__file__).resolve().parent / "fixtures" / "render"
SETTINGS = settings_from(ROOT, {}, None)
SAFE_SETTINGS = find_settings(SAFE)
AS_OF = dt.date(2023, 9, 30)


def plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("issued")
    files = {}
    for plan_id in ("ubqgcds-2023", "bkhcn-cds-2023-2025", "btttt-ndcds-2024", "bkhcn-ndcds-2023"):
        files[plan_id] = folder / f"{plan_id}.docx"
        documents.render(plan_id, fmt="docx", output=files[plan_id], as_of=AS_OF, settings=SETTINGS)
    files["dn-cds-2024"] = folder / "dn-cds-2024.docx"
    documents.render("dn-cds-2024", fmt="docx", output=files["dn-cds-2024"], as_of=AS_OF, settings=SAFE_SETTINGS)
    return {plan_id: Document(path) for plan_id, path in files.items()}


def body_order(document) -> list[tuple[str, str, object]]:
    """The body in order: ("p", style, text) for paragraphs, ("tbl", "", table) for tables."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    items = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            items.append(("p", paragraph.style.name, paragraph.text))
        elif child.tag == qn("w:tbl"):
            items.append(("tbl", "", Table(child, document)))
    return items


def parts(document) -> list[list[tuple[str, str, object]]]:
    """The body cut at its section breaks: one list per part (each starts a new page)."""
    cut: list[list[tuple[str, str, object]]] = [[]]
    for child, item in zip(document.element.body.iterchildren(), body_order(document), strict=False):
        cut[-1].append(item)
        properties = child.find(qn("w:pPr"))
        if properties is not None and properties.find(qn("w:sectPr")) is not None:
            cut.append([])
    return [part for part in cut if part]


def texts(part, style: str) -> list[str]:
    return [plain(text) for kind, name, text in part if kind == "p" and name == style]


def task_rows(document) -> list[list[str]]:
    return [[plain(cell.text) for cell in row.cells] for table in document.tables if len(table.columns) == 5 for row in table.rows[1:]]


def test_ubqgcds_is_the_decision_then_the_plan_then_the_appendix(rendered):
    document = rendered["ubqgcds-2023"]
    decision, plan, appendix = parts(document)
    assert texts(decision, "Tên loại văn bản") == ["QUYẾT ĐỊNH"]
    assert texts(decision, "Trích yếu") == ["Ban hành Kế hoạch hoạt động của Ủy ban Quốc gia về chuyển đổi số năm 2023"]
    assert texts(decision, "Thẩm quyền ban hành") == ["CHỦ TỊCH ỦY BAN QUỐC GIA VỀ CHUYỂN ĐỔI SỐ"]
    basis = texts(decision, "Căn cứ")
    assert len(basis) == 9 and basis[-1] == "Theo đề nghị của Tổ trưởng Tổ công tác giúp việc Ủy ban Quốc gia về chuyển đổi số."
    assert texts(decision, "Quyết định") == ["QUYẾT ĐỊNH:"]
    articles = texts(decision, "Điều")
    assert [a[:7] for a in articles] == ["Điều 1.", "Điều 2.", "Điều 3."]
    assert "kế hoạch hành động cụ thể để thực hiện các nhiệm vụ trọng tâm chi tiết theo từng tháng" in articles[1]
    assert any(kind == "tbl" and plain(item.cell(0, 0).text).startswith("Nơi nhận:") for kind, _s, item in decision)
    assert texts(plan, "Tên loại văn bản") == ["KẾ HOẠCH"]
    assert texts(plan, "Ban hành kèm theo") == [
        "(Ban hành kèm theo Quyết định số /QĐ-UBQGCĐS ngày tháng năm 2023 của Chủ tịch Ủy ban Quốc gia về chuyển đổi số)"
    ]
    assert not any(kind == "tbl" and plain(item.cell(0, 0).text).startswith("Nơi nhận:") for kind, _s, item in (*plan, *appendix))
    assert texts(appendix, "Tên loại văn bản") == ["PHỤ LỤC"]
    assert texts(appendix, "Trích yếu") == ["Kế hoạch hành động trọng tâm Năm Dữ liệu số quốc gia"]
    assert texts(appendix, "Ban hành kèm theo") == texts(plan, "Ban hành kèm theo")
    assert "Kế hoạch hành động trọng tâm Năm Dữ liệu số quốc gia" not in texts(plan, "Heading 1")


def test_a_sections_opening_paragraph_that_is_a_task_is_printed_once(rendered, repository):
    document = rendered["ubqgcds-2023"]
    rows = task_rows(document)
    assert not [row for row in rows if row[0] == "0"], "no row numbered 0"
    plan = repository.plans["ubqgcds-2023"]
    everything = [plain(p.text) for p in document.paragraphs] + [cell for row in rows for cell in row]
    for task_id in ("III.0", "IV.0"):
        title = plain(plan.task(task_id).title)
        assert sum(title in text for text in everything) == 1, task_id


def test_bkhcn_article_2_is_in_the_decision_not_in_the_catalogue(rendered):
    document = rendered["bkhcn-cds-2023-2025"]
    decision, appendix = parts(document)
    articles = texts(decision, "Điều")
    assert [a[:7] for a in articles] == ["Điều 1.", "Điều 2.", "Điều 3.", "Điều 4."]
    points = [text for text in texts(decision, "Normal") if re.match(r"[a-d]\) Bổ sung", text)]
    assert [p[:2] for p in points] == ["a)", "b)", "c)", "d)"]
    headings = [plain(p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert not [h for h in headings if h.startswith("Điều")]
    assert not [
        row for row in task_rows(document) if "Triển khai các hoạt động diễn tập an toàn thông tin nâng cao" in row[1] and row[0] == "d)"
    ]
    assert texts(appendix, "Tên loại văn bản") == ["PHỤ LỤC"]
    assert texts(appendix, "Ban hành kèm theo") == [
        "(Ban hành kèm theo Quyết định số 3392/QĐ-BKHCN ngày 29 tháng 12 năm 2023 của Bộ trưởng Bộ Khoa học và Công nghệ)"
    ]
    place = plain(document.tables[0].cell(1, 1).text)
    assert place == "……, ngày 29 tháng 12 năm 2023", "the source states no place"


def test_btttt_headings_and_points_stand_where_the_document_has_them(rendered):
    rows = task_rows(rendered["btttt-ndcds-2024"])
    firsts = [row[0] for row in rows]
    assert "1. Cục Chuyển đổi số quốc gia chủ trì:" in firsts and "15. Trung tâm Thông tin chủ trì:" in firsts
    assert firsts[firsts.index("1. Cục Chuyển đổi số quốc gia chủ trì:") + 1] == "1.1"
    heading = next(i for i, row in enumerate(rows) if row[0].startswith("1.1. Phát động, tổ chức các hoạt động hưởng ứng"))
    assert "Bộ Thông tin và Truyền thông hướng dẫn một số hoạt động mang tính tham khảo như sau:" in rows[heading][0]
    assert [row[0] for row in rows[heading + 1 : heading + 7]] == ["a)", "b)", "c)", "d)", "đ)", "e)"]
    before = [row[0] for row in rows[:heading]]
    assert not [text for text in before if "hướng dẫn một số hoạt động mang tính tham khảo" in text and "4." not in text]


def test_a_provincial_plan_issued_on_its_own(rendered):
    document = rendered["dn-cds-2024"]
    plan, appendix = parts(document)
    agency = [p.text for p in document.tables[0].cell(0, 0).paragraphs if p.text.strip()]
    assert agency == ["ỦY BAN NHÂN DÂN\nTHÀNH PHỐ ĐÀ NẴNG"]
    assert plain(document.tables[0].cell(1, 0).text) == "Số: 125/KH-UBND"
    assert plain(document.tables[0].cell(1, 1).text) == "Đà Nẵng, ngày 20 tháng 5 năm 2024"
    assert texts(plan, "Tên loại văn bản") == ["KẾ HOẠCH"]
    assert texts(plan, "Ban hành kèm theo") == [], "no decision to be attached to"
    assert len(texts(plan, "Căn cứ")) == 2
    closing = next(item for kind, _s, item in plan if kind == "tbl" and plain(item.cell(0, 0).text).startswith("Nơi nhận:"))
    assert [plain(p.text) for p in closing.cell(0, 1).paragraphs if p.text.strip()] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần Văn Bình",
    ]
    assert texts(appendix, "Ban hành kèm theo") == [
        "(Kèm theo Kế hoạch số 125/KH-UBND ngày 20 tháng 5 năm 2024 của Ủy ban nhân dân thành phố Đà Nẵng)"
    ]
    sections = document.sections
    assert [s.orientation for s in sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE], "the appendix's table is too wide for portrait"
    wide = document.tables[-1]
    assert sum(column.width for column in wide.columns) > sum(column.width for column in document.tables[1].columns) * 1.4
    rows = task_rows(document)
    title = "Các sở, ban, ngành và UBND các quận, huyện ban hành kế hoạch chuyển đổi số năm 2024 của cơ quan, địa phương mình trong tháng 6/2024."
    assert not [row for row in rows if row[1] == title], "II.0 is the section's own paragraph, printed once"


def test_headers_by_kind_of_issuer(repository):
    registry = repository.registry
    setter = Setter(True)

    def lines(agency_id: str) -> tuple[list[str], list[str]]:
        block = header(issuer(registry, agency_id), number="Số:", place_date="Hà Nội, ngày 01 tháng 01 năm 2024", setter=setter)
        return block["parent_lines"], block["agency_lines"]

    assert lines("da-nang") == ([], ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ ĐÀ NẴNG"])
    assert lines("bo-khcn") == ([], ["BỘ KHOA HỌC VÀ CÔNG NGHỆ"])
    assert lines("bo-khcn-bcdcds") == (["BỘ KHOA HỌC VÀ CÔNG NGHỆ"], ["BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ"]), (
        "a unit under its parent, without 'của …'"
    )
    assert lines("bo-tttt") == ([], ["BỘ THÔNG TIN", "VÀ TRUYỀN THÔNG"]), "inside the margins, broken before 'VÀ'"
    for agency_id in ("da-nang", "bo-khcn", "bo-khcn-bcdcds", "bo-tttt", "ubqgcds"):
        for line in lines(agency_id)[1]:
            assert text_width(line, 12, bold=True) <= TEMPLATE.agency_within_margins_pt


def test_the_rule_under_a_block_is_5_12_of_its_last_line():
    from cdsplan.render.layout import Rule
    from cdsplan.typography import rule_width

    setter = Setter(True)
    rule = setter.rule(["ỦY BAN QUỐC GIA", "VỀ CHUYỂN ĐỔI SỐ"], 12, TEMPLATE.agency_cell_pt)
    assert isinstance(rule, Rule)
    assert rule.length_pt == pytest.approx(rule_width(["VỀ CHUYỂN ĐỔI SỐ"], 12))
    assert rule.length_pt == pytest.approx(text_width("VỀ CHUYỂN ĐỔI SỐ", 12, bold=True) * 5 / 12)
    assert 'w:pStyle w:val="CdsRule"' in rule.__html__() and str(rule) == ""
    assert Setter(False).rule(["X"], 12, 100) == ""


def test_a_long_name_is_broken_within_the_margins():
    name = " ".join(["BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ CỦA BỘ KHOA HỌC VÀ CÔNG NGHỆ"] * 4)
    lines = Setter(True).lines(name, TEMPLATE.agency_within_margins_pt, 12, bold=True)
    assert all(text_width(line, 12, bold=True) <= TEMPLATE.agency_within_margins_pt for line in lines)


def test_titles_break_before_a_joining_word():
    lines = Setter(True).lines(
        "Ban hành Kế hoạch hoạt động của Ủy ban Quốc gia về chuyển đổi số năm 2023", TEMPLATE.text_width_pt, 14, bold=True
    )
    assert [plain(line) for line in lines] == ["Ban hành Kế hoạch hoạt động", "của Ủy ban Quốc gia về chuyển đổi số năm 2023"]


def test_dates_and_references_are_kept_together():
    setter = Setter(True)
    text = setter.text("Triển khai Quyết định số 505/QĐ-TTg ngày 15 tháng 9 năm 2024 của Thủ tướng")
    assert "Quyết\u00a0định\u00a0số\u00a0505/QĐ-TTg" in text and "ngày\u00a015\u00a0tháng\u00a09\u00a0năm\u00a02024" in text
    assert Setter(False).text("ngày 15 tháng 9 năm 2024") == "ngày 15 tháng 9 năm 2024", "Markdown as written"


def test_row_numbers_as_the_documents_print_them():
    assert row_number("II.1", "II") == "1"
    assert row_number("III.1.a", "III") == "a)"
    assert row_number("III.1.1", "III") == "1.1"
    assert row_number("PL.I.1", "PL") == "1"
    assert row_number("PL.1.2", "PL") == "1.2"
    assert row_number("IV.1", "IV") == "1"


@pytest.mark.parametrize("count", [40, 400])
def test_an_issuer_name_of_hundreds_of_words_sets_its_header(count):
    """The header block of an issuer whose name runs to 40 or 400 words (the hostile corpus's
    issuer-40-words; its time is the corpus's to bound): every word kept, none over the cell."""
    from cdsplan.agencies import AgencyRecord, Registry

    registry = Registry([AgencyRecord("bo-yt", " ".join(["Bộ"] * count), kind="ministry")])
    block = header(issuer(registry, "bo-yt"), number="Số: 1/KH-BYT", place_date="Hà Nội, ngày 1 tháng 1 năm 2024", setter=Setter(True))
    assert " ".join(block["agency_lines"]).split() == ["BỘ"] * count
    assert max(text_width(line, 12, bold=True) for line in block["agency_lines"]) <= TEMPLATE.agency_within_margins_pt


def test_the_old_letter_counting_is_gone():
    import cdsplan.render.context as context

    assert not hasattr(context, "balanced_lines") and not hasattr(context, "progress_state") and not hasattr(context, "_summary")


PLAN = """schema: cdsplan/v1
id: thu-2024
title: Kế hoạch thử năm 2024
year: 2024
issuer: bo-yt
{decision}
sections:
  - id: I
    title: NHIỆM VỤ
    tasks:
      - {{id: I.1, title: Một, lead: bo-yt, when: Quý I/2024}}
  - id: PL
    title: Phụ lục
    appendix: true
    sections:
      - id: PL.1
        title: Nhóm
        appendix: {nested}
"""


@pytest.mark.parametrize(
    ("decision", "nested", "message"),
    [
        ("decision: null\nissued: {number: '1', symbol: KH-BYT}", "false", None),
        ("decision: {symbol: QĐ-BYT}\nissued: {number: '1'}", "false", "give `decision` or `issued`"),
        ("decision: {articles: ['Điều 1. Ban hành']}", "false", "without its number"),
        ("decision: {articles: [{text: Một, section: II}]}", "false", "names section 'II'"),
        ("decision: {articles: [{text: Một, section: PL}]}", "false", "an appendix"),
        ("decision: {symbol: QĐ-BYT}", "true", "only a top-level section can be an appendix"),
    ],
)
def test_what_a_plan_may_say_of_how_it_was_issued(tmp_path, cli, decision, nested, message):
    from .conftest import TINY_AGENCIES

    (tmp_path / "plans" / "2024").mkdir(parents=True)
    (tmp_path / "plans" / "agencies.yaml").write_text(TINY_AGENCIES, encoding="utf-8")
    (tmp_path / "plans" / "2024" / "thu.yaml").write_text(PLAN.format(decision=decision, nested=nested), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.cdsplan]\nplans = "plans"\n', encoding="utf-8")
    run = cli("check", cwd=tmp_path)
    if message is None:
        assert run.code == 0, run.out
    else:
        assert run.code == 1 and message in run.out, run.out
