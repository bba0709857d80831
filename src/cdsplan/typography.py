"""Typography measured, not guessed: text widths, line breaks, rules and the page of Nghị định 30.

    text_width(text, size_pt, bold=…, italic=…)        -> float: points on the page
    break_lines(text, width_pt, size_pt, bold=…)        -> list[str]: fewest lines, most even
    rule_width(lines, size_pt, bold=…)                  -> float: the short rule under a block
    keep_together(text)                                 -> str: NBSP inside dates, references
    PAGE, MARGINS_MM, TEMPLATE, cell_width_pt(…)        -> the page and the template's cells

Widths come from the advance widths of Liberation Serif (src/cdsplan/fonts/, made by
scripts/make_font_metrics.py), which is metric-compatible with Times New Roman: a line measured
here is as wide as Word or LibreOffice prints it in Times New Roman, kerning aside (left out,
so a measure is never shorter than the print). Everything here is pure and fast: no font files,
no fontTools, no layout engine at run time.

Nghị định 30/2020/NĐ-CP, Phụ lục I is the reference for the page (A4, margins), the sizes of
the header and title block, and the rules: under the agency name and under the trích yếu "đường
kẻ ngang, nét liền, có độ dài bằng từ 1/3 đến 1/2 độ dài của dòng chữ và đặt cân đối so với dòng
chữ"; under the tiêu ngữ a rule "có độ dài bằng độ dài của dòng chữ" (as long as its line).
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from .i18n import _

# --------------------------------------------------------------------------- #
# Font metrics
# --------------------------------------------------------------------------- #

METRICS_FILE = "liberation-serif.json"
# A character the metric data does not cover (and whose NFD base letter it does not cover
# either) is measured one em wide: wider than any Latin or Vietnamese letter (W is 0.94 em),
# so a measure with unknown characters errs on the long side and a line said to fit does.
FALLBACK_EM = 1.0
# Characters that print nothing: zero-width space, joiners, word joiner, soft hyphen, BOM.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\u00ad\ufeff")
# Tabs and line breaks in a text measured as one line count as one space.
_AS_SPACE = frozenset("\t\n\r\f\v")


@dataclass(frozen=True)
class _Style:
    widths: Mapping[int, int]  # code point -> advance width in font units
    ascent: int
    descent: int


@dataclass(frozen=True)
class _Metrics:
    units_per_em: int
    styles: Mapping[str, _Style]


@functools.cache
def _metrics() -> _Metrics:
    raw = json.loads((resources.files("cdsplan") / "fonts" / METRICS_FILE).read_text(encoding="utf-8"))
    styles: dict[str, _Style] = {}
    for name, style in raw["styles"].items():
        widths: dict[int, int] = {}
        for first, run in style["widths"]:
            for offset, width in enumerate(run):
                widths[first + offset] = width
        styles[name] = _Style(widths=widths, ascent=style["ascent"], descent=style["descent"])
    return _Metrics(units_per_em=raw["units_per_em"], styles=styles)


def _style_name(bold: bool, italic: bool) -> str:
    return {(False, False): "regular", (True, False): "bold", (False, True): "italic", (True, True): "bold-italic"}[(bold, italic)]


@functools.cache
def _char_units(char: str, style: str) -> int:
    """char's advance width in font units (see FALLBACK_EM for characters the data lacks)."""
    metrics = _metrics()
    widths = metrics.styles[style].widths
    if char in _INVISIBLE:
        return 0
    if char in _AS_SPACE:
        char = " "
    known = widths.get(ord(char))
    if known is not None:
        return known
    # A precomposed letter the data lacks prints as wide as its base letter (tone marks
    # are zero-width and sit above or below it): measure "ǹ" as "n".
    decomposed = unicodedata.normalize("NFD", char)
    if len(decomposed) > 1 and ord(decomposed[0]) in widths:
        return widths[ord(decomposed[0])]
    if unicodedata.combining(char):
        return 0
    return round(FALLBACK_EM * metrics.units_per_em)


