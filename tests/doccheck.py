"""Checking documents by looking at them: DOCX -> PDF with LibreOffice, then the printed page.

    pdf = to_pdf(docx, out_dir)                 # soffice --headless --convert-to pdf
    doc = inspect(pdf)                          # pages: size, text lines, fonts, drawn lines
    assert doc.page_size_is_a4() == []          # every check returns readable findings
    assert doc.margins_within(left=(30, 35), right=(15, 20), top=(20, 25), bottom=(20, 25)) == []
    assert doc.fonts_are(["Times New Roman", "Liberation Serif"]) == []
    assert doc.text_fits_line("BỘ KHOA HỌC VÀ CÔNG NGHỆ") == []
    assert doc.rule_under("BỘ KHOA HỌC VÀ CÔNG NGHỆ", min_ratio=1 / 3, max_ratio=1 / 2) == []
    assert doc.no_cell_overflow() == [] and doc.no_near_empty_pages() == []

The PDF is read with pdfplumber (on pdfminer.six): pure Python and MIT-licensed, so CI needs
no compiler and no AGPL code (PyMuPDF is both faster and AGPL), and unlike pypdf it gives
every character's box, font and size and every drawn line and rectangle, which is what the
checks measure. Positions are in points from the page's top-left corner; a character's box
runs from its baseline up one font size (pdfminer's box for LibreOffice's fonts).

LibreOffice runs with a profile of its own in a temporary folder (one per test process), so
that parallel runs and a desktop LibreOffice never share or lock one.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pdfplumber

MM_PER_PT = 25.4 / 72
A4_MM = (210.0, 297.0)
CONVERT_TIMEOUT_S = 180  # a 40-page plan converts in a few seconds; a first run makes the profile
# Times New Roman's (and Liberation Serif's) ascent, in ems: a line's box starts this far above
# its baseline, while pdfminer's character boxes start a whole font size above it.
ASCENT_EM = 1825 / 2048
_SPACES = re.compile(r"[\s\u00a0\u202f\u2007]+")
CELL_PADDING_PT = 3.4  # the templates' cell margin, 0.12 cm


class DocCheckError(RuntimeError):
    """LibreOffice is missing or could not convert a document."""


# --------------------------------------------------------------------------- LibreOffice


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return os.environ.get("SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice() -> str:
    """The LibreOffice program; without it the calling test is skipped, or fails when the
    environment variable CI is set (CI installs LibreOffice: a missing one is a broken CI)."""
    import pytest

    program = soffice()
    if program is None:
        reason = "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui fonts-liberation2"
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {reason}")
        pytest.skip(reason)
    return program


_profile: Path | None = None


def _profile_dir() -> Path:
    global _profile
    if _profile is None:
        _profile = Path(tempfile.mkdtemp(prefix="cdsplan-lo-"))
        atexit.register(shutil.rmtree, _profile, ignore_errors=True)
    return _profile


def to_pdf(docx_path: Path | str, out_dir: Path | str) -> Path:
    """docx_path converted to out_dir/<stem>.pdf by LibreOffice (headless)."""
    return to_pdfs([docx_path], out_dir)[0]


_kept: Path | None = None


def _kept_dir() -> Path:
    global _kept
    if _kept is None:
        _kept = Path(tempfile.mkdtemp(prefix="cdsplan-pdf-"))
        atexit.register(shutil.rmtree, _kept, ignore_errors=True)
    return _kept


# Every conversion of this test session, by the document's bytes: a document rendered again
# by another test (the same plan, the same options) is not converted again.
_converted: dict[str, Path] = {}
_inspected: dict[str, Document] = {}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def to_pdfs(docx_paths: Sequence[Path | str], out_dir: Path | str) -> list[Path]:
    """Several documents in one LibreOffice run (starting it is most of the time); a document
    converted before in this session (the same bytes) is copied from its first conversion."""
    program = soffice()
    if program is None:
        raise DocCheckError("LibreOffice (soffice) is not installed")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sources = [Path(path).resolve() for path in docx_paths]
    targets = [out / f"{source.stem}.pdf" for source in sources]
    for target in targets:
        target.unlink(missing_ok=True)
    digests = [_digest(source) if source.is_file() else "" for source in sources]
    fresh = [(source, target, digest) for source, target, digest in zip(sources, targets, digests, strict=True) if digest not in _converted]
    for target, digest in zip(targets, digests, strict=True):
        if digest in _converted:
            shutil.copyfile(_converted[digest], target)
    if fresh:
        _convert(program, [source for source, _target, _digest in fresh], out)
        for _source, target, digest in fresh:
            if digest and target.is_file():
                kept = _kept_dir() / f"{digest}.pdf"
                shutil.copyfile(target, kept)
                _converted[digest] = kept
    return targets


def _convert(program: str, sources: Sequence[Path], out: Path) -> None:
    targets = [out / f"{source.stem}.pdf" for source in sources]
    command = [
        program,
        f"-env:UserInstallation={_profile_dir().as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        *map(str, sources),
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=CONVERT_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        raise DocCheckError(f"LibreOffice did not convert {', '.join(map(str, sources))} in {CONVERT_TIMEOUT_S} s") from exc
    missing = [str(source) for source, target in zip(sources, targets, strict=False) if not target.is_file()]
    if result.returncode != 0 or missing:
        raise DocCheckError(
            f"LibreOffice failed to convert {', '.join(missing) or 'the documents'} (exit {result.returncode}):\n"
            f"{result.stdout}{result.stderr}".rstrip()
        )


def documents(docx_paths: Sequence[Path | str], out_dir: Path | str) -> list[Document]:
    """The documents converted (to_pdfs) and inspected, each once per session."""
    pdfs = to_pdfs(docx_paths, out_dir)
    found = []
    for source, pdf in zip(docx_paths, pdfs, strict=True):
        digest = _digest(Path(source))
        if digest not in _inspected:
            _inspected[digest] = inspect(pdf)
        found.append(_inspected[digest])
    return found


# --------------------------------------------------------------------------- the printed page


def norm(text: str) -> str:
    """text as compared: NFC, every kind of space one space, no soft hyphens, stripped."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text).replace("\u00ad", "")).strip()


