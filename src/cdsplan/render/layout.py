"""Typesetting for the Word documents: the header block of Nghị định 30/2020 for each kind of
issuer, lines broken by their measured width, rules a third to a half of the line above them,
and no-break spaces inside dates and references.

Everything is measured with `cdsplan.typography` against the cells of the templates
(`typography.TEMPLATE`): the layout engine (Word, LibreOffice) is given lines that fit, so it
never breaks them again ("NGHỆ" alone on a third line), and a rule under a block is as long as
the decree asks of the block's last line. Markdown gets the text as written: no line breaks,
no no-break spaces (a `Setter` with docx=False leaves text alone).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..agencies import Registry
from ..typography import (
    TEMPLATE,
    TWIPS_PER_PT,
    LineBreakError,
    break_lines,
    cell_width_pt,
    keep_together,
    rule_width,
)

# The style the templates give their rules (scripts/make_docx_template.py: "Đường kẻ").
RULE_STYLE_ID = "CdsRule"
# Words that do not end a line of a heading when the next line can take them: a line reads
# "BỘ THÔNG TIN" / "VÀ TRUYỀN THÔNG", not "BỘ THÔNG TIN VÀ" / "TRUYỀN THÔNG".
_JOINING = frozenset({"VÀ", "VỀ", "CỦA", "CHO", "VỚI", "TẠI", "TRONG", "THUỘC"})
_PROVINCE_BODY = "Ủy ban nhân dân"
REACH = 3  # a break moves back at most this many words
MIN_KEPT = 0.55  # and leaves at least this share of its line


class Rule:
    """A short centred rule: an empty paragraph of the template's rule style whose top border
    is length_pt long in a column width_pt wide. In a DOCX template `{{p x.rule }}` puts the
    paragraph in place of the tag's own; in Markdown it prints nothing."""

    def __init__(self, length_pt: float, width_pt: float) -> None:
        self.length_pt = length_pt
        self.width_pt = width_pt

    @property
    def side_twips(self) -> int:
        return max(0, round((self.width_pt - self.length_pt) / 2 * TWIPS_PER_PT))

    def __html__(self) -> str:
        side = self.side_twips
        return f'<w:p><w:pPr><w:pStyle w:val="{RULE_STYLE_ID}"/><w:ind w:left="{side}" w:right="{side}" w:firstLine="0"/></w:pPr></w:p>'

    def __str__(self) -> str:
        return ""

    def __bool__(self) -> bool:
        return True


@dataclass(frozen=True, slots=True)
class Setter:
    """Sets text for one output format: measured lines and no-break spaces for DOCX, the text as
    written for Markdown."""

    docx: bool

    def lines(self, text: str, width_pt: float, size_pt: float, *, bold: bool = False, italic: bool = False) -> list[str]:
        """text broken into the fewest, most even lines of width_pt (DOCX), or [text]."""
        text = text.strip()  # runs of spaces stay: a blank left for the office ("ngày      tháng")
        if not self.docx or not text:
            return [" ".join(text.split())] if text else []
        bound = keep_together(text, width_pt, size_pt, bold=bold, italic=italic)
        try:
            lines = break_lines(bound, width_pt, size_pt, bold=bold, italic=italic)
        except LineBreakError as exc:  # a word wider than the line: it stands alone and the engine breaks it
            lines = exc.lines
        return _phrases(lines, width_pt, size_pt, bold=bold, italic=italic)

    def block(self, text: str, width_pt: float, size_pt: float, *, bold: bool = False, italic: bool = False) -> str:
        """text as lines joined by line breaks (DOCX), or as written."""
        return "\n".join(self.lines(text, width_pt, size_pt, bold=bold, italic=italic))

    def text(self, text: str, width_pt: float = TEMPLATE.text_width_pt, size_pt: float = 14.0) -> str:
        """Running text (a paragraph, a cell) with dates and references kept together (DOCX)."""
        text = text.strip()
        return _together(text, width_pt, size_pt) if self.docx and text else text

    def rule(self, lines: Sequence[str], size_pt: float, width_pt: float, *, bold: bool = True, italic: bool = False) -> Rule | str:
        """The rule under a block of lines, 5/12 of the last one (Nghị định 30: 1/3 to 1/2)."""
        if not self.docx or not lines:
            return ""
        return Rule(rule_width(lines, size_pt, bold=bold, italic=italic), width_pt)


