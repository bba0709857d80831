"""cdsplan.typography: measured widths, balanced breaks, rules, no-break spaces, the page."""

from __future__ import annotations

import importlib.util
import itertools
import json
import re
import unicodedata
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cdsplan import typography as ty
from cdsplan.typography import (
    MARGINS_MM,
    NBSP,
    TEMPLATE,
    TooManyLines,
    WordTooWide,
    break_lines,
    keep_together,
    rule_range,
    rule_width,
    text_width,
)

from .conftest import ROOT

AGENCY_CELL = TEMPLATE.agency_cell_pt
BODY = TEMPLATE.text_width_pt
TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")  # ngang, huyền, sắc, ngã, hỏi, nặng
VOWELS = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"


def vietnamese_letters() -> list[str]:
    """Every Vietnamese letter with every tone, both cases, in NFC."""
    letters = [unicodedata.normalize("NFC", vowel + tone) for vowel in VOWELS for tone in TONES]
    return letters + list("bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX")


# --------------------------------------------------------------------------- metrics


def test_metric_data_is_small_and_covers_vietnamese():
    path = ROOT / "src" / "cdsplan" / "fonts" / ty.METRICS_FILE
    assert path.stat().st_size < 40_000
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data["styles"]) == {"regular", "bold", "italic", "bold-italic"}
    metrics = ty._metrics()
    wanted = vietnamese_letters() + list("0123456789.,;:!?()[]/-–—…“”‘’\"'%&+=§") + [NBSP, " "]
    for style in metrics.styles.values():
        missing = [char for char in wanted if ord(char) not in style.widths]
        assert missing == []


def test_metric_data_is_what_the_script_makes():
    """The committed file is the script's output for the installed fonts (when there are)."""
    pytest.importorskip("fontTools")
    script = load_script("make_font_metrics")
    if not all((script.DEFAULT_FONT_DIR / name).is_file() for name in script.STYLES.values()):
        pytest.skip("fonts-liberation2 is not installed")
    committed = (ROOT / "src" / "cdsplan" / "fonts" / ty.METRICS_FILE).read_text(encoding="utf-8")
    assert script.dump(script.build(script.DEFAULT_FONT_DIR)) == committed


def test_text_width_in_points():
    # Times New Roman: the space is 0.25 em, "M" 0.889 em, digits 0.5 em
    assert text_width(" ", 12) == pytest.approx(3.0)
    assert text_width("2023", 14) == pytest.approx(28.0)
    assert text_width("M", 10) == pytest.approx(8.89, abs=0.01)
    # measured by LibreOffice in the PDF of bkhcn-ndcds-2023 (tests/test_doccheck.py checks it again)
    assert text_width("BỘ KHOA HỌC VÀ CÔNG NGHỆ", 12) == pytest.approx(176.3, abs=0.1)
    assert text_width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True) == pytest.approx(250.3, abs=0.1)
    assert text_width("Độc lập - Tự do - Hạnh phúc", 13, bold=True) == pytest.approx(159.1, abs=0.1)


def test_text_width_scales_with_size_and_style():
    text = "Chuyển đổi số quốc gia"
    assert text_width(text, 28) == pytest.approx(2 * text_width(text, 14))
    assert text_width(text, 14, bold=True) > text_width(text, 14)
    assert text_width("AMW", 14, italic=True) < text_width("AMW", 14)  # Times italic capitals are narrower
    assert text_width("", 14) == 0


def test_text_width_is_the_same_in_nfc_and_nfd():
    text = "Ủy ban Quốc gia về chuyển đổi số ỹ ợ ặ"
    assert text_width(unicodedata.normalize("NFD", text), 13) == pytest.approx(text_width(text, 13))