def _tight(text: str) -> str:
    return norm(text).replace(" ", "")


def family(font: str) -> str:
    """'CAAAAA+LiberationSerif-Bold' -> 'liberationserif'; 'TimesNewRomanPS-BoldMT' ->
    'timesnewroman': the family as letters only, without subset tag or style."""
    name = font.split("+", 1)[1] if re.match(r"^[A-Z]{6}\+", font) else font
    name = re.split(r"[-,]", name, maxsplit=1)[0]
    name = re.sub(r"(PS|MT|PSMT)$", "", name)
    return re.sub(r"[^a-z]", "", name.lower())


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float  # baseline - size
    bottom: float  # the baseline
    font: str
    size: float


@dataclass(frozen=True)
class TextLine:
    """Characters on one baseline with no gap wider than about half a space's worth of em
    between them and no table border between them: a line of one paragraph or cell."""

    page: int
    chars: tuple[Char, ...]

    @cached_property
    def text(self) -> str:
        return norm("".join(char.text for char in self.chars))

    @cached_property
    def _ink(self) -> tuple[Char, ...]:
        return tuple(char for char in self.chars if char.text.strip()) or self.chars

    @cached_property
    def x0(self) -> float:
        return min(char.x0 for char in self._ink)

    @cached_property
    def x1(self) -> float:
        return max(char.x1 for char in self._ink)

    @cached_property
    def top(self) -> float:
        return min(char.top for char in self.chars)

    @cached_property
    def bottom(self) -> float:
        return max(char.bottom for char in self.chars)

    @cached_property
    def ascent_top(self) -> float:
        """Where the line's box begins: its tallest character's ascent above the baseline."""
        return min(char.bottom - ASCENT_EM * char.size for char in self.chars)

    @cached_property
    def width(self) -> float:
        """From the first to the last printed character, spaces at either end left out."""
        return self.x1 - self.x0

    @cached_property
    def size(self) -> float:
        return max(char.size for char in self.chars)

    @cached_property
    def fonts(self) -> frozenset[str]:
        return frozenset(char.font for char in self.chars)


