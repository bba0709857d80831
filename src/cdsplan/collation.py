"""Vietnamese alphabetical order for every list cdsplan shows (docs/collation.md).

The rule, in the order the levels are compared:

1. **Word by word** (syllable by syllable), left to right. Spaces and punctuation only
   separate words; a text that is a prefix of another, word for word, comes first.
2. Inside a word, **letters first** in the Vietnamese alphabet
   ``a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y (z)``,
   where f, j, w and z (foreign words) fall where they do in the Latin alphabet;
   then the word's **tone**: ngang < huyền < hỏi < ngã < sắc < nặng.
   Only when two words are the same at both of these does the next word decide.
3. A run of **digits** is one number, compared by value, and comes before any word:
   "Vụ 2" < "Vụ 10" < "Vụ A".
4. Then **case**, over the whole text: lower case before upper case.
5. Last, the NFC text itself, so that only equal texts have equal keys (a total order).

Sources: the letter order and the tone order are those of Unicode CLDR's ``vi`` standard
collation (common/collation/vi.xml: ``&̀<<̉<<̃<<́<<̣``, ``&a<ă<â``, ``&d<đ``, ``&e<ê``,
``&o<ô<ơ``, ``&u<ư``: modified letters are letters of their own at the primary level,
tones differ at the secondary level) and of Vũ Xuân Lương, *Quy tắc sắp xếp đơn vị từ vựng
trong từ điển tiếng Việt* (Vietlex), rules 1–2. CLDR, as any UCA tailoring, compares
secondaries only after the primaries of the *whole* string; Vietnamese dictionaries compare
syllable by syllable instead (Vietlex rule 4.3; Wikipedia, "Vietnamese alphabet" § Collation:
"tuân thủ" comes before "tuần chay"), and so does this module. The tone of a syllable is the
one tone mark it carries wherever it sits, so "hoà" and "hòa" (old and new placement), and
NFC and NFD input, compare alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .text import fold, nfc

__all__ = ["ALPHABET", "TONES", "Key", "agency_order", "sort_key", "sorted_vi"]

# The order of letters (CLDR vi; Vietlex rule 1), f j w z where the Latin alphabet has them.
ALPHABET = (
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
)
# Tone marks as NFD combining characters, in collation order after ngang (no mark).
TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng
# The marks that make a letter of their own: breve (ă), circumflex (â ê ô), horn (ơ ư).
_LETTER_MARKS = frozenset("\u0306\u0302\u031b")
_RANK = {unicodedata.normalize("NFD", letter): rank for rank, letter in enumerate(ALPHABET)}

# One segment: a number, or a word (letters with any Latin combining marks left after NFC).
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_SEGMENT = re.compile(rf"(\d+)|((?:[^\W\d_]|[{_MARKS}])+)")

# The key's first member packs levels 1–3 into one string whose plain string order is the
# collation order, so that sorting compares strings at C speed (a tuple of tuples per word was
# 40 times slower to sort). Each segment is written so that no code is the beginning of
# another, and comparing two strings compares segment by segment:
#   a number: "\x03", a character for its count of digits, the digits without leading zeros
#             (more digits, a larger number; as many, the digits decide);
#   a word:   "\x04", its letters, "\x01", its tones and other marks, "\x01", where a letter
#             is chr(0x40 + its place in ALPHABET), or "\x7f" and the letter itself for a
#             letter from outside the alphabet (after z, by code point); a tone is
#             chr(0x30 + 0…5), ngang (no mark) the lowest, and a foreign mark chr(0x40 +
#             its code point) after every tone.
# "\x01" below every letter and tone code puts a shorter word, or fewer marks, first; "\x03"
# below "\x04" puts numbers before words; a text that is, segment by segment, the beginning
# of another is the beginning of its code too, and comes first.
_NUMBER, _WORD, _END, _FOREIGN = "\x03", "\x04", "\x01", "\x7f"
Key = tuple[str, str, str]  # (letters and tones, case, the NFC text)


@lru_cache(maxsize=4096)  # a few hundred distinct letters in any real text
def _letter(char: str) -> tuple[str, str, str]:
    """(the letter's code, "" for a lone mark; its tone and other marks' codes; "1" if upper
    case, "0" if lower, "" for a lone mark) of one character."""
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    if unicodedata.combining(base):  # a mark on its own (after an unusual base)
        base, marks = "", decomposed
    lower = base.lower()
    letter_mark = next((mark for mark in marks if mark in _LETTER_MARKS), "")
    code = ""
    if base:
        rank = _RANK.get(lower + letter_mark)
        if rank is None:
            rank = _RANK.get(lower)
            letter_mark = ""  # "ĉ", "ŭ": a foreign modifier, kept as a secondary difference below
        code = chr(0x40 + rank) if rank is not None else _FOREIGN + lower[0]
    secondary = "".join(
        chr(0x30 + TONES[mark]) if mark in TONES else chr(0x40 + ord(mark))
        for mark in marks
        if mark != letter_mark and unicodedata.combining(mark)
    )
    case = ("1" if base.isupper() else "0") if base else ""
    return code, secondary, case


@lru_cache(maxsize=65536)  # words repeat: "Bộ", "Tỉnh", "Sở", "Thông tin"…
def _word(word: str) -> tuple[str, str]:
    """A word's code (see above) and its letters' case."""
    letters, marks, case = [], [], []
    for char in word:
        code, secondary, upper = _letter(char)
        letters.append(code)
        marks.append(secondary)
        case.append(upper)
    # One tone per syllable wherever its mark sits (hoà = hòa); ngang is the lowest.
    tones = "".join(marks) or "\x30"
    return _WORD + "".join(letters) + _END + tones + _END, "".join(case)


def _number(digits: str) -> str:
    if not digits.isascii():  # other scripts' decimal digits, by value
        digits = "".join(str(unicodedata.decimal(digit)) for digit in digits)
    digits = digits.lstrip("0") or "0"
    # No int(): Python refuses to convert more than 4,300 digits, and a text may hold more.
    return _NUMBER + chr(0x20 + min(len(digits), 0x10FFDF)) + digits


@lru_cache(maxsize=65536)  # lists are sorted again and again with the same names
def sort_key(text: str) -> Key:
    """The key that puts texts in Vietnamese order (see the module docstring):
    `sorted(names, key=sort_key)`. Opaque: compare keys, do not read them."""
    text = nfc(text)
    codes: list[str] = []
    case: list[str] = []
    for match in _SEGMENT.finditer(text):
        number, word = match.groups()
        if number is not None:
            codes.append(_number(number))
        else:
            code, letters_case = _word(word)
            codes.append(code)
            case.append(letters_case)
    return ("".join(codes), "".join(case), text)


def sorted_vi(texts: list[str] | tuple[str, ...]) -> list[str]:
    """texts in Vietnamese order."""
    return sorted(texts, key=sort_key)


# Agencies: the National Committee, then ministries and the agencies at their level, then
# provinces, then everyone else. Ministries (bộ, cơ quan ngang bộ) come before the agencies of
# the Government (cơ quan thuộc Chính phủ) as every document enumerates them: "các bộ, cơ quan
# ngang bộ, cơ quan thuộc Chính phủ".
_KIND_ORDER = {
    "committee": (0, 0),
    "ministry": (1, 0),
    "government-agency": (1, 1),
    "province": (2, 0),
}
_OTHERS = (3, 0)

# A province is looked up by its proper name ("Hà Nội" under H), not by the administrative word
# in front of it ("Tỉnh", "Thành phố"), as alphabetical lists of provinces do; "Bộ" stays, being
# the common first word of every ministry's official name: it keeps "Bộ …" together, ahead of
# the ministry-level Ngân hàng Nhà nước, Thanh tra Chính phủ, Văn phòng Chính phủ.
_PROVINCE_PREFIXES = (("uy ban nhan dan", "ubnd"), ("thanh pho", "tinh", "tp", "thu do"))


def _words_after(name: str, count: int) -> str:
    """name without its first count words (words as fold sees them, punctuation included)."""
    remainder = name
    for _ in range(count):
        remainder = re.sub(r"^\W*[^\W_]+", "", remainder, count=1)
    return remainder.lstrip(" .,-–—:")


def _proper_name(name: str) -> str:
    words = fold(name).split()
    skipped = 0
    for alternatives in _PROVINCE_PREFIXES:
        for prefix in alternatives:
            size = len(prefix.split())
            if words[skipped : skipped + size] == prefix.split():
                skipped += size
                break
    if skipped == 0 or skipped >= len(words):
        return name
    return _words_after(nfc(name), skipped)


def agency_order(kind: str, name: str, *, parent: str | None = None) -> tuple[int, int, Key, Key]:
    """The key for lists of agencies: by kind (committee; ministry, government-agency; province;
    the rest), then by name in Vietnamese order, a province by its proper name ("Tỉnh Bắc Ninh"
    as "Bắc Ninh", "Thành phố Hà Nội" as "Hà Nội"); the full name breaks ties. A committee that
    belongs to another agency (a ministry's steering committee: parent given) goes with the
    rest, not with the national bodies.
    `sorted(agencies, key=lambda a: agency_order(a.kind, a.name, parent=a.parent))`."""
    tier, within = _KIND_ORDER.get(kind, _OTHERS)
    if kind == "committee" and parent:
        tier, within = _OTHERS
    shown = _proper_name(name) if kind == "province" else name
    return (tier, within, sort_key(shown), sort_key(name))