@functools.lru_cache(maxsize=8192)  # a report repeats each item's words for every agency that holds it
def _together(text: str, width_pt: float, size_pt: float) -> str:
    return keep_together(text, width_pt, size_pt)


def _phrases(lines: list[str], width_pt: float, size_pt: float, *, bold: bool, italic: bool) -> list[str]:
    """Lines that break before a joining word ("của", "về", "và") rather than after it or one
    word past it: "Ban hành Kế hoạch hoạt động" / "của Ủy ban Quốc gia …", not "… hoạt động
    của Ủy" / "ban Quốc gia …". A break moves only when the next line can take the words and
    the line keeps at least MIN_KEPT of its width; the number of lines never changes."""
    from ..typography import text_width

    lines = list(lines)
    for index in range(len(lines) - 1):
        words = lines[index].split(" ")
        # the rightmost joining word among the line's last REACH words, not its first word
        at = next((j for j in range(len(words) - 1, max(0, len(words) - REACH) - 1, -1) if j > 0 and words[j].upper() in _JOINING), None)
        if at is not None:
            kept, moved = " ".join(words[:at]), " ".join([*words[at:], lines[index + 1]])
            before = text_width(lines[index], size_pt, bold=bold, italic=italic)
            if (
                text_width(moved, size_pt, bold=bold, italic=italic) <= width_pt
                and text_width(kept, size_pt, bold=bold, italic=italic) >= MIN_KEPT * before
            ):
                lines[index], lines[index + 1] = kept, moved
                continue
        # else the next line's first words come up when a joining word closely follows them:
        # "… CHUYỂN ĐỔI SỐ" / "CỦA BỘ …", not "… CHUYỂN ĐỔI" / "SỐ CỦA BỘ …"
        following = lines[index + 1].split(" ")
        up = next((j for j in range(1, min(REACH, len(following))) if following[j].upper() in _JOINING), None)
        if up is not None:
            longer = " ".join([*words, *following[:up]])
            if text_width(longer, size_pt, bold=bold, italic=italic) <= width_pt:
                lines[index], lines[index + 1] = longer, " ".join(following[up:])
    return lines


# --------------------------------------------------------------------------- issuers


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def issuer(registry: Registry | None, agency_id: str) -> dict[str, Any]:
    """Who an agency is, as documents name it: `name` (the registry's), `formal` (the body that
    signs: "Ủy ban nhân dân thành phố Đà Nẵng" for a province), `header_parent` and
    `header_name` (what its header block prints: a unit under its parent without "của …"),
    `short`, `kind`, `parent`."""
    agency = registry.by_id.get(agency_id) if registry else None
    parent = registry.by_id.get(agency.parent) if registry and agency and agency.parent else None
    name = agency.name if agency else agency_id
    kind = agency.kind if agency else None
    formal = f"{_PROVINCE_BODY} {_lower_first(name)}" if kind == "province" else name
    header_name = formal
    if parent is not None:
        # "Ban Chỉ đạo chuyển đổi số của Bộ Khoa học và Công nghệ" under "BỘ KHOA HỌC VÀ CÔNG NGHỆ"
        suffix = re.compile(r"\s+(?:của|thuộc)\s+" + re.escape(parent.name) + r"\s*$", re.IGNORECASE)
        header_name = suffix.sub("", name) or name
    return {
        "id": agency_id,
        "name": name,
        "formal": formal,
        "short": (agency.short[0] if agency.short else agency.name) if agency else agency_id,
        "kind": kind,
        "parent": parent.name if parent else None,
        "header_parent": parent.name if parent else "",
        "header_name": header_name,
    }