@dataclass(frozen=True)
class Segment:
    """A drawn straight line (or a hairline rectangle): table borders, paragraph rules."""

    x0: float
    x1: float
    top: float
    bottom: float
    line_width: float

    @property
    def horizontal(self) -> bool:
        return self.bottom - self.top <= 1.0 and self.x1 - self.x0 > 1.0

    @property
    def vertical(self) -> bool:
        return self.x1 - self.x0 <= 1.0 and self.bottom - self.top > 1.0

    @property
    def length(self) -> float:
        return max(self.x1 - self.x0, self.bottom - self.top)


@dataclass(frozen=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class Page:
    number: int  # from 1
    width_pt: float
    height_pt: float
    chars: list[Char]
    segments: list[Segment]
    tables: list[list[Box]]  # the cells of each ruled table
    lines: list[TextLine] = field(default_factory=list)
    images: list[Box] = field(default_factory=list)  # pictures (the report's charts)
    _below: dict[int, TextLine | None] = field(default_factory=dict, repr=False)

    @property
    def width_mm(self) -> float:
        return self.width_pt * MM_PER_PT

    @property
    def height_mm(self) -> float:
        return self.height_pt * MM_PER_PT

    @property
    def fonts(self) -> frozenset[str]:
        return frozenset(char.font for char in self.chars)

    def below(self, line: TextLine) -> TextLine | None:
        """The next line of the same column: the nearest one under line that overlaps it
        sideways, no further than two of its sizes."""
        if id(line) in self._below:
            return self._below[id(line)]
        found = [
            other
            for other in self.lines
            if other.bottom > line.bottom + 0.5 * line.size
            and other.top < line.bottom + 2.0 * line.size
            and other.x0 < line.x1
            and other.x1 > line.x0
        ]
        nearest = min(found, key=lambda other: (other.bottom, abs(other.x0 - line.x0))) if found else None
        self._below[id(line)] = nearest
        return nearest


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _mm(pt: float) -> str:
    return f"{pt * MM_PER_PT:.1f} mm"


@dataclass
class Document:
    path: Path
    pages: list[Page]

    # ------------------------------------------------------------------ looking things up

    def page_count(self) -> int:
        return len(self.pages)

    @property
    def lines(self) -> list[TextLine]:
        return [line for page in self.pages for line in page.lines]

    @property
    def fonts(self) -> frozenset[str]:
        return frozenset(font for page in self.pages for font in page.fonts)

    def _page(self, line: TextLine) -> Page:
        return self.pages[line.page - 1]

    def whole_lines(self, text: str, page: int | None = None) -> list[TextLine]:
        """The printed lines that read exactly text."""
        wanted = norm(text)
        return [line for line in self.lines if line.text == wanted and (page is None or line.page == page)]

    def find(self, text: str, page: int | None = None, max_lines: int = 12) -> list[TextLine] | None:
        """The fewest consecutive lines of one column that hold text (spaces aside, so a word
        broken at a line's end is found too), or None."""
        wanted = _tight(text)
        if not wanted:
            raise ValueError("nothing to find")
        best: list[TextLine] | None = None
        for line in self.lines:
            if page is not None and line.page != page:
                continue
            chain = [line]
            joined = _tight(line.text)
            while True:
                at = joined.find(wanted)
                if at != -1:
                    if at < len(_tight(line.text)) and (best is None or len(chain) < len(best)):
                        best = chain
                    break
                following = self._page(chain[-1]).below(chain[-1])
                if following is None or len(chain) >= max_lines:
                    break
                chain = [*chain, following]
                joined += _tight(following.text)
            if best is not None and len(best) == 1:
                break
        return best

    def block(self, text: str, page: int | None = None) -> list[TextLine] | None:
        """The lines text is printed on: the whole lines that read it, else where find() has it."""
        whole = self.whole_lines(text, page)
        return whole[:1] or self.find(text, page)

    # ------------------------------------------------------------------ checks

    def page_size_is_a4(self, tolerance_mm: float = 0.5, *, landscape: bool = False) -> list[str]:
        """Every page is A4 portrait (or, with landscape, A4 either way: an appendix whose table
        is wide is set on a landscape page)."""
        sizes = [A4_MM, (A4_MM[1], A4_MM[0])] if landscape else [A4_MM]
        shape = "A4 (210 × 297 mm, either way)" if landscape else "A4 (210 × 297 mm portrait)"
        return [
            f"page {page.number} is {page.width_mm:.1f} × {page.height_mm:.1f} mm, not {shape}"
            for page in self.pages
            if not any(abs(page.width_mm - w) <= tolerance_mm and abs(page.height_mm - h) <= tolerance_mm for w, h in sizes)
        ]

    def fonts_are(self, families: Iterable[str]) -> list[str]:
        """Every character is set in one of families ("Times New Roman", "Liberation Serif")."""
        allowed = {re.sub(r"[^a-z]", "", name.lower()) for name in families}
        findings = []
        for font in sorted(self.fonts):
            if family(font) not in allowed:
                where = [(page.number, char.text) for page in self.pages for char in page.chars if char.font == font]
                sample = "".join(text for _, text in where[:30])
                findings.append(
                    f"font {font} ({len(where)} characters, first on page {where[0][0]}: {_short(sample)!r}) "
                    f"is not one of {', '.join(sorted(families))}"
                )
        return findings

    def _page_number_lines(self, page: Page, top_mm: float) -> list[TextLine]:
        return [line for line in page.lines if line.text.isdigit() and line.bottom < top_mm / MM_PER_PT]

    def margins_within(
        self,
        left: tuple[float, float] = (30, 35),
        right: tuple[float, float] = (15, 20),
        top: tuple[float, float] = (20, 25),
        bottom: tuple[float, float] = (20, 25),
        tolerance_mm: float = 0.3,
    ) -> list[str]:
        """Text and drawn lines keep inside the printable area of every page: no nearer to an
        edge than the smallest margin (page numbers in the top margin excepted, where Nghị định
        30 puts them). And the margins are not wider than the largest: somewhere in the document
        text reaches within the largest left, right and top margin (justified body text touches
        both side margins, each page's first line the top one). A page ends where a paragraph
        does, so the bottom is only held to its smallest margin."""
        findings: list[str] = []
        reach = {"left": float("inf"), "right": float("inf"), "top": float("inf")}
        for page in self.pages:
            exempt = self._page_number_lines(page, top[0])
            items: list[tuple[str, float, float, float, float]] = [
                (line.text, line.x0, line.x1, line.ascent_top, line.bottom) for line in page.lines if line not in exempt
            ]
            items += [("a drawn line", s.x0, s.x1, s.top, s.bottom) for s in page.segments]
            for side, (low, _high) in (("left", left), ("right", right), ("top", top), ("bottom", bottom)):
                worst: tuple[float, str] | None = None
                for text, x0, x1, y0, y1 in items:
                    distance = {"left": x0, "right": page.width_pt - x1, "top": y0, "bottom": page.height_pt - y1}[side]
                    if side in reach and text != "a drawn line":
                        reach[side] = min(reach[side], distance * MM_PER_PT)
                    if distance * MM_PER_PT < low - tolerance_mm and (worst is None or distance < worst[0]):
                        worst = (distance, text)
                if worst is not None:
                    findings.append(
                        f"page {page.number}: {_short(worst[1])!r} is {_mm(worst[0])} from the {side} edge, inside the {low:g} mm margin"
                    )
        for side, (_low, high) in (("left", left), ("right", right), ("top", top)):
            if reach[side] != float("inf") and reach[side] > high + tolerance_mm:
                findings.append(
                    f"no text comes nearer than {reach[side]:.1f} mm to the {side} edge: the {side} margin is wider than {high:g} mm"
                )
        return findings

    def text_fits_line(self, text: str, lines: Sequence[str] | None = None, *, page: int | None = None) -> list[str]:
        """text is printed on exactly one line (or, given lines, on exactly those lines, one
        under the other), not wrapped any further by the layout."""
        expected = [norm(line) for line in (lines if lines is not None else [text])]
        if " ".join(expected) != norm(text):
            raise ValueError(f"the lines {expected!r} do not make up {text!r}")
        found: list[TextLine] = []
        for want in expected:
            candidates = self.whole_lines(want, page)
            if found:
                following = self._page(found[-1]).below(found[-1])
                candidates = [line for line in candidates if line is following]
            if not candidates:
                return [self._describe(text, expected, page)]
            found.append(candidates[0])
        return []

    def _describe(self, text: str, expected: list[str], page: int | None) -> str:
        where = self.find(text, page)
        shape = " / ".join(repr(line) for line in expected)
        if where is None:
            return f"{_short(text)!r} is not in the document"
        printed = " / ".join(repr(line.text) for line in where)
        count = "one line" if len(expected) == 1 else f"{len(expected)} lines"
        return f"{_short(text)!r} should be printed as {count} {shape}, but page {where[0].page} has it on {len(where)}: {printed}"

    def not_split(self, phrase: str, *, page: int | None = None, forced_ok: bool = False) -> list[str]:
        """No occurrence of phrase ("năm 2023") is broken across two lines. With forced_ok, a
        break where the phrase is wider than its line's room (a narrow table column: its cell
        less CELL_PADDING_PT each side) is not a finding: no layout could keep it whole there."""
        wanted = _tight(phrase)
        findings = []
        for line in self.lines:
            if page is not None and line.page != page:
                continue
            own = _tight(line.text)
            following = self._page(line).below(line)
            if following is None:
                continue
            joined = own + _tight(following.text)
            start = max(0, len(own) - len(wanted) + 1)
            at = joined.find(wanted, start)
            while at != -1 and at < len(own):
                if at + len(wanted) > len(own) and not (forced_ok and self._wider_than_room(line, following, len(own) - at, len(wanted))):
                    findings.append(
                        f"page {line.page}: {phrase!r} is broken across lines: {_short(line.text[-40:])!r} / {_short(following.text)!r}"
                    )
                at = joined.find(wanted, at + 1)
        return findings

    def _wider_than_room(self, line: TextLine, following: TextLine, tail: int, total: int) -> bool:
        """Whether the phrase broken between line (its last `tail` ink characters) and following
        (the rest, to the end of the word it ends in: "15/9" of "15/9/2024" cannot break from
        its "/2024") is wider, as printed, than the room of the cell the line is in."""
        page = self._page(line)
        ink = [char for char in line.chars if char.text.strip()]
        rest: list[Char] = []
        for char in following.chars:
            if not char.text.strip():
                if len(rest) >= total - tail:
                    break
                continue
            rest.append(char)
        if not ink or not rest:
            return False
        space = 0.25 * line.size
        width = (ink[-1].x1 - ink[-tail].x0) + space + (rest[-1].x1 - rest[0].x0)
        middle = ((line.x0 + line.x1) / 2, (line.top + line.bottom) / 2)
        cell = next((c for cells in page.tables for c in cells if c.x0 <= middle[0] <= c.x1 and c.top <= middle[1] <= c.bottom), None)
        if cell is None:
            return False
        return width > cell.x1 - cell.x0 - 2 * CELL_PADDING_PT

    def rule_under(self, text: str, min_ratio: float = 1 / 3, max_ratio: float = 1 / 2, *, page: int | None = None) -> list[str]:
        """A horizontal line right under the block text is printed in, centred on the block's
        last line (within 2 pt) and min_ratio to max_ratio of that line's width."""
        block = self.block(text, page)
        if block is None:
            return [f"{_short(text)!r} is not in the document"]
        measured = self.rule_measure(block)
        if measured is None:
            return [f"page {block[-1].page}: no rule under {_short(text)!r}"]
        rule, ratio = measured
        last = block[-1]
        findings = []
        if not min_ratio - 0.005 <= ratio <= max_ratio + 0.005:
            findings.append(
                f"page {last.page}: the rule under {_short(text)!r} is {rule.length:.1f} pt, "
                f"{ratio:.2f} of the {last.width:.1f} pt line above it ({last.text!r}), "
                f"not {min_ratio:.2f}-{max_ratio:.2f}"
            )
        off = (rule.x0 + rule.x1) / 2 - (last.x0 + last.x1) / 2
        if abs(off) > 2.0:
            findings.append(f"page {last.page}: the rule under {_short(text)!r} is {off:+.1f} pt off the line's centre")
        return findings

    def rule_measure(self, block: Sequence[TextLine]) -> tuple[Segment, float] | None:
        """The rule under a block of lines and its length as a share of the last line."""
        last = block[-1]
        page = self._page(last)
        centre = (last.x0 + last.x1) / 2
        candidates = [
            segment
            for segment in page.segments
            if segment.horizontal
            and last.bottom - 1 <= segment.top <= last.bottom + 1.5 * last.size
            and segment.x0 <= centre <= segment.x1
            and segment.length < page.width_pt / 2  # a rule, not a table's border
        ]
        if not candidates:
            return None
        rule = min(candidates, key=lambda segment: segment.top)
        return rule, rule.length / last.width

    def no_cell_overflow(self, tolerance_pt: float = 0.5) -> list[str]:
        """No text of a ruled table runs out of its cell: each run of touching characters lies
        inside one cell (sideways within tolerance_pt; up and down, the part from the baseline
        to about the x-height, since glyph boxes of tightly spaced lines may touch a border)."""
        findings = []
        for page in self.pages:
            for cells in page.tables:
                outer = Box(min(c.x0 for c in cells), min(c.top for c in cells), max(c.x1 for c in cells), max(c.bottom for c in cells))
                for run in _runs(page.chars):
                    ink = [char for char in run if char.text.strip()]
                    if not ink:
                        continue
                    x0, x1 = min(c.x0 for c in ink), max(c.x1 for c in ink)
                    base = max(c.bottom for c in ink)
                    core_top = base - 0.5 * max(c.size for c in ink)
                    if x1 < outer.x0 or x0 > outer.x1 or base < outer.top or core_top > outer.bottom:
                        continue  # not in this table
                    first = ink[0]
                    middle = ((first.x0 + first.x1) / 2, (first.top + first.bottom) / 2)
                    home = next((c for c in cells if c.x0 <= middle[0] <= c.x1 and c.top <= middle[1] <= c.bottom), None)
                    text = "".join(char.text for char in run).strip()
                    if home is None:
                        findings.append(f"page {page.number}: {_short(text)!r} is outside every cell of a table")
                        continue
                    out = max(
                        home.x0 - x0 - tolerance_pt,
                        x1 - home.x1 - tolerance_pt,
                        home.top - core_top - tolerance_pt,
                        base - home.bottom - tolerance_pt,
                    )
                    if out > 0:
                        findings.append(
                            f"page {page.number}: {_short(text)!r} runs {out + tolerance_pt:.1f} pt out of its cell "
                            f"({_mm(home.x1 - home.x0)} wide)"
                        )
        return findings

    def no_near_empty_pages(self, min_fill: float = 0.25, top_mm: float = 20, bottom_mm: float = 20) -> list[str]:
        """No page but a document's last is filled less than min_fill of its printable height
        (from the top margin down to the lowest text or drawn line). The last page is a
        document's last; so is a page followed by one with no page number in its top margin,
        when the others have one: the template numbers every page but the first of each plan,
        so such a page starts the next plan."""
        findings = []
        numbered = [bool(self._page_number_lines(page, top_mm)) for page in self.pages]
        starts = {page.number for page, has in zip(self.pages, numbered, strict=False) if not has} if any(numbered) else set()
        for page in self.pages[:-1]:
            if page.number + 1 in starts:
                continue
            fill = self.fill(page.number, top_mm, bottom_mm)
            if fill < min_fill:
                findings.append(
                    f"page {page.number} of {len(self.pages)} is {fill:.0%} full (less than {min_fill:.0%}) "
                    f"and the next page goes on with the same document"
                )
        return findings

    def fill(self, number: int, top_mm: float = 20, bottom_mm: float = 20) -> float:
        """How full page number is, as no_near_empty_pages measures it: 0 empty, 1 full."""
        page = self.pages[number - 1]
        numbers = self._page_number_lines(page, top_mm)
        bottoms = [line.bottom for line in page.lines if line not in numbers] + [s.bottom for s in page.segments]
        bottoms += [image.bottom for image in page.images]  # a page holding a chart is as full as the chart
        top_pt, usable = top_mm / MM_PER_PT, page.height_pt - (top_mm + bottom_mm) / MM_PER_PT
        return max(0.0, (max(bottoms, default=top_pt) - top_pt) / usable)


def _runs(chars: Sequence[Char], gap_pt: float = 1.0) -> list[list[Char]]:
    """Characters that touch one another on a baseline (spaces included): a text that runs
    over a border stays one run, while two cells' texts are always apart by their margins."""
    runs: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (round(c.bottom, 1), c.x0)):
        if runs:
            last = runs[-1][-1]
            if abs(last.bottom - char.bottom) < 0.5 and -0.5 <= char.x0 - last.x1 <= gap_pt:
                runs[-1].append(char)
                continue
        runs.append([char])
    return runs