def test_text_width_of_unknown_and_invisible_characters():
    em = 14.0
    assert text_width("中", 14) == pytest.approx(ty.FALLBACK_EM * em)  # not in the data: one em
    assert text_width("\u200b\u00ad", 14) == 0  # zero-width space, soft hyphen
    assert text_width(NBSP, 14) == text_width(" ", 14)
    assert text_width("\t", 14) == text_width(" ", 14)
    assert text_width("ǹ", 14) == text_width("n", 14)  # a precomposed letter the data lacks: its base


def test_line_height_is_about_1_15_em():
    assert ty.line_height(14) == pytest.approx(14 * (1825 + 443) / 2048)


# --------------------------------------------------------------------------- breaking


def widths(lines: list[str], size: float = 12, bold: bool = True) -> list[float]:
    return [text_width(line, size, bold=bold) for line in lines]


def test_agency_name_of_the_issue_breaks_into_two_lines_with_no_lone_word():
    name = "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ CỦA BỘ KHOA HỌC VÀ CÔNG NGHỆ"
    lines = break_lines(name, AGENCY_CELL, 12, bold=True)
    assert lines == ["BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ CỦA", "BỘ KHOA HỌC VÀ CÔNG NGHỆ"]
    assert max(widths(lines)) <= AGENCY_CELL


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("BỘ KHOA HỌC VÀ CÔNG NGHỆ", ["BỘ KHOA HỌC VÀ CÔNG NGHỆ"]),
        ("BỘ THÔNG TIN VÀ TRUYỀN THÔNG", ["BỘ THÔNG TIN VÀ TRUYỀN THÔNG"]),
        ("ỦY BAN QUỐC GIA VỀ CHUYỂN ĐỔI SỐ", ["ỦY BAN QUỐC GIA", "VỀ CHUYỂN ĐỔI SỐ"]),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"]),
    ],
)
def test_agency_names_in_the_header_cell(name, expected):
    assert break_lines(name, AGENCY_CELL, 12, bold=True) == expected


def test_lines_are_even():
    text = "Triển khai Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ về Ngày Chuyển đổi số quốc gia trong năm 2023"
    lines = break_lines(text, BODY, 14, bold=True)
    assert len(lines) == 2
    first, second = widths(lines, 14)
    assert abs(first - second) < 40  # first fit would leave 455 pt over 314 pt