def text_width(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """The width in points of text set on one line in Times New Roman at size_pt.

    The text is measured in NFC; a character outside the metric data is measured by its
    base letter, else one em (FALLBACK_EM); tabs and line breaks count as a space,
    zero-width characters and soft hyphens as nothing. No kerning, no letter spacing."""
    style = _style_name(bold, italic)
    units = sum(_char_units(char, style) for char in unicodedata.normalize("NFC", text))
    return units * size_pt / _metrics().units_per_em


def line_height(size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """The height of one single-spaced line in points (the font's Windows ascent plus descent,
    as Word and LibreOffice space Times New Roman: about 1.15 × size_pt)."""
    metrics = _metrics()
    style = metrics.styles[_style_name(bold, italic)]
    return (style.ascent + style.descent) * size_pt / metrics.units_per_em


# --------------------------------------------------------------------------- #
# Line breaking
# --------------------------------------------------------------------------- #

# Balanced breaking is a dynamic programme over word boundaries: about n² steps for n words
# (each line start tries only the ends that still fit). Past MAX_BALANCED_WORDS words the
# text is broken first-fit instead (still the fewest lines, but not evened out), so that no
# input, however long, costs more than a few milliseconds.
MAX_BALANCED_WORDS = 120
# A lone last word narrower than this share of the line is an orphan ("CÔNG / NGHỆ"):
# avoided whenever another break with the same number of lines fits.
ORPHAN_SHARE = 0.5
# Where a line may break: ASCII white space and the breaking spaces of Unicode. Never at a
# no-break space (U+00A0), narrow no-break space (U+202F) or figure space (U+2007).
_BREAKS = re.compile("[ \t\n\r\f\v\u1680\u2000-\u2006\u2008-\u200a\u205f\u3000]+")
_EPSILON = 1e-6  # points: widths are sums of floats


class LineBreakError(ValueError):
    """The text cannot be set as asked; `lines` holds the best lines there are, so that a
    caller can report the problem and still print something."""

    def __init__(self, message: str, lines: list[str]) -> None:
        super().__init__(message)
        self.lines = lines


class WordTooWide(LineBreakError):
    """A single word is wider than the line; it stands alone on its line in `lines`."""

    def __init__(self, word: str, word_pt: float, width_pt: float, lines: list[str]) -> None:
        super().__init__(
            _("'{word}' is {word_pt:.1f} pt wide, wider than the line of {width_pt:.1f} pt").format(
                word=word, word_pt=word_pt, width_pt=width_pt
            ),
            lines,
        )
        self.word = word
        self.word_pt = word_pt
        self.width_pt = width_pt


class TooManyLines(LineBreakError):
    """The text needs more lines than allowed; `lines` is its fewest-lines setting."""

    def __init__(self, needed: int, allowed: int, lines: list[str]) -> None:
        super().__init__(
            _("the text needs {needed} lines of this width, more than the {allowed} allowed").format(needed=needed, allowed=allowed),
            lines,
        )
        self.needed = needed
        self.allowed = allowed


def break_lines(
    text: str,
    width_pt: float,
    size_pt: float,
    *,
    bold: bool = False,
    italic: bool = False,
    max_lines: int | None = None,
) -> list[str]:
    """text (NFC) broken at spaces into the fewest lines no wider than width_pt, then the
    most even ones: the widest line as narrow as it can be, then the least ragged, and no
    short word alone on the last line when a break without one fits in as many lines.

    For centred headings: "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ CỦA BỘ KHOA HỌC VÀ CÔNG NGHỆ" at 12 pt
    bold in the 212.6 pt agency cell gives two lines of about even width, not three with
    "NGHỆ" alone. No-break spaces (see keep_together) never break; runs of breaking white
    space become one space. Work is bounded: see MAX_BALANCED_WORDS.

    Raises WordTooWide when a word alone is wider than width_pt, and TooManyLines when more
    than max_lines lines are needed; both carry the best lines in `.lines` (the wide word
    alone on its line), so the caller decides whether to report and go on."""
    if width_pt <= 0 or size_pt <= 0:
        raise ValueError(f"width_pt and size_pt must be positive, not {width_pt} and {size_pt}")
    words = [word for word in _BREAKS.split(unicodedata.normalize("NFC", text)) if word]
    if not words:
        return []
    widths = [text_width(word, size_pt, bold=bold, italic=italic) for word in words]
    space = text_width(" ", size_pt, bold=bold, italic=italic)
    lines = _first_fit(words, widths, space, width_pt) if len(words) > MAX_BALANCED_WORDS else _balanced(words, widths, space, width_pt)
    for word, word_pt in zip(words, widths, strict=False):
        if word_pt > width_pt + _EPSILON:
            raise WordTooWide(word, word_pt, width_pt, lines)
    if max_lines is not None and len(lines) > max_lines:
        raise TooManyLines(len(lines), max_lines, lines)
    return lines


def _first_fit(words: Sequence[str], widths: Sequence[float], space: float, width_pt: float) -> list[str]:
    """Greedy breaking: as many words on each line as fit (the fewest lines, not even)."""
    lines: list[list[str]] = []
    current = 0.0
    for word, word_pt in zip(words, widths, strict=False):
        if lines and current + space + word_pt <= width_pt + _EPSILON:
            lines[-1].append(word)
            current += space + word_pt
        else:
            lines.append([word])
            current = word_pt
    return [" ".join(line) for line in lines]


def _balanced(words: Sequence[str], widths: Sequence[float], space: float, width_pt: float) -> list[str]:
    n = len(words)
    # starts[i]: where words[i:] begins on the page; line(i, j) = words[i:j] is
    # starts[j] - starts[i] - space wide
    starts = [0.0]
    for word_pt in widths:
        starts.append(starts[-1] + word_pt + space)

    def line_pt(i: int, j: int) -> float:
        """The counted width of words[i:j]: a lone over-wide word counts as the line's width,
        so that it neither fails the search nor skews the evening out of the others."""
        if j == i + 1:
            return min(widths[i], width_pt)
        return starts[j] - starts[i] - space

    def ends(i: int) -> range:
        """The j for which words[i:j] fits on a line (a lone word always does)."""
        j = i + 1
        while j < n and line_pt(i, j + 1) <= width_pt + _EPSILON:
            j += 1
        return range(i + 1, j + 1)

    reach = [ends(i) for i in range(n)]
    count = len(_first_fit(words, widths, space, width_pt))  # first fit gives the fewest lines
    if count == 1:
        return [" ".join(words)]

    def orphan(i: int) -> bool:
        return i == n - 1 and widths[i] < ORPHAN_SHARE * width_pt

    inf = float("inf")
    # widest[l][j]: the narrowest possible widest line setting words[:j] on l lines
    widest = [[inf] * (n + 1) for _ in range(count)]
    widest[0][0] = 0.0
    for lines_before in range(count - 1):
        row, following = widest[lines_before], widest[lines_before + 1]
        for i in range(n):
            if row[i] == inf:
                continue
            for j in reach[i]:
                candidate = max(row[i], line_pt(i, j))
                if candidate < following[j] - _EPSILON:
                    following[j] = candidate

    def last_starts(avoid_orphans: bool) -> list[int]:
        return [i for i in range(n) if widest[count - 1][i] < inf and n in reach[i] and not (avoid_orphans and orphan(i))]

    candidates = last_starts(avoid_orphans=True) or last_starts(avoid_orphans=False)
    bound = min(max(widest[count - 1][i], line_pt(i, n)) for i in candidates) + _EPSILON
    # Among the settings whose lines are all within bound, the least ragged: the smallest sum
    # of squared line widths (with the number of lines fixed, the total is fixed too, so this
    # is the smallest spread). even[l][j] as widest[l][j]; back[l][j]: where its last line began.
    even = [[inf] * (n + 1) for _ in range(count)]
    back = [[-1] * (n + 1) for _ in range(count)]
    even[0][0] = 0.0
    for lines_before in range(count - 1):
        row, following, came = even[lines_before], even[lines_before + 1], back[lines_before + 1]
        for i in range(n):
            if row[i] == inf:
                continue
            for j in reach[i]:
                width = line_pt(i, j)
                if width > bound:
                    break
                candidate = row[i] + width * width
                if candidate < following[j] - _EPSILON:
                    following[j], came[j] = candidate, i
    allowed = set(candidates)
    best, best_cost = -1, inf
    for i in range(n):
        width = line_pt(i, n)
        if i in allowed and width <= bound and even[count - 1][i] + width * width < best_cost - _EPSILON:
            best, best_cost = i, even[count - 1][i] + width * width
    cuts = [n, best]
    for lines_before in range(count - 1, 0, -1):
        cuts.append(back[lines_before][cuts[-1]])
    cuts.reverse()
    return [" ".join(words[start:end]) for start, end in itertools.pairwise(cuts)]


# --------------------------------------------------------------------------- #
# Rules under the header and title blocks
# --------------------------------------------------------------------------- #

RULE_MIN_SHARE = 1 / 3
RULE_MAX_SHARE = 1 / 2
# The middle of the decree's range: the rule stays within 1/3-1/2 of its line even when the
# line prints up to a tenth wider or narrower than measured (another font, another size).
RULE_SHARE = (RULE_MIN_SHARE + RULE_MAX_SHARE) / 2


def rule_range(lines: Sequence[str], size_pt: float, *, bold: bool = True, italic: bool = False) -> tuple[float, float]:
    """The lengths in points that Nghị định 30 allows for the rule under a block of lines:
    from 1/3 to 1/2 of "the line of text" (dòng chữ), read as the line directly above the
    rule, the block's last line (with a well-broken block it is as wide as the others)."""
    if not lines:
        raise ValueError("a rule needs a line of text above it")
    above = text_width(lines[-1], size_pt, bold=bold, italic=italic)
    return above * RULE_MIN_SHARE, above * RULE_MAX_SHARE


def rule_width(lines: Sequence[str], size_pt: float, *, bold: bool = True, italic: bool = False, share: float = RULE_SHARE) -> float:
    """The length in points of the short rule under the agency name or the trích yếu: share
    (by default 5/12, the middle of the decree's 1/3-1/2) of the width of the line above it.
    The rule under the tiêu ngữ is not one of these: it is as long as its line,
    text_width("Độc lập - Tự do - Hạnh phúc", 13, bold=True)."""
    if not RULE_MIN_SHARE - _EPSILON <= share <= RULE_MAX_SHARE + _EPSILON:
        raise ValueError(f"share must be between 1/3 and 1/2, not {share}")
    low, high = rule_range(lines, size_pt, bold=bold, italic=italic)
    return low + (high - low) * (share - RULE_MIN_SHARE) / (RULE_MAX_SHARE - RULE_MIN_SHARE)


# --------------------------------------------------------------------------- #
# Words that stay together
# --------------------------------------------------------------------------- #

NBSP = "\u00a0"
_S = "[ \u00a0]+"  # a space, or one made non-breaking by an earlier pass (idempotence)
_DAY = r"\d{1,2}"
_YEAR = r"\d{4}"
# Kinds of documents a reference names ("Quyết định số 505/QĐ-TTg", "Nghị định 30/2020/NĐ-CP").
_DOCUMENT_KINDS = (
    "Quyết định|Nghị định|Nghị quyết|Thông tư liên tịch|Thông tư|Chỉ thị|Kế hoạch|Công văn|Báo cáo|"
    "Thông báo|Tờ trình|Hướng dẫn|Chương trình|Đề án|Quy chế|Quy định|Luật|Pháp lệnh|Lệnh|Công điện"
)
# A number and symbol: "505/QĐ-TTg", "30/2020/NĐ-CP", "12/KH-UBND"; a blank number too
# ("số      /QĐ-BCĐCĐS", when the office fills it in by hand).
_REFERENCE = r"\d*/[^\s/]+(?:/[^\s/]+)*"
# Each pattern starts at a word's start ((?<!\w) is added): "năm 2023" but not "hằngnăm".
_TOGETHER = [
    re.compile(r"(?<!\w)" + pattern)
    for pattern in (
        # ngày 15 tháng 9 năm 2024, and the blank "ngày      tháng      năm 2024"
        rf"(?i:ngày){_S}(?:{_DAY}{_S})?(?i:tháng){_S}(?:{_DAY}{_S})?(?i:năm){_S}{_YEAR}",
        rf"(?i:tháng){_S}{_DAY}{_S}(?i:năm){_S}{_YEAR}",  # tháng 9 năm 2024
        rf"(?i:tháng){_S}{_DAY}/{_YEAR}",  # tháng 9/2024
        rf"(?i:ngày){_S}{_DAY}[/.-]{_DAY}(?:[/.-]{_YEAR})?",  # ngày 05/9/2024, ngày 05/9
        rf"(?i:năm){_S}{_YEAR}",  # năm 2023
        rf"(?i:quý){_S}(?:IV|I{{1,3}}|[1-4])(?:/{_YEAR})?(?!\w)",  # quý IV/2024
        # Quyết định số 505/QĐ-TTg, Nghị định 30/2020/NĐ-CP, số 45/BC-UBND
        rf"(?:(?i:{_DOCUMENT_KINDS}){_S})?(?i:số):?{_S}{_REFERENCE}",  # "Số:      /QĐ-UBND" too
        rf"(?i:{_DOCUMENT_KINDS}){_S}{_REFERENCE}",
        # Điều 3, Khoản 2, Điểm a, Phụ lục I, Mục II, Chương IV, Phần 1
        rf"(?i:Điều|Khoản|Mục|Chương|Phần|Phụ{_S}lục|Tiểu{_S}mục){_S}(?:[IVXLC]+|\d+(?:\.\d+)*)(?!\w)",
        rf"(?i:Điểm){_S}[a-zđ](?!\w)",
    )
]


# In a phrase too wide for its line, only a keyword and the number after it stay together:
# "ngày 15" "tháng 9" "năm 2024", "số 505/QĐ-TTg", "Mục II", "Phụ lục I" (when that fits).
_PAIRS = re.compile(
    rf"(?<!\w)(?:(?i:Phụ|Tiểu)(?={_S}(?i:lục|mục))|(?i:ngày|tháng|năm|quý|số|Điều|Khoản|Điểm|Mục|Chương|Phần|lục|mục)"
    rf"(?=:?{_S}(?:\d|/|[IVXLC]+(?![^\W\d_])|[a-zđ](?!\w))))(:?)({_S})(\S*)"
)


def keep_together(text: str, width_pt: float | None = None, size_pt: float = 14.0, *, bold: bool = False, italic: bool = False) -> str:
    """text (NFC) with no-break spaces inside what must not break across lines: dates
    ("ngày 15 tháng 9 năm 2024", "tháng 9 năm 2024", "năm 2023", "ngày 05/9/2024", the blank
    "ngày      tháng      năm 2024" keeps its blanks), references ("Quyết định số
    505/QĐ-TTg", "Nghị định 30/2020/NĐ-CP", "số 45/BC-UBND") and parts of a document ("Điều
    3", "Khoản 2", "Điểm a", "Phụ lục I", "Mục II"). Each space becomes one no-break space, so
    widths stay the same. Idempotent; the result is NFC.

    Given the width of the line (a narrow table column: width_pt at size_pt), a phrase wider
    than the line is not bound whole, which would make Word and LibreOffice break it inside a
    word: only each keyword and its number stay together ("ngày 15" / "tháng 9" / "năm 2024"),
    and not even they when they are wider than the line ("Tháng 3/2023" in a 66.9 pt column).
    Breaks inside a reference at its "/" or "-" are the layout engine's; lines short enough
    (break_lines) avoid them."""
    text = unicodedata.normalize("NFC", text)

    def fits(phrase: str) -> bool:
        return width_pt is None or text_width(phrase, size_pt, bold=bold, italic=italic) <= width_pt

    def bind_pair(pair: re.Match[str]) -> str:
        return pair.group(0).replace(" ", NBSP) if fits(pair.group(0)) else pair.group(0)

    def bind(match: re.Match[str]) -> str:
        phrase = match.group(0)
        return phrase.replace(" ", NBSP) if fits(phrase) else _PAIRS.sub(bind_pair, phrase)

    for pattern in _TOGETHER:
        text = pattern.sub(bind, text)
    return text


# --------------------------------------------------------------------------- #
# The page (Nghị định 30/2020, Phụ lục I) and the template's cells
# --------------------------------------------------------------------------- #

PT_PER_MM = 72 / 25.4
TWIPS_PER_PT = 20


def mm_to_pt(mm: float) -> float:
    return mm * PT_PER_MM


def pt_to_mm(pt: float) -> float:
    return pt / PT_PER_MM


def cm_to_twips(cm: float) -> int:
    """As python-docx writes a length into the document (scripts/make_docx_template.py)."""
    return round(cm / 2.54 * 1440)


@dataclass(frozen=True)
class Page:
    """An A4 page in portrait, as Nghị định 30/2020 (Phụ lục I, mục I) asks."""

    width_mm: float = 210.0
    height_mm: float = 297.0


PAGE = Page()
# The decree's margins, (smallest, largest) in millimetres, for each side of the page.
MARGINS_MM: Mapping[str, tuple[float, float]] = {
    "top": (20.0, 25.0),
    "bottom": (20.0, 25.0),
    "left": (30.0, 35.0),
    "right": (15.0, 20.0),
}


@dataclass(frozen=True)
class TextStyle:
    """The size and face of one of the template's Word styles."""

    size_pt: float
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Template:
    """What templates/plan.docx is made of (scripts/make_docx_template.py), in the units the
    document stores: the page margins, the columns and cell margins of its tables, and the
    sizes of the styles whose text must fit a line. tests/test_typography.py checks these
    against the template file, so that the render measures against the real cells."""

    margins_mm: Mapping[str, float]
    header_columns_cm: tuple[float, float]  # agency | quốc hiệu
    header_cell_margin_cm: float
    task_columns_cm: tuple[float, ...]  # TT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian
    task_cell_margin_cm: float
    closing_columns_cm: tuple[float, float]  # Nơi nhận | signature
    closing_cell_margin_cm: float  # no margins of its own: Word's default, 0.19 cm
    styles: Mapping[str, TextStyle]

    @property
    def text_width_pt(self) -> float:
        """The width of the body text between the left and right margins."""
        return mm_to_pt(PAGE.width_mm - self.margins_mm["left"] - self.margins_mm["right"])

    @property
    def agency_cell_pt(self) -> float:
        """The width for text in the header's left cell (the agency names)."""
        return cell_width_pt(self.header_columns_cm[0], self.header_cell_margin_cm)

    @property
    def nation_cell_pt(self) -> float:
        """The width for text in the header's right cell (quốc hiệu, tiêu ngữ, place and date)."""
        return cell_width_pt(self.header_columns_cm[1], self.header_cell_margin_cm)

    @property
    def header_overhang_pt(self) -> float:
        """How far the centred header table reaches into each side margin (0.35 cm: it is
        17.2 cm wide over 16.5 cm of text, as offices set it)."""
        return max(0.0, (mm_to_pt(10 * sum(self.header_columns_cm)) - self.text_width_pt) / 2)

    @property
    def agency_within_margins_pt(self) -> float:
        """The widest centred line of the agency cell that stays inside the decree's margins:
        twice the distance from the cell's centre to the left margin. A line wider than this
        (up to agency_cell_pt) still fits the cell but prints up to 3.5 mm into the margin."""
        half = mm_to_pt(10 * self.header_columns_cm[0]) / 2 - self.header_overhang_pt
        return min(self.agency_cell_pt, 2 * half)

    @property
    def nation_within_margins_pt(self) -> float:
        """As agency_within_margins_pt, for the right cell and the right margin."""
        half = mm_to_pt(10 * self.header_columns_cm[1]) / 2 - self.header_overhang_pt
        return min(self.nation_cell_pt, 2 * half)

    @property
    def task_cells_pt(self) -> tuple[float, ...]:
        """The width for text in each column of the task table."""
        return tuple(cell_width_pt(column, self.task_cell_margin_cm) for column in self.task_columns_cm)


def cell_width_pt(column_cm: float, margin_cm: float) -> float:
    """The width in points left for text in a table column of column_cm with margin_cm on
    either side, rounded to twips as the document stores both."""
    return (cm_to_twips(column_cm) - 2 * cm_to_twips(margin_cm)) / TWIPS_PER_PT


TEMPLATE = Template(
    margins_mm={"top": 20.0, "bottom": 20.0, "left": 30.0, "right": 15.0},
    header_columns_cm=(7.6, 9.6),
    header_cell_margin_cm=0.05,
    task_columns_cm=(1.5, 6.5, 3.1, 2.8, 2.6),
    task_cell_margin_cm=0.12,
    closing_columns_cm=(8.0, 8.5),
    closing_cell_margin_cm=0.19,
    styles={
        "Cơ quan chủ quản": TextStyle(12),
        "Cơ quan ban hành": TextStyle(12, bold=True),
        "Quốc hiệu": TextStyle(12, bold=True),
        "Tiêu ngữ": TextStyle(13, bold=True),
        "Số, ký hiệu": TextStyle(13),
        "Địa danh, ngày tháng": TextStyle(14, italic=True),
        "Tên loại văn bản": TextStyle(14, bold=True),
        "Trích yếu": TextStyle(14, bold=True),
        "Ban hành kèm theo": TextStyle(14, italic=True),
        "Bảng - nội dung": TextStyle(12),
        "Chức vụ người ký": TextStyle(14, bold=True),
        "Người ký": TextStyle(14, bold=True),
        "Normal": TextStyle(14),
    },
)
