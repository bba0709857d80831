"""Vietnamese order: the rule of docs/collation.md, on the cases that went wrong and the real registry."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest
import yaml  # type: ignore[import-untyped, unused-ignore]
from hypothesis import given
from hypothesis import strategies as st

from cdsplan.collation import agency_order, sort_key, sorted_vi
from cdsplan.text import nfc

from .conftest import PLANS, ROOT

DOC = ROOT / "docs" / "collation.md"


def _blocks(section: str) -> list[list[str]]:
    """The ```text blocks under a '## section' heading of docs/collation.md, as lists of lines."""
    text = DOC.read_text(encoding="utf-8")
    body = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return [block.strip("\n").split("\n") for block in re.findall(r"```text\n(.*?)```", body, re.DOTALL)]


def _agencies() -> list[dict[str, str]]:
    registry: dict[str, list[dict[str, str]]] = yaml.safe_load((PLANS / "agencies.yaml").read_text(encoding="utf-8"))
    return registry["agencies"]


def _shuffled(items: list[str], seed: int) -> list[str]:
    copy = list(items)
    random.Random(seed).shuffle(copy)
    return copy


@pytest.mark.parametrize("seed", range(5))
def test_the_documented_example_sorts_as_documented(seed: int) -> None:
    (example,) = _blocks("Worked example")
    assert len(example) > 30
    assert sorted_vi(_shuffled(example, seed)) == example


def test_the_documented_agency_example_sorts_as_documented() -> None:
    (example,) = _blocks("Agencies")
    rows = [re.split(r"\s{2,}", line.strip()) for line in example]
    known = {agency["name"]: agency for agency in _agencies()}
    for name, kind in rows:
        assert known[name]["kind"] == kind, name  # the doc shows the registry's real kinds
    names = [name for name, _kind in rows]

    def key(name):
        return agency_order(known[name]["kind"], name, parent=known[name].get("parent"))

    assert sorted(_shuffled(names, 1), key=key) == names


# -- the cases of the issue -----------------------------------------------------------------


def test_bac_lieu_does_not_fall_between_bac_kan_and_bac_ninh() -> None:
    provinces = ["Bắc Ninh", "Bạc Liêu", "Bắc Kạn", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bến Tre"]
    assert sorted_vi(provinces) == ["Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre"]


def test_dai_tieng_noi_sorts_after_dan_and_before_e_not_after_vinh_phuc() -> None:
    names = ["Vĩnh Phúc", "Email", "Đài Tiếng nói Việt Nam", "Dân tộc", "Yên Bái", "Điện Biên", "Đà Nẵng"]
    assert sorted_vi(names) == ["Dân tộc", "Đà Nẵng", "Đài Tiếng nói Việt Nam", "Điện Biên", "Email", "Vĩnh Phúc", "Yên Bái"]
    assert sorted(names).index("Đài Tiếng nói Việt Nam") > sorted(names).index("Vĩnh Phúc")  # code points: the bug


def test_the_media_group_is_not_among_the_provinces() -> None:
    agencies = sorted(_agencies(), key=lambda a: agency_order(a["kind"], a["name"], parent=a.get("parent")))
    kinds = [agency["kind"] for agency in agencies]
    first, last = kinds.index("province"), len(kinds) - 1 - kinds[::-1].index("province")
    assert set(kinds[first : last + 1]) == {"province"}  # the provinces are one unbroken run
    names = [agency["name"] for agency in agencies]
    assert names.index("Các cơ quan truyền thông, báo chí") > last
    assert names.index("Đài Tiếng nói Việt Nam") < first


# -- the rule, level by level -----------------------------------------------------------------


def test_letters_in_the_vietnamese_alphabet_with_foreign_letters_in_latin_order() -> None:
    letters = list("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
    assert sorted_vi(_shuffled(letters, 3)) == letters
    assert sorted_vi([letter.upper() for letter in _shuffled(letters, 4)]) == [letter.upper() for letter in letters]


def test_tones_after_letters_in_the_order_ngang_huyen_hoi_nga_sac_nang() -> None:
    for syllables in (["ba", "bà", "bả", "bã", "bá", "bạ"], ["mo", "mò", "mỏ", "mõ", "mó", "mọ"], ["ơ", "ờ", "ở", "ỡ", "ớ", "ợ"]):
        assert sorted_vi(_shuffled(syllables, 5)) == syllables
    # Letters first, whatever the tones: "ang" before "anh" (g < h), "ác" before "ách".
    assert sorted_vi(["ảnh", "áng", "ách", "ác"]) == ["ác", "ách", "áng", "ảnh"]


def test_word_by_word_a_syllables_tone_decides_before_the_next_word() -> None:
    # Dictionaries: "tuân thủ" before "tuần chay"; ICU, comparing all letters first, has it the other way.
    assert sorted_vi(["tuần chay", "tuân thủ"]) == ["tuân thủ", "tuần chay"]
    assert sorted_vi(["Bà Rịa", "Ba Vì", "Ba"]) == ["Ba", "Ba Vì", "Bà Rịa"]
    # A shorter word first: "Cà Mau" before "Cao Bằng"; punctuation only separates words.
    assert sorted_vi(["Cao Bằng", "Cà Mau", "Cà-Mau"]) == ["Cà Mau", "Cà-Mau", "Cao Bằng"]


def test_numbers_by_value_and_before_words() -> None:
    # 02 and 2 are the same number: the texts themselves break the tie.
    assert sorted_vi(["Vụ 10", "Vụ A", "Vụ 2", "Vụ", "Vụ 02"]) == ["Vụ", "Vụ 02", "Vụ 2", "Vụ 10", "Vụ A"]
    assert sorted_vi(["Quý IV/2023", "Quý I/2024", "Quý 1/2023"]) == ["Quý 1/2023", "Quý I/2024", "Quý IV/2023"]
    assert sorted_vi(["a", "2024", "10"]) == ["10", "2024", "a"]


def test_lower_case_before_upper_case_only_when_all_else_is_equal() -> None:
    assert sorted_vi(["BỘ Y TẾ", "Bộ Y tế", "bộ y tế", "bộ y tế a"]) == ["bộ y tế", "Bộ Y tế", "BỘ Y TẾ", "bộ y tế a"]


def test_nfd_input_and_old_tone_placement() -> None:
    for text in ("Hòa Bình", "Thừa Thiên Huế", "Đắk Lắk", "Bộ Thông tin và Truyền thông"):
        assert sort_key(unicodedata.normalize("NFD", text)) == sort_key(text)
    old, new = sort_key("Hoà Bình"), sort_key("Hòa Bình")
    assert old[:2] == new[:2]  # equal in every level: only the final tie-break tells them apart
    assert sorted_vi(["Hòa Bình", "Hoà Bình", "Hồ Chí Minh", "Hoa Lư"]) in (
        ["Hoa Lư", "Hoà Bình", "Hòa Bình", "Hồ Chí Minh"],
        ["Hoa Lư", "Hòa Bình", "Hoà Bình", "Hồ Chí Minh"],
    )


def test_foreign_and_odd_characters_sort_somewhere_stable() -> None:
    texts = ["Ωmega", "naïve", "Straße", "数据", "", " ", "—", "x\u0301y", "Zürich"]
    assert sorted_vi(texts) == sorted_vi(list(reversed(texts)))
    assert sorted_vi(["naïve", "naive", "nb"]) == ["naive", "naïve", "nb"]  # a foreign mark: secondary


# -- agencies ---------------------------------------------------------------------------------


def test_agencies_by_kind_then_name() -> None:
    rows = [
        ("unit", "Cục Chuyển đổi số quốc gia", None),
        ("province", "Tỉnh Bắc Ninh", None),
        ("government-agency", "Bảo hiểm xã hội Việt Nam", None),
        ("ministry", "Bộ Y tế", None),
        ("committee", "Ủy ban Quốc gia về chuyển đổi số", None),
        ("group", "Các cơ quan truyền thông, báo chí", None),
        ("committee", "Ban Chỉ đạo chuyển đổi số của Bộ Khoa học và Công nghệ", "bo-khcn"),
        ("person", "Thủ tướng Chính phủ", None),
        ("ministry", "Văn phòng Chính phủ", None),
        ("ministry", "Bộ Công an", None),
        ("something-new", "An", None),
    ]
    ordered = sorted(rows, key=lambda row: agency_order(row[0], row[1], parent=row[2]))
    assert [name for _kind, name, _parent in ordered] == [
        "Ủy ban Quốc gia về chuyển đổi số",
        "Bộ Công an",
        "Bộ Y tế",
        "Văn phòng Chính phủ",  # ministry-level, after the "Bộ …"
        "Bảo hiểm xã hội Việt Nam",  # an agency of the Government, after the ministries
        "Tỉnh Bắc Ninh",
        "An",  # an unknown kind goes with the rest
        "Ban Chỉ đạo chuyển đổi số của Bộ Khoa học và Công nghệ",  # a ministry's own committee
        "Các cơ quan truyền thông, báo chí",
        "Cục Chuyển đổi số quốc gia",
        "Thủ tướng Chính phủ",
    ]


def test_provinces_by_their_proper_names() -> None:
    provinces = [agency["name"] for agency in _agencies() if agency["kind"] == "province"]
    ordered = sorted(provinces, key=lambda name: agency_order("province", name))
    assert ordered[:16] == [
        "Tỉnh An Giang",
        "Tỉnh Bà Rịa - Vũng Tàu",
        "Tỉnh Bạc Liêu",
        "Tỉnh Bắc Giang",
        "Tỉnh Bắc Kạn",
        "Tỉnh Bắc Ninh",
        "Tỉnh Bến Tre",
        "Tỉnh Bình Dương",
        "Tỉnh Bình Định",
        "Tỉnh Bình Phước",
        "Tỉnh Bình Thuận",
        "Tỉnh Cà Mau",
        "Tỉnh Cao Bằng",
        "Thành phố Cần Thơ",
        "Thành phố Đà Nẵng",
        "Tỉnh Đắk Lắk",
    ]
    at = ordered.index("Thành phố Hà Nội")
    assert ordered[at - 1 : at + 2] == ["Tỉnh Hà Nam", "Thành phố Hà Nội", "Tỉnh Hà Tĩnh"]
    assert ordered[-1] == "Tỉnh Yên Bái"
    # The same name as a province and as a city: both there, next to each other, the full name deciding.
    at = ordered.index("Thành phố Huế")
    assert "Tỉnh Thừa Thiên Huế" in ordered and ordered[at + 1] == "Tỉnh Hưng Yên"


@pytest.mark.parametrize(
    ("name", "as_if"),
    [
        ("Tỉnh Bắc Ninh", "Bắc Ninh"),
        ("Thành phố Hà Nội", "Hà Nội"),
        ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
        ("UBND tỉnh Lào Cai", "Lào Cai"),
        ("Ủy ban nhân dân thành phố Hải Phòng", "Hải Phòng"),
        ("Tỉnh", "Tỉnh"),  # nothing left: the name as it is
    ],
)
def test_the_administrative_word_of_a_province_is_skipped(name: str, as_if: str) -> None:
    assert agency_order("province", name)[2] == sort_key(as_if)


def test_a_ministry_keeps_bo() -> None:
    assert agency_order("ministry", "Bộ Y tế")[2] == sort_key("Bộ Y tế")


# -- properties ---------------------------------------------------------------------------------

vietnamese = st.text(
    alphabet=st.sampled_from([*list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ 0123456789-,."), "̀", "́", "̃", "̉", "̣", "ộ", "ữ", "ẳ"]),
    max_size=20,
)
anything = st.text(max_size=20)


@given(st.one_of(vietnamese, anything), st.one_of(vietnamese, anything))
def test_the_key_is_a_total_order_consistent_with_equality_of_nfc_text(a: str, b: str) -> None:
    key_a, key_b = sort_key(a), sort_key(b)
    assert (key_a == key_b) == (nfc(a) == nfc(b))
    assert (key_a < key_b) + (key_a == key_b) + (key_a > key_b) == 1


@given(st.one_of(vietnamese, anything))
def test_nfd_input_gives_the_same_key(text: str) -> None:
    assert sort_key(unicodedata.normalize("NFD", text)) == sort_key(text)
    assert sort_key(unicodedata.normalize("NFC", text)) == sort_key(text)


@given(st.lists(st.one_of(vietnamese, anything), max_size=12))
def test_sorting_is_independent_of_the_input_order(texts: list[str]) -> None:
    assert sorted_vi(texts) == sorted_vi(list(reversed(texts)))


@given(vietnamese, vietnamese)
def test_a_text_sorts_before_itself_followed_by_more_words(a: str, b: str) -> None:
    assert sort_key(a) <= sort_key(a + " " + b)