def test_no_break_spaces_do_not_break():
    text = keep_together("Kế hoạch số 12/KH-UBND ngày 15 tháng 9 năm 2024 của Ủy ban nhân dân tỉnh")
    lines = break_lines(text, 200, 14)
    assert any("ngày\u00a015\u00a0tháng\u00a09\u00a0năm\u00a02024" in line for line in lines)
    assert any("Kế\u00a0hoạch\u00a0số\u00a012/KH-UBND" in line for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_breaking_spaces_collapse_and_lines_are_nfc():
    lines = break_lines(unicodedata.normalize("NFD", "  Bộ   Y  tế \n"), 500, 12)
    assert lines == [unicodedata.normalize("NFC", "Bộ Y tế")]
    assert break_lines("   ", 100, 12) == []


def test_a_word_wider_than_the_line_is_reported_with_the_best_lines():
    with pytest.raises(WordTooWide) as raised:
        break_lines("VỀ CHUYỂNĐỔISỐQUỐCGIATHÔNGMINH NĂM 2024", 100, 12, bold=True)
    error = raised.value
    assert error.word == "CHUYỂNĐỔISỐQUỐCGIATHÔNGMINH"
    assert error.word_pt > error.width_pt == 100
    assert "CHUYỂNĐỔISỐQUỐCGIATHÔNGMINH" in error.lines  # alone on its line
    assert error.lines[0] == "VỀ"
    assert "wider than the line" in str(error)


def test_more_lines_than_allowed_is_reported_with_the_best_lines():
    name = "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ CỦA BỘ KHOA HỌC VÀ CÔNG NGHỆ"
    with pytest.raises(TooManyLines) as raised:
        break_lines(name, AGENCY_CELL, 12, bold=True, max_lines=1)
    assert (raised.value.needed, raised.value.allowed) == (2, 1)
    assert raised.value.lines == break_lines(name, AGENCY_CELL, 12, bold=True)
    assert break_lines(name, AGENCY_CELL, 12, bold=True, max_lines=2) == raised.value.lines


def test_bad_arguments():
    with pytest.raises(ValueError):
        break_lines("a b", 0, 12)
    with pytest.raises(ValueError):
        break_lines("a b", 100, -1)


def test_a_40_word_name_is_broken_within_its_cell():
    name = " ".join(["BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ CỦA BỘ KHOA HỌC VÀ CÔNG NGHỆ"] * 4)[:400]
    assert len(name.split()) >= 40
    lines = break_lines(name, AGENCY_CELL, 12, bold=True)
    assert " ".join(lines) == name and max(widths(lines)) <= AGENCY_CELL


def test_past_the_cap_lines_are_filled_first_fit():
    text = " ".join(["Bộ", "Khoa", "học", "và", "Công", "nghệ"] * 200)  # 1200 words
    lines = break_lines(text, BODY, 14)
    assert lines == ty._first_fit(text.split(), [text_width(w, 14) for w in text.split()], text_width(" ", 14), BODY)


# Words of known widths: "i" × n is n × (0.278 em) wide at 1 pt per em (Times' "i" is 569/2048).
words_st = st.lists(st.integers(min_value=1, max_value=12).map(lambda n: "i" * n), min_size=1, max_size=9)


def brute_force(words: list[str], width: float) -> list[list[str]]:
    """Every way of breaking words into lines that fit."""
    found = []
    for cuts in itertools.product([False, True], repeat=len(words) - 1):
        lines, current = [], [words[0]]
        for word, cut in zip(words[1:], cuts, strict=False):
            if cut:
                lines.append(" ".join(current))
                current = [word]
            else:
                current.append(word)
        lines.append(" ".join(current))
        if all(text_width(line, 10) <= width + 1e-6 for line in lines):
            found.append(lines)
    return found


@settings(max_examples=200, deadline=None)
@given(words=words_st, width=st.floats(min_value=12, max_value=60))
def test_breaks_are_the_fewest_then_the_most_even(words, width):
    """Against every possible breaking: as few lines, the same narrowest widest line, and a
    lone short last word only when every setting with that many lines has one."""
    if max(text_width(word, 10) for word in words) > width:
        with pytest.raises(WordTooWide):
            break_lines(" ".join(words), width, 10)
        return
    lines = break_lines(" ".join(words), width, 10)
    assert " ".join(lines) == " ".join(words)
    every = brute_force(words, width)
    fewest = min(len(candidate) for candidate in every)
    assert len(lines) == fewest
    same_count = [candidate for candidate in every if len(candidate) == fewest]

    def orphan(candidate: list[str]) -> bool:
        last = candidate[-1]
        return len(candidate) > 1 and " " not in last and text_width(last, 10) < ty.ORPHAN_SHARE * width

    if orphan(lines):
        assert all(orphan(candidate) for candidate in same_count)
    allowed = [candidate for candidate in same_count if not orphan(candidate)] or same_count
    best_widest = min(max(widths(candidate, 10, False)) for candidate in allowed)
    assert max(widths(lines, 10, False)) == pytest.approx(best_widest, abs=1e-6)


def _cost_by_brute_force(words: list[str], width: float) -> tuple[float, float, list[list[str]]]:
    """The cost break_lines minimises, over every setting: the fewest lines; a lone short last
    word only when every such setting has one; the narrowest widest line; then, among the
    settings no line of which is wider than that, the least sum of squared line widths. Its
    best widest line, its best sum, and the settings that reach both."""

    def orphan(candidate: list[str]) -> bool:
        last = candidate[-1]
        return len(candidate) > 1 and " " not in last and text_width(last, 10) < ty.ORPHAN_SHARE * width

    every = brute_force(words, width)
    fewest = min(len(candidate) for candidate in every)
    same_count = [candidate for candidate in every if len(candidate) == fewest]
    allowed = [candidate for candidate in same_count if not orphan(candidate)] or same_count
    bound = min(max(widths(candidate, 10, False)) for candidate in allowed)
    within = [candidate for candidate in allowed if max(widths(candidate, 10, False)) <= bound + 1e-6]
    squares = {id(candidate): sum(w * w for w in widths(candidate, 10, False)) for candidate in within}
    least = min(squares.values())
    return bound, least, [candidate for candidate in within if squares[id(candidate)] <= least + 1e-6]


@settings(max_examples=300, deadline=None)
@given(words=words_st, width=st.floats(min_value=12, max_value=60))
def test_breaks_are_the_brute_forces_best(words, width):
    """The dynamic programme gives what trying every setting gives: the same lines, or, where
    settings tie, one of the tied ones."""
    if max(text_width(word, 10) for word in words) > width:
        return
    lines = break_lines(" ".join(words), width, 10)
    bound, least, best = _cost_by_brute_force(words, width)
    assert lines in best
    assert max(widths(lines, 10, False)) == pytest.approx(bound, abs=1e-6)
    assert sum(w * w for w in widths(lines, 10, False)) == pytest.approx(least, abs=1e-6)


@pytest.mark.parametrize("count", [40, ty.MAX_BALANCED_WORDS, 400])
def test_names_of_hundreds_of_words_break_keeping_every_word(count):
    """40 words had 2^39 settings to try; the balanced programme (to MAX_BALANCED_WORDS words)
    and first fit past it keep every word within the cell (their time: tests/hostile, issuer-40-words)."""
    name = " ".join(["BỘ", "THÔNG", "TIN", "VÀ", "TRUYỀN", "THÔNG"] * count)
    name = " ".join(name.split()[:count])
    lines = break_lines(name, AGENCY_CELL, 12, bold=True)
    assert " ".join(lines) == name and max(widths(lines)) <= AGENCY_CELL


# --------------------------------------------------------------------------- rules


def test_rule_is_between_a_third_and_a_half_of_the_line_above():
    lines = ["ỦY BAN QUỐC GIA", "VỀ CHUYỂN ĐỔI SỐ"]
    above = text_width(lines[-1], 12, bold=True)
    assert rule_range(lines, 12) == pytest.approx((above / 3, above / 2))
    assert rule_width(lines, 12) == pytest.approx(above * 5 / 12)
    assert rule_width(lines, 12, share=1 / 3) == pytest.approx(above / 3)
    assert rule_width(lines, 12, share=1 / 2) == pytest.approx(above / 2)
    assert rule_width(["Kế hoạch"], 14, bold=False) == pytest.approx(text_width("Kế hoạch", 14) * 5 / 12)


def test_rule_arguments():
    with pytest.raises(ValueError):
        rule_width([], 12)
    with pytest.raises(ValueError):
        rule_width(["BỘ Y TẾ"], 12, share=0.6)


# --------------------------------------------------------------------------- keep together


@pytest.mark.parametrize(
    ("text", "together"),
    [
        ("Hà Nội, ngày 15 tháng 9 năm 2024", ["ngày 15 tháng 9 năm 2024"]),
        ("……, ngày      tháng      năm 2023", ["ngày      tháng      năm 2023"]),
        ("từ tháng 9 năm 2024 đến", ["tháng 9 năm 2024"]),
        ("chủ đề năm 2023: Trí tuệ", ["năm 2023"]),
        ("trước ngày 05/9/2024.", ["ngày 05/9/2024"]),
        ("Quý IV/2024", ["Quý IV/2024"]),
        ("theo Quyết định số 505/QĐ-TTg ngày 22/4/2022 của", ["Quyết định số 505/QĐ-TTg", "ngày 22/4/2022"]),
        ("Kế hoạch số 12/KH-UBND", ["Kế hoạch số 12/KH-UBND"]),
        ("Nghị định 30/2020/NĐ-CP", ["Nghị định 30/2020/NĐ-CP"]),
        ("Báo cáo số 45/BC-UBND", ["Báo cáo số 45/BC-UBND"]),
        ("văn bản số 45/BC-UBND", ["số 45/BC-UBND"]),
        ("Quyết định số      /QĐ-BCĐCĐS", ["Quyết định số      /QĐ-BCĐCĐS"]),
        ("Số:      /QĐ-UBQGCĐS", ["Số:      /QĐ-UBQGCĐS"]),
        ("tại Điều 3, Khoản 2 và Điểm a", ["Điều 3", "Khoản 2", "Điểm a"]),
        ("Phụ lục I kèm theo Mục II", ["Phụ lục I", "Mục II"]),
        ("khoản 2 điều 15", ["khoản 2", "điều 15"]),
    ],
)
def test_keep_together(text, together):
    kept = keep_together(text)
    for phrase in together:
        assert phrase.replace(" ", NBSP) in kept
    assert kept.replace(NBSP, " ") == text


@pytest.mark.parametrize(
    "text",
    ["Mục tiêu của kế hoạch", "Phần mềm", "Điều chỉnh", "năm học", "hằng năm", "số hóa", "Chương trình hành động", "Mục Việc"],
)
def test_keep_together_leaves_ordinary_words(text):
    assert keep_together(text) == text


@settings(max_examples=200, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(
            [
                "ngày",
                "tháng",
                "năm",
                "2024",
                "15",
                "9",
                "số",
                "505/QĐ-TTg",
                "Quyết định",
                "Điều",
                "3",
                "Phụ lục",
                "I",
                "Mục",
                "II",
                "quý",
                "và",
                "Bộ",
                "  ",
                "Ngày",
                "\u0301",
            ]
        ),
        max_size=14,
    ).map(" ".join),
    width=st.none() | st.floats(min_value=10, max_value=300),
)
def test_keep_together_is_idempotent_and_nfc(text, width):
    once = keep_together(text, width, 12)
    assert keep_together(once, width, 12) == once
    assert unicodedata.is_normalized("NFC", once)
    assert once.replace(NBSP, " ") == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("Hà Nội, ngày 15 tháng 9 năm 2024", 60, "Hà Nội, ngày~15 tháng~9 năm~2024"),
        ("Hà Nội, ngày 15 tháng 9 năm 2024", 200, "Hà Nội, ngày~15~tháng~9~năm~2024"),
        ("theo Quyết định số 505/QĐ-TTg ngày 22/4/2022", 80, "theo Quyết định số~505/QĐ-TTg ngày~22/4/2022"),
        ("ngày      tháng      năm 2023", 60, "ngày      tháng      năm~2023"),
        ("Phụ lục I và Mục II", 50, "Phụ~lục~I và Mục~II"),
        ("trong Quý I/2023", 64, "trong Quý~I/2023"),
        ("trong Quý I/2023", 30, "trong Quý I/2023"),  # not even "Quý I/2023" fits
        ("Tháng 3/2023", TEMPLATE.task_cells_pt[4], "Tháng 3/2023"),  # 66.99 pt in the 66.9 pt column
    ],
)
def test_keep_together_in_a_narrow_column_binds_only_keyword_and_number(text, width, expected):
    assert keep_together(text, width, 12).replace(NBSP, "~") == expected
    assert keep_together(keep_together(text, width, 12), width, 12) == keep_together(text, width, 12)