def _text_lines(number: int, chars: Sequence[Char], segments: Sequence[Segment]) -> list[TextLine]:
    rows: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (c.bottom, c.x0)):
        if rows and abs(rows[-1][0].bottom - char.bottom) <= 1.0:
            rows[-1].append(char)
        else:
            rows.append([char])
    borders = [segment for segment in segments if segment.vertical]
    lines = []
    for row in rows:
        row.sort(key=lambda c: c.x0)
        current = [row[0]]
        for char in row[1:]:
            previous = current[-1]
            gap = char.x0 - previous.x1
            between = any(
                previous.x1 - 0.5 <= border.x0 <= char.x0 + 0.5 and border.top <= char.bottom and border.bottom >= char.top
                for border in borders
            )
            if gap > 0.5 * max(char.size, previous.size) or between:
                lines.append(current)
                current = [char]
            else:
                current.append(char)
        lines.append(current)
    return [TextLine(number, tuple(line)) for line in lines if "".join(c.text for c in line).strip()]


def inspect(pdf_path: Path | str) -> Document:
    """The pages of a PDF as the checks see them."""
    pages = []
    with pdfplumber.open(pdf_path) as pdf:
        for number, raw in enumerate(pdf.pages, start=1):
            chars = [
                Char(
                    text=char["text"],
                    x0=float(char["x0"]),
                    x1=float(char["x1"]),
                    top=float(char["top"]),
                    bottom=float(char["bottom"]),
                    font=str(char["fontname"]),
                    size=float(char["size"]),
                )
                for char in raw.chars
            ]
            drawn = {
                Segment(
                    round(float(item["x0"]), 2),
                    round(float(item["x1"]), 2),
                    round(float(item["top"]), 2),
                    round(float(item["bottom"]), 2),
                    round(float(item.get("linewidth") or 0.0), 2),
                )
                for item in [*raw.lines, *raw.rects]
                if min(float(item["x1"]) - float(item["x0"]), float(item["bottom"]) - float(item["top"])) <= 2.0
            }  # a set: LibreOffice draws some lines twice
            segments = sorted(drawn, key=lambda s: (s.top, s.x0, s.x1, s.bottom))
            tables = [
                [Box(*map(float, cell)) for cell in table.cells]
                for table in raw.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
            ]
            images = [Box(float(i["x0"]), float(i["top"]), float(i["x1"]), float(i["bottom"])) for i in raw.images]
            page = Page(number, float(raw.width), float(raw.height), chars, segments, tables, images=images)
            page.lines = _text_lines(number, chars, segments)
            pages.append(page)
    return Document(Path(pdf_path), pages)
