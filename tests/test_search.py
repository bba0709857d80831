"""Finding tasks by their words: the titles are the plans' own (plans/2023/ubqgcds-2023.yaml and others)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdsplan.console import safe
from cdsplan.search import FIELD_WEIGHTS, Document, Hit, Index, _fold_words, search
from cdsplan.text import fold

PLAN = "Kế hoạch hoạt động của Ủy ban Quốc gia về chuyển đổi số năm 2023"
BTTTT = "Bộ Thông tin và Truyền thông"


def task(ref: str, title: str, agencies: str = "", notes: str = "", kind: str = "task") -> Document:
    return Document(ref, kind, {"title": title, "notes": notes, "agencies": agencies, "plan": PLAN})


DOCUMENTS = [
    task("ubqgcds-2023#PL.2.1", "Lễ phát động Tháng dữ liệu mở và Công bố phiên bản mới Cổng dữ liệu quốc gia data.gov.vn", BTTTT),
    task(
        "ubqgcds-2023#PL.2.2",
        "Công bố kế hoạch phát triển dữ liệu mở và cung cấp dữ liệu mở, cung cấp lần đầu dữ liệu mở theo kế hoạch",
        "Bộ, ngành, địa phương",
    ),
    task(
        "ubqgcds-2023#PL.2.3",
        "Công bố Sổ tay hướng dẫn phát triển dữ liệu mở, khóa học trực tuyến miễn phí về dữ liệu mở và ra mắt Liên minh Dữ liệu mở Việt Nam",
        BTTTT,
    ),
    task("ubqgcds-2023#PL.2.4", "Công bố bộ sách chuyên ngành chọn lọc về dữ liệu mở", f"{BTTTT}, Các Nhà Xuất bản"),
    task(
        "ubqgcds-2023#PL.2.5",
        "Thành lập Câu lạc bộ Dữ liệu mở để thúc đẩy, khuyến khích phong trào học tập, nghiên cứu, thảo luận, ứng dụng, phát triển, chia sẻ dữ liệu mở",
        "Các Viện nghiên cứu, Cơ sở giáo dục cao đẳng, đại học, sau đại học",
        notes="Cột Cơ quan chủ trì: 'Các Viện nghiên cứu, cơ sở giáo dục cao đẳng, đại học, sau đại học'.",
    ),
    task(
        "ubqgcds-2023#PL.2.6",
        "Khảo sát, đánh giá nhu cầu về dữ liệu mở của người dân, doanh nghiệp",
        "Liên đoàn Thương mại và Công nghiệp Việt Nam, Hội, Hiệp hội",
    ),
    task("ubqgcds-2023#PL.2.7", "Tổ chức Hội nghị, Hội thảo trong nước và quốc tế về dữ liệu mở", "Hội, Hiệp hội"),
    task(
        "ubqgcds-2023#PL.2.8",
        "Truyền thông về kinh nghiệm, sáng kiến, mô hình cung cấp dữ liệu mở trên thế giới và Việt Nam",
        "Các cơ quan truyền thông, báo chí",
    ),
    task(
        "ubqgcds-2023#I.1.c",
        "100% bộ, ngành, địa phương cung cấp dịch vụ chia sẻ dữ liệu trên nền tảng tích hợp, chia sẻ dữ liệu (NDXP/LGSP).",
        kind="target",
    ),
    task("bkhcn-cds-2023-2025#PL.III.1", "Phát triển Nền tảng tích hợp, chia sẻ dữ liệu LGSP", "Trung tâm Công nghệ thông tin"),
    task(
        "ubqgcds-2023#III.15.a",
        "Phát triển cơ sở dữ liệu quốc gia về giao thông vận tải, gồm dữ liệu về kết cấu hạ tầng giao thông, dữ liệu phương tiện giao thông, dữ liệu người điều khiển phương tiện giao thông trở thành dữ liệu số quốc gia, đặt nền móng cho phát triển kinh tế số - xã hội số.",
        "Bộ Giao thông vận tải",
    ),
    task(
        "ubqgcds-2023#III.24.a",
        "Tổ chức triển khai, hướng dẫn các địa phương triển khai cơ sở dữ liệu đất đai quốc gia và cơ sở dữ liệu Tài nguyên và Môi trường; tổ chức thúc đẩy triển khai nền tảng bản đồ số quốc gia mở làm nền tảng phát triển các dịch vụ số phục vụ phát triển kinh tế - xã hội.",
        "Bộ Tài nguyên và Môi trường",
    ),
    task(
        "ubqgcds-2023#III.17.a",
        "Tổ chức triển khai đẩy mạnh các nền tảng số quốc gia, chỉ đạo các cơ sở y tế, cơ sở khám chữa bệnh triển khai phổ cập hồ sơ sức khỏe điện tử, hồ sơ bệnh án điện tử.",
        "Bộ Y tế",
    ),
]
OPEN_DATA = {document.ref for document in DOCUMENTS if "dữ liệu mở" in document.fields["title"].replace("Dữ", "dữ")}


def refs(hits: list[Hit]) -> list[str]:
    return [hit.ref for hit in hits]


def test_du_lieu_mo_finds_the_open_data_tasks_first() -> None:
    hits = search("du lieu mo", DOCUMENTS, limit=None)
    first = refs(hits)[: len(OPEN_DATA)]
    assert set(first) == OPEN_DATA
    assert hits[0].ref == "ubqgcds-2023#PL.2.2"  # the phrase three times in a short title
    assert hits[0].field == "title"
    assert hits[0].snippet.startswith("Công bố kế hoạch phát triển [dữ liệu mở] và cung cấp [dữ liệu mở]")
    # "bản đồ số quốc gia mở": every word, but not the phrase: after every open-data task.
    assert refs(hits).index("ubqgcds-2023#III.24.a") >= len(OPEN_DATA)


def test_the_snippet_keeps_diacritics_and_marks_the_words_matched() -> None:
    (hit,) = search("Liên minh", DOCUMENTS)
    assert hit.ref == "ubqgcds-2023#PL.2.3"
    assert "[Liên minh] Dữ liệu mở Việt Nam" in hit.snippet
    assert unicodedata.is_normalized("NFC", hit.snippet)


def test_lgsp_finds_the_abbreviation_alone_and_inside_ndxp_lgsp() -> None:
    for query in ("lgsp", "LGSP", "Lgsp", "ndxp/lgsp", "NDXP LGSP"):
        found = refs(search(query, DOCUMENTS))
        assert "ubqgcds-2023#I.1.c" in found, query
        assert found[0] in ("bkhcn-cds-2023-2025#PL.III.1", "ubqgcds-2023#I.1.c")
    (hit,) = [hit for hit in search("lgsp", DOCUMENTS) if hit.kind == "target"]
    assert hit.snippet.endswith("(NDXP/[LGSP]).")


def test_no_match_is_an_empty_list() -> None:
    assert search("blockchain", DOCUMENTS) == []
    assert search("du lieu blockchain", DOCUMENTS) == []  # every word must be there
    assert search("", DOCUMENTS) == [] and search(" ,;– ", DOCUMENTS) == []
    assert search("du lieu mo", []) == []


def test_the_last_word_matches_as_a_beginning() -> None:
    found = refs(search("du lieu m", DOCUMENTS, limit=None))
    assert set(found) >= OPEN_DATA  # "m" begins "mở"
    assert set(found[: len(OPEN_DATA)]) == OPEN_DATA  # "mở" adjacent, in order: the phrase, if begun
    assert refs(search("lien min", DOCUMENTS)) == ["ubqgcds-2023#PL.2.3"]
    assert search("lien min ", DOCUMENTS) == []  # a trailing space: the word is complete


def test_words_in_any_field_all_of_them_required() -> None:
    assert refs(search("lgsp trung tam", DOCUMENTS)) == ["bkhcn-cds-2023-2025#PL.III.1"]  # title + agencies
    assert refs(search("cao dang dai hoc", DOCUMENTS)) == ["ubqgcds-2023#PL.2.5"]  # agencies and notes


def test_accents_are_a_preference_when_typed_and_nothing_when_not() -> None:
    documents = [
        Document("a", "task", {"title": "Công bố dữ liệu mồ"}),
        Document("b", "task", {"title": "Công bố dữ liệu mỡ"}),
        Document("c", "task", {"title": "Công bố dữ liệu mở"}),
        Document("d", "task", {"title": "Công bố dữ liệu mo"}),
    ]
    accented = search("mở", documents)
    assert accented[0].ref == "c" and {hit.ref for hit in accented} == {"a", "b", "c", "d"}
    assert accented[0].score > accented[1].score
    assert refs(search("dữ liệu mở", documents))[0] == "c"
    plain = search("mo", documents)
    assert refs(plain) == ["a", "b", "c", "d"]  # all equal: the tie-break by reference
    assert len({hit.score for hit in plain}) == 1
    assert refs(search("MỞ", documents))[0] == "c"  # case is still nothing


def test_title_over_notes_over_agencies_over_plan() -> None:
    documents = [
        Document("1", "task", {"title": "Một việc", "agencies": "Cục An toàn thông tin"}),
        Document("2", "task", {"title": "Một việc", "notes": "An toàn thông tin"}),
        Document("3", "task", {"title": "An toàn thông tin"}),
        Document("4", "task", {"title": "Một việc", "plan": "Kế hoạch an toàn thông tin"}),
    ]
    hits = search("an toan thong tin", documents)
    assert refs(hits) == ["3", "2", "1", "4"]
    assert [hit.field for hit in hits] == ["title", "notes", "agencies", "plan"]
    assert FIELD_WEIGHTS["title"] > FIELD_WEIGHTS["notes"] > FIELD_WEIGHTS["agencies"] > FIELD_WEIGHTS["plan"]


def test_the_exact_phrase_ranks_first() -> None:
    documents = [
        Document("scattered", "task", {"title": "Mở rộng dữ liệu về kinh tế số và liệu pháp"}),
        Document("phrase", "task", {"title": "Mở rộng kinh tế số về dữ liệu và liệu pháp"}),
        Document("reversed", "task", {"title": "Mở rộng số kinh tế về dữ liệu và liệu pháp"}),
    ]
    assert refs(search("kinh te so", documents))[0] == "phrase"


def test_ties_are_broken_by_reference_whatever_the_input_order() -> None:
    documents = [Document(ref, "task", {"title": "Chuyển đổi số quốc gia"}) for ref in ("p#3", "p#1", "p#2", "p#10")]
    assert refs(search("chuyen doi so", documents)) == ["p#1", "p#10", "p#2", "p#3"]
    assert refs(search("chuyen doi so", list(reversed(documents)))) == ["p#1", "p#10", "p#2", "p#3"]


def test_limit() -> None:
    assert len(search("du lieu", DOCUMENTS, limit=3)) == 3
    having = [document for document in DOCUMENTS if "du lieu" in fold(" ".join(document.fields.values()))]
    assert len(search("du lieu", DOCUMENTS, limit=None)) == len(having) == 12
    assert search("du lieu", DOCUMENTS, limit=0) == []


def test_markers_and_escape_for_a_terminal() -> None:
    documents = [Document("x#1", "task", {"title": "Dữ liệu mở\x1b]0;pwned\x07 cho mọi người"})]
    (hit,) = search("du lieu mo", documents, markers=("\x1b[1m", "\x1b[0m"), escape=safe)
    assert hit.snippet == "\x1b[1mDữ liệu mở\x1b[0m\\x1b]0;pwned\\x07 cho mọi người"


def test_a_long_field_is_cut_around_the_match() -> None:
    notes = "Theo dõi " + "việc triển khai các nhiệm vụ " * 12 + "về cổng dữ liệu mở quốc gia" + " trong năm 2023" * 10
    (hit,) = search("cong du lieu", [Document("x#1", "task", {"notes": notes})])
    assert hit.field == "notes"
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert "[cổng dữ liệu] mở quốc gia" in hit.snippet
    assert len(hit.snippet) <= 100 + 4  # the width, two markers and two ellipses
    assert not hit.snippet[1:].startswith(" ")  # cut at a space, not inside a word


def test_nfd_documents_and_queries_find_the_same() -> None:
    nfd = [Document(d.ref, d.kind, {k: unicodedata.normalize("NFD", v) for k, v in d.fields.items()}) for d in DOCUMENTS]
    expected = [(hit.ref, hit.score) for hit in search("dữ liệu mở", DOCUMENTS)]
    assert [(hit.ref, hit.score) for hit in search(unicodedata.normalize("NFD", "dữ liệu mở"), nfd)] == expected


def test_an_index_is_built_once_and_searched_many_times() -> None:
    index = Index(DOCUMENTS)
    assert len(index) == len(DOCUMENTS)
    for query in ("du lieu mo", "lgsp", "bo y te", "ho so suc khoe"):
        assert index.search(query) == search(query, DOCUMENTS)
    assert refs(index.search("bo y te"))[0] == "ubqgcds-2023#III.17.a"  # an agency name
    assert refs(Index(DOCUMENTS, weights={"agencies": 10}).search("bo thong tin"))[0] != ""


def test_hits_are_data() -> None:
    (hit,) = search("ho so benh an", DOCUMENTS)
    assert (hit.ref, hit.kind, hit.field) == ("ubqgcds-2023#III.17.a", "task", "title")
    assert hit.score > 0 and "[hồ sơ bệnh án] điện tử" in hit.snippet


@given(
    st.text(
        alphabet=st.sampled_from(
            list("aăâbcdđeêghiklmnoôơpqrstuưvxyzĐÊƯ0123 -–—,.;/“”«»()\u00a0\u0300\u0301\u0303\u0309\u0323ộữẳ\u034fßø数")
        ),
        max_size=40,
    )
)
def test_the_fast_fold_is_fold(text: str) -> None:
    assert _fold_words(text) == fold(text).split()


@given(st.text(max_size=40))
def test_the_fast_fold_is_fold_on_anything(text: str) -> None:
    assert _fold_words(text) == fold(text).split()


@pytest.mark.parametrize("query", ["du lieu mo", "mở", "lgsp", "a", "x y z", "dữ liệu m"])
def test_results_are_sorted_by_score_then_reference(query: str) -> None:
    hits = search(query, DOCUMENTS, limit=None)
    assert hits == sorted(hits, key=lambda hit: (-hit.score, hit.ref))