def test_keep_together_normalises_to_nfc():
    assert keep_together(unicodedata.normalize("NFD", "năm 2023")) == "năm\u00a02023"


# --------------------------------------------------------------------------- the page and the template


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_decree_page_and_margins():
    assert (ty.PAGE.width_mm, ty.PAGE.height_mm) == (210, 297)
    assert MARGINS_MM == {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
    for side, value in TEMPLATE.margins_mm.items():
        low, high = MARGINS_MM[side]
        assert low <= value <= high, side
    assert ty.pt_to_mm(ty.mm_to_pt(165)) == pytest.approx(165)
    assert TEMPLATE.text_width_pt == pytest.approx(ty.mm_to_pt(165))


def test_template_geometry_is_the_scripts():
    script = load_script("make_docx_template")
    assert TEMPLATE.header_columns_cm == script.HEADER_COLUMNS_CM
    assert TEMPLATE.header_cell_margin_cm == script.HEADER_CELL_MARGIN_CM
    assert TEMPLATE.task_columns_cm == script.TASK_COLUMNS_CM
    assert TEMPLATE.task_cell_margin_cm == script.TASK_CELL_MARGIN_CM
    assert TEMPLATE.closing_columns_cm == script.CLOSING_COLUMNS_CM
    assert {side: value.mm for side, value in script.PAGE.items() if side in TEMPLATE.margins_mm} == pytest.approx(
        dict(TEMPLATE.margins_mm)
    )


def test_template_geometry_is_the_documents():
    """The widths the render measures against are those templates/plan.docx stores."""
    with zipfile.ZipFile(ROOT / "templates" / "plan.docx") as docx:
        document = docx.read("word/document.xml").decode()
        styles = docx.read("word/styles.xml").decode()
    columns = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', document)]
    header = [ty.cm_to_twips(cm) for cm in TEMPLATE.header_columns_cm]
    task = [ty.cm_to_twips(cm) for cm in TEMPLATE.task_columns_cm]
    assert columns[:2] == header and columns[2:7] == task
    margins = re.findall(r'<w:tblCellMar><w:left w:w="(\d+)"', document)
    assert [int(m) for m in margins] == [
        int(TEMPLATE.header_cell_margin_cm / 2.54 * 1440),
        int(TEMPLATE.task_cell_margin_cm / 2.54 * 1440),
    ]
    assert TEMPLATE.agency_cell_pt == pytest.approx((header[0] - 2 * 28) / 20)
    assert TEMPLATE.nation_cell_pt == pytest.approx((header[1] - 2 * 28) / 20)
    assert len(TEMPLATE.task_cells_pt) == 5
    page = re.search(r'<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"', document)
    assert page is not None
    top, right, bottom, left = (int(value) / 1440 * 25.4 for value in page.groups())
    assert (top, right, bottom, left) == pytest.approx(
        tuple(TEMPLATE.margins_mm[side] for side in ("top", "right", "bottom", "left")), abs=0.05
    )
    for name, style in TEMPLATE.styles.items():
        found = re.search(r'<w:style [^>]*>\s*<w:name w:val="' + re.escape(name) + r'"/>(.*?)</w:style>', styles, re.DOTALL)
        assert found, name
        body = found.group(1)
        size = re.search(r'<w:sz w:val="(\d+)"/>', body)
        assert size and int(size.group(1)) / 2 == style.size_pt, name
        assert ("<w:b/>" in body) is style.bold, name
        assert ("<w:i/>" in body) is style.italic, name


def test_the_header_reaches_into_the_side_margins():
    assert TEMPLATE.header_overhang_pt == pytest.approx(ty.mm_to_pt(3.5))
    assert TEMPLATE.agency_within_margins_pt == pytest.approx(ty.mm_to_pt(69))
    assert TEMPLATE.nation_within_margins_pt == pytest.approx(ty.mm_to_pt(89))
    assert TEMPLATE.agency_within_margins_pt < TEMPLATE.agency_cell_pt


def test_the_template_sizes_measure_the_national_title_on_one_line():
    title = TEMPLATE.styles["Quốc hiệu"]
    assert text_width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", title.size_pt, bold=title.bold) <= TEMPLATE.nation_cell_pt