def header(
    who: dict[str, Any] | None,
    *,
    number: str,
    place_date: str,
    setter: Setter,
    subject: str = "",
) -> dict[str, Any]:
    """The header block (Nghị định 30, Phụ lục I, mục II): on the left the parent agency
    (regular) and the issuing agency (bold) in capitals, broken to fit the cell inside the
    margins, a rule under them, the number; on the right the place and date; for a công văn
    the trích yếu ("V/v …") under the number. who None: the agency is left blank."""
    width = TEMPLATE.agency_within_margins_pt
    if who is None:
        parent_lines: list[str] = []
        agency_lines = ["……………"]
    else:
        parent_lines = setter.lines(who["header_parent"].upper(), width, 12) if who["header_parent"] else []
        if who["kind"] == "province":
            # "ỦY BAN NHÂN DÂN" on a line of its own, then the province (Nghị định 30, mẫu 1.x)
            rest = who["header_name"][len(_PROVINCE_BODY) :]
            agency_lines = [_PROVINCE_BODY.upper(), *setter.lines(rest.upper(), width, 12, bold=True)]
        else:
            agency_lines = setter.lines(who["header_name"].upper(), width, 12, bold=True)
    nation = TEMPLATE.nation_within_margins_pt
    return {
        "parent": "\n".join(parent_lines),
        "parent_lines": parent_lines,
        "agency": "\n".join(agency_lines),
        "agency_lines": agency_lines,
        "agency_rule": setter.rule(agency_lines, 12, TEMPLATE.agency_cell_pt),
        "number": setter.text(number, TEMPLATE.agency_cell_pt, 13),
        "place_date": setter.block(place_date, nation, 14, italic=True),
        "subject": setter.block(subject, width, 13) if subject else "",
    }


# A landscape page keeps the decree's margins: its text is as much wider as the page is.
LANDSCAPE_TEXT_PT = TEMPLATE.text_width_pt + (297 - 210) * 72 / 25.4


def title_block(setter: Setter, heading: str, title: str, attached: str, *, landscape: bool = False) -> dict[str, Any]:
    """The kind of document (QUYẾT ĐỊNH, KẾ HOẠCH, PHỤ LỤC, BÁO CÁO), its trích yếu on measured
    lines, the italic line under it, and the rule under the last of them (a third to a half of
    that line, Nghị định 30), measured across a portrait or a landscape page."""
    width = LANDSCAPE_TEXT_PT if landscape else TEMPLATE.text_width_pt
    title_lines = setter.lines(title, width, 14, bold=True)
    attached_lines = setter.lines(attached, width, 14, italic=True) if attached else []
    if attached_lines:
        rule = setter.rule(attached_lines, 14, width, bold=False, italic=True)
    else:
        rule = setter.rule(title_lines, 14, width, bold=True)
    return {"heading": heading, "title": "\n".join(title_lines), "attached": "\n".join(attached_lines), "rule": rule}


def signature(title: str | None, signer: str | None, setter: Setter) -> dict[str, Any]:
    """The signature block: the title lines in capitals, each broken to fit the cell, and the
    name (room for the signature and seal is the template's)."""
    width = cell_width_pt(TEMPLATE.closing_columns_cm[1], TEMPLATE.closing_cell_margin_cm)
    given = [line.strip() for line in (title or "").strip().split("\n") if line.strip()]
    lines = [part for line in given for part in setter.lines(line.upper(), width, 14, bold=True)]
    return {"title_lines": lines, "signer": (signer or "").strip()}


def recipients(lines: Sequence[str], setter: Setter) -> list[str]:
    """Nơi nhận, each line kept as written (11 pt, the left cell of the closing table)."""
    width = cell_width_pt(TEMPLATE.closing_columns_cm[0], TEMPLATE.closing_cell_margin_cm)
    return [setter.text(line, width, 11) for line in lines if line.strip()]
